"""Settings: auto-lock, default recording quality, language, passphrase, organizers.

Choices apply at once (no Save button to forget): each change is written with
`ctx.set_preferences`, and the main window re-arms its idle timer when told. A new
language applies at once to every open window (ui/runtime/translator.py). The organizers' address book lives
in the vault and is edited through `ctx.op` (ui/export/address_book.py).
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QTabWidget, QWidget

from app.settings import QUALITIES

from ui.export.address_book import AddressBook
from ui.runtime.context import AppContext
from ui.widgets.basics import SpinBox, combo, form_layout, push_button
from ui.widgets.dialog import Dialog
from ui.widgets.language_choice import LanguageChoice
from ui.dialogs.passphrase import ChangePassphraseDialog

MAX_MINUTES = 24 * 60


class SettingsDialog(Dialog):
    """Preferences and the organizer address book."""

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent, "settingsDialog")
        self.ctx = ctx
        self.setWindowTitle(self.tr("Settings"))
        self.tabs = QTabWidget()
        self.tabs.addTab(self._general_tab(), self.tr("General"))
        self.address_book = AddressBook(ctx)
        self.tabs.addTab(self.address_book, self.tr("Organizers"))
        self.column.addWidget(self.tabs, 1)
        # No default button: Return in the address book's fields adds, it must not close.
        self.close_button = self.make_close_button()
        self.column.addWidget(self.close_button, 0, Qt.AlignmentFlag.AlignRight)
        self.setMinimumWidth(480)

    def _general_tab(self) -> QWidget:
        page = QWidget()
        form = form_layout(page, wrap_long_rows=True)
        prefs = self.ctx.prefs

        self.auto_lock = SpinBox()
        self.auto_lock.setObjectName("autoLockMinutes")
        self.auto_lock.setRange(0, MAX_MINUTES)
        self.auto_lock.setSpecialValueText(self.tr("Never"))
        self.auto_lock.setSuffix(self.tr(" minutes"))
        self.auto_lock.setValue(prefs.auto_lock_minutes)
        self.auto_lock.valueChanged.connect(self._auto_lock_changed)
        form.addRow(self.tr("Lock Kua after this long without use"), self.auto_lock)
        form.addRow("", self._hint(self.tr(
            "Locking closes the vault and hides everything until the passphrase is typed "
            "again. A recording in progress is never interrupted. 0 means never.")))

        labels = {"480p": self.tr("480p: smallest files"),
                  "720p": self.tr("720p: good for most testimonies"),
                  "1080p": self.tr("1080p: sharpest, largest files")}
        self.quality = combo("recordingQuality",
                             ((value, labels.get(value, value)) for value in QUALITIES))
        self.quality.setCurrentIndex(max(0, self.quality.findData(prefs.quality)))
        self.quality.currentIndexChanged.connect(self._quality_changed)
        form.addRow(self.tr("Recording quality"), self.quality)

        self.language = LanguageChoice(self.ctx)
        form.addRow(self.tr("Language"), self.language)

        self.passphrase_button = push_button(self.tr("Change passphrase…"),
                                             "changePassphraseButton",
                                             self.open_change_passphrase, auto_default=False)
        form.addRow(self.tr("Passphrase"), self.passphrase_button)
        return page

    @staticmethod
    def _hint(text: str) -> QLabel:
        label = QLabel(text)
        label.setWordWrap(True)
        return label

    def _save(self, **changes: object) -> None:
        self.ctx.set_preferences(self.ctx.prefs.with_(**changes))

    def _auto_lock_changed(self, minutes: int) -> None:
        self._save(auto_lock_minutes=minutes)

    def _quality_changed(self, _index: int) -> None:
        self._save(quality=self.quality.currentData())

    def open_change_passphrase(self) -> ChangePassphraseDialog:
        """The change-passphrase dialog (window-modal); returns it."""
        dialog = ChangePassphraseDialog(self.ctx, self)
        dialog.open()
        return dialog
