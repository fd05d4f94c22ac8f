"""The SQLCipher connection: keying, pragmas, migrations, error mapping.

The catalogue key is derived from the vault key with HKDF, so the raw vault key is
used for nothing but deriving subkeys. SQLCipher is given the key in raw form
(`x'…'`), which skips its own PBKDF2: the keyslots already did the slow part.

A connection belongs to the thread that opened it (sqlite's check_same_thread): in
the GUI one worker thread owns the vault and others submit work to it.
"""

from __future__ import annotations

from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Iterator
from urllib.parse import quote

import sqlcipher3
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.kdf.hkdf import HKDF

from core.i18n import _
from core.errors import DiskFull, VaultCorrupt, VaultReadOnly, VaultTooNew
from storage.schema import MIGRATIONS, SCHEMA_VERSION

Connection = sqlcipher3.Connection
DatabaseError = sqlcipher3.DatabaseError


def subkey(vault_key: bytes, purpose: str) -> bytes:
    """A 256-bit key for one purpose, derived from the vault key."""
    return HKDF(algorithm=hashes.SHA256(), length=32, salt=None,
                info=f"kua v1 {purpose}".encode()).derive(vault_key)


def _is_full(exc: BaseException) -> bool:
    return isinstance(exc, sqlcipher3.OperationalError) and (
        "full" in str(exc).lower() or getattr(exc, "sqlite_errorcode", None) == 13)


@contextmanager
def mapped_errors() -> Iterator[None]:
    """Turn sqlite's errors into Kua's: full disk, damaged file."""
    try:
        yield
    except sqlcipher3.DatabaseError as exc:
        if _is_full(exc):
            raise DiskFull() from None
        if isinstance(exc, (sqlcipher3.IntegrityError, sqlcipher3.ProgrammingError)):
            raise
        if isinstance(exc, sqlcipher3.OperationalError) and "locked" in str(exc).lower():
            raise
        if getattr(exc, "sqlite_errorcode", None) == 8:  # SQLITE_READONLY
            raise VaultReadOnly() from None
        raise VaultCorrupt(_("the vault's catalogue (vault.db) is damaged or unreadable")) from None


def connect(path: Path, vault_key: bytes, *, create: bool = False,
            readonly: bool = False, immutable: bool = False) -> Connection:
    """Open (or create) the catalogue and bring its schema up to date.

    `immutable` (with `readonly`) is for a file nothing will change, such as a
    replica's snapshot: sqlite then takes no locks and needs no -wal or -shm file.
    """
    if not create and not Path(path).is_file():
        raise VaultCorrupt(_("the vault's catalogue (vault.db) is missing"))
    uri = (f"file:{quote(str(Path(path)))}"
           f"?mode={'ro' if readonly else ('rwc' if create else 'rw')}"
           f"{'&immutable=1' if readonly and immutable else ''}")
    with mapped_errors():
        conn = sqlcipher3.connect(uri, uri=True, isolation_level=None)
        # SQLCipher logs failed page HMACs to stderr; Kua reports them as one error.
        conn.execute("PRAGMA cipher_log_level = NONE")
        key = subkey(vault_key, "catalogue").hex()
        conn.execute(f"PRAGMA key = \"x'{key}'\"")
        del key
        conn.execute("PRAGMA cipher_memory_security = OFF")
        conn.execute("PRAGMA secure_delete = ON")
        conn.execute("PRAGMA temp_store = MEMORY")  # sqlite temp files would be plaintext
        conn.execute("PRAGMA foreign_keys = ON")
        conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
        if not readonly:
            conn.execute("PRAGMA journal_mode = WAL")
            conn.execute("PRAGMA synchronous = FULL")
        _migrate(conn, readonly)
    return conn


def _migrate(conn: Connection, readonly: bool) -> None:
    version = conn.execute("PRAGMA user_version").fetchone()[0]
    if version > SCHEMA_VERSION:
        raise VaultTooNew(_("this vault was made by a newer version of Kua: update Kua to open "
                            "it"))
    if version < SCHEMA_VERSION and readonly:
        raise VaultTooNew(_("this vault needs an upgrade, which cannot be done read-only"))
    for step in range(version, SCHEMA_VERSION):
        with transaction(conn):
            for statement in _statements(MIGRATIONS[step]):
                conn.execute(statement)
            conn.execute(f"PRAGMA user_version = {step + 1}")


def _statements(script: str) -> list[str]:
    """Split a migration into statements (sqlite3.complete_statement-aware)."""
    out, current = [], ""
    for line in script.splitlines(keepends=True):
        current += line
        if sqlcipher3.complete_statement(current):
            if current.strip():
                out.append(current.strip())
            current = ""
    if current.strip():
        out.append(current.strip())
    return out


@contextmanager
def transaction(conn: Connection) -> Iterator[Connection]:
    """BEGIN IMMEDIATE … COMMIT, rolled back on any exception; nests as a no-op."""
    if conn.in_transaction:
        yield conn
        return
    with mapped_errors():
        conn.execute("BEGIN IMMEDIATE")
        try:
            yield conn
        except BaseException:
            if conn.in_transaction:  # sqlite may already have rolled back (disk full)
                conn.execute("ROLLBACK")
            raise
        conn.execute("COMMIT")


def checkpoint(conn: Connection) -> None:
    """Fold the WAL into vault.db and empty it, so erased rows leave no copy behind."""
    with mapped_errors():
        conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")


def rekey(conn: Connection, vault_key: bytes) -> None:
    """Re-encrypt every page of the catalogue under `vault_key`'s catalogue subkey.

    SQLCipher's rekey is one write transaction (all pages go to the WAL, then one
    commit frame), so a crash leaves the catalogue wholly under the old key or wholly
    under the new one. The WAL is folded in first; the caller checkpoints again
    afterwards, so that the file on disk holds no page under the old key.
    """
    checkpoint(conn)
    key = subkey(vault_key, "catalogue").hex()
    with mapped_errors():
        conn.execute(f"PRAGMA rekey = \"x'{key}'\"")
    del key


@dataclass(frozen=True, slots=True)
class CatalogueHealth:
    """What SQLCipher's and SQLite's integrity checks say of the catalogue's pages."""

    pages_authentic: bool    # every page passed SQLCipher's authentication
    structure_sound: bool    # SQLite's own integrity check said "ok"


def check_integrity(conn: Connection) -> CatalogueHealth:
    """Run `PRAGMA cipher_integrity_check` and `PRAGMA integrity_check` (reads every page)."""
    with mapped_errors():
        bad_pages = conn.execute("PRAGMA cipher_integrity_check").fetchall()
        structure = conn.execute("PRAGMA integrity_check").fetchone()[0]
    return CatalogueHealth(not bad_pages, structure == "ok")
