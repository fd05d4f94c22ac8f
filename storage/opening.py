"""Opening a folder that holds either a vault or a replica: the one door app/ unlocks by.

A vault (storage/vault.py) opens read-write and locked; a replica on a trusted drive
(storage/replica/reading.py) opens read-only, in place, as a `ReplicaVault`, so that
`kua --vault DRIVE list` checks a drive on any machine. This module is the only one
that knows both, so neither has to import the other.
"""

from __future__ import annotations

from pathlib import Path

from storage.replica.layout import is_replica
from storage.replica.reading import open_replica
from storage.vault import Vault, is_vault


def open_vault_or_replica(path: Path, secret: str, *, actor: str = "kua") -> Vault:
    """Unlock the vault in `path` with its passphrase or recovery key, or open the
    replica there read-only (a `ReplicaVault`); `NotAVault` if it holds neither."""
    path = Path(path)
    if path.is_dir() and not is_vault(path) and is_replica(path):
        return open_replica(path, secret, actor=actor)
    return Vault.open(path, secret, actor=actor)
