"""The library: every testimony as a list or a grid, with instant search, filters and sorting.

It is the first screen after unlocking. The summaries are loaded once off the GUI
thread; search runs the vault's cross-script search ("Bayzhanov" finds "Байжанов")
150 ms after the last keystroke; filters and sorting work on the list in memory.
"""

from __future__ import annotations

from dataclasses import replace

from PySide6.QtCore import (QEvent, QItemSelection, QItemSelectionModel, QLocale, QObject, Qt,
                            QTimer)
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (QAbstractItemView, QButtonGroup, QHBoxLayout, QLabel, QLineEdit,
                               QStackedWidget, QStyle, QVBoxLayout, QWidget)

from app import library
from app.session import Vault
from app.sync import LastSync, last_sync
from storage.models import TestimonySummary

from ui.runtime.context import AppContext
from ui.library.erase_delivered import EraseDeliveredButton
from ui.runtime.errors import show_error
from ui.library.model import ID_ROLE, UNSYNCED, Arrangement, Col, LibraryModel
from ui.library.parts import EmptyLibrary, NoMatches, make_grid, make_table, toggle_button
from ui.widgets.basics import combo, note
from ui.widgets.screen import Screen
from ui.library.thumbnails import ThumbnailCache

SEARCH_DELAY_MS = 150
# Sort choices of the combo box: (column, descending).
_SORTS = ((Col.DATE, True), (Col.DATE, False), (Col.TITLE, False), (Col.DURATION, True))


def load_library(vault: Vault) -> tuple[list[TestimonySummary], LastSync | None,
                                        tuple[int, bool]]:
    """Every testimony summary, the last sync, and what the unlock found: how many
    sealed objects the catalogue does not know, and whether it is an older copy
    (vault thread)."""
    found = (len(vault.unknown_objects), vault.rollback_finding() is not None)
    return library.list_summaries(vault), last_sync(vault), found


class LibraryScreen(Screen):
    """Testimonies as a list or grid; search, filter, sort; opens the form."""

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        self.model = LibraryModel(self)
        self.thumbnails = ThumbnailCache(ctx, self)
        self.thumbnails.ready.connect(self.model.thumbnail_changed)
        self._all: list[TestimonySummary] = []
        self._synced_at: str | None = None
        self._query = ""          # the search whose hits the model shows ("" = all)
        self._loaded = False      # the first load since unlock has arrived
        self._loading = False
        self._reload_again = False
        self._epoch = 0           # bumped by clear(): late results are dropped
        self._search_seq = 0
        self._kept_selection: list[str] = []
        self._search_timer = QTimer(self)
        self._search_timer.setSingleShot(True)
        self._search_timer.setInterval(SEARCH_DELAY_MS)
        self._search_timer.timeout.connect(self._run_search)

        self.pages = QStackedWidget()
        self.pages.addWidget(self._build_content())
        self.empty = EmptyLibrary()
        self.empty.record_button.clicked.connect(lambda: self.ctx.record_into.emit(""))
        self.pages.addWidget(self.empty)
        # What the unlock found: unknown objects, an older catalogue.
        self.notice = note("recoveryNotice", problem=True)
        self.notice.hide()
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.addWidget(self.notice)
        outer.addWidget(self.pages)
        ctx.catalogue_changed.connect(self._catalogue_changed)
        # Filtering, sorting and reloading reset the model: the selection survives them.
        self.model.modelAboutToBeReset.connect(self._remember_selection)
        self.model.modelReset.connect(self._restore_selection)
        self._update_state()

    # -- building --------------------------------------------------------------

    def _build_content(self) -> QWidget:
        content = QWidget()
        layout = QVBoxLayout(content)
        self.search = QLineEdit()
        self.search.setObjectName("librarySearch")
        self.search.setPlaceholderText(self.tr("Search names, titles, places… in any spelling"))
        self.search.setClearButtonEnabled(True)
        self.search.textChanged.connect(lambda _: self._search_timer.start())
        self.search.installEventFilter(self)
        icon = self.style().standardIcon
        self.list_button = toggle_button(self.tr("List"),
                                         icon(QStyle.StandardPixmap.SP_FileDialogDetailedView))
        self.grid_button = toggle_button(self.tr("Grid"),
                                         icon(QStyle.StandardPixmap.SP_FileDialogContentsView))
        self.list_button.setChecked(True)
        group = QButtonGroup(self)
        group.addButton(self.list_button)
        group.addButton(self.grid_button)
        self.grid_button.toggled.connect(self.show_grid)
        top = QHBoxLayout()
        top.addWidget(self.search, 1)
        top.addWidget(self.list_button)
        top.addWidget(self.grid_button)
        layout.addLayout(top)

        self.status_filter = combo("statusFilter", (
            ("", self.tr("All statuses")), ("draft", self.tr("Draft")),
            ("ready", self.tr("Ready")), ("exported", self.tr("Exported")),
            ("delivered", self.tr("Delivered")), (UNSYNCED, self.tr("Not synced yet"))),
            fit_contents=True)
        self.consent_filter = combo("consentFilter", (
            ("", self.tr("Any consent")), ("public", self.tr("Public")),
            ("anonymous", self.tr("Anonymous")), ("restricted", self.tr("Restricted"))),
            fit_contents=True)
        self.sort_combo = combo("sortCombo", (
            (0, self.tr("Newest first")), (1, self.tr("Oldest first")),
            (2, self.tr("Title A–Z")), (3, self.tr("Longest first"))), fit_contents=True)
        self.sort_combo.setPlaceholderText(self.tr("Sorted by a column"))
        self.status_filter.currentIndexChanged.connect(self._filters_changed)
        self.consent_filter.currentIndexChanged.connect(self._filters_changed)
        self.sort_combo.currentIndexChanged.connect(self._sort_chosen)
        self.count_label = QLabel()
        self.count_label.setObjectName("libraryCount")
        bar = QHBoxLayout()
        for label, box in ((self.tr("Show:"), self.status_filter), (None, self.consent_filter),
                           (self.tr("Sort:"), self.sort_combo)):
            if label:
                caption = QLabel(label)
                caption.setBuddy(box)
                bar.addWidget(caption)
            bar.addWidget(box)
        bar.addStretch(1)
        self.erase_delivered = EraseDeliveredButton(self.ctx)
        bar.addWidget(self.erase_delivered)
        bar.addWidget(self.count_label)
        layout.addLayout(bar)

        self.table = make_table(self.model, self.thumbnails)
        self.table.horizontalHeader().sortIndicatorChanged.connect(self._header_sorted)
        self.table.activated.connect(self._open)
        self.grid = make_grid(self.model, self.thumbnails, self.table.selectionModel())
        self.grid.activated.connect(self._open)
        self.no_matches = NoMatches()
        self.no_matches.show_all_button.clicked.connect(self.reset_filters)
        self.views = QStackedWidget()
        self.views.addWidget(self.table)
        self.views.addWidget(self.grid)
        self.views.addWidget(self.no_matches)
        layout.addWidget(self.views, 1)
        return content

    # -- Screen --------------------------------------------------------------------

    def activate(self) -> None:
        """Load (or reload) the testimonies."""
        self.reload()

    def clear(self) -> None:
        """Forget every testimony, picture, the search text and the filters (at lock)."""
        self._epoch += 1
        self._search_seq += 1
        self._search_timer.stop()
        self._loading = self._reload_again = self._loaded = False
        self._all, self._synced_at, self._query = [], None, ""
        self.erase_delivered.show_for([])
        self.thumbnails.clear()
        self._reset_controls()
        self.model.clear()
        self._kept_selection = []
        self.notice.clear()
        self.notice.hide()
        self._update_state()

    @property
    def query(self) -> str:
        """The search whose results are shown ("" when every testimony is)."""
        return self._query

    @property
    def is_loaded(self) -> bool:
        """True once the testimonies were read after unlocking (until the next lock)."""
        return self._loaded

    def selected_ids(self) -> list[str]:
        """Ids of the selected testimonies, in list order."""
        rows = sorted({i.row() for i in self.table.selectionModel().selectedIndexes()})
        return [self.model.summary(r).id for r in rows]

    # -- loading ---------------------------------------------------------------------

    def reload(self) -> None:
        """Read the testimonies again (once at a time; a request meanwhile runs after)."""
        if not self.ctx.is_unlocked:
            return
        if self._loading:
            self._reload_again = True
            return
        self._loading = True
        self._update_state()
        epoch = self._epoch
        (self.ctx.op(self, load_library)
         .success(lambda result: self._loaded_library(epoch, result))
         .failure(lambda error: self._load_failed(epoch, error))
         .run())

    def _loaded_library(self, epoch: int, result) -> None:
        if epoch != self._epoch:
            return
        summaries, synced, found = result
        self._say_found(*found)
        self._loading, first = False, not self._loaded
        self._loaded = True
        self._all = summaries
        self.erase_delivered.show_for(summaries)
        self._synced_at = synced.at if synced else None
        if self.search.text().strip():
            self._run_search()  # the hits may have changed too
        else:
            self._show(summaries, "", keep_place=not first)
        if self._reload_again:
            self._reload_again = False
            self.reload()

    def _say_found(self, unknown: int, older: bool) -> None:
        lines = []
        if older:
            lines.append(self.tr("The catalogue is an older copy: changes made after it are not"
                                 " in it. Nothing was deleted."))
        if unknown:
            lines.append(self.tr("Sealed recordings that the catalogue does not know: {n}. It may"
                                 " be an older copy; they were kept (kua verify lists them)."
                                 ).format(n=QLocale().toString(unknown)))
        self.notice.setText("\n".join(lines))
        self.notice.setVisible(bool(lines))

    def _load_failed(self, epoch: int, error: BaseException) -> None:
        if epoch != self._epoch:
            return
        self._loading = self._reload_again = False
        show_error(self, error)

    def _catalogue_changed(self, testimony_id: str) -> None:
        if not self.ctx.is_unlocked:
            return
        if testimony_id:
            self.thumbnails.forget(testimony_id)  # a still may have been added
        else:
            self.thumbnails.clear()
        if self.isVisible():
            self.reload()  # otherwise activate() reloads when the screen is shown

    # -- search, filters, sorting ----------------------------------------------------

    def _run_search(self) -> None:
        self._search_timer.stop()
        text = self.search.text().strip()
        self._search_seq += 1
        if not text:
            self._show(self._all, "")
            return
        if not self.ctx.is_unlocked:
            return
        seq, epoch = self._search_seq, self._epoch
        (self.ctx.op(self, lambda vault: library.search_summaries(vault, text))
         .success(lambda hits: self._search_done(epoch, seq, text, hits))
         .run())

    def _search_done(self, epoch: int, seq: int, text: str, hits: list[TestimonySummary]) -> None:
        if epoch == self._epoch and seq == self._search_seq:
            self._show(hits, text, keep_place=text == self._query)

    def _show(self, summaries: list[TestimonySummary], query: str,
              keep_place: bool = False) -> None:
        """Put these summaries in the model (after a reload: at the same scroll place)."""
        view = self.current_view()
        scroll = view.verticalScrollBar().value()
        shown = self.model.rowCount()
        self._query = query
        self.model.set_summaries(summaries, self._synced_at)
        if keep_place:
            self.model.fetch_to(shown - 1)
            self._restore_selection()  # rows fetched again may hold some of it
            view.verticalScrollBar().setValue(scroll)
        self._update_state()

    def _filters_changed(self) -> None:
        self._rearrange(replace(self.model.arrangement,
                                status=self.status_filter.currentData() or "",
                                consent=self.consent_filter.currentData() or ""))

    def _sort_chosen(self, index: int) -> None:
        if index < 0:
            return
        column, descending = _SORTS[index]
        # Through the header, so that its arrow shows the order too.
        self.table.sortByColumn(column, Qt.SortOrder.DescendingOrder if descending
                                else Qt.SortOrder.AscendingOrder)

    def _header_sorted(self, column: int, order: Qt.SortOrder) -> None:
        choice = (Col.DATE if column == Col.THUMB else column,
                  order == Qt.SortOrder.DescendingOrder)
        self.sort_combo.blockSignals(True)
        self.sort_combo.setCurrentIndex(_SORTS.index(choice) if choice in _SORTS else -1)
        self.sort_combo.blockSignals(False)
        self._update_state()

    def _rearrange(self, arrangement: Arrangement) -> None:
        self.model.set_arrangement(arrangement)
        self._update_state()

    def reset_filters(self) -> None:
        """Clear the search and show every status and consent level."""
        self._reset_controls()
        self._rearrange(replace(self.model.arrangement, status="", consent=""))
        self._run_search()

    def _reset_controls(self) -> None:
        for widget in (self.search, self.status_filter, self.consent_filter):
            widget.blockSignals(True)
        self.search.clear()
        self.status_filter.setCurrentIndex(0)
        self.consent_filter.setCurrentIndex(0)
        for widget in (self.search, self.status_filter, self.consent_filter):
            widget.blockSignals(False)

    # -- views ---------------------------------------------------------------------------

    def current_view(self) -> QAbstractItemView:
        """The table or the grid, whichever is chosen."""
        return self.grid if self.grid_button.isChecked() else self.table

    def show_grid(self, grid: bool) -> None:
        """Switch between the list and the grid (the selection stays)."""
        self.grid_button.setChecked(grid)
        self.list_button.setChecked(not grid)
        self._update_state()

    def _remember_selection(self) -> None:
        self._kept_selection = self.selected_ids()

    def _restore_selection(self) -> None:
        """Select again the remembered testimonies that are among the fetched rows."""
        selection = QItemSelection()
        last = self.model.columnCount() - 1
        rows = [self.model.row_of(t) for t in self._kept_selection]
        rows = [r for r in rows if r is not None and r < self.model.rowCount()]
        for row in rows:
            selection.select(self.model.index(row, 0), self.model.index(row, last))
        selection_model = self.table.selectionModel()
        selection_model.select(selection, QItemSelectionModel.SelectionFlag.ClearAndSelect)
        if rows:
            selection_model.setCurrentIndex(self.model.index(min(rows), 0),
                                            QItemSelectionModel.SelectionFlag.NoUpdate)

    def _open(self, index) -> None:
        testimony_id = index.data(ID_ROLE)
        if testimony_id:
            self.ctx.open_testimony.emit(testimony_id)

    def retranslate(self) -> None:
        """The count again in the current language (ui/runtime/translator.py)."""
        self._update_state()

    def _update_state(self) -> None:
        """Empty vault, no matches, or the chosen view; and the count."""
        model = self.model
        if self._loaded and not self._all and not self._query:
            self.pages.setCurrentIndex(1)
            return
        self.pages.setCurrentIndex(0)
        filtered = bool(self._query or model.arrangement.status or model.arrangement.consent)
        if self._loaded and model.match_count == 0:
            self.no_matches.say(self._query)
            self.views.setCurrentIndex(2)
        else:
            self.views.setCurrentIndex(1 if self.grid_button.isChecked() else 0)
        locale = QLocale()
        if not self._loaded:
            self.count_label.setText(self.tr("Loading…") if self._loading else "")
        elif filtered:
            self.count_label.setText(self.tr("{n} of {total}").format(
                n=locale.toString(model.match_count), total=locale.toString(len(self._all))))
        else:
            self.count_label.setText(self.tr("%Ln testimony", "%Ln testimonies",
                                             model.match_count))

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt's name)
        """Down arrow in the search field goes to the list."""
        if (watched is self.search and event.type() == QEvent.Type.KeyPress
                and isinstance(event, QKeyEvent) and event.key() == Qt.Key.Key_Down
                and self.model.rowCount()):
            view = self.current_view()
            view.setFocus()
            if not view.currentIndex().isValid():
                view.setCurrentIndex(self.model.index(0, 0))
            return True
        return super().eventFilter(watched, event)
