"""Transcoding profiles: what each output is (codecs, size, bitrate) and its parameters.

A profile's `params()` is the canonical record of what was asked for: stored as the
output item's `params` and compared to find a transcode that was already done. Bump
`VERSION` when the encoding of a profile changes, so older outputs are not taken for
new ones.

Sizes (README, "Transcoding"): `share` caps video at 340 kb/s (VBV, 680 kb buffer)
plus 64 kb/s AAC, so 5 minutes take at most about 15.2 MB and fit WhatsApp's 16 MB
video limit (Messenger and e-mail 25 MB, Signal 100 MB, Telegram 2 GB).
"""

from __future__ import annotations

import json
from dataclasses import dataclass, replace

from core.i18n import _
from core.errors import InvalidValue

VERSION = 1
PROFILES = ("share", "proxy", "audio", "anonymized")
MAX_VOICE_SHIFT = 12.0  # semitones; FFmpeg's atempo keeps the speed within 0.5..2


@dataclass(frozen=True, slots=True)
class VideoSpec:
    """How the picture is encoded (H.264 in MP4)."""

    max_long: int            # longest side, pixels (never upscaled)
    max_short: int           # shortest side
    max_fps: float
    preset: str              # x264 preset
    crf: int
    maxrate_kbps: int        # VBV cap: the average bitrate never exceeds it by much
    profile: str = "main"    # H.264 profile/level every phone decodes
    level: str = "3.1"


@dataclass(frozen=True, slots=True)
class AudioSpec:
    """How the sound is encoded."""

    codec: str               # FFmpeg encoder: aac or libopus
    bitrate_kbps: int
    max_channels: int        # 1: mono (speech), 2: keep stereo
    rate: int | None = None  # output sample rate; None keeps the source's (AAC)


@dataclass(frozen=True, slots=True)
class Cover:
    """A rectangle covered from `start` to `end` seconds, in source pixels (upright)."""

    start: float
    end: float
    x: int
    y: int
    width: int
    height: int

    def as_list(self) -> list[float]:
        return [self.start, self.end, self.x, self.y, self.width, self.height]


def parse_cover(text: str) -> Cover:
    """`T0-T1:X,Y,W,H` (seconds; source pixels) as a Cover; InvalidValue otherwise."""
    try:
        span, rect = text.split(":")
        start, end = (float(t) for t in span.split("-"))
        x, y, w, h = (int(v) for v in rect.split(","))
    except ValueError:
        raise InvalidValue(_("--cover {text}: write it as T0-T1:X,Y,W,H (seconds, then"
                             " pixels of the source), e.g. 3.5-7:100,40,200,260").format(
                                 text=repr(text))) from None
    if not 0 <= start < end or w <= 0 or h <= 0 or x < 0 or y < 0:
        raise InvalidValue(_("--cover {text}: the times must rise from 0 or later and the"
                             " rectangle must have a size, inside the picture").format(
                                 text=repr(text)))
    return Cover(start, end, x, y, w, h)


@dataclass(frozen=True, slots=True)
class Profile:
    """One kind of output: container, video (None: sound only), audio, options."""

    name: str
    container: str                 # FFmpeg muxer: mp4 or ogg
    video: VideoSpec | None
    audio: AudioSpec
    faces: bool = False            # hide every face (anonymized)
    voice_shift: float = 0.0       # semitones (anonymized only)
    covers: tuple[Cover, ...] = ()  # drawn covers (anonymized only)

    @property
    def media_type(self) -> str:
        return "video" if self.video is not None else "audio"

    def params(self) -> dict[str, object]:
        """The canonical parameters recorded on the output item."""
        data: dict[str, object] = {"profile": self.name, "version": VERSION}
        if self.name == "anonymized":
            data["voice_shift"] = self.voice_shift
        if self.covers:
            data["covers"] = [c.as_list() for c in self.covers]
        return data

    def params_json(self) -> str:
        """`params()` as canonical JSON (sorted keys, no spaces): equal requests match."""
        return json.dumps(self.params(), sort_keys=True, separators=(",", ":"))


_SHARE_VIDEO = VideoSpec(1280, 720, 30.0, "veryfast", 23, 340)
_AAC = AudioSpec("aac", 64, 2)

_PROFILES = {
    "share": Profile("share", "mp4", _SHARE_VIDEO, _AAC),
    "proxy": Profile("proxy", "mp4", VideoSpec(640, 360, 30.0, "superfast", 28, 400, "main", "3.0"),
                     AudioSpec("aac", 48, 1)),
    "audio": Profile("audio", "ogg", None, AudioSpec("libopus", 32, 1, 48000)),
    "anonymized": Profile("anonymized", "mp4", _SHARE_VIDEO, _AAC, faces=True),
}


def get_profile(name: str, *, voice_shift: float = 0.0, covers: tuple[Cover, ...] = ()) -> Profile:
    """The profile called `name`, with options; InvalidValue for unknown names or values."""
    if name not in _PROFILES:
        raise InvalidValue(_("--profile must be one of {join}").format(join=', '.join(PROFILES)))
    profile = _PROFILES[name]
    if covers:
        if name != "anonymized":
            raise InvalidValue(_("--cover only applies to --profile anonymized"))
        profile = replace(profile, covers=tuple(sorted(covers, key=Cover.as_list)))
    if voice_shift:
        if name != "anonymized":
            raise InvalidValue(_("--voice-shift only applies to --profile anonymized"))
        if not -MAX_VOICE_SHIFT <= voice_shift <= MAX_VOICE_SHIFT:
            raise InvalidValue(_("--voice-shift must be between -{MAX_VOICE_SHIFT:g} and "
                                 "{MAX_VOICE_SHIFT:g} semitones").format(MAX_VOICE_SHIFT=MAX_VOICE_SHIFT))
        profile = replace(profile, voice_shift=float(voice_shift))
    return profile


def profile_from_params(params: dict[str, object]) -> Profile:
    """The profile a stored `params()` describes (for queued jobs)."""
    try:
        covers = tuple(Cover(float(c[0]), float(c[1]), *(int(v) for v in c[2:6]))
                       for c in params.get("covers", ()))  # type: ignore[union-attr]
        return get_profile(str(params["profile"]), covers=covers,
                           voice_shift=float(params.get("voice_shift", 0.0)))  # type: ignore[arg-type]
    except (KeyError, TypeError, ValueError, IndexError):
        raise InvalidValue(_("a queued job has parameters this Kua does not understand")) from None


def output_size(width: int, height: int, spec: VideoSpec) -> tuple[int, int]:
    """The upright output size: fits the profile's box, keeps the aspect, never upscales.

    Both sides are even (4:2:0 chroma needs it).
    """
    long_side, short_side = max(width, height), min(width, height)
    scale = min(1.0, spec.max_long / long_side, spec.max_short / short_side)
    out_w = max(2, int(round(width * scale / 2)) * 2)
    out_h = max(2, int(round(height * scale / 2)) * 2)
    return out_w, out_h
