"""A vault made by schema version 1 (tests/fixtures/vault-v1) still opens and verifies."""

from __future__ import annotations

import shutil
from pathlib import Path

from app import library
from tests.fixtures.make_vault_v1 import CONTENT, PASSPHRASE

from storage.vault import Vault

FIXTURE = Path(__file__).resolve().parents[1] / "fixtures" / "vault-v1"


def test_version_1_vault_opens_and_verifies(tmp_path):
    copy = tmp_path / "v1"
    shutil.copytree(FIXTURE, copy)
    with Vault.open(copy, PASSPHRASE) as vault:
        [t] = library.list_testimonies(vault)
        assert t.title == "Fixture appeal" and t.consent == "anonymous"
        assert [n.text for n in t.detained[0].names] == ["Байжанов Ерлан", "Bayzhanov Erlan"]
        assert library.search(vault, "Baizhanov")[0].id == t.id
        with vault.reader(t.items[0].id) as r:
            assert r.read() == CONTENT
        assert library.verify(vault).ok


def test_old_unpadded_objects_sync_and_restore_beside_padded_ones(tmp_path):
    from storage.replica.sync import sync
    from storage.replica.restore import restore
    from storage.sealed import is_padded
    from tests.storage.replica_util import add_item

    copy = tmp_path / "v1"
    shutil.copytree(FIXTURE, copy)
    with Vault.open(copy, PASSPHRASE) as vault:
        [old] = library.list_testimonies(vault)[0].items
        ref = vault.items.object_ref(old.id)
        assert not is_padded(vault.objects_dir, ref.object_name, ref.size, ref.layout)
        new = add_item(vault, b"new " * 5000)
        ref = vault.items.object_ref(new)
        assert is_padded(vault.objects_dir, ref.object_name, ref.size, ref.layout)
        first = sync(vault, tmp_path / "drive")
        assert first.copied_items == 2 and not first.damaged
        again = sync(vault, tmp_path / "drive")
        assert again.copied_items == 0 and again.skipped_items == 2
    restored, report = restore(tmp_path / "drive", tmp_path / "back", PASSPHRASE)
    with restored:
        assert not report.refused
        with restored.reader(old.id) as r:
            assert r.read() == CONTENT
        with restored.reader(new) as r:
            assert r.read() == b"new " * 5000
        assert library.verify(restored).ok
