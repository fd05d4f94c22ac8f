"""Sound in step with the picture (issue 19), measured as a player presents the files.

Every measure reads each stream's own stored timestamps through FFmpeg's demuxer (which
applies edit lists, as players do) and nothing else: the white frame of each second
against the onset of its beep (tests/media/avsync.py). 20 ms either way is allowed;
the copies of masters written before edit lists were 36-50 ms off.

Here, in memory: the master as the recorder's encoder writes it (B-frames, as on most
machines), that master cut at its last whole fragment (what recovery keeps), a master
written the old way (picture 67 ms late, a gap in the sound), and a phone's clip (B-frames,
variable frame rate, AAC priming, sound starting after the picture), each through every
profile. The whole pipeline (recorder, vault, worker) is tests/app/test_avsync_pipeline.py.
"""

from __future__ import annotations

import io

import av
import pytest

import media.encoder as encoder
from media.fmp4 import last_whole_fragment_end
from media.transcode_profiles import get_profile
from tests.media.avsync import assert_in_step, phone_clip, recorded_master
from tests.media.transcode_clips import run_profile

PROFILES = [("share", 0.0), ("proxy", 0.0), ("audio", 0.0), ("anonymized", 0.0),
            ("anonymized", 5.0)]
IDS = ["share", "proxy", "audio", "anonymized", "anonymized-voice-shift"]
OLD_MUXER = {"movflags": "frag_keyframe+empty_moov+default_base_moof"}  # before issue 19


def _first_times(data: bytes) -> dict[str, float]:
    """Presentation time (s) of the first decoded frame of each stream."""
    out = {}
    with av.open(io.BytesIO(data)) as container:
        for frame in container.decode(*container.streams):
            kind = "video" if isinstance(frame, av.VideoFrame) else "audio"
            out.setdefault(kind, frame.time)
            if len(out) == 2:
                return out
    return out


@pytest.fixture(scope="module")
def master() -> bytes:
    return recorded_master(4.0, width=320, height=180, preset="veryfast")


@pytest.fixture(scope="module")
def old_master() -> bytes:
    saved = encoder.MUXER_OPTIONS
    encoder.MUXER_OPTIONS = OLD_MUXER
    try:
        return recorded_master(3.0, width=320, height=180, preset="veryfast")
    finally:
        encoder.MUXER_OPTIONS = saved


@pytest.fixture(scope="module")
def phone() -> bytes:
    return phone_clip(3.0, audio_start=0.12)


def test_master_starts_at_zero_in_step(master: bytes) -> None:
    """The picture's first frame and the first sound are both at 0 as presented (the
    B-frame delay and the AAC priming are in the edit lists), and every beep is on its
    flash."""
    starts = _first_times(master)
    assert starts["video"] == pytest.approx(0.0, abs=1e-3), starts
    assert starts["audio"] == pytest.approx(0.0, abs=1e-3), starts
    assert_in_step(io.BytesIO(master), 4)


def test_master_cut_at_its_last_whole_fragment_is_in_step(master: bytes) -> None:
    """What recovery keeps of a recording cut by kill -9: the edit lists live in `moov`,
    ahead of every fragment, so the cut file starts and stays in step too."""
    end = last_whole_fragment_end(io.BytesIO(master), len(master) - 5000)
    assert 0 < end < len(master) - 5000
    cut = master[:end]
    assert _first_times(cut)["video"] == pytest.approx(0.0, abs=1e-3)
    assert_in_step(io.BytesIO(cut), 3)


@pytest.mark.parametrize(("name", "shift"), PROFILES, ids=IDS)
def test_copies_of_a_master_are_in_step(master: bytes, name: str, shift: float) -> None:
    """Each copy's sound is on its picture; the audio copy's on its master's picture."""
    copy = run_profile(master, get_profile(name, voice_shift=shift))
    picture = io.BytesIO(master) if name == "audio" else None
    assert_in_step(io.BytesIO(copy), 4, picture)


@pytest.mark.parametrize(("name", "shift"), PROFILES, ids=IDS)
def test_copies_of_a_master_written_before_edit_lists_are_in_step(
        old_master: bytes, name: str, shift: float) -> None:
    """A master already in a vault: picture 67 ms late, sound with a gap after its first
    packet. Its copies keep the gap as silence instead of pulling the sound 45 ms ahead."""
    assert _first_times(old_master)["video"] == pytest.approx(2 / 30, abs=1e-3)
    assert_in_step(io.BytesIO(old_master), 3)
    copy = run_profile(old_master, get_profile(name, voice_shift=shift))
    picture = io.BytesIO(old_master) if name == "audio" else None
    assert_in_step(io.BytesIO(copy), 3, picture)


@pytest.mark.parametrize(("name", "shift"), PROFILES, ids=IDS)
def test_copies_of_a_phone_video_are_in_step(phone: bytes, name: str, shift: float) -> None:
    """B-frames, variable frame rate, AAC priming at 44.1 kHz, sound 0.12 s after the
    picture: the copies keep both where they were."""
    assert_in_step(io.BytesIO(phone), 2)
    copy = run_profile(phone, get_profile(name, voice_shift=shift))
    picture = io.BytesIO(phone) if name == "audio" else None
    assert_in_step(io.BytesIO(copy), 2, picture)
