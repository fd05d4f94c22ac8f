"""Vaults for tests and benchmarks: a tiny Argon2 cost, one passphrase, sealed items.

The tiny cost keeps the suite and the benchmarks' set-up quick; what measures unlocking
uses the default cost instead (storage.keyslots.DEFAULT_PASSPHRASE_KDF).
"""

from __future__ import annotations

from pathlib import Path
from typing import Iterable

from storage import keyslots
from storage.sealed import Layout
from storage.vault import Vault

FAST_KDF = keyslots.KdfParams(memory_kib=8 * 1024, iterations=1, lanes=1)
PASSPHRASE = "correct horse battery staple"
# Given to `kua init`/`passwd` so the command line uses the same tiny cost.
FAST_KDF_ARGS = ["--kdf-memory", "8", "--kdf-iterations", "1"]


def new_vault(path: Path, passphrase: str = PASSPHRASE) -> Vault:
    """A new, open vault at `path` with the fast KDF (its recovery key is not kept)."""
    vault, _ = Vault.create(path, passphrase, kdf=FAST_KDF)
    return vault


def seal_item(vault: Vault, testimony_id: str, kind: str, data: bytes | Iterable[bytes], *,
              state: str = "complete", layout: Layout = Layout(), parent: str | None = None,
              **metadata: object) -> str:
    """A new item of `testimony_id` holding `data` (bytes, or chunks of them) sealed through
    the vault's writer, then set to `state` with its size and SHA-256; its id.

    `metadata` (media_type, duration, original_name...) is stored when the item is made.
    """
    with vault.transaction():
        ref = vault.items.create(testimony_id, kind, layout=layout, parent=parent, **metadata)
    writer = vault.writer(ref)
    for chunk in ((data,) if isinstance(data, (bytes, bytearray, memoryview)) else data):
        writer.write(chunk)
    writer.close()
    with vault.transaction():
        vault.items.update(ref.item_id, state=state, size=writer.size, sha256=writer.sha256)
    return ref.item_id


def new_testimony(vault: Vault, title: str = "t", consent: str = "restricted") -> str:
    """A new, empty testimony; its id."""
    with vault.transaction():
        return vault.catalogue.create_testimony(title, consent)
