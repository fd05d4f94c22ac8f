"""The pieces the library screen is built of: its two views and its two quiet states."""

from __future__ import annotations

from PySide6.QtCore import QItemSelectionModel, Qt
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (QAbstractItemView, QHeaderView, QListView, QSizePolicy, QStyle,
                               QTableView, QToolButton, QVBoxLayout, QWidget)

from ui.widgets.icons import set_icon
from ui.library.delegates import MARGIN, TABLE_THUMB, ConsentBadgeDelegate, ThumbnailDelegate
from ui.library.model import Col, LibraryModel
from ui.library.thumbnails import ThumbnailCache
from ui.widgets.basics import centered, heading, paragraph, push_button


class EmptyLibrary(QWidget):
    """What a new volunteer sees: no testimonies yet, and one big button to record."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        body = QWidget()
        layout = QVBoxLayout(body)
        layout.addWidget(heading(self.tr("No testimonies yet")))
        layout.addWidget(paragraph(self.tr(
            "The testimonies you record appear here. They are kept encrypted on this "
            "computer, and nobody can read them without your passphrase.")))
        button = push_button(self.tr("Record a testimony"), "recordFirstButton")
        font = button.font()
        font.setPointSizeF(font.pointSizeF() * 1.3)
        font.setWeight(QFont.Weight.DemiBold)
        button.setFont(font)
        set_icon(button, QStyle.StandardPixmap.SP_MediaPlay)
        button.setMinimumHeight(button.sizeHint().height() * 2)
        button.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        layout.addSpacing(MARGIN * 2)
        layout.addWidget(button)
        self.record_button = button
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.addWidget(centered(body, 520, room_below=2))


class NoMatches(QWidget):
    """Shown in place of the list when a search or the filters leave nothing."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        layout = QVBoxLayout(self)
        layout.addStretch(1)
        self.label = paragraph("")
        self.label.setObjectName("noMatchLabel")
        self.label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        layout.addWidget(self.label)
        self.show_all_button = push_button(self.tr("Show all testimonies"), "showAllButton")
        layout.addWidget(self.show_all_button, 0, Qt.AlignmentFlag.AlignHCenter)
        layout.addStretch(2)

    def say(self, query: str) -> None:
        """Name the search that found nothing (or the filters, when there is no search)."""
        if query:
            self.label.setText(self.tr("No testimony matches “{text}”.").format(text=query))
        else:
            self.label.setText(self.tr("No testimony matches these choices."))


def toggle_button(text: str, icon) -> QToolButton:
    """A checkable, flat tool button with an icon and text."""
    button = QToolButton()
    button.setText(text)
    button.setIcon(icon)
    button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
    button.setCheckable(True)
    button.setAutoRaise(True)
    return button


def make_table(model: LibraryModel, cache: ThumbnailCache) -> QTableView:
    """The list view: one testimony per row, sortable by clicking a column title."""
    table = QTableView()
    table.setObjectName("libraryTable")
    table.setModel(model)
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
    table.setShowGrid(False)
    table.setAlternatingRowColors(True)
    table.setWordWrap(False)
    table.setCornerButtonEnabled(False)
    table.verticalHeader().hide()
    table.verticalHeader().setDefaultSectionSize(TABLE_THUMB.height() + 2 * MARGIN)
    table.setItemDelegateForColumn(Col.THUMB, ThumbnailDelegate(cache, grid=False, parent=table))
    table.setItemDelegateForColumn(Col.CONSENT, ConsentBadgeDelegate(table))
    header = table.horizontalHeader()
    header.setHighlightSections(False)
    header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
    header.setSectionResizeMode(Col.THUMB, QHeaderView.ResizeMode.Fixed)
    header.setSectionResizeMode(Col.TITLE, QHeaderView.ResizeMode.Stretch)
    header.resizeSection(Col.THUMB, TABLE_THUMB.width() + 2 * MARGIN)
    fm = table.fontMetrics()
    # Measured on sample text rather than on the rows: resizing to contents would ask
    # every row for its size.
    for col, sample in ((Col.NAME, "Abdurehimov Maksutkhan"), (Col.DATE, "00/00/0000  "),
                        (Col.DURATION, "0:00:00  "), (Col.CONSENT, "Anonymous    "),
                        (Col.STATUS, "Exported · synced  ")):
        header.resizeSection(col, fm.horizontalAdvance(sample) + 2 * MARGIN)
    header.setSortIndicator(Col.DATE, Qt.SortOrder.DescendingOrder)
    table.setSortingEnabled(True)
    return table


def make_grid(model: LibraryModel, cache: ThumbnailCache,
              selection: QItemSelectionModel) -> QListView:
    """The grid view: a tile per testimony, sharing the list's selection."""
    grid = QListView()
    grid.setObjectName("libraryGrid")
    grid.setModel(model)
    old = grid.selectionModel()
    grid.setSelectionModel(selection)
    old.deleteLater()
    grid.setViewMode(QListView.ViewMode.IconMode)
    grid.setMovement(QListView.Movement.Static)
    grid.setResizeMode(QListView.ResizeMode.Adjust)
    grid.setUniformItemSizes(True)
    grid.setSpacing(MARGIN * 2)
    grid.setWrapping(True)
    grid.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
    grid.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    grid.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
    grid.setItemDelegate(ThumbnailDelegate(cache, grid=True, parent=grid))
    return grid
