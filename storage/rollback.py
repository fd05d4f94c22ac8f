"""Noticing an older `vault.db` put back: a use counter kept in two places.

The catalogue holds a counter (`meta.counter`) and a random key of its own
(`meta.counter_key`, made once, so every copy of the catalogue has the same one).
The file `<vault>/counter` holds the same counter sealed under that key
(AES-256-GCM, random nonce: 36 bytes that look random). Every unlock raises both,
the catalogue first, so a crash leaves the catalogue ahead, never behind. An older
copy of `vault.db` (with or without its -wal) carries an older counter than the file:
`check` says so, and the vault keeps saying so (`meta.rollback`) until a person
accepts it (`kua verify --accept-older`).

What this cannot see: someone who puts back `vault.db` *and* `counter` from the same
older moment, or a copy of `vault.db` taken since the last unlock. Sealed objects
that the older catalogue does not know are still found, listed and kept (vault.py).
"""

from __future__ import annotations

import secrets
from pathlib import Path

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESGCM

from .db import Connection
from .fsio import atomic_write

COUNTER = "counter"
_AAD = b"kua vault counter v1"


def _meta(conn: Connection, key: str) -> str | None:
    row = conn.execute("SELECT value FROM meta WHERE key = ?", (key,)).fetchone()
    return row[0] if row else None


def _set_meta(conn: Connection, key: str, value: str) -> None:
    conn.execute("INSERT OR REPLACE INTO meta (key, value) VALUES (?, ?)", (key, value))


def _counter_key(conn: Connection) -> bytes:
    """The key that seals the counter file (made now in a vault that has none)."""
    found = _meta(conn, "counter_key")
    if found is None:
        found = secrets.token_hex(32)
        _set_meta(conn, "counter_key", found)
    return bytes.fromhex(found)


def read_file(path: Path, key: bytes) -> int | None:
    """The counter in `path`; None if it is missing; -1 if it does not authenticate."""
    try:
        data = Path(path).read_bytes()
    except FileNotFoundError:
        return None
    try:
        return int.from_bytes(AESGCM(key).decrypt(data[:12], data[12:], _AAD), "big")
    except (InvalidTag, ValueError):
        return -1


def seal(value: int, key: bytes) -> bytes:
    """The counter file's bytes for `value`."""
    nonce = secrets.token_bytes(12)
    return nonce + AESGCM(key).encrypt(nonce, value.to_bytes(8, "big"), _AAD)


def check_and_advance(conn: Connection, vault_dir: Path) -> str | None:
    """Compare the catalogue's counter with the file's, then raise both by one.

    Call inside a transaction that commits before the file is written (the caller
    writes `pending_file` after the commit). Returns a new finding (a sentence) or
    None; a finding is also kept in `meta.rollback` until accepted.
    """
    key = _counter_key(conn)
    ours = int(_meta(conn, "counter") or 0)
    theirs = read_file(Path(vault_dir) / COUNTER, key)
    finding = None
    if theirs is None and ours > 0:
        finding = ("the vault's counter file is missing: vault.db may be an older copy put back"
                   " (or the file was deleted)")
    elif theirs == -1:
        finding = "the vault's counter file is damaged or belongs to another copy of the vault"
    elif theirs is not None and theirs > ours:
        finding = (f"vault.db is an older copy (its use count is {ours}, the vault's {theirs}):"
                   " it was put back from an earlier copy; newer changes are not in it")
    if finding is not None and _meta(conn, "rollback") is None:
        _set_meta(conn, "rollback", finding)
    _set_meta(conn, "counter", str(max(ours, theirs or 0) + 1))
    return finding


def write_file(conn: Connection, vault_dir: Path) -> None:
    """Write the counter file to match the catalogue (after the catalogue committed)."""
    value = int(_meta(conn, "counter") or 0)
    atomic_write(Path(vault_dir) / COUNTER, seal(value, _counter_key(conn)))


def finding(conn: Connection) -> str | None:
    """The rollback found earlier and not yet accepted, if any."""
    return _meta(conn, "rollback")


def accept(conn: Connection) -> str | None:
    """Forget the finding (inside the caller's transaction); returns what it was."""
    found = _meta(conn, "rollback")
    conn.execute("DELETE FROM meta WHERE key = 'rollback'")
    return found
