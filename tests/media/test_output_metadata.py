"""Video outputs carry no container or stream metadata beyond what playback needs.

A source tagged everywhere (title, artist, location, creation time, handler names) is
transcoded as `share` and as `anonymized`: the output names no tag, no handler, no
encoder (x264's options string, FFmpeg's "Lavc"/"Lavf"), and still plays in full.
"""

from __future__ import annotations

import io
from fractions import Fraction

import av
import numpy as np
import pytest

from media.transcode_profiles import get_profile
from tests.media.transcode_clips import decode_all, run_profile

MARK = "KUATAG7Q"
ALLOWED_CONTAINER = {"major_brand", "minor_version", "compatible_brands"}
ALLOWED_STREAM = {"language"}
STRINGS = (b"x264", b"Lavc", b"Lavf", b"Handler", b"handler", b"encoder", b"ffmpeg",
           b"libx264", b"udta", MARK.encode())


def _tagged_clip() -> bytes:
    buffer = io.BytesIO()
    with av.open(buffer, "w", format="mp4") as out:
        out.metadata.update({"title": MARK, "artist": MARK, "location": "+43.2+076.9/",
                             "creation_time": "2026-01-02T03:04:05Z", "comment": MARK})
        video = out.add_stream("libx264", rate=15, options={"preset": "ultrafast"})
        video.width, video.height, video.pix_fmt = 160, 120, "yuv420p"
        video.metadata["handler_name"] = MARK
        audio = out.add_stream("aac", rate=48000, layout="mono")
        audio.metadata["handler_name"] = MARK
        for i in range(15):
            frame = av.VideoFrame.from_ndarray(np.full((120, 160, 3), i * 10, np.uint8), format="rgb24")
            frame.pts, frame.time_base = i, Fraction(1, 15)
            out.mux(video.encode(frame))
        out.mux(video.encode(None))
        for start in range(0, 48000, 1024):
            chunk = av.AudioFrame.from_ndarray(np.zeros((1, 1024), np.int16), format="s16",
                                               layout="mono")
            chunk.sample_rate, chunk.pts, chunk.time_base = 48000, start, Fraction(1, 48000)
            out.mux(audio.encode(chunk))
        out.mux(audio.encode(None))
    data = buffer.getvalue()
    assert MARK.encode() in data and b"x264" in data
    return data


@pytest.mark.parametrize("profile", ["share", "anonymized"])
def test_no_tags_names_or_encoder_strings(profile: str) -> None:
    output = run_profile(_tagged_clip(), get_profile(profile))
    for needle in STRINGS:
        assert needle not in output, needle
    with av.open(io.BytesIO(output)) as container:
        assert set(container.metadata) <= ALLOWED_CONTAINER, dict(container.metadata)
        for stream in container.streams:
            assert set(stream.metadata) <= ALLOWED_STREAM, dict(stream.metadata)
    facts, frames = decode_all(output)
    assert len(frames) == 15 and facts["audio"][0] == "aac"
