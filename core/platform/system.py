"""Which operating system this is: the one place Kua asks.

`NAME` is "linux", "windows" or "macos" (any other POSIX system counts as "linux":
the BSDs and Cygwin have the calls Kua uses). Every function of `core.platform` reads it at
call time, so a test can set it to drive each system's branch with fakes.
"""

from __future__ import annotations

import sys


def _detect(platform: str) -> str:
    if platform == "win32":
        return "windows"
    if platform == "darwin":
        return "macos"
    return "linux"


NAME = _detect(sys.platform)
