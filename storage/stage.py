"""An ordered background stage: one helper thread that runs submitted calls in turn.

The sealing writer uses two, so that hashing (hashlib releases the GIL) and writing
(os.write releases it) run on the other core while the caller's thread encrypts
(AES-GCM in `cryptography` holds the GIL). The first error raised in the thread is
kept and raised again in the submitting thread at its next `submit` or `drain`, so
nothing fails silently.
"""

from __future__ import annotations

import queue
import threading
from typing import Any, Callable


class Stage:
    """Run calls in submission order on one daemon thread."""

    def __init__(self, name: str, depth: int = 4) -> None:
        self._queue: queue.Queue[tuple[Callable[..., Any], tuple, bool] | None] = queue.Queue(depth)
        self._error: BaseException | None = None
        self._thread = threading.Thread(target=self._run, name=name, daemon=True)
        self._thread.start()

    def _run(self) -> None:
        while (job := self._queue.get()) is not None:
            fn, args, always = job
            if always or self._error is None:  # after a failure, work is skipped
                try:
                    fn(*args)
                except BaseException as exc:  # noqa: BLE001 - handed to the submitter
                    self._error = exc

    def _raise(self) -> None:
        if self._error is not None:
            raise self._error

    def submit(self, fn: Callable[..., Any], *args: Any) -> None:
        """Queue `fn(*args)`; blocks while the queue is full. Raises an earlier failure."""
        self._raise()
        self._queue.put((fn, args, False))

    def drain(self) -> None:
        """Wait until every call submitted so far has run; raise the first failure."""
        done = threading.Event()
        self._queue.put((done.set, (), True))
        done.wait()
        self._raise()

    def close(self) -> None:
        """Drain, then stop the thread."""
        try:
            self.drain()
        finally:
            self.abandon()

    def abandon(self) -> None:
        """Stop the thread after what is queued, ignoring failures."""
        if self._thread.is_alive():
            self._queue.put(None)
            self._thread.join()
