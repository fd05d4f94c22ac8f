"""The audio level meter: a painted bar, green while speech is fine, yellow loud, red too loud.

The filled bar is the RMS level (what the ear hears); a thin mark shows the peak.
The scale runs from FLOOR_DB (silence, for a meter) to 0 dBFS (the loudest sound the
recording can hold).
"""

from __future__ import annotations

import math

from PySide6.QtCore import QPointF, QRectF, QSize, Qt
from PySide6.QtGui import QColor, QPainter, QPalette, QPen
from PySide6.QtWidgets import QSizePolicy, QWidget

FLOOR_DB = -60.0
YELLOW_FROM_DB = -12.0
RED_FROM_DB = -3.0
GREEN, YELLOW, RED = QColor("#2e7d32"), QColor("#f9a825"), QColor("#c62828")


def fraction(db: float) -> float:
    """Where `db` (dBFS) sits on the meter, 0..1."""
    if math.isnan(db) or db <= FLOOR_DB:
        return 0.0
    return min(1.0, (db - FLOOR_DB) / -FLOOR_DB)


def colour_for(db: float) -> QColor:
    """Green, yellow or red for a level."""
    if db >= RED_FROM_DB:
        return RED
    if db >= YELLOW_FROM_DB:
        return YELLOW
    return GREEN


class LevelMeter(QWidget):
    """A horizontal sound level bar fed with dBFS values (RecordStatus peak/RMS)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("levelMeter")
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.setAccessibleName(self.tr("Sound level"))
        self._peak = float("-inf")
        self._rms = float("-inf")
        self._active = False

    def sizeHint(self) -> QSize:  # noqa: N802 (Qt's name)
        """Wide and about a line of text high."""
        h = self.fontMetrics().height()
        return QSize(16 * h, h + 6)

    def minimumSizeHint(self) -> QSize:  # noqa: N802 (Qt's name)
        """Narrow enough for a small window."""
        h = self.fontMetrics().height()
        return QSize(4 * h, h + 6)

    def set_levels(self, peak_dbfs: float, rms_dbfs: float) -> None:
        """Show new levels (dBFS; -inf for silence)."""
        if (peak_dbfs, rms_dbfs) == (self._peak, self._rms) and self._active:
            return
        self._peak, self._rms, self._active = peak_dbfs, rms_dbfs, True
        self.setToolTip(self.tr("Sound level: {db} dB").format(db=round(peak_dbfs))
                        if peak_dbfs > FLOOR_DB else self.tr("Sound level: silent"))
        self.update()

    def clear(self) -> None:
        """Show nothing (no sound source)."""
        self._peak = self._rms = float("-inf")
        self._active = False
        self.setToolTip("")
        self.update()

    def levels(self) -> tuple[float, float]:
        """The peak and RMS levels shown."""
        return self._peak, self._rms

    def paintEvent(self, event) -> None:  # noqa: N802 (Qt's name)
        """Draw the trough, the RMS bar in its colour and the peak mark."""
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        rect = QRectF(self.rect()).adjusted(0.5, 0.5, -0.5, -0.5)
        palette = self.palette()
        painter.setPen(palette.color(QPalette.ColorRole.Mid))
        painter.setBrush(palette.color(QPalette.ColorRole.Base))
        painter.drawRoundedRect(rect, 3, 3)
        if not self._active:
            return
        inner = rect.adjusted(2, 2, -2, -2)
        width = inner.width() * fraction(self._rms)
        if width > 0:
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(colour_for(self._rms))
            painter.drawRoundedRect(QRectF(inner.left(), inner.top(), width, inner.height()), 2, 2)
        peak = fraction(self._peak)
        if peak > 0:
            x = inner.left() + inner.width() * peak
            painter.setPen(QPen(colour_for(self._peak), 2))
            painter.drawLine(QPointF(x, inner.top()), QPointF(x, inner.bottom()))
