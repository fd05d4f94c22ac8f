"""No recent-folder list: a folder chosen in a file dialog is not remembered on disk."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QSettings, QTimer
from PySide6.QtWidgets import QApplication, QFileDialog

from ui.main import keep_no_trail


def test_a_chosen_folder_leaves_no_trace(qapp, tmp_path, qtbot):
    keep_no_trail()
    chosen = tmp_path / "kua-bundle-for-aigerim"
    chosen.mkdir()

    def accept() -> None:
        for widget in QApplication.topLevelWidgets():
            if isinstance(widget, QFileDialog) and widget.isVisible():
                widget.selectFile(str(chosen))
                widget.accept()

    QTimer.singleShot(200, accept)
    picked = QFileDialog.getExistingDirectory(None, "Where?", str(tmp_path))
    assert Path(picked) in (chosen, tmp_path)  # the dialog ran and returned
    settings = QSettings(QSettings.Scope.UserScope, "QtProject")
    settings.sync()
    config = tmp_path / "config"  # XDG_CONFIG_HOME of GUI tests
    written = [p for p in config.rglob("*") if p.is_file()] if config.exists() else []
    assert not any(b"kua-bundle" in p.read_bytes() for p in written), written
    assert not any("QtProject" in p.name for p in written)
    assert not Path(settings.fileName()).exists()
