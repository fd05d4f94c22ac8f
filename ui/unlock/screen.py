"""The lock screen: a passphrase (or the recovery key) opens the vault."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QLineEdit, QVBoxLayout, QWidget

from app.session import Vault, open_vault
from core.errors import VaultInUse, WrongPassphrase

from ui.runtime.context import AppContext
from ui.runtime.errors import show_error
from ui.widgets.basics import centered_card, heading, note, paragraph, push_button


class UnlockScreen(QWidget):
    """Asks for the passphrase; says so in place when it is wrong, keeping the focus."""

    unlocked = Signal()

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        body = QWidget()
        layout = QVBoxLayout(body)
        layout.addWidget(heading(self.tr("Kua is locked")))
        layout.addWidget(paragraph(self.tr("Type your passphrase to open your testimonies.")))
        self.passphrase = QLineEdit()
        self.passphrase.setObjectName("passphrase")
        self.passphrase.setEchoMode(QLineEdit.EchoMode.Password)
        self.passphrase.setPlaceholderText(self.tr("Passphrase or recovery key"))
        self.passphrase.returnPressed.connect(self.unlock)
        layout.addWidget(self.passphrase)
        self.message = note("unlockMessage", problem=True)
        layout.addWidget(self.message)
        self.button = push_button(self.tr("Unlock"), "unlockButton", self.unlock, default=True)
        layout.addWidget(self.button, 0, Qt.AlignmentFlag.AlignRight)
        outer = QVBoxLayout(self)
        outer.addWidget(centered_card(body, 480))

    def showEvent(self, event) -> None:  # noqa: N802 (Qt's name)
        """Put the cursor in the passphrase field each time the screen appears."""
        super().showEvent(event)
        self.passphrase.setFocus()

    def unlock(self) -> None:
        """Open the vault off the GUI thread with what was typed."""
        secret = self.passphrase.text()
        if not secret or not self.button.isEnabled():
            return
        path = self.ctx.vault_path
        self.button.setEnabled(False)
        self.button.setText(self.tr("Unlocking…"))
        self.message.clear()

        def opener() -> Vault:
            return open_vault(path, secret, actor="kua-gui")  # also recovers crashed work

        (self.ctx.op(self, self.ctx.executor.open_with(opener))
         .success(lambda _: self._opened()).failure(self._failed).run())

    def _opened(self) -> None:
        self._reset_button()
        self.passphrase.clear()
        self.unlocked.emit()

    def _failed(self, error: BaseException) -> None:
        self._reset_button()
        if isinstance(error, (WrongPassphrase, VaultInUse)):
            self.message.setText(str(error))
            self.passphrase.selectAll()
            self.passphrase.setFocus()
        else:
            show_error(self, error)

    def _reset_button(self) -> None:
        self.button.setEnabled(True)
        self.button.setText(self.tr("Unlock"))

    def clear(self) -> None:
        """Forget what was typed and any message."""
        self.passphrase.clear()
        self.message.clear()
