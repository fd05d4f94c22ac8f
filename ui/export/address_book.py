"""The organizers' address book: who a volunteer can export testimonies to.

Each organizer is a name and an age public key (`age1…`). Adding a bad key shows the
command line's words beside the form; removing asks first. Everything goes through
`ctx.op` to `app.bundles`.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (QHBoxLayout, QLabel, QLineEdit, QListWidget, QListWidgetItem,
                               QVBoxLayout, QWidget)

from app import bundles
from storage.bundles.device import Organizer

from ui.runtime.context import AppContext
from ui.runtime.errors import message_for
from ui.widgets.basics import form_layout, note, paragraph, push_button
from ui.widgets.dialog import ask_yes_no

NAME_ROLE = Qt.ItemDataRole.UserRole


def short_key(recipient: str) -> str:
    """`age1qyqszqgp…x7k2m4`: enough to compare with what the organizer reads out."""
    return recipient if len(recipient) <= 24 else f"{recipient[:12]}…{recipient[-8:]}"


def organizer_fields(owner: QWidget, name_field: str,
                     key_field: str) -> tuple[QLineEdit, QLineEdit]:
    """The two fields that add an organizer, found by the object names given: a name,
    and their age1… key in monospace."""
    name = QLineEdit()
    name.setObjectName(name_field)
    name.setPlaceholderText(owner.tr("A name you will recognise"))
    key = QLineEdit()
    key.setObjectName(key_field)
    key.setPlaceholderText("age1…")
    mono = QFont("monospace")
    mono.setStyleHint(QFont.StyleHint.Monospace)
    key.setFont(mono)
    return name, key


class AddressBook(QWidget):
    """List, add and remove organizers."""

    changed = Signal()  # the address book was changed (added or removed)

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.organizers: list[Organizer] = []
        layout = QVBoxLayout(self)
        layout.addWidget(paragraph(self.tr(
            "The organizers you give testimonies to. Each one gives you a public key that "
            "starts with age1; only that organizer can open what you export for them.")))
        self.list = QListWidget()
        self.list.setObjectName("organizers")
        self.list.setWordWrap(True)
        self.list.currentRowChanged.connect(lambda _row: self._update_buttons())
        layout.addWidget(self.list, 1)
        self.empty = QLabel(self.tr("No organizers yet."))
        self.empty.setObjectName("noOrganizers")
        layout.addWidget(self.empty)
        self.remove_button = push_button(self.tr("Remove…"), "removeOrganizer",
                                         self.remove_selected, auto_default=False)
        layout.addWidget(self.remove_button, 0, Qt.AlignmentFlag.AlignRight)
        form = form_layout()
        self.name, self.key = organizer_fields(self, "organizerName", "organizerKey")
        self.name.textChanged.connect(lambda _text: self._update_buttons())
        form.addRow(self.tr("Name"), self.name)
        self.key.textChanged.connect(lambda _text: self._update_buttons())
        self.key.returnPressed.connect(self.add)
        form.addRow(self.tr("Public key"), self.key)
        layout.addLayout(form)
        row = QHBoxLayout()
        self.error = note("organizerError", selectable=True)
        row.addWidget(self.error, 1)
        self.add_button = push_button(self.tr("Add organizer"), "addOrganizer", self.add,
                                      auto_default=False)
        row.addWidget(self.add_button, 0, Qt.AlignmentFlag.AlignTop)
        layout.addLayout(row)
        self._busy = False
        self._update_buttons()
        self.reload()

    def reload(self) -> None:
        """Read the address book from the vault."""
        self.ctx.op(self, bundles.organizers).success(self._show).run()

    def _show(self, organizers: list[Organizer]) -> None:
        self.organizers = list(organizers)
        selected = self.selected_name()
        self.list.clear()
        for organizer in self.organizers:
            item = QListWidgetItem(f"{organizer.name}\n{short_key(organizer.recipient)}")
            item.setData(NAME_ROLE, organizer.name)
            item.setToolTip(organizer.recipient)
            self.list.addItem(item)
            if organizer.name == selected:
                self.list.setCurrentItem(item)
        self.empty.setVisible(not self.organizers)
        self._update_buttons()

    def selected_name(self) -> str | None:
        """The name of the organizer chosen in the list."""
        item = self.list.currentItem()
        return item.data(NAME_ROLE) if item is not None else None

    def _update_buttons(self) -> None:
        self.remove_button.setEnabled(not self._busy and self.selected_name() is not None)
        self.add_button.setEnabled(not self._busy and bool(self.name.text().strip())
                                   and bool(self.key.text().strip()))

    def _set_busy(self, busy: bool) -> None:
        self._busy = busy
        self._update_buttons()

    def add(self) -> None:
        """Add the organizer typed in the form (a known name is replaced)."""
        if not self.add_button.isEnabled():
            return
        name, key = self.name.text().strip(), self.key.text().strip()
        self.error.clear()
        self._set_busy(True)
        (self.ctx.op(self, lambda vault: bundles.add_organizer(vault, name, key))
         .success(self._added).failure(self._add_failed).run())

    def _added(self, organizer: Organizer) -> None:
        self._set_busy(False)
        self.name.clear()
        self.key.clear()
        self.error.setText(self.tr("Added {name}.").format(name=organizer.name))
        self.changed.emit()
        self.reload()

    def _add_failed(self, error: BaseException) -> None:
        self._set_busy(False)
        self.error.setText(message_for(error))
        self.key.setFocus()

    def remove_selected(self) -> None:
        """Ask, then forget the chosen organizer."""
        name = self.selected_name()
        if name is None:
            return
        if not ask_yes_no(self, self.tr("Remove organizer?"), self.tr(
                "Remove {name} from the address book? Bundles you already exported for them "
                "stay as they are.").format(name=name)):
            return
        self.error.clear()
        self._set_busy(True)
        (self.ctx.op(self, lambda vault: bundles.remove_organizer(vault, name))
         .success(self._removed).failure(self._remove_failed).run())

    def _removed(self, _result: object) -> None:
        self._set_busy(False)
        self.changed.emit()
        self.reload()

    def _remove_failed(self, error: BaseException) -> None:
        self._set_busy(False)
        self.error.setText(message_for(error))
        self.reload()
