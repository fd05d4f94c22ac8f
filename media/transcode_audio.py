"""The sound path of a transcode: resample, optionally shift the pitch, encode.

The voice disguise of the `anonymized` profile is FFmpeg's classic pitch shift:
`asetrate` plays the samples at a changed rate (pitch and speed change), `aresample`
brings the rate back and `atempo` undoes the change of speed. It deters casual
recognition only: shifting back by the same amount brings the voice most of the way
back (README, "Transcoding").
"""

from __future__ import annotations

from fractions import Fraction

import av

from .transcode_profiles import AudioSpec


def _layout(channels: int) -> str:
    return "mono" if channels == 1 else "stereo"


class AudioPath:
    """Decoded audio frames in, encoder-ready frames out, with contiguous timestamps."""

    def __init__(self, spec: AudioSpec, source: av.AudioStream, stream: av.AudioStream,
                 voice_shift: float, start: float) -> None:
        self._rate = stream.codec_context.sample_rate
        self._layout = stream.layout.name
        self._resampler = av.AudioResampler(format=stream.format.name, layout=self._layout,
                                            rate=self._rate)
        self._graph = _pitch_graph(stream, voice_shift) if voice_shift else None
        self._next = max(0, int(round(start * self._rate)))  # output pts, in samples

    def process(self, frame: av.AudioFrame | None) -> list[av.AudioFrame]:
        """Frames for the encoder from one decoded frame (None: flush at the end)."""
        resampled = self._resampler.resample(frame)
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

    def _drain(self) -> list[av.AudioFrame]:
        assert self._graph is not None
        out = []
        while True:
            try:
                out.append(self._graph.pull())
            except (av.BlockingIOError, av.EOFError):
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
