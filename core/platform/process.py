"""Keeping decrypted media and keys out of crash dumps and debuggers, per system.

`harden_process()` runs first in every Kua process (the command line, the app, the
transcode worker):

- POSIX: no core files (RLIMIT_CORE 0): a core file would put frames and keys on disk.
- Linux: also not dumpable (`prctl(PR_SET_DUMPABLE, 0)`): other processes of the same
  user cannot ptrace it or read its /proc/PID/mem, and no core is written either.
- macOS: also `ptrace(PT_DENY_ATTACH)`: no debugger attaches.
- Windows: no crash dialog and Windows Error Reporting dumps without the heap (where
  the frames and keys are); untested, as all of Windows.

`die_with_parent(parent_pid)` (the worker): killed when the app dies (Linux's
PR_SET_PDEATHSIG; elsewhere the worker notices its closed socket), and exits at once
if the app died before.
"""

from __future__ import annotations

import ctypes
import os
import signal
import sys

from core.platform import system

PR_SET_PDEATHSIG, PR_SET_DUMPABLE = 1, 4
PT_DENY_ATTACH = 31
SEM_FAILCRITICALERRORS, SEM_NOGPFAULTERRORBOX = 0x0001, 0x0002
WER_FAULT_REPORTING_FLAG_NOHEAP = 1


def _libc():
    return ctypes.CDLL(None, use_errno=True)


def _no_core_files() -> None:
    import resource
    try:
        resource.setrlimit(resource.RLIMIT_CORE, (0, 0))
    except (ValueError, OSError):
        pass  # a hard limit we cannot lower: it is already lower than 0 allows


def harden_process() -> list[str]:
    """Make this process's memory stay in memory; returns what was done (for tests)."""
    done = []
    if system.NAME == "windows":
        kernel32 = ctypes.WinDLL("kernel32")  # type: ignore[attr-defined]
        kernel32.SetErrorMode(SEM_FAILCRITICALERRORS | SEM_NOGPFAULTERRORBOX)
        kernel32.WerSetFlags(WER_FAULT_REPORTING_FLAG_NOHEAP)
        return ["no-crash-dialog", "wer-no-heap"]
    _no_core_files()
    done.append("no-core")
    try:
        libc = _libc()
        if system.NAME == "linux":
            if libc.prctl(PR_SET_DUMPABLE, 0, 0, 0, 0) == 0:
                done.append("not-dumpable")
        elif system.NAME == "macos":
            if libc.ptrace(PT_DENY_ATTACH, 0, 0, 0) == 0:
                done.append("deny-attach")
    except (OSError, AttributeError):
        pass  # no such call on this system: the core-size limit still holds
    return done


def die_with_parent(parent_pid: int) -> None:
    """End this process when `parent_pid` dies; exit now if it already has."""
    if system.NAME == "linux":
        try:
            _libc().prctl(PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0)
        except (OSError, AttributeError):
            pass
    if system.NAME != "windows" and os.getppid() != parent_pid:
        sys.exit(1)  # the parent died before the death signal was armed
