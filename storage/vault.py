"""A vault folder: keys, catalogue and sealed objects, held by one process at a time.

    <vault>/keys       keyslots (storage/keyslots.py)
    <vault>/keys.pending  only while a passphrase change is under way (storage/rekey.py)
    <vault>/vault.db   SQLCipher catalogue (storage/db.py, schema.py)
    <vault>/objects/   sealed media objects (storage/sealed.py)
    <vault>/lock       empty; locked (core.platform.lock) while a process has the vault open
    <vault>/counter    the audit log's length, sealed: tells an older vault.db (storage/rollback.py)

Opening order: lock, keys (and a pending keys file), catalogue, replay check of the
keys file and an interrupted passphrase change finished or undone (storage/rekey.py),
rollback check, clean-up of what a crash left (unfinished imports and erasures, empty
object files). Nothing is deleted because the catalogue does not know it: sealed
objects it does not reference are kept and listed (`unknown_objects`) until a person
removes them.
"""

from __future__ import annotations

import hashlib
import os
import secrets
from contextlib import contextmanager
from pathlib import Path
from typing import Callable, Iterator

from core import platform
from core.i18n import _

from storage import db, keyslots, rekey, rollback
from storage.audit import AuditLog, now
from storage.bundles.device import (AddressBook, BundleLog, DeviceKey, ensure_device_key,
                                    load_device_key)
from storage.bundles.matches import PersonMatch, find_matches
from storage.bundles.receipts import Deliveries
from storage.catalogue import Catalogue
from core.errors import NotAVault, VaultCorrupt, VaultExists, VaultInUse
from storage.fsio import atomic_write, disk_full_as_error, fsync_dir, is_empty_dir
from storage.items import Items, ObjectRef
from storage.jobs import Jobs
from storage.repair import END_SUFFIX, end_path
from storage.sealed import SealedReader, SealedWriter, existing_parts, remove_object

KEYS, DB, OBJECTS, LOCK = "keys", "vault.db", "objects", "lock"
_ERASING = "erasing:"  # meta key prefix: an object whose key is dropped, files not yet removed
_UNFINISHED_IMPORT = "unfinished-import:"  # meta key prefix: an import still filling a testimony


def is_vault(path: Path) -> bool:
    """True if `path` looks like a Kua vault folder."""
    path = Path(path)
    return (path / KEYS).is_file() and (path / DB).is_file()


def _lock(path: Path) -> int:
    fd = os.open(path / LOCK, os.O_RDWR | os.O_CREAT, 0o600)
    try:
        platform.lock(fd, exclusive=True)
    except BlockingIOError:
        os.close(fd)
        raise VaultInUse() from None
    except OSError:
        os.close(fd)
        raise
    return fd


class Vault:
    """An open, unlocked vault. Use `Vault.create` or `Vault.open`, then `close()`."""

    read_only = False  # True for a replica opened in place (storage/replica/reading.py)

    def __init__(self, path: Path, vault_key: bytes, conn: db.Connection, lock_fd: int,
                 actor: str) -> None:
        self.path = Path(path)
        self._key = vault_key
        self.conn = conn
        self._lock_fd = lock_fd
        self.catalogue = Catalogue(conn)
        self.items = Items(conn)
        self.audit = AuditLog(conn, actor)
        self.unknown_objects: tuple[str, ...] = ()  # sealed objects the catalogue does not know
        self.rollback_found: str | None = None      # found at this unlock (rollback.py)

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
            made = keyslots.issue(passphrase, vault_key, recovery, kdf)
            keys_bytes = made.data
            conn = db.connect(path / DB, vault_key, create=True)
            os.chmod(path / DB, 0o600)  # sqlite gives its -wal and -shm the same mode
            vault = cls(path, vault_key, conn, lock_fd, actor)
            with db.transaction(conn):
                vault._set_meta("vault_id", secrets.token_hex(16))
                vault._set_meta("created_at", now())
                vault._set_meta("keys_sha256", hashlib.sha256(keys_bytes).hexdigest())
                vault._set_meta("recovery_public_key", made.recovery_public.hex())
                ensure_device_key(conn)
                vault.audit.append("vault.create")
                rollback.check(conn, path)
            rollback.write_file(conn, path)
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
        if not is_vault(path):  # a replica opens through storage/opening.py
            raise NotAVault(_("{path} is not a Kua vault").format(path=path))
        lock_fd = _lock(path)
        try:
            opened = rekey.unlock(path, secret)
            vault = cls(path, opened.vault_key, opened.conn, lock_fd, actor)
            rekey.settle(vault, opened)
            vault._check_rollback()
            vault._clean_up_after_crash()
        except BaseException:
            os.close(lock_fd)
            raise
        return vault

    def close(self) -> None:
        """Checkpoint the WAL, anchor the audit log's length (`counter`), close the
        catalogue and release the lock."""
        if self.conn is None:
            return
        try:
            db.checkpoint(self.conn)
            rollback.write_file(self.conn, self.path)
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
                          kdf: keyslots.KdfParams = keyslots.DEFAULT_PASSPHRASE_KDF, *,
                          new_recovery_key: bool = False) -> str | None:
        """Set a new passphrase on a new vault key (the catalogue is re-keyed), so that an
        old keys file with the old passphrase opens nothing current; crash-safe (see
        storage/rekey.py). Returns the new recovery key if one was asked for (the old
        one is then revoked), else None (the recovery key keeps working).
        """
        return rekey.change(self, new_passphrase, kdf, new_recovery_key)

    def _check_keys_file(self, keys_bytes: bytes) -> None:
        """Refuse a keys file that is not the catalogue's (a restore checks its copy)."""
        rekey.settle(self, rekey.Unlocked(keys_bytes, self._key, self.conn, False))

    def known_keys(self) -> list[bytes]:
        """The vault key and the ones it replaced (replicas synced before a change)."""
        return rekey.known_keys(self)

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
        """Crypto-erase an item: drop its key, make that durable, then delete its files.

        The object's name is noted with the dropped key, so that if the files outlive
        a crash, the next unlock knows they are its own and removes them.
        """
        with db.transaction(self.conn):
            name = self.items.drop_key(item_id)
            self._set_meta(_ERASING + name, "")
            self.audit.append(action, item_id)
        db.checkpoint(self.conn)
        self._remove_files(name)
        with db.transaction(self.conn):
            self._unmark(_ERASING, name)
        db.checkpoint(self.conn)

    def _remove_files(self, name: str) -> None:
        remove_object(self.objects_dir, name)
        end_path(self.objects_dir, name).unlink(missing_ok=True)

    def object_files(self, item_id: str) -> list[Path]:
        """The part files of an item (for tests, verification and sync)."""
        return existing_parts(self.objects_dir, self.items.object_ref(item_id).object_name)

    @contextmanager
    def transaction(self) -> Iterator[db.Connection]:
        """One catalogue transaction (BEGIN IMMEDIATE … COMMIT)."""
        with db.transaction(self.conn) as conn:
            yield conn

    @property
    def in_transaction(self) -> bool:
        """True while a catalogue transaction is open (on the thread that owns the vault)."""
        return self.conn.in_transaction

    def check_catalogue(self) -> db.CatalogueHealth:
        """Authenticate every page of vault.db and check its structure (reads it all)."""
        return db.check_integrity(self.conn)

    # -- crash clean-up and rollback ---------------------------------------

    def _check_rollback(self) -> None:
        with db.transaction(self.conn):  # writes only once, or when something is found
            self.rollback_found = rollback.check(self.conn, self.path)
        rollback.write_file(self.conn, self.path)

    def rollback_finding(self) -> str | None:
        """An older vault.db found at some unlock and not yet accepted (None: none)."""
        return rollback.finding(self.conn)

    def accept_rollback(self) -> str | None:
        """A person accepts the catalogue as it is; returns what had been found."""
        with db.transaction(self.conn):
            found = rollback.accept(self.conn)
            if found is not None:
                self.audit.append("vault.accept-older")
        return found

    def _clean_up_after_crash(self) -> None:
        # Imports cut short (state 'writing') are erased; recordings ('recording')
        # are left for the capture layer to recover, which knows how to trim them.
        for item in self.items.in_state("writing"):
            self.erase_item(item.id, "item.erase-unfinished")
        self._finish_erasures()
        self.unknown_objects = self._sweep_objects()

    def _finish_erasures(self) -> None:
        """Remove the files of erasures that a crash cut short (their keys are gone)."""
        known = self.items.object_names()
        for name in self._marked(_ERASING):
            if name not in known:
                self._remove_files(name)
            with db.transaction(self.conn):
                self._unmark(_ERASING, name)

    def _sweep_objects(self) -> tuple[str, ...]:
        """Remove what provably is this vault's own unfinished writing; list the rest.

        Removed: temp files of atomic writes, and empty files (an object created before
        its row was committed: it holds nothing). Objects the catalogue does not know
        are never removed here: they may be newer than an older vault.db put back.
        """
        if not self.objects_dir.is_dir():
            raise VaultCorrupt(_("the vault's objects folder is missing"))
        known = self.items.object_names()
        unknown = set()
        for sub in self.objects_dir.iterdir():
            for f in sub.iterdir() if sub.is_dir() else ():
                name = f.name.split(".")[0]
                if f.name.startswith(".") and f.name.endswith(".tmp"):
                    f.unlink()
                elif name in known:
                    continue
                elif f.stat().st_size == 0 and not f.name.endswith(END_SUFFIX):
                    f.unlink()
                else:
                    unknown.add(name)
        return tuple(sorted(unknown))

    def unknown_object_files(self) -> list[Path]:
        """Every file of the sealed objects the catalogue does not know (found at unlock)."""
        wanted = set(self.unknown_objects)
        return sorted(f for sub in self.objects_dir.iterdir() if sub.is_dir()
                      for f in sub.iterdir() if f.name.split(".")[0] in wanted)

    def remove_unknown_objects(self) -> int:
        """Delete the sealed objects the catalogue does not know; returns how many.

        Only on a person's deliberate request (`kua rm --unknown-objects`): they may be
        the only copy of recordings that an older vault.db put back has forgotten.
        """
        files = self.unknown_object_files()
        count = len(self.unknown_objects)
        for f in files:
            f.unlink(missing_ok=True)
        for sub in {f.parent for f in files}:
            fsync_dir(sub)
        with db.transaction(self.conn):
            self.audit.append("objects.remove-unknown", None, objects=count)
        self.unknown_objects = ()
        return count

    # -- meta ----------------------------------------------------------------

    def _meta(self, key: str) -> str | None:
        row = self.conn.execute("SELECT value FROM meta WHERE key = ?", (key,)).fetchone()
        return row[0] if row else None

    def _set_meta(self, key: str, value: str) -> None:
        self.conn.execute("INSERT OR REPLACE INTO meta (key, value) VALUES (?, ?)", (key, value))

    def _marked(self, prefix: str) -> list[str]:
        """The names marked with `prefix` (crash markers: erasures, imports)."""
        return [r[0][len(prefix):] for r in self.conn.execute(
            "SELECT key FROM meta WHERE key LIKE ?", (prefix + "%",)).fetchall()]

    def _unmark(self, prefix: str, name: str) -> None:
        self.conn.execute("DELETE FROM meta WHERE key = ?", (prefix + name,))

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

    # -- the catalogue's other tables ------------------------------------------

    @property
    def jobs(self) -> Jobs:
        """The transcode job queue (storage/jobs.py)."""
        return Jobs(self.conn)

    @property
    def address_book(self) -> AddressBook:
        """The organizers bundles can be encrypted to, by name."""
        return AddressBook(self.conn)

    @property
    def bundle_log(self) -> BundleLog:
        """The bundles exported and imported, and the testimonies each carried."""
        return BundleLog(self.conn)

    @property
    def deliveries(self) -> Deliveries:
        """What each exported bundle held and what its receipt confirmed delivered."""
        return Deliveries(self.conn)

    def person_matches(self, person_ids: list[str]) -> list[PersonMatch]:
        """People already in the vault whose names match those of `person_ids`."""
        return find_matches(self.conn, person_ids, self.catalogue.search)

    # -- imports that have not finished ----------------------------------------

    def mark_unfinished_import(self, testimony_id: str) -> None:
        """Note (inside the caller's transaction) that an import is still filling this
        testimony, so that the next unlock erases it if the import never finishes."""
        self.conn.execute("INSERT INTO meta (key, value) VALUES (?, '')",
                          (_UNFINISHED_IMPORT + testimony_id,))

    def clear_unfinished_import(self, testimony_id: str) -> None:
        """The import into this testimony finished or was undone (caller's transaction)."""
        self._unmark(_UNFINISHED_IMPORT, testimony_id)

    def unfinished_imports(self) -> list[str]:
        """The testimonies whose import never finished (killed, power cut)."""
        return self._marked(_UNFINISHED_IMPORT)
