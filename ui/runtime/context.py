"""What every screen shares: the vault executor, preferences, and app-wide signals.

Screens never talk to each other directly; they emit a request here (open this
testimony, play this item, record for this testimony) and the main window routes it.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any, Callable

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QApplication, QWidget

from app.session import KdfChoice
from app.settings import Preferences, load_preferences, save_preferences

from ui.runtime.executor import VaultExecutor
from ui.runtime.ops import Op
from ui.runtime.translator import set_language


class AppContext(QObject):
    """Shared state of one running Kua window."""

    catalogue_changed = Signal(str)   # a testimony id, or "" when many may have changed
    jobs_changed = Signal()
    open_testimony = Signal(str)
    play_item = Signal(str)
    record_into = Signal(str)         # a testimony id, or "" for a new testimony
    show_library = Signal()
    preferences_changed = Signal()
    unlocked = Signal()
    locked = Signal()

    def __init__(self, vault_path: Path, *, kdf: KdfChoice | None = None,
                 prefs_path: Path | None = None) -> None:
        super().__init__()
        self.vault_path = vault_path
        self.kdf = kdf or KdfChoice()
        self._prefs_path = prefs_path
        self.prefs: Preferences = load_preferences(prefs_path)
        self.executor = VaultExecutor()
        self.is_unlocked = False
        self.recording_active = False   # set by the recorder; postpones auto-lock
        app = QApplication.instance()
        if app is not None:  # widgets translate as they are built: the language comes first
            set_language(app, self.prefs.language)

    def op(self, parent: QWidget | None, fn: Callable[..., Any], *, long: bool = False) -> Op:
        """A background operation on the vault thread (see ui/runtime/ops.py)."""
        return Op(self.executor, parent, fn, long=long)

    def set_preferences(self, prefs: Preferences) -> None:
        """Save new preferences and tell the screens; a new language applies at once."""
        language_changed = prefs.language != self.prefs.language
        self.prefs = prefs
        save_preferences(prefs, self._prefs_path)
        if language_changed:
            app = QApplication.instance()
            if app is not None:
                set_language(app, prefs.language)
        self.preferences_changed.emit()
