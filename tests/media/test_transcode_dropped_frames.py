"""Masters whose recorder dropped frames, and very short masters, transcode (media/transcode*.py).

The recorder drops a video frame when its encoder falls behind (media/recorder.py): the
master keeps the real timestamps, with a gap. Its average frame rate is then below 30
(29.1 for 2 frames of 90 dropped); so is a 1 s master's, whose average is skewed by
its start offset. The transcoder used to let PyAV give the H.264 encoder a time base of
1/round(average rate) = 1/29 s, which rounded two 30 fps frames onto one tick: x264
repeated a timestamp and the muxer refused the packet ("Invalid argument"), which was
then reported as a damaged source.

The masters here are written by the recorder's own encoder (`LiveEncoder`, fragmented
MP4) with chosen frames left out, as the capture thread leaves them out: deterministic,
unlike a live recording (one of which, through the app and the worker process, is the
last test).
"""

from __future__ import annotations

import io
import time
from fractions import Fraction

import av
import pytest

import media.transcode as transcode_module
from media.transcode import transcode
from media.transcode_profiles import get_profile
from core.errors import SourceDamaged, TranscodeFailed
from tests.media.avsync import recorded_master
from tests.media.transcode_clips import run_profile

FPS = 30  # the synthetic masters' frame rate


def timeline(data: bytes) -> dict:
    """Duration, video packet DTS and frame times (seconds) of a media file."""
    with av.open(io.BytesIO(data)) as container:
        video = container.streams.video[0]
        dts = [float(p.dts * video.time_base) for p in container.demux(video) if p.dts is not None]
    with av.open(io.BytesIO(data)) as container:
        duration = container.duration / av.time_base
        average = container.streams.video[0].average_rate
        times = [f.time for f in container.decode(video=0)]
    return {"duration": duration, "dts": dts, "times": times, "average_rate": average}


def increasing(values: list[float]) -> bool:
    return all(b > a for a, b in zip(values, values[1:]))


DROPS = {  # the frames a slow machine left out of a 3 s recording
    "two apart": frozenset({45, 78}),
    "a burst of three": frozenset({40, 41, 42}),
    "one a second": frozenset({29, 59, 89}),
}


@pytest.fixture(scope="module")
def masters() -> dict[str, bytes]:
    return {name: recorded_master(3.0, dropped) for name, dropped in DROPS.items()}


@pytest.mark.parametrize("profile", ["share", "proxy"])
@pytest.mark.parametrize("case", list(DROPS))
def test_master_with_dropped_frames_transcodes(masters: dict[str, bytes], case: str,
                                               profile: str) -> None:
    """The copy lasts as long as the master (±0.2 s), keeps every frame the master has,
    and its timestamps (packet DTS and frame times) only ever increase."""
    master = masters[case]
    source = timeline(master)
    assert source["average_rate"] < Fraction(59, 2)  # what made the encoder's grid 1/29 s
    assert len(source["times"]) == 3 * FPS - len(DROPS[case])
    out = timeline(run_profile(master, get_profile(profile)))
    assert out["duration"] == pytest.approx(3.0, abs=0.2), out["duration"]
    assert len(out["times"]) == len(source["times"])
    assert increasing(out["dts"]) and increasing(out["times"])
    # the gap stays a gap where the frames went missing: nothing is stretched or shifted
    assert max(abs(a - b) for a, b in zip(out["times"], source["times"])) < 0.002


@pytest.mark.parametrize("profile", ["share", "proxy"])
@pytest.mark.parametrize("seconds", [1.0, 0.5])
def test_short_master_transcodes(seconds: float, profile: str) -> None:
    """A 1 s (and a 0.5 s) master, no frame dropped, becomes a copy just as long."""
    master = recorded_master(seconds)
    out = timeline(run_profile(master, get_profile(profile)))
    assert out["duration"] == pytest.approx(seconds, abs=0.2), out["duration"]
    assert len(out["times"]) == round(seconds * FPS)
    assert increasing(out["dts"]) and increasing(out["times"])


def test_encoder_or_muxer_failure_is_not_called_damage(monkeypatch: pytest.MonkeyPatch) -> None:
    """When making the output fails (here: the old fault, forced back by giving the
    encoder a coarse 1/10 s time base), the error is TranscodeFailed naming the step,
    not SourceDamaged: the source decodes fine."""
    real = transcode_module.add_video_stream

    def coarse(*args, **kwargs):
        stream = real(*args, **kwargs)
        stream.codec_context.time_base = Fraction(1, 10)
        return stream

    monkeypatch.setattr(transcode_module, "add_video_stream", coarse)
    with pytest.raises(TranscodeFailed) as caught:
        transcode(io.BytesIO(recorded_master(1.0)), io.BytesIO(), get_profile("share"))
    assert type(caught.value) is TranscodeFailed, caught.value
    assert not isinstance(caught.value, SourceDamaged)
    assert "making the share copy failed in the " in caught.value.reason
    assert "decoded" not in caught.value.reason and "damaged" not in caught.value.reason
    assert caught.value.at is not None and caught.value.at < 1.0


@pytest.mark.slow
def test_live_recording_with_dropped_frames_transcodes_in_the_worker(vault) -> None:
    """A 3 s 720p recording whose encoder cannot keep up (the source is not paced), as
    reported: through app.transcode.runner and the worker process, to share and proxy."""
    from app.transcode import runner as transcoding
    from app.recording import RecordingSession
    from media.source_spec import open_source

    source = open_source("synthetic", width=1280, height=720, fps=FPS, realtime=False)
    session = RecordingSession(vault, source, title="slow laptop", max_seconds=3)
    session.start()
    deadline = time.monotonic() + 120
    while session.running:
        assert time.monotonic() < deadline, "the recording did not end"
        time.sleep(0.05)
    result = session.stop()
    master = vault.items.get(result.item_id)
    if not master.dropped_frames:
        pytest.skip("this machine encoded 720p faster than the unpaced source: nothing dropped")
    for name in ("share", "proxy"):
        item, existed = transcoding.transcode(vault, master.id, get_profile(name))
        assert not existed and item.parent == master.id
        assert item.duration == pytest.approx(master.duration, abs=0.2), (item, master)
        with vault.reader(item.id) as reader:
            out = timeline(reader.read())
        assert increasing(out["dts"]) and increasing(out["times"])
