"""Consent words that agree: restricted means "only the organizers may see it", so it goes
into bundles (for organizers only) by default and stays out of copies for publication."""

from __future__ import annotations

import pytest

from app import bundles, library
from app.testimony_editing import load_for_editing
from core.errors import RefusedByConsent
from harness.vaults import new_vault
from tests.app.bundle_helpers import make_testimony, organizer, sealed_item, write_files


def test_restricted_goes_to_organizers_but_not_into_publication_copies(tmp_path):
    vault = new_vault(tmp_path / "v")
    try:
        tid = make_testimony(vault, write_files(tmp_path / "in", appeal=5000), consent="restricted")
        share = sealed_item(vault, tid, "share", b"share copy")
        report = bundles.export_bundle(vault, [tid], tmp_path / "stick", [organizer().recipient],
                                       include="all")
        assert set(report.items) == {i.id for i in vault.catalogue.get(tid).items}
        with pytest.raises(RefusedByConsent, match=f"item {share} is a share copy and testimony"
                                                   f" {tid} has restricted consent.*--force"):
            library.extract(vault, share, tmp_path / "out.mp4")
        assert not (tmp_path / "out.mp4").exists()
        assert load_for_editing(vault, tid).refused == {share}
        library.extract(vault, share, tmp_path / "out.mp4", force=True)
        assert (tmp_path / "out.mp4").read_bytes() == b"share copy"
        original = vault.catalogue.get(tid).items[0].id
        library.extract(vault, original, tmp_path / "original.bin")  # a deliberate copy
        forced = vault.conn.execute("SELECT details FROM audit WHERE action = 'item.extract'"
                                    " AND subject = ?", (share,)).fetchone()[0]
        assert '"forced":true' in forced
    finally:
        vault.close()
