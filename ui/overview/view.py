"""The overview screen: how many testimonies came in each month and from which device, and
the detained people by kind of detention and by year detained, as bar charts.

The numbers come from app/overview.py on the vault thread; this screen only draws them.
An empty archive shows a sentence saying what will appear here, not empty axes.
"""

from __future__ import annotations

from PySide6.QtCore import QDate, QLocale, Qt
from PySide6.QtWidgets import QFrame, QGridLayout, QScrollArea, QVBoxLayout, QWidget

from app.overview import ArchiveOverview, DeviceBar, archive_overview

from ui.overview.charts import BarChart
from ui.runtime.context import AppContext
from ui.widgets.basics import heading, note, paragraph
from ui.widgets.screen import Screen


class OverviewScreen(Screen):
    """Four bar charts over the whole archive, or a friendly empty state."""

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        self._loads = 0
        self.figures: ArchiveOverview | None = None
        layout = QVBoxLayout(self)
        layout.addWidget(heading(self.tr("Overview")))
        self.summary = note("overviewSummary")
        layout.addWidget(self.summary)
        self.empty = paragraph(self.tr(
            "Nothing to count yet. Once testimonies are recorded or imported, this page "
            "shows how many came in each month and from which laptop, and the detained "
            "people by kind of detention and by the year they were detained."))
        self.empty.setObjectName("overviewEmpty")
        self.empty.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeading)
        layout.addWidget(self.empty, 1)  # takes the room the hidden charts leave
        self.per_month = BarChart("chartPerMonth")
        self.per_device = BarChart("chartPerDevice", horizontal=True)
        self.by_kind = BarChart("chartByKind", horizontal=True)
        self.by_year = BarChart("chartByYear")
        self.charts = QWidget()
        grid = QGridLayout(self.charts)
        grid.setContentsMargins(0, 0, 0, 0)
        for n, chart in enumerate((self.per_month, self.per_device, self.by_kind, self.by_year)):
            grid.addWidget(chart, n // 2, n % 2)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setWidget(self.charts)
        self.scroll = scroll
        layout.addWidget(scroll, 1)
        self._show_empty(True)

    # -- Screen ------------------------------------------------------------------

    def activate(self) -> None:
        """Count again each time the screen is shown."""
        self.reload()

    def clear(self) -> None:
        """Forget every number (at lock)."""
        self._loads += 1
        self.figures = None
        for chart in (self.per_month, self.per_device, self.by_kind, self.by_year):
            chart.show_counts("", [])
        self.summary.clear()
        self._show_empty(True)

    # -- loading -----------------------------------------------------------------

    def reload(self) -> None:
        """Ask the vault for the figures and draw them."""
        if not self.ctx.is_unlocked:
            return
        self._loads += 1
        ticket = self._loads
        self.ctx.op(self, archive_overview).success(lambda f: self._show(ticket, f)).run()

    def _show(self, ticket: int, figures: ArchiveOverview) -> None:
        if ticket != self._loads:
            return  # a lock or a newer load came first
        self.figures = figures
        self._show_empty(figures.empty)
        if figures.empty:
            self.summary.clear()
            return
        self.summary.setText(self.tr("%n testimony", "%n testimonies", figures.testimonies) + " · "
                             + self.tr("%n detained person named", "%n detained people named",
                                     figures.detained))
        self.per_month.show_counts(self.tr("Testimonies per month"),
                                   [(self._month(b.label), b.count) for b in figures.per_month])
        self.per_device.show_counts(self.tr("Testimonies per laptop"),
                                    [(self._device(d), d.count) for d in figures.per_device])
        self.by_kind.show_counts(self.tr("Detained people by kind of detention"),
                                 [(b.label or self.tr("not recorded"), b.count)
                                  for b in figures.by_kind])
        self.by_year.show_counts(self.tr("Detained people by year detained"),
                                 [(b.label or self.tr("not recorded"), b.count)
                                  for b in figures.by_year])

    def _show_empty(self, empty: bool) -> None:
        self.empty.setVisible(empty)
        self.scroll.setVisible(not empty)

    @staticmethod
    def _month(key: str) -> str:
        return QLocale().toString(QDate(int(key[:4]), int(key[5:]), 1), "MMM yyyy")

    def _device(self, device: DeviceBar) -> str:
        name = f"{device.label} ({device.fingerprint})" if device.label else device.fingerprint
        return self.tr("this computer ({name})").format(name=name) if device.this_device else name
