"""One person of a testimony: the speaker or a detained person, names in several scripts."""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, Signal
from PySide6.QtWidgets import (QFrame, QHBoxLayout, QLabel, QLineEdit, QToolButton,
                               QVBoxLayout, QWidget)

from app.testimony_editing import script_of
from storage.models import Person

from ui.testimony.fields import Field, LineField, TextField
from ui.widgets.basics import STRETCH, button_row, form_layout, heading, push_button


_SCRIPTS = {
    "cyrillic": QT_TRANSLATE_NOOP("PersonEditor", "Cyrillic"),
    "latin": QT_TRANSLATE_NOOP("PersonEditor", "Latin"),
    "arabic": QT_TRANSLATE_NOOP("PersonEditor", "Arabic script"),
    "han": QT_TRANSLATE_NOOP("PersonEditor", "Chinese"),
}


def script_name(text: str) -> str:
    """The script a spelling is written in, in words ("" if unclear)."""
    found = _SCRIPTS.get(script_of(text)) if text.strip() else None
    return QCoreApplication.translate("PersonEditor", found) if found else ""


class NamesEditor(Field):
    """A person's names: one spelling per line, in any script; add and remove lines.

    Saved as `P.name=FIRST` then `P.name+=NEXT` for each further spelling, so a name
    may hold any character (`names=A;B` would split at semicolons).
    """

    def __init__(self, parent: QWidget | None = None) -> None:
        box = QWidget()
        super().__init__("name", box, parent)
        outer = QVBoxLayout(box)
        outer.setContentsMargins(0, 0, 0, 0)
        self._rows_layout = QVBoxLayout()
        self._rows_layout.setContentsMargins(0, 0, 0, 0)
        outer.addLayout(self._rows_layout)
        self.add_button = push_button(self.tr("Add another spelling"), "addSpelling",
                                      self._add_clicked)
        self.add_button.setToolTip(self.tr("The same name written another way: Cyrillic, "
                                           "Latin, Uyghur (Arabic script), Chinese…"))
        outer.addLayout(button_row(self.add_button, STRETCH))
        self.edits: list[QLineEdit] = []
        self._rows: list[QWidget] = []
        self._add_row("")

    def key(self) -> str:
        return f"{self.prefix}.names" if self.prefix else "names"

    def names(self) -> list[str]:
        """The spellings as typed, empty lines left out."""
        return [e.text().strip() for e in self.edits if e.text().strip()]

    def value(self) -> str:
        return "; ".join(self.names())

    def assignments(self) -> list[str]:
        names = self.names()
        first = [f"{self.prefix}.name={names[0] if names else ''}"]
        return first + [f"{self.prefix}.name+={n}" for n in names[1:]]

    def set_value(self, value: str) -> None:
        self.set_names([n for n in value.split(";")] if value else [])

    def set_names(self, names: list[str]) -> None:
        """Show stored spellings (emits nothing)."""
        for row in self._rows:
            row.setParent(None)
            row.deleteLater()
        self._rows.clear()
        self.edits.clear()
        for name in names or [""]:
            self._add_row(name.strip())
        self.set_error(None)

    def _add_clicked(self) -> None:
        if self.edits and not self.edits[-1].text().strip():
            self.edits[-1].setFocus()  # an empty line is waiting already
            return
        self._add_row("").setFocus()

    def _add_row(self, text: str) -> QLineEdit:
        row = QWidget()
        layout = QHBoxLayout(row)
        layout.setContentsMargins(0, 0, 0, 0)
        edit = QLineEdit(text)
        edit.setObjectName("nameSpelling")
        edit.setPlaceholderText(self.tr("Full name, in any script"))
        script = QLabel(script_name(text))
        script.setObjectName("nameScript")
        script.setMinimumWidth(script.fontMetrics().horizontalAdvance("Arabic script  "))
        remove = QToolButton()
        remove.setObjectName("removeSpelling")
        remove.setText(self.tr("Remove"))
        remove.setToolTip(self.tr("Remove this spelling"))
        layout.addWidget(edit, 1)
        layout.addWidget(script)
        layout.addWidget(remove)
        self._rows_layout.addWidget(row)
        self._rows.append(row)
        self.edits.append(edit)

        def typed(new: str) -> None:
            script.setText(script_name(new))
            self.edited.emit(self)

        edit.textEdited.connect(typed)
        edit.editingFinished.connect(lambda: self.committed.emit(self))
        remove.clicked.connect(lambda: self._remove_row(row, edit))
        return edit

    def _remove_row(self, row: QWidget, edit: QLineEdit) -> None:
        had_text = bool(edit.text().strip())
        if len(self._rows) == 1:
            edit.clear()
        else:
            self._rows.remove(row)
            self.edits.remove(edit)
            row.setParent(None)
            row.deleteLater()
        if had_text:
            self.edited.emit(self)
            self.committed.emit(self)


# (field, label, placeholder, multi-line) for each role; labels in plain words.
_SPEAKER_FIELDS = (
    ("relation", QT_TRANSLATE_NOOP("PersonEditor", "Relation to the detained person"),
     QT_TRANSLATE_NOOP("PersonEditor", "e.g. sister, son, wife"), False),
    ("contact", QT_TRANSLATE_NOOP("PersonEditor", "How to reach them"),
     QT_TRANSLATE_NOOP("PersonEditor", "Phone or messenger, only if they agree"), False),
    ("birth_year", QT_TRANSLATE_NOOP("PersonEditor", "Year of birth"),
     QT_TRANSLATE_NOOP("PersonEditor", "e.g. 1965"), False),
    ("hometown", QT_TRANSLATE_NOOP("PersonEditor", "Home town or village"), "", False),
    ("citizenship", QT_TRANSLATE_NOOP("PersonEditor", "Citizenship"),
     QT_TRANSLATE_NOOP("PersonEditor", "e.g. Kazakhstan"), False),
)
_DETAINED_FIELDS = (
    ("birth_year", QT_TRANSLATE_NOOP("PersonEditor", "Year of birth"),
     QT_TRANSLATE_NOOP("PersonEditor", "e.g. 1978"), False),
    ("hometown", QT_TRANSLATE_NOOP("PersonEditor", "Home town or village"), "", False),
    ("citizenship", QT_TRANSLATE_NOOP("PersonEditor", "Citizenship"),
     QT_TRANSLATE_NOOP("PersonEditor", "e.g. China, Kazakhstan"), False),
    ("chinese_id", QT_TRANSLATE_NOOP("PersonEditor", "Chinese ID card number"),
     QT_TRANSLATE_NOOP("PersonEditor", "18 characters: 17 digits and a digit or X"), False),
    ("detained_on", QT_TRANSLATE_NOOP("PersonEditor", "Detained on"),
     QT_TRANSLATE_NOOP("PersonEditor", "A year, a month or a day: 2019, 2019-05, 2019-05-17"),
     False),
    ("detention_place", QT_TRANSLATE_NOOP("PersonEditor", "Where they are held"),
     QT_TRANSLATE_NOOP("PersonEditor", "Camp, prison or town, as far as known"), False),
    ("detention_kind", QT_TRANSLATE_NOOP("PersonEditor", "Kind of detention"),
     QT_TRANSLATE_NOOP("PersonEditor", "e.g. camp, prison, house arrest"), False),
    ("charges", QT_TRANSLATE_NOOP("PersonEditor", "Charges"),
     QT_TRANSLATE_NOOP("PersonEditor", "What they are accused of, if known"), True),
    ("sentence", QT_TRANSLATE_NOOP("PersonEditor", "Sentence"),
     QT_TRANSLATE_NOOP("PersonEditor", "e.g. 10 years"), False),
)


class PersonEditor(QFrame):
    """The fields of one person; a detained person's card has a title and a Remove button."""

    edited = Signal(object)      # a Field
    committed = Signal(object)   # a Field
    remove_requested = Signal(object)  # this editor

    def __init__(self, role: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.role = role
        self.setObjectName("personCard" if role == "detained" else "speakerEditor")
        if role == "detained":
            self.setFrameShape(QFrame.Shape.StyledPanel)
        layout = QVBoxLayout(self)
        self.title = heading("", 1.15)
        self.remove_button = push_button(self.tr("Remove this person"), "removePerson",
                                         lambda: self.remove_requested.emit(self))
        if role == "detained":
            top = QHBoxLayout()
            top.addWidget(self.title, 1)
            top.addWidget(self.remove_button)
            layout.addLayout(top)
        else:
            self.title.hide()
            self.remove_button.hide()
        form = form_layout(wrap_long_rows=True)
        layout.addLayout(form)
        self.names = NamesEditor()
        names_label = QLabel(self.tr("Names") if role == "detained" else self.tr("Name"))
        names_label.setToolTip(self.tr("Write the name in every spelling you know: Cyrillic, "
                                       "Latin, Uyghur (Arabic script), Chinese…"))
        form.addRow(names_label, self.names)
        self.fields: dict[str, Field] = {}
        for name, label, placeholder, multi in (_DETAINED_FIELDS if role == "detained"
                                                else _SPEAKER_FIELDS):
            hint = self.tr(placeholder) if placeholder else ""
            field: Field = (TextField(name, hint, lines=2) if multi else LineField(name, hint))
            self.fields[name] = field
            form.addRow(self.tr(label), field)
        for field in self.editables():
            field.edited.connect(self.edited)
            field.committed.connect(self.committed)
        self.set_prefix(role)

    def editables(self) -> list[Field]:
        """Every field of this person (names first)."""
        return [self.names, *self.fields.values()]

    def set_prefix(self, prefix: str) -> None:
        """Where this person's fields are saved: `speaker` or `detained.N`."""
        self.prefix = prefix
        for field in self.editables():
            field.prefix = prefix

    def set_number(self, number: int) -> None:
        """A detained person's place in the list (1 = first): title and field names."""
        self._number = number
        self.retranslate()
        self.set_prefix(f"detained.{number}")

    def retranslate(self) -> None:
        """The numbered title again in the current language (ui/runtime/translator.py)."""
        number = getattr(self, "_number", None)
        if number is not None:
            self.title.setText(self.tr("Detained person {n}").format(n=number))

    def set_person(self, person: Person | None) -> None:
        """Show a stored person (None: an empty form)."""
        self.names.set_names([n.text for n in person.names] if person else [])
        for name, field in self.fields.items():
            value = getattr(person, name) if person else ""
            field.set_value("" if value is None else str(value))

    def clear_values(self) -> None:
        """Empty every field."""
        self.set_person(None)

    def is_empty(self) -> bool:
        """True if nothing is written for this person."""
        return not self.names.names() and not any(f.value().strip() for f in self.fields.values())
