"""Open a replica in place, read-only, as a vault: its newest intact generation.

`storage.opening.open_vault_or_replica` comes here when the folder is a replica
(`kua --vault DRIVE list`), so a trusted drive can be checked on any machine. A generation is intact when its
manifest authenticates, its keys file opens and both its files match the SHA-256 in
the manifest; otherwise the other slot's generation is tried. Nothing on the drive
is written: no crash clean-up, no lock file created, and every change is refused
with `VaultReadOnly`.
"""

from __future__ import annotations

import hashlib
import os
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Callable, Iterator

from core.i18n import N_, _
from storage import db, keyslots
from storage.replica import drive as replica_drive
from core.errors import (KeysReplayed, ReplicaCorrupt, ReplicaMismatch, VaultCorrupt,
                     VaultReadOnly, VaultTooNew)
from storage.replica.layout import (Manifest, Slot, decode, file_digest, gen_files, is_replica,
                                    read_slots)
from storage.vault import Vault

READ_ONLY = N_("this is a replica, opened read-only: restore it (kua restore --from DIR"
               " --vault NEWDIR) to change anything")


@dataclass(frozen=True, slots=True)
class Generation:
    """An intact generation of a replica and the vault key that opened it."""

    manifest: Manifest
    vault_key: bytes
    keys: bytes


class ReplicaVault(Vault):
    """A replica opened in place: reads work as in a vault, changes raise VaultReadOnly."""

    read_only = True

    def __init__(self, path: Path, generation: Generation, conn: db.Connection, lock_fd: int,
                 actor: str) -> None:
        super().__init__(path, generation.vault_key, conn, lock_fd, actor)
        self.manifest = generation.manifest
        self.keys_bytes = generation.keys

    @property
    def generation(self) -> int:
        return self.manifest.generation

    @property
    def label(self) -> str:
        return self.manifest.label

    def close(self) -> None:
        """Close the snapshot and release the shared lock (nothing to checkpoint)."""
        if self.conn is None:
            return
        try:
            self.conn.close()
        finally:
            self.conn = None  # type: ignore[assignment]
            self._key = b""
            os.close(self._lock_fd)

    def writer(self, *args: object, **kwargs: object):  # type: ignore[override]
        raise VaultReadOnly(_(READ_ONLY))

    def erase_item(self, item_id: str, action: str = "item.erase") -> None:
        raise VaultReadOnly(_(READ_ONLY))

    def change_passphrase(self, *args: object, **kwargs: object) -> None:
        raise VaultReadOnly(_(READ_ONLY))

    @contextmanager
    def transaction(self) -> Iterator[db.Connection]:
        raise VaultReadOnly(_(READ_ONLY))
        yield self.conn  # pragma: no cover - a generator, for @contextmanager


def _intact(root: Path, slot: Slot, key_for: Callable[[bytes], bytes | None]) -> Generation | None:
    """The generation of `slot` if its keys, manifest and catalogue snapshot check out."""
    db_file, keys_file = gen_files(slot.generation)
    try:
        keys = (root / keys_file).read_bytes()
    except FileNotFoundError:
        return None
    vault_key = key_for(keys)
    if vault_key is None:
        return None
    manifest = decode(slot, vault_key)
    if manifest is None or (manifest.catalogue_file, manifest.keys_file) != (db_file, keys_file):
        return None
    if hashlib.sha256(keys).hexdigest() != manifest.keys_sha256:
        return None
    try:
        size, digest = file_digest(root / db_file)
    except FileNotFoundError:
        return None
    if (size, digest) != (manifest.catalogue_size, manifest.catalogue_sha256):
        return None
    return Generation(manifest, vault_key, keys)


def newest(root: Path, key_for: Callable[[bytes], bytes | None]) -> Generation | None:
    """The newest intact generation; `key_for(keys file)` gives the vault key or None."""
    for slot in sorted(read_slots(root), key=lambda s: s.generation, reverse=True):
        found = _intact(root, slot, key_for)
        if found is not None:
            return found
    return None


def unlock(root: Path, secret: str) -> Generation:
    """The newest intact generation, opened with a passphrase or recovery key.

    A keys file that does not open with the secret is `WrongPassphrase` (no older
    generation is tried with it); a damaged one makes the older generation the
    candidate.
    """
    tried: dict[bytes, bytes | None] = {}

    def key_for(keys: bytes) -> bytes | None:
        if keys not in tried:
            try:
                tried[keys] = keyslots.unlock(keys, secret)
            except VaultCorrupt:
                tried[keys] = None
        return tried[keys]

    found = newest(Path(root), key_for)
    if found is None:
        raise ReplicaCorrupt(_("no generation of the replica in {root} is intact").format(root=root))
    return found


def for_vault(root: Path, vault_keys: list[bytes], vault_id: str) -> Generation:
    """The newest intact generation of the replica of this vault, opened with its key or
    one it had before a passphrase change (`Vault.known_keys`).

    A replica of another vault is refused by name (`ReplicaMismatch`).
    """
    root = Path(root)
    found = [g for key in vault_keys if (g := newest(root, lambda _, k=key: k)) is not None]
    if found:
        return max(found, key=lambda g: g.manifest.generation)
    foreign = [s.vault_id for s in read_slots(root) if s.vault_id != vault_id]
    if foreign:
        raise ReplicaMismatch(root, foreign[0], vault_id)
    raise ReplicaCorrupt(_("no generation of the replica in {root} is intact").format(root=root))


def open_generation(root: Path, generation: Generation, lock_fd: int,
                    actor: str = "kua") -> ReplicaVault:
    """A ReplicaVault over an intact generation; it owns `lock_fd` once returned."""
    try:
        conn = db.connect(root / generation.manifest.catalogue_file, generation.vault_key,
                          readonly=True, immutable=True)
    except VaultTooNew as exc:
        if "upgrade" in str(exc):
            raise VaultTooNew(_("this replica was made by an older Kua and cannot be opened in "
                                "place: restore it (kua restore) to upgrade it")) from None
        raise
    vault = ReplicaVault(root, generation, conn, lock_fd, actor)
    digest = hashlib.sha256(generation.keys).hexdigest()
    if digest not in (vault._meta("keys_sha256"), vault._meta("keys_sha256_pending")):
        conn.close()
        raise KeysReplayed(_("the replica's keys file does not belong to its catalogue"))
    return vault


def open_replica(path: Path, secret: str, *, actor: str = "kua") -> ReplicaVault:
    """Open the replica in `path` read-only with a passphrase or the recovery key."""
    path = Path(path)
    with replica_drive.drive_errors(path):
        lock_fd = replica_drive.lock(path, exclusive=False)
        try:
            return open_generation(path, unlock(path, secret), lock_fd, actor)
        except BaseException:
            os.close(lock_fd)
            raise


def open_for(vault: Vault, path: Path) -> ReplicaVault:
    """Open the replica of this open vault read-only, with the vault's own key (so a
    replica made before a passphrase change opens too); another vault's is refused."""
    path = Path(path)
    if not is_replica(path):
        raise ReplicaCorrupt(_("{path} holds no Kua replica").format(path=path))
    with replica_drive.drive_errors(path):
        lock_fd = replica_drive.lock(path, exclusive=False)
        try:
            generation = for_vault(path, vault.known_keys(), vault.vault_id)
            return open_generation(path, generation, lock_fd, vault.audit.actor)
        except BaseException:
            os.close(lock_fd)
            raise
