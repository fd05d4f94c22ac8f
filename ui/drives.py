"""The drives a person could sync or export to: mounted, writable, not the system's own.

Shared by the sync and export dialogs. `list_drives()` reads `QStorageInfo` (cheap:
one statfs per mount) and returns plain frozen values, so a dialog never keeps Qt
storage objects and a test can hand it any list of volumes.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QStorageInfo

# File systems that never hold a person's drive (most are hidden by Qt already).
PSEUDO_FILE_SYSTEMS = frozenset({
    "autofs", "binfmt_misc", "bpf", "cgroup", "cgroup2", "configfs", "debugfs", "devpts",
    "devtmpfs", "efivarfs", "fusectl", "hugetlbfs", "mqueue", "nsfs", "overlay", "proc",
    "pstore", "ramfs", "rpc_pipefs", "securityfs", "squashfs", "sysfs", "tmpfs", "tracefs",
    "fuse.gvfsd-fuse", "fuse.portal", "fuse.snapfuse", "devfs", "nullfs", "zram",
})
# Mount points of the system itself (the vault's own disk is offered by "Choose a folder…").
SYSTEM_MOUNTS = frozenset({
    "/", "/boot", "/boot/efi", "/efi", "/home", "/usr", "/var", "/tmp", "/opt", "/srv",
    "/root", "/nix", "/nix/store", "/recovery",
})
SYSTEM_PREFIXES = ("/proc/", "/sys/", "/dev/", "/run/", "/snap/", "/var/", "/etc/", "/usr/",
                   "/boot/", "/mnt/sandboxing/", "/System/Volumes/", "/private/")
USER_PREFIXES = ("/run/media/",)  # removable drives on Fedora, Arch…


@dataclass(frozen=True, slots=True)
class Drive:
    """A mounted drive as the dialogs show it."""

    root: Path
    name: str
    free_bytes: int
    read_only: bool


def _is_system(root: str) -> bool:
    if root in SYSTEM_MOUNTS:
        return True
    if root.startswith(USER_PREFIXES):
        return False
    return (root + "/").startswith(SYSTEM_PREFIXES)


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
        if not root or root in seen or _is_system(root):
            continue
        if _file_system(volume) in PSEUDO_FILE_SYSTEMS:
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
