"""The long-work contract: how far an operation has got (`Progress`), and how to stop it
(`CancelToken`).

Every long operation (add, extract, verify, export, import, sync, restore, a transcode)
takes a `progress` callback that it hands a frozen `Progress`, and a `CancelToken` whose
`check()` it calls between chunks; `check()` raises `Cancelled` once someone asked it to
stop. Consumers (the command line's progress lines, the GUI's bars) read a report by its
attributes, never by its position or length.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Callable

from core.errors import Cancelled

BYTES = "bytes"
SECONDS = "seconds"  # media time


@dataclass(frozen=True, slots=True)
class Progress:
    """How far a long operation has got: `done` of `total` units, and what it is on."""

    done: float                 # units done so far
    total: float | None = None  # units in all; None (or 0) when not known
    unit: str = BYTES           # BYTES, or SECONDS of media time
    message: str = ""           # what it is on: an item id, "bundle-<id>", "3/10 items"
    step: int = 0               # the item it is on, from 1, of `steps` (0: not counted)
    steps: int = 0
    stage: str = ""             # a named stage, e.g. "starting", "transcoding", "finishing"
    rate: float = 0.0           # units per second of wall time, when measured
    eta: float | None = None    # seconds left, when known

    @property
    def per_mille(self) -> int | None:
        """Thousandths done, for a bar from 0 to 1000; None when the total is not known."""
        if not self.total:
            return None
        return min(1000, int(1000 * self.done / self.total))


@dataclass(frozen=True, slots=True, kw_only=True)
class MediaProgress(Progress):
    """Progress through media: `done` and `total` are seconds of media time, `rate` is
    media seconds per wall second (the realtime factor), and frames are counted."""

    frames: int = 0
    fps: float = 0.0            # output frames per second of wall time


ProgressFn = Callable[[Progress], None]


def no_progress(report: Progress) -> None:
    """The progress callback of a caller that does not watch."""


class CancelToken:
    """Set by whoever wants a long operation to stop; checked between chunks."""

    def __init__(self) -> None:
        self.cancelled = False

    def cancel(self) -> None:
        """Ask the operation to stop at its next check."""
        self.cancelled = True

    def check(self) -> None:
        """Raise `Cancelled` if cancellation was asked for."""
        if self.cancelled:
            raise Cancelled()


def byte_counter(total: float, message: str, progress: ProgressFn,
                 cancel: CancelToken | None = None) -> Callable[[int], None]:
    """A callback for a copy loop: add the bytes just copied, stop if asked, report.

    Each call checks `cancel` (when given) and hands `progress` the running total.
    """
    done = 0

    def tick(n: int) -> None:
        nonlocal done
        done += n
        if cancel:
            cancel.check()
        progress(Progress(done, total, message=message))

    return tick
