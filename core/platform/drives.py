"""Which mounted volumes are a person's drives, per system.

The app lists volumes with Qt (`QStorageInfo`, ui/runtime/drives.py); this module says which
of them are the system's own or pseudo file systems, so that only drives a replica or
a bundle could go to are offered:

- Linux: not `/`, `/boot`, `/home` and the like, nor anything under `/proc`, `/sys`,
  `/run` (but `/run/media/USER/…`, where Fedora and Arch mount USB drives), `/snap`…
- macOS: only volumes under `/Volumes/` (the system's own are under `/System/Volumes`).
- Windows: every drive letter but the system's (`%SystemDrive%`, usually C:).
"""

from __future__ import annotations

import os

from core.platform import system

# File systems that never hold a person's drive (most are hidden by Qt already).
PSEUDO_FILE_SYSTEMS = frozenset({
    "autofs", "binfmt_misc", "bpf", "cgroup", "cgroup2", "configfs", "debugfs", "devpts",
    "devtmpfs", "efivarfs", "fusectl", "hugetlbfs", "mqueue", "nsfs", "overlay", "proc",
    "pstore", "ramfs", "rpc_pipefs", "securityfs", "squashfs", "sysfs", "tmpfs", "tracefs",
    "fuse.gvfsd-fuse", "fuse.portal", "fuse.snapfuse", "devfs", "nullfs", "zram",
    "autofs_nowait", "apfs_snapshot",
})
# Mount points of the system itself (the vault's own disk is offered by "Choose a folder…").
LINUX_SYSTEM_MOUNTS = frozenset({
    "/", "/boot", "/boot/efi", "/efi", "/home", "/usr", "/var", "/tmp", "/opt", "/srv",
    "/root", "/nix", "/nix/store", "/recovery",
})
LINUX_SYSTEM_PREFIXES = ("/proc/", "/sys/", "/dev/", "/run/", "/snap/", "/var/", "/etc/",
                         "/usr/", "/boot/", "/mnt/sandboxing/")
LINUX_USER_PREFIXES = ("/run/media/",)
MACOS_USER_PREFIX = "/Volumes/"


def is_system_volume(root: str, file_system: str) -> bool:
    """True if the volume mounted at `root` is the system's own or a pseudo file system."""
    if file_system.lower() in PSEUDO_FILE_SYSTEMS:
        return True
    if system.NAME == "windows":
        system_drive = os.environ.get("SystemDrive", "C:").rstrip("\\/").upper()
        return root.rstrip("\\/").upper() == system_drive
    if system.NAME == "macos":
        return not root.startswith(MACOS_USER_PREFIX)
    if root in LINUX_SYSTEM_MOUNTS:
        return True
    if root.startswith(LINUX_USER_PREFIXES):
        return False
    return (root + "/").startswith(LINUX_SYSTEM_PREFIXES)
