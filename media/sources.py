"""Capture sources: timestamped video frames and audio buffers, live or replayed.

A source is opened with `start()`, then its `read()` returns the next `Frame` or
`AudioChunk` in presentation order (None at the end), paced like a live device:
`read()` blocks until the media would have arrived. Timestamps are seconds from the
start. `stop()` ends it early; `close()` frees the device.

The sources themselves are media/synthetic.py, camera.py and file_source.py;
`media.source_spec.open_source("synthetic" | "camera[:N]" | "file:PATH")` picks one.
"""

from __future__ import annotations

import glob
import time
from dataclasses import dataclass
from typing import Protocol

import numpy as np

from core.i18n import _
from core.errors import MediaError


# The capture sizes a recording can ask for (`kua record --resolution`, the recorder's picker).
RESOLUTIONS = {"480p": (854, 480), "720p": (1280, 720), "1080p": (1920, 1080)}


@dataclass(frozen=True, slots=True)
class Frame:
    """One video frame: RGB24 pixels (height x width x 3, uint8)."""

    pts: float
    image: np.ndarray


@dataclass(frozen=True, slots=True)
class AudioChunk:
    """Interleaved signed 16-bit audio samples (n x channels)."""

    pts: float
    samples: np.ndarray


@dataclass(frozen=True, slots=True)
class SourceInfo:
    """What a source delivers."""

    width: int
    height: int
    fps: float
    sample_rate: int | None  # None: no audio
    channels: int
    description: str


class Source(Protocol):
    """What the recorder needs from a source."""

    info: SourceInfo

    def start(self) -> None: ...

    def read(self) -> Frame | AudioChunk | None: ...

    def stop(self) -> None: ...

    def close(self) -> None: ...


class Pacer:
    """Blocks until a timestamp is due on the wall clock (live-like delivery)."""

    def __init__(self, realtime: bool = True) -> None:
        self.realtime = realtime
        self._t0: float | None = None

    def wait_until(self, pts: float) -> None:
        """Sleep until `pts` seconds after the first call."""
        if not self.realtime:
            return
        now = time.monotonic()
        if self._t0 is None:
            self._t0 = now
        delay = self._t0 + pts - now
        if delay > 0:
            time.sleep(delay)


def no_camera_error() -> MediaError:
    """The error for a missing camera, listing the video devices that do exist."""
    found = sorted(glob.glob("/dev/video*"))
    listed = ", ".join(found) if found else _("no /dev/video* devices at all")
    return MediaError(_("no camera found ({listed})").format(listed=listed))

