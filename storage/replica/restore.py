"""Rebuild a vault from a replica: the catalogue, every object authenticated, then keys.

The newest intact generation is unlocked with the passphrase or the recovery key.
Its catalogue snapshot (checked against the manifest's SHA-256) becomes the new
`vault.db` and is brought up to this Kua's schema; then every item's object is
copied, each segment authenticated and the plaintext's SHA-256 compared with the
catalogue on the way. An item that fails is refused by id: its object is not copied
and its key is dropped from the new catalogue, so the new vault holds the rest and
verifies clean. The keys file is written last: until then the folder is not a vault.
The new vault keeps the replica's vault id, so it can go on syncing to that drive.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import time
from dataclasses import dataclass
from pathlib import Path

from core.i18n import _

from storage import db, rollback
from storage.replica import drive as replica_drive
from storage.replica import memory as replica_memory
from core.errors import (DiskFull, DriveRemoved, ObjectTampered, ReplicaCorrupt, UsageError,
                     VaultExists)
from core.work import CancelToken, Progress, ProgressFn, no_progress
from storage.fsio import atomic_write, disk_full_as_error, fsync_dir, is_disk_full, write_all
from storage.replica.copying import Copier, ObjectJob
from storage.replica.drive import drive_error, drive_errors
from storage.replica.layout import OBJECTS, is_replica
from storage.replica.sync import nested
from storage.replica.reading import Generation, unlock
from storage.vault import DB, KEYS, Vault, _lock


@dataclass(frozen=True, slots=True)
class RestoreReport:
    """What a restore brought back, and what it refused."""

    vault_id: str
    label: str
    generation: int
    synced_at: str
    testimonies: int
    items: int                               # items restored
    bytes: int                               # sealed bytes copied
    refused: tuple[tuple[str, str], ...]     # (item id, reason) not restored
    seconds: float


def _local_error(exc: OSError) -> BaseException:
    return DiskFull() if is_disk_full(exc) else exc


def restore(root: Path, new_dir: Path, secret: str, *, progress: ProgressFn = no_progress,
            cancel: CancelToken | None = None,
            actor: str = "kua", remembered: dict[str, int] | None = None,
            accept_older: bool = False) -> tuple[Vault, RestoreReport]:
    """Make a new vault in `new_dir` (new or empty) from the replica in `root`.

    Returns the new vault, open, and the report. If anything fails, what was written
    in `new_dir` is removed again. `remembered` ({label: generation}, from a vault
    that synced to this replica) makes an older generation `ReplicaOlder` unless
    `accept_older`.
    """
    started = time.monotonic()
    root, new_dir = Path(root).absolute(), Path(new_dir).absolute()
    if not is_replica(root):
        raise UsageError(_("{root} holds no Kua replica").format(root=root))
    if nested(root, new_dir):
        raise UsageError(_("the new vault must be outside the replica's folder"))
    if new_dir.exists() and (not new_dir.is_dir() or any(new_dir.iterdir())):
        raise VaultExists(_("{new_dir} is not empty: choose a new or empty folder").format(new_dir=new_dir))
    created = not new_dir.exists()
    with drive_errors(root):
        replica_lock = replica_drive.lock(root, exclusive=False)
    try:
        generation = unlock(root, secret)
        replica_memory.check(remembered or {}, generation.manifest.label,
                             generation.manifest.generation, accept_older)
        new_dir.mkdir(parents=True, exist_ok=True, mode=0o700)
        try:
            return _rebuild(root, new_dir, generation, _lock(new_dir), actor, progress,
                            cancel, started)
        except BaseException:
            _discard(new_dir, created)
            raise
    finally:
        os.close(replica_lock)


def _rebuild(root: Path, new_dir: Path, generation: Generation, vault_lock: int, actor: str,
             progress: ProgressFn, cancel: CancelToken | None,
             started: float) -> tuple[Vault, RestoreReport]:
    """Fill the locked, empty `new_dir`; on failure closes what it opened (the lock too)."""
    manifest = generation.manifest
    conn = None
    try:
        _copy_catalogue(root / manifest.catalogue_file, new_dir / DB, root,
                        manifest.catalogue_sha256)
        conn = db.connect(new_dir / DB, generation.vault_key)  # upgrades an older schema
        vault = Vault(new_dir, generation.vault_key, conn, vault_lock, actor)
        vault._check_keys_file(generation.keys)
        (new_dir / OBJECTS).mkdir(mode=0o700)
        copied, refused = _copy_objects(vault, root, progress, cancel)
        for item_id, _unused in refused:
            vault.erase_item(item_id, "item.restore-refused")
        with vault.transaction():
            vault.audit.append("vault.restore", manifest.label, generation=manifest.generation,
                               refused=len(refused))
            replica_memory.remember(vault.conn, manifest.label, manifest.generation)
        rollback.write_file(vault.conn, new_dir)  # the counter the snapshot carries
        atomic_write(new_dir / KEYS, generation.keys)
        fsync_dir(new_dir)
    except BaseException:
        if conn is not None:
            conn.close()
        os.close(vault_lock)
        raise
    testimonies = vault.conn.execute("SELECT count(*) FROM testimonies").fetchone()[0]
    items = vault.conn.execute("SELECT count(*) FROM items").fetchone()[0]
    return vault, RestoreReport(vault.vault_id, manifest.label, manifest.generation,
                                manifest.synced_at, testimonies, items, copied,
                                tuple(refused), time.monotonic() - started)


def _copy_catalogue(src: Path, dst: Path, root: Path, sha256: str) -> None:
    """Copy the snapshot byte for byte, checked against the manifest's SHA-256."""
    with drive_errors(root):
        data = src.read_bytes()
    if hashlib.sha256(data).hexdigest() != sha256:
        raise ReplicaCorrupt(_("the replica's catalogue changed while it was being read"))
    fd = os.open(dst, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    try:
        with disk_full_as_error():
            write_all(fd, data)
            os.fsync(fd)
    finally:
        os.close(fd)


def _copy_objects(vault: Vault, root: Path, progress: ProgressFn,
                  cancel: CancelToken | None) -> tuple[int, list[tuple[str, str]]]:
    jobs = []
    for item in vault.items.all():
        ref = vault.items.object_ref(item.id)
        jobs.append(ObjectJob.of(ref, root / OBJECTS))
    total = sum(sum(j.part_sizes()) for j in jobs)
    done = [0]
    state = {"item": 0}

    def on_bytes(n: int) -> None:
        done[0] += n
        progress(Progress(done[0], total, message=f"{state['item']}/{len(jobs)} items",
                          step=state["item"], steps=len(jobs)))

    refused: list[tuple[str, str]] = []
    dirs = set()
    with Copier(root / OBJECTS, vault.objects_dir, src_error=lambda e: drive_error(e, root),
                dst_error=_local_error, where=_("on the replica"), hash_plaintext=True,
                on_bytes=on_bytes, cancel=cancel) as copier:
        for job in jobs:
            state["item"] += 1
            sub = vault.objects_dir / job.name[:2]
            sub.mkdir(mode=0o700, exist_ok=True)
            dirs.add(sub)
            try:
                copier.copy(job)
            except ObjectTampered as exc:
                if not (root / OBJECTS).is_dir():
                    raise DriveRemoved(_("the replica's folder is gone")) from None
                refused.append((job.item_id, exc.reason))
    with disk_full_as_error():
        for sub in sorted(dirs):
            fsync_dir(sub)
        fsync_dir(vault.objects_dir)
    return done[0], refused


def _discard(new_dir: Path, created: bool) -> None:
    """Remove what a failed restore wrote (the folder was new or empty)."""
    if created:
        shutil.rmtree(new_dir, ignore_errors=True)
        return
    for child in new_dir.iterdir():
        if child.is_dir():
            shutil.rmtree(child, ignore_errors=True)
        else:
            child.unlink(missing_ok=True)
