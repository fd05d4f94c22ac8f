"""The drives a person could sync or export to: mounted, writable, not the system's own.

Shared by the sync and export dialogs. Which volumes are the system's own is the
platform's business (core.platform.drives). `list_drives()` reads `QStorageInfo` (cheap:
one statfs per mount) and returns plain frozen values, so a dialog never keeps Qt
storage objects and a test can hand it any list of volumes.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QStorageInfo

from core import platform

@dataclass(frozen=True, slots=True)
class Drive:
    """A mounted drive as the dialogs show it."""

    root: Path
    name: str
    free_bytes: int
    read_only: bool


def _file_system(volume: QStorageInfo) -> str:
    return bytes(volume.fileSystemType()).decode("utf-8", "replace").lower()


def list_drives(*, include_read_only: bool = False) -> list[Drive]:
    """Mounted drives a replica or a bundle could go to, sorted by name.

    Left out: volumes that are not ready or valid, the system's root and /boot (and the
    other system mount points), pseudo file systems, and read-only drives unless
    `include_read_only`.
    """
    drives: list[Drive] = []
    seen: set[str] = set()
    for volume in QStorageInfo.mountedVolumes():
        if not (volume.isValid() and volume.isReady()) or volume.isRoot():
            continue
        root = volume.rootPath()
        if not root or root in seen or platform.is_system_volume(root, _file_system(volume)):
            continue
        read_only = volume.isReadOnly()
        if read_only and not include_read_only:
            continue
        if not os.path.isdir(root):  # a bind-mounted file, not a drive
            continue
        seen.add(root)
        name = volume.displayName() or volume.name() or Path(root).name or root
        drives.append(Drive(Path(root), name, max(0, volume.bytesAvailable()), read_only))
    return sorted(drives, key=lambda d: (d.name.casefold(), str(d.root)))
