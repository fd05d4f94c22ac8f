"""core.platform.files: the lock, directory fsync and atomic replace, on each system.

Linux runs for real; the Windows branches run against fakes of msvcrt and kernel32
(`LockFileEx`), with `system.NAME` set to "windows".
"""

from __future__ import annotations

import errno
import os
from types import SimpleNamespace

import pytest

from core import platform
from core.platform import files, system


def _open(path):
    return os.open(path, os.O_RDWR | os.O_CREAT, 0o600)


def test_system_names():
    assert [system._detect(p) for p in ("linux", "win32", "cygwin", "darwin", "freebsd14")] == \
        ["linux", "windows", "linux", "macos", "linux"]  # Cygwin is POSIX


def test_posix_lock_excludes_a_second_holder_and_shares_readers(tmp_path):
    lock_file = tmp_path / "lock"
    a, b = _open(lock_file), _open(lock_file)
    try:
        platform.lock(a, exclusive=True)
        with pytest.raises(BlockingIOError):
            platform.lock(b, exclusive=False)
        os.close(a)
        a = _open(lock_file)
        platform.lock(a, exclusive=False)
        platform.lock(b, exclusive=False)   # two readers at once
    finally:
        os.close(a)
        os.close(b)


def test_posix_file_system_without_locks(monkeypatch, tmp_path):
    import fcntl

    def no_locks(fd, op):
        raise OSError(errno.ENOLCK, "No locks available")
    monkeypatch.setattr(fcntl, "flock", no_locks)
    fd = _open(tmp_path / "lock")
    try:
        with pytest.raises(platform.LocksUnsupported):
            platform.lock(fd)
    finally:
        os.close(fd)


class FakeKernel32:
    def __init__(self, result: int, error: int = 0) -> None:
        self.result, self.error, self.calls = result, error, []

    def LockFileEx(self, handle, flags, reserved, low, high, overlapped):  # noqa: N802
        self.calls.append((handle, flags, low, high))
        return self.result


def _fake_windows(monkeypatch, kernel32):
    monkeypatch.setattr(system, "NAME", "windows")
    fake_ctypes = SimpleNamespace(byref=lambda o: o, get_last_error=lambda: kernel32.error)
    msvcrt = SimpleNamespace(get_osfhandle=lambda fd: 1000 + fd)
    monkeypatch.setattr(files, "_windows_api", lambda: (msvcrt, kernel32, object, fake_ctypes))


@pytest.mark.parametrize("exclusive, flags", [(True, 0x3), (False, 0x1)])
def test_windows_lock_asks_lockfileex_without_waiting(monkeypatch, exclusive, flags):
    kernel32 = FakeKernel32(result=1)
    _fake_windows(monkeypatch, kernel32)
    platform.lock(7, exclusive)
    assert kernel32.calls == [(1007, flags, 1, 0)]


@pytest.mark.parametrize("error, raised", [(33, BlockingIOError), (1, platform.LocksUnsupported)])
def test_windows_lock_held_elsewhere_or_unsupported(monkeypatch, error, raised):
    _fake_windows(monkeypatch, FakeKernel32(result=0, error=error))
    with pytest.raises(raised):
        platform.lock(7)


def test_fsync_dir_posix_and_windows(monkeypatch, tmp_path):
    platform.fsync_dir(tmp_path)
    with pytest.raises(FileNotFoundError):
        platform.fsync_dir(tmp_path / "gone")
    monkeypatch.setattr(system, "NAME", "windows")
    synced = []
    monkeypatch.setattr(os, "fsync", synced.append)
    platform.fsync_dir(tmp_path / "gone")  # Windows cannot open a folder: nothing to do
    assert synced == []


def _flaky_replace(monkeypatch, failures: int) -> list:
    calls, real = [], os.replace

    def replace(src, dst):
        calls.append(src)
        if len(calls) <= failures:
            raise PermissionError(errno.EACCES, "held by another process")
        real(src, dst)
    monkeypatch.setattr(os, "replace", replace)
    monkeypatch.setattr(files, "REPLACE_PAUSE", 0)
    return calls


def test_replace_on_windows_waits_out_a_held_target(monkeypatch, tmp_path):
    (tmp_path / "new").write_text("new")
    (tmp_path / "old").write_text("old")
    monkeypatch.setattr(system, "NAME", "windows")
    calls = _flaky_replace(monkeypatch, failures=3)
    platform.replace(tmp_path / "new", tmp_path / "old")
    assert len(calls) == 4 and (tmp_path / "old").read_text() == "new"


def test_replace_gives_up_on_windows_and_at_once_on_posix(monkeypatch, tmp_path):
    (tmp_path / "new").write_text("new")
    calls = _flaky_replace(monkeypatch, failures=100)
    with pytest.raises(PermissionError):
        platform.replace(tmp_path / "new", tmp_path / "old")
    assert len(calls) == 1
    monkeypatch.setattr(system, "NAME", "windows")
    with pytest.raises(PermissionError):
        platform.replace(tmp_path / "new", tmp_path / "old")
    assert len(calls) == 1 + files.REPLACE_TRIES
    assert (tmp_path / "new").read_text() == "new"
