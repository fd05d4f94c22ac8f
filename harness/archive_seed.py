"""An organizer's archive with known figures for the overview: testimonies over months,
detained people of several kinds and years, testimonies imported from two devices.

Shared by tests/app/test_overview.py, tests/ui/test_overview.py and the screenshots."""

from __future__ import annotations

from app.fields import apply_edits
from storage.bundles.device import BundleRecord
from storage.vault import Vault

FOREIGN_DEVICE = "abcd-efgh-jkmn-pqrs"
OTHER_DEVICE = "wxyz-2345-6789-abcd"

# (recorded_at, [(detention_kind, detained_on)], device or None for this vault)
TESTIMONIES = [
    ("2024-01-10", [("camp", "2017-03"), ("prison", "2018")], FOREIGN_DEVICE),
    ("2024-01-22", [("camp", "2017")], FOREIGN_DEVICE),
    ("2024-03-05", [("camp", "2018-11-02")], OTHER_DEVICE),
    ("2024-03-09", [("prison", "")], None),
    ("2024-04-30", [("", "2019")], None),
]


def seed_archive(vault: Vault) -> list[str]:
    """Fill `vault` with TESTIMONIES; their ids."""
    ids = []
    for n, (recorded, people, device) in enumerate(TESTIMONIES):
        with vault.transaction():
            tid = vault.catalogue.create_testimony(f"Appeal {n}", "public", recorded)
        edits = []
        for k, (kind, on) in enumerate(people, 1):
            edits += [f"detained.{k}.name=Person {n}.{k}", f"detained.{k}.detention_kind={kind}",
                      f"detained.{k}.detained_on={on}"]
        apply_edits(vault, tid, edits)
        if device:
            with vault.transaction():
                vault.bundle_log.record(BundleRecord(f"b{n}", "import", device, recorded,
                                                     recorded, 1, 1), [(tid, f"src{n}")])
        ids.append(tid)
    return ids
