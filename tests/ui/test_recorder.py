"""The recorder screen: record, pause, photo, guide, faults, panic lock, no plaintext."""

from __future__ import annotations

import errno
import io
import json
import os
import threading
from pathlib import Path

import numpy as np
import pytest
from PySide6.QtCore import QModelIndex, QSize, Qt

from app import settings
from app.capture_devices import Camera, list_cameras, list_microphones
from harness.vaults import PASSPHRASE
from storage.vault import Vault
from tests import disks
from tests.media.avsync import assert_in_step
from tests.ui.conftest import run_in_vault, unlock

BOX_SIGNATURES = (b"ftyp", b"moof", b"mdat")
LONG = 30_000  # ms; the first recording of a size measures this machine's encoder speed


def _open_recorder(window, qtbot, source="synthetic", quality="480p"):
    window.ctx.record_into.emit("")
    screen = window.recorder
    assert window.workspace.currentWidget() is screen
    screen.sources.camera.setCurrentIndex(screen.sources.camera.findData(source))
    screen.sources.quality.setCurrentIndex(screen.sources.quality.findData(quality))
    return screen


def _start(screen, qtbot):
    qtbot.mouseClick(screen.record_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: screen.driver.state == "recording", timeout=LONG)


def _items(ctx, testimony_id):
    return run_in_vault(ctx, lambda vault: vault.items.of_testimony(testimony_id))


def _threads(prefix):
    return [t for t in threading.enumerate() if t.name.startswith(prefix)]


def _assert_no_plaintext(root: Path, marker: str) -> None:
    for dirpath, _, names in os.walk(root):
        for name in names:
            data = (Path(dirpath) / name).read_bytes()
            for needle in (*BOX_SIGNATURES, marker.encode(), marker.encode("utf-16-le")):
                assert needle not in data, (dirpath, name, needle)


def test_record_pause_photo_stop_keeps_a_complete_master(unlocked, ctx, qtbot, tmp_path):
    window = unlocked
    screen = _open_recorder(window, qtbot)
    marker = "KUAGUIDE" + os.urandom(4).hex()
    qtbot.waitUntil(lambda: screen.guide.prompts.count() > 0, timeout=10_000)
    screen.guide.add_prompt(marker)
    # The preview shows the source (and its sound) before anything is recorded.
    qtbot.waitUntil(screen.preview.has_picture, timeout=10_000)
    qtbot.waitUntil(lambda: screen.meter.levels()[0] > -30, timeout=10_000)
    assert screen.busy_reason() is None and not ctx.recording_active
    assert "recording space left" in screen.space_label.text()
    statuses = []
    screen.driver.status.connect(statuses.append)

    _start(screen, qtbot)
    assert ctx.recording_active and "recording is running" in screen.busy_reason()
    assert not screen.sources.camera.isEnabled() and screen.stop_button.isEnabled()
    qtbot.waitUntil(lambda: screen.elapsed.text() == "0:01", timeout=10_000)
    assert screen.meter.levels()[0] > -30  # the test tone's beeps peak at -3 dBFS
    qtbot.mouseClick(screen.still_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: screen.photo_label.text() == "Photo saved", timeout=10_000)

    qtbot.mouseClick(screen.pause_button, Qt.MouseButton.LeftButton)
    assert screen.driver.state == "paused" and "Resume" in screen.pause_button.text()
    session = screen.driver.session
    paused_at = session.status().elapsed
    seen = session.latest_frame().pts
    # Wall time passes while paused (the capture goes on: the preview still moves).
    qtbot.waitUntil(lambda: session.latest_frame().pts >= seen + 1.0, timeout=10_000)
    assert session.status().elapsed == pytest.approx(paused_at, abs=0.1)
    qtbot.mouseClick(screen.pause_button, Qt.MouseButton.LeftButton)
    assert screen.driver.state == "recording"
    # Minimised, it goes on recording.
    window.showMinimized()
    qtbot.waitUntil(lambda: statuses[-1].elapsed >= paused_at + 1.0, timeout=10_000)
    window.showNormal()

    with qtbot.waitSignal(ctx.catalogue_changed, timeout=LONG) as changed:
        qtbot.mouseClick(screen.stop_button, Qt.MouseButton.LeftButton)
    tid = changed.args[0]
    assert screen.message.text().startswith("Recorded 0:0") and "Saved in the vault" in (
        screen.message.text())
    assert not ctx.recording_active and screen.busy_reason() is None
    assert screen.details_button.isVisible()
    items = {i.kind: i for i in _items(ctx, tid)}
    master, still = items["master"], items["still"]
    assert (master.state, master.codec) == ("complete", "h264")
    assert master.duration == pytest.approx(statuses[-1].elapsed, abs=0.5)
    assert master.duration < paused_at + 1.0 + 2.0  # the pause is not in the file
    assert len(json.loads(master.params)["chapters"]) == 2
    assert (still.state, still.parent) == ("complete", master.id)
    head = run_in_vault(ctx, lambda vault: vault.reader(still.id).read(3))
    assert head == b"\xff\xd8\xff"
    # Paused and resumed through the app, the master's sound is on its picture.
    data = run_in_vault(ctx, lambda vault: vault.reader(master.id).read())
    assert_in_step(io.BytesIO(data), 2)
    with qtbot.waitSignal(ctx.open_testimony) as opened:
        qtbot.mouseClick(screen.details_button, Qt.MouseButton.LeftButton)
    assert opened.args == [tid]
    # The preview ran before and after: nothing readable anywhere on disk.
    window.lock_now()
    assert ctx.executor.wait_idle()
    _assert_no_plaintext(tmp_path, marker)


def test_guide_edits_persist_in_the_vault_and_go_at_lock(unlocked, ctx, qtbot):
    window = unlocked
    screen = _open_recorder(window, qtbot)
    guide = screen.guide
    qtbot.waitUntil(lambda: guide.prompts.count() == len(settings.DEFAULT_GUIDE), timeout=10_000)
    guide.add_prompt("Ask for the case number")
    guide.prompts.item(0).setText("Who is detained, and since when?")
    guide.prompts.item(1).setCheckState(Qt.CheckState.Checked)  # a tick is not saved
    guide.prompts.setCurrentRow(2)
    qtbot.mouseClick(guide.remove_button, Qt.MouseButton.LeftButton)
    guide.prompts.item(3).setText("   ")  # emptied: removed
    qtbot.waitUntil(lambda: guide.prompts.count() == len(settings.DEFAULT_GUIDE) - 1)
    assert guide.texts()[0] == "Who is detained, and since when?"
    guide.prompts.model().moveRow(QModelIndex(), 0, QModelIndex(), 2)  # as a drag does
    expected = guide.texts()
    assert expected[1] == "Who is detained, and since when?"
    assert expected[-1] == "Ask for the case number"
    assert run_in_vault(ctx, settings.interview_guide) == expected
    qtbot.mouseClick(screen.guide_toggle, Qt.MouseButton.LeftButton)
    assert not guide.isVisible()
    window.lock_now()
    assert guide.prompts.count() == 0 and guide.texts() == []
    unlock(window, qtbot)
    screen = _open_recorder(window, qtbot)
    qtbot.waitUntil(lambda: screen.guide.texts() == expected, timeout=10_000)


def test_no_camera_found_says_so_and_offers_the_test_picture(unlocked, ctx, qtbot, monkeypatch):
    import media.camera as camera
    import ui.recorder.sources as view
    monkeypatch.setattr(view, "list_cameras", lambda: [])
    monkeypatch.setattr(camera, "_device_exists", lambda index: False)
    screen = _open_recorder(unlocked, qtbot)
    assert screen.sources.no_camera.isVisible() and "No camera was found" in screen.sources.no_camera.text()
    assert [screen.sources.camera.itemData(i) for i in range(screen.sources.camera.count())] == ["synthetic"]
    qtbot.waitUntil(screen.preview.has_picture, timeout=10_000)  # the test picture
    # A camera appears in the list, but cannot be opened.
    monkeypatch.setattr(view, "list_cameras", lambda: [Camera(0, "Desk camera")])
    qtbot.mouseClick(screen.sources.look_again, Qt.MouseButton.LeftButton)
    assert not screen.sources.no_camera.isVisible()
    screen.sources.camera.setCurrentIndex(screen.sources.camera.findData("camera:0"))
    qtbot.waitUntil(lambda: "no camera found" in screen.preview.text(), timeout=10_000)
    qtbot.mouseClick(screen.record_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: "could not start" in screen.message.text(), timeout=10_000)
    assert "no camera found" in screen.message.text()
    assert screen.driver.state == "idle" and not ctx.recording_active
    assert run_in_vault(ctx, lambda vault: vault.catalogue.all()) == []


def test_camera_vanishing_mid_recording_keeps_the_recording(unlocked, ctx, qtbot, monkeypatch):
    import media.camera as camera
    import ui.recorder.sources as view
    from tests.app.test_recording import _FakeCapture
    monkeypatch.setattr(view, "list_cameras", lambda: [Camera(0, "Fake camera")])
    monkeypatch.setattr(camera, "_device_exists", lambda index: True)
    opened = []  # the preview's camera gives out after 10 pictures, the recording's after 45

    def capture(index, api):
        opened.append(index)
        return _FakeCapture(10 if len(opened) == 1 else 45)

    monkeypatch.setattr(camera.cv2, "VideoCapture", capture)
    monkeypatch.setattr(camera, "_open_microphone", lambda: None)
    screen = _open_recorder(unlocked, qtbot, source="camera:0")
    qtbot.waitUntil(lambda: "without sound" in screen.sources.sound_label.text(), timeout=10_000)
    qtbot.waitUntil(lambda: "stopped sending pictures" in screen.preview.text(), timeout=10_000)
    _start(screen, qtbot)
    with qtbot.waitSignal(ctx.catalogue_changed, timeout=LONG) as changed:
        pass  # the camera gives out after 1.5 s: the recorder notices and stops
    assert "camera stopped sending pictures" in screen.message.text()
    assert "kept" in screen.message.text() and screen.details_button.isVisible()
    assert not ctx.recording_active
    [item] = _items(ctx, changed.args[0])
    assert item.state in ("complete", "recovered") and item.duration >= 1.0


class _SmallDisk:
    """The vault on its own 8 MiB tmpfs, filled up on demand: a real full disk. Where
    mounting is impossible (not root), the sealed writer's writes fail with ENOSPC
    instead, at the same point."""

    def __init__(self, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
        self.mount = tmp_path / "disk"
        self._monkeypatch = monkeypatch
        self.real = disks.try_mount("tmpfs", self.mount, "size=8m") is None
        (self.mount / "vault").mkdir()
        (tmp_path / "vault").symlink_to(self.mount / "vault")  # where `ctx` looks

    def fill(self, leave: int) -> None:
        """Leave only `leave` bytes free for what is written next."""
        if self.real:
            disks.fill(self.mount, leave)
            return
        import storage.sealed as sealed
        written = [0]
        write_all = sealed.write_all

        def filling(fd, data):
            written[0] += len(data)
            if written[0] > leave:
                raise OSError(errno.ENOSPC, "No space left on device")
            write_all(fd, data)

        self._monkeypatch.setattr(sealed, "write_all", filling)

    def unmount(self) -> None:
        """Take the tmpfs away (after the vault is closed)."""
        if self.real:
            disks.unmount(self.mount)


@pytest.fixture
def small_disk(tmp_path, monkeypatch):
    """A _SmallDisk at the path the `ctx` fixture uses for the vault."""
    disk = _SmallDisk(tmp_path, monkeypatch)
    yield disk
    disk.unmount()


def test_disk_full_while_recording_keeps_the_recording(small_disk, unlocked, ctx, qtbot):
    screen = _open_recorder(unlocked, qtbot, quality="720p")
    small_disk.fill(leave=160_000)
    _start(screen, qtbot)
    with qtbot.waitSignal(ctx.catalogue_changed, timeout=LONG) as changed:
        pass
    assert "disk is full" in screen.message.text() and "kept" in screen.message.text()
    assert not ctx.recording_active and screen.driver.state == "idle"
    [item] = _items(ctx, changed.args[0])
    assert item.state in ("recovered", "complete") and item.duration >= 1.0


def test_panic_lock_while_recording_keeps_it_and_clears_the_screen(unlocked, ctx, qtbot, tmp_path):
    window = unlocked
    screen = _open_recorder(window, qtbot)
    _start(screen, qtbot)
    qtbot.waitUntil(lambda: screen.elapsed.text() == "0:01", timeout=10_000)
    qtbot.waitUntil(lambda: screen.guide.prompts.count() > 0, timeout=10_000)
    window.lock_now()
    assert window.root.currentWidget() is window.unlock_screen
    assert not screen.preview.has_picture() and screen.preview.text() == ""
    assert screen.guide.prompts.count() == 0 and screen.elapsed.text() == "0:00"
    assert screen.space_label.text() == "" and screen.message.text() == ""
    assert not ctx.recording_active and screen.busy_reason() is None
    assert ctx.executor.wait_idle()
    assert ctx.executor.vault is None
    assert not _threads("kua-capture") and not _threads("kua-encode")
    qtbot.waitUntil(lambda: not _threads("kua-preview"), timeout=10_000)
    with Vault.open(ctx.vault_path, PASSPHRASE) as vault:
        [testimony] = vault.catalogue.all()
        [item] = vault.items.of_testimony(testimony.id)
    assert item.kind == "master" and item.state == "complete" and item.duration >= 1.0
    _assert_no_plaintext(tmp_path, "KUA-NO-MARKER")


def test_leaving_the_screen_stops_the_preview(unlocked, ctx, qtbot):
    screen = _open_recorder(unlocked, qtbot)
    qtbot.waitUntil(screen.preview.has_picture, timeout=10_000)
    assert _threads("kua-preview")
    ctx.show_library.emit()
    assert screen.driver.preview is None
    qtbot.waitUntil(lambda: not _threads("kua-preview"), timeout=10_000)


def test_space_left_in_plain_words():
    from ui.recorder.view import format_space_left
    assert format_space_left(30) == "Less than a minute of recording space left"
    assert format_space_left(45 * 60 + 20) == "About 45 min of recording space left"
    assert format_space_left(3 * 3600 + 27 * 60) == "About 3 h 20 min of recording space left"
    assert format_space_left(2 * 3600 + 5 * 60) == "About 2 h of recording space left"


def test_level_meter_colours_and_scale(qtbot):
    from ui.recorder.level_meter import GREEN, RED, YELLOW, LevelMeter, colour_for, fraction
    assert fraction(float("-inf")) == 0 and fraction(0.0) == 1 and fraction(-30) == 0.5
    assert [colour_for(db) for db in (-30, -6, -1)] == [GREEN, YELLOW, RED]
    meter = LevelMeter()
    qtbot.addWidget(meter)
    meter.set_levels(-3.0, -20.0)
    assert meter.levels() == (-3.0, -20.0) and "-3" in meter.toolTip()
    meter.grab()  # paints without warnings
    meter.clear()
    assert meter.levels()[0] == float("-inf")


def test_frames_become_images_that_own_their_pixels(qapp):
    from ui.recorder.preview import frame_to_image
    frame = np.zeros((90, 160, 3), dtype=np.uint8)
    frame[:, :, 0] = 200
    image = frame_to_image(frame, QSize(160, 90))
    smaller = frame_to_image(frame, QSize(80, 80))
    del frame
    assert (image.width(), image.height()) == (160, 90)
    assert (smaller.width(), smaller.height()) == (80, 45)
    assert image.pixelColor(5, 5).red() == 200 and smaller.pixelColor(5, 5).red() == 200


def test_device_lists_read_sysfs_and_alsa(tmp_path):
    dev, sys_root = tmp_path / "dev", tmp_path / "sys"
    for n, index, name in ((0, "0", "Integrated Camera"), (1, "1", "Integrated Camera"),
                           (2, "0", "USB Camera")):
        (dev / f"video{n}").parent.mkdir(exist_ok=True)
        (dev / f"video{n}").touch()
        (sys_root / f"video{n}").mkdir(parents=True)
        (sys_root / f"video{n}" / "index").write_text(index + "\n")
        (sys_root / f"video{n}" / "name").write_text(name + "\n")
    assert list_cameras(dev, sys_root) == [Camera(0, "Integrated Camera"), Camera(2, "USB Camera")]
    pcm = tmp_path / "pcm"
    pcm.write_text("00-00: ALC3246 Analog : ALC3246 Analog : playback 1 : capture 1\n"
                   "00-03: HDMI 0 : HDMI 0 : playback 1\n")
    assert list_microphones(pcm) == ["ALC3246 Analog"]
    assert list_microphones(tmp_path / "missing") == []
