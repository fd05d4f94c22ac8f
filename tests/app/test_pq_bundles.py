"""Bundles for post-quantum organizer keys through the app services: made and opened
like classic ones; never encrypted to both kinds; the wrong kind of key is told which."""

from __future__ import annotations

import pytest

from app import bundles
from app.bundle_import import import_bundle
from storage.bundles import age
from storage.bundles.age_pq import HybridIdentity
from core.errors import UsageError, WrongIdentity
from tests.app.bundle_helpers import contents, make_testimony, write_files


def test_post_quantum_key_file_bundle_round_trip(volunteer, archive, tmp_path):
    key = tmp_path / "organizer.key"
    recipient = bundles.new_organizer_identity(key, None)
    assert str(recipient).startswith("age1pq1") and recipient.post_quantum
    assert b"AGE-SECRET-KEY-PQ-1" in key.read_bytes()
    classic = bundles.new_organizer_identity(tmp_path / "classic.key", None, classic=True)
    assert not str(classic).startswith("age1pq1") and not classic.post_quantum

    tid = make_testimony(volunteer, write_files(tmp_path / "in", appeal=200_000))
    report = bundles.export_bundle(volunteer, [tid], tmp_path / "stick", [str(recipient)])
    assert report.post_quantum
    identities = bundles.load_identities(key, lambda: "")
    imported = import_bundle(archive, tmp_path / "stick", identities)
    [item] = imported.items
    assert contents(archive, item.id) == contents(volunteer, item.source_id)

    with pytest.raises(WrongIdentity, match="post-quantum organizer key .*only classic keys"):
        bundles.verify_bundle(tmp_path / "stick",
                              bundles.load_identities(tmp_path / "classic.key", lambda: ""))
    classic_bundle = bundles.export_bundle(volunteer, [tid], tmp_path / "stick2", [str(classic)])
    assert not classic_bundle.post_quantum
    with pytest.raises(WrongIdentity, match="classic organizer key .*only post-quantum keys"):
        bundles.verify_bundle(tmp_path / "stick2", identities)


def test_a_bundle_is_never_for_both_kinds(volunteer, tmp_path):
    tid = make_testimony(volunteer, write_files(tmp_path / "in", appeal=1000))
    both = [str(HybridIdentity.generate().recipient), str(age.Identity.generate().recipient)]
    with pytest.raises(UsageError, match="cannot also be encrypted to a classic one"):
        bundles.export_bundle(volunteer, [tid], tmp_path / "stick", both)
    assert not (tmp_path / "stick").exists()
