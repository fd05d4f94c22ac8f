"""core.platform's data and settings folders are the ones Qt's QStandardPaths names."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QStandardPaths

from core import platform


def test_folders_match_qstandardpaths(monkeypatch, tmp_path, qapp):
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "config"))
    for kind, ours in ((QStandardPaths.StandardLocation.GenericDataLocation, platform.data_dir()),
                       (QStandardPaths.StandardLocation.GenericConfigLocation, platform.config_dir())):
        assert Path(QStandardPaths.writableLocation(kind)) / "kua" == ours
    assert platform.data_dir() == tmp_path / "data" / "kua"
