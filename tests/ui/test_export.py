"""The export dialog: choose testimonies, organizer and target, export a bundle the
organizer can verify; problems shown inside the dialog; stop leaves nothing behind."""

from __future__ import annotations

import secrets
import threading
import time
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFileDialog

from app import bundles
from storage.bundles import writer as bundle_writer
from tests.app.bundle_helpers import make_testimony, write_files
from tests.disk_scan import files_under
from tests.ui.conftest import run_in_vault
from ui.runtime import drives
from ui.export import target as export_target
from ui.runtime.drives import Drive
from ui.export.target import ExportTarget


@pytest.fixture(autouse=True)
def no_drives(monkeypatch):
    """No removable drive unless a test plugs one in (the machine's mounts vary)."""
    plugged: list[Drive] = []
    monkeypatch.setattr(drives, "list_drives", lambda **kw: list(plugged))
    return plugged


@pytest.fixture
def organizer(tmp_path):
    """An organizer's key file and recipient, as `kua keys organizer-new` makes them."""
    key = tmp_path / "org.key"
    recipient = bundles.new_organizer_identity(key, None)
    return str(recipient), bundles.load_identities(key, lambda: "")


def _testimony(ctx, tmp_path: Path, name: str, consent: str = "public", title: str = "Appeal",
               **sizes: int) -> str:
    files = write_files(tmp_path / "inputs" / name, **(sizes or {"appeal": 20_000}))
    return run_in_vault(ctx, lambda v: make_testimony(v, files, title=title, consent=consent))


def _choose_folder(dialog, qtbot, monkeypatch, folder: Path) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    monkeypatch.setattr(QFileDialog, "getExistingDirectory", lambda *a, **k: str(folder))
    qtbot.mouseClick(dialog.target.choose_button, Qt.MouseButton.LeftButton)
    assert dialog.target.base() == folder


def _add_organizer(dialog, qtbot, recipient: str) -> None:
    picker = dialog.organizer
    qtbot.waitUntil(lambda: picker.none_label.isVisible() or picker.organizers, timeout=5_000)
    if not picker.form.isVisible():
        qtbot.mouseClick(picker.add_toggle, Qt.MouseButton.LeftButton)
    picker.name.setText("Aigerim")
    picker.key.setText("age1notakey")
    qtbot.mouseClick(picker.add_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: picker.error.isVisible(), timeout=5_000)
    assert "not an age recipient" in picker.error.text()
    picker.key.setText(recipient)
    qtbot.mouseClick(picker.add_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: picker.recipient() == recipient, timeout=5_000)
    assert "Aigerim" in picker.combo.currentText() and not picker.form.isVisible()


def _rows(dialog) -> dict[str, Qt.CheckState]:
    return {dialog.testimonies.item(r).data(Qt.ItemDataRole.UserRole):
            dialog.testimonies.item(r).checkState() for r in range(dialog.testimonies.count())}


def test_export_writes_a_bundle_the_organizer_can_verify(unlocked, ctx, qtbot, monkeypatch,
                                                         tmp_path, organizer):
    window = unlocked
    recipient, identities = organizer
    marker = "KUAMARKER" + secrets.token_hex(6)
    document = tmp_path / "inputs" / "letter.txt"
    document.parent.mkdir(parents=True)
    document.write_text(f"{marker} Байжанов\n" * 4000, encoding="utf-8")
    chosen = run_in_vault(ctx, lambda v: make_testimony(v, [document], title=f"{marker} appeal"))
    other = _testimony(ctx, tmp_path, "other")
    changed = []
    ctx.catalogue_changed.connect(changed.append)
    dialog = window.open_export([chosen])
    assert marker not in dialog.windowTitle()
    qtbot.waitUntil(lambda: _rows(dialog) == {chosen: Qt.CheckState.Checked,
                                              other: Qt.CheckState.Unchecked}, timeout=5_000)
    _add_organizer(dialog, qtbot, recipient)
    stick = tmp_path / "stick"
    _choose_folder(dialog, qtbot, monkeypatch, stick)
    assert dialog.split.currentData() == 2 * 1024 ** 3  # FAT32 sticks by default
    dialog.split.setCurrentIndex(dialog.split.findData(700 * 1024 ** 2))
    qtbot.waitUntil(dialog.export_button.isEnabled, timeout=5_000)
    assert "Testimonies: 1 · files: 1" in dialog.summary.text()
    qtbot.mouseClick(dialog.export_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dialog.pages.currentWidget() is dialog.report, timeout=30_000)

    [folder] = list(stick.iterdir())
    assert folder.name.startswith("kua-bundle-") and marker not in folder.name
    checked = bundles.verify_bundle(folder, identities)
    assert checked.testimonies == (chosen,) and len(checked.items) == 1
    text = dialog.report.details.text()
    assert checked.bundle_id in text and str(folder) in text
    assert "passphrase is not needed" in dialog.report.next_steps.text()
    assert "" in changed
    statuses = run_in_vault(ctx, lambda v: {t: v.catalogue.get(t).status for t in (chosen, other)})
    assert statuses == {chosen: "exported", other: "draft"}
    needles = [w.encode(enc) for w in (marker, "Байжанов") for enc in ("utf-8", "utf-16-le")]
    files = files_under(ctx.vault_path, tmp_path / "tmp", stick)
    assert any(f.suffix == ".age" for f in files) and any(f.name == "vault.db" for f in files)
    for f in files:
        data = f.read_bytes()
        assert not any(n in data for n in needles), f
    qtbot.mouseClick(dialog.report.close_button, Qt.MouseButton.LeftButton)
    assert not dialog.isVisible()


def test_problems_are_shown_in_the_dialog(unlocked, ctx, qtbot, monkeypatch, tmp_path,
                                          organizer, no_drives):
    window = unlocked
    recipient, _ = organizer
    usb = tmp_path / "usb"
    usb.mkdir()
    no_drives.append(Drive(usb, "KINGSTON", 12 * 10 ** 9, False))
    public = _testimony(ctx, tmp_path, "public")
    restricted = _testimony(ctx, tmp_path, "restricted", consent="restricted")
    run_in_vault(ctx, lambda v: bundles.add_organizer(v, "Aigerim", recipient))
    dialog = window.open_export([])
    # Nothing preselected: the testimonies are listed, none ticked.
    qtbot.waitUntil(lambda: _rows(dialog) == {public: Qt.CheckState.Unchecked,
                                              restricted: Qt.CheckState.Unchecked}, timeout=5_000)
    qtbot.waitUntil(lambda: dialog.organizer.recipient() == recipient, timeout=5_000)
    assert dialog.target.base() == usb
    assert "KINGSTON" in dialog.target.combo.currentText() and "12" in dialog.target.combo.currentText()
    assert not dialog.export_button.isEnabled()
    items = {dialog.testimonies.item(r).data(Qt.ItemDataRole.UserRole): dialog.testimonies.item(r)
             for r in range(dialog.testimonies.count())}
    # Restricted consent: a bundle is for organizers only, so it goes in without asking.
    assert not hasattr(dialog, "restricted")
    items[restricted].setCheckState(Qt.CheckState.Checked)
    qtbot.waitUntil(dialog.export_button.isEnabled, timeout=5_000)
    assert not dialog.problem.isVisible()
    # Not enough room on the drive.
    real_free_bytes = ExportTarget.free_bytes
    monkeypatch.setattr(ExportTarget, "free_bytes", lambda self: 1000)
    dialog.target.changed.emit()
    assert "not enough free space" in dialog.problem.text()
    assert not dialog.export_button.isEnabled()
    monkeypatch.setattr(ExportTarget, "free_bytes", real_free_bytes)
    dialog.target.changed.emit()
    assert dialog.export_button.isEnabled()
    # The folder the bundle would go to is taken (by something else meanwhile).
    taken = usb / "taken"
    taken.mkdir()
    (taken / "holiday.jpg").write_bytes(b"x")
    monkeypatch.setattr(export_target, "new_bundle_folder", lambda base, when=None: taken)
    qtbot.mouseClick(dialog.export_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(dialog.problem.isVisible, timeout=10_000)
    assert "is not an empty folder: choose a new or empty folder" in dialog.problem.text()
    assert [p.name for p in taken.iterdir()] == ["holiday.jpg"]
    assert dialog.export_button.isEnabled() and dialog.pages.currentWidget() is not dialog.report
    assert run_in_vault(ctx, lambda v: v.catalogue.get(restricted).status) == "draft"


@pytest.fixture
def held_export(monkeypatch):
    """The export pauses after its first chunk (still pumping, still cancellable) until
    cancelled: the test can press Stop while it surely runs."""
    original = bundle_writer.BundleWriter.add_media

    def add_media(self, item, reader, tick):
        first = [True]

        def held_tick(n):
            tick(n)
            if first[0]:
                first[0] = False
                deadline = time.monotonic() + 30
                while time.monotonic() < deadline:
                    tick(0)  # checks the token: raises Cancelled once Stop was pressed
                    threading.Event().wait(0.01)

        return original(self, item, reader, held_tick)

    monkeypatch.setattr(bundle_writer.BundleWriter, "add_media", add_media)


def test_stop_mid_export_leaves_nothing(unlocked, ctx, qtbot, monkeypatch, tmp_path, organizer,
                                        held_export):
    window = unlocked
    recipient, _ = organizer
    tid = _testimony(ctx, tmp_path, "big", appeal=3_000_000)
    run_in_vault(ctx, lambda v: bundles.add_organizer(v, "Aigerim", recipient))
    dialog = window.open_export([tid])
    stick = tmp_path / "stick"
    _choose_folder(dialog, qtbot, monkeypatch, stick)
    qtbot.waitUntil(lambda: dialog.export_button.isEnabled(), timeout=5_000)
    qtbot.mouseClick(dialog.export_button, Qt.MouseButton.LeftButton)
    assert dialog.exporting and dialog.cancel_button.text() == "Stop"
    qtbot.waitUntil(lambda: dialog.bar.value() > 0, timeout=10_000)
    assert list(stick.iterdir()) != []  # the bundle's folder is being written
    qtbot.mouseClick(dialog.cancel_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not dialog.exporting, timeout=10_000)
    assert "The export was stopped" in dialog.problem.text()
    assert list(stick.iterdir()) == []  # no part, no note, no empty folder
    assert run_in_vault(ctx, lambda v: v.catalogue.get(tid).status) == "draft"
    assert dialog.isVisible() and dialog.export_button.isEnabled()
    assert dialog.cancel_button.text() == "Cancel"
