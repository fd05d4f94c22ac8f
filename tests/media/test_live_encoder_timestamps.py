"""The live encoder keeps frames' own times: frames closer than one frame apart still encode."""

from __future__ import annotations

import io

import av
import numpy as np

from media.encoder import EncodeSettings, LiveEncoder
from media.sources import Frame, SourceInfo


def _frame(i: int) -> Frame:
    image = np.full((120, 160, 3), (i * 7) % 255, dtype=np.uint8)
    return Frame(i / 30, image)


def test_bunched_frames_after_a_stall_are_kept_in_order():
    """A capture thread that stalled delivers frames 10 ms apart; none may collide."""
    sink = io.BytesIO()
    encoder = LiveEncoder(sink, SourceInfo(160, 120, 30.0, None, 1, "test"),
                          EncodeSettings(160, 120, 30.0, "ultrafast"))
    times = [i / 30 for i in range(30)] + [1.0 + i * 0.010 for i in range(1, 20)]
    for i, t in enumerate(times):
        encoder.video(_frame(i), t)
    encoder.close()
    sink.seek(0)
    with av.open(sink) as container:
        decoded = [f.time for f in container.decode(video=0)]
    assert len(decoded) == len(times)
    assert all(b > a for a, b in zip(decoded, decoded[1:]))
    assert abs(decoded[-1] - decoded[0] - (times[-1] - times[0])) < 0.002
