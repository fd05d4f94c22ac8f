"""Small widgets and helpers the screens share."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QSizePolicy, QVBoxLayout, QWidget


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


def centered_card(content: QWidget, max_width: int = 560) -> QWidget:
    """`content` centred horizontally and vertically, no wider than `max_width`.

    Stretches on both sides rather than an alignment flag: an aligned widget gets its
    size hint's width, and wrapped labels in it would then be cut off.
    """
    outer = QWidget()
    layout = QVBoxLayout(outer)
    layout.addStretch(1)
    row = QHBoxLayout()
    row.addStretch(1)
    card = QFrame()
    card.setObjectName("card")
    card.setMaximumWidth(max_width)  # logical pixels: Qt scales them at 200 %
    card.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
    inner = QVBoxLayout(card)
    inner.addWidget(content)
    row.addWidget(card, 100)
    row.addStretch(1)
    layout.addLayout(row)
    layout.addStretch(1)
    return outer


