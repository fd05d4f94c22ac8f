"""Fixtures of the app tests: a volunteer's vault and an organizer's archive (fast KDF)."""

from __future__ import annotations

import pytest

from harness.vaults import new_vault


@pytest.fixture
def volunteer(tmp_path):
    """A new, empty vault: the volunteer's laptop."""
    vault = new_vault(tmp_path / "volunteer")
    yield vault
    vault.close()


@pytest.fixture
def archive(tmp_path):
    """A new, empty vault: the organizer's archive."""
    vault = new_vault(tmp_path / "archive")
    yield vault
    vault.close()
