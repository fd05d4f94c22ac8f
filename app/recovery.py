"""What happens at unlock to work a crash left unfinished.

Unfinished imports are erased by the vault itself (storage/vault.py). Recordings cut
by `kill -9` or power loss (state `recording`) are kept: their sealed object is ended
at its last whole segment, its plaintext re-hashed and probed, and the item marked
`recovered`. Nothing already written is discarded.
"""

from __future__ import annotations

import hashlib

from storage.sealed import seal_as_final
from storage.vault import Vault

from media.probe import probe

from .library import erase_unfinished_imports

_CHUNK = 1024 * 1024


def sha256_of(reader) -> str:
    """SHA-256 of everything a reader yields from its start."""
    reader.seek(0)
    digest = hashlib.sha256()
    while chunk := reader.read(_CHUNK):
        digest.update(chunk)
    return digest.hexdigest()


def recover_interrupted(vault: Vault) -> list[str]:
    """Recover every item left in state `recording`; returns their ids.

    Imports cut short are not recovered but erased, testimony and all (an import is
    all or nothing, and its files are still where they were).
    """
    erase_unfinished_imports(vault)
    recovered = []
    for item in vault.items.in_state("recording"):
        ref = vault.items.object_ref(item.id)
        size = seal_as_final(vault.objects_dir, ref.object_name, ref.key, ref.item_id, ref.layout)
        with vault.reader(item.id) as reader:
            sha = sha256_of(reader)
            info = probe(reader)
        with vault.transaction():
            vault.items.update(item.id, state="recovered", size=size, sha256=sha,
                               duration=info.duration, codec=info.codec,
                               media_type=info.media_type)
            vault.audit.append("item.recover", item.id, size=size)
        recovered.append(item.id)
    return recovered
