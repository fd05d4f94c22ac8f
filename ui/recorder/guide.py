"""The interview guide beside the recorder's preview: prompts to tick off while filming.

The prompts are vault data (they can hold names), loaded and saved through ctx.op
with app.settings; ticks are for this interview only and are not saved.
"""

from __future__ import annotations

import shiboken6
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QAbstractItemView, QListWidget, QListWidgetItem, QVBoxLayout, QWidget

from app import settings

from ui.runtime.context import AppContext
from ui.widgets.basics import STRETCH, button_row, heading, paragraph, push_button


class InterviewGuide(QWidget):
    """An editable checklist of interview prompts (add, edit, remove, drag to reorder)."""

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.setObjectName("interviewGuide")
        self._saved: list[str] = []
        self._loaded = False
        self._filling = False
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(heading(self.tr("Interview guide"), 1.15))
        layout.addWidget(paragraph(self.tr("Tick each question once it has been answered. "
                                           "Double-click a question to change it.")))
        self.prompts = QListWidget()
        self.prompts.setObjectName("guidePrompts")
        self.prompts.setWordWrap(True)
        self.prompts.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.prompts.setResizeMode(QListWidget.ResizeMode.Adjust)
        self.prompts.setDragDropMode(QAbstractItemView.DragDropMode.InternalMove)
        self.prompts.setEditTriggers(QAbstractItemView.EditTrigger.DoubleClicked
                                     | QAbstractItemView.EditTrigger.EditKeyPressed)
        self.prompts.setAccessibleName(self.tr("Interview questions"))
        self.prompts.itemChanged.connect(self._item_changed)
        self.prompts.model().rowsMoved.connect(lambda *_: self._save())
        self.prompts.currentItemChanged.connect(lambda *_: self._update_buttons())
        layout.addWidget(self.prompts, 1)
        self.add_button = push_button(self.tr("Add"), "guideAdd", self.add_prompt)
        self.edit_button = push_button(self.tr("Change"), "guideEdit", self._edit_current)
        self.remove_button = push_button(self.tr("Remove"), "guideRemove", self.remove_current)
        layout.addLayout(button_row(self.add_button, self.edit_button, self.remove_button,
                                    STRETCH))
        self._update_buttons()

    # -- loading and saving -------------------------------------------------

    def load(self) -> None:
        """Read the prompts from the vault (once per unlock)."""
        if self._loaded:
            return
        self._loaded = True
        self.ctx.op(self, lambda vault: settings.interview_guide(vault)).success(self._show).run()

    def retranslate(self) -> None:
        """After a change of language: the default prompts again, in the new language
        (a guide the volunteer edited is theirs and stays as written)."""
        if self._loaded and self.texts() == self._saved:
            self._loaded = False
            self.load()

    def _show(self, prompts: list[str]) -> None:
        self._filling = True
        try:
            self.prompts.clear()
            for text in prompts:
                self._append(text)
        finally:
            self._filling = False
        self._saved = list(prompts)
        self._update_buttons()

    def texts(self) -> list[str]:
        """The prompts as shown, in order."""
        return [self.prompts.item(i).text() for i in range(self.prompts.count())]

    def _save(self) -> None:
        prompts = [t.strip() for t in self.texts() if t.strip()]
        if prompts == self._saved:
            return
        self._saved = prompts
        self.ctx.op(self, lambda vault: settings.set_interview_guide(vault, prompts)).run()

    # -- editing ------------------------------------------------------------

    def _append(self, text: str) -> QListWidgetItem:
        item = QListWidgetItem(text)
        item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable | Qt.ItemFlag.ItemIsEditable
                      | Qt.ItemFlag.ItemIsDragEnabled)
        item.setCheckState(Qt.CheckState.Unchecked)
        self.prompts.addItem(item)
        return item

    def add_prompt(self, text: str = "") -> QListWidgetItem:
        """Add a prompt at the end; with no text, open it for typing."""
        self._filling = True
        try:
            item = self._append(text or self.tr("New question"))
        finally:
            self._filling = False
        self.prompts.setCurrentItem(item)
        if text:
            self._save()
        else:
            self.prompts.editItem(item)
        return item

    def _edit_current(self) -> None:
        item = self.prompts.currentItem()
        if item is not None:
            self.prompts.editItem(item)

    def remove_current(self) -> None:
        """Remove the selected prompt."""
        row = self.prompts.currentRow()
        if row < 0:
            return
        self.prompts.takeItem(row)
        self._save()
        self._update_buttons()

    def _item_changed(self, item: QListWidgetItem) -> None:
        if self._filling:
            return
        if not item.text().strip():
            # Emptied: the question goes, once the editor has let go of it.
            QTimer.singleShot(0, lambda: self._drop(item))
            return
        self._save()  # a tick alone changes no text: nothing is written

    def _drop(self, item: QListWidgetItem) -> None:
        if not shiboken6.isValid(item):
            return  # cleared meanwhile (lock)
        row = self.prompts.row(item)
        if row >= 0:
            self.prompts.takeItem(row)
        self._update_buttons()
        self._save()

    def _update_buttons(self) -> None:
        has = self.prompts.currentItem() is not None
        self.edit_button.setEnabled(has)
        self.remove_button.setEnabled(has)

    # -- interviews and locking ---------------------------------------------

    def untick_all(self) -> None:
        """Clear the ticks for a new interview."""
        self._filling = True
        try:
            for i in range(self.prompts.count()):
                self.prompts.item(i).setCheckState(Qt.CheckState.Unchecked)
        finally:
            self._filling = False

    def clear(self) -> None:
        """Forget the prompts (at lock); they are read again after unlocking."""
        self._filling = True
        try:
            self.prompts.clear()
        finally:
            self._filling = False
        self._saved = []
        self._loaded = False
        self._update_buttons()
