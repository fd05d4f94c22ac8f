"""Live recording into the vault: length, A/V sync, pause/resume, stills, faults."""

from __future__ import annotations

import json

import av
import pytest

from app.recording import RecordingSession
from media.source_spec import open_source
from core.errors import MediaError
from tests.media.avsync import assert_in_step
from tests.media.synth import make_video


def _record(vault, seconds, **kw):
    source = open_source("synthetic", width=640, height=360, fps=30)
    session = RecordingSession(vault, source, title="test", max_seconds=seconds, **kw)
    session.start()
    return session


@pytest.mark.slow
def test_ten_second_recording_is_h264_of_ten_seconds_in_sync(vault):
    session = _record(vault, 10)
    while session.running:
        session._recorder._stopping.wait(0.1)
    result = session.stop()
    item = vault.items.get(result.item_id)
    assert (item.kind, item.state, item.codec, item.dropped_frames) == ("master", "complete", "h264", 0)
    assert item.duration == pytest.approx(10, abs=0.2)
    with vault.reader(item.id) as reader:
        with av.open(reader) as c:
            video = c.streams.video[0]
            assert video.codec_context.name == "h264" and c.streams.audio[0].codec_context.name == "aac"
            assert float(video.duration * video.time_base) == pytest.approx(10, abs=0.2)
        assert len(assert_in_step(reader, 10)) == 10


@pytest.mark.slow
def test_pause_and_resume_make_one_continuous_file(vault):
    session = _record(vault, None)
    status = session.status
    _wait(lambda: status().elapsed >= 1.5)
    session.pause()
    paused_at = status().elapsed
    import time
    time.sleep(1.5)  # wall time passes while paused: it must not appear in the file
    assert status().paused and status().elapsed == pytest.approx(paused_at, abs=0.1)
    session.resume()
    _wait(lambda: status().elapsed >= paused_at + 1.5)
    result = session.stop()
    item = vault.items.get(result.item_id)
    assert item.duration == pytest.approx(status().elapsed, abs=0.2)
    assert item.duration < 4.0  # the 1.5 s pause is not in the file
    chapters = json.loads(item.params)["chapters"]
    assert len(chapters) == 2 and chapters[0][1] == pytest.approx(chapters[1][0], abs=0.1)
    with vault.reader(item.id) as reader:
        with av.open(reader) as c:
            pts = [float(f.pts * f.time_base) for f in c.decode(video=0)]
        # The pause is cut from picture and sound alike: each beep is still on its flash.
        assert_in_step(reader, 3)
    gaps = [b - a for a, b in zip(pts, pts[1:])]
    assert max(gaps) < 0.1  # continuous timestamps across the pause


def _wait(condition, timeout=15.0):
    import time
    end = time.monotonic() + timeout
    while not condition():
        assert time.monotonic() < end, "timed out"
        time.sleep(0.05)


@pytest.mark.slow
def test_still_photo_is_a_jpeg_item_of_the_testimony(vault):
    session = _record(vault, 1.5)
    _wait(lambda: session.status().frames > 5)
    still = session.take_still("id document")
    session.stop()
    item = vault.items.get(still)
    assert (item.kind, item.media_type, item.testimony_id, item.label) == (
        "still", "image", session.testimony_id, "id document")
    with vault.reader(still) as r:
        assert r.read(3) == b"\xff\xd8\xff"


@pytest.mark.slow
def test_file_source_replays_a_video(vault, tmp_path):
    path = tmp_path / "in.mp4"
    path.write_bytes(make_video(seconds=2.0))
    source = open_source(f"file:{path}")
    session = RecordingSession(vault, source, title="from file")
    session.start()
    _wait(lambda: not session.running)
    result = session.stop()
    assert vault.items.get(result.item_id).duration == pytest.approx(2.0, abs=0.25)


_VIDEO = make_video(seconds=1.0)


@pytest.mark.parametrize("content", [
    b"not a video at all\n" * 100, b"",
    _VIDEO[:1500],                                                  # truncated
    _VIDEO[:48] + bytes(b ^ 0x5A for b in _VIDEO[48:]),             # garbled
], ids=["text", "empty", "truncated", "garbled"])
def test_file_source_that_is_not_a_video_creates_nothing(vault, tmp_path, content):
    path = tmp_path / "notes.txt"
    path.write_bytes(content)
    with pytest.raises(MediaError):
        open_source(f"file:{path}")
    assert vault.catalogue.all() == []


def test_no_camera_is_a_clear_error(monkeypatch):
    import media.camera as camera
    monkeypatch.setattr(camera, "_device_exists", lambda index: False)
    with pytest.raises(MediaError, match="no camera found"):
        open_source("camera:7")


def test_unknown_source():
    with pytest.raises(MediaError, match="unknown source"):
        open_source("webcam")


@pytest.mark.slow
def test_without_a_microphone_video_is_recorded_alone(vault):
    from media.synthetic import SyntheticSource
    session = RecordingSession(vault, SyntheticSource(640, 360, 30, audio=False), max_seconds=1.5)
    session.start()
    _wait(lambda: not session.running)
    result = session.stop()
    item = vault.items.get(result.item_id)
    assert item.state == "complete" and item.audio_codec is None
    assert item.duration == pytest.approx(1.5, abs=0.2)


class _FakeCapture:
    """Stands in for cv2.VideoCapture: delivers `good` frames, then fails (unplugged)."""

    def __init__(self, good: int) -> None:
        import numpy as np
        self.good, self.frame = good, np.zeros((360, 640, 3), dtype=np.uint8)

    def isOpened(self):
        return True

    def set(self, prop, value):
        return True

    def get(self, prop):
        import cv2
        return {cv2.CAP_PROP_FRAME_WIDTH: 640, cv2.CAP_PROP_FRAME_HEIGHT: 360,
                cv2.CAP_PROP_FPS: 30}.get(prop, 0)

    def read(self):
        import time
        time.sleep(1 / 30)
        if self.good > 0:
            self.good -= 1
            return True, self.frame.copy()
        return False, None

    def release(self):
        pass


@pytest.mark.slow
def test_camera_unplugged_mid_recording_keeps_what_was_recorded(vault, monkeypatch):
    import media.camera as camera
    monkeypatch.setattr(camera, "_device_exists", lambda index: True)
    monkeypatch.setattr(camera.cv2, "VideoCapture", lambda index, api: _FakeCapture(45))
    monkeypatch.setattr(camera, "_open_microphone", lambda: None)  # no microphone either
    session = RecordingSession(vault, open_source("camera:0", width=640, height=360))
    session.start()
    _wait(lambda: not session.running)
    result = session.stop()
    assert result.error and "camera stopped" in result.error
    item = vault.items.get(result.item_id)
    assert item.state in ("recovered", "complete") and item.duration >= 1.0


def test_slow_machine_scales_1080p_down(monkeypatch):
    import media.encoder as encoder
    monkeypatch.setattr(encoder, "_CALIBRATED", {})
    monkeypatch.setattr(encoder, "_measure", lambda w, h, fps, preset, frames=16: 20.0)
    settings = encoder.choose_preset(1920, 1080, 30)
    assert (settings.width, settings.height, settings.preset) == (1280, 720, "ultrafast")
    monkeypatch.setattr(encoder, "_measure",
                        lambda w, h, fps, preset, frames=16: {"veryfast": 30.0}.get(preset, 50.0))
    monkeypatch.setattr(encoder, "_CALIBRATED", {})
    assert encoder.choose_preset(1280, 720, 30).preset == "superfast"
