"""A new passphrase typed twice, with a strength meter and a plain hint.

Shared by the first-run screen and the change-passphrase dialog.
"""

from __future__ import annotations

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QFormLayout, QLabel, QLineEdit, QProgressBar

from app.passphrase import estimate, is_weak


class NewPassphrase(QObject):
    """Adds "passphrase / strength / type it again" rows to a form; says when it is usable."""

    changed = Signal()

    def __init__(self, form: QFormLayout, label: str, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.passphrase = QLineEdit()
        self.passphrase.setObjectName("newPassphrase")
        self.passphrase.setEchoMode(QLineEdit.EchoMode.Password)
        self.passphrase.setPlaceholderText(self.tr("Several words are easiest to remember"))
        form.addRow(label, self.passphrase)
        self.meter = QProgressBar()
        self.meter.setObjectName("strengthMeter")
        self.meter.setRange(0, 4)
        self.meter.setFormat("")
        form.addRow(self.tr("Strength"), self.meter)
        self.confirm = QLineEdit()
        self.confirm.setObjectName("confirmPassphrase")
        self.confirm.setEchoMode(QLineEdit.EchoMode.Password)
        form.addRow(self.tr("Type it again"), self.confirm)
        self.hint = QLabel()
        self.hint.setObjectName("passphraseHint")
        self.hint.setWordWrap(True)
        for edit in (self.passphrase, self.confirm):
            edit.textChanged.connect(self._update)
        self._update()

    @property
    def ready(self) -> bool:
        """Strong enough (the rule `kua init` and `kua passwd` apply) and typed the same twice."""
        return (not is_weak(self.passphrase.text())
                and self.passphrase.text() == self.confirm.text())

    def clear(self) -> None:
        """Forget both fields."""
        self.passphrase.clear()
        self.confirm.clear()

    def _update(self) -> None:
        strength = estimate(self.passphrase.text())
        words = ["", self.tr("Weak"), self.tr("Fair"), self.tr("Good"), self.tr("Strong")]
        self.meter.setValue(strength.score)
        self.meter.setFormat(words[strength.score])
        if not self.passphrase.text():
            hint = self.tr("Use at least 10 characters; four or more words is best.")
        elif is_weak(self.passphrase.text()):
            hint = self.tr("This passphrase is too easy to guess. Make it longer.")
        elif self.confirm.text() and self.confirm.text() != self.passphrase.text():
            hint = self.tr("The two passphrases are different.")
        else:
            hint = ""
        self.hint.setText(hint)
        self.changed.emit()
