"""Locks, durable folders and atomic renames, per system.

- `lock(fd, exclusive)`: a non-blocking advisory lock on an open file, held until the
  fd is closed: `flock` on POSIX, `LockFileEx` on Windows (msvcrt's `locking` has no
  shared mode). Raises `BlockingIOError` when another process holds it, and
  `LocksUnsupported` (an OSError) on file systems without locks.
- `fsync_dir(path)`: make a rename or a new file in a folder durable. Windows cannot
  open a folder for that (NTFS makes the rename durable with the file), so it is a no-op.
- `replace(src, dst)`: `os.replace`; on Windows a file held open for a moment (a virus
  scanner, the indexer) makes it fail with a permission error, so it is tried again.
"""

from __future__ import annotations

import errno
import os
import time

from core.platform import system

_NO_LOCKS = {errno.ENOLCK, errno.EOPNOTSUPP, errno.ENOSYS, errno.EINVAL}
_WIN_LOCK_VIOLATION, _WIN_IO_PENDING = 33, 997
_WIN_FAIL_IMMEDIATELY, _WIN_EXCLUSIVE = 0x1, 0x2
REPLACE_TRIES, REPLACE_PAUSE = 10, 0.05


class LocksUnsupported(OSError):
    """The file system has no locks (some network shares): the caller decides."""


def lock(fd: int, exclusive: bool = True) -> None:
    """Lock the open file `fd` without waiting (released when the fd is closed)."""
    if system.NAME == "windows":
        _lock_windows(fd, exclusive)
        return
    import fcntl
    try:
        fcntl.flock(fd, (fcntl.LOCK_EX if exclusive else fcntl.LOCK_SH) | fcntl.LOCK_NB)
    except BlockingIOError:
        raise
    except OSError as exc:
        if exc.errno in _NO_LOCKS:
            raise LocksUnsupported(exc.errno, exc.strerror) from None
        raise


def _windows_api():  # pragma: no cover - replaced by fakes in tests on Linux
    import ctypes
    import msvcrt
    from ctypes import wintypes

    class Overlapped(ctypes.Structure):
        _fields_ = [("Internal", ctypes.c_void_p), ("InternalHigh", ctypes.c_void_p),
                    ("Offset", wintypes.DWORD), ("OffsetHigh", wintypes.DWORD),
                    ("hEvent", wintypes.HANDLE)]

    kernel32 = ctypes.WinDLL("kernel32", use_last_error=True)
    return msvcrt, kernel32, Overlapped, ctypes


def _lock_windows(fd: int, exclusive: bool) -> None:
    msvcrt, kernel32, overlapped_type, ctypes = _windows_api()
    handle = msvcrt.get_osfhandle(fd)
    flags = _WIN_FAIL_IMMEDIATELY | (_WIN_EXCLUSIVE if exclusive else 0)
    overlapped = overlapped_type()
    if kernel32.LockFileEx(handle, flags, 0, 1, 0, ctypes.byref(overlapped)):  # byte 0
        return
    error = ctypes.get_last_error()
    if error in (_WIN_LOCK_VIOLATION, _WIN_IO_PENDING):
        raise BlockingIOError(errno.EAGAIN, "locked by another process")
    raise LocksUnsupported(errno.ENOLCK, f"LockFileEx failed ({error})")


def fsync_dir(path: os.PathLike | str) -> None:
    """Make a rename or a new file in folder `path` durable (nothing to do on Windows)."""
    if system.NAME == "windows":
        return
    fd = os.open(path, os.O_RDONLY | getattr(os, "O_DIRECTORY", 0))
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def replace(src: os.PathLike | str, dst: os.PathLike | str) -> None:
    """Rename `src` over `dst` atomically (retried briefly on Windows while `dst` is held)."""
    if system.NAME != "windows":
        os.replace(src, dst)
        return
    for attempt in range(REPLACE_TRIES):
        try:
            os.replace(src, dst)
            return
        except PermissionError:
            if attempt == REPLACE_TRIES - 1:
                raise
            time.sleep(REPLACE_PAUSE)
