"""Clips for the transcoding tests, made in memory: a marked picture, phone formats, faces.

`marked_clip` shows (once turned upright by its display rotation) a white square in
the top-left corner on grey, so a test can tell an upright output from a turned one.
`face_clip` pans and zooms over scikit-image's `astronaut` photograph (a test-only
dependency), so the face moves across the frame.
"""

from __future__ import annotations

import io
from fractions import Fraction

import av
import numpy as np

from media.transcode import transcode
from media.transcode_mp4 import faststart
from media.transcode_profiles import Profile


def _encode(frames: list[np.ndarray], fps: int, container: str, vcodec: str, acodec: str | None,
            rotate: int = 0, seconds_audio: float | None = None) -> bytes:
    buffer = io.BytesIO()
    with av.open(buffer, "w", format=container) as out:
        options = {"preset": "ultrafast"} if vcodec in ("libx264", "libx265") else {}
        if vcodec == "libx265":
            options["x265-params"] = "log-level=none"
        if vcodec.startswith("libvpx"):
            options = {"deadline": "realtime", "cpu-used": "8"}
        video = out.add_stream(vcodec, rate=fps, options=options)
        height, width = frames[0].shape[:2]
        video.width, video.height, video.pix_fmt = width, height, "yuv420p"
        if rotate:
            video.set_display_rotation(-rotate)
        audio = None
        if acodec:
            audio = out.add_stream(acodec, rate=8000 if acodec == "libopencore_amrnb" else 48000,
                                   layout="mono")
            if acodec == "libopencore_amrnb":
                audio.bit_rate = 12200
        for index, image in enumerate(frames):
            frame = av.VideoFrame.from_ndarray(image, format="rgb24")
            frame.pts, frame.time_base = index, Fraction(1, fps)
            out.mux(video.encode(frame))
        out.mux(video.encode(None))
        if audio is not None:
            rate = audio.codec_context.sample_rate
            total = int((seconds_audio or len(frames) / fps) * rate)
            t = np.arange(total) / rate
            samples = (6000 * np.sin(2 * np.pi * 440 * t)).astype(np.int16)
            for start in range(0, total, 1024):
                chunk = samples[start:start + 1024].reshape(1, -1)
                af = av.AudioFrame.from_ndarray(chunk, format="s16", layout="mono")
                af.sample_rate, af.pts, af.time_base = rate, start, Fraction(1, rate)
                out.mux(audio.encode(af))
            out.mux(audio.encode(None))
    return buffer.getvalue()


def marked_frames(width: int, height: int, count: int) -> list[np.ndarray]:
    """Upright pictures: grey, a white square top-left, a moving dark bar (content)."""
    frames = []
    for index in range(count):
        image = np.full((height, width, 3), 96, dtype=np.uint8)
        side = min(width, height) // 4
        image[:side, :side] = 255
        x = (index * 7) % max(1, width - 8)
        image[height // 2:, x:x + 8] = 16
        frames.append(image)
    return frames


def marked_clip(width: int = 320, height: int = 240, seconds: float = 2.0, fps: int = 15,
                rotate: int = 0, container: str = "mp4", vcodec: str = "libx264",
                acodec: str | None = "aac") -> bytes:
    """A clip that displays `marked_frames(width, height)`, stored turned by `rotate`
    (clockwise display rotation, as phones write portrait video)."""
    upright = marked_frames(width, height, int(round(seconds * fps)))
    stored = [np.ascontiguousarray(np.rot90(f, k=rotate // 90)) for f in upright]
    return _encode(stored, fps, container, vcodec, acodec, rotate)


def face_clip(seconds: float = 2.0, fps: int = 15, size: tuple[int, int] = (640, 480)) -> bytes:
    """The astronaut photograph, panned and zoomed, as H.264 + AAC in MP4."""
    from skimage import data
    photo = data.astronaut()
    width, height = size
    frames = []
    count = int(round(seconds * fps))
    for index in range(count):
        zoom = 1.2 + 0.4 * index / max(1, count - 1)
        big = np.asarray(av.VideoFrame.from_ndarray(photo, format="rgb24").reformat(
            width=int(512 * zoom * width / 512), height=int(512 * zoom * width / 512)).to_ndarray())
        x = int((big.shape[1] - width) * index / max(1, count - 1) * 0.6)
        y = max(0, min(big.shape[0] - height, int(big.shape[0] * 0.05)))
        frames.append(np.ascontiguousarray(big[y:y + height, x:x + width]))
    return _encode(frames, fps, "mp4", "libx264", "aac")


def run_profile(data: bytes, profile: Profile) -> bytes:
    """Transcode `data` in memory; MP4 outputs made faststart as the app does."""
    sink = io.BytesIO()
    transcode(io.BytesIO(data), sink, profile)
    raw = sink.getvalue()
    if profile.container != "mp4":
        return raw
    out = io.BytesIO()
    faststart(io.BytesIO(raw), len(raw), out)
    return out.getvalue()


def decode_all(data: bytes) -> tuple[dict, list[np.ndarray]]:
    """(facts about the file, its video frames as RGB arrays)."""
    with av.open(io.BytesIO(data)) as container:
        facts = {"format": container.format.name,
                 "duration": container.duration / av.time_base if container.duration else None,
                 "streams": [(s.type, s.codec_context.name) for s in container.streams],
                 "metadata": dict(container.metadata)}
        video = container.streams.video[0] if container.streams.video else None
        if video is not None:
            facts["size"] = (video.codec_context.width, video.codec_context.height)
            facts["rotation"] = None
        frames = []
        if video is not None:
            for frame in container.decode(video=0):
                if facts["rotation"] is None:
                    facts["rotation"] = frame.rotation or 0
                frames.append(frame.to_ndarray(format="rgb24"))
        if container.streams.audio:
            a = container.streams.audio[0].codec_context
            facts["audio"] = (a.name, a.sample_rate, a.channels)
    return facts, frames


def encode_rgb(frames: list[np.ndarray], fps: int = 30) -> bytes:
    """RGB frames as an H.264 + AAC MP4 (a tone as sound), in memory."""
    return _encode(frames, fps, "mp4", "libx264", "aac")
