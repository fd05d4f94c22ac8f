"""Measure a recording of the synthetic source: flash times, beep times, their offset."""

from __future__ import annotations

from typing import BinaryIO

import av
import numpy as np


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
