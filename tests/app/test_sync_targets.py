"""Where a sync to a drive or a chosen folder goes, and whose replica is already there."""

from __future__ import annotations

from app import sync as sync_app
from app.sync_targets import NONE, OTHER, OURS, REPLICA_FOLDER, replica_folder, sync_target
from harness.vaults import new_vault
from tests.storage.replica_util import add_item


def test_drive_gets_its_own_folder_unless_it_is_a_replica(vault, tmp_path):
    drive = tmp_path / "drive"
    drive.mkdir()
    assert replica_folder(drive, drive=True) == drive / REPLICA_FOLDER
    (drive / "photo.jpg").write_bytes(b"\xff\xd8")
    target = sync_target(vault, drive, drive=True)
    assert (target.chosen, target.folder, target.state) == (drive, drive / REPLICA_FOLDER, NONE)
    add_item(vault, b"x" * 1000)
    sync_app.sync(vault, target.folder)
    assert sync_target(vault, drive, drive=True).state == OURS
    # A drive synced as a whole with `kua sync --to /media/usb` is used as it is.
    whole = tmp_path / "whole"
    sync_app.sync(vault, whole)
    assert sync_target(vault, whole, drive=True).folder == whole


def test_chosen_folder_empty_or_not(vault, tmp_path):
    empty = tmp_path / "empty"
    empty.mkdir()
    assert replica_folder(empty, drive=False) == empty
    (empty / "notes.txt").write_text("x")
    assert replica_folder(empty, drive=False) == empty / REPLICA_FOLDER
    assert sync_target(vault, tmp_path / "missing", drive=False).state == NONE


def test_another_vaults_replica_is_recognised(vault, tmp_path):
    other = new_vault(tmp_path / "other")
    try:
        sync_app.sync(other, tmp_path / "theirs")
    finally:
        other.close()
    target = sync_target(vault, tmp_path / "theirs", drive=False)
    assert (target.folder, target.state) == (tmp_path / "theirs", OTHER)
