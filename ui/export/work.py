"""What the export dialog runs on the vault thread: the export (its size estimate is
app/export_estimate.py).

The export goes into a new folder inside the chosen drive or folder; if it fails or is
stopped, that folder is removed again (the service itself removes every part it wrote).
"""

from __future__ import annotations

from pathlib import Path

from app import bundles
from app.bundles import ConsentChoice, ExportReport
from app.session import Vault

from ui.export import target as export_target
from ui.runtime.ops import Work


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
