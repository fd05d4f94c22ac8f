"""A passphrase change makes a new vault key and re-keys the catalogue, crash-safe.

Changing only the keys file (as LUKS does) would leave an old `keys` file and the old
passphrase opening the current catalogue forever, and a recovery key that can never
be revoked. So `change` draws a new vault key and moves everything the vault key
protects onto it: the catalogue (SQLCipher rekey; per-item keys, the device key and
the settings live inside it and follow), and the keys file. Replica manifests are
sealed under the key of the sync that wrote them; the old vault keys are kept inside
the re-keyed catalogue ("retired"), so this vault still recognises and replaces its
older replicas, while someone holding only an old key opens nothing current.

Commit order (each step durable before the next):

    1. catalogue, old key:  pending record (digest of the new keys file, and the new
                            recovery public key); the old vault key joins the retired
    2. keys.pending         the new keys file, written atomically beside `keys`
    3. PRAGMA rekey         the catalogue under the new key, in one transaction
    4. rename keys.pending -> keys
    5. catalogue, new key:  the pending record becomes current; audit `vault.passwd`

On open, `unlock` tries `keys` and then `keys.pending` with the secret; the one whose
vault key opens the catalogue wins, and `settle` finishes or undoes the change:

    opened by keys.pending   the re-key happened: steps 4-5 (old passphrase refused)
    opened by keys = pending the rename happened: step 5
    opened by keys = current the re-key did not happen: keys.pending and the record go

So after `kill -9` at any point the old passphrase (before step 3 commits) or the new
one (after) opens the vault; the other is told which one to use.
"""

from __future__ import annotations

import hashlib
import json
import os
from dataclasses import dataclass
from pathlib import Path
from typing import Callable, Protocol

from core.i18n import _

from storage import db, keyslots
from core.errors import KeysReplayed, VaultCorrupt, WrongPassphrase
from storage.audit import AuditLog
from storage.fsio import atomic_write, fsync_dir

KEYS, PENDING, DB = "keys", "keys.pending", "vault.db"
STEPS = ("recorded", "written", "rekeyed", "switched", "committed")

# Called with each step's name once that step is durable: tests kill the process
# there (tests/storage/test_rekey.py). Does nothing otherwise.
step_done: Callable[[str], None] = lambda step: None


class KeyedVault(Protocol):
    """What a passphrase change needs of an open vault (`storage.vault.Vault` has it)."""

    path: Path
    conn: db.Connection
    audit: AuditLog
    _key: bytes

    def _meta(self, key: str) -> str | None: ...

    def _set_meta(self, key: str, value: str) -> None: ...


@dataclass(frozen=True, slots=True)
class Unlocked:
    """The keys file that opened the catalogue, its vault key and the connection."""

    keys: bytes
    vault_key: bytes
    conn: db.Connection
    from_pending: bool


def _digest(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def unlock(path: Path, secret: str) -> Unlocked:
    """Open the catalogue with the keys file (or pending keys file) that `secret` opens.

    Raises `WrongPassphrase` when no keys file opens (naming the passphrase to use when
    a change was cut short), `KeysReplayed` when one opens but not the catalogue.
    """
    path = Path(path)
    keys = (path / KEYS).read_bytes()
    try:
        pending: bytes | None = (path / PENDING).read_bytes()
    except FileNotFoundError:
        pending = None
    refused = []
    for data, from_pending in ((keys, False), (pending, True)):
        if data is None:
            continue
        try:
            vault_key = keyslots.unlock(data, secret)
        except WrongPassphrase:
            continue
        except VaultCorrupt:
            if from_pending:  # written atomically, so not expected; it is not the vault's
                continue
            raise
        try:
            conn = db.connect(path / DB, vault_key)
        except VaultCorrupt:
            refused.append(from_pending)
            continue
        return Unlocked(data, vault_key, conn, from_pending)
    if refused and pending is not None:
        if refused == [True]:
            raise WrongPassphrase(_("a passphrase change was cut short: open the vault with the"
                                    " old passphrase (or the recovery key) to finish it"))
        raise WrongPassphrase(_("a passphrase change was cut short: open the vault with the"
                                " new passphrase (or the recovery key) to finish it"))
    if refused:
        raise KeysReplayed(_("the vault's catalogue (vault.db) does not open with its keys"
                             " file: keys is an old copy (replaced after a passphrase change),"
                             " or vault.db is damaged"))
    raise WrongPassphrase()


def settle(vault: KeyedVault, opened: Unlocked) -> None:
    """Finish or undo a passphrase change cut short; refuse a keys file put back."""
    for leftover in vault.path.glob(f".{PENDING}.*.tmp"):  # killed inside atomic_write
        leftover.unlink()
    digest = _digest(opened.keys)
    pending = vault._meta("keys_sha256_pending")
    if opened.from_pending:
        if digest != pending:
            raise KeysReplayed(_("the vault's keys.pending file does not belong to its"
                                 " catalogue"))
        _switch(vault.path)
        _commit(vault, digest)
    elif digest == pending:
        _commit(vault, digest)
    elif digest == vault._meta("keys_sha256"):
        if pending is not None or (vault.path / PENDING).exists():
            _roll_back(vault)
    else:
        raise KeysReplayed(_("the vault's keys file is an old copy (replaced after a"
                             " passphrase change): restore the current keys file"))


def change(vault: KeyedVault, new_passphrase: str, kdf: keyslots.KdfParams,
           new_recovery_key: bool = False) -> str | None:
    """Give the vault a new key, `new_passphrase` and (if asked) a new recovery key.

    Returns the new recovery key, or None when the old one was carried over (which
    needs a recovery slot of keyslots v2: `RecoveryKeyTooOld` otherwise, before
    anything is written).
    """
    old_keys = (vault.path / KEYS).read_bytes()
    new_key = keyslots.new_vault_key()
    recovery = None
    if new_recovery_key:
        recovery = keyslots.new_recovery_key()
        made = keyslots.issue(new_passphrase, new_key, recovery, kdf)
        new_keys, public = made.data, made.recovery_public
    else:
        known = vault._meta("recovery_public_key")
        public = bytes.fromhex(known) if known else None
        new_keys = keyslots.rewrap(old_keys, new_key, new_passphrase, public, kdf)
    with db.transaction(vault.conn):
        vault._set_meta("keys_sha256_pending", _digest(new_keys))
        vault._set_meta("recovery_public_key_pending", public.hex())  # type: ignore[union-attr]
        retired = _retired(vault)
        if vault._key not in retired:
            vault._set_meta("retired_vault_keys", json.dumps([k.hex() for k in
                                                              (*retired, vault._key)]))
    step_done("recorded")
    atomic_write(vault.path / PENDING, new_keys)
    step_done("written")
    db.rekey(vault.conn, new_key)
    vault._key = new_key
    db.checkpoint(vault.conn)
    step_done("rekeyed")
    _switch(vault.path)
    step_done("switched")
    _commit(vault, _digest(new_keys))
    step_done("committed")
    return recovery


def _retired(vault: KeyedVault) -> list[bytes]:
    return [bytes.fromhex(k) for k in json.loads(vault._meta("retired_vault_keys") or "[]")]


def known_keys(vault: KeyedVault) -> list[bytes]:
    """The vault key, then the keys it had before (newest first), for older replicas."""
    return [vault._key, *[k for k in reversed(_retired(vault)) if k != vault._key]]


def _switch(path: Path) -> None:
    os.replace(path / PENDING, path / KEYS)
    fsync_dir(path)


def _commit(vault: KeyedVault, digest: str) -> None:
    with db.transaction(vault.conn):
        vault._set_meta("keys_sha256", digest)
        public = vault._meta("recovery_public_key_pending")
        if public:
            vault._set_meta("recovery_public_key", public)
        vault.conn.execute("DELETE FROM meta WHERE key IN ('keys_sha256_pending',"
                           " 'recovery_public_key_pending')")
        vault.audit.append("vault.passwd")


def _roll_back(vault: KeyedVault) -> None:
    (vault.path / PENDING).unlink(missing_ok=True)
    fsync_dir(vault.path)
    with db.transaction(vault.conn):
        vault.conn.execute("DELETE FROM meta WHERE key IN ('keys_sha256_pending',"
                           " 'recovery_public_key_pending')")
