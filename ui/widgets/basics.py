"""The small building blocks every screen and dialog is made of.

Labels (a heading, a paragraph, a status note), layouts (a centred card, a form, a row
of buttons), a push button and combo boxes: each is set up here once, so that every
screen shows them alike and a test finds each by its object name.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable

from PySide6.QtCore import Qt
from PySide6.QtGui import QFont, QWheelEvent
from PySide6.QtWidgets import (QComboBox, QDoubleSpinBox, QFormLayout, QFrame, QHBoxLayout,
                               QLabel, QPushButton, QSizePolicy, QSpinBox, QVBoxLayout, QWidget)

# The colour of a problem's words (a refused value, a missing camera, a failed export).
PROBLEM_STYLE = "color: #b3261e;"
# How many characters a compact combo box keeps room for (its longer entries are elided).
COMPACT_CHARS = 10


def heading(text: str, size: float = 1.6) -> QLabel:
    """A large, bold label."""
    label = QLabel(text)
    font = label.font()
    font.setPointSizeF(font.pointSizeF() * size)
    font.setWeight(QFont.Weight.DemiBold)
    label.setFont(font)
    label.setWordWrap(True)
    return label


def paragraph(text: str) -> QLabel:
    """A wrapped paragraph of explanation."""
    label = QLabel(text)
    label.setWordWrap(True)
    label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    return label


def note(name: str, text: str = "", *, problem: bool = False,
         selectable: bool = False) -> QLabel:
    """A wrapped line of status found by `name`: in the problem colour if `problem`,
    its words selectable with the mouse (to copy an error) if `selectable`."""
    label = QLabel(text)
    label.setObjectName(name)
    label.setWordWrap(True)
    if problem:
        label.setStyleSheet(PROBLEM_STYLE)
    if selectable:
        label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    return label


def push_button(text: str, name: str, clicked: Callable[[], object] | None = None, *,
                default: bool = False, auto_default: bool = True) -> QPushButton:
    """A push button found by `name`, calling `clicked` when pressed.

    `default`: Return in the dialog presses it. `auto_default=False`: Return never does
    (a button beside fields where Return means something else); True leaves Qt's rule.
    """
    button = QPushButton(text)
    button.setObjectName(name)
    if default:
        button.setDefault(True)
    if not auto_default:
        button.setAutoDefault(False)
    if clicked is not None:
        button.clicked.connect(clicked)
    return button


class _Stretch:
    """The marker of a row's growing room (see `button_row`)."""


STRETCH = _Stretch()


def button_row(*items: QWidget | _Stretch) -> QHBoxLayout:
    """A row of buttons (or other small widgets) in reading order; `STRETCH` among them
    is room that grows, pushing what follows it to the far end of the row."""
    row = QHBoxLayout()
    for item in items:
        if isinstance(item, _Stretch):
            row.addStretch(1)
        else:
            row.addWidget(item)
    return row


def form_layout(parent: QWidget | None = None, *, wrap_long_rows: bool = False) -> QFormLayout:
    """A form whose fields take the width there is; `wrap_long_rows`: a label too long
    for its row puts the field under it (long translations)."""
    form = QFormLayout(parent) if parent is not None else QFormLayout()
    form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
    if wrap_long_rows:
        form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapLongRows)
    return form


class _WheelWhenFocused:
    """The mouse wheel changes the value only once the widget has focus (a click or Tab);
    a wheel turned to scroll the page past it goes to the page. Qt's default lets a
    wheel scrolling a dialog change whatever value passes under the pointer."""

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)  # type: ignore[attr-defined]

    def wheelEvent(self, event: QWheelEvent) -> None:  # noqa: N802 (Qt's name)
        """Change the value if focused; else leave the event to the page."""
        if self.hasFocus():  # type: ignore[attr-defined]
            super().wheelEvent(event)  # type: ignore[misc]
        else:
            event.ignore()


class Combo(_WheelWhenFocused, QComboBox):
    """A combo box that the wheel changes only when it has focus."""


class SpinBox(_WheelWhenFocused, QSpinBox):
    """A spin box that the wheel changes only when it has focus."""


class DoubleSpinBox(_WheelWhenFocused, QDoubleSpinBox):
    """A decimal spin box that the wheel changes only when it has focus."""


def combo(name: str, entries: Iterable[tuple[object, str]] = (), *,
          fit_contents: bool = False) -> QComboBox:
    """A combo box found by `name`, holding (data, text) entries. `fit_contents`: always
    as wide as its longest text (else Qt's default: sized once, when first shown). The
    wheel changes it only once it has focus."""
    box = Combo()
    box.setObjectName(name)
    if fit_contents:
        box.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
    for data, text in entries:
        box.addItem(text, data)
    return box


def compact_combo(name: str, entries: Iterable[tuple[object, str]] = ()) -> QComboBox:
    """A combo box of long entries that never widens its dialog: it asks for room for
    `COMPACT_CHARS` characters (the layout may give it more); longer texts are elided."""
    box = combo(name, entries)
    box.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
    box.setMinimumContentsLength(COMPACT_CHARS)
    return box


def centered(body: QWidget, max_width: int, *, room_below: int = 1) -> QWidget:
    """A page with `body` in the middle, no wider than `max_width`; `room_below`: the
    space under it, in parts of the space above (2: it sits a little above the middle).

    Stretches on both sides rather than an alignment flag: an aligned widget gets its
    size hint's width, and wrapped labels in it would then be cut off.
    """
    body.setMaximumWidth(max_width)  # logical pixels: Qt scales them at 200 %
    body.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
    page = QWidget()
    column = QVBoxLayout(page)
    column.addStretch(1)
    row = QHBoxLayout()
    row.addStretch(1)
    row.addWidget(body, 100)
    row.addStretch(1)
    column.addLayout(row)
    column.addStretch(room_below)
    return page


def centered_card(content: QWidget, max_width: int = 560) -> QWidget:
    """`content` on a card (a frame named "card") in the middle of a page, no wider
    than `max_width`."""
    card = QFrame()
    card.setObjectName("card")
    QVBoxLayout(card).addWidget(content)
    return centered(card, max_width)
