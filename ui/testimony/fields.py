"""Editable fields of the testimony form, each saved under one `kua edit` field name.

A field emits `edited(field)` while the person types (the form saves after a pause)
and `committed(field)` when they are done with it (editing finished, focus left, a
choice clicked: the form saves now). `assignments()` turns its value into the
`FIELD=VALUE` strings of `kua edit`; `set_error()` shows the CLI's words under it
and keeps what was typed.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt, Signal
from PySide6.QtWidgets import (QButtonGroup, QHBoxLayout, QLabel, QLineEdit, QPlainTextEdit,
                               QRadioButton, QVBoxLayout, QWidget)

from ui.widgets.basics import note

HINT_STYLE = "color: #8a5300;"


def error_label() -> QLabel:
    """A red, wrapped, hidden line for an error under a field."""
    label = note("fieldError", problem=True, selectable=True)
    label.hide()
    return label


class Field(QWidget):
    """An editor with an error line under it; its value is one `kua edit` field."""

    edited = Signal(object)     # the value changed: save after a pause
    committed = Signal(object)  # the person is done with it: save now

    def __init__(self, name: str, editor: QWidget, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.name = name
        self.prefix = ""  # "speaker", "detained.2" for a person's field
        self.editor = editor
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(2)
        layout.addWidget(editor)
        self.error = error_label()
        layout.addWidget(self.error)

    def key(self) -> str:
        """The full field name, e.g. `title` or `detained.2.hometown`."""
        return f"{self.prefix}.{self.name}" if self.prefix else self.name

    def value(self) -> str:
        """The value as typed."""
        raise NotImplementedError

    def set_value(self, value: str) -> None:
        """Show a stored value (emits nothing) and forget any error."""
        raise NotImplementedError

    def assignments(self) -> list[str]:
        """The `kua edit` assignments that store the current value."""
        return [f"{self.key()}={self.value()}"]

    def set_error(self, message: str | None) -> None:
        """Show the reason the value was refused, or hide it."""
        self.error.setText(message or "")
        self.error.setVisible(bool(message))

    def error_text(self) -> str:
        """The error shown now ("" if none)."""
        return self.error.text()

    def clear_value(self) -> None:
        """Empty the field and its error (at lock or before loading another testimony)."""
        self.set_value("")


class LineField(Field):
    """One line of text."""

    def __init__(self, name: str, placeholder: str = "", parent: QWidget | None = None) -> None:
        edit = QLineEdit()
        edit.setObjectName(f"field_{name}")
        edit.setPlaceholderText(placeholder)
        edit.setClearButtonEnabled(False)
        super().__init__(name, edit, parent)
        self.line = edit
        edit.textEdited.connect(lambda _text: self.edited.emit(self))
        edit.editingFinished.connect(lambda: self.committed.emit(self))

    def value(self) -> str:
        return self.line.text()

    def set_value(self, value: str) -> None:
        self.line.setText(value)  # setText does not emit textEdited
        self.set_error(None)


class _FocusOut(QObject):
    """Calls back when the watched widget loses the keyboard focus."""

    def __init__(self, callback, parent: QObject) -> None:
        super().__init__(parent)
        self._callback = callback

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt's name)
        if event.type() == QEvent.Type.FocusOut:
            self._callback()
        return False


class TextField(Field):
    """Several lines of text (notes, charges)."""

    def __init__(self, name: str, placeholder: str = "", lines: int = 3,
                 parent: QWidget | None = None) -> None:
        edit = QPlainTextEdit()
        edit.setObjectName(f"field_{name}")
        edit.setPlaceholderText(placeholder)
        edit.setTabChangesFocus(True)
        line = edit.fontMetrics().lineSpacing()
        edit.setMinimumHeight(line * lines + 2 * edit.frameWidth() + 12)
        edit.setMaximumHeight(line * (lines * 2) + 2 * edit.frameWidth() + 12)
        super().__init__(name, edit, parent)
        self.text_edit = edit
        self._quiet = False
        edit.textChanged.connect(self._changed)
        edit.installEventFilter(_FocusOut(lambda: self.committed.emit(self), self))

    def _changed(self) -> None:
        if not self._quiet:
            self.edited.emit(self)

    def value(self) -> str:
        return self.text_edit.toPlainText()

    def set_value(self, value: str) -> None:
        self._quiet = True
        try:
            self.text_edit.setPlainText(value)
        finally:
            self._quiet = False
        self.set_error(None)


class ChoiceField(Field):
    """One of a few choices as radio buttons; a click saves at once.

    `choices` are (value, label, description or None). Descriptions are wrapped lines
    under their button (radio button text itself does not wrap).
    """

    def __init__(self, name: str, choices: list[tuple[str, str, str | None]],
                 horizontal: bool = False, parent: QWidget | None = None) -> None:
        box = QWidget()
        layout: QHBoxLayout | QVBoxLayout = QHBoxLayout(box) if horizontal else QVBoxLayout(box)
        layout.setContentsMargins(0, 0, 0, 0)
        self.group = QButtonGroup(box)
        self.buttons: dict[str, QRadioButton] = {}
        for value, label, description in choices:
            button = QRadioButton(label)
            button.setObjectName(f"choice_{name}_{value}")
            self.group.addButton(button)
            self.buttons[value] = button
            if description and not horizontal:
                item = QVBoxLayout()
                item.setSpacing(0)
                item.addWidget(button, 0, Qt.AlignmentFlag.AlignLeft)
                text = QLabel(description)
                text.setWordWrap(True)
                indent = button.style().pixelMetric(button.style().PixelMetric.PM_ExclusiveIndicatorWidth)
                text.setContentsMargins(indent + 8, 0, 0, 4)
                item.addWidget(text)
                layout.addLayout(item)
            else:
                layout.addWidget(button, 0, Qt.AlignmentFlag.AlignLeft)
        if horizontal:
            layout.addStretch(1)
        super().__init__(name, box, parent)
        self.group.buttonClicked.connect(self._clicked)  # user clicks only, not setChecked

    def _clicked(self, _button: QRadioButton) -> None:
        self.edited.emit(self)
        self.committed.emit(self)

    def value(self) -> str:
        for value, button in self.buttons.items():
            if button.isChecked():
                return value
        return ""

    def set_value(self, value: str) -> None:
        button = self.buttons.get(value)
        if button is None:
            self.group.setExclusive(False)  # the only way to uncheck every button
            for b in self.buttons.values():
                b.setChecked(False)
            self.group.setExclusive(True)
        else:
            button.setChecked(True)
        self.set_error(None)

    def choose(self, value: str) -> None:
        """Pick a choice as if clicked (emits edited and committed)."""
        self.buttons[value].click()
