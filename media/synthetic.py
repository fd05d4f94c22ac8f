"""A synthetic source for demos and tests, on any machine: no camera, no microphone.

Video: colour bars with a box moving across, the frame number and the media clock
burned in; the first frame of every second is all white (the flash). Audio: a quiet
440 Hz tone, and a loud 1 kHz beep for the first 100 ms of every second. Flash and
beep start at the same media time, so the A/V offset of a recording can be measured
from it (tests/media/avsync.py).
"""

from __future__ import annotations

import math

import cv2
import numpy as np

from media.sources import AudioChunk, Frame, Pacer, SourceInfo

SAMPLE_RATE = 48000
BEEP_SECONDS = 0.1
TONE_DBFS, BEEP_DBFS = -20.0, -3.0


def _bars(width: int, height: int) -> np.ndarray:
    colours = np.array([[192, 192, 192], [192, 192, 0], [0, 192, 192], [0, 192, 0],
                        [192, 0, 192], [192, 0, 0], [0, 0, 192]], dtype=np.uint8)
    columns = (np.arange(width) * len(colours) // width)
    image = np.empty((height, width, 3), dtype=np.uint8)
    image[:] = colours[columns][None, :, :]
    image[height * 3 // 4:] = np.linspace(0, 255, width, dtype=np.uint8)[None, :, None]
    return image


class SyntheticSource:
    """Test pattern and tone at `fps`, delivered in real time unless `realtime=False`."""

    def __init__(self, width: int = 1280, height: int = 720, fps: float = 30.0,
                 realtime: bool = True, duration: float | None = None,
                 audio: bool = True) -> None:
        self.info = SourceInfo(width, height, fps, SAMPLE_RATE if audio else None, 1,
                               "synthetic test pattern")
        self._base = _bars(width, height)
        self._white = np.full((height, width, 3), 255, dtype=np.uint8)
        self._pacer = Pacer(realtime)
        self._duration = duration
        self._frame = 0
        self._audio_sample = 0
        self._next_is_audio = False
        self._stopped = False
        self._per_second = max(1, round(fps))

    def start(self) -> None:
        """Nothing to open."""

    def stop(self) -> None:
        """End the stream at the next read."""
        self._stopped = True

    def close(self) -> None:
        """Nothing to free."""

    def read(self) -> Frame | AudioChunk | None:
        """The next video frame or the audio chunk that goes with it."""
        if self._stopped:
            return None
        if self._next_is_audio:
            self._next_is_audio = False
            if self.info.sample_rate:
                return self._audio_until(self._frame / self.info.fps)
        pts = self._frame / self.info.fps
        if self._duration is not None and pts >= self._duration:
            return None
        self._pacer.wait_until(pts)
        image = self._draw(self._frame, pts)
        self._frame += 1
        self._next_is_audio = True
        return Frame(pts, image)

    def _draw(self, index: int, pts: float) -> np.ndarray:
        if index % self._per_second == 0:
            return self._white.copy()
        w, h = self.info.width, self.info.height
        image = self._base.copy()
        size = h // 6
        x = int((index * w / (4 * self._per_second)) % (w - size))
        cv2.rectangle(image, (x, h // 3), (x + size, h // 3 + size), (255, 255, 255), -1)
        scale = h / 360
        cv2.putText(image, f"frame {index}", (int(20 * scale), int(40 * scale)),
                    cv2.FONT_HERSHEY_SIMPLEX, scale, (0, 0, 0), max(1, int(2 * scale)))
        cv2.putText(image, f"{int(pts // 60):02d}:{pts % 60:06.3f}", (int(20 * scale), int(80 * scale)),
                    cv2.FONT_HERSHEY_SIMPLEX, scale, (0, 0, 0), max(1, int(2 * scale)))
        return image

    def _audio_until(self, end_pts: float) -> AudioChunk:
        start = self._audio_sample
        stop = int(round(end_pts * SAMPLE_RATE))
        self._audio_sample = stop
        t = np.arange(start, stop) / SAMPLE_RATE
        tone = 10 ** (TONE_DBFS / 20) * np.sin(2 * math.pi * 440 * t)
        beep = 10 ** (BEEP_DBFS / 20) * np.sin(2 * math.pi * 1000 * t)
        in_beep = (t % 1.0) < BEEP_SECONDS
        wave = np.where(in_beep, beep, tone)
        samples = (wave * 32767).astype(np.int16).reshape(-1, 1)
        return AudioChunk(start / SAMPLE_RATE, samples)
