"""Compare a replica with its vault: what a sync would change, and what lies on the drive
that no generation needs (what an interrupted sync left behind)."""

from __future__ import annotations

import hashlib
import os
from dataclasses import dataclass, replace

from storage.models import Testimony
from storage.replica.copying import ObjectJob
from storage.replica.layout import GEN, MANIFESTS, OBJECTS, generation_of
from storage.replica.reading import ReplicaVault
from storage.vault import KEYS, Vault


@dataclass(frozen=True, slots=True)
class ReplicaDiff:
    """How the replica's newest generation differs from the vault now (ids only)."""

    testimonies_only_in_vault: tuple[str, ...]
    testimonies_only_on_replica: tuple[str, ...]
    testimonies_changed: tuple[str, ...]
    items_only_in_vault: tuple[str, ...]
    items_only_on_replica: tuple[str, ...]
    items_changed: tuple[str, ...]
    keys_changed: bool          # the passphrase was changed after the sync
    stray_files: int            # files on the drive the generation does not use

    @property
    def same(self) -> bool:
        """True if a sync would change nothing but the generation number."""
        return not (self.testimonies_only_in_vault or self.testimonies_only_on_replica
                    or self.testimonies_changed or self.items_only_in_vault
                    or self.items_only_on_replica or self.items_changed or self.keys_changed)


def _testimonies(vault: Vault) -> dict[str, Testimony]:
    """Every testimony with its people and tags (items are compared on their own)."""
    return {t.id: replace(t, items=()) for t in vault.catalogue.all()}


def _split(ours: dict, theirs: dict) -> tuple[tuple[str, ...], tuple[str, ...], tuple[str, ...]]:
    only_ours = tuple(sorted(set(ours) - set(theirs)))
    only_theirs = tuple(sorted(set(theirs) - set(ours)))
    changed = tuple(sorted(k for k in set(ours) & set(theirs) if ours[k] != theirs[k]))
    return only_ours, only_theirs, changed


def _stray_files(replica: ReplicaVault) -> int:
    root = replica.path
    keep = set()
    for item in replica.items.all():
        ref = replica.items.object_ref(item.id)
        keep.update(ObjectJob.of(ref, root / OBJECTS).leaves())
    stray = 0
    for sub in os.scandir(root / OBJECTS):
        if sub.is_dir():
            stray += sum(1 for e in os.scandir(sub.path) if f"{sub.name}/{e.name}" not in keep)
    if (root / GEN).is_dir():
        stray += sum(1 for e in os.scandir(root / GEN)
                     if generation_of(e.name) != replica.generation)
    known = {GEN, OBJECTS, "lock", *MANIFESTS}
    stray += sum(1 for e in os.scandir(root) if e.name not in known)
    return stray


def compare(vault: Vault, replica: ReplicaVault) -> ReplicaDiff:
    """The differences between an open vault and its replica's newest generation."""
    t = _split(_testimonies(vault), _testimonies(replica))
    i = _split({x.id: x for x in vault.items.all()}, {x.id: x for x in replica.items.all()})
    keys = hashlib.sha256((vault.path / KEYS).read_bytes()).hexdigest()
    return ReplicaDiff(*t, *i, keys != replica.manifest.keys_sha256, _stray_files(replica))
