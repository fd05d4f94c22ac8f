"""The player: plays items straight from the vault, seeks, steps, shows damage, forgets at lock."""

from __future__ import annotations

import faulthandler
import io
import os
import struct
import sys
import threading
import time
from fractions import Fraction
from pathlib import Path

import av
import pytest
from PySide6.QtCore import Qt
from PySide6.QtMultimedia import QAudio, QMediaPlayer
from PySide6.QtWidgets import QAbstractSlider, QApplication

from app.recording import RECORDING_LAYOUT, RecordingSession
from media.encoder import EncodeSettings, LiveEncoder
from media.probe import probe
from media.source_spec import open_source
from media.synthetic import SyntheticSource
from storage.sealed import Layout
from tests.disk_scan import files_holding
from tests.media.synth import make_audio, make_jpeg
from tests.storage.replica_util import flip
from tests.ui.conftest import run_in_vault, unlock

# Optional system libraries (VA-API, a sound card, a GPU) are absent offscreen and on CI.
pytestmark = pytest.mark.qt_log_ignore("No audio device detected", "QRhi.*No RHI backend.*",
                                       "Couldn.t (load|resolve) va.*")

MARKER = b"KUA-PLAYER-MARKER-7f3a"
PLAINTEXT_SIGNS = (b"ftyp", b"moof", b"mdat", MARKER)
Playing = QMediaPlayer.PlaybackState.PlayingState
Paused = QMediaPlayer.PlaybackState.PausedState


# -- media made in memory ----------------------------------------------------------


@pytest.fixture(scope="module")
def recorded() -> bytes:
    """4 s of the test pattern at 20 fps, through the live encoder `kua record` uses (fMP4)."""
    source = SyntheticSource(320, 240, 20.0, realtime=False, duration=4.0)
    out = io.BytesIO()
    encoder = LiveEncoder(out, source.info, EncodeSettings(320, 240, 20.0, "ultrafast"))
    while (part := source.read()) is not None:
        (encoder.video if hasattr(part, "image") else encoder.audio)(part, part.pts)
    encoder.close()
    return out.getvalue()


@pytest.fixture(scope="module")
def noisy() -> bytes:
    """20 s of noise at 10 fps (a few MB), an ordinary MP4 with its index at the end."""
    buffer = io.BytesIO()
    rnd = os.urandom(160 * 120 * 2)
    with av.open(buffer, "w", format="mp4") as out:
        stream = out.add_stream("libx264", rate=10, options={"preset": "ultrafast", "crf": "30"})
        stream.width, stream.height, stream.pix_fmt = 160, 120, "yuv420p"
        stream.codec_context.gop_size = 10  # a keyframe every second: seeks can jump
        for i in range(200):
            frame = av.VideoFrame(160, 120, "yuv420p")
            for n, plane in enumerate(frame.planes):
                start = (i * 7919 + n * 1000) % (len(rnd) - plane.buffer_size)
                plane.update(rnd[start:start + plane.buffer_size])
            frame.pts, frame.time_base = i, Fraction(1, 10)
            out.mux(stream.encode(frame))
        out.mux(stream.encode(None))
    data = buffer.getvalue()
    assert data.index(b"moov") > len(data) // 2
    return data


def marked_jpeg(orientation: int | None = None) -> bytes:
    """A small JPEG carrying MARKER in a comment segment."""
    jpeg = make_jpeg(96, 64, orientation)
    return jpeg[:2] + b"\xff\xfe" + struct.pack(">H", len(MARKER) + 2) + MARKER + jpeg[2:]


def store(ctx, data: bytes, media_type: str = "video", kind: str = "master",
          layout: Layout = RECORDING_LAYOUT) -> str:
    """Seal `data` as a complete item of a new testimony (on the vault thread); its id."""
    def task(vault):
        tid = vault.catalogue.create_testimony("player test")
        with vault.transaction():
            ref = vault.items.create(tid, kind, layout=layout, media_type=media_type)
        writer = vault.writer(ref)
        writer.write(data)
        writer.close()
        with vault.reader(ref.item_id) as reader:
            info = probe(reader)
        with vault.transaction():
            vault.items.update(ref.item_id, state="complete", size=writer.size,
                               sha256=writer.sha256, duration=info.duration)
        return ref.item_id
    return run_in_vault(ctx, task)


def item_of(ctx, item_id: str):
    return run_in_vault(ctx, lambda vault: vault.items.get(item_id))


def object_file(ctx, item_id: str) -> Path:
    return run_in_vault(ctx, lambda vault: vault.object_files(item_id)[0])


def start(window, qtbot, item_id: str):
    """Ask for an item the way the library does; wait until it plays."""
    window.ctx.play_item.emit(item_id)
    screen = window.player
    assert window.workspace.currentWidget() is screen
    qtbot.waitUntil(lambda: screen.player is not None and screen.device is not None
                    and screen.player.playbackState() == Playing, timeout=10_000)
    return screen


# -- playing -------------------------------------------------------------------------


def test_plays_a_recording_with_duration_progress_frames_and_volume(unlocked, ctx, qtbot, recorded):
    window = unlocked
    assert "av" in sys.modules  # PyAV's FFmpeg and Qt's FFmpeg live in one process
    item_id = store(ctx, recorded)
    item = item_of(ctx, item_id)
    window.ctx.play_item.emit(item_id)
    screen = window.player
    qtbot.waitUntil(lambda: screen.video is not None, timeout=10_000)
    frames = []
    screen.video.videoSink().videoFrameChanged.connect(lambda frame: frames.append(frame.startTime()))
    qtbot.waitUntil(lambda: screen.player.playbackState() == Playing, timeout=10_000)
    assert screen.player.duration() == pytest.approx(item.duration * 1000, abs=200)
    assert screen.seek_slider.maximum() == screen.player.duration()
    assert screen.duration_label.text() == "0:04"
    qtbot.waitUntil(lambda: screen.player.position() > 800, timeout=10_000)
    qtbot.waitUntil(lambda: len(frames) >= 5, timeout=5_000)
    assert frames == sorted(frames)
    assert screen.play_button.text() == "Pause"
    assert screen.title.text() == "Original recording"
    assert screen.frame_ms == 50  # 20 fps, from the media's own metadata
    screen.volume_slider.setValue(30)
    low = screen.audio.volume()
    assert low == pytest.approx(QAudio.convertVolume(
        0.3, QAudio.VolumeScale.LogarithmicVolumeScale, QAudio.VolumeScale.LinearVolumeScale))
    screen.volume_slider.setValue(100)
    assert screen.audio.volume() == pytest.approx(1.0) and low < 1.0
    screen.volume_slider.setValue(0)
    assert screen.audio.volume() == 0
    assert window.windowTitle() == "Kua"


def test_keys_seek_and_step_frames(unlocked, ctx, qtbot, recorded):
    window = unlocked
    screen = start(window, qtbot, store(ctx, recorded))
    player = screen.player
    window.activateWindow()
    # The focus is given when playing starts (to the button, or the video widget's own window).
    qtbot.waitUntil(lambda: screen.isAncestorOf(QApplication.focusWidget()))
    keys = QApplication.focusWidget()
    qtbot.keyClick(keys, Qt.Key.Key_Space)
    qtbot.waitUntil(lambda: player.playbackState() == Paused)
    assert screen.play_button.text() == "Play"
    screen.seek(2000)
    qtbot.waitUntil(lambda: abs(player.position() - 2000) <= 60, timeout=5_000)
    before = player.position()
    qtbot.keyClick(keys, Qt.Key.Key_Period)
    qtbot.waitUntil(lambda: player.position() != before, timeout=5_000)
    assert player.position() - before == pytest.approx(50, abs=10)
    assert player.playbackState() == Paused
    after = player.position()
    qtbot.keyClick(keys, Qt.Key.Key_Comma)
    qtbot.waitUntil(lambda: player.position() != after, timeout=5_000)
    assert after - player.position() == pytest.approx(50, abs=10)
    qtbot.keyClick(keys, Qt.Key.Key_Left)  # 5 s back from 2 s: the start
    qtbot.waitUntil(lambda: player.position() <= 60, timeout=5_000)
    qtbot.keyClick(keys, Qt.Key.Key_Right)  # 5 s on from 0: the end
    qtbot.waitUntil(lambda: player.position() >= player.duration() - 100, timeout=5_000)
    screen.seek_slider.triggerAction(QAbstractSlider.SliderAction.SliderToMinimum)  # a click
    qtbot.waitUntil(lambda: player.position() <= 60, timeout=5_000)
    assert screen.position_label.text() == "0:00"
    qtbot.keyClick(keys, Qt.Key.Key_Space)
    qtbot.waitUntil(lambda: player.playbackState() != Paused, timeout=5_000)


def test_seek_near_the_end_reads_only_what_it_needs(unlocked, ctx, qtbot, noisy):
    window = unlocked
    item_id = store(ctx, noisy, kind="imported", layout=Layout.for_segment_size(64 * 1024))
    screen = start(window, qtbot, item_id)
    player, device = screen.player, screen.device
    screen.seek(15_000)
    qtbot.waitUntil(lambda: player.position() >= 15_500, timeout=10_000)
    assert device.error is None
    assert device.bytes_read < device.size() * 0.65, (device.bytes_read, device.size())


def test_audio_and_photo(unlocked, ctx, qtbot, tmp_path):
    window = unlocked
    screen = start(window, qtbot, store(ctx, make_audio(2.0), media_type="audio", kind="imported"))
    assert screen.view.currentWidget() is screen.sound_only
    assert not screen.frame_back.isEnabled()
    assert screen.player.duration() == pytest.approx(2000, abs=150)
    photo = store(ctx, marked_jpeg(orientation=6), media_type="image", kind="still")
    window.ctx.play_item.emit(photo)
    qtbot.waitUntil(lambda: not screen.image_view.image.isNull(), timeout=10_000)
    assert screen.image_view.image.size().toTuple() == (64, 96)  # turned as its EXIF says
    assert screen.view.currentWidget() is screen.image_view
    assert not screen.controls.isVisible() and screen.device is None
    assert screen.player.playbackState() == QMediaPlayer.PlaybackState.StoppedState
    assert screen.title.text() == "Photo"
    assert files_holding(PLAINTEXT_SIGNS, ctx.vault_path, tmp_path / "tmp") == []


def test_media_tags_stay_out_of_the_log(unlocked, ctx, qtbot, capfd, recorded):
    """Qt's FFmpeg prints a file's tags to stderr by default; a title may name a person."""
    tagged = io.BytesIO()
    with av.open(io.BytesIO(recorded)) as source, av.open(tagged, "w", format="mp4") as out:
        out.metadata["title"] = MARKER.decode()
        streams = {s.index: out.add_stream_from_template(s) for s in source.streams}
        for packet in source.demux():
            if packet.dts is not None:
                packet.stream = streams[packet.stream.index]
                out.mux(packet)
    assert MARKER in tagged.getvalue()
    screen = start(unlocked, qtbot, store(ctx, tagged.getvalue(), kind="imported"))
    qtbot.waitUntil(lambda: screen.player.position() > 200, timeout=10_000)
    assert MARKER.decode() not in capfd.readouterr().err


def test_back_to_the_testimony(unlocked, ctx, qtbot, recorded):
    window = unlocked
    item_id = store(ctx, recorded)
    screen = start(window, qtbot, item_id)
    with qtbot.waitSignal(ctx.open_testimony) as signal:
        qtbot.mouseClick(screen.back_button, Qt.MouseButton.LeftButton)
    assert signal.args == [item_of(ctx, item_id).testimony_id]
    # The player does not go on playing behind another screen.
    qtbot.waitUntil(lambda: screen.player.playbackState() != Playing, timeout=5_000)


# -- faults ---------------------------------------------------------------------------


def test_damage_in_the_middle_is_shown_plainly(unlocked, ctx, qtbot, recorded):
    window = unlocked
    layout = Layout.for_segment_size(16 * 1024)
    item_id = store(ctx, recorded, layout=layout)
    flip(object_file(ctx, item_id), 3 * layout.sealed_size + 100)  # not the final segment
    window.ctx.play_item.emit(item_id)
    screen = window.player
    qtbot.waitUntil(lambda: screen.problem.isVisible(), timeout=10_000)
    text = screen.problem.text()
    # Segment 3 starts 48 KiB into the 4 s, ~120 KB recording: about 1.6 s in.
    assert text.startswith("This recording is damaged at about 0:02.\n")
    assert f"item {item_id} is damaged or was altered: segment 3 failed authentication" in text
    assert screen.device.error_offset == 3 * layout.segment_size
    window.lock_now()  # and nothing is stuck: the lock still works at once
    assert screen.device is None and not screen.problem.isVisible()


def test_damage_found_at_opening_and_unplayable_items(unlocked, ctx, qtbot, recorded):
    window = unlocked
    screen = window.player
    item_id = store(ctx, recorded)
    path = object_file(ctx, item_id)
    flip(path, path.stat().st_size - 5)  # the final segment, checked when opening
    window.ctx.play_item.emit(item_id)
    qtbot.waitUntil(lambda: "damaged" in screen.message.text(), timeout=10_000)
    assert screen.message.text().startswith("Damaged recording")
    assert f"item {item_id} is damaged or was altered" in screen.message.text()
    assert screen.device is None and not screen.controls.isVisible()

    def recording(vault):
        tid = vault.catalogue.create_testimony("unfinished")
        with vault.transaction():
            return vault.items.create(tid, "master", state="recording", media_type="video").item_id
    unfinished = run_in_vault(ctx, recording)
    window.ctx.play_item.emit(unfinished)
    qtbot.waitUntil(lambda: "still being recorded" in screen.message.text(), timeout=10_000)


def test_without_qt_multimedia_it_says_so(unlocked, ctx, qtbot, recorded, monkeypatch):
    monkeypatch.setattr("ui.player.view.load_multimedia", lambda: None)
    window = unlocked
    screen = window.player
    window.ctx.play_item.emit(store(ctx, recorded))
    qtbot.waitUntil(lambda: "cannot play recordings" in screen.message.text(), timeout=10_000)
    assert screen.device is None and screen.player is None
    window.ctx.play_item.emit(store(ctx, marked_jpeg(), media_type="image", kind="still"))
    qtbot.waitUntil(lambda: not screen.image_view.image.isNull(), timeout=10_000)


# -- lock and disk ---------------------------------------------------------------------


def test_lock_stops_and_forgets_everything(unlocked, ctx, qtbot, recorded):
    window = unlocked
    screen = start(window, qtbot, store(ctx, recorded))
    qtbot.waitUntil(lambda: screen.player.position() > 300, timeout=10_000)
    device = screen.device
    reader = device._reader
    window.lock_now()
    assert screen.player.playbackState() == QMediaPlayer.PlaybackState.StoppedState
    assert screen.player.sourceDevice() is None
    assert not device.isOpen() and reader.closed and device.atEnd()
    assert screen.device is None and screen.item is None
    assert not screen.video.videoSink().videoFrame().isValid()
    assert screen.image_view.image.isNull()
    assert (screen.title.text(), screen.details.text(), screen.message.text()) == ("", "", "")
    assert screen.position_label.text() == "0:00" and not screen.problem.isVisible()
    unlock(window, qtbot)  # the same player plays again after the next unlock
    item_id = run_in_vault(ctx, lambda vault: vault.items.all()[0].id)
    start(window, qtbot, item_id)


def test_lock_while_the_player_is_reading_does_not_hang(unlocked, ctx, qtbot, noisy, monkeypatch,
                                                        capfd):
    """Dropping the source waits for Qt's reading threads, which call back into Python."""
    import ui.player.device
    read = ui.player.device.VaultDevice.readData
    reading = threading.Event()

    def slow_read(self, maxlen):
        reading.set()
        time.sleep(0.2)  # the lock comes now: this thread will need the GIL back
        return read(self, maxlen)
    monkeypatch.setattr(ui.player.device.VaultDevice, "readData", slow_read)
    screen = start(unlocked, qtbot, store(ctx, noisy, kind="imported"))
    reading.clear()
    screen.seek(15_000)
    assert reading.wait(10)
    # A deadlock holds the GIL, so no Python-level timeout can fire: faulthandler's C
    # watchdog ends the run instead, printing where it hung to the real stderr.
    with capfd.disabled():
        real_stderr = os.fdopen(os.dup(2), "w")
    faulthandler.dump_traceback_later(30, exit=True, file=real_stderr)
    try:
        unlocked.lock_now()
    finally:
        faulthandler.cancel_dump_traceback_later()
        real_stderr.close()
    assert screen.device is None and screen.player.sourceDevice() is None


def test_a_live_recording_plays_and_leaves_no_plaintext(unlocked, ctx, qtbot, tmp_path):
    window = unlocked

    def record(vault):
        source = open_source("synthetic", width=320, height=240, fps=25)
        session = RecordingSession(vault, source, title="live", max_seconds=2.0)
        session.start()
        while session.running:
            session._recorder._stopping.wait(0.05)
        return session.stop().item_id
    item_id = run_in_vault(ctx, record)
    screen = start(window, qtbot, item_id)
    qtbot.waitUntil(lambda: screen.player.position() > 500, timeout=10_000)
    assert screen.player.duration() == pytest.approx(2000, abs=200)
    photo = store(ctx, marked_jpeg(), media_type="image", kind="still")
    window.ctx.play_item.emit(photo)
    qtbot.waitUntil(lambda: not screen.image_view.image.isNull(), timeout=10_000)
    window.lock_now()
    ctx.executor.wait_idle()
    assert files_holding(PLAINTEXT_SIGNS, ctx.vault_path, tmp_path / "tmp") == []
