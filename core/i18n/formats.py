"""Numbers, sizes, durations, dates and times as the current language writes them (Babel).

One formatter for the command line and the app: `kua`'s reports and the GUI's labels
both call these, and every clock-like time (a length, a media time, a time left) is
computed by `clock_parts` or `whole_minutes` here. Kazakh in Latin script is formatted as
Kazakh and then transliterated.
"""

from __future__ import annotations

import math
from datetime import date, datetime

from babel import Locale, dates, numbers
from babel.units import format_unit

from core.i18n import current_language
from core.i18n.kazakh_latin import to_kazakh_latin

BABEL_LOCALES = {"en": "en", "kk": "kk", "kk_Latn": "kk", "ru": "ru", "ug": "ug",
                 "zh": "zh_Hans_CN"}
_UNITS = ("byte", "kilobyte", "megabyte", "gigabyte", "terabyte")


def babel_locale(language: str | None = None) -> str:
    """The Babel locale name of `language` (default: the current one)."""
    return BABEL_LOCALES.get(language or current_language(), "en")


def _script(text: str, language: str | None) -> str:
    return to_kazakh_latin(text) if (language or current_language()) == "kk_Latn" else text


def format_number(n: float, language: str | None = None) -> str:
    """`n` with the language's digit grouping and decimal sign."""
    return numbers.format_decimal(n, locale=babel_locale(language))


def format_size(n: int, language: str | None = None) -> str:
    """A byte count in the largest unit that keeps it at least 1 (1024-based), e.g. "1.5 GB"."""
    value, unit = float(n), 0
    while value >= 1024 and unit < len(_UNITS) - 1:
        value /= 1024
        unit += 1
    pattern = "#,##0" if unit == 0 else "#,##0.0"
    text = numbers.format_decimal(value, format=pattern, locale=babel_locale(language))
    # the unit's short name in the language ("MB", "ГБ"), with its number
    try:
        text = format_unit(value, f"digital-{_UNITS[unit]}", length="short", format=pattern,
                           locale=babel_locale(language))
    except (KeyError, ValueError):
        text = f"{text} {('B', 'KB', 'MB', 'GB', 'TB')[unit]}"
    return _script(text, language)


def clock_parts(seconds: float, digits: int = 0) -> tuple[int, int, int, int]:
    """`seconds` (0 if negative) rounded to `digits` decimals, as (hours, minutes, seconds,
    decimals): the arithmetic of every clock-like time Kua shows."""
    scale = 10 ** digits
    whole, decimals = divmod(int(round(max(0.0, seconds) * scale)), scale)
    hours, rest = divmod(whole, 3600)
    return hours, rest // 60, rest % 60, decimals


def whole_minutes(seconds: float, up: bool = False) -> tuple[int, int]:
    """`seconds` in whole minutes, rounded down (or `up`), as (hours, minutes): the
    arithmetic of times said in words ("about 1 h 20 min left")."""
    minutes = math.ceil(seconds / 60) if up else int(seconds // 60)
    return divmod(minutes, 60)


def _clock(seconds: float, digits: int = 0) -> str:
    hours, minutes, secs, decimals = clock_parts(seconds, digits)
    text = f"{hours}:{minutes:02d}:{secs:02d}" if hours else f"{minutes}:{secs:02d}"
    return f"{text}.{decimals:0{digits}d}" if digits else text


def format_duration(seconds: float | None, language: str | None = None) -> str:
    """A media length as digits, "4:05" or "1:02:03" (the same in every language); "-" if unknown."""
    if seconds is None:
        return "-"
    return _clock(seconds)


def format_media_time(seconds: float) -> str:
    """A media time as a person reads it: 0:12.3, or 1:02:03.4 past an hour."""
    return _clock(seconds, 1)


def _moment(value: str | date | datetime) -> date | datetime:
    if isinstance(value, str):
        return datetime.fromisoformat(value.replace("Z", "+00:00")) if "T" in value \
            else date.fromisoformat(value[:10])
    return value


def format_date(value: str | date | datetime, length: str = "medium",
                language: str | None = None) -> str:
    """A date ("5 Dec 2026", "5 дек. 2026 г.", "2026年12月5日"); ISO strings accepted."""
    moment = _moment(value)
    day = moment.date() if isinstance(moment, datetime) else moment
    return _script(dates.format_date(day, format=length, locale=babel_locale(language)), language)


def format_datetime(value: str | datetime, length: str = "medium",
                    language: str | None = None) -> str:
    """A date and time of day in the language's order, in local time; ISO strings accepted."""
    moment = _moment(value)
    if not isinstance(moment, datetime):
        return format_date(moment, length, language)
    if moment.tzinfo is not None:
        moment = moment.astimezone()
    locale = Locale.parse(babel_locale(language))
    day = dates.format_date(moment.date(), format=length, locale=locale)
    time = dates.format_time(moment.replace(tzinfo=None), format="short", locale=locale)
    text = str(locale.datetime_formats[length]).replace("{1}", day).replace("{0}", time)
    return _script(text, language)
