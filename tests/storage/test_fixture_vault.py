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
