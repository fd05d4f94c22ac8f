"""Change the vault's passphrase: a new one, typed twice, with a strength meter.

The vault gets a new key and its catalogue is re-keyed (storage/rekey.py), so an old
copy of the keys file opens nothing current. The recovery key keeps working unless
"Also make a new recovery key" is ticked: then the new key is shown once, as on the
first run, and the old one stops working. The vault is already open, so the current
passphrase is not asked again: someone at the unlocked laptop could read everything
anyway.
"""

from __future__ import annotations

from PySide6.QtWidgets import (QCheckBox, QDialogButtonBox, QMessageBox, QStackedWidget,
                               QVBoxLayout, QWidget)

from ui.runtime.context import AppContext
from ui.runtime.errors import show_error
from ui.widgets.new_passphrase import NewPassphrase
from ui.widgets.recovery_key import RecoveryKeyPanel
from ui.widgets.basics import form_layout, paragraph
from ui.widgets.dialog import Dialog, show_message


class ChangePassphraseDialog(Dialog):
    """Ask for a new passphrase and set it through `ctx.op`; show a new recovery key once."""

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent, "changePassphraseDialog")
        self.ctx = ctx
        self.setWindowTitle(self.tr("Change passphrase"))
        self.pages = QStackedWidget()
        self.column.addWidget(self.pages)
        form_page = QWidget()
        layout = QVBoxLayout(form_page)
        layout.addWidget(paragraph(self.tr(
            "Choose a new passphrase for this vault. The vault gets a new key, so an old copy "
            "of its keys file no longer opens it. Copies already on a drive still open with "
            "the old passphrase until you sync.")))
        form = form_layout()
        self.fields = NewPassphrase(form, self.tr("New passphrase"), self)
        self.passphrase, self.confirm = self.fields.passphrase, self.fields.confirm
        self.meter, self.hint = self.fields.meter, self.fields.hint
        self.passphrase.setPlaceholderText("")
        self.fields.changed.connect(self._update)
        layout.addLayout(form)
        layout.addWidget(self.hint)
        self.new_recovery = QCheckBox(self.tr("Also make a new recovery key"))
        self.new_recovery.setObjectName("newRecoveryKey")
        layout.addWidget(self.new_recovery)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.change_button = self.buttons.addButton(self.tr("Change passphrase"),
                                                    QDialogButtonBox.ButtonRole.AcceptRole)
        self.change_button.setObjectName("changePassphrase")
        self.change_button.setDefault(True)
        self.buttons.accepted.connect(self.change)
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.buttons)
        self.pages.addWidget(form_page)
        self.key_panel = RecoveryKeyPanel(self.tr("Your new recovery key"), self.tr(
            "The old recovery key no longer opens the vault. Write this one on paper and keep "
            "it away from this computer. It is shown only this once."))
        self.key_panel.done.connect(self.accept)
        self.pages.addWidget(self.key_panel)
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
        fresh = self.new_recovery.isChecked()
        self._busy = True
        self._update()
        self.new_recovery.setEnabled(False)
        self.change_button.setText(self.tr("Changing…"))
        (self.ctx.op(self, lambda vault: vault.change_passphrase(new, kdf,
                                                                 new_recovery_key=fresh))
         .success(self._changed).failure(self._failed).run())

    def _changed(self, recovery: str | None) -> None:
        self.fields.clear()
        if recovery:  # shown once, like the first run's; Continue closes the dialog
            self.key_panel.show_key(recovery)
            self.pages.setCurrentWidget(self.key_panel)
            return
        show_message(self.parentWidget(), QMessageBox.Icon.Information,
                     self.tr("Passphrase changed"),
                     self.tr("Passphrase changed. The recovery key still works."),
                     "passphraseChanged")
        self.accept()

    def _failed(self, error: BaseException) -> None:
        self._busy = False
        self.change_button.setText(self.tr("Change passphrase"))
        self.new_recovery.setEnabled(True)
        self._update()
        show_error(self, error)

    def done(self, result: int) -> None:
        """Forget what was typed and any key on screen, whatever the outcome."""
        self.fields.clear()
        self.key_panel.clear()
        super().done(result)
