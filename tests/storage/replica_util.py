"""Helpers for the replica tests: items made through the storage API, drive snapshots."""

from __future__ import annotations

import hashlib
import os
from pathlib import Path

from storage.sealed import Layout
from storage.vault import Vault


def add_item(vault: Vault, data: bytes, *, layout: Layout = Layout(), title: str = "t",
             testimony: str | None = None) -> str:
    """A complete item holding `data` (a new testimony unless one is given); its id."""
    with vault.transaction():
        tid = testimony or vault.catalogue.create_testimony(title)
        ref = vault.items.create(tid, "document", layout=layout)
    writer = vault.writer(ref)
    writer.write(data)
    writer.close()
    with vault.transaction():
        vault.items.update(ref.item_id, state="complete", size=writer.size, sha256=writer.sha256)
    return ref.item_id


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


def mount(kind: str, target: Path, *options: str, source: str | None = None) -> None:
    """Mount a file system at `target` (root only); skips the test where that fails
    (fails it on CI: tests/tools.py)."""
    import subprocess

    from tests.tools import missing, require_root

    require_root(f"mounting {kind}")
    target.mkdir(parents=True, exist_ok=True)
    argv = ["mount", "-t", kind] + (["-o", ",".join(options)] if options else [])
    tried = subprocess.run(argv + [source or kind, str(target)], capture_output=True, text=True)
    if tried.returncode != 0:
        missing(f"mounting {kind} ({tried.stderr.strip()})")


def remount(target: Path, *options: str) -> None:
    """Change the options of a mounted file system (e.g. `ro`, `size=64m`)."""
    import subprocess

    subprocess.run(["mount", "-o", ",".join(("remount",) + options), str(target)], check=True)


def unmount(target: Path) -> None:
    """Unmount, lazily (nothing must be left mounted after a test)."""
    import subprocess

    subprocess.run(["umount", "-l", str(target)], check=False)
