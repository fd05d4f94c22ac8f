"""Change the vault's passphrase: a new one, typed twice, with a strength meter.

Only the keys file is rewritten (instant whatever the vault's size); the recovery key
keeps working. The vault is already open, so the current passphrase is not asked
again: someone at the unlocked laptop could read everything anyway.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (QDialog, QDialogButtonBox, QFormLayout, QMessageBox,
                               QVBoxLayout, QWidget)


from .context import AppContext
from .errors import show_error
from .new_passphrase import NewPassphrase
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
        self.fields = NewPassphrase(form, self.tr("New passphrase"), self)
        self.passphrase, self.confirm = self.fields.passphrase, self.fields.confirm
        self.meter, self.hint = self.fields.meter, self.fields.hint
        self.passphrase.setPlaceholderText("")
        self.fields.changed.connect(self._update)
        layout.addLayout(form)
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
        self.change_button.setEnabled(not self._busy and self.fields.ready)

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
        self.fields.clear()
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
        self.fields.clear()
        super().done(result)
