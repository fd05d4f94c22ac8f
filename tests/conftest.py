"""Shared fixtures: a fast Argon2 cost, fresh vaults, an isolated temp dir."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from storage import keyslots
from storage.vault import Vault

# Tiny Argon2 cost so the suite stays quick; one test (marked real_kdf) uses the default.
FAST_KDF = keyslots.KdfParams(memory_kib=8 * 1024, iterations=1, lanes=1)
PASSPHRASE = "correct horse battery staple"
# Given to `kua init`/`passwd` so the CLI uses the same tiny cost.
FAST_KDF_ARGS = ["--kdf-memory", "8", "--kdf-iterations", "1"]


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
    v, _ = Vault.create(vault_dir, PASSPHRASE, kdf=FAST_KDF)
    yield v
    v.close()


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
