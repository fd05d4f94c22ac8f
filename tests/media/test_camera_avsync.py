"""The camera path keeps sound on the picture (issue 19): CameraSource + Recorder.

No camera or microphone here, so both devices are stood in for at the lowest level
Kua touches: OpenCV's `VideoCapture` and the PyAV ALSA input. They are paced by the
wall clock as real devices are (a frame every 1/30 s, a 1024-sample buffer when its
last sample is in), from one shared world clock: the picture is white at each whole
second and the sound beeps from the same instant. Kua's own code stamps them as it
stamps real devices (`time.monotonic()` at delivery, a buffer's length taken off), so
what is measured is its timing, not the fakes'. A flash frame that the machine
handed over late (the test's own thread starved by other work: this machine is shared)
is not judged, since Kua stamps a frame when it gets it; at least two of four must be.
"""

from __future__ import annotations

import io
import threading
import time
from fractions import Fraction

import av
import numpy as np
import pytest

import media.camera as camera
from media.encoder import EncodeSettings
from media.recorder import Recorder
from tests.media.avsync import (TOLERANCE, audio_gaps, beep_times, flash_beep_audio,
                                flash_times)

WIDTH, HEIGHT, FPS, RATE, BUFFER = 320, 180, 30, 48000, 1024
STARVED = 0.004  # s: a flash frame handed over this late is not judged


class _World:
    """The scene both devices capture: its clock starts when it is made."""

    def __init__(self) -> None:
        self.start = time.monotonic()
        self.closed = threading.Event()
        self.flash_late: list[float] = []  # how late each flash frame was handed over (s)

    def wait_until(self, t: float) -> None:
        delay = self.start + t - time.monotonic()
        if delay > 0:
            self.closed.wait(delay)  # the device's own pacing, not the test waiting


class _FakeCapture:
    """cv2.VideoCapture: frame i is captured at world time i / FPS."""

    def __init__(self, world: _World) -> None:
        self.world, self.index = world, 0
        self.grey = np.full((HEIGHT, WIDTH, 3), 90, dtype=np.uint8)

    def isOpened(self) -> bool:
        return True

    def set(self, prop, value) -> bool:
        return True

    def get(self, prop) -> float:
        return {camera.cv2.CAP_PROP_FRAME_WIDTH: WIDTH, camera.cv2.CAP_PROP_FRAME_HEIGHT: HEIGHT,
                camera.cv2.CAP_PROP_FPS: FPS}.get(prop, 0.0)

    def read(self):
        self.world.wait_until(self.index / FPS)
        white = self.index % FPS == 0
        if white:
            late = time.monotonic() - self.world.start - self.index / FPS
            self.world.flash_late.append(late)
        self.index += 1
        return True, (np.full_like(self.grey, 255) if white else self.grey.copy())

    def release(self) -> None:
        self.world.closed.set()


class _FakeMicrophone:
    """The ALSA input: buffer n holds world times [n, n + 1) * BUFFER / real rate, where
    the real rate is RATE * `clock` (a microphone's clock is never quite the system's);
    the buffers `lost` are never delivered (an overrun)."""

    def __init__(self, world: _World, clock: float, lost: range) -> None:
        self.world, self.rate, self.lost = world, RATE * clock, lost

    def decode(self, audio: int = 0):
        n = 0
        while not self.world.closed.is_set():
            self.world.wait_until((n + 1) * BUFFER / self.rate)
            if n in self.lost:
                n += 1
                continue
            times = np.arange(n * BUFFER, (n + 1) * BUFFER) / self.rate
            samples = (flash_beep_audio(times) * 32767).astype(np.int16).reshape(1, -1)
            frame = av.AudioFrame.from_ndarray(samples, format="s16", layout="mono")
            frame.sample_rate, frame.pts, frame.time_base = RATE, n * BUFFER, Fraction(1, RATE)
            n += 1
            yield frame

    def close(self) -> None:
        self.world.closed.set()


MICROPHONES = {  # clock (real rate / nominal), buffers lost
    "exact": (1.0, range(0)),
    # 1 % fast: 30 ms ahead after 3 s if nothing is done (0.01 % is 360 ms an hour)
    "fast clock": (1.01, range(0)),
    "slow clock": (0.99, range(0)),
    # 107 ms of sound lost at 1.3 s: a gap in the timestamps unless it is filled
    "lost buffers": (1.0, range(61, 66)),
}


@pytest.mark.slow
@pytest.mark.parametrize("microphone", list(MICROPHONES))
def test_camera_and_microphone_recording_is_in_step(monkeypatch: pytest.MonkeyPatch,
                                                    microphone: str) -> None:
    """Each beep on its flash, and the stored sound contiguous (no gap or overlap a
    player would play straight through)."""
    clock, lost = MICROPHONES[microphone]
    world = _World()
    monkeypatch.setattr(camera, "_device_exists", lambda index: True)
    monkeypatch.setattr(camera.cv2, "VideoCapture", lambda index, api: _FakeCapture(world))
    monkeypatch.setattr(camera, "_open_microphone", lambda: _FakeMicrophone(world, clock, lost))
    source = camera.CameraSource(0, WIDTH, HEIGHT, FPS)
    assert source.info.sample_rate == RATE
    sink = io.BytesIO()
    recorder = Recorder(source, sink, EncodeSettings(WIDTH, HEIGHT, FPS, "veryfast"),
                        max_seconds=3.3)
    recorder.start()
    recorder._stopping.wait(15)  # set by the recorder once 3.3 s are recorded
    recorder.stop()
    assert recorder.status().dropped_frames == 0
    shown, beeps = flash_times(sink), beep_times(sink)
    assert len(world.flash_late) >= len(shown) >= 4, (shown, world.flash_late)
    judged = [t for t, late in zip(shown, world.flash_late) if late < STARVED]
    offsets = [min(beeps, key=lambda b: abs(b - t)) - t for t in judged]
    assert len(offsets) >= 2, world.flash_late
    assert max(abs(o) for o in offsets) < TOLERANCE, [round(o * 1000, 1) for o in offsets]
    assert audio_gaps(sink) < 0.001
