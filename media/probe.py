"""Tell what a file is (video, audio, still image or something else) without trusting it.

`probe` reads a seekable file object through PyAV, never a path, so it works on a
reader that decrypts on the fly. Input may be hostile or simply not media: everything
PyAV cannot open *and decode* as one of a known set of formats is "other". The work is
bounded: FFmpeg's own stream probing plus at most `_MAX_PACKETS` demuxed packets.

PyAV 18 ignores FFmpeg's log by default (`av.logging.get_level()` is None), so probing
text or noise prints nothing; this module leaves that global setting alone.
"""

from __future__ import annotations

import math
import typing
from dataclasses import dataclass
from pathlib import PurePath

import av

from core.i18n import _
from core.errors import KuaError, MediaError

_MAX_PACKETS = 48                 # packets of the main stream demuxed at most
_MAX_DURATION = 7 * 24 * 3600.0   # seconds; longer claims are not believed

# Demuxers with a real file signature. FFmpeg has hundreds more that match noise or
# text by chance (tty, lrc, cdg, h263, pictor_pipe...): their files count as "other".
_CONTAINERS = frozenset({
    "mov", "mp4", "matroska", "webm", "avi", "ogg", "wav", "w64", "flac", "asf", "flv",
    "mpegts", "mpeg", "caf", "aiff", "amr", "rm", "mxf", "dv", "nut", "wv", "ape", "au",
    "mpc", "mpc8", "tta", "ivf",
})
# Raw elementary streams found by a short sync word: accepted only when their first
# packets are back to back in the file and all decode.
_RAW_STREAMS = frozenset({"mp3", "aac", "ac3", "eac3", "dts", "h264", "hevc", "m4v"})
_IMAGE_FORMATS = frozenset({
    "image2", "jpeg_pipe", "png_pipe", "webp_pipe", "bmp_pipe", "tiff_pipe", "gif",
    "gif_pipe", "jpegxl_pipe", "j2k_pipe", "qoi_pipe", "psd_pipe", "ppm_pipe",
    "pgm_pipe", "pbm_pipe", "pam_pipe",
})
_IMAGE_CODECS = frozenset({
    "mjpeg", "png", "apng", "webp", "bmp", "tiff", "gif", "jpegxl", "jpeg2000", "qoi",
    "psd", "ppm", "pgm", "pbm", "pam", "jpegls",
})
# Errors of a damaged or misdetected file, as opposed to errors of the source object.
_DECODE_ERRORS = (av.FFmpegError, ValueError, UnicodeError, EOFError, OverflowError,
                  ZeroDivisionError, IndexError, KeyError, RuntimeError)


@dataclass(frozen=True, slots=True)
class ProbeResult:
    """What `probe` found. Width and height are as coded, before `rotation`."""

    media_type: str          # "video", "audio", "image" or "other"
    container: str | None    # FFmpeg demuxer name, e.g. "mov,mp4,m4a,3gp,3g2,mj2"
    codec: str | None        # video codec for video/image, else the audio codec
    audio_codec: str | None
    duration: float | None   # seconds; None for images, other, or when unknown
    width: int | None
    height: int | None
    rotation: int            # clockwise degrees to turn the picture for display


OTHER = ProbeResult("other", None, None, None, None, None, None, 0)


class NamedView:
    """A read-only view of `source` with a name PyAV may use as hint (probe, transcode).

    PyAV takes the URL for FFmpeg's extension guesses from `file.name`, and may call
    `close()`: the view keeps the caller's name out and never closes the source.
    """

    def __init__(self, source: typing.BinaryIO, name: str) -> None:
        self._source = source
        self.name = name

    def read(self, size: int = -1) -> bytes:
        return self._source.read(size)

    def seek(self, offset: int, whence: int = 0) -> int:
        return self._source.seek(offset, whence)

    def tell(self) -> int:
        return self._source.tell()

    def seekable(self) -> bool:
        return True


def probe(source: typing.BinaryIO, name_hint: str | None = None) -> ProbeResult:
    """Identify the media in `source`, a seekable binary file object, from its start.

    Content decides; `name_hint` (the file's original name) is only used, by its
    extension, for a second try when the content alone is not recognised. The file
    position is restored. Never raises for a file that is not media; errors raised by
    `source` itself propagate (a `KuaError` as is, an `OSError` as `MediaError`).
    """
    if not source.seekable():
        raise MediaError(_("cannot probe a stream that is not seekable"))
    position = source.tell()
    try:
        result = _probe_as(source, "<none>")
        suffix = PurePath(name_hint).suffix.lower() if name_hint else ""
        if result.media_type == "other" and suffix[1:].isalnum():
            result = _probe_as(source, "input" + suffix)
        return result
    finally:
        source.seek(position)


def _probe_as(source: typing.BinaryIO, name: str) -> ProbeResult:
    source.seek(0)
    try:
        with av.open(NamedView(source, name), mode="r") as container:
            return _inspect(container)
    except KuaError:
        raise
    except _DECODE_ERRORS:
        return OTHER
    except OSError as error:
        raise MediaError(_("could not read the file: {value}").format(value=error.strerror or error)) from error


def _inspect(container: av.container.InputContainer) -> ProbeResult:
    names = set(container.format.name.split(","))
    raw = bool(names & _RAW_STREAMS)
    if not raw and not names & (_CONTAINERS | _IMAGE_FORMATS):
        return OTHER
    video = [s for s in container.streams.video
             if _codec_name(s) and not s.disposition & av.stream.Disposition.attached_pic]
    audio = [s for s in container.streams.audio if _codec_name(s)]
    main = video[0] if video else audio[0] if audio else None
    if main is None:
        return OTHER
    sample = _sample(container, main, raw)
    if sample is None:
        return OTHER
    packets, at_end, frame = sample
    audio_codec = _codec_name(audio[0]) if audio else None
    if video:
        width = main.codec_context.width or frame.width
        height = main.codec_context.height or frame.height
        rotation = _rotation(main, frame)
        if (not audio and packets <= 1 and at_end
                and (_codec_name(main) in _IMAGE_CODECS or names & _IMAGE_FORMATS)):
            return ProbeResult("image", container.format.name, _codec_name(main), None,
                               None, width, height, rotation)
        duration = _duration(container)
        if duration is not None and not 0 < duration <= _MAX_DURATION:
            duration = None
        return ProbeResult("video", container.format.name, _codec_name(main), audio_codec,
                           duration, width, height, rotation)
    duration = _duration(container)
    if duration is None and raw or duration is not None and not 0 < duration <= _MAX_DURATION:
        return OTHER
    return ProbeResult("audio", container.format.name, audio_codec, audio_codec,
                       duration, None, None, 0)


def _codec_name(stream: av.stream.Stream) -> str | None:
    """The codec's canonical name ("mp3", not the decoder "mp3float"); None if no decoder."""
    context = stream.codec_context
    if context is None or context.codec is None:
        return None
    return context.codec.canonical_name


def _sample(container: av.container.InputContainer, stream: av.stream.Stream,
            strict: bool) -> tuple[int, bool, typing.Any] | None:
    """Demux and decode the start of `stream`: (packets, reached the end, first frame).

    None when no frame decodes. `strict` (raw streams) also wants packets that follow
    each other in the file and decode without error, which noise almost never does.
    """
    stream.codec_context.thread_count = 1  # no frame-threading delay before frame 1
    wanted = 4 if strict else 2
    packets, first, next_pos = 0, None, None
    for packet in container.demux(stream):
        if packet.size:
            packets += 1
            if strict and next_pos is not None and packet.pos != next_pos:
                return None
            next_pos = packet.pos + packet.size if packet.pos is not None else None
        try:
            frames = packet.decode()
        except _DECODE_ERRORS:
            if strict:
                return None
            frames = []
        if first is None and frames:
            first = frames[0]
        if packets >= _MAX_PACKETS or (first is not None and packets >= wanted):
            return (packets, False, first) if first is not None else None
    if first is None or (strict and packets < 2):
        return None
    return packets, True, first


def _duration(container: av.container.InputContainer) -> float | None:
    """Container duration, else the longest stream's, in seconds; None if unknown."""
    seconds: float | None = None
    if container.duration is not None and container.duration > 0:
        seconds = container.duration / av.time_base
    else:
        lengths = [float(s.duration * s.time_base) for s in container.streams
                   if s.duration and s.time_base]
        seconds = max(lengths, default=None)
    return seconds if seconds is not None and math.isfinite(seconds) else None


def _rotation(stream: av.stream.Stream, frame: typing.Any) -> int:
    """Clockwise display rotation from the frame's display matrix, else the rotate tag."""
    degrees = -float(frame.rotation or 0) if hasattr(frame, "rotation") else 0.0
    if not degrees:
        try:
            degrees = float(stream.metadata.get("rotate", 0))
        except ValueError:
            degrees = 0.0
    return int(round(degrees)) % 360 if math.isfinite(degrees) else 0
