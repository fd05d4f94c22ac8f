"""Start the desktop app: `kua gui`, or `kua` with no arguments."""

from __future__ import annotations

import sys
from pathlib import Path

from PySide6.QtCore import (QCoreApplication, QMessageLogContext, QSettings, Qt, QtMsgType,
                            QTimer, qInstallMessageHandler)
from PySide6.QtWidgets import QApplication

from app import exception_hooks
from app.session import KdfChoice

from ui.runtime.context import AppContext
from ui.runtime.fonts import add_bundled_fonts


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


def _qt_message(kind: QtMsgType, context: QMessageLogContext, message: str) -> None:
    """Qt's warnings can quote what Qt was handed (a file's tags, a window's text): only
    a fatal one is mentioned, without its words, unless KUA_DEBUG=1."""
    if exception_hooks.debugging():
        print(f"qt: {message}", file=sys.stderr, flush=True)
    elif kind == QtMsgType.QtFatalMsg:
        print("kua: the Qt library stopped with a fatal error", file=sys.stderr, flush=True)


def quiet_errors() -> None:
    """Unhandled exceptions (slots, threads) and Qt's messages print no message text."""
    exception_hooks.install()
    qInstallMessageHandler(_qt_message)


def make_application(argv: list[str] | None = None) -> QApplication:
    """The QApplication, created once, named so nothing shows testimony content."""
    keep_no_trail()
    app = QApplication.instance() or QApplication(argv or [sys.argv[0]])
    app.setApplicationName("Kua")
    app.setApplicationDisplayName("Kua")
    app.setDesktopFileName("kua")
    add_bundled_fonts()  # a standalone build's Noto fonts (ui/runtime/fonts.py); none on Linux
    return app


SCREENSHOT_AFTER_MS = 1500


def run(vault_path: Path, kdf: KdfChoice | None = None, screenshot: str | None = None) -> int:
    """Open the main window and run until it closes; returns the exit code.

    With `screenshot`, the window's first screen is saved as that PNG and the app quits
    (`kua gui --screenshot FILE`: proves that a build finds its Qt plugins and fonts)."""
    quiet_errors()
    app = make_application()
    ctx = AppContext(vault_path, kdf=kdf)
    from ui.main_window import MainWindow
    window = MainWindow(ctx)
    window.resize(1280, 760)
    window.show()
    if screenshot:
        def save() -> None:
            saved = window.grab().save(screenshot, "PNG")
            app.exit(0 if saved else 1)
        QTimer.singleShot(SCREENSHOT_AFTER_MS, save)
    return app.exec()
