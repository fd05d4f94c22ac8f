"""A generation's catalogue: a consistent snapshot made with SQLite's backup API.

The snapshot is written straight to the drive by a connection keyed like the vault's
(`db.connect`), so its pages are SQLCipher-encrypted under the same catalogue key:
no plaintext copy exists at any moment, on the drive or elsewhere. The source is
read in one backup step, so the snapshot is one consistent state of the catalogue.
The snapshot is switched from WAL to a rollback journal before it is closed, so it
is one self-contained file that opens read-only (even on a write-protected drive).
"""

from __future__ import annotations

import os
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Iterator
from urllib.parse import quote

import sqlcipher3

from core.i18n import _
from storage import db
from core.errors import DriveError, DriveFull, DriveReadOnly, DriveRemoved, VaultCorrupt
from storage.replica.drive import drive_errors
from storage.replica.layout import file_digest
from storage.vault import Vault

_FULL, _READONLY, _IOERR, _CORRUPT, _CANTOPEN, _NOTADB = 13, 8, 10, 11, 14, 26


@dataclass(frozen=True, slots=True)
class Snapshot:
    """What a snapshot file holds, for the manifest."""

    size: int
    sha256: str
    items: int
    object_bytes: int                  # plaintext bytes of every item
    object_names: frozenset[str]


@contextmanager
def _sqlite_drive_errors(root: Path) -> Iterator[None]:
    """sqlite's errors while writing a snapshot on the drive, as Kua's."""
    try:
        yield
    except sqlcipher3.DatabaseError as exc:
        code = (getattr(exc, "sqlite_errorcode", None) or 0) & 0xFF
        if code == _FULL:
            raise DriveFull() from None
        if code == _READONLY:
            raise DriveReadOnly(root) from None
        if code in (_IOERR, _CANTOPEN):
            raise DriveRemoved(_("the catalogue snapshot could not be written")) from None
        if code in (_CORRUPT, _NOTADB):
            raise VaultCorrupt(_("the vault's catalogue (vault.db) is damaged or unreadable")
                               ) from None
        raise DriveError(_("the drive failed while the catalogue was copied ({exc})").format(exc=exc)) from None


def _open_target(path: Path, vault_key: bytes) -> sqlcipher3.Connection:
    """A new database file keyed with the vault's catalogue key (as `db.connect` keys)."""
    conn = sqlcipher3.connect(f"file:{quote(str(path))}?mode=rwc", uri=True,
                              isolation_level=None)
    conn.execute("PRAGMA cipher_log_level = NONE")
    key = db.subkey(vault_key, "catalogue").hex()
    conn.execute(f"PRAGMA key = \"x'{key}'\"")
    del key
    conn.execute("PRAGMA cipher_memory_security = OFF")
    conn.execute("PRAGMA temp_store = MEMORY")  # sqlite temp files would be plaintext
    conn.execute("PRAGMA synchronous = FULL")
    return conn


def snapshot(vault: Vault, root: Path, path: Path) -> Snapshot:
    """Write the vault's catalogue to `path` on the drive at `root`; durable on return."""
    with drive_errors(root):
        for leftover in (path, path.with_name(path.name + "-journal")):
            leftover.unlink(missing_ok=True)
    with _sqlite_drive_errors(root):
        target = _open_target(path, vault._key)
        try:
            vault.conn.backup(target)
            target.execute("PRAGMA journal_mode = DELETE")
            items, plain = target.execute(
                "SELECT count(*), coalesce(sum(size), 0) FROM items").fetchone()
            names = frozenset(r[0] for r in target.execute("SELECT object_name FROM items"))
        finally:
            target.close()
    with drive_errors(root):
        fd = os.open(path, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)
        size, digest = file_digest(path)
    return Snapshot(size, digest, items, plain, names)
