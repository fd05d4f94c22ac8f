"""Capture sources by name: `open_source("synthetic" | "camera[:N]" | "file:PATH")`.

The concrete sources (media/synthetic.py, media/camera.py, media/file_source.py) build
on the types of media/sources.py; this module alone knows all of them, so the base
never imports what builds on it.
"""

from __future__ import annotations

from core.i18n import _
from core.errors import MediaError

from media.sources import Source


def open_source(spec: str, *, width: int = 1280, height: int = 720, fps: float = 30.0,
                realtime: bool = True) -> Source:
    """The source named by `spec`: synthetic, camera[:N] or file:PATH."""
    # Each is imported when asked for: OpenCV and FFmpeg load only for the source in use.
    if spec == "synthetic":
        from media.synthetic import SyntheticSource
        return SyntheticSource(width, height, fps, realtime=realtime)
    if spec == "camera" or spec.startswith("camera:"):
        from media.camera import CameraSource
        index = spec.partition(":")[2] or "0"
        if not index.isdigit():
            raise MediaError(_("camera number must be a number, not {index}").format(index=repr(index)))
        return CameraSource(int(index), width, height, fps)
    if spec.startswith("file:"):
        from media.file_source import FileSource
        return FileSource(spec[5:], realtime=realtime)
    raise MediaError(_("unknown source {spec}: use synthetic, camera[:N] or file:PATH").format(spec=repr(spec)))
