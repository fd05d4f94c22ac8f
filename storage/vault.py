"""A vault folder: keys, catalogue and sealed objects, held by one process at a time.

    <vault>/keys       keyslots (storage/keyslots.py)
    <vault>/vault.db   SQLCipher catalogue (storage/db.py, schema.py)
    <vault>/objects/   sealed media objects (storage/sealed.py)
    <vault>/lock       empty; flock'ed while a process has the vault open

Opening order: lock, keys, catalogue, replay check of the keys file, clean-up of
what a crash left (unfinished imports, orphaned object files).
"""

from __future__ import annotations

import fcntl
import hashlib
import os
import secrets
from contextlib import contextmanager
from pathlib import Path
from typing import Callable, Iterator

from core.i18n import _
from . import db, keyslots
from .audit import AuditLog, now
from .bundles.device import DeviceKey, ensure_device_key, load_device_key
from .catalogue import Catalogue
from .errors import (KeysReplayed, NotAVault, VaultCorrupt, VaultExists, VaultInUse)
from .fsio import atomic_write, disk_full_as_error, fsync_dir, is_empty_dir
from .items import Items, ObjectRef
from .sealed import Layout, SealedReader, SealedWriter, existing_parts, remove_object

KEYS, DB, OBJECTS, LOCK = "keys", "vault.db", "objects", "lock"


def is_vault(path: Path) -> bool:
    """True if `path` looks like a Kua vault folder."""
    path = Path(path)
    return (path / KEYS).is_file() and (path / DB).is_file()


def _lock(path: Path) -> int:
    fd = os.open(path / LOCK, os.O_RDWR | os.O_CREAT, 0o600)
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        os.close(fd)
        raise VaultInUse() from None
    return fd


class Vault:
    """An open, unlocked vault. Use `Vault.create` or `Vault.open`, then `close()`."""

    read_only = False  # True for a replica opened in place (storage/replica_open.py)

    def __init__(self, path: Path, vault_key: bytes, conn: db.Connection, lock_fd: int,
                 actor: str) -> None:
        self.path = Path(path)
        self._key = vault_key
        self.conn = conn
        self._lock_fd = lock_fd
        self.catalogue = Catalogue(conn)
        self.items = Items(conn)
        self.audit = AuditLog(conn, actor)

    # -- lifecycle -----------------------------------------------------------

    @classmethod
    def create(cls, path: Path, passphrase: str, *, kdf: keyslots.KdfParams =
               keyslots.DEFAULT_PASSPHRASE_KDF, actor: str = "kua") -> tuple["Vault", str]:
        """Make a new vault in a new or empty folder; returns it and the recovery key."""
        path = Path(path)
        if path.exists() and not is_empty_dir(path):
            raise VaultExists(_("{path} is not empty: choose a new or empty folder").format(path=path))
        path.mkdir(parents=True, exist_ok=True, mode=0o700)
        lock_fd = _lock(path)
        try:
            (path / OBJECTS).mkdir(mode=0o700, exist_ok=True)
            vault_key = keyslots.new_vault_key()
            recovery = keyslots.new_recovery_key()
            keys_bytes = keyslots.create(passphrase, vault_key, recovery, kdf)
            conn = db.connect(path / DB, vault_key, create=True)
            os.chmod(path / DB, 0o600)  # sqlite gives its -wal and -shm the same mode
            vault = cls(path, vault_key, conn, lock_fd, actor)
            with db.transaction(conn):
                vault._set_meta("vault_id", secrets.token_hex(16))
                vault._set_meta("created_at", now())
                vault._set_meta("keys_sha256", hashlib.sha256(keys_bytes).hexdigest())
                ensure_device_key(conn)
                vault.audit.append("vault.create")
            atomic_write(path / KEYS, keys_bytes)
            fsync_dir(path)
        except BaseException:
            os.close(lock_fd)
            raise
        return vault, recovery

    @classmethod
    def open(cls, path: Path, secret: str, *, actor: str = "kua") -> "Vault":
        """Unlock a vault with its passphrase or recovery key."""
        path = Path(path)
        if not path.is_dir():
            raise NotAVault(_("{path} does not exist or is not a folder").format(path=path))
        if not is_vault(path):
            from .replica_open import is_replica, open_replica  # a replica: read-only, in place
            if is_replica(path):
                return open_replica(path, secret, actor=actor)
            raise NotAVault(_("{path} is not a Kua vault").format(path=path))
        lock_fd = _lock(path)
        try:
            keys_bytes = (path / KEYS).read_bytes()
            vault_key = keyslots.unlock(keys_bytes, secret)
            conn = db.connect(path / DB, vault_key)
            vault = cls(path, vault_key, conn, lock_fd, actor)
            vault._check_keys_file(keys_bytes)
            vault._clean_up_after_crash()
        except BaseException:
            os.close(lock_fd)
            raise
        return vault

    def close(self) -> None:
        """Checkpoint the WAL, close the catalogue and release the lock."""
        if self.conn is None:
            return
        try:
            db.checkpoint(self.conn)
        finally:
            self.conn.close()
            self.conn = None  # type: ignore[assignment]
            self._key = b""
            os.close(self._lock_fd)

    def __enter__(self) -> "Vault":
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # -- keys ----------------------------------------------------------------

    def change_passphrase(self, new_passphrase: str,
                          kdf: keyslots.KdfParams = keyslots.DEFAULT_PASSPHRASE_KDF) -> None:
        """Rewrite only the keys file so the passphrase slot opens with `new_passphrase`.

        The catalogue first accepts both the old and the new keys file ("pending"),
        then the file is replaced atomically, then the old one stops being accepted:
        a crash at any point leaves a vault that opens, and an old copy of `keys`
        put back later is refused (`KeysReplayed`).
        """
        old = (self.path / KEYS).read_bytes()
        new = keyslots.replace_passphrase(old, self._key, new_passphrase, kdf)
        digest = hashlib.sha256(new).hexdigest()
        with db.transaction(self.conn):
            self._set_meta("keys_sha256_pending", digest)
        atomic_write(self.path / KEYS, new)
        with db.transaction(self.conn):
            self._set_meta("keys_sha256", digest)
            self.conn.execute("DELETE FROM meta WHERE key = 'keys_sha256_pending'")
            self.audit.append("vault.passwd")

    def _check_keys_file(self, keys_bytes: bytes) -> None:
        digest = hashlib.sha256(keys_bytes).hexdigest()
        if digest == self._meta("keys_sha256"):
            return
        if digest == self._meta("keys_sha256_pending"):
            with db.transaction(self.conn):  # a passwd was cut short after the rename
                self._set_meta("keys_sha256", digest)
                self.conn.execute("DELETE FROM meta WHERE key = 'keys_sha256_pending'")
            return
        raise KeysReplayed(_("the vault's keys file is an old copy (replaced after a passphrase "
                             "change): restore the current keys file"))

    # -- objects -------------------------------------------------------------

    @property
    def objects_dir(self) -> Path:
        return self.path / OBJECTS

    def writer(self, ref: ObjectRef, on_segment: Callable[[int], None] | None = None) -> SealedWriter:
        """A sealing writer for a new item's object."""
        with disk_full_as_error():
            return SealedWriter(self.objects_dir, ref.object_name, ref.key, ref.item_id,
                                ref.layout, on_segment)

    def reader(self, item_id: str) -> SealedReader:
        """A seekable, decrypting reader of an item's object."""
        ref = self.items.object_ref(item_id)
        item = self.items.get(item_id)
        expected = ref.size if item.state in ("complete", "recovered") else None
        return SealedReader(self.objects_dir, ref.object_name, ref.key, ref.item_id, ref.layout,
                            expected)

    def erase_item(self, item_id: str, action: str = "item.erase") -> None:
        """Crypto-erase an item: drop its key, make that durable, then delete its files."""
        with db.transaction(self.conn):
            name = self.items.drop_key(item_id)
            self.audit.append(action, item_id)
        db.checkpoint(self.conn)
        remove_object(self.objects_dir, name)

    def object_files(self, item_id: str) -> list[Path]:
        """The part files of an item (for tests, verification and sync)."""
        return existing_parts(self.objects_dir, self.items.object_ref(item_id).object_name)

    @contextmanager
    def transaction(self) -> Iterator[db.Connection]:
        """One catalogue transaction (BEGIN IMMEDIATE … COMMIT)."""
        with db.transaction(self.conn) as conn:
            yield conn

    # -- crash clean-up ------------------------------------------------------

    def _clean_up_after_crash(self) -> None:
        # Imports cut short (state 'writing') are erased; recordings ('recording')
        # are left for the capture layer to recover, which knows how to trim them.
        for item in self.items.in_state("writing"):
            self.erase_item(item.id, "item.erase-unfinished")
        self._remove_orphans()

    def _remove_orphans(self) -> None:
        """Delete object files that no catalogue row references (their key is gone)."""
        known = self.items.object_names()
        if not self.objects_dir.is_dir():
            raise VaultCorrupt(_("the vault's objects folder is missing"))
        for sub in self.objects_dir.iterdir():
            for f in sub.iterdir() if sub.is_dir() else ():
                if f.name.split(".")[0] not in known:
                    f.unlink()

    # -- meta ----------------------------------------------------------------

    def _meta(self, key: str) -> str | None:
        row = self.conn.execute("SELECT value FROM meta WHERE key = ?", (key,)).fetchone()
        return row[0] if row else None

    def _set_meta(self, key: str, value: str) -> None:
        self.conn.execute("INSERT OR REPLACE INTO meta (key, value) VALUES (?, ?)", (key, value))

    def setting(self, name: str) -> str | None:
        """A preference stored inside the encrypted catalogue (None: never set)."""
        return self._meta("setting." + name)

    def set_setting(self, name: str, value: str) -> None:
        """Store a preference inside the encrypted catalogue."""
        with db.transaction(self.conn):
            self._set_meta("setting." + name, value)

    def device_key(self) -> DeviceKey:
        """The vault's Ed25519 device key (made now in a vault older than schema 2)."""
        found = load_device_key(self.conn)
        if found is not None:
            return found
        with db.transaction(self.conn):
            return ensure_device_key(self.conn)

    @property
    def vault_id(self) -> str:
        """A random id of this vault (tells replicas and bundles apart)."""
        return self._meta("vault_id") or ""
