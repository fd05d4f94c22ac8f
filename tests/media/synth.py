"""Small synthetic media files for tests, built in memory with PyAV (no numpy, no disk)."""

from __future__ import annotations

import io
import math
import struct
from fractions import Fraction

import av

# One container default per video/audio codec choice.
_VIDEO_CODECS = {"mp4": ("libx264", "aac"), "mov": ("libx264", "aac"),
                 "matroska": ("libx264", "aac"), "webm": ("libvpx-vp9", "libopus")}
_AUDIO_CONTAINERS = {"aac": "mp4", "opus": "ogg", "libopus": "ogg", "pcm_s16le": "wav",
                     "mp3": "mp3", "libmp3lame": "mp3", "flac": "flac"}
_AUDIO_ENCODERS = {"opus": "libopus", "mp3": "libmp3lame"}
_PATTERN = bytes(range(256)) * 40  # long enough to slice any row of width <= 10 000


def _plane_bytes(line_size: int, height: int, shift: int) -> bytes:
    """A diagonal ramp (value = x + y + shift), padded to the plane's line size."""
    return b"".join(_PATTERN[(y + shift) % 256:(y + shift) % 256 + line_size]
                    for y in range(height))


def _video_frame(width: int, height: int, index: int, fmt: str = "yuv420p") -> av.VideoFrame:
    """A frame whose luma pattern moves by 4 pixels per frame; chroma is a flat tint."""
    frame = av.VideoFrame(width, height, fmt)
    for number, plane in enumerate(frame.planes):
        rows = plane.buffer_size // plane.line_size
        if number == 0 or fmt in ("rgb24", "rgba"):
            plane.update(_plane_bytes(plane.line_size, rows, index * 4))
        else:
            plane.update(bytes([96 + 64 * number]) * plane.buffer_size)
    return frame


def _audio_frames(seconds: float, rate: int, chunk: int = 1024) -> list[av.AudioFrame]:
    """Mono s16 frames of a 440 Hz tone lasting `seconds`."""
    total = int(round(seconds * rate))
    frames = []
    for start in range(0, total, chunk):
        count = min(chunk, total - start)
        samples = [int(8000 * math.sin(2 * math.pi * 440 * (start + i) / rate)) for i in range(count)]
        frame = av.AudioFrame(format="s16", layout="mono", samples=count)
        frame.planes[0].update(struct.pack(f"<{count}h", *samples).ljust(frame.planes[0].buffer_size, b"\0"))
        frame.sample_rate = rate
        frame.pts = start
        frame.time_base = Fraction(1, rate)
        frames.append(frame)
    return frames


def _encode_audio(output: av.container.OutputContainer, stream: av.AudioStream, seconds: float) -> None:
    for frame in _audio_frames(seconds, stream.codec_context.sample_rate):
        output.mux(stream.encode(frame))
    output.mux(stream.encode(None))


def make_video(seconds: float = 1.0, width: int = 320, height: int = 240, fps: int = 15,
               audio: bool = True, container: str = "mp4", rotate: int = 0,
               video_codec: str | None = None) -> bytes:
    """A short video (H.264 + AAC in mp4 by default; VP9 + Opus for webm) as bytes.

    `rotate` is the clockwise display rotation (the classic `rotate` tag), written as a
    display matrix.
    """
    vcodec, acodec = _VIDEO_CODECS[container]
    vcodec = video_codec or vcodec
    buffer = io.BytesIO()
    with av.open(buffer, mode="w", format=container) as output:
        options = {"preset": "ultrafast"} if vcodec == "libx264" else {}
        if vcodec.startswith("libvpx"):
            options = {"deadline": "realtime", "cpu-used": "8", "lag-in-frames": "0"}
        vstream = output.add_stream(vcodec, rate=fps, options=options)
        vstream.width, vstream.height, vstream.pix_fmt = width, height, "yuv420p"
        if rotate:
            vstream.set_display_rotation(-rotate)  # PyAV takes counter-clockwise degrees
        astream = output.add_stream(acodec, rate=48000, layout="mono") if audio else None
        for index in range(int(round(seconds * fps))):
            frame = _video_frame(width, height, index)
            frame.pts = index
            frame.time_base = Fraction(1, fps)
            output.mux(vstream.encode(frame))
        output.mux(vstream.encode(None))
        if astream is not None:
            _encode_audio(output, astream, seconds)
    return buffer.getvalue()


def make_audio(seconds: float = 1.0, codec: str = "aac", container: str | None = None,
               rate: int = 48000, cover: bool = False) -> bytes:
    """An audio-only file as bytes: aac→mp4 (m4a), opus→ogg, pcm_s16le→wav, mp3→mp3.

    `cover` adds a JPEG as attached picture (album art; mp3 supports it).
    """
    container = container or _AUDIO_CONTAINERS[codec]
    buffer = io.BytesIO()
    with av.open(buffer, mode="w", format=container) as output:
        stream = output.add_stream(_AUDIO_ENCODERS.get(codec, codec), rate=rate, layout="mono")
        if cover:
            art = output.add_stream("mjpeg")
            art.width, art.height, art.pix_fmt = 64, 48, "yuvj420p"
            art.disposition = av.stream.Disposition.attached_pic
            packet = av.Packet(make_jpeg(64, 48))
            packet.stream, packet.pts, packet.dts = art, 0, 0
            packet.time_base = Fraction(1, 90000)
            output.mux(packet)
        _encode_audio(output, stream, seconds)
    return buffer.getvalue()


def make_image(codec: str, fmt: str, width: int, height: int) -> bytes:
    """One frame encoded with image encoder `codec` in pixel format `fmt` (e.g. targa, bgr24)."""
    context = av.CodecContext.create(codec, "w")
    context.width, context.height, context.pix_fmt = width, height, fmt
    context.time_base = Fraction(1, 25)
    frame = _video_frame(width, height, 0, fmt)
    frame.pts = 0
    packets = context.encode(frame) + context.encode(None)
    return b"".join(bytes(packet) for packet in packets)


def make_jpeg(width: int = 64, height: int = 48, orientation: int | None = None) -> bytes:
    """A baseline JPEG file (the single packet of the mjpeg encoder).

    `orientation` (1-8) adds an EXIF APP1 segment with that Orientation tag, as phones write.
    """
    jpeg = make_image("mjpeg", "yuvj420p", width, height)
    if orientation is None:
        return jpeg
    ifd = struct.pack(">HHHIHHI", 1, 0x0112, 3, 1, orientation, 0, 0)
    exif = b"Exif\0\0MM\0*" + struct.pack(">I", 8) + ifd
    return jpeg[:2] + b"\xff\xe1" + struct.pack(">H", len(exif) + 2) + exif + jpeg[2:]


def make_png(width: int = 64, height: int = 48) -> bytes:
    """An RGB PNG file (the single packet of the png encoder)."""
    return make_image("png", "rgb24", width, height)
