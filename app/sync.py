"""Sync to a trusted drive, restore from it, check it: the use cases behind `kua sync`,
`kua restore` and `kua verify --replica`, shared by the CLI and the GUI.

Sync happens only when asked. Each function takes a `progress` callback, handed a
`Progress` (bytes; the items counted in `step` of `steps`), and a `CancelToken`
(core/work.py), returns a frozen report, and raises only `KuaError` subclasses for what
a person can meet.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

from core.work import CancelToken, ProgressFn, no_progress
from storage.replica import sync as replica
from storage.replica import check as replica_check
from storage.replica import memory as replica_memory
from storage.replica import reading as replica_open
from storage.replica import restore as replica_restore
from storage.replica.sync import SyncReport
from storage.replica.check import ReplicaDiff
from storage.replica.restore import RestoreReport
from storage.vault import Vault

from app import library
from app.library import VerifyReport

__all__ = ["SyncReport", "RestoreResult", "ReplicaCheck", "sync", "restore", "verify_replica"]


def sync(vault: Vault, to_dir: Path, *, progress: ProgressFn = no_progress,
         cancel: CancelToken | None = None, accept_older: bool = False) -> SyncReport:
    """Write a new generation of the vault's replica in `to_dir` (new, empty, or a replica
    of this vault). Items whose objects are damaged in the vault are listed in
    `report.damaged` (not copied); everything else is synced. A replica older than the
    last sync to it is `ReplicaOlder` unless `accept_older`."""
    return replica.sync(vault, Path(to_dir), progress=progress, cancel=cancel,
                        accept_older=accept_older)


@dataclass(frozen=True, slots=True)
class RestoreResult:
    """A restore's report and the verification of the new vault that followed it."""

    report: RestoreReport
    verify: VerifyReport

    @property
    def ok(self) -> bool:
        """True if every item came back and the new vault verifies clean."""
        return not self.report.refused and self.verify.ok


def restore(from_dir: Path, new_dir: Path, secret: str, *, progress: ProgressFn = no_progress,
            cancel: CancelToken | None = None, actor: str = "kua",
            remembered: dict[str, int] | None = None,
            accept_older: bool = False) -> RestoreResult:
    """Rebuild a vault in `new_dir` from the replica in `from_dir`, then verify it.

    `secret` is the passphrase or the recovery key of the replica. Items damaged or
    altered on the replica are refused by id (`report.refused`); the rest is restored.
    `remembered` is what a vault that synced there remembers (`remembered_by`): a
    replica older than that is `ReplicaOlder` unless `accept_older`.
    """
    vault, report = replica_restore.restore(Path(from_dir), Path(new_dir), secret,
                                            progress=progress, cancel=cancel,
                                            actor=actor, remembered=remembered,
                                            accept_older=accept_older)
    try:
        checked = library.verify(vault, progress=progress, cancel=cancel)
    finally:
        vault.close()
    return RestoreResult(report, checked)


@dataclass(frozen=True, slots=True)
class ReplicaCheck:
    """`verify --replica`: the replica's own soundness and how it differs from the vault."""

    label: str
    generation: int
    synced_at: str
    verify: VerifyReport
    diff: ReplicaDiff
    remembered: int | None = None   # the last generation this vault wrote there, if later

    @property
    def ok(self) -> bool:
        """True if the replica is intact (it may still be behind the vault)."""
        return self.verify.ok

    @property
    def older(self) -> bool:
        """True if the replica is older than the last sync to it (replaced or rolled back)."""
        return self.remembered is not None


def verify_replica(vault: Vault, replica_dir: Path, *, progress: ProgressFn = no_progress,
                   cancel: CancelToken | None = None) -> ReplicaCheck:
    """Check every object and hash of the replica in `replica_dir` and compare it with
    the open vault; the vault's audit log records the check."""
    rv = replica_open.open_for(vault, Path(replica_dir))
    try:
        checked = library.verify(rv, progress=progress, cancel=cancel)
        diff = replica_check.compare(vault, rv)
        older = replica_memory.older_than_remembered(replica_memory.remembered_by(vault),
                                                     rv.label, rv.generation)
        result = ReplicaCheck(rv.label, rv.generation, rv.manifest.synced_at, checked, diff,
                              older)
    finally:
        rv.close()
    if not vault.read_only:  # a replica opened in place records nothing
        with vault.transaction():
            vault.audit.append("replica.verify", result.label, generation=result.generation,
                               problems=len(checked.problems))
    return result


@dataclass(frozen=True, slots=True)
class LastSync:
    """When the vault was last synced, and to which replica (its random label)."""

    at: str
    label: str
    generation: int


def last_sync(vault: Vault) -> LastSync | None:
    """The most recent successful sync recorded in the audit log (None: never synced)."""
    event = vault.audit.last("replica.sync")
    if event is None:
        return None
    try:
        generation = int(json.loads(event.details or "{}").get("generation", 0))
    except (ValueError, TypeError, AttributeError):
        generation = 0
    return LastSync(event.at, event.subject or "", generation)


def remembered_by(vault: Vault) -> dict[str, int]:
    """{replica label: last generation} this vault wrote, for checking a restore."""
    return replica_memory.remembered_by(vault)
