"""Measure a recording of the synthetic source: flash times, beep times, their offset."""

from __future__ import annotations

import io
from fractions import Fraction
from typing import BinaryIO

import av
import numpy as np

from media.encoder import EncodeSettings, LiveEncoder
from media.sources import Frame
from media.synthetic import SyntheticSource


def flash_times(f: BinaryIO) -> list[float]:
    """Times (s) of the white frames (the synthetic source's once-a-second flash)."""
    f.seek(0)
    times = []
    with av.open(f) as container:
        for frame in container.decode(video=0):
            luma = frame.to_ndarray(format="gray")
            if luma.mean() > 230:
                times.append(float(frame.pts * frame.time_base))
    return times


def beep_times(f: BinaryIO) -> list[float]:
    """Onset times (s) of the loud 1 kHz beeps, placing every sample by its frame's pts."""
    f.seek(0)
    onsets: list[float] = []
    with av.open(f) as container:
        rate = container.streams.audio[0].codec_context.sample_rate
        window = max(1, rate // 1000)  # 1 ms
        for frame in container.decode(audio=0):
            samples = np.abs(frame.to_ndarray().reshape(-1)[: frame.samples])
            loud = np.flatnonzero(np.convolve(samples > 0.4, np.ones(window), mode="same") > 0)
            if not loud.size:
                continue
            t = float(frame.pts * frame.time_base) + loud[0] / rate
            if not onsets or t - onsets[-1] > 0.5:
                onsets.append(t)
    return onsets


def av_offsets(f: BinaryIO) -> list[float]:
    """For each flash, the signed distance (s) to the nearest beep onset."""
    beeps = beep_times(f)
    if not beeps:
        return []
    return [min(beeps, key=lambda b: abs(b - t)) - t for t in flash_times(f)]


def recorded_master(seconds: float, dropped: frozenset[int] = frozenset(), width: int = 640,
                    height: int = 360, preset: str = "ultrafast") -> bytes:
    """A master as the recorder writes it (its `LiveEncoder`, the synthetic source at
    30 fps, not paced), without the video frames numbered in `dropped`. `veryfast` and
    slower presets make B-frames, as the recorder does on most machines."""
    source = SyntheticSource(width, height, 30, realtime=False, duration=seconds)
    sink = io.BytesIO()
    encoder = LiveEncoder(sink, source.info, EncodeSettings(width, height, 30, preset))
    index = 0
    while (item := source.read()) is not None:
        if isinstance(item, Frame):
            index += 1
            if index - 1 in dropped:
                continue
            encoder.video(item, item.pts)
        else:
            encoder.audio(item, item.pts)
    encoder.close()
    return sink.getvalue()


TOLERANCE = 0.020  # s: the most sound may be off its picture, either way (issue 19)


def assert_in_step(f: BinaryIO, flashes: int, picture: BinaryIO | None = None) -> list[float]:
    """Every one of at least `flashes` flashes has its beep within TOLERANCE; returns the
    offsets (s, sound minus picture). `picture`: another file whose flashes count (an
    audio-only copy is measured against its master's picture)."""
    beeps = beep_times(f)
    shown = flash_times(picture if picture is not None else f)
    if beeps:  # a picture before the sound starts has no beep to be in step with
        shown = [t for t in shown if t > beeps[0] - 0.5]
    assert len(shown) >= flashes and len(beeps) >= flashes, (shown, beeps)
    offsets = [min(beeps, key=lambda b: abs(b - t)) - t for t in shown]
    assert max(abs(o) for o in offsets) < TOLERANCE, [round(o * 1000, 1) for o in offsets]
    return offsets


def audio_gaps(f: BinaryIO) -> float:
    """The largest jump (s) between one audio frame's end and the next one's start: a
    player plays sound back to back, so a gap or overlap in the stored times is not
    heard where its timestamps say."""
    f.seek(0)
    worst, end = 0.0, None
    with av.open(f) as container:
        for frame in container.decode(audio=0):
            if end is not None:
                worst = max(worst, abs(frame.time - end))
            end = frame.time + frame.samples / frame.sample_rate
    return worst


def flash_beep_audio(times: np.ndarray) -> np.ndarray:
    """The synthetic source's sound at `times` (s): a quiet tone, a loud beep at each second."""
    tone = 0.1 * np.sin(2 * np.pi * 440 * times)
    beep = 0.7 * np.sin(2 * np.pi * 1000 * times)
    return np.where((times % 1.0) < 0.1, beep, tone)


def phone_clip(seconds: float = 3.0, width: int = 320, height: int = 240, seed: int = 7,
               audio_start: float = 0.0) -> bytes:
    """A clip like a phone's: H.264 with B-frames, variable frame rate (frames 33-78 ms
    apart, never closer than Kua's 30 fps cap, a 1/600 s time base), AAC at 44.1 kHz stereo with its priming (the mp4
    muxer's edit list), sound starting `audio_start` s after the picture. A white frame
    at each whole second, a loud beep from the same instant."""
    rng = np.random.default_rng(seed)
    ticks, t = [], 0
    while t < seconds * 600:
        ticks.append(t)
        step = int(rng.integers(20, 28))
        second = (t // 600 + 1) * 600
        if second - (t + step) < 20:  # a frame exactly at each whole second
            step = second - t
        t += step
    buffer = io.BytesIO()
    with av.open(buffer, "w", format="mp4") as out:
        video = out.add_stream("libx264", rate=30, time_base=Fraction(1, 600),
                               options={"preset": "veryfast", "bf": "3"})
        video.width, video.height, video.pix_fmt = width, height, "yuv420p"
        video.time_base = Fraction(1, 600)
        audio = out.add_stream("aac", rate=44100, layout="stereo")
        grey = np.full((height, width, 3), 80, dtype=np.uint8)
        for index, tick in enumerate(ticks):
            image = np.full_like(grey, 255) if tick % 600 == 0 else grey.copy()
            image[:, (index * 5) % width] = 0
            frame = av.VideoFrame.from_ndarray(image, format="rgb24")
            frame.pts, frame.time_base = tick, Fraction(1, 600)
            out.mux(video.encode(frame))
        out.mux(video.encode(None))
        rate = 44100
        first = int(round(audio_start * rate))
        for start in range(first, int(seconds * rate), 1024):
            times = np.arange(start, min(start + 1024, int(seconds * rate))) / rate
            wave = flash_beep_audio(times).astype(np.float32)
            af = av.AudioFrame.from_ndarray(np.stack([wave, wave]), format="fltp", layout="stereo")
            af.sample_rate, af.pts, af.time_base = rate, start, Fraction(1, rate)
            out.mux(audio.encode(af))
        out.mux(audio.encode(None))
    return buffer.getvalue()
