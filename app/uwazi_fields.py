"""What a testimony gives Uwazi's CSV import: Kua's publishable fields, the mapping of them
to a template's property names (default and from a JSON file), and one row's cells.

The cell forms follow Uwazi's CSV import (docs/uwazi.md): several values joined with `|`,
dates as YYYY/MM/DD (or YYYY for a year), a geolocation as `latitude|longitude`. Nothing
here reads the vault or writes a file: `app/publish.py` does.

Of an anonymous testimony no cell names the speaker: the speaker's own fields stay empty
and every spelling of the speaker's name, and the contact, is blacked out of the others.
The volunteer and the contact are never fields: nothing would justify publishing them.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Callable

from core.i18n import _
from core.errors import InvalidValue
from storage.models import Person, Testimony

MULTI_SEPARATOR = "|"          # Uwazi's csvConstants.multiValueSeparator
REDACTED = "***"
# Columns Uwazi reads itself (id: update an existing entity; the files of the ZIP).
RESERVED = ("id", "file", "files", "attachments")
ATTACHMENTS = "attachments"


def _join(values) -> str:
    seen: list[str] = []
    for value in values:
        text = str(value).replace(MULTI_SEPARATOR, "/").strip()
        if text and text not in seen:
            seen.append(text)
    return MULTI_SEPARATOR.join(seen)


def uwazi_date(value: str | None) -> str:
    """A Kua date (2019, 2019-05, 2019-05-17, or a timestamp) as Uwazi reads it.

    A month becomes its first day: an Uwazi date property holds a day."""
    if not value:
        return ""
    match = re.match(r"(\d{4})(?:-(\d{2}))?(?:-(\d{2}))?", value.strip())
    if not match:
        return ""
    year, month, day = match.groups()
    if not month:
        return year
    return f"{year}/{month}/{day or '01'}"


_COORDINATES = re.compile(r"^\s*(-?\d{1,2}(?:\.\d+)?)\s*[,; ]\s*(-?\d{1,3}(?:\.\d+)?)\s*$")


def geolocation(place: str) -> str:
    """`latitude|longitude` when the place is written as coordinates ("43.25, 76.95")."""
    match = _COORDINATES.match(place or "")
    if not match:
        return ""
    lat, lon = (float(g) for g in match.groups())
    if not (-90 <= lat <= 90 and -180 <= lon <= 180):
        return ""
    return f"{match.group(1)}{MULTI_SEPARATOR}{match.group(2)}"


def _names(person: Person | None) -> list[str]:
    return [n.text for n in person.names] if person else []


def _each(attr: str) -> Callable[[Testimony], str]:
    return lambda t: _join(getattr(p, attr) for p in t.detained if getattr(p, attr) not in (None, ""))


# Kua field -> how a testimony gives it. The order is the CSV's column order.
FIELDS: dict[str, Callable[[Testimony], str]] = {
    "title": lambda t: t.title,
    "kua_id": lambda t: t.id,
    "recorded_at": lambda t: uwazi_date(t.recorded_at),
    "place": lambda t: t.place,
    "place_geolocation": lambda t: geolocation(t.place),
    "language": lambda t: t.language,
    "tags": lambda t: _join(t.tags),
    "consent": lambda t: t.consent,
    "speaker_name": lambda t: _join(_names(t.speaker)),
    "speaker_relation": lambda t: t.speaker.relation if t.speaker else "",
    "detained_names": lambda t: _join(n for p in t.detained for n in _names(p)),
    "detained_birth_years": _each("birth_year"),
    "detained_chinese_ids": _each("chinese_id"),
    "detained_hometowns": _each("hometown"),
    "detained_on": lambda t: _join(uwazi_date(p.detained_on) for p in t.detained),
    "detention_places": _each("detention_place"),
    "detention_kinds": _each("detention_kind"),
    "sentences": _each("sentence"),
    "charges": _each("charges"),
    "citizenships": _each("citizenship"),
    "notes": lambda t: t.notes,
}
SPEAKER_FIELDS = ("speaker_name",)  # empty for an anonymous testimony

# Kua field -> Uwazi property name. chinese_id and notes are left out unless a mapping
# file asks for them: an ID number and a volunteer's notes are not published by default.
DEFAULT_MAPPING: dict[str, str] = {
    "title": "title",
    "kua_id": "kua_id",
    "recorded_at": "date_recorded",
    "place": "place",
    "place_geolocation": "geolocation",
    "language": "language",
    "tags": "tags",
    "consent": "consent",
    "speaker_name": "speaker",
    "speaker_relation": "relation_to_detained",
    "detained_names": "detained_person",
    "detained_birth_years": "birth_year",
    "detained_hometowns": "hometown",
    "detained_on": "date_detained",
    "detention_places": "place_of_detention",
    "detention_kinds": "kind_of_detention",
    "sentences": "sentence",
    "charges": "charges",
    "citizenships": "citizenship",
}


def load_mapping(path: Path | None) -> dict[str, str]:
    """The mapping to use: the default, changed by the JSON file at `path` if given.

    The file holds an object {"kua field": "uwazi property" or null}: a field it names
    takes that property name, null leaves the field out, the others keep the default.
    Anything wrong (not JSON, an unknown field, a name used twice, no title) is an
    `InvalidValue` with one line that says what."""
    mapping = dict(DEFAULT_MAPPING)
    if path is None:
        return mapping
    path = Path(path)
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except OSError:
        raise InvalidValue(_("cannot read the mapping file {path}").format(path=path)) from None
    except ValueError:
        raise InvalidValue(_("the mapping file {path} is not JSON").format(path=path)) from None
    if not isinstance(data, dict):
        raise InvalidValue(_("the mapping file {path} must hold one JSON object of Kua fields and"
                             " Uwazi property names").format(path=path))
    for field, name in data.items():
        if field not in FIELDS:
            raise InvalidValue(_("the mapping file names an unknown Kua field {field}; the "
                                 "fields are: {fields}").format(field=repr(field),
                                                                fields=", ".join(FIELDS)))
        if name is None:
            mapping.pop(field, None)
            continue
        if not isinstance(name, str) or not name.strip() or MULTI_SEPARATOR in name \
                or "\n" in name:
            raise InvalidValue(_("the mapping file gives {field} a property name that is "
                                 "not a name: {name}").format(field=field, name=repr(name)))
        mapping[field] = name.strip()
    _check(mapping)
    return {f: mapping[f] for f in FIELDS if f in mapping}


def _check(mapping: dict[str, str]) -> None:
    seen: dict[str, str] = {}
    for field, name in mapping.items():
        if name.lower() in RESERVED:
            raise InvalidValue(_("the mapping file gives {field} the property name {name}, "
                                 "which Uwazi keeps for itself").format(field=field, name=name))
        if name.lower() in seen:
            raise InvalidValue(_("the mapping file gives {field} and {other} the same property "
                                 "name {name}").format(field=field, other=seen[name.lower()],
                                                       name=name))
        seen[name.lower()] = field
    if "title" not in seen:
        raise InvalidValue(_("the mapping file leaves out title, which Uwazi requires: give "
                             "one Kua field the property name title"))


def header(mapping: dict[str, str]) -> list[str]:
    """The CSV's first row: the mapped property names, then Uwazi's attachments column."""
    return [*mapping.values(), ATTACHMENTS]


def _redact(text: str, secrets: list[str]) -> str:
    for secret in secrets:
        text = re.sub(re.escape(secret), REDACTED, text, flags=re.IGNORECASE)
    return text


def row(t: Testimony, mapping: dict[str, str], attachments: list[str]) -> list[str]:
    """One testimony's cells in the order of `header(mapping)`.

    Anonymous consent: the speaker's fields are empty and the speaker's names and contact
    are blacked out of every other cell."""
    anonymous = t.consent == "anonymous"
    secrets: list[str] = []
    if anonymous and t.speaker:
        secrets = [s for s in [*_names(t.speaker), t.speaker.contact] if len(s.strip()) >= 2]
        secrets.sort(key=len, reverse=True)  # a full name before a part of it
    cells = []
    for field in mapping:
        value = "" if anonymous and field in SPEAKER_FIELDS else str(FIELDS[field](t))
        cells.append(_redact(value, secrets) if secrets else value)
    return [*cells, MULTI_SEPARATOR.join(attachments)]
