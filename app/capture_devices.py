"""What can be recorded from: the cameras and microphones found, and a live preview.

Cameras are the V4L2 capture nodes `/dev/videoN` (a webcam often adds a second,
metadata-only node; sysfs tells them apart). Sound comes from the system's default
microphone (the capture backend, media/camera.py, opens ALSA's `default`, which
PulseAudio and PipeWire also serve), so microphones are listed to say what is there,
not to choose one. `SourcePreview` shows what a source sees before recording: it
reads the source on its own thread, keeps only the latest picture and the sound
level in memory, and records nothing.
"""

from __future__ import annotations

import atexit
import re
import threading
import weakref
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from core.i18n import _
from media.recorder import LEVEL_WINDOW, levels
from media.source_spec import open_source
from media.sources import AudioChunk, Frame, SourceInfo
from core.errors import KuaError

SYNTHETIC = "synthetic"
PREVIEW_FPS = 15.0
# What a recording takes on disk, before one has run long enough to measure it:
# H.264 at CRF 23 of a room with people talking, plus 96 kbit/s AAC.
EXPECTED_BYTES_PER_SECOND = {"480p": 170_000, "720p": 330_000, "1080p": 650_000}
MEASURE_AFTER_SECONDS = 10.0

_DEV = Path("/dev")
_SYS_V4L = Path("/sys/class/video4linux")
_ASOUND_PCM = Path("/proc/asound/pcm")

__all__ = ["Camera", "SourcePreview", "list_cameras", "list_microphones",
           "camera_spec", "expected_bytes_per_second"]


@dataclass(frozen=True, slots=True)
class Camera:
    """A camera found on this computer."""

    index: int   # N of /dev/videoN
    name: str    # what the driver calls it, e.g. "Integrated Camera"


def camera_spec(index: int) -> str:
    """The source spec (media.source_spec.open_source) of camera `index`."""
    return f"camera:{index}"


def _is_capture_node(index: int, sys_root: Path) -> bool:
    # A webcam's second node (index 1) carries metadata, not pictures.
    index_file = sys_root / f"video{index}" / "index"
    try:
        return index_file.read_text().strip() == "0"
    except OSError:
        return True  # no sysfs (or an odd driver): let opening it decide


def list_cameras(dev_root: Path = _DEV, sys_root: Path = _SYS_V4L) -> list[Camera]:
    """The cameras that can be recorded from, in device order."""
    found = []
    for path in dev_root.glob("video*"):
        match = re.fullmatch(r"video(\d+)", path.name)
        if not match:
            continue
        index = int(match.group(1))
        if not _is_capture_node(index, sys_root):
            continue
        try:
            name = (sys_root / path.name / "name").read_text().strip()
        except OSError:
            name = ""
        found.append(Camera(index, name or _("Camera {index}").format(index=index)))
    return sorted(found, key=lambda c: c.index)


def list_microphones(pcm_list: Path = _ASOUND_PCM) -> list[str]:
    """Names of the sound inputs ALSA knows (the default one is used for recording)."""
    try:
        lines = pcm_list.read_text().splitlines()
    except OSError:
        return []
    names = []
    for line in lines:
        parts = [p.strip() for p in line.split(":")]
        if any(p.startswith("capture") for p in parts[3:]) and len(parts) > 1:
            names.append(parts[1])
    return names


_LIVE: "weakref.WeakSet[SourcePreview]" = weakref.WeakSet()


@atexit.register
def _release_devices() -> None:
    """At exit, let previews still running close their devices first (a daemon
    thread stopped dead inside OpenCV or FFmpeg can abort the process)."""
    for preview in list(_LIVE):
        preview.wait(2.0)


def expected_bytes_per_second(resolution: str) -> int:
    """What a recording at `resolution` is expected to take on disk each second."""
    return EXPECTED_BYTES_PER_SECOND.get(resolution, EXPECTED_BYTES_PER_SECOND["1080p"])


class SourcePreview:
    """A source opened for looking only: the latest picture and the sound level.

    `start()` returns at once; opening the device happens on the preview's thread,
    and a failure (no camera) ends up in `error`. `stop()` does not wait; `wait()`
    does, until the device is free again (before a recording opens the same one).
    """

    def __init__(self, spec: str, *, width: int, height: int, fps: float = PREVIEW_FPS) -> None:
        self.spec, self.width, self.height, self.fps = spec, width, height, fps
        self.info: SourceInfo | None = None
        self.error: str | None = None  # why it could not be opened, or stopped delivering
        self.lost = False              # it was open, then stopped delivering (unplugged)
        self._latest: Frame | None = None
        self._lock = threading.Lock()
        self._level = np.zeros(0, dtype=np.int16)
        self._stopping = threading.Event()
        self._source = None
        self._thread = threading.Thread(target=self._run, name="kua-preview", daemon=True)

    def start(self) -> None:
        """Open the source and start reading it, on the preview's thread."""
        _LIVE.add(self)
        self._thread.start()

    def stop(self) -> None:
        """Stop reading and release the device soon; returns at once."""
        self._stopping.set()
        source = self._source
        if source is not None:
            source.stop()

    def wait(self, timeout: float = 5.0) -> None:
        """Stop, and block until the device is released."""
        self.stop()
        if self._thread.is_alive():
            self._thread.join(timeout)

    @property
    def running(self) -> bool:
        """True while the source is open (or being opened)."""
        return self._thread.is_alive()

    def latest_frame(self) -> Frame | None:
        """The last picture the source delivered, or None."""
        return self._latest

    def levels(self) -> tuple[float, float]:
        """Peak and RMS sound level (dBFS) of the last moments; -inf when silent."""
        with self._lock:
            return levels(self._level)

    def _run(self) -> None:
        try:
            source = open_source(self.spec, width=self.width, height=self.height, fps=self.fps)
        except KuaError as exc:
            self.error = str(exc)
            return
        except Exception as exc:  # noqa: BLE001 - shown to the user, never raised into Qt
            self.error = _("the source could not be opened ({name})").format(
                name=type(exc).__name__)
            return
        self._source = source
        self.info = source.info
        keep = int((source.info.sample_rate or 0) * LEVEL_WINDOW)
        try:
            if self._stopping.is_set():
                return
            source.start()
            while not self._stopping.is_set():
                item = source.read()
                if item is None:
                    break
                if isinstance(item, AudioChunk):
                    with self._lock:
                        self._level = np.concatenate([self._level, item.samples[:, 0]])[-keep:]
                else:
                    self._latest = item
        except KuaError as exc:
            self.error, self.lost = str(exc), True
        except Exception as exc:  # noqa: BLE001 - see above
            self.error = _("the source failed ({name})").format(name=type(exc).__name__)
            self.lost = True
        finally:
            source.stop()
            source.close()
            self._source = None
            self._latest = None
