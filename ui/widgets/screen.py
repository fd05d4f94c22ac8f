"""The base of every screen in the main window's stack."""

from __future__ import annotations

from PySide6.QtWidgets import QWidget

from ui.runtime.context import AppContext


class Screen(QWidget):
    """A page of the workspace: it can be shown, cleared at lock, and asked if busy."""

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx

    def activate(self) -> None:
        """Called each time the screen is shown; load what it displays."""

    def clear(self) -> None:
        """Called at lock: forget every piece of vault data this screen holds."""

    def busy_reason(self) -> str | None:
        """Why quitting now would interrupt something (None: it would not)."""
        return None
