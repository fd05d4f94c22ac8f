"""Looking for plaintext on disk: the files under some folders, and which hold given bytes.

The no-plaintext tests of every layer put a marker into media or metadata, run an
operation, then ask these which files under the vault, TMPDIR, a drive… contain it.
"""

from __future__ import annotations

from pathlib import Path
from typing import Iterable


def files_under(*roots: Path) -> list[Path]:
    """Every regular file below `roots`."""
    return [f for root in roots for f in Path(root).rglob("*") if f.is_file()]


def files_holding(needles: Iterable[bytes], *roots: Path) -> list[Path]:
    """The files below `roots` whose bytes contain any of `needles`."""
    needles = list(needles)
    return [f for f in files_under(*roots) if any(n in f.read_bytes() for n in needles)]
