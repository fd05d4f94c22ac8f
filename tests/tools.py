"""System tools and rights some tests need (`age`, `mkfs.ext4`, root for mounts).

Where one is missing the test is skipped, but not on CI (`CI=true`): a CI machine is
set up by scripts/setup.sh, which installs the tools or stops, and runs as root, so a
missing one there is a broken machine and the test fails instead of passing unseen.
"""

from __future__ import annotations

import os
import shutil
from typing import NoReturn

import pytest


def on_ci() -> bool:
    """True on a CI machine (the CI variable that CI services and .ci/run set)."""
    return os.environ.get("CI", "").strip().lower() in ("true", "1", "yes")


def missing(what: str) -> NoReturn:
    """Skip the test for lack of `what`, or fail it on CI."""
    if on_ci():
        pytest.fail(f"{what}: missing on CI, where scripts/setup.sh provides it", pytrace=False)
    pytest.skip(f"{what}: not available here")


def require_tool(name: str) -> str:
    """The path of command `name`; skips (fails on CI) when it is not on PATH."""
    path = shutil.which(name)
    if path is None:
        missing(f"the `{name}` command")
    return path


def require_root(why: str) -> None:
    """Skips (fails on CI) unless running as root, which `why` needs."""
    if os.geteuid() != 0:
        missing(f"root, for {why}")
