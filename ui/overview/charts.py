"""One kind of picture for the overview: a bar chart of counts, with the number on each bar.

Qt Charts (PySide6-Addons) draws it; whole numbers only on the count axis, no legend, no
animation. Long category names (kinds of detention, devices) get horizontal bars so they
can be read whole.
"""

from __future__ import annotations

from PySide6.QtCharts import (QBarCategoryAxis, QBarSet, QBarSeries, QChart, QChartView,
                              QHorizontalBarSeries, QValueAxis)
from PySide6.QtCore import QMargins, Qt
from PySide6.QtGui import QColor, QFont, QPainter
from PySide6.QtWidgets import QWidget

BAR_COLOUR = QColor("#2f6f9f")


class BarChart(QChartView):
    """A titled bar chart of (category, count); `counts()` gives back what it shows."""

    def __init__(self, name: str, horizontal: bool = False,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName(name)
        self.horizontal = horizontal
        self.setRenderHint(QPainter.RenderHint.Antialiasing)
        self.setMinimumHeight(260)
        self._shown: list[tuple[str, int]] = []
        chart = QChart()
        chart.legend().hide()
        chart.setAnimationOptions(QChart.AnimationOption.NoAnimation)
        chart.setMargins(QMargins(4, 4, 4, 4))
        chart.setBackgroundRoundness(4)
        self.setChart(chart)

    def show_counts(self, title: str, bars: list[tuple[str, int]]) -> None:
        """Draw `bars` under `title` (replacing what was drawn)."""
        chart = self.chart()
        chart.removeAllSeries()
        for axis in chart.axes():
            chart.removeAxis(axis)
        font = QFont(self.font())
        font.setBold(True)
        chart.setTitleFont(font)
        chart.setTitle(title)
        self._shown = list(bars)
        if self.horizontal:
            bars = list(reversed(bars))  # the first category at the top
        values = QBarSet(title)
        values.append([float(n) for _, n in bars])
        values.setColor(BAR_COLOUR)
        values.setLabelColor(QColor("#1b1b1b"))
        series = QHorizontalBarSeries() if self.horizontal else QBarSeries()
        series.append(values)
        series.setLabelsVisible(True)
        series.setLabelsFormat("@value")
        series.setLabelsPosition(QBarSeries.LabelsPosition.LabelsOutsideEnd)
        series.setBarWidth(0.7)
        chart.addSeries(series)
        categories = QBarCategoryAxis()
        categories.append([label for label, _ in bars])
        counts = QValueAxis()
        top = max([n for _, n in bars] + [1])
        counts.setRange(0, top + max(1, top // 8))  # room for the number above the bar
        counts.setLabelFormat("%d")
        counts.setTickType(QValueAxis.TickType.TicksDynamic)
        counts.setTickAnchor(0)
        counts.setTickInterval(max(1, round(top / 5)))
        chart.addAxis(categories, Qt.AlignmentFlag.AlignLeft if self.horizontal
                      else Qt.AlignmentFlag.AlignBottom)
        chart.addAxis(counts, Qt.AlignmentFlag.AlignBottom if self.horizontal
                      else Qt.AlignmentFlag.AlignLeft)
        series.attachAxis(categories)
        series.attachAxis(counts)
        self.setAccessibleName(title)
        self.setAccessibleDescription("; ".join(f"{label}: {n}" for label, n in self._shown))

    def counts(self) -> list[tuple[str, int]]:
        """What the chart shows, read back from its series and axis: (category, count)."""
        series = self.chart().series()
        if not series:
            return []
        values = series[0].barSets()[0]
        axis = next(a for a in self.chart().axes() if isinstance(a, QBarCategoryAxis))
        pairs = [(axis.at(i), int(values.at(i))) for i in range(values.count())]
        return list(reversed(pairs)) if self.horizontal else pairs
