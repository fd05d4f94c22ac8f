"""The replica format: a vault's copy on a trusted drive, in generations.

    <replica>/
      manifest.0, manifest.1   the commit pointers: generation g is written to slot g % 2
      lock                     flock'ed by a sync (exclusive) or a reader (shared)
      gen/<g>.keys             the vault's keys file as of generation g (12 decimal digits)
      gen/<g>.db               the catalogue at generation g: an SQLCipher snapshot made
                               with SQLite's backup API, under the vault's catalogue key
      objects/ab/ab12…[.N]     sealed objects, byte for byte as in the vault

A sync writes the objects (data), then `gen/<g>.db` and `gen/<g>.keys` (index), then
the manifest of generation g into the older slot (pointer), each made durable before
the next; only then are the files of other generations and of deleted items removed.
Rename is not atomic on FAT/exFAT, so nothing is committed by renaming: a manifest is
overwritten in place, and a torn one fails authentication, leaving the other slot, and
the generation it names, intact.

A manifest is `vault id (16 bytes) | generation (8, big-endian) | nonce (12) |
ChaCha20-Poly1305(JSON body)` under HKDF(vault key, "replica manifest"), with the first
24 bytes as associated data. The vault id is in the clear so that a replica of another
vault can be refused by name; the body names the generation's files with their SHA-256.
Every name is lower case ASCII digits, letters, dots: safe on FAT32, exFAT and NTFS.
"""

from __future__ import annotations

import hashlib
import json
import os
import secrets
import struct
from dataclasses import asdict, dataclass
from pathlib import Path

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import ChaCha20Poly1305

from core.i18n import _
from storage import db, ids
from core.errors import VaultTooNew

FORMAT = 1
MANIFESTS = ("manifest.0", "manifest.1")
LOCK, GEN, OBJECTS = "lock", "gen", "objects"
_HEADER = struct.Struct(">16sQ")
_NONCE = 12
_MAX_MANIFEST = 1024 * 1024


def gen_files(generation: int) -> tuple[str, str]:
    """The catalogue snapshot and keys file of a generation, relative to the replica."""
    stem = f"{GEN}/{generation:012d}"
    return f"{stem}.db", f"{stem}.keys"


def generation_of(file_name: str) -> int | None:
    """The generation a file in gen/ belongs to, or None for anything else."""
    stem = file_name.split(".")[0]
    return int(stem) if len(stem) == 12 and stem.isdigit() else None


def new_label() -> str:
    """A random label for a new replica (shown to people and kept in the audit log)."""
    return "r" + "".join(secrets.choice(ids.ALPHABET) for _unused in range(7))


def is_replica(path: Path) -> bool:
    """True if `path` looks like a replica folder (a manifest and an objects folder)."""
    path = Path(path)
    return any((path / m).is_file() for m in MANIFESTS) and (path / OBJECTS).is_dir()


@dataclass(frozen=True, slots=True)
class Manifest:
    """One committed generation of a replica."""

    vault_id: str
    generation: int
    label: str
    synced_at: str
    catalogue_file: str
    catalogue_size: int
    catalogue_sha256: str
    keys_file: str
    keys_sha256: str
    items: int
    object_files: int
    object_bytes: int
    format: int = FORMAT

    @property
    def slot(self) -> int:
        return self.generation % 2


@dataclass(frozen=True, slots=True)
class Slot:
    """What a manifest file says before it is authenticated."""

    index: int
    vault_id: str
    generation: int
    data: bytes


def _key(vault_key: bytes) -> ChaCha20Poly1305:
    return ChaCha20Poly1305(db.subkey(vault_key, "replica manifest"))


def encode(manifest: Manifest, vault_key: bytes) -> bytes:
    """The bytes of a manifest file, authenticated and encrypted under the vault key."""
    header = _HEADER.pack(bytes.fromhex(manifest.vault_id), manifest.generation)
    nonce = os.urandom(_NONCE)
    body = json.dumps(asdict(manifest), sort_keys=True).encode()
    return header + nonce + _key(vault_key).encrypt(nonce, body, header)


def read_slots(root: Path) -> list[Slot]:
    """The manifest files present whose header can be read (not yet authenticated)."""
    slots = []
    for index, name in enumerate(MANIFESTS):
        try:
            with open(Path(root) / name, "rb") as f:
                data = f.read(_MAX_MANIFEST + 1)
        except FileNotFoundError:
            continue
        if _HEADER.size + _NONCE + 16 <= len(data) <= _MAX_MANIFEST:
            raw_id, generation = _HEADER.unpack_from(data)
            slots.append(Slot(index, raw_id.hex(), generation, data))
    return slots


def decode(slot: Slot, vault_key: bytes) -> Manifest | None:
    """The manifest in a slot if it authenticates under this vault key, else None.

    A replica written by a newer Kua raises `VaultTooNew`.
    """
    header, nonce = slot.data[:_HEADER.size], slot.data[_HEADER.size:_HEADER.size + _NONCE]
    try:
        body = _key(vault_key).decrypt(nonce, slot.data[_HEADER.size + _NONCE:], header)
        fields = json.loads(body)
    except (InvalidTag, ValueError):
        return None
    if fields.get("format", 0) > FORMAT:
        raise VaultTooNew(_("this replica was made by a newer version of Kua: update Kua to "
                            "open it"))
    try:
        manifest = Manifest(**fields)
    except TypeError:
        return None
    if (manifest.vault_id, manifest.generation, slot.index) != (slot.vault_id, slot.generation,
                                                                manifest.slot):
        return None
    return manifest


def valid_manifests(root: Path, vault_key: bytes) -> list[Manifest]:
    """Every manifest that authenticates under the vault key, newest first."""
    found = [m for s in read_slots(root) if (m := decode(s, vault_key)) is not None]
    return sorted(found, key=lambda m: m.generation, reverse=True)


def file_digest(path: Path) -> tuple[int, str]:
    """Size and SHA-256 of a file."""
    digest = hashlib.sha256()
    size = 0
    with open(path, "rb", buffering=0) as f:
        while chunk := f.read(1024 * 1024):
            digest.update(chunk)
            size += len(chunk)
    return size, digest.hexdigest()
