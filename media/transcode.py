"""Transcode one media file into a profile's output, file object to file object.

`transcode(source, sink, profile)` reads a seekable binary file object (the vault's
decrypting reader, or a proxy of it in the worker process) and writes the output
through `sink`, which must accept `write`, `seek` and `tell` (the MP4 muxer patches
the size of `mdat` once; see media/transcode_mp4.py for making that file
"faststart" afterwards). It never opens a path.

Errors name the media time they happened at: `SourceDamaged` (cannot be demuxed or
decoded, or ends early: truncated), `MissingStream` (no picture for a video profile,
no sound for `audio`), and plain `TranscodeFailed` when making the output failed (a
filter, an encoder or the muxer refused it): that is Kua's fault or a limit of FFmpeg,
not damage, so it is never reported as such. The caller adds the item id.
"""

from __future__ import annotations

import time
import typing
from dataclasses import dataclass
from typing import BinaryIO, Callable, Iterator

import av

from core.i18n import N_, _
from core.errors import KuaError, MissingStream, SourceDamaged, TranscodeFailed
from core.work import SECONDS, MediaProgress

from media.faces import FaceDetector
from media.probe import NamedView
from media.faces_mask import FaceMasker, ManualCover
from media.transcode_audio import AudioPath, add_audio_stream
from media.transcode_clean import SeiFilter, quiet_encoders
from media.transcode_profiles import Profile
from media.transcode_video import TIME_BASE, FrameRateCap, VideoPath, add_video_stream

_DECODE_ERRORS = (av.FFmpegError, ValueError, EOFError, OverflowError, ZeroDivisionError,
                  IndexError, KeyError, RuntimeError, UnicodeError)
_PROGRESS_EVERY = 0.5   # seconds of wall time
IO_BUFFER = 32 * 1024  # bytes PyAV asks for at a time: small, so a damaged read is placed in time


class _OutputFailed(Exception):
    """A step making the output failed (internal: `transcode` makes it TranscodeFailed)."""

    def __init__(self, stage: str, cause: BaseException) -> None:
        super().__init__(stage)
        self.stage, self.cause = stage, cause


class _Stage:
    """`with` block around one output step: its FFmpeg/PyAV errors are named after it.

    Kua's own errors (a full disk under the muxer's writes, a cancelled job) pass
    through unchanged.
    """

    __slots__ = ("name",)

    def __init__(self, name: str) -> None:
        self.name = name

    def __enter__(self) -> None:
        return None

    def __exit__(self, kind: type[BaseException] | None, exc: BaseException | None,
                 tb: object) -> bool:
        if isinstance(exc, _DECODE_ERRORS) and not isinstance(exc, KuaError):
            raise _OutputFailed(self.name, exc) from exc
        return False


_SETUP = _Stage(N_("output setup"))
_FILTERS = _Stage(N_("picture filters (scale, turn upright)"))
_MASKING = _Stage(N_("face masking"))
_VIDEO_ENCODER = _Stage(N_("video encoder"))
_AUDIO_PATH = _Stage(N_("sound filters (resample, voice shift)"))
_AUDIO_ENCODER = _Stage(N_("audio encoder"))
_MUXER = _Stage(N_("muxer"))


@dataclass(frozen=True, slots=True)
class TranscodeResult:
    """What was written."""

    duration: float
    frames: int
    width: int | None
    height: int | None
    faces_covered: int
    detections: int
    face_spans: tuple[tuple[float, float, bool], ...] = ()  # runs of frames covered or not


class _Clock:
    """Where decoding has got to (for progress and for error messages)."""

    def __init__(self, duration: float | None,
                 on_progress: Callable[[MediaProgress], None] | None) -> None:
        self.position = 0.0
        self.frames = 0
        self._duration = duration
        self._on_progress = on_progress
        self._start = time.monotonic()
        self._last = 0.0

    def tick(self, force: bool = False) -> None:
        now = time.monotonic()
        if self._on_progress is None or (not force and now - self._last < _PROGRESS_EVERY):
            return
        self._last = now
        elapsed = max(1e-6, now - self._start)
        self._on_progress(MediaProgress(self.position, self._duration, SECONDS,
                                        rate=self.position / elapsed, frames=self.frames,
                                        fps=self.frames / elapsed))


def _open(source: BinaryIO, name: str) -> av.container.InputContainer:
    try:
        return av.open(NamedView(source, name), mode="r", buffer_size=IO_BUFFER)
    except KuaError:
        raise
    except _DECODE_ERRORS as exc:
        raise SourceDamaged(None, _("it cannot be opened as media ({why})").format(why=_why(exc)), 0.0) from None


def _why(exc: BaseException) -> str:
    text = getattr(exc, "strerror", None) or str(exc) or type(exc).__name__
    return text.splitlines()[0][:120]


def _streams(container: av.container.InputContainer, profile: Profile
             ) -> tuple[av.VideoStream | None, av.AudioStream | None]:
    video = next((s for s in container.streams.video
                  if s.codec_context is not None and s.codec_context.codec is not None
                  and not s.disposition & av.stream.Disposition.attached_pic), None)
    audio = next((s for s in container.streams.audio
                  if s.codec_context is not None and s.codec_context.codec is not None), None)
    if profile.video is not None and video is None:
        if profile.faces and profile.voice_shift and audio is not None:
            return None, audio  # sound only: the disguised voice is the anonymized copy
        hint = (_(" (an anonymized copy of sound alone needs --voice-shift)") if profile.faces
                else _(" (use --profile audio for its sound)") if audio is not None else "")
        raise MissingStream(None, _("it has no video, which the {name} profile needs{hint}").format(name=profile.name,
                                    hint=hint))
    if profile.video is None and audio is None:
        raise MissingStream(None, _("it has no sound, which the audio profile needs"))
    return (video if profile.video is not None else None), audio


def _expected_end(container: av.container.InputContainer, streams: list[av.stream.Stream],
                  t0: float) -> float | None:
    ends = [float(s.duration * s.time_base) + float((s.start_time or 0) * s.time_base) - t0
            for s in streams if s.duration and s.time_base]
    if ends:
        return max(ends)
    if container.duration:
        return container.duration / av.time_base
    return None


def transcode(source: BinaryIO, sink: BinaryIO, profile: Profile, *, name_hint: str = "",
              progress: Callable[[MediaProgress], None] | None = None,
              detector: FaceDetector | None = None,
              covers: tuple[ManualCover, ...] = ()) -> TranscodeResult:
    """Transcode `source` into `sink` as `profile` says; see the module doc."""
    container = _open(source, "input" + (name_hint[name_hint.rfind("."):] if "." in name_hint else ""))
    with container:
        video_in, audio_in = _streams(container, profile)
        t0 = container.start_time / av.time_base if container.start_time is not None else 0.0
        used = [s for s in (video_in, audio_in) if s is not None]
        expected = _expected_end(container, used, t0)
        clock = _Clock(expected, progress)
        job = _Job(container, sink, profile, video_in, audio_in, t0, clock, detector, covers)
        try:
            job.run()
        except TranscodeFailed as exc:
            if exc.at is None:  # e.g. a read the app refused: say where decoding had got to
                raise type(exc)(exc.item, exc.reason, clock.position) from None
            raise
        except KuaError:
            raise
        except _OutputFailed as exc:
            raise TranscodeFailed(None, _("making the {name} copy failed in the {stage} ({why})").format(name=profile.name,
                                          stage=_(exc.stage),
                                          why=_why(exc.cause)), clock.position) from None
        except _DECODE_ERRORS as exc:  # neither a decode nor an output step: not damage either
            raise TranscodeFailed(None, _("unexpected {error} ({why})").format(error=type(exc).__name__,
                                          why=_why(exc)),
                                  clock.position) from None
        end = clock.position
        if expected is not None and end < expected - max(0.5, 0.02 * expected):
            raise SourceDamaged(None, _("it ends at {end:.1f} s of {expected:.1f} s: the file "
                                        "is truncated or damaged").format(end=end,
                                        expected=expected), end)
        clock.tick(force=True)
        return job.result()


class _Job:
    """One run of the pipeline: demux, decode, filter, (mask), encode, mux."""

    def __init__(self, container: av.container.InputContainer, sink: BinaryIO, profile: Profile,
                 video_in: av.VideoStream | None, audio_in: av.AudioStream | None, t0: float,
                 clock: _Clock, detector: FaceDetector | None,
                 covers: tuple[ManualCover, ...] = ()) -> None:
        self._in, self._sink, self._profile = container, sink, profile
        self._video_in, self._audio_in, self._t0, self._clock = video_in, audio_in, t0, clock
        self._out: av.container.OutputContainer | None = None
        self._vstream: av.VideoStream | None = None
        self._astream: av.AudioStream | None = None
        self._sei: SeiFilter | None = None
        self._audio: AudioPath | None = None
        self._masker: FaceMasker[float] | None = None
        if profile.faces and video_in is not None:
            self._masker = FaceMasker(detector or FaceDetector(), manual=covers)
        assert profile.video is not None or video_in is None
        self._video = (VideoPath(profile.video, "rgb24" if self._masker else "yuv420p")
                       if video_in is not None and profile.video is not None else None)
        self._cap = FrameRateCap(profile.video.max_fps) if profile.video else None
        self._last_pts = -1

    def run(self) -> None:
        streams = [s for s in (self._video_in, self._audio_in) if s is not None]
        if self._video_in is not None:
            self._video_in.thread_type = "AUTO"
        pending: list[av.AudioFrame] = []  # audio decoded before the first picture
        for frame in self._decoded(streams):
            end = frame.time + _frame_seconds(frame) - self._t0 if frame.time is not None else None
            if end is not None:
                self._clock.position = max(self._clock.position, end)
            if isinstance(frame, av.VideoFrame):
                self._start_output(frame)
                self._picture(frame)
            elif self._out is None and self._video_in is not None:
                pending.append(frame)
            else:
                self._start_output(None)
                for held in pending:
                    self._sound(held)
                pending = []
                self._sound(frame)
        if self._out is None:
            if self._video_in is not None:
                raise SourceDamaged(None, _("not one picture could be decoded"), 0.0)
            self._start_output(None)
        for held in pending:
            self._sound(held)
        self._finish()

    def _decoded(self, streams: list[av.stream.Stream]
                 ) -> Iterator[av.VideoFrame | av.AudioFrame]:
        """Every decoded frame, in demux order. Only here is a failure the source's:
        what cannot be demuxed or decoded is `SourceDamaged`."""
        packets = self._in.demux(streams)
        while True:
            try:
                packet = next(packets, None)
                frames = packet.decode() if packet is not None else []
            except KuaError:
                raise
            except _DECODE_ERRORS as exc:
                raise SourceDamaged(None, _("it cannot be decoded ({why})").format(why=_why(exc)),
                                    self._clock.position) from None
            if packet is None:
                return
            yield from frames
            self._clock.tick()

    def _start_output(self, first: av.VideoFrame | None) -> None:
        if self._out is not None:
            return
        audio_in = self._audio_in
        with _SETUP:
            out = self._out = av.open(self._sink, "w", format=self._profile.container,
                                      container_options={"fflags": "+bitexact"})
            if self._video is not None and first is not None:
                assert self._profile.video is not None and self._video_in is not None
                fps = float(self._video_in.average_rate or self._video_in.guessed_rate or 30)
                size = self._video.plan(first)
                self._vstream = add_video_stream(out, self._profile.video, size, fps)
            if audio_in is not None:
                self._astream = add_audio_stream(out, self._profile.audio, audio_in)
                self._audio = AudioPath(self._profile.audio, audio_in, self._astream,
                                        self._profile.voice_shift, self._t0)
            quiet_encoders(self._vstream, self._astream)  # no encoder strings (transcode_clean)
            self._sei = SeiFilter(self._vstream) if self._vstream is not None else None

    def _picture(self, frame: av.VideoFrame) -> None:
        assert self._video is not None and self._cap is not None
        if frame.time is None:
            return
        t = frame.time - self._t0
        if not self._cap.keep(t):
            return
        with _FILTERS:
            pictures = self._video.process(frame)
        for out in pictures:
            if self._masker is None:
                self._encode_video(out, t)
                continue
            with _MASKING:
                masked = [(av.VideoFrame.from_ndarray(image, format="rgb24"), when)
                          for image, when in self._masker.push(out.to_ndarray(), t)]
            for picture, when in masked:
                self._encode_video(picture, when)

    def _encode_video(self, frame: av.VideoFrame, t: float) -> None:
        assert self._out is not None and self._vstream is not None
        ticks = max(self._last_pts + 1, int(round(max(0.0, t) / TIME_BASE)))
        self._last_pts = ticks
        frame.pts, frame.time_base = ticks, TIME_BASE
        frame.pict_type = av.video.frame.PictureType.NONE
        with _VIDEO_ENCODER:
            packets = self._vstream.encode(frame)
            if self._sei is not None:
                packets = self._sei.filter(packets)
        with _MUXER:
            self._out.mux(packets)
        self._clock.frames += 1

    def _sound(self, frame: av.AudioFrame | None) -> None:
        assert self._out is not None
        if self._audio is None or self._astream is None:
            return
        with _AUDIO_PATH:
            sounds = self._audio.process(frame)
        for out in sounds:
            with _AUDIO_ENCODER:
                packets = self._astream.encode(out)
            with _MUXER:
                self._out.mux(packets)

    def _finish(self) -> None:
        assert self._out is not None
        if self._masker is not None:
            with _MASKING:
                masked = [(av.VideoFrame.from_ndarray(image, format="rgb24"), when)
                          for image, when in self._masker.flush()]
            for picture, when in masked:
                self._encode_video(picture, when)
        if self._vstream is not None:
            with _VIDEO_ENCODER:
                packets = self._vstream.encode(None)
                if self._sei is not None:
                    packets = self._sei.filter(packets) + self._sei.flush()
            with _MUXER:
                self._out.mux(packets)
        if self._astream is not None:
            self._sound(None)
            with _AUDIO_ENCODER:
                packets = self._astream.encode(None)
            with _MUXER:
                self._out.mux(packets)
        with _MUXER:
            self._out.close()

    def result(self) -> TranscodeResult:
        size = self._video.size if self._video is not None else None
        masker = self._masker
        return TranscodeResult(self._clock.position, self._clock.frames,
                               size[0] if size else None, size[1] if size else None,
                               masker.faces_covered if masker else 0,
                               masker.detections if masker else 0,
                               tuple((float(a), float(b), bool(c)) for a, b, c in masker.spans)
                               if masker else ())


def _frame_seconds(frame: typing.Any) -> float:
    if isinstance(frame, av.AudioFrame):
        return frame.samples / frame.sample_rate if frame.sample_rate else 0.0
    duration = getattr(frame, "duration", None)
    if duration and frame.time_base:
        return float(duration * frame.time_base)
    return 0.0

