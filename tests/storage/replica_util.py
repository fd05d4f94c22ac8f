"""Helpers for the replica tests: items made through the storage API, drive snapshots."""

from __future__ import annotations

import hashlib
import os
from pathlib import Path

from harness.vaults import new_testimony, seal_item
from storage.sealed import Layout
from storage.vault import Vault


def add_item(vault: Vault, data: bytes, *, layout: Layout = Layout(), title: str = "t",
             testimony: str | None = None) -> str:
    """A complete document holding `data` (in a new testimony unless one is given); its id."""
    return seal_item(vault, testimony or new_testimony(vault, title), "document", data,
                     layout=layout)


def tree(root: Path) -> dict[str, bytes]:
    """Every file under `root` (relative path -> SHA-256), to tell whether it changed."""
    return {str(p.relative_to(root)): hashlib.sha256(p.read_bytes()).digest()
            for p in sorted(Path(root).rglob("*")) if p.is_file()}


def stamps(root: Path) -> dict[str, tuple[int, int, int]]:
    """(inode, size, mtime_ns) of every object file: which files a sync (re)wrote."""
    out = {}
    for p in (Path(root) / "objects").rglob("*"):
        if p.is_file():
            st = p.stat()
            out[str(p.relative_to(root))] = (st.st_ino, st.st_size, st.st_mtime_ns)
    return out


def object_files(vault: Vault, root: Path, item_id: str) -> list[Path]:
    """The files of an item's object on the replica at `root`."""
    return [Path(root) / p.relative_to(vault.path) for p in vault.object_files(item_id)]


def flip(path: Path, offset: int) -> None:
    """Flip one bit of a file in place."""
    with open(path, "r+b") as f:
        f.seek(offset)
        byte = f.read(1)
        f.seek(offset)
        f.write(bytes([byte[0] ^ 0x10]))
        f.flush()
        os.fsync(f.fileno())
