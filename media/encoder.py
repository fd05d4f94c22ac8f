"""Live encoding: H.264 (libx264) + AAC in fragmented MP4, into any writable file object.

The MP4 is fragmented (`frag_keyframe+empty_moov+default_base_moof`) with a keyframe,
hence a fragment, every second: a recording cut at any moment is playable up to its
last whole fragment (media/fmp4.py finds it). Timestamps are the source's, minus the
time spent paused, so a paused-and-resumed recording is one continuous file.

Where each stream starts is in an edit list (`use_editlist` with `delay_moov`: the
muxer holds the first fragment in memory until it is cut, then writes `moov` with the
edit lists, then that fragment). Without it the B-frame delay of the first picture
(two frames) and the AAC encoder's priming (1024 samples) were baked into the stored
times: the picture started 67 ms late and the sound had a gap after its first packet,
which every copy then closed in the sound but not in the picture. With it, picture and
sound start at the source's times, as players and editors present them; a recording
recovered after a crash keeps that `moov`, hence the same start.

The x264 preset is chosen from this machine's measured speed (`choose_preset`): the
slowest preset that still encodes with at least `HEADROOM` x realtime; if even
`ultrafast` cannot, the picture is scaled down to 720p.
"""

from __future__ import annotations

import io
import time
from collections import deque
from dataclasses import dataclass
from fractions import Fraction
from typing import BinaryIO

import av
import numpy as np

from media.sources import AudioChunk, Frame, SourceInfo

VIDEO_TIME_BASE = Fraction(1, 90000)
PRESETS = ("veryfast", "superfast", "ultrafast")
HEADROOM = 1.3
WINDOW = 0.3          # s of audio whose earliest timestamp says where the sound is
DRIFT_LIMIT = 0.005   # s: a drift this big is put right (a quarter of the 20 ms allowed)
MUXER_OPTIONS = {"movflags": "frag_keyframe+empty_moov+default_base_moof+delay_moov",
                 "use_editlist": "1"}
_CALIBRATED: dict[tuple[int, int, float], "EncodeSettings"] = {}


@dataclass(frozen=True, slots=True)
class EncodeSettings:
    """How a recording is encoded."""

    width: int
    height: int
    fps: float
    preset: str = "veryfast"
    crf: int = 23
    audio_bitrate: int = 96_000
    measured_fps: float | None = None  # encode speed found by calibration


class _NoClose(io.RawIOBase):
    """Hands writes to the sink; PyAV may close its file object, the sink's owner does."""

    def __init__(self, sink: BinaryIO) -> None:
        super().__init__()
        self._sink = sink

    def writable(self) -> bool:
        return True

    def write(self, data) -> int:  # type: ignore[override]
        return self._sink.write(data)

    def seekable(self) -> bool:
        return False


def _measure(width: int, height: int, fps: float, preset: str, frames: int = 16) -> float:
    """Frames per second libx264 reaches with `preset` on this machine (in memory)."""
    out = io.BytesIO()
    with av.open(out, "w", format="mp4") as container:
        stream = container.add_stream("libx264", rate=round(fps))
        stream.width, stream.height, stream.pix_fmt = width, height, "yuv420p"
        stream.options = {"preset": preset, "crf": "23"}
        rng = np.random.default_rng(1)
        base = rng.integers(0, 255, (height, width, 3), dtype=np.uint8)
        start = time.perf_counter()
        for i in range(frames):
            image = np.roll(base, i * 8, axis=1)
            frame = av.VideoFrame.from_ndarray(image, format="rgb24")
            frame.pts = i
            for packet in stream.encode(frame):
                container.mux(packet)
        for packet in stream.encode(None):
            container.mux(packet)
        return frames / (time.perf_counter() - start)


def choose_preset(width: int, height: int, fps: float) -> EncodeSettings:
    """The settings that keep up with `fps` on this machine (measured once per size)."""
    key = (width, height, fps)
    if key not in _CALIBRATED:
        chosen = None
        for preset in PRESETS:
            speed = _measure(width, height, fps, preset)
            if speed >= HEADROOM * fps:
                chosen = EncodeSettings(width, height, fps, preset, measured_fps=speed)
                break
        if chosen is None:
            w, h = (width, height) if height <= 720 else (width * 720 // height // 2 * 2, 720)
            chosen = EncodeSettings(w, h, fps, "ultrafast", measured_fps=speed)
        _CALIBRATED[key] = chosen
    return _CALIBRATED[key]


class LiveEncoder:
    """Encodes frames and audio chunks into fragmented MP4 written to `sink`."""

    def __init__(self, sink: BinaryIO, info: SourceInfo, settings: EncodeSettings) -> None:
        self._container = av.open(_NoClose(sink), "w", format="mp4", options=dict(MUXER_OPTIONS))
        gop = max(1, round(settings.fps))
        # The encoder must get the 90 kHz time base too (setting it on the stream alone
        # leaves x264 on a 1/fps grid, where frames closer than one frame apart collide).
        video = self._container.add_stream("libx264", rate=round(settings.fps),
                                           time_base=VIDEO_TIME_BASE)
        video.width, video.height, video.pix_fmt = settings.width, settings.height, "yuv420p"
        video.time_base = VIDEO_TIME_BASE
        video.options = {"preset": settings.preset, "crf": str(settings.crf), "g": str(gop),
                         "keyint_min": str(gop), "sc_threshold": "0", "rc-lookahead": "10"}
        self._video = video
        self._audio = None
        if info.sample_rate:
            audio = self._container.add_stream("aac", rate=info.sample_rate)
            audio.layout = "mono" if info.channels == 1 else "stereo"
            audio.bit_rate = settings.audio_bitrate
            self._audio = audio
            self._layout = audio.layout.name
            self._rate = info.sample_rate
        self._settings = settings
        self._last_video_pts = -1
        self._audio_next: int | None = None  # output position of the next sample
        self._pending: list[tuple[int, np.ndarray]] = []  # the first chunks, (stamp, samples)
        self._consumed = 0  # the same, counting the source's samples only (no fixes)
        self._shifted = 0   # silence added minus samples left out, so far
        self._lateness: deque[tuple[int, int]] = deque()  # (position, stamp - position)

    def video(self, frame: Frame, pts: float) -> None:
        """Encode one frame at output time `pts` (seconds)."""
        out = av.VideoFrame.from_ndarray(frame.image, format="rgb24")
        s = self._settings
        # One swscale pass: scale (when 1080p was scaled down) and convert together.
        out = out.reformat(width=s.width, height=s.height, format="yuv420p")
        ticks = int(round(pts / VIDEO_TIME_BASE))
        if ticks <= self._last_video_pts:  # never go backwards (clock jitter)
            ticks = self._last_video_pts + 1
        self._last_video_pts = ticks
        out.pts, out.time_base = ticks, VIDEO_TIME_BASE
        for packet in self._video.encode(out):
            self._container.mux(packet)

    def audio(self, chunk: AudioChunk, pts: float) -> None:
        """Encode one audio chunk at output time `pts` (seconds); samples stay contiguous.

        The stored sound never gaps or overlaps (players play it back to back); it is
        kept on its timestamps by adding silence or leaving samples out, as `_keep_on_time`
        decides. Timestamps taken at delivery are late by however long the thread waited,
        never early: so the earliest-looking chunk of the last WINDOW seconds tells where
        the sound really is. Jitter and a stall shorter than WINDOW change nothing; a
        microphone's clock drifting from the system's (0.01 % is 360 ms an hour), or sound
        lost in an overrun, is put right within WINDOW. The first WINDOW of sound waits
        (in memory) until it says where the sound started.
        """
        if self._audio is None:
            return
        start = int(round(pts * self._rate))
        if self._audio_next is not None:
            self._place(chunk.samples, start)
            return
        self._pending.append((start, chunk.samples))  # where the sound starts is not known yet
        if sum(len(samples) for _, samples in self._pending) >= WINDOW * self._rate:
            self._begin()

    def _begin(self) -> None:
        """Start the sound where its first WINDOW of chunks says it started (the first
        chunk alone may have come late), then encode them."""
        pending, self._pending = self._pending, []
        offset, earliest = 0, None
        for start, samples in pending:
            earliest = start - offset if earliest is None else min(earliest, start - offset)
            offset += len(samples)
        self._audio_next = self._consumed = max(0, earliest or 0)
        for start, samples in pending:
            self._place(samples, start)

    def _place(self, samples: np.ndarray, start: int) -> None:
        samples = self._keep_on_time(samples, start)
        if samples.shape[0]:
            assert self._audio is not None and self._audio_next is not None
            data = np.ascontiguousarray(samples.reshape(1, -1))
            out = av.AudioFrame.from_ndarray(data, format="s16", layout=self._layout)
            out.sample_rate = self._rate
            out.pts, out.time_base = self._audio_next, Fraction(1, self._rate)
            self._audio_next += samples.shape[0]
            for packet in self._audio.encode(out):
                self._container.mux(packet)

    def _keep_on_time(self, samples: np.ndarray, start: int) -> np.ndarray:
        """`samples` (stamped `start`) with silence before them or without their first
        ones, when the sound has truly drifted by DRIFT_LIMIT or more."""
        now = self._consumed  # where these samples sit counting the source's samples only
        self._consumed += samples.shape[0]
        self._lateness.append((now, start - now))
        while self._lateness and self._lateness[0][0] < now - WINDOW * self._rate:
            self._lateness.popleft()
        need = min(late for _, late in self._lateness) - self._shifted
        if abs(need) < DRIFT_LIMIT * self._rate:
            return samples
        if need > 0:  # sound missing: silence, encoded as samples, so no gap in the file
            self._shifted += need
            return np.concatenate([np.zeros((need, samples.shape[1]), dtype=samples.dtype), samples])
        cut = min(-need, samples.shape[0])  # too much sound: the rest goes next time
        self._shifted -= cut
        return samples[cut:]

    def close(self) -> None:
        """Flush the encoders and write the last fragment."""
        for packet in self._video.encode(None):
            self._container.mux(packet)
        if self._audio is not None:
            if self._pending:
                self._begin()
            for packet in self._audio.encode(None):
                self._container.mux(packet)
        self._container.close()
