"""Placeholder while the dialog is written."""

from PySide6.QtWidgets import QDialog


class ExportDialog(QDialog):
    """Placeholder."""

    def __init__(self, ctx, parent, *args) -> None:
        super().__init__(parent)
        self.ctx = ctx
