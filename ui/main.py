"""Start the desktop app: `kua gui`, or `kua` with no arguments."""

from __future__ import annotations

import sys
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QSettings, Qt
from PySide6.QtWidgets import QApplication

from app.session import KdfChoice

from .context import AppContext
from .fonts import add_bundled_fonts


# Qt keeps its own settings (a file dialog's recent folders, "lastVisited") in
# ~/.config/QtProject.conf. Kua keeps no such trail: Qt's settings go to a folder that
# cannot exist, so they stay in memory. Kua's own preferences are app/settings.py's file.
NOWHERE = "/proc/kua-keeps-no-qt-settings"


def keep_no_trail() -> None:
    """No recent-folder lists: Qt settings in memory only, Qt's own dialogs (not the
    desktop's, which keep their own recent lists)."""
    for fmt in (QSettings.Format.NativeFormat, QSettings.Format.IniFormat):
        QSettings.setPath(fmt, QSettings.Scope.UserScope, NOWHERE)
    QCoreApplication.setAttribute(Qt.ApplicationAttribute.AA_DontUseNativeDialogs, True)


def make_application(argv: list[str] | None = None) -> QApplication:
    """The QApplication, created once, named so nothing shows testimony content."""
    keep_no_trail()
    app = QApplication.instance() or QApplication(argv or [sys.argv[0]])
    app.setApplicationName("Kua")
    app.setApplicationDisplayName("Kua")
    app.setDesktopFileName("kua")
    add_bundled_fonts()  # a standalone build's Noto fonts (ui/fonts.py); none on Linux
    return app


def run(vault_path: Path, kdf: KdfChoice | None = None) -> int:
    """Open the main window and run until it closes; returns the exit code."""
    app = make_application()
    ctx = AppContext(vault_path, kdf=kdf)
    from .main_window import MainWindow
    window = MainWindow(ctx)
    window.resize(1280, 760)
    window.show()
    return app.exec()
