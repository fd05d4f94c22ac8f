"""A recovery key shown once, until "I have written it down" is ticked.

Used by the first-run screen and by the change-passphrase dialog when a new recovery
key is made: the key is only on screen, and gone from the widgets when done.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QCheckBox, QLabel, QVBoxLayout, QWidget

from ui.widgets.basics import heading, paragraph, push_button


class RecoveryKeyPanel(QWidget):
    """Heading, explanation, the key in large monospace, a tick box and Continue."""

    done = Signal()  # the user ticked the box and pressed Continue; the key is cleared

    def __init__(self, title: str, text: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        layout = QVBoxLayout(self)
        layout.addWidget(heading(title))
        layout.addWidget(paragraph(text))
        self.key_label = QLabel()
        self.key_label.setObjectName("recoveryKey")
        font = QFont("monospace")
        font.setStyleHint(QFont.StyleHint.Monospace)
        font.setPointSizeF(self.font().pointSizeF() * 1.5)
        self.key_label.setFont(font)
        self.key_label.setWordWrap(True)
        self.key_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.key_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        layout.addWidget(self.key_label)
        self.written = QCheckBox(self.tr("I have written it down"))
        self.written.setObjectName("keyWrittenDown")
        layout.addWidget(self.written)
        self.continue_button = push_button(self.tr("Continue"), "keyContinue", self._done)
        self.continue_button.setEnabled(False)
        self.written.toggled.connect(self.continue_button.setEnabled)
        layout.addWidget(self.continue_button, 0, Qt.AlignmentFlag.AlignRight)

    def show_key(self, recovery: str) -> None:
        """Put the key on screen, in two lines of four groups (easier to copy by hand)."""
        groups = recovery.split("-")
        self.key_label.setText("-".join(groups[:4]) + "-\n" + "-".join(groups[4:])
                               if len(groups) == 8 else recovery)
        self.written.setChecked(False)

    def clear(self) -> None:
        """Take the key off the screen."""
        self.key_label.clear()
        self.written.setChecked(False)

    def _done(self) -> None:
        self.clear()  # shown once: gone from memory's widgets as well
        self.done.emit()
