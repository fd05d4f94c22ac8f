"""Faults during a sync: the drive pulled (its folder gone, EIO), full, read-only;
cancel; a damaged object in the vault. Each is one named error, it comes at once, the
previous generation stays intact and openable, and the next sync completes."""

from __future__ import annotations

import errno
import fcntl
import os
import shutil
import subprocess
import time
from pathlib import Path

import pytest

from harness.vaults import PASSPHRASE
from storage.replica import sync as replica
from storage.replica import copying as replica_copy
from core.errors import (Cancelled, DriveFull, DriveReadOnly, DriveRemoved)
from core.work import CancelToken, Progress
from storage.replica.sync import sync
from storage.opening import open_vault_or_replica
from storage.vault import Vault
from tests.disks import mount, remount, small_tmpfs, unmount
from tests.storage.replica_util import add_item, flip, tree
from tests.tools import require_tool

MIB = 1024 * 1024
EXT4_IOC_SHUTDOWN = 0x8004587D  # _IOR('X', 125, __u32)
SHUTDOWN_NOLOGFLUSH = 2


def _contents(vault: Vault) -> dict[str, bytes]:
    out = {}
    for item in vault.items.all():
        with vault.reader(item.id) as r:
            out[item.id] = r.read()
    return out


def _assert_generation(root: Path, generation: int, expected: dict[str, bytes]) -> None:
    """The replica opens as `generation` and every item reads back (tags checked)."""
    with open_vault_or_replica(root, PASSPHRASE) as rv:
        assert rv.generation == generation
        assert _contents(rv) == expected
    assert not list(root.rglob("*.tmp"))


@pytest.fixture
def synced(vault: Vault, tmp_path: Path) -> tuple[Vault, Path, dict[str, bytes]]:
    """A vault with two items synced once (generation 1), then two more items added."""
    add_item(vault, os.urandom(200 * 1024))
    add_item(vault, os.urandom(50 * 1024))
    root = tmp_path / "drive"
    sync(vault, root)
    first = _contents(vault)
    add_item(vault, os.urandom(3 * MIB))
    add_item(vault, os.urandom(2 * MIB))
    return vault, root, first


def test_drive_folder_vanishing_mid_copy_is_drive_removed(synced):
    vault, root, _ = synced

    def pull(p: Progress) -> None:
        if p.done > MIB and root.exists():
            shutil.rmtree(root)

    started = time.monotonic()
    with pytest.raises(DriveRemoved, match="removed or stopped answering"):
        sync(vault, root, progress=pull)
    assert time.monotonic() - started < 10
    assert not root.exists()  # nothing was recreated on the "mount point"


def test_eio_mid_copy_keeps_the_previous_generation(synced, monkeypatch):
    vault, root, first = synced
    calls = [0]
    real = replica_copy.write_all

    def failing(fd: int, data) -> None:
        calls[0] += 1
        if calls[0] == 2:  # the second object
            raise OSError(errno.EIO, "Input/output error")
        real(fd, data)

    monkeypatch.setattr(replica_copy, "write_all", failing)
    with pytest.raises(DriveRemoved, match=r"\(EIO\)"):
        sync(vault, root)
    monkeypatch.setattr(replica_copy, "write_all", real)
    _assert_generation(root, 1, first)
    report = sync(vault, root)
    assert report.generation == 2
    _assert_generation(root, 2, _contents(vault))


@pytest.mark.slow
def test_unplugged_ext4_drive(synced, tmp_path):
    """A real file system shut down mid-copy (every call then fails with EIO, as when
    a USB drive is pulled): DriveRemoved at once; after mounting it again (journal
    replay) generation 1 is there, intact, and the next sync completes."""
    vault, _, _ = synced
    require_tool("mkfs.ext4")
    image, mnt = tmp_path / "usb.img", tmp_path / "usb"
    with open(image, "wb") as f:
        f.truncate(64 * MIB)
    subprocess.run(["mkfs.ext4", "-q", "-F", str(image)], check=True)
    mount("ext4", mnt, "loop", source=str(image))
    try:
        root = mnt / "kua"
        sync(vault, root)
        expected = _contents(vault)
        add_item(vault, os.urandom(4 * MIB))
        add_item(vault, os.urandom(4 * MIB))

        def pull(p: Progress) -> None:
            if p.done > 2 * MIB and not pulled:
                fd = os.open(mnt, os.O_RDONLY)
                try:
                    fcntl.ioctl(fd, EXT4_IOC_SHUTDOWN, SHUTDOWN_NOLOGFLUSH.to_bytes(4, "little"))
                finally:
                    os.close(fd)
                pulled.append(True)

        pulled: list[bool] = []
        started = time.monotonic()
        with pytest.raises(DriveRemoved):
            sync(vault, root, progress=pull)
        assert pulled and time.monotonic() - started < 10
        subprocess.run(["umount", str(mnt)], check=True)
        mount("ext4", mnt, "loop", source=str(image))
        _assert_generation(root, 1, expected)
        assert sync(vault, root).generation == 2
        _assert_generation(root, 2, _contents(vault))
    finally:
        unmount(mnt)


@pytest.mark.slow
def test_full_drive(synced, tmp_path, monkeypatch):
    """Too little room: refused before anything is written. If the drive fills up all
    the same (free space shrank), the sync stops with DriveFull, removes its partial
    file and leaves generation 1; with room, the next sync completes."""
    vault, _, _ = synced
    mnt = tmp_path / "small"
    with small_tmpfs(mnt, "16m"):
        root = mnt / "kua"
        sync(vault, root)
        expected = _contents(vault)
        add_item(vault, os.urandom(14 * MIB))
        before = tree(root)
        with pytest.raises(DriveFull, match=r"MiB more are needed"):
            sync(vault, root)
        assert tree(root) == before

        monkeypatch.setattr(replica.shutil, "disk_usage",
                            lambda p: shutil._ntuple_diskusage(1 << 40, 0, 1 << 40))
        with pytest.raises(DriveFull, match="the drive is full"):
            sync(vault, root)
        _assert_generation(root, 1, expected)
        monkeypatch.undo()
        remount(mnt, "size=64m")
        assert sync(vault, root).generation == 2
        _assert_generation(root, 2, _contents(vault))


def test_read_only_drive(synced, tmp_path):
    """A write-protected drive: sync is DriveReadOnly and changes nothing, while the
    replica on it still opens in place (nothing is written to open it)."""
    vault, _, first = synced
    if os.geteuid() == 0:
        mnt = tmp_path / "ro"
        mount("tmpfs", mnt, "size=16m")
        unmount_after = True
    else:
        mnt, unmount_after = tmp_path / "ro", False
        mnt.mkdir()
    try:
        root = mnt / "kua"
        vault_now = _contents(vault)
        sync(vault, root)
        add_item(vault, b"after the drive was locked")
        before = tree(root)
        if unmount_after:
            remount(mnt, "ro")
        else:
            for p in [root, *root.rglob("*")]:
                if p.is_dir():
                    p.chmod(0o555)
        with pytest.raises(DriveReadOnly, match="read-only"):
            sync(vault, root)
        assert tree(root) == before
        _assert_generation(root, 1, vault_now)
        with pytest.raises(DriveReadOnly):  # a new replica in a read-only place
            sync(vault, mnt / "another")
    finally:
        if unmount_after:
            unmount(mnt)
        else:
            for p in [root, *root.rglob("*")]:
                if p.is_dir():
                    p.chmod(0o755)


def test_cancel_keeps_the_previous_generation(synced):
    vault, root, first = synced

    class Stop(CancelToken):
        bytes = 0

        def progress(self, p: Progress) -> None:
            self.bytes = p.done

        def check(self) -> None:
            if self.bytes > MIB:
                raise Cancelled()

    stop = Stop()
    with pytest.raises(Cancelled):
        sync(vault, root, progress=stop.progress, cancel=stop)
    _assert_generation(root, 1, first)


def test_damaged_vault_object_is_not_spread(synced):
    """An object damaged in the vault is not copied (it is named in the report); the
    rest is synced; a good copy already on the drive is kept."""
    vault, root, first = synced
    items = vault.items.all()
    old, new = items[0].id, items[2].id
    for item_id in (old, new):
        flip(vault.object_files(item_id)[0], 1000)
    report = sync(vault, root)
    assert len(report.damaged) == 1 and new in report.damaged[0]
    assert "segment 0 failed authentication" in report.damaged[0]
    assert report.copied_items == 1
    with open_vault_or_replica(root, PASSPHRASE) as rv:
        with rv.reader(old) as r:
            assert r.read() == first[old]  # the good copy on the drive was kept
        assert new in {i.id for i in rv.items.all()}  # listed, as in the vault
    name = vault.items.object_ref(new).object_name
    assert not (root / "objects" / name[:2] / name).exists()
