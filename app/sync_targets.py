"""Where a sync goes on a drive or in a chosen folder, and whether a replica is already there.

The sync dialog offers drives and folders; a replica lives in a folder of its own
(`<drive>/Kua replica`) so that a drive with other files on it can hold one. A drive
or folder that already is a replica (made with `kua sync --to /media/usb`) is used as
it is, and so is an empty folder someone chose on purpose.

Whether a folder holds a replica of *this* vault is read from the manifests' clear
header (the vault id), without decrypting anything; the sync itself authenticates.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Iterable

from storage.replica.layout import GEN, LOCK, MANIFESTS, OBJECTS, read_slots
from storage.vault import Vault

REPLICA_FOLDER = "Kua replica"
OURS, OTHER, NONE = "ours", "other", "none"
_REPLICA_NAMES = {LOCK, GEN, OBJECTS, *MANIFESTS}


@dataclass(frozen=True, slots=True)
class SyncTarget:
    """A place the person picked, the replica folder a sync would write, and what is there."""

    chosen: Path
    folder: Path
    state: str          # OURS: a replica of this vault; OTHER: of another vault; NONE


def _holds_replica(folder: Path) -> bool:
    """A replica, or what an interrupted first sync left (only a replica's own names)."""
    try:
        if read_slots(folder):
            return True
        names = {p.name for p in folder.iterdir()} if folder.is_dir() else set()
    except OSError:
        return False
    return LOCK in names and names <= _REPLICA_NAMES


def _is_empty(folder: Path) -> bool:
    try:
        return folder.is_dir() and not any(folder.iterdir())
    except OSError:
        return False


def replica_folder(chosen: Path, *, drive: bool) -> Path:
    """The folder a sync to `chosen` writes: `chosen` itself if it is a replica (or an
    empty folder chosen by hand), else its `Kua replica` subfolder."""
    chosen = Path(chosen)
    if _holds_replica(chosen) or (not drive and _is_empty(chosen)):
        return chosen
    return chosen / REPLICA_FOLDER


def replica_state(vault: Vault, folder: Path) -> str:
    """OURS, OTHER or NONE: whose replica the folder holds (unreadable: NONE)."""
    try:
        slots = read_slots(Path(folder))
    except OSError:
        return NONE
    if not slots:
        return NONE
    return OURS if any(s.vault_id == vault.vault_id for s in slots) else OTHER


def sync_target(vault: Vault, chosen: Path, *, drive: bool) -> SyncTarget:
    """Where a sync to a drive (or a chosen folder) goes, and what is there now."""
    folder = replica_folder(chosen, drive=drive)
    return SyncTarget(Path(chosen), folder, replica_state(vault, folder))


def sync_targets(vault: Vault, places: Iterable[tuple[Path, bool]]) -> list[SyncTarget]:
    """`sync_target` for each (path, is_drive) pair, in order."""
    return [sync_target(vault, path, drive=drive) for path, drive in places]
