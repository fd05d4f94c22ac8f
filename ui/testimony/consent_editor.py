"""Consent: who may see the testimony, and the four elements of informed consent.

Each element is one plain sentence a volunteer can read aloud, answered yes, no or
"not asked" (`kua edit`'s yes / no / unknown).
"""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, Signal
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QFrame, QLabel, QVBoxLayout, QWidget

from storage.models import CONSENT_ELEMENTS, ConsentElements

from ui.testimony.fields import HINT_STYLE, ChoiceField, Field
from ui.widgets.basics import paragraph

_LEVELS = (
    ("public", QT_TRANSLATE_NOOP("ConsentEditor", "Public"),
     QT_TRANSLATE_NOOP("ConsentEditor", "It may be shown as it is: face, voice and name.")),
    ("anonymous", QT_TRANSLATE_NOOP("ConsentEditor", "Anonymous"),
     QT_TRANSLATE_NOOP("ConsentEditor", "It may be shown only with faces hidden; only the "
                                        "anonymized copy leaves this computer.")),
    ("restricted", QT_TRANSLATE_NOOP("ConsentEditor", "Restricted"),
     QT_TRANSLATE_NOOP("ConsentEditor", "Only the organizers may see it: it goes to them in "
                                        "bundles, never into copies for publication.")),
)

# (element, short name, the sentence read aloud)
ELEMENTS = (
    ("disclosure", QT_TRANSLATE_NOOP("ConsentEditor", "Told what it is for"),
     QT_TRANSLATE_NOOP("ConsentEditor", "They were told what the recording is for and who "
                                        "will see it.")),
    ("voluntariness", QT_TRANSLATE_NOOP("ConsentEditor", "Agreed freely"),
     QT_TRANSLATE_NOOP("ConsentEditor", "They agreed freely, and know they can say no or "
                                        "stop at any time.")),
    ("comprehension", QT_TRANSLATE_NOOP("ConsentEditor", "Understood"),
     QT_TRANSLATE_NOOP("ConsentEditor", "They understood what they agreed to, in a language "
                                        "they know well.")),
    ("competence", QT_TRANSLATE_NOOP("ConsentEditor", "Able to decide"),
     QT_TRANSLATE_NOOP("ConsentEditor", "They are old enough and well enough to decide this "
                                        "for themselves.")),
)
assert tuple(e[0] for e in ELEMENTS) == CONSENT_ELEMENTS


def element_name(element: str) -> str:
    """The short, translated name of a consent element (e.g. "Told what it is for")."""
    names = {e: name for e, name, _ in ELEMENTS}
    return QCoreApplication.translate("ConsentEditor", names[element])


def _answer(value: bool | None) -> str:
    return "unknown" if value is None else ("yes" if value else "no")


class ConsentEditor(QWidget):
    """The consent level and the four consent elements, each saved when clicked."""

    edited = Signal(object)     # a Field
    committed = Signal(object)  # a Field

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(paragraph(self.tr("Who may see this testimony?")))
        self.level = ChoiceField("consent", [(v, self.tr(label), self.tr(text))
                                             for v, label, text in _LEVELS])
        layout.addWidget(self.level)
        layout.addWidget(paragraph(self.tr(
            "Check each point with the person and note the answer.")))
        self.elements: dict[str, ChoiceField] = {}
        self.unanswered: dict[str, QLabel] = {}
        choices = [("yes", self.tr("Yes"), None), ("no", self.tr("No"), None),
                   ("unknown", self.tr("Not asked"), None)]
        for element, name, sentence in ELEMENTS:
            box = QFrame()
            box.setObjectName(f"consent_{element}")
            inner = QVBoxLayout(box)
            inner.setContentsMargins(0, 6, 0, 6)
            title = QLabel(self.tr(name))
            font = title.font()
            font.setWeight(QFont.Weight.DemiBold)
            title.setFont(font)
            inner.addWidget(title)
            inner.addWidget(paragraph(self.tr(sentence)))
            field = ChoiceField(f"consent.{element}", choices, horizontal=True)
            inner.addWidget(field)
            hint = QLabel(self.tr("Not answered yet."))
            hint.setObjectName("unansweredHint")
            hint.setStyleSheet(HINT_STYLE)
            inner.addWidget(hint)
            self.unanswered[element] = hint
            self.elements[element] = field
            layout.addWidget(box)
        for field in self.editables():
            field.edited.connect(self.edited)
            field.committed.connect(self.committed)
            field.edited.connect(lambda _f: self.refresh_hints())

    def editables(self) -> list[Field]:
        """The level and the four elements."""
        return [self.level, *self.elements.values()]

    def set_consent(self, level: str, elements: ConsentElements) -> None:
        """Show stored values (emits nothing)."""
        self.level.set_value(level)
        for element, field in self.elements.items():
            field.set_value(_answer(getattr(elements, element)))
        self.refresh_hints()

    def answers(self) -> dict[str, str]:
        """Each element's answer: yes, no, unknown (or "" when nothing is shown)."""
        return {element: field.value() for element, field in self.elements.items()}

    def refresh_hints(self) -> None:
        """Show "Not answered yet" under each element answered neither yes nor no."""
        for element, field in self.elements.items():
            self.unanswered[element].setVisible(field.value() not in ("yes", "no"))

    def clear_values(self) -> None:
        """Uncheck everything."""
        for field in self.editables():
            field.set_value("")
        self.refresh_hints()
