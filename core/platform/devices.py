"""Naming the camera and the microphone for the capture backend, per system.

FFmpeg (through PyAV) reads devices with a per-system input format, and OpenCV with a
per-system backend; this module is the one place that knows which:

| system  | microphone (PyAV)                 | camera (OpenCV / PyAV)               |
|---------|-----------------------------------|--------------------------------------|
| Linux   | `alsa` "default" (PulseAudio and PipeWire serve it), else `pulse` | V4L2, `/dev/videoN` |
| Windows | `dshow` "audio=NAME"              | Media Foundation / `dshow` "video=NAME" |
| macOS   | `avfoundation` ":N"               | AVFoundation / `avfoundation` "N:none" |

Only Linux has been run. On Windows, DirectShow names devices by their names, not an
index: a microphone without a name given is not opened (the recording goes on,
video only, as with no microphone).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from core.platform import system


@dataclass(frozen=True, slots=True)
class DeviceInput:
    """What `av.open(url, format=format, options=options)` needs to read a device."""

    url: str
    format: str
    options: dict[str, str] = field(default_factory=dict)


def microphone_inputs(name: str | None = None, *, rate: int = 48000,
                      channels: int = 1) -> list[DeviceInput]:
    """The inputs to try, in order, for the default (or named) microphone."""
    options = {"sample_rate": str(rate), "channels": str(channels)}
    if system.NAME == "windows":
        return [DeviceInput(f"audio={name}", "dshow", options)] if name else []
    if system.NAME == "macos":
        return [DeviceInput(f":{name or '0'}", "avfoundation", options)]
    return [DeviceInput(name or "default", "alsa", options),
            DeviceInput(name or "default", "pulse", options)]


def camera_input(index: int, name: str | None = None) -> DeviceInput:
    """The PyAV input of camera `index` (on Windows its `name`)."""
    if system.NAME == "windows":
        return DeviceInput(f"video={name or index}", "dshow")
    if system.NAME == "macos":
        return DeviceInput(f"{index}:none", "avfoundation")
    return DeviceInput(f"/dev/video{index}", "v4l2")


def opencv_backend() -> str:
    """The name of the OpenCV capture backend constant (`getattr(cv2, name)`)."""
    return {"windows": "CAP_MSMF", "macos": "CAP_AVFOUNDATION"}.get(system.NAME, "CAP_V4L2")


def camera_present(index: int, dev_root: Path = Path("/dev")) -> bool:
    """False if camera `index` surely is not there (Linux: no /dev/videoN); elsewhere
    only opening it can tell, so True."""
    if system.NAME == "linux":
        return (dev_root / f"video{index}").exists()
    return True
