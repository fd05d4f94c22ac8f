"""Sync a vault to a replica on a trusted drive (the format: storage/replica/layout.py).

One sync writes one new generation, in restic's order: the objects the replica lacks
(data), then the catalogue snapshot and keys file of the generation (index), then its
manifest in the slot the newest intact generation does not use (pointer); each step
is durable before the next starts. Whatever stops a sync before the manifest is
written - a pulled drive, a full one, `kill -9` - leaves the previous generation
intact and openable; the next sync reuses what was already copied (by name and size)
and finishes the job. Only after the commit are the files of other generations and
of items erased in the vault removed, so a deleted item's key (in the catalogue
snapshot) disappears from the drive before its object does.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import time
from dataclasses import dataclass
from pathlib import Path

from core.i18n import _

from storage.replica import drive as replica_drive
from storage.replica import memory as replica_memory
from storage.audit import now
from core.errors import (DriveFull, DriveRemoved, ObjectTampered, ReplicaMismatch, UsageError,
                     VaultCorrupt, VaultExists, VaultInUse, VaultReadOnly)
from core.work import CancelToken, Progress, ProgressFn, no_progress
from storage.replica.copying import TMP_SUFFIX, Copier, ObjectJob
from storage.replica.drive import drive_error, drive_errors, sync_dir
from storage.replica.layout import (GEN, LOCK, MANIFESTS, OBJECTS, Manifest, decode, encode,
                             gen_files, generation_of, new_label, read_slots)
from storage.replica.snapshot import snapshot
from storage.sealed import MAX_FILE_BYTES
from storage.vault import KEYS, Vault, is_vault

_REPLICA_NAMES = {LOCK, GEN, OBJECTS, *MANIFESTS}
_SLACK_PER_FILE = 64 * 1024  # cluster rounding on FAT/exFAT, directory entries
_MARGIN = 1024 * 1024


@dataclass(frozen=True, slots=True)
class SyncReport:
    """What one sync did."""

    label: str
    generation: int
    previous: int | None            # the generation the drive held before, if any
    items: int                      # items in the new generation
    copied_items: int
    copied_files: int
    copied_bytes: int
    skipped_items: int              # already on the drive (same names and sizes)
    skipped_bytes: int
    deleted_items: int              # objects of items erased in the vault, now removed
    deleted_files: int
    damaged: tuple[str, ...]        # items not copied: damaged in the vault (messages)
    seconds: float


@dataclass(frozen=True, slots=True)
class _Plan:
    jobs: tuple[tuple[ObjectJob, tuple[int, ...]], ...]   # (object, parts to copy)
    skipped_items: int
    skipped_bytes: int
    referenced: frozenset[str]                             # every part leaf to keep
    stale: tuple[str, ...]                                 # part leaves to delete after commit

    @property
    def stale_items(self) -> int:
        return len({leaf.split("/")[1].split(".")[0] for leaf in self.stale})

    @property
    def copy_bytes(self) -> int:
        return sum(job.part_sizes()[p] for job, parts in self.jobs for p in parts)


def _vault_error(exc: OSError) -> BaseException:
    """An OS error while reading the vault's own objects."""
    return VaultCorrupt(_("the vault's disk failed while an object was read ({strerror})").format(strerror=exc.strerror))


def sync(vault: Vault, root: Path, *, progress: ProgressFn = no_progress,
         cancel: CancelToken | None = None, accept_older: bool = False) -> SyncReport:
    """Write a new generation of the vault's replica in `root` (new, empty or a replica).

    A replica older than the last generation this vault wrote there (put back from an
    earlier copy) is `ReplicaOlder`, unless `accept_older`; then the new generation
    is numbered after the remembered one.
    """
    started = time.monotonic()
    if vault.read_only:
        raise VaultReadOnly(_("this is a replica, opened read-only: it cannot be synced itself; "
                              "restore it (kua restore) or copy the whole folder"))
    root = _prepare(vault, Path(root))
    lock_fd = replica_drive.lock(root, exclusive=True)
    try:
        return _Sync(vault, root, lock_fd, progress, cancel, accept_older).run(started)
    finally:
        os.close(lock_fd)


def nested(a: Path, b: Path) -> bool:
    """True if one of two folders is, or is inside, the other."""
    a, b = Path(a).resolve(), Path(b).resolve()
    return a == b or a in b.parents or b in a.parents


def _prepare(vault: Vault, root: Path) -> Path:
    """Check the target folder and create it if needed (never its parents)."""
    root = root.absolute()
    if nested(vault.path, root):
        raise UsageError(_("the replica must be outside the vault's folder, and the vault "
                           "outside the replica's"))
    if not root.exists():
        if not root.parent.is_dir():
            raise UsageError(_("{parent} does not exist: is the drive plugged in?").format(parent=root.parent))
        with drive_errors(root):
            root.mkdir(mode=0o700)
    elif not root.is_dir():
        raise UsageError(_("{root} is not a folder").format(root=root))
    elif is_vault(root):
        raise UsageError(_("{root} is a vault, not a replica: sync to another folder").format(root=root))
    else:
        with drive_errors(root):
            names = {p.name for p in root.iterdir()}
        if names and not (names <= _REPLICA_NAMES and (LOCK in names or names & set(MANIFESTS))):
            raise VaultExists(_("{root} is not empty and holds no Kua replica: choose a new or "
                                "empty folder").format(root=root))
    return root


class _Sync:
    """The steps of one sync, in commit order."""

    def __init__(self, vault: Vault, root: Path, lock_fd: int, progress: ProgressFn,
                 cancel: CancelToken | None, accept_older: bool = False) -> None:
        self.vault, self.root, self.lock_fd = vault, root, lock_fd
        self.progress, self.cancel = progress, cancel
        self.accept_older = accept_older

    def run(self, started: float) -> SyncReport:
        vault, root = self.vault, self.root
        self._refuse_unfinished()
        base = self._base()
        generation = base.generation + 1 if base else 1
        if base is not None:
            known = replica_memory.remembered(vault.conn)
            replica_memory.check(known, base.label, base.generation, self.accept_older)
            generation = max(base.generation, known.get(base.label, 0)) + 1
            generation += (generation - base.generation + 1) % 2  # never the base's slot
        with drive_errors(root):
            self._drop_other_generations(keep=base.generation if base else None)
            inventory = self._inventory()
        plan = self._plan(inventory)
        self._check_space(plan)
        with drive_errors(root):
            for sub in (GEN, OBJECTS):
                (root / sub).mkdir(mode=0o700, exist_ok=True)
        copied_files, copied_bytes, damaged = self._copy(plan)
        label = base.label if base else new_label()
        manifest = self._write_index(generation, label, plan)
        self._commit(manifest)
        with vault.transaction():
            vault.audit.append("replica.sync", label, generation=generation,
                               copied_bytes=copied_bytes, deleted_items=plan.stale_items)
            replica_memory.remember(vault.conn, label, generation)
        self._prune(plan, keep=generation)
        return SyncReport(label, generation, base.generation if base else None,
                          manifest.items, len(plan.jobs) - len(damaged), copied_files,
                          copied_bytes, plan.skipped_items, plan.skipped_bytes,
                          plan.stale_items, len(plan.stale), tuple(damaged),
                          time.monotonic() - started)

    # -- what is there -------------------------------------------------------

    def _refuse_unfinished(self) -> None:
        for state in ("writing", "recording"):
            for item in self.vault.items.in_state(state):
                raise VaultInUse(_("item {id} is still being written (a recording or an "
                                   "import): let it finish, then sync").format(id=item.id))

    def _base(self) -> Manifest | None:
        """The newest generation on the drive that authenticates under this vault's key
        (or a key it had before a passphrase change)."""
        with drive_errors(self.root):
            slots = read_slots(self.root)
        ours = self.vault.vault_id
        keys = self.vault.known_keys()
        valid = [m for s in slots for k in keys if (m := decode(s, k)) is not None]
        if not valid:
            # Another vault's manifest names a generation whose files are there; a torn
            # manifest (power cut during a first sync) has a garbled header and does not.
            foreign = [s.vault_id for s in slots if s.vault_id != ours
                       and (self.root / gen_files(s.generation)[1]).is_file()]
            if foreign:
                raise ReplicaMismatch(self.root, foreign[0], ours)
            return None
        return max(valid, key=lambda m: m.generation)

    def _drop_other_generations(self, keep: int | None) -> None:
        """Remove what a sync cut short left in gen/ (the committed generation stays)."""
        if not (self.root / GEN).is_dir():
            return
        for entry in os.scandir(self.root / GEN):
            if generation_of(entry.name) != keep:
                os.unlink(entry.path)

    def _inventory(self) -> dict[str, int]:
        """Every object part on the drive ("ab/ab12…" → size); removes unfinished copies."""
        found: dict[str, int] = {}
        if not (self.root / OBJECTS).is_dir():
            return found
        for sub in os.scandir(self.root / OBJECTS):
            if not sub.is_dir():
                continue
            for entry in os.scandir(sub.path):
                if entry.name.endswith(TMP_SUFFIX):
                    os.unlink(entry.path)
                else:
                    found[f"{sub.name}/{entry.name}"] = entry.stat().st_size
        return found

    def _plan(self, inventory: dict[str, int]) -> _Plan:
        jobs, skipped, skipped_bytes, referenced = [], 0, 0, set()
        for item in self.vault.items.all():
            ref = self.vault.items.object_ref(item.id)
            job = ObjectJob.of(ref, self.vault.objects_dir)
            leaves, sizes = job.leaves(), job.part_sizes()
            referenced.update(leaves)
            missing = tuple(i for i, (leaf, size) in enumerate(zip(leaves, sizes))
                            if inventory.get(leaf) != size)
            if missing:
                jobs.append((job, missing))
            else:
                skipped += 1
                skipped_bytes += sum(sizes)
        stale = tuple(sorted(leaf for leaf in inventory if leaf not in referenced))
        return _Plan(tuple(jobs), skipped, skipped_bytes, frozenset(referenced), stale)

    def _check_space(self, plan: _Plan) -> None:
        catalogue = self.vault.conn.execute(  # the snapshot's size: the WAL folded in
            "SELECT page_count * page_size FROM pragma_page_count(), pragma_page_size()"
        ).fetchone()[0]
        if catalogue > MAX_FILE_BYTES:
            raise UsageError(_("the catalogue has grown past 2 GiB: it cannot go on a FAT drive"))
        files = sum(len(parts) for _unused, parts in plan.jobs) + 3
        needed = plan.copy_bytes + catalogue + files * _SLACK_PER_FILE + _MARGIN
        with drive_errors(self.root):
            free = shutil.disk_usage(self.root).free
        if needed > free:
            raise DriveFull(needed, free)

    # -- data, index, pointer -------------------------------------------------

    def _copy(self, plan: _Plan) -> tuple[int, int, list[str]]:
        total, done = plan.copy_bytes, [0]
        count = len(plan.jobs)
        state = {"item": 0}

        def on_bytes(n: int) -> None:
            done[0] += n
            self.progress(Progress(done[0], total, message=f"{state['item']}/{count} items",
                                   step=state["item"], steps=count))

        files, damaged, dirs = 0, [], set()
        with Copier(self.vault.objects_dir, self.root / OBJECTS, src_error=_vault_error,
                    dst_error=lambda exc: drive_error(exc, self.root), where=_("in the vault"),
                    on_bytes=on_bytes, cancel=self.cancel) as copier:
            for job, parts in plan.jobs:
                state["item"] += 1
                sub = self.root / OBJECTS / job.name[:2]
                with drive_errors(self.root):
                    sub.mkdir(mode=0o700, exist_ok=True)
                dirs.add(sub)
                try:
                    copier.copy(job, list(parts))
                    files += len(parts)
                except ObjectTampered as exc:
                    damaged.append(str(exc))
        self.progress(Progress(total, total, message=f"{count}/{count} items", step=count,
                               steps=count))
        with drive_errors(self.root):
            for sub in sorted(dirs):
                sync_dir(sub)
            sync_dir(self.root / OBJECTS)
        return files, done[0], damaged

    def _write_index(self, generation: int, label: str, plan: _Plan) -> Manifest:
        db_file, keys_file = gen_files(generation)
        keys = (self.vault.path / KEYS).read_bytes()
        shot = snapshot(self.vault, self.root, self.root / db_file)
        if shot.object_names != {leaf.split("/")[1].split(".")[0] for leaf in plan.referenced}:
            raise RuntimeError("the catalogue changed during the sync")  # one owner: a bug
        with drive_errors(self.root):
            replica_drive.write_file(self.root / keys_file, keys)
            sync_dir(self.root / GEN)
        return Manifest(self.vault.vault_id, generation, label, now(), db_file, shot.size,
                        shot.sha256, keys_file, hashlib.sha256(keys).hexdigest(), shot.items,
                        len(plan.referenced), shot.object_bytes)

    def _commit(self, manifest: Manifest) -> None:
        """Write the pointer: the manifest, in place, in the slot the base does not use."""
        if not replica_drive.same_folder(self.root, self.lock_fd):
            raise DriveRemoved(_("the replica's folder is gone"))
        data = encode(manifest, self.vault._key)
        with drive_errors(self.root):
            replica_drive.write_file(self.root / MANIFESTS[manifest.slot], data)
            sync_dir(self.root)

    def _prune(self, plan: _Plan, keep: int) -> None:
        """After the commit: other generations' files, then erased items' objects."""
        with drive_errors(self.root):
            self._drop_other_generations(keep=keep)
            sync_dir(self.root / GEN)
            dirs = set()
            for leaf in plan.stale:
                sub, name = leaf.split("/")
                os.unlink(self.root / OBJECTS / sub / name)
                dirs.add(sub)
            for sub in sorted(dirs):
                path = self.root / OBJECTS / sub
                if any(path.iterdir()):
                    sync_dir(path)
                else:
                    path.rmdir()
            sync_dir(self.root / OBJECTS)
