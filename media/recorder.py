"""A live recording: a capture thread, a bounded queue, an encoding thread.

The capture thread reads the source at its own pace and never waits for the
encoder: when the queue is full a video frame is dropped and counted (audio is
never dropped; a burst of it may briefly block capture instead). The encoding thread
muxes into the sink (the vault's sealing writer). Pause keeps capturing (for the
preview and the level meter) but encodes nothing; on resume, timestamps continue
where they stopped, and each pause is kept as a chapter mark.
"""

from __future__ import annotations

import math
import queue
import threading
import time
from dataclasses import dataclass, field
from typing import BinaryIO, Callable

import cv2
import numpy as np

from core.i18n import _
from core.errors import KuaError, MediaError

from media.encoder import EncodeSettings, LiveEncoder
from media.sources import AudioChunk, Frame, Source

QUEUE_SECONDS = 1.0
LEVEL_WINDOW = 0.3  # seconds of audio behind the level meter


@dataclass(frozen=True, slots=True)
class RecordStatus:
    """What the recorder shows while it runs."""

    elapsed: float          # recorded media time, pauses excluded
    paused: bool
    peak_dbfs: float        # over the last LEVEL_WINDOW seconds; -inf for silence
    rms_dbfs: float
    dropped_frames: int
    frames: int
    bytes_written: int
    error: str | None = None


@dataclass(frozen=True, slots=True)
class Chapter:
    """A stretch of the recording between pauses (output time, seconds)."""

    start: float
    end: float


def dbfs(value: float) -> float:
    """Level of a 0..1 amplitude in dB relative to full scale."""
    return 20 * math.log10(value) if value > 0 else float("-inf")


def levels(samples: np.ndarray) -> tuple[float, float]:
    """Peak and RMS level (dBFS) of signed 16-bit samples; -inf for silence or none."""
    level = samples.astype(np.float32) / 32768.0
    peak = float(np.max(np.abs(level))) if level.size else 0.0
    rms = float(np.sqrt(np.mean(level * level))) if level.size else 0.0
    return dbfs(peak), dbfs(rms)


@dataclass
class _Clock:
    """Maps source time to output time, skipping pauses."""

    paused_at: float | None = None
    offset: float = 0.0
    resume_pending: bool = False
    chapters: list[Chapter] = field(default_factory=list)
    chapter_start: float = 0.0


class Recorder:
    """Record `source` into `sink` with `settings`; `start()`, then `stop()`."""

    def __init__(self, source: Source, sink: BinaryIO, settings: EncodeSettings,
                 flush_every: float = 1.0, on_flush: Callable[[], None] | None = None,
                 max_seconds: float | None = None) -> None:
        self._source = source
        self._sink = sink
        self._settings = settings
        depth = max(4, int(source.info.fps * QUEUE_SECONDS))
        self._queue: queue.Queue[Frame | AudioChunk | None] = queue.Queue(depth * 2)
        self._video_queued = 0
        self._lock = threading.Lock()
        self._clock = _Clock()
        self._dropped = 0
        self._frames = 0
        self._elapsed = 0.0
        self._level = np.zeros(0, dtype=np.int16)
        self._latest: Frame | None = None
        self._error: BaseException | None = None  # the encoder's: the file is unfinished
        self.source_error: KuaError | None = None  # the source's: the file was finished
        self._flush_every = flush_every
        self._on_flush = on_flush
        self._threads: list[threading.Thread] = []
        self._stopping = threading.Event()
        self._max = max_seconds  # recorded time (pauses excluded) at which to end

    # -- control -------------------------------------------------------------

    def start(self) -> None:
        """Open the source and start both threads."""
        self._source.start()
        self._encoder = LiveEncoder(self._sink, self._source.info, self._settings)
        for target, name in ((self._capture, "kua-capture"), (self._encode, "kua-encode")):
            thread = threading.Thread(target=target, name=name, daemon=True)
            thread.start()
            self._threads.append(thread)

    def pause(self) -> None:
        """Stop encoding until `resume()`; the file stays one continuous recording."""
        with self._lock:
            if self._clock.paused_at is None:
                self._clock.paused_at = self._elapsed
                self._clock.chapters.append(Chapter(self._clock.chapter_start, self._elapsed))

    def resume(self) -> None:
        """Encode again, continuing the timestamps from where the pause began."""
        with self._lock:
            if self._clock.paused_at is not None:
                self._clock.resume_pending = True

    def stop(self) -> list[Chapter]:
        """Stop capture, encode what is queued, finish the file. Returns the chapters.

        Raises the encoder's error (e.g. DiskFull), after which the file is unfinished.
        A source that failed (camera unplugged) ends the recording normally: its error
        is in `source_error`.
        """
        self._stopping.set()
        self._source.stop()
        for thread in self._threads:
            thread.join()
        self._source.close()
        if self._error is not None:
            raise self._error if isinstance(self._error, KuaError) else MediaError(
                _("recording stopped: {error}").format(error=self._error))
        with self._lock:
            if self._clock.paused_at is None:
                self._clock.chapters.append(Chapter(self._clock.chapter_start, self._elapsed))
            return list(self._clock.chapters)

    @property
    def running(self) -> bool:
        """True until the source ends, `stop()` is called or an error stops it."""
        return any(t.is_alive() for t in self._threads)

    def status(self) -> RecordStatus:
        """Elapsed time, audio level, dropped frames and bytes written, now."""
        with self._lock:
            peak, rms = levels(self._level)
            error = self._error or self.source_error
            return RecordStatus(self._elapsed, self._clock.paused_at is not None, peak, rms,
                                self._dropped, self._frames, self._sink.tell(),
                                None if error is None else str(error))

    def latest_frame(self) -> Frame | None:
        """The last picture the source delivered (paused or not), for a live preview.

        Safe from any thread: the reference is swapped whole and frames are never
        changed after capture.
        """
        return self._latest

    def still_jpeg(self, quality: int = 92) -> bytes:
        """The latest frame as JPEG bytes, in memory (for a still photo item)."""
        frame = self._latest
        if frame is None:
            raise MediaError(_("no picture yet: wait for the preview to appear"))
        ok, data = cv2.imencode(".jpg", cv2.cvtColor(frame.image, cv2.COLOR_RGB2BGR),
                                [cv2.IMWRITE_JPEG_QUALITY, quality])
        if not ok:
            raise MediaError(_("could not encode the still photo"))
        return data.tobytes()

    # -- threads -------------------------------------------------------------

    def _capture(self) -> None:
        try:
            while not self._stopping.is_set() and self._error is None:
                item = self._source.read()
                if item is None:
                    break
                if isinstance(item, Frame):
                    self._latest = item
                    if self._video_queued >= self._queue.maxsize // 2:
                        with self._lock:
                            self._dropped += 1  # the encoder is behind: counted, not hidden
                        continue
                    with self._lock:
                        self._video_queued += 1
                else:
                    with self._lock:
                        keep = int(self._source.info.sample_rate * LEVEL_WINDOW)
                        self._level = np.concatenate([self._level, item.samples[:, 0]])[-keep:]
                self._queue.put(item)
        except KuaError as exc:  # the source failed: finish the file with what came
            self.source_error = exc
        except BaseException as exc:  # noqa: BLE001 - reported by stop() and status()
            self.source_error = MediaError(_("the source failed ({error})").format(error=type(exc).__name__))
        finally:
            self._queue.put(None)

    def _encode(self) -> None:
        last_flush = time.monotonic()
        try:
            while (item := self._queue.get()) is not None:
                if isinstance(item, Frame):
                    with self._lock:
                        self._video_queued -= 1
                pts = self._output_time(item.pts, isinstance(item, Frame))
                if pts is None:
                    continue
                if isinstance(item, Frame):
                    self._encoder.video(item, pts)
                    with self._lock:
                        self._frames += 1
                else:
                    self._encoder.audio(item, pts)
                if self._on_flush and time.monotonic() - last_flush >= self._flush_every:
                    self._on_flush()
                    last_flush = time.monotonic()
            self._encoder.close()
        except BaseException as exc:  # noqa: BLE001 - reported by stop() and status()
            self._error = exc
            self._source.stop()
            while self._queue.get() is not None:  # let the capture thread finish
                pass

    def _output_time(self, source_pts: float, video: bool = False) -> float | None:
        """Source time to output time; None while paused.

        A video frame let through counts in `_elapsed` at once, under the same lock as
        `pause()`: a pause never begins before a frame already on its way to the
        encoder, so the first frame after resuming cannot reuse that frame's timestamp
        (two frames with one timestamp made the MP4 muxer fail with EINVAL).
        """
        with self._lock:
            clock = self._clock
            if clock.resume_pending:
                clock.offset = source_pts - clock.paused_at
                clock.paused_at = None
                clock.resume_pending = False
                clock.chapter_start = source_pts - clock.offset
            if clock.paused_at is not None:
                return None
            pts = source_pts - clock.offset
            if self._max is not None and pts >= self._max - 1e-6:
                self._stopping.set()  # long enough: the capture thread ends the stream
                return None
            if video:
                self._elapsed = max(self._elapsed, pts + 1 / self._source.info.fps)
            return pts
