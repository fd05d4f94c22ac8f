"""Bundles are padded to Padmé buckets: two exports whose media differ by a few KiB have
the same size on the stick, and both still import."""

from __future__ import annotations

from app import bundles
from app.bundle_import import import_bundle
from harness.vaults import new_vault
from tests.app.bundle_helpers import make_testimony, organizer, write_files


def _stick_bytes(folder) -> int:
    return sum(p.stat().st_size for p in folder.glob("bundle-*.age"))


def test_bundles_of_nearby_sizes_have_one_size(tmp_path):
    org = organizer()
    volunteer, archive = new_vault(tmp_path / "v"), new_vault(tmp_path / "a")
    try:
        sizes = {}
        for size in (700_000, 703_000, 709_000):
            files = write_files(tmp_path / f"in{size}", appeal=size)
            tid = make_testimony(volunteer, files, title="Appeal")
            report = bundles.export_bundle(volunteer, [tid], tmp_path / f"stick{size}",
                                           [org.recipient])
            sizes[size] = _stick_bytes(tmp_path / f"stick{size}")
            assert report.encrypted_bytes == sizes[size]
            imported = import_bundle(archive, tmp_path / f"stick{size}", [org.identity])
            assert not imported.nothing_new
        assert len(set(sizes.values())) == 1
        assert all(size < on_stick < size * 1.12 for size, on_stick in sizes.items())
    finally:
        volunteer.close()
        archive.close()
