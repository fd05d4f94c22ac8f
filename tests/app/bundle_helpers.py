"""Shared by the bundle tests: vaults with testimonies, an organizer, a snapshot of a vault."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

from app import library
from harness.vaults import seal_item
from storage.bundles import age
from storage.vault import Vault


def write_files(folder: Path, **sizes: int) -> list[Path]:
    """Files of random bytes, named by keyword, of the given sizes."""
    folder.mkdir(parents=True, exist_ok=True)
    out = []
    for name, size in sizes.items():
        path = folder / f"{name}.bin"
        path.write_bytes(os.urandom(size))
        out.append(path)
    return out


def make_testimony(vault: Vault, files: list[Path], title: str = "Appeal", consent: str = "public",
              detained: list[str] = (), chinese_id: str = "") -> str:
    """A testimony holding `files`, with a detained person named `detained` (spellings)."""
    tid = library.add_files(vault, files, title=title, consent=consent).testimony_id
    if detained or chinese_id:
        with vault.transaction():
            pid = vault.catalogue.add_person(tid, "detained")
            vault.catalogue.set_names(pid, list(detained))
            if chinese_id:
                vault.catalogue.update_person(pid, chinese_id=chinese_id)
    return tid


@dataclass(frozen=True, slots=True)
class Organizer:
    """An organizer's identity and its recipient."""

    identity: age.Identity

    @property
    def recipient(self) -> str:
        """The recipient, as text (age1…)."""
        return str(self.identity.recipient)


def organizer() -> Organizer:
    """A new organizer identity."""
    return Organizer(age.Identity.generate())


def snapshot(vault: Vault) -> tuple:
    """What must not change when an import fails: catalogue contents and object files."""
    listing = library.list_testimonies(vault)
    objects = sorted(str(p.relative_to(vault.path)) for p in vault.objects_dir.rglob("*")
                     if p.is_file())
    meta = vault.conn.execute("SELECT key FROM meta WHERE key LIKE 'unfinished-import:%'").fetchall()
    bundles = vault.conn.execute("SELECT count(*) FROM bundles").fetchone()[0]
    return listing, objects, meta, bundles


def sealed_item(vault: Vault, tid: str, kind: str, data: bytes) -> str:
    """A complete item of `kind` holding `data`, child of the testimony's first item."""
    master = vault.catalogue.get(tid).items[0].id
    return seal_item(vault, tid, kind, data, parent=master)


def contents(vault: Vault, item_id: str) -> bytes:
    """The plaintext of an item."""
    with vault.reader(item_id) as reader:
        return reader.read()
