"""Noticing an older `vault.db` put back: the audit log's length, kept outside it too.

Every change of substance appends to the catalogue's hash-chained audit log, so its
last sequence number only grows. The file `<vault>/counter` holds that number as it
was at the last unlock or close, sealed (AES-256-GCM, random nonce: 36 bytes that look random)
under a random key kept in the catalogue (`meta.counter_key`, made once, so every copy
of the catalogue has it, and a passphrase change does not touch it). An older copy of
`vault.db` (with or without its -wal) ends its log before the number in the file:
`check` says so, and the vault keeps saying so (`meta.rollback`) until a person
accepts it (`kua verify --accept-older`). The file is rewritten only when the number
changed, so a plain unlock writes nothing.

What this cannot see: someone who puts back `vault.db` *and* `counter` from the same
older moment, or a copy of `vault.db` taken while the vault was open, since its unlock. Sealed objects
that the older catalogue does not know are still found, listed and kept (vault.py).
"""

from __future__ import annotations

import secrets
from pathlib import Path

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESGCM

from core.i18n import _

from storage.db import Connection
from core.errors import DiskFull
from storage.fsio import atomic_write

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


def _audit_length(conn: Connection) -> int:
    row = conn.execute("SELECT max(seq) FROM audit").fetchone()
    return int(row[0] or 0)


def check(conn: Connection, vault_dir: Path) -> str | None:
    """Compare the audit log's length with the counter file; returns a new finding (a
    sentence) or None. A finding is also kept in `meta.rollback` until accepted.

    Call inside a transaction, then `write_file` after it committed.
    """
    key = _counter_key(conn)
    ours = _audit_length(conn)
    theirs = read_file(Path(vault_dir) / COUNTER, key)
    finding = None
    if theirs is None and _meta(conn, "counter_written") is not None:
        finding = "missing"
    elif theirs == -1:
        finding = "damaged"
    elif theirs is not None and theirs > ours:
        finding = f"older {ours} {theirs}"
    if finding is not None and _meta(conn, "rollback") is None:
        _set_meta(conn, "rollback", finding)
    if _meta(conn, "counter_written") is None:
        _set_meta(conn, "counter_written", "1")
    return _sentence(finding)


def _sentence(finding: str | None) -> str | None:
    """A finding as kept in `meta.rollback` (a code, so that it is said in the language
    of whoever reads it) as a sentence; a sentence kept by an earlier Kua as it is."""
    if finding is None:
        return None
    if finding == "missing":
        return _("the vault's counter file is missing: vault.db may be an older copy put back"
                 " (or the file was deleted)")
    if finding == "damaged":
        return _("the vault's counter file is damaged or belongs to another copy of the vault")
    words = finding.split(" ")
    if len(words) == 3 and words[0] == "older" and words[1].isdigit() and words[2].isdigit():
        return _("vault.db is an older copy (its audit log ends at event {ours}, the vault had"
                 " reached event {theirs}): newer changes are not in it").format(
                     ours=int(words[1]), theirs=int(words[2]))
    return finding


def write_file(conn: Connection, vault_dir: Path) -> None:
    """Make the counter file hold the audit log's length (written only if it differs).

    A full disk leaves the older number in place: the check then only sees less, it
    never sees a rollback that is not there.
    """
    for unfinished in Path(vault_dir).glob(f".{COUNTER}.*.tmp"):  # a write a kill cut short
        unfinished.unlink(missing_ok=True)
    key = _counter_key(conn)
    value = _audit_length(conn)
    path = Path(vault_dir) / COUNTER
    if read_file(path, key) == value:
        return
    try:
        atomic_write(path, seal(value, key))
    except DiskFull:
        pass


def finding(conn: Connection) -> str | None:
    """The rollback found earlier and not yet accepted, if any (a sentence)."""
    return _sentence(_meta(conn, "rollback"))


def accept(conn: Connection) -> str | None:
    """Forget the finding (inside the caller's transaction); returns what it was."""
    found = _meta(conn, "rollback")
    conn.execute("DELETE FROM meta WHERE key = 'rollback'")
    return _sentence(found)
