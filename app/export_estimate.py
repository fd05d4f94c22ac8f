"""How big an export of a choice would be, before it is made: what the export dialog shows
and checks against the free space of the drive."""

from __future__ import annotations

from dataclasses import dataclass

from storage.bundles.tarstream import RECORD
from storage.padding import padded_stream_length
from storage.vault import Vault

from app import bundles
from app.bundles import ConsentChoice

MiB = 1024 ** 2


@dataclass(frozen=True, slots=True)
class Estimate:
    """What an export of the current choice would hold."""

    testimonies: int
    items: int
    media_bytes: int
    notes: tuple[str, ...]

    @property
    def bytes_needed(self) -> int:
        """Media and the manifest, padded to their size bucket, plus the encryption's
        overhead (as export_bundle writes them)."""
        padded = padded_stream_length(self.media_bytes + MiB, RECORD)
        return padded + padded // 4096 + MiB


def estimate(vault: Vault, ids: list[str], include: str, consent: ConsentChoice) -> Estimate:
    """The sizes of what `ids` would export with these choices (reads the catalogue only)."""
    testimonies, items, notes = bundles.select_for_export(vault, ids, include, consent)
    return Estimate(len(testimonies), len(items), sum(i.size for i in items), tuple(notes))
