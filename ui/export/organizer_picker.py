"""Choose the organizer a bundle is for, from the address book, or add one on the spot.

Adding takes a name and the organizer's public key (`age1…`); a bad key shows the
command line's words under the form. Everything goes through `ctx.op` to app.bundles.
"""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

from app import bundles
from storage.bundles.device import Organizer

from ui.export.address_book import organizer_fields, short_key
from ui.runtime.context import AppContext
from ui.runtime.errors import message_for
from ui.widgets.basics import (STRETCH, button_row, compact_combo, form_layout, note,
                                push_button)


class OrganizerPicker(QWidget):
    """A drop-down of organizers and an "Add an organizer…" form."""

    changed = Signal()  # the chosen organizer changed (or the list was loaded)

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.organizers: list[Organizer] = []
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.combo = compact_combo("organizerChoice")
        self.combo.currentIndexChanged.connect(lambda _i: self.changed.emit())
        layout.addWidget(self.combo)
        self.add_toggle = push_button(self.tr("Add an organizer…"), "showAddOrganizer",
                                      self._toggle_form, auto_default=False)
        layout.addLayout(button_row(STRETCH, self.add_toggle))
        self.none_label = QLabel(self.tr(
            "Your address book is empty. Ask the organizer for their public key (it starts "
            "with age1) and add them."))
        self.none_label.setWordWrap(True)
        self.none_label.hide()
        layout.addWidget(self.none_label)
        self.form = QWidget()
        form = form_layout(self.form)
        form.setContentsMargins(0, 0, 0, 0)
        self.name, self.key = organizer_fields(self, "newOrganizerName", "newOrganizerKey")
        form.addRow(self.tr("Name"), self.name)
        self.key.returnPressed.connect(self.add)
        form.addRow(self.tr("Their public key"), self.key)
        self.add_button = push_button(self.tr("Add"), "addOrganizer", self.add,
                                      auto_default=False)
        form.addRow("", self.add_button)
        self.form.hide()
        layout.addWidget(self.form)
        self.error = note("organizerError", problem=True, selectable=True)
        self.error.hide()
        layout.addWidget(self.error)
        self.reload()

    def recipient(self) -> str | None:
        """The chosen organizer's public key (None if none is chosen)."""
        value = self.combo.currentData()
        return value if isinstance(value, str) and value else None

    def reload(self, select: str | None = None) -> None:
        """Read the address book; then choose `select` (a name) if given."""
        (self.ctx.op(self, bundles.organizers)
         .success(lambda found: self._show(found, select)).run())

    def _show(self, organizers: list[Organizer], select: str | None) -> None:
        keep = self.recipient()
        self.organizers = list(organizers)
        self.combo.blockSignals(True)
        self.combo.clear()
        for o in self.organizers:
            self.combo.addItem(self.tr("{name} — {key}").format(name=o.name,
                                                                  key=short_key(o.recipient)),
                               o.recipient)
            if o.name == select if select is not None else o.recipient == keep:
                self.combo.setCurrentIndex(self.combo.count() - 1)
        self.combo.blockSignals(False)
        self.combo.setEnabled(bool(self.organizers))
        self.none_label.setVisible(not self.organizers)
        if not self.organizers:
            self.form.show()
        self.changed.emit()

    def _toggle_form(self) -> None:
        self.form.setVisible(not self.form.isVisible())
        if self.form.isVisible():
            self.name.setFocus()

    def add(self) -> None:
        """Add the organizer typed in the form and choose them."""
        name, key = self.name.text().strip(), self.key.text().strip()
        if not name or not key:
            self._say(self.tr("Type the organizer's name and their public key."))
            return
        self.error.hide()
        self.add_button.setEnabled(False)
        (self.ctx.op(self, lambda vault: bundles.add_organizer(vault, name, key))
         .success(self._added).failure(self._failed).run())

    def _added(self, organizer: Organizer) -> None:
        self.add_button.setEnabled(True)
        self.name.clear()
        self.key.clear()
        self.form.hide()
        self.reload(select=organizer.name)

    def _failed(self, error: BaseException) -> None:
        self.add_button.setEnabled(True)
        self._say(message_for(error))
        self.key.setFocus()

    def _say(self, text: str) -> None:
        self.error.setText(text)
        self.error.show()
