"""Small real disks for the full-disk and pulled-drive tests: tmpfs and loop-mounted images.

Mounting needs root. Where it cannot be done the test is skipped, but it fails on CI
(tests/tools.py), where scripts/setup.sh runs everything as root.
"""

from __future__ import annotations

import os
import shutil
import subprocess
from contextlib import contextmanager
from pathlib import Path
from typing import Iterator

from tests.tools import missing, require_root


def try_mount(kind: str, target: Path, *options: str, source: str | None = None) -> str | None:
    """Mount a file system of `kind` at `target` (made if needed); None when mounted,
    else why not (not root, or what `mount` said)."""
    target.mkdir(parents=True, exist_ok=True)
    if os.geteuid() != 0:
        return "not root"
    argv = ["mount", "-t", kind] + (["-o", ",".join(options)] if options else [])
    tried = subprocess.run(argv + [source or kind, str(target)], capture_output=True, text=True)
    return None if tried.returncode == 0 else tried.stderr.strip()


def mount(kind: str, target: Path, *options: str, source: str | None = None) -> None:
    """Mount a file system at `target` (root only); skips the test where that fails
    (fails it on CI)."""
    require_root(f"mounting {kind}")
    why = try_mount(kind, target, *options, source=source)
    if why is not None:
        missing(f"mounting {kind} ({why})")


def remount(target: Path, *options: str) -> None:
    """Change the options of a mounted file system (e.g. `ro`, `size=64m`)."""
    subprocess.run(["mount", "-o", ",".join(("remount",) + options), str(target)], check=True)


def unmount(target: Path) -> None:
    """Unmount, lazily (nothing must be left mounted after a test)."""
    subprocess.run(["umount", "-l", str(target)], check=False)


@contextmanager
def small_tmpfs(target: Path, size: str) -> Iterator[Path]:
    """A tmpfs of `size` (e.g. "4m") mounted at `target` for the block: a real full disk.
    Skips the test where it cannot be mounted (fails it on CI)."""
    mount("tmpfs", target, f"size={size}")
    try:
        yield target
    finally:
        unmount(target)


def fill(disk: Path, leave: int) -> Path:
    """A filler file on the file system of `disk` that leaves only `leave` bytes free."""
    filler = disk / "filler"
    filler.write_bytes(b"\0" * max(0, shutil.disk_usage(disk).free - leave))
    return filler
