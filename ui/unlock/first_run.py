"""First run: choose where the vault lives and its passphrase, then show the recovery key once."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (QFileDialog, QHBoxLayout, QLabel, QLineEdit, QPushButton,
                               QStackedWidget, QVBoxLayout, QWidget)

from app.session import Vault, create_vault

from ui.runtime.context import AppContext
from ui.runtime.errors import show_error
from ui.widgets.language_choice import LANGUAGE_WORD, LanguageChoice
from ui.widgets.new_passphrase import NewPassphrase
from ui.widgets.recovery_key import RecoveryKeyPanel
from ui.widgets.basics import (STRETCH, button_row, centered_card, form_layout, heading,
                                paragraph, push_button)


class FirstRunScreen(QStackedWidget):
    """Create a vault, then show its recovery key until the user confirms writing it down."""

    finished = Signal()  # the vault is created, open, and the key was acknowledged

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self._build_create_page()
        self._build_key_page()

    # -- page 1: create ------------------------------------------------------

    def _build_create_page(self) -> None:
        body = QWidget()
        layout = QVBoxLayout(body)
        # The language comes first (the system's is chosen): the rest follows it at once.
        self.language = LanguageChoice(self.ctx)
        layout.addLayout(button_row(QLabel(LANGUAGE_WORD), self.language, STRETCH))
        layout.addWidget(heading(self.tr("Welcome to Kua")))
        layout.addWidget(paragraph(self.tr(
            "Kua keeps the testimonies you record in an encrypted vault on this computer. "
            "Choose a passphrase you will remember: without it, nobody can open the vault, "
            "not even you.")))
        form = form_layout()
        self.folder = QLineEdit(str(self.ctx.vault_path))
        self.folder.setObjectName("vaultFolder")
        choose = QPushButton(self.tr("Change…"))
        choose.clicked.connect(self._choose_folder)
        row = QHBoxLayout()
        row.addWidget(self.folder, 1)
        row.addWidget(choose)
        form.addRow(self.tr("Vault folder"), row)
        self.fields = NewPassphrase(form, self.tr("Passphrase"), self)
        self.passphrase, self.confirm = self.fields.passphrase, self.fields.confirm
        self.meter, self.hint = self.fields.meter, self.fields.hint
        self.hint.setObjectName("createHint")
        self.confirm.returnPressed.connect(self._create)
        self.fields.changed.connect(self._update)
        layout.addLayout(form)
        layout.addWidget(self.hint)
        self.create_button = push_button(self.tr("Create the vault"), "createVault", self._create,
                                         default=True)
        layout.addWidget(self.create_button, 0, Qt.AlignmentFlag.AlignRight)
        self.addWidget(centered_card(body))
        self._update()

    def _choose_folder(self) -> None:
        folder = QFileDialog.getExistingDirectory(self, self.tr("Where should the vault live?"),
                                                  str(Path(self.folder.text()).parent))
        if folder:
            self.folder.setText(str(Path(folder) / "kua-vault"))

    def _update(self) -> None:
        self.create_button.setEnabled(self.fields.ready and bool(self.folder.text()))

    def _create(self) -> None:
        if not self.create_button.isEnabled():
            return
        path = Path(self.folder.text()).expanduser()
        passphrase = self.passphrase.text()
        kdf = self.ctx.kdf.params()
        made: dict[str, str] = {}

        def opener() -> Vault:
            vault, made["recovery"] = create_vault(path, passphrase, kdf, actor="kua-gui")
            return vault

        self.create_button.setEnabled(False)
        self.create_button.setText(self.tr("Creating…"))
        self.ctx.vault_path = path
        (self.ctx.op(self, self.ctx.executor.open_with(opener))
         .success(lambda _: self._show_key(made["recovery"]))
         .failure(self._failed).run())

    def _failed(self, error: BaseException) -> None:
        self.create_button.setText(self.tr("Create the vault"))
        self._update()
        show_error(self, error)

    # -- page 2: the recovery key -------------------------------------------

    def _build_key_page(self) -> None:
        self.key_panel = RecoveryKeyPanel(self.tr("Your recovery key"), self.tr(
            "Write this key on paper and keep it away from this computer. If you forget "
            "the passphrase, it opens the vault. It is shown only this once."))
        self.key_label = self.key_panel.key_label
        self.written, self.continue_button = self.key_panel.written, self.key_panel.continue_button
        self.key_panel.done.connect(self._done)
        self.addWidget(centered_card(self.key_panel))

    def _show_key(self, recovery: str) -> None:
        self.fields.clear()
        self.key_panel.show_key(recovery)
        self.setCurrentIndex(1)

    def _done(self) -> None:
        self.setCurrentIndex(0)
        self.finished.emit()

    def clear(self) -> None:
        """Forget the passphrase fields and any key on screen."""
        self.fields.clear()
        self.key_panel.clear()
