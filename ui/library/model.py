"""The library's item model: every testimony summary in memory, rows shown in batches.

The whole list (10,000 summaries are a few MB) is loaded once off the GUI thread.
Filtering and sorting happen here, in Python, on that list of frozen summaries: for
10,000 rows that takes 2-7 ms, where a QSortFilterProxyModel, calling `data()` through
Python for every row, took 1.4 s to sort and 70 ms to filter (measured on the 2-core
test machine). The views see only the rows fetched so far and ask for more
(`canFetchMore`/`fetchMore`) as they scroll, so they never lay out 10,000 rows at once.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from enum import IntEnum
from typing import Any, Iterable

from PySide6.QtCore import (QAbstractTableModel, QCoreApplication, QModelIndex,
                            QPersistentModelIndex, Qt)

from storage.models import TestimonySummary

from ui.runtime.formats import format_date, format_datetime, format_duration

BATCH = 200

ID_ROLE = Qt.ItemDataRole.UserRole + 1
SUMMARY_ROLE = Qt.ItemDataRole.UserRole + 2

UNSYNCED = "unsynced"  # the status filter that means "changed since the last sync"
Index = QModelIndex | QPersistentModelIndex
_STATUS_ORDER = {"draft": 0, "ready": 1, "exported": 2, "delivered": 3}
_ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")


class Col(IntEnum):
    """The table's columns."""

    THUMB = 0
    TITLE = 1
    NAME = 2
    DATE = 3
    DURATION = 4
    CONSENT = 5
    STATUS = 6


def status_label(status: str) -> str:
    """The word shown for a testimony status."""
    words = {"draft": QCoreApplication.translate("LibraryModel", "Draft"),
             "ready": QCoreApplication.translate("LibraryModel", "Ready"),
             "exported": QCoreApplication.translate("LibraryModel", "Exported"),
             "delivered": QCoreApplication.translate("LibraryModel", "Delivered")}
    return words.get(status, status)


def consent_label(consent: str) -> str:
    """The word shown for a consent level."""
    words = {"public": QCoreApplication.translate("LibraryModel", "Public"),
             "anonymous": QCoreApplication.translate("LibraryModel", "Anonymous"),
             "restricted": QCoreApplication.translate("LibraryModel", "Restricted")}
    return words.get(consent, consent)


def consent_hint(consent: str) -> str:
    """What a consent level allows, in plain words."""
    hints = {
        "public": QCoreApplication.translate(
            "LibraryModel", "The speaker agreed that this testimony may be published."),
        "anonymous": QCoreApplication.translate(
            "LibraryModel", "Share only the anonymized copy, with faces blurred."),
        "restricted": QCoreApplication.translate(
            "LibraryModel", "Only for the organizers; do not publish.")}
    return hints.get(consent, "")


def date_text(summary: TestimonySummary) -> str:
    """When the testimony was recorded (else created), as an ISO string."""
    recorded = summary.recorded_at or ""
    return recorded if _ISO_DATE.match(recorded) else summary.created_at


def is_synced(summary: TestimonySummary, synced_at: str | None) -> bool:
    """True if the testimony did not change since the last sync.

    Both are ISO 8601 UTC strings to the second (storage.audit.now), so they compare as
    text. A change in the very second of the sync counts as not synced: "synced" must
    never be claimed wrongly.
    """
    return synced_at is not None and summary.updated_at < synced_at


@dataclass(frozen=True, slots=True)
class Arrangement:
    """Which rows are shown and in what order."""

    status: str = ""            # "", a status, or UNSYNCED
    consent: str = ""           # "" or a consent level
    column: Col = Col.DATE      # the sort column
    descending: bool = True


def _sort_key(column: Col):
    if column == Col.TITLE:
        return lambda s: s.title.casefold()
    if column == Col.NAME:
        return lambda s: s.detained_names[0].casefold() if s.detained_names else ""
    if column == Col.DURATION:
        return lambda s: -1.0 if s.duration is None else s.duration
    if column == Col.CONSENT:
        return lambda s: s.consent
    if column == Col.STATUS:
        return lambda s: _STATUS_ORDER.get(s.status, 9)
    return date_text


def arrange(summaries: Iterable[TestimonySummary], arrangement: Arrangement,
            synced_at: str | None) -> list[TestimonySummary]:
    """The summaries that pass the filters, sorted (stable: ties keep their order)."""
    rows = list(summaries)
    a = arrangement
    if a.status == UNSYNCED:
        rows = [s for s in rows if not is_synced(s, synced_at)]
    elif a.status:
        rows = [s for s in rows if s.status == a.status]
    if a.consent:
        rows = [s for s in rows if s.consent == a.consent]
    rows.sort(key=_sort_key(a.column), reverse=a.descending)
    return rows


def _local_date(iso: str) -> tuple[str, str]:
    """(short date, long date and time) in the user's locale for an ISO string."""
    return format_date(iso), format_datetime(iso, long=True)


class LibraryModel(QAbstractTableModel):
    """Testimony summaries as table rows, handed to the views a batch at a time."""

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self._base: list[TestimonySummary] = []   # every testimony, or the search hits
        self._rows: list[TestimonySummary] = []   # after filters and sorting
        self._row_of: dict[str, int] = {}
        self._shown = 0
        self._synced_at: str | None = None
        self._arrangement = Arrangement()
        self._texts: dict[str, tuple[str, ...]] = {}  # display strings, made when first shown

    # -- what is shown ---------------------------------------------------------

    @property
    def arrangement(self) -> Arrangement:
        """The current filters and sort order."""
        return self._arrangement

    def set_summaries(self, summaries: list[TestimonySummary], synced_at: str | None) -> None:
        """Show these summaries (all of them, or search hits) with the current arrangement."""
        self._base = summaries
        self._synced_at = synced_at
        self._texts.clear()
        self._rearrange()

    def set_arrangement(self, arrangement: Arrangement) -> None:
        """Change filters or sort order."""
        if arrangement != self._arrangement:
            self._arrangement = arrangement
            self._rearrange()

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        """Sort by a column (the table header calls this)."""
        col = Col.DATE if column == Col.THUMB else Col(column)
        self.set_arrangement(replace(self._arrangement, column=col,
                                     descending=order == Qt.SortOrder.DescendingOrder))

    def retranslate(self) -> None:
        """Words, dates and column titles again in the current language (ui/runtime/translator.py)."""
        self._texts.clear()
        if self._shown:
            self.dataChanged.emit(self.index(0, 0), self.index(self._shown - 1,
                                                               self.columnCount() - 1))
        self.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, self.columnCount() - 1)

    def clear(self) -> None:
        """Forget every testimony (at lock)."""
        self.beginResetModel()
        self._base, self._rows, self._row_of, self._shown = [], [], {}, 0
        self._synced_at = None
        self._texts.clear()
        # Filters go (the screen resets its controls); the sort order is a preference.
        self._arrangement = Arrangement(column=self._arrangement.column,
                                        descending=self._arrangement.descending)
        self.endResetModel()

    def _rearrange(self) -> None:
        self.beginResetModel()
        self._rows = arrange(self._base, self._arrangement, self._synced_at)
        self._row_of = {s.id: i for i, s in enumerate(self._rows)}
        self._shown = min(BATCH, len(self._rows))
        self.endResetModel()

    # -- lookups -----------------------------------------------------------------

    @property
    def base_count(self) -> int:
        """How many testimonies were given (before filters)."""
        return len(self._base)

    @property
    def match_count(self) -> int:
        """How many pass the filters (shown or not yet fetched)."""
        return len(self._rows)

    def summary(self, row: int) -> TestimonySummary:
        """The summary on a row."""
        return self._rows[row]

    def row_of(self, testimony_id: str) -> int | None:
        """The row of a testimony (fetched or not), or None if it is filtered out."""
        return self._row_of.get(testimony_id)

    def fetch_to(self, row: int) -> None:
        """Make rows up to `row` available to the views."""
        while self._shown <= row and self.canFetchMore(QModelIndex()):
            self.fetchMore(QModelIndex())

    def thumbnail_changed(self, testimony_id: str) -> None:
        """Repaint a testimony's picture."""
        row = self._row_of.get(testimony_id)
        if row is not None and row < self._shown:
            index = self.index(row, Col.THUMB)
            self.dataChanged.emit(index, index, [Qt.ItemDataRole.DecorationRole])

    # -- QAbstractItemModel --------------------------------------------------------

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: N802
        """Rows handed to the views so far."""
        return 0 if parent.isValid() else self._shown

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: N802
        """Seven columns."""
        return 0 if parent.isValid() else len(Col)

    def canFetchMore(self, parent: Index) -> bool:  # noqa: N802
        """True while some matching rows are not handed to the views yet."""
        return not parent.isValid() and self._shown < len(self._rows)

    def fetchMore(self, parent: Index) -> None:  # noqa: N802
        """Hand the next batch of rows to the views."""
        if parent.isValid():
            return
        count = min(BATCH, len(self._rows) - self._shown)
        if count <= 0:
            return
        self.beginInsertRows(QModelIndex(), self._shown, self._shown + count - 1)
        self._shown += count
        self.endInsertRows()

    def flags(self, index: Index) -> Qt.ItemFlag:
        """Selectable, not editable here (the form edits)."""
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable

    def headerData(self, section: int, orientation: Qt.Orientation,  # noqa: N802
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        """Column titles; dates and lengths sort newest / longest first on the first click."""
        if orientation != Qt.Orientation.Horizontal:
            return None
        if role == Qt.ItemDataRole.InitialSortOrderRole:
            return (Qt.SortOrder.DescendingOrder if section in (Col.DATE, Col.DURATION)
                    else Qt.SortOrder.AscendingOrder)
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        return ("", self.tr("Title"), self.tr("Detained person"), self.tr("Date"),
                self.tr("Length"), self.tr("Consent"), self.tr("Status"))[section]

    def data(self, index: Index,
             role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        """Display strings, tooltips, and the summary itself for the delegates."""
        if not index.isValid() or index.row() >= self._shown:
            return None
        s = self._rows[index.row()]
        col = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            return self._texts_of(s)[col] if col else None
        if role == Qt.ItemDataRole.ToolTipRole:
            return self._tooltip(s, col)
        if role == Qt.ItemDataRole.TextAlignmentRole and col == Col.DURATION:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == ID_ROLE:
            return s.id
        if role == SUMMARY_ROLE:
            return s
        return None

    def _texts_of(self, s: TestimonySummary) -> tuple[str, ...]:
        texts = self._texts.get(s.id)
        if texts is None:
            status = status_label(s.status)
            if is_synced(s, self._synced_at):
                status = self.tr("{status} · synced").format(status=status)
            if s.damage:
                status = self.tr("{status} · damaged").format(status=status)
            texts = ("", s.title or self.tr("Untitled"), ", ".join(s.detained_names),
                     _local_date(date_text(s))[0], format_duration(s.duration),
                     consent_label(s.consent), status)
            self._texts[s.id] = texts
        return texts

    def _tooltip(self, s: TestimonySummary, col: int) -> str | None:
        if col == Col.TITLE:
            return s.title or None
        if col == Col.NAME:
            return "\n".join(s.detained_names) or None
        if col == Col.DATE:
            when = _local_date(date_text(s))[1]
            if s.recorded_at and date_text(s) == s.recorded_at:
                return self.tr("Recorded {when}").format(when=when)
            return self.tr("Added {when}").format(when=when)
        if col == Col.CONSENT:
            return consent_hint(s.consent)
        if col == Col.STATUS and s.damage:
            return "\n".join(self._damage_text(*d) for d in s.damage)
        if col == Col.STATUS:
            if is_synced(s, self._synced_at):
                return self.tr("Saved on the backup drive at the last sync.")
            if self._synced_at is not None:
                return self.tr("Changed since the last sync.")
            return self.tr("Not synced to a backup drive yet.")
        return None

    def _damage_text(self, item_id: str, damage: str, damage_at: float | None) -> str:
        if damage == "lost":
            return self.tr("Item {item} is lost: its file was missing after a crash.").format(
                item=item_id)
        return self.tr("Item {item} is damaged at {time}: it was kept up to there.").format(
            item=item_id, time=format_duration(damage_at or 0.0))
