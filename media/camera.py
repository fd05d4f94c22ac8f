"""A webcam (OpenCV, V4L2) and a microphone (PyAV's ALSA input), as one live source.

The system's device names and backends (V4L2/ALSA here, Media Foundation/DirectShow on
Windows, AVFoundation on macOS) come from core.platform.devices.

Why OpenCV for video: `opencv-python-headless` reads V4L2 cameras from a plain thread
with no Qt event loop, and PyAV's bundled FFmpeg has no v4l2 input. Why PyAV for
sound: its FFmpeg has ALSA input (which PulseAudio and PipeWire also serve), so no
Qt is needed in media/. With no microphone the recording goes on, video only, and
`kua record` says so. A camera that stops delivering frames (unplugged) ends the
stream: what was recorded is kept.
"""

from __future__ import annotations

import queue
import threading
import time

import av
import cv2
import numpy as np

from core import platform
from core.i18n import _
from core.errors import MediaError

from media.sources import AudioChunk, Frame, SourceInfo, no_camera_error

_FAILED_READS = 15  # consecutive failed grabs before the camera counts as gone


def _device_exists(index: int) -> bool:
    return platform.camera_present(index)


def _open_microphone() -> av.container.InputContainer | None:
    for device in platform.microphone_inputs(rate=48000, channels=1):
        try:
            return av.open(device.url, format=device.format, options=dict(device.options))
        except (av.FFmpegError, OSError, ValueError):
            continue
    return None


class CameraSource:
    """Camera `index` and the default microphone."""

    def __init__(self, index: int, width: int, height: int, fps: float) -> None:
        if not _device_exists(index):
            raise no_camera_error()
        self._cap = cv2.VideoCapture(index, getattr(cv2, platform.opencv_backend()))
        if not self._cap.isOpened():
            raise no_camera_error()
        self._cap.set(cv2.CAP_PROP_FRAME_WIDTH, width)
        self._cap.set(cv2.CAP_PROP_FRAME_HEIGHT, height)
        self._cap.set(cv2.CAP_PROP_FPS, fps)
        w = int(self._cap.get(cv2.CAP_PROP_FRAME_WIDTH)) or width
        h = int(self._cap.get(cv2.CAP_PROP_FRAME_HEIGHT)) or height
        real_fps = float(self._cap.get(cv2.CAP_PROP_FPS)) or fps
        self._mic = _open_microphone()
        self.info = SourceInfo(w, h, real_fps, 48000 if self._mic else None, 1,
                               f"camera {index}")
        self._queue: queue.Queue[Frame | AudioChunk | None] = queue.Queue(256)
        self._stop = threading.Event()
        self._threads: list[threading.Thread] = []
        self._t0 = 0.0
        self.lost = False

    def start(self) -> None:
        """Start grabbing frames and sound."""
        self._t0 = time.monotonic()
        targets = [self._grab_video] + ([self._grab_audio] if self._mic else [])
        for target in targets:
            thread = threading.Thread(target=target, daemon=True, name="kua-camera")
            thread.start()
            self._threads.append(thread)

    def _grab_video(self) -> None:
        failures = 0
        while not self._stop.is_set():
            ok, bgr = self._cap.read()
            if not ok:
                failures += 1
                if failures >= _FAILED_READS:
                    self.lost = True
                    break
                time.sleep(0.01)
                continue
            failures = 0
            pts = time.monotonic() - self._t0
            self._queue.put(Frame(pts, cv2.cvtColor(bgr, cv2.COLOR_BGR2RGB)))
        self._queue.put(None)

    def _grab_audio(self) -> None:
        resampler = av.AudioResampler(format="s16", layout="mono", rate=48000)
        try:
            for frame in self._mic.decode(audio=0):
                if self._stop.is_set():
                    break
                pts = time.monotonic() - self._t0 - frame.samples / 48000
                for out in resampler.resample(frame):
                    self._queue.put(AudioChunk(max(0.0, pts),
                                               out.to_ndarray().reshape(-1, 1).astype(np.int16)))
        except av.FFmpegError:
            pass  # the microphone went away: video goes on

    def read(self) -> Frame | AudioChunk | None:
        """The next frame or audio chunk, as the devices deliver them."""
        item = self._queue.get()
        if item is None and self.lost:
            raise MediaError(_("the camera stopped delivering pictures (unplugged?); the "
                               "recording was kept"))
        return item

    def stop(self) -> None:
        """Stop grabbing."""
        self._stop.set()

    def close(self) -> None:
        """Release the camera and the microphone."""
        self._stop.set()
        for thread in self._threads:
            thread.join(timeout=2)
        self._cap.release()
        if self._mic is not None:
            self._mic.close()
