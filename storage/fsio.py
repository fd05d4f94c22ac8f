"""Durable file operations: the one atomic-write helper and fsync of folders.

Every file Kua writes outside SQLite goes through `atomic_write` (borg's `SaveFile`,
Electrum's atomic write): a temp name in the same folder, write, fsync, rename over
the target, fsync the folder. A crash leaves either the old or the new file, never a
mix. Disk-full errors become `DiskFull` with nothing half-written left behind.
"""

from __future__ import annotations

import errno
import os
import secrets
from contextlib import contextmanager
from pathlib import Path
from typing import Iterator

from core import platform

from core.errors import DiskFull

_FULL_ERRNOS = {errno.ENOSPC, errno.EDQUOT, errno.EFBIG}


def is_disk_full(exc: BaseException) -> bool:
    """True if `exc` is an OS error meaning 'no room to write'."""
    return isinstance(exc, OSError) and exc.errno in _FULL_ERRNOS


@contextmanager
def disk_full_as_error(message: str | None = None) -> Iterator[None]:
    """Turn ENOSPC/EDQUOT/EFBIG raised inside the block into `DiskFull`."""
    try:
        yield
    except OSError as exc:
        if is_disk_full(exc):
            raise (DiskFull(message) if message else DiskFull()) from None
        raise


def fsync_dir(path: Path) -> None:
    """Make a rename or a new file in folder `path` durable (core.platform.fsync_dir)."""
    platform.fsync_dir(path)


def write_all(fd: int, data: bytes | memoryview) -> None:
    """Write every byte of `data` to `fd` (os.write may write less than asked)."""
    view = memoryview(data)
    while view:
        written = os.write(fd, view)
        view = view[written:]


def atomic_write(path: Path, data: bytes, mode: int = 0o600) -> None:
    """Replace `path` with `data` atomically and durably.

    The temp file lives in the same folder (rename is atomic only within one file
    system) and is removed if anything fails, so a full disk leaves the old file.
    """
    path = Path(path)
    tmp = path.with_name(f".{path.name}.{secrets.token_hex(4)}.tmp")
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, mode)
    try:
        with disk_full_as_error():
            try:
                write_all(fd, data)
                os.fsync(fd)
            finally:
                os.close(fd)
            platform.replace(tmp, path)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
    fsync_dir(path.parent)


def is_empty_dir(path: Path) -> bool:
    """True if `path` is an existing folder with nothing in it."""
    return path.is_dir() and not any(path.iterdir())
