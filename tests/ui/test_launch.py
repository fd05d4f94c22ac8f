"""`kua` with no command (and a display) opens the desktop app on the chosen vault."""

from __future__ import annotations

from pathlib import Path

import pytest

from app.cli.main import main


@pytest.fixture
def opened(monkeypatch):
    calls = []
    monkeypatch.setattr("ui.main.run", lambda vault_path, kdf=None, screenshot=None: calls.append(vault_path) or 0)
    monkeypatch.setenv("QT_QPA_PLATFORM", "offscreen")
    return calls


def test_no_arguments_open_the_app_on_the_default_vault(opened, tmp_path, monkeypatch):
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))
    assert main([]) == 0
    assert opened == [tmp_path / "data" / "kua" / "vault"]


def test_global_options_alone_open_the_app_on_that_vault(opened, tmp_path):
    assert main(["--vault", str(tmp_path / "v")]) == 0
    assert main(["gui", "--vault", str(tmp_path / "w")]) == 0
    assert opened == [Path(tmp_path / "v"), Path(tmp_path / "w")]
