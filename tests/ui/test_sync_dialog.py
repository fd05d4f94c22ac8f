"""The Sync dialog: drives, choosing a folder, syncing, the report, and every way it fails."""

from __future__ import annotations

import os
import shutil
import threading
from collections import namedtuple
from pathlib import Path

import pytest
from PySide6.QtCore import QByteArray, QStorageInfo, Qt
from PySide6.QtWidgets import QFileDialog

import app.sync as sync_service
from app import fields, library
from core.work import Progress
from harness.vaults import PASSPHRASE, new_vault
from storage.replica.layout import is_replica
from storage.opening import open_vault_or_replica
from tests.disk_scan import files_holding
from tests.storage.replica_util import add_item, tree
from tests.ui.conftest import run_in_vault
from ui.runtime.drives import list_drives

MIB = 1024 * 1024
MARKER = "Kua-marker-Zhanargul-5c1e"


class FakeVolume:
    """What QStorageInfo.mountedVolumes() returns, for the few methods the dialog reads."""

    def __init__(self, root: Path | str, *, fs: str = "vfat", name: str = "", free: int = 8 * 10**9,
                 read_only: bool = False, ready: bool = True, valid: bool = True,
                 is_root: bool = False) -> None:
        self.root, self.fs, self.label, self.free = str(root), fs, name, free
        self.ro, self.ready, self.valid, self.is_root = read_only, ready, valid, is_root

    def rootPath(self) -> str:  # noqa: N802 (Qt's names)
        return self.root

    def fileSystemType(self) -> QByteArray:  # noqa: N802
        return QByteArray(self.fs.encode())

    def displayName(self) -> str:  # noqa: N802
        return self.label or self.root

    def name(self) -> str:
        return self.label

    def bytesAvailable(self) -> int:  # noqa: N802
        return self.free

    def isReadOnly(self) -> bool:  # noqa: N802
        return self.ro

    def isReady(self) -> bool:  # noqa: N802
        return self.ready

    def isValid(self) -> bool:  # noqa: N802
        return self.valid

    def isRoot(self) -> bool:  # noqa: N802
        return self.is_root


def use_volumes(monkeypatch, volumes) -> None:
    monkeypatch.setattr(QStorageInfo, "mountedVolumes", staticmethod(lambda: list(volumes)))


def test_drive_list_keeps_only_writable_drives_of_people(qapp, tmp_path, monkeypatch):
    stick, card, other = tmp_path / "stick", tmp_path / "card", tmp_path / "ram"
    for folder in (stick, card, other):
        folder.mkdir()
    use_volumes(monkeypatch, [
        FakeVolume("/", fs="ext4", is_root=True),
        FakeVolume("/boot", fs="ext4"),
        FakeVolume("/boot/efi", fs="vfat"),
        FakeVolume("/proc", fs="proc"),
        FakeVolume("/run/user/1000/doc", fs="fuse.portal"),
        FakeVolume(other, fs="tmpfs"),
        FakeVolume(card, fs="exfat", name="CAMERA", read_only=True),
        FakeVolume(tmp_path / "gone", fs="vfat", ready=False),
        FakeVolume(stick, fs="vfat", name="KINGSTON", free=12_300_000_000),
    ])
    drives = list_drives()
    assert [(d.root, d.name, d.free_bytes, d.read_only) for d in drives] == [
        (stick, "KINGSTON", 12_300_000_000, False)]
    with_ro = list_drives(include_read_only=True)
    assert [(d.name, d.read_only) for d in with_ro] == [("CAMERA", True), ("KINGSTON", False)]


# -- the dialog -----------------------------------------------------------------


def _fill(ctx, sizes=(300_000, 40_000)) -> list[str]:
    """Items holding the marker, and a testimony whose notes hold it."""
    def make(vault):
        ids = [add_item(vault, MARKER.encode() * 10 + os.urandom(n), title="t") for n in sizes]
        tid = vault.items.get(ids[0]).testimony_id
        fields.apply_edits(vault, tid, [f"notes=Asked about {MARKER}"], [])
        return ids
    return run_in_vault(ctx, make)


def _open(window, qtbot, monkeypatch, volumes=()):
    use_volumes(monkeypatch, volumes)
    dialog = window.open_sync()
    qtbot.waitUntil(lambda: dialog.last_sync.text() == "Never synced", timeout=10_000)
    return dialog


def _choose(dialog, qtbot, monkeypatch, folder: Path) -> None:
    monkeypatch.setattr(QFileDialog, "getExistingDirectory",
                        staticmethod(lambda *args, **kwargs: str(folder)))
    qtbot.mouseClick(dialog.choose_button, Qt.MouseButton.LeftButton)
    assert dialog.selected_place().path == folder


def _sync(dialog, qtbot) -> str:
    assert dialog.sync_button.isEnabled()
    qtbot.mouseClick(dialog.sync_button, Qt.MouseButton.LeftButton)
    assert dialog.syncing and not dialog.sync_button.isEnabled()
    qtbot.waitUntil(lambda: not dialog.syncing, timeout=30_000)
    assert dialog.result.isVisible() and dialog.sync_button.isEnabled()
    return dialog.result.text()


def test_sync_to_a_chosen_folder_then_again(unlocked, ctx, qtbot, monkeypatch, tmp_path):
    _fill(ctx)
    dialog = _open(unlocked, qtbot, monkeypatch)
    assert dialog.no_drive.isVisible() and not dialog.sync_button.isEnabled()
    usb = tmp_path / "usb"
    usb.mkdir()
    _choose(dialog, qtbot, monkeypatch, usb)
    text = _sync(dialog, qtbot)
    assert is_replica(usb)  # an empty folder chosen by hand holds the replica itself
    assert "Items copied: 2" in text and "Done." in text
    qtbot.waitUntil(lambda: dialog.last_sync.text().startswith("Last synced: "))
    qtbot.waitUntil(lambda: "already holds a copy of this vault" in dialog.targets.item(0).text())
    text = _sync(dialog, qtbot)
    assert "Nothing new to copy: all 2 items were already on the drive." in text
    with open_vault_or_replica(usb, PASSPHRASE) as replica:
        assert replica.generation == 2
    assert files_holding([MARKER.encode()], usb, ctx.vault_path, tmp_path / "tmp") == []
    (tmp_path / "tmp" / "control").write_text(MARKER)  # the search itself finds plaintext
    assert files_holding([MARKER.encode()], tmp_path / "tmp") == [tmp_path / "tmp" / "control"]


def test_sync_to_a_drive_goes_into_its_own_folder(unlocked, ctx, qtbot, monkeypatch, tmp_path):
    _fill(ctx, sizes=(1000,))
    stick = tmp_path / "stick"
    stick.mkdir()
    (stick / "holiday.jpg").write_bytes(b"\xff\xd8")
    dialog = _open(unlocked, qtbot, monkeypatch, [FakeVolume(stick, name="KINGSTON")])
    assert dialog.targets.count() == 1 and "KINGSTON" in dialog.targets.item(0).text()
    assert "GB free" in dialog.targets.item(0).text() and not dialog.no_drive.isVisible()
    assert "Items copied: 1" in _sync(dialog, qtbot)
    assert is_replica(stick / "Kua replica") and (stick / "holiday.jpg").exists()
    qtbot.waitUntil(lambda: "already holds a copy" in dialog.targets.item(0).text())
    # Unplugged, then plugged in again while the dialog is open (it looks every 2 s).
    use_volumes(monkeypatch, [])
    dialog.refresh_drives()
    assert dialog.targets.count() == 0 and dialog.no_drive.isVisible()
    assert not dialog.sync_button.isEnabled()
    card = tmp_path / "card"
    card.mkdir()
    use_volumes(monkeypatch, [FakeVolume(stick, name="KINGSTON"), FakeVolume(card, name="CARD")])
    qtbot.waitUntil(lambda: dialog.targets.count() == 2, timeout=5_000)
    qtbot.waitUntil(lambda: "already holds a copy" in dialog.targets.item(1).text())
    assert "CARD" in dialog.targets.item(0).text() and not dialog.sync_button.isEnabled()


def test_drive_pulled_during_sync(unlocked, ctx, qtbot, monkeypatch, tmp_path):
    _fill(ctx, sizes=(3 * MIB, 2 * MIB))
    usb = tmp_path / "usb"
    usb.mkdir()
    real = sync_service.sync

    def pulled_mid_copy(vault, to, *, progress, cancel):
        def pull(p: Progress) -> None:
            if p.done > MIB and Path(to).exists():
                shutil.rmtree(to)
            progress(p)
        return real(vault, to, progress=pull, cancel=cancel)

    monkeypatch.setattr(sync_service, "sync", pulled_mid_copy)
    dialog = _open(unlocked, qtbot, monkeypatch)
    _choose(dialog, qtbot, monkeypatch, usb)
    text = _sync(dialog, qtbot)
    assert "the drive was removed or stopped answering" in text
    assert not usb.exists()  # nothing recreated on the "mount point"
    assert run_in_vault(ctx, lambda vault: library.verify(vault).ok)
    assert dialog.last_sync.text() == "Never synced"
    # Plugged in again: the same dialog syncs.
    monkeypatch.setattr(sync_service, "sync", real)
    usb.mkdir()
    assert "Items copied: 2" in _sync(dialog, qtbot)


def _sync_held_at_first_report(window, ctx, qtbot, monkeypatch, tmp_path):
    """Start a sync to a new folder that waits at its first progress report (still
    cancellable) until the returned event is set; returns (dialog, folder, release)."""
    _fill(ctx, sizes=(2 * MIB,))
    usb = tmp_path / "usb"
    usb.mkdir()
    real = sync_service.sync
    started, release = threading.Event(), threading.Event()

    def held(vault, to, *, progress, cancel):
        def wait_once(p: Progress) -> None:
            if not started.is_set():
                started.set()
                release.wait(10)
            progress(p)
        return real(vault, to, progress=wait_once, cancel=cancel)

    monkeypatch.setattr(sync_service, "sync", held)
    dialog = _open(window, qtbot, monkeypatch)
    _choose(dialog, qtbot, monkeypatch, usb)
    qtbot.mouseClick(dialog.sync_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(started.is_set, timeout=10_000)
    return dialog, usb, release


def test_stop_during_sync(unlocked, ctx, qtbot, monkeypatch, tmp_path):
    dialog, usb, release = _sync_held_at_first_report(unlocked, ctx, qtbot, monkeypatch, tmp_path)
    assert dialog.cancel_button.isVisible() and not dialog.close_button.isEnabled()
    qtbot.mouseClick(dialog.cancel_button, Qt.MouseButton.LeftButton)
    release.set()
    qtbot.waitUntil(lambda: not dialog.syncing, timeout=10_000)
    assert "Sync stopped" in dialog.result.text()
    assert not is_replica(usb)
    assert dialog.sync_button.isEnabled() and dialog.close_button.isEnabled()
    assert run_in_vault(ctx, lambda vault: library.verify(vault).ok)


def test_another_vaults_replica_is_refused(unlocked, ctx, qtbot, monkeypatch, tmp_path):
    _fill(ctx, sizes=(1000,))
    theirs = tmp_path / "theirs"
    other = new_vault(tmp_path / "other")
    try:
        add_item(other, b"another vault's item")
        sync_service.sync(other, theirs)
    finally:
        other.close()
    before = tree(theirs)
    dialog = _open(unlocked, qtbot, monkeypatch)
    _choose(dialog, qtbot, monkeypatch, theirs)
    qtbot.waitUntil(lambda: "copy of another vault" in dialog.targets.item(0).text())
    text = _sync(dialog, qtbot)
    assert "holds a replica of another vault" in text and "use another folder" in text
    assert tree(theirs) == before


def test_full_drive_says_how_much_is_missing(unlocked, ctx, qtbot, monkeypatch, tmp_path):
    _fill(ctx, sizes=(1000,))
    usb = tmp_path / "usb"
    usb.mkdir()
    usage = namedtuple("usage", "total used free")
    dialog = _open(unlocked, qtbot, monkeypatch)
    _choose(dialog, qtbot, monkeypatch, usb)
    monkeypatch.setattr("storage.replica.sync.shutil.disk_usage", lambda path: usage(10, 10, 1000))
    text = _sync(dialog, qtbot)
    assert "The drive is full" in text and "MiB more are needed" in text
    assert not is_replica(usb)


@pytest.mark.parametrize("closing", ["close", "lock"])
def test_closing_or_locking_during_a_sync_stops_it(unlocked, ctx, qtbot, monkeypatch, tmp_path,
                                                   closing):
    dialog, usb, release = _sync_held_at_first_report(unlocked, ctx, qtbot, monkeypatch, tmp_path)
    if closing == "close":
        dialog.reject()
    else:
        unlocked.lock_now()
    release.set()
    assert ctx.executor.wait_idle(20)
    assert not is_replica(usb)
