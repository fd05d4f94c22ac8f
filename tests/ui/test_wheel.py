"""The mouse wheel changes a drop-down or a number only once it has focus (issue 20:
scrolling the export dialog changed the piece size from 2 GB to 700 MB)."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QPoint, QPointF, Qt
from PySide6.QtGui import QWheelEvent
from PySide6.QtWidgets import QApplication, QLineEdit, QVBoxLayout, QWidget

from ui.widgets.basics import DoubleSpinBox, SpinBox, combo, compact_combo


def _turn_wheel_down(widget: QWidget) -> None:
    centre = QPointF(widget.rect().center())
    event = QWheelEvent(centre, QPointF(widget.mapToGlobal(centre.toPoint())), QPoint(),
                        QPoint(0, -120), Qt.MouseButton.NoButton, Qt.KeyboardModifier.NoModifier,
                        Qt.ScrollPhase.NoScrollPhase, False)
    QApplication.sendEvent(widget, event)


def _spin(kind):
    spin = kind()
    spin.setRange(0, 100)
    spin.setValue(50)
    return spin


def _value(widget: QWidget):
    return widget.currentIndex() if hasattr(widget, "currentIndex") else widget.value()


@pytest.mark.parametrize("make", [
    lambda: combo("sizes", [(1, "one"), (2, "two"), (3, "three")]),
    lambda: compact_combo("pieces", [(1, "2 GB"), (2, "700 MB"), (3, "100 MB")]),
    lambda: _spin(SpinBox),
    lambda: _spin(DoubleSpinBox),
], ids=["combo", "compact_combo", "spin", "double_spin"])
def test_the_wheel_changes_a_value_only_once_it_has_focus(qtbot, make):
    page = QWidget()
    column = QVBoxLayout(page)
    elsewhere = QLineEdit()
    widget = make()
    column.addWidget(elsewhere)
    column.addWidget(widget)
    qtbot.addWidget(page)
    page.show()
    qtbot.waitExposed(page)
    page.activateWindow()
    elsewhere.setFocus()
    qtbot.waitUntil(elsewhere.hasFocus)
    before = _value(widget)

    _turn_wheel_down(widget)  # the page is being scrolled past it
    assert _value(widget) == before
    assert elsewhere.hasFocus()  # the wheel gives no focus either

    widget.setFocus()
    qtbot.waitUntil(widget.hasFocus)
    _turn_wheel_down(widget)
    assert _value(widget) != before
