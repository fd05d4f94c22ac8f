"""Dates, times, sizes and lengths as the app's language writes them (QLocale).

The one formatter of the GUI: `ui/translator.set_language` sets QLocale's default, and
every label that shows a date, a size or a length asks here. Kazakh in Latin script is
formatted as Kazakh, then transliterated (Qt has no Latin Kazakh locale data).
"""

from __future__ import annotations

from PySide6.QtCore import QDate, QDateTime, QLocale, Qt

from core import i18n
from core.i18n import formats as core_formats
from core.i18n.kazakh_latin import to_kazakh_latin


def _script(text: str) -> str:
    return to_kazakh_latin(text) if i18n.current_language() == "kk_Latn" else text


def format_size(n: int) -> str:
    """A size in the units shops use: "12.3 GB", "850 MB", "1,5 ГБ" (decimal, localised)."""
    return _script(QLocale().formattedDataSize(max(0, n), 1,
                                               QLocale.DataSizeFormat.DataSizeSIFormat))


def format_duration(seconds: float | None) -> str:
    """H:MM:SS or M:SS (digits read the same in every language); "" when unknown."""
    return "" if seconds is None else core_formats.format_duration(seconds)


def format_number(n: int) -> str:
    """An integer with the language's digit grouping."""
    return QLocale().toString(n)


def format_date(iso: str, long: bool = False) -> str:
    """An ISO date or date-time (UTC) as the local date, short ("26.11.2026") or long."""
    kind = QLocale.FormatType.LongFormat if long else QLocale.FormatType.ShortFormat
    day = QDate.fromString(iso[:10], Qt.DateFormat.ISODate)
    if len(iso) > 10:
        moment = QDateTime.fromString(iso, Qt.DateFormat.ISODate)
        if moment.isValid():
            day = moment.toLocalTime().date()
    return _script(QLocale().toString(day, kind)) if day.isValid() else iso


def format_datetime(iso: str, long: bool = False) -> str:
    """An ISO date-time (UTC) as local date and time of day in the language's order."""
    moment = QDateTime.fromString(iso, Qt.DateFormat.ISODate)
    if not moment.isValid():
        return format_date(iso, long)
    kind = QLocale.FormatType.LongFormat if long else QLocale.FormatType.ShortFormat
    return _script(QLocale().toString(moment.toLocalTime(), kind))
