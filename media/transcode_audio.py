"""The sound path of a transcode: resample, optionally shift the pitch, encode.

The voice disguise of the `anonymized` profile is FFmpeg's classic pitch shift:
`asetrate` plays the samples at a changed rate (pitch and speed change), `aresample`
brings the rate back and `atempo` undoes the change of speed. It deters casual
recognition only: shifting back by the same amount brings the voice most of the way
back (README, "Transcoding").

Sound stays in step with the picture by its timestamps, not by counting samples: each
decoded frame is placed at its own time on the output timeline (the picture's), and a
gap in the source's sound (a recording made before the master had edit lists, with a
67 ms hole after its first packet; a phone's dropped buffer) becomes silence of that
length, an overlap is cut. Counting samples alone closed such gaps and put every later
sound ahead of its picture.
"""

from __future__ import annotations

from fractions import Fraction

import av
import numpy as np

from media.transcode_profiles import AudioSpec


def _layout(channels: int) -> str:
    return "mono" if channels == 1 else "stereo"


SYNC_TOLERANCE = 0.005  # seconds a frame may sit off its timestamp before it is moved


class AudioPath:
    """Decoded audio frames in, encoder-ready frames out, each at its own time."""

    def __init__(self, spec: AudioSpec, source: av.AudioStream, stream: av.AudioStream,
                 voice_shift: float, t0: float) -> None:
        self._rate = stream.codec_context.sample_rate
        self._layout = stream.layout.name
        self._format = stream.format.name
        self._resampler = av.AudioResampler(format=self._format, layout=self._layout,
                                            rate=self._rate)
        self._graph = _pitch_graph(stream, voice_shift) if voice_shift else None
        self._t0 = t0  # source time of the output's zero (where the picture's clock starts)
        self._placed: int | None = None  # output position (samples) of the next sample in
        self._next = 0  # output pts of the next frame out, in samples

    def process(self, frame: av.AudioFrame | None) -> list[av.AudioFrame]:
        """Frames for the encoder from one decoded frame (None: flush at the end)."""
        resampled = self._place(frame, self._resampler.resample(frame))
        if self._graph is not None:
            shifted = []
            for piece in resampled:
                self._graph.push(piece)
                shifted += self._drain()
            if frame is None:
                self._graph.push(None)
                shifted += self._drain()
            resampled = shifted
        for out in resampled:
            out.pts, out.time_base = self._next, Fraction(1, self._rate)
            out.sample_rate = self._rate
            self._next += out.samples
        return resampled

    def _place(self, frame: av.AudioFrame | None, resampled: list[av.AudioFrame]
               ) -> list[av.AudioFrame]:
        """`resampled` (from `frame`) at `frame`'s time: silence before it if the source
        has a gap, its start cut if it overlaps what came before."""
        if self._placed is None:
            start = frame.time - self._t0 if frame is not None and frame.time is not None else 0.0
            self._placed = self._next = max(0, int(round(start * self._rate)))
        elif frame is not None and frame.time is not None:
            want = int(round((frame.time - self._t0) * self._rate))
            drift = want - self._placed
            if drift > SYNC_TOLERANCE * self._rate:
                resampled = [self._silence(drift)] + resampled
            elif drift < -SYNC_TOLERANCE * self._rate:
                resampled = _cut(resampled, -drift)
        self._placed += sum(out.samples for out in resampled)
        return resampled

    def _silence(self, samples: int) -> av.AudioFrame:
        frame = av.AudioFrame(format=self._format, layout=self._layout, samples=samples)
        for plane in frame.planes:
            plane.update(bytes(plane.buffer_size))
        frame.sample_rate = self._rate
        return frame

    def _drain(self) -> list[av.AudioFrame]:
        assert self._graph is not None
        out = []
        while True:
            try:
                out.append(self._graph.pull())
            except (av.BlockingIOError, av.EOFError):
                return out


def _cut(frames: list[av.AudioFrame], samples: int) -> list[av.AudioFrame]:
    """`frames` without their first `samples` samples."""
    out = []
    for frame in frames:
        if samples >= frame.samples:
            samples -= frame.samples
            continue
        if samples:
            data = frame.to_ndarray()
            channels = len(frame.layout.channels)
            per = 1 if frame.format.is_planar else channels
            rest = av.AudioFrame.from_ndarray(np.ascontiguousarray(data[:, samples * per:]),
                                              format=frame.format.name, layout=frame.layout.name)
            rest.sample_rate = frame.sample_rate
            frame, samples = rest, 0
        out.append(frame)
    return out


def _pitch_graph(stream: av.AudioStream, semitones: float) -> av.filter.Graph:
    rate = stream.codec_context.sample_rate
    factor = 2.0 ** (semitones / 12.0)
    graph = av.filter.Graph()
    source = graph.add_abuffer(sample_rate=rate, format=stream.format.name,
                               layout=stream.layout.name, time_base=Fraction(1, rate))
    chain = [graph.add("asetrate", str(int(round(rate * factor)))),
             graph.add("aresample", str(rate)),
             graph.add("atempo", f"{1.0 / factor:.6f}"),
             graph.add("aformat", f"sample_fmts={stream.format.name}:channel_layouts="
                                  f"{stream.layout.name}:sample_rates={rate}"),
             graph.add("abuffersink")]
    node = source
    for nxt in chain:
        node.link_to(nxt)
        node = nxt
    graph.configure()
    return graph


def add_audio_stream(output: av.container.OutputContainer, spec: AudioSpec,
                     source: av.AudioStream) -> av.AudioStream:
    """An encoder stream for `spec`, from what the source has (channels, rate)."""
    channels = min(spec.max_channels, max(1, source.codec_context.channels or 1))
    rate = spec.rate or _aac_rate(source.codec_context.sample_rate or 48000)
    stream = output.add_stream(spec.codec, rate=rate)
    stream.layout = _layout(channels)
    stream.bit_rate = spec.bitrate_kbps * 1000
    if spec.codec == "libopus":
        stream.options = {"application": "voip"}
    return stream


def _aac_rate(rate: int) -> int:
    """The source's rate if AAC players all take it, else 48 kHz."""
    return rate if rate in (44100, 48000, 32000, 22050, 24000, 16000) else 48000
