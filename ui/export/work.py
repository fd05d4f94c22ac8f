"""What the export dialog runs on the vault thread: the size of a choice, and the export.

The export goes into a new folder inside the chosen drive or folder; if it fails or is
stopped, that folder is removed again (the service itself removes every part it wrote).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from app import bundles
from app.bundles import ConsentChoice, ExportReport
from app.session import Vault
from storage.bundles.tarstream import RECORD
from storage.padding import padded_stream_length

from ui.export import target as export_target
from ui.runtime.ops import Work

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
    """Runs on the vault thread: the sizes of what `ids` would export."""
    testimonies, items, notes = bundles.select_for_export(vault, ids, include, consent)
    return Estimate(len(testimonies), len(items), sum(i.size for i in items), tuple(notes))


def run_export(vault: Vault, work: Work, ids: list[str], base: Path, recipient: str, *,
               split_size: int, include: str, consent: ConsentChoice) -> ExportReport:
    """Runs on the vault thread: export into a new folder in `base`, removed on failure."""
    folder = export_target.new_bundle_folder(base)
    existed = folder.exists()
    try:
        return bundles.export_bundle(vault, ids, folder, [recipient], split_size=split_size,
                                     include=include, consent=consent, progress=work.progress,
                                     cancel=work.token)
    except BaseException:
        if not existed:
            try:
                folder.rmdir()  # only if empty: the service removed its parts
            except OSError:
                pass
        raise
