"""Talking to the drive that holds a replica: errors, the lock, durable writes.

A pulled USB drive shows up as EIO, ENOENT (its folder is gone) or ENODEV; a
write-protected one as EROFS or EACCES; a full one as ENOSPC. `drive_errors` turns
each into a one-line `KuaError` so that a sync stops at once instead of carrying on
somewhere else. Folders on the drive are never created with `parents=True`: if the
replica's folder disappears, a sync fails rather than recreating it on the mount
point.
"""

from __future__ import annotations

import errno
import os
from contextlib import contextmanager
from pathlib import Path
from typing import Iterator

from core import platform
from core.i18n import _

from core.errors import (DriveError, DriveFull, DriveReadOnly, DriveRemoved, KuaError,
                     ReplicaInUse)
from storage.fsio import write_all
from storage.replica.layout import LOCK

_FULL = {errno.ENOSPC, errno.EDQUOT, errno.EFBIG}
_READ_ONLY = {errno.EROFS, errno.EACCES, errno.EPERM}
_REMOVED = {errno.EIO, errno.ENOENT, errno.ENODEV, errno.ENXIO, errno.ESTALE,
            errno.ENOTCONN, errno.ENOMEDIUM, errno.EREMOTEIO, errno.ENOTDIR, errno.EBADF}


def drive_error(exc: OSError, root: Path) -> KuaError:
    """The Kua error for an OS error met on the drive of the replica at `root`."""
    if exc.errno in _FULL:
        return DriveFull()
    if exc.errno in _READ_ONLY:
        return DriveReadOnly(root)
    if exc.errno in _REMOVED:
        return DriveRemoved(errno.errorcode.get(exc.errno or 0, ""))
    return DriveError(_("the drive failed: {value}").format(value=exc.strerror or exc))


@contextmanager
def drive_errors(root: Path) -> Iterator[None]:
    """Turn OS errors raised inside the block into DriveFull/ReadOnly/Removed/Error."""
    try:
        yield
    except OSError as exc:
        raise drive_error(exc, root) from None


def lock(root: Path, exclusive: bool) -> int:
    """Hold the replica's lock: exclusive for a sync, shared for a reader; returns the fd.

    A reader of a replica without a lock file (a read-only copy) locks its folder.
    File systems without flock (some network shares) are used unlocked.
    """
    root = Path(root)
    if exclusive:
        with drive_errors(root):
            fd = os.open(root / LOCK, os.O_RDWR | os.O_CREAT, 0o600)
    else:
        try:
            fd = os.open(root / LOCK, os.O_RDONLY)
        except OSError:
            fd = os.open(root, os.O_RDONLY | getattr(os, "O_DIRECTORY", 0))
    try:
        platform.lock(fd, exclusive)
    except BlockingIOError:
        os.close(fd)
        raise ReplicaInUse() from None
    except platform.LocksUnsupported:
        pass
    except OSError as exc:
        os.close(fd)
        raise drive_error(exc, root) from None
    return fd


def write_file(path: Path, data: bytes) -> None:
    """Write a whole file on the drive and make its bytes durable (no rename)."""
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    try:
        write_all(fd, data)
        os.fsync(fd)
    finally:
        os.close(fd)


def sync_dir(path: Path) -> None:
    """fsync a folder on the drive (file systems that cannot are left to their own)."""
    try:
        platform.fsync_dir(path)
    except OSError as exc:
        if exc.errno != errno.EINVAL:
            raise


def same_folder(root: Path, lock_fd: int) -> bool:
    """True if the lock file we hold is still the one in `root` (the drive is still there)."""
    try:
        here = os.stat(Path(root) / LOCK)
    except OSError:
        return False
    held = os.fstat(lock_fd)
    return (here.st_dev, here.st_ino) == (held.st_dev, held.st_ino)
