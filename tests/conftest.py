"""Shared fixtures: a fast Argon2 cost, fresh vaults, an isolated environment.

The constants and helpers behind them (FAST_KDF, PASSPHRASE, new_vault, seal_item) live in
harness/vaults.py, which the benchmarks use too.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from harness.vaults import FAST_KDF, PASSPHRASE, new_vault
from storage import keyslots
from storage.vault import Vault


@pytest.fixture
def fast_kdf(monkeypatch: pytest.MonkeyPatch) -> keyslots.KdfParams:
    """Make the default passphrase cost tiny for this test."""
    monkeypatch.setattr(keyslots, "DEFAULT_PASSPHRASE_KDF", FAST_KDF)
    return FAST_KDF


@pytest.fixture
def vault_dir(tmp_path: Path) -> Path:
    """A path for a new vault."""
    return tmp_path / "vault"


@pytest.fixture
def vault(vault_dir: Path) -> Vault:
    """A new, open vault with the fast KDF; closed after the test."""
    with new_vault(vault_dir) as v:
        yield v


@pytest.fixture
def recovery_vault(vault_dir: Path) -> tuple[Path, str]:
    """A closed vault and its recovery key."""
    v, recovery = Vault.create(vault_dir, PASSPHRASE, kdf=FAST_KDF)
    v.close()
    return vault_dir, recovery


@pytest.fixture(autouse=True)
def _isolated_env(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Keep KUA_* settings of the developer's shell out of the tests."""
    for name in list(os.environ):
        if name.startswith("KUA_"):
            monkeypatch.delenv(name)
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "xdg"))
    monkeypatch.setenv("LANGUAGE", "en")  # messages in English whatever the shell's LANG
