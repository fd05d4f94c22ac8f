"""Change the vault's passphrase: a new one, typed twice, with a strength meter.

Only the keys file is rewritten (instant whatever the vault's size); the recovery key
keeps working. The vault is already open, so the current passphrase is not asked
again: someone at the unlocked laptop could read everything anyway.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (QDialog, QDialogButtonBox, QFormLayout, QLabel, QLineEdit,
                               QMessageBox, QProgressBar, QVBoxLayout, QWidget)

from app.passphrase import estimate

from .context import AppContext
from .errors import show_error
from .widgets import paragraph


class ChangePassphraseDialog(QDialog):
    """Ask for a new passphrase and set it through `ctx.op`."""

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.setWindowTitle(self.tr("Change passphrase"))
        self.setObjectName("changePassphraseDialog")
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        layout = QVBoxLayout(self)
        layout.addWidget(paragraph(self.tr(
            "Choose a new passphrase for this vault. Your recovery key keeps working. "
            "Copies already on a drive still open with the old passphrase until you sync.")))
        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        self.passphrase = QLineEdit()
        self.passphrase.setObjectName("newPassphrase")
        self.passphrase.setEchoMode(QLineEdit.EchoMode.Password)
        self.passphrase.textChanged.connect(self._update)
        form.addRow(self.tr("New passphrase"), self.passphrase)
        self.meter = QProgressBar()
        self.meter.setObjectName("strengthMeter")
        self.meter.setRange(0, 4)
        self.meter.setFormat("")
        form.addRow(self.tr("Strength"), self.meter)
        self.confirm = QLineEdit()
        self.confirm.setObjectName("confirmPassphrase")
        self.confirm.setEchoMode(QLineEdit.EchoMode.Password)
        self.confirm.textChanged.connect(self._update)
        form.addRow(self.tr("Type it again"), self.confirm)
        layout.addLayout(form)
        self.hint = QLabel()
        self.hint.setObjectName("passphraseHint")
        self.hint.setWordWrap(True)
        layout.addWidget(self.hint)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.change_button = self.buttons.addButton(self.tr("Change passphrase"),
                                                    QDialogButtonBox.ButtonRole.AcceptRole)
        self.change_button.setObjectName("changePassphrase")
        self.change_button.setDefault(True)
        self.buttons.accepted.connect(self.change)
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.buttons)
        self.setMinimumWidth(440)
        self._busy = False
        self._update()

    def _update(self) -> None:
        strength = estimate(self.passphrase.text())
        words = ["", self.tr("Weak"), self.tr("Fair"), self.tr("Good"), self.tr("Strong")]
        self.meter.setValue(strength.score)
        self.meter.setFormat(words[strength.score])
        same = self.passphrase.text() == self.confirm.text()
        if not self.passphrase.text():
            hint = self.tr("Use at least 10 characters; four or more words is best.")
        elif not strength.acceptable:
            hint = self.tr("This passphrase is too easy to guess. Make it longer.")
        elif self.confirm.text() and not same:
            hint = self.tr("The two passphrases are different.")
        else:
            hint = ""
        self.hint.setText(hint)
        self.change_button.setEnabled(not self._busy and strength.acceptable and same)

    def change(self) -> None:
        """Set the new passphrase (on the vault thread)."""
        if not self.change_button.isEnabled():
            return
        new = self.passphrase.text()
        kdf = self.ctx.kdf.params()
        self._busy = True
        self._update()
        self.change_button.setText(self.tr("Changing…"))
        (self.ctx.op(self, lambda vault: vault.change_passphrase(new, kdf))
         .success(self._changed).failure(self._failed).run())

    def _changed(self, _result: object) -> None:
        self.passphrase.clear()
        self.confirm.clear()
        box = QMessageBox(QMessageBox.Icon.Information, self.tr("Passphrase changed"),
                          self.tr("Passphrase changed. The recovery key still works."),
                          QMessageBox.StandardButton.Ok, self.parentWidget())
        box.setObjectName("passphraseChanged")
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        box.open()
        self.accept()

    def _failed(self, error: BaseException) -> None:
        self._busy = False
        self.change_button.setText(self.tr("Change passphrase"))
        self._update()
        show_error(self, error)

    def done(self, result: int) -> None:
        """Forget what was typed, whatever the outcome."""
        self.passphrase.clear()
        self.confirm.clear()
        super().done(result)
