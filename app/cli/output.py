"""How testimonies and items look on the command line: JSON and plain text."""

from __future__ import annotations

import json
from dataclasses import fields
from typing import Any

from core.i18n import _, ngettext
from core.i18n.formats import format_duration, format_size
from storage.models import ConsentElements, MediaItem, Person, Testimony, TestimonySummary


_ITEM_FIELDS = tuple(f.name for f in fields(MediaItem))
_PERSON_FIELDS = tuple(f.name for f in fields(Person) if f.name not in ("names", "documents"))
_CONSENT_FIELDS = tuple(f.name for f in fields(ConsentElements))


def item_json(item: MediaItem) -> dict[str, Any]:
    """A media item as the `--json` contract shapes it."""
    data = {name: getattr(item, name) for name in _ITEM_FIELDS}
    data["params"] = json.loads(item.params or "{}")
    return data


def person_json(person: Person) -> dict[str, Any]:
    """A person with names as a list of {text, script}."""
    data = {name: getattr(person, name) for name in _PERSON_FIELDS}
    data["names"] = [{"text": n.text, "script": n.script} for n in person.names]
    data["documents"] = list(person.documents)
    return data


def testimony_json(t: Testimony) -> dict[str, Any]:
    """A testimony as `list --json` / `show --json` print it, people and items included."""
    c = t.consent_elements
    return {
        "id": t.id, "title": t.title, "status": t.status, "consent": t.consent,
        "consent_elements": {name: getattr(c, name) for name in _CONSENT_FIELDS},
        "created_at": t.created_at, "updated_at": t.updated_at,
        "recorded_at": t.recorded_at, "place": t.place, "language": t.language,
        "volunteer": t.volunteer, "notes": t.notes, "tags": list(t.tags),
        "speaker": person_json(t.speaker) if t.speaker else None,
        "detained": [person_json(p) for p in t.detained],
        "items": [item_json(i) for i in t.items],
    }


def dumps(data: Any, indent: bool = True) -> str:
    """JSON text, UTF-8 names kept readable; compact when `indent` is False (long lists)."""
    if indent:
        return json.dumps(data, ensure_ascii=False, indent=2)
    return json.dumps(data, ensure_ascii=False, separators=(",", ":"))


def _names(person: Person | None) -> str:
    return " / ".join(n.text for n in person.names) if person else ""


def summary_line(t: TestimonySummary) -> str:
    """One line of `kua list`: id, date, status, consent, items, duration, title, detained."""
    detained = "; ".join(t.detained_names)
    extra = f"  [{detained}]" if detained else ""
    extra += "".join(f"  [{damage_note(item_id, what, at)}]" for item_id, what, at in t.damage)
    return (f"{t.id}  {t.created_at[:10]}  {t.status:<8} {t.consent:<10} "
            f"{ngettext('{n} item', '{n} items', t.item_count).format(n=t.item_count):>9}"
            f" {format_duration(t.duration):>7}"
            f"  {t.title or _('(untitled)')}{extra}")


def damage_note(item_id: str, damage: str, damage_at: float | None) -> str:
    """A short note on a damaged or lost item, e.g. "m1234567 damaged at 0:03"."""
    if damage == "damaged":
        return _("{id} damaged at {at}").format(id=item_id, at=format_duration(damage_at or 0.0))
    if damage == "lost":
        return _("{id} lost").format(id=item_id)
    return f"{item_id} {damage}"


def item_line(item: MediaItem) -> str:
    """One line describing a media item."""
    dims = f" {item.width}x{item.height}" if item.width else ""
    codec = f" {item.codec}" if item.codec else ""
    note = f"  [{damage_note(item.id, item.damage, item.damage_at)}]" if item.damage else ""
    return (f"{item.id}  {item.kind:<10} {item.state:<9} {item.media_type:<6}"
            f"{codec}{dims}  {format_duration(item.duration)}  {format_size(item.size)}"
            f"  sha256 {(item.sha256 or '-')[:16]}{note}")


def _person_lines(label: str, p: Person) -> list[str]:
    lines = [f"{label}: {_names(p) or _('(no name yet)')}"]
    for field in ("relation", "contact", "birth_year", "chinese_id", "hometown", "detained_on",
                  "detention_place", "detention_kind", "sentence", "charges", "citizenship"):
        value = getattr(p, field)
        if value not in (None, ""):
            lines.append(f"    {field}: {value}")
    if p.documents:
        lines.append(f"    documents: {', '.join(p.documents)}")
    return lines


def testimony_text(t: Testimony) -> str:
    """`kua show ID` as plain text."""
    c = t.consent_elements
    yn = {True: "yes", False: "no", None: "not recorded"}
    lines = [f"{t.id}  {t.title or _('(untitled)')}",
             f"status: {t.status}    consent: {t.consent}",
             "consent elements: " + ", ".join(
                 f"{k} {yn[getattr(c, k)]}" for k in ("disclosure", "voluntariness",
                                                     "comprehension", "competence")),
             f"created: {t.created_at}    recorded: {t.recorded_at or '-'}"]
    for label, value in (("place", t.place), ("language", t.language),
                         ("volunteer", t.volunteer), ("tags", ", ".join(t.tags)),
                         ("notes", t.notes)):
        if value:
            lines.append(f"{label}: {value}")
    if t.speaker:
        lines += _person_lines("speaker", t.speaker)
    for n, p in enumerate(t.detained, 1):
        lines += _person_lines(f"detained {n}", p)
    lines.append(f"items ({len(t.items)}):")
    lines += ["  " + item_line(i) for i in t.items]
    return "\n".join(lines)
