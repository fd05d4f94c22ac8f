"""`kua edit ID --set FIELD=VALUE`: the field names and how values are checked.

Testimony fields:  title, recorded_at, place, language, volunteer, notes, status,
                   consent, consent.<disclosure|voluntariness|comprehension|competence>
                   (yes/no/unknown), tags (comma-separated; `tags+=x`, `tags-=x`).
People:            speaker.<field>, detained.<field> (the first detained person),
                   detained.N.<field> (N from 1; N = count + 1 adds a person).
                   <field> is a person field (models.PERSON_FIELDS) or a name:
                   `name=X` replaces all names with X, `name+=X` adds a spelling,
                   `name-=X` removes one, `names=A;B` sets several.
Media items:       label, person (speaker, detained.N or none): e.g. a photo of an
                   identity document belongs to the speaker.
`--remove speaker` / `--remove detained.N` deletes a person.
"""

from __future__ import annotations

import re
from datetime import date, datetime

from core.i18n import _
from core.errors import InvalidValue
from storage.models import (CONSENT_ELEMENTS, PERSON_FIELDS, MediaItem, Testimony)
from storage.vault import Vault

from app import library

_ASSIGN = re.compile(r"^([A-Za-z_][A-Za-z0-9_.]*?)(\+=|-=|=)(.*)$", re.S)
_PERSON_KEY = re.compile(r"^(speaker|detained)(?:\.(\d+))?(?:\.([a-z_]+))?$")
_YES = {"yes": True, "y": True, "true": True, "1": True,
        "no": False, "n": False, "false": False, "0": False,
        "unknown": None, "": None}
_GB11643_WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)


def parse_assignment(text: str) -> tuple[str, str, str]:
    """Split `FIELD=VALUE` (or `+=`, `-=`) into (field, operator, value)."""
    match = _ASSIGN.match(text)
    if not match:
        raise InvalidValue(_("expected FIELD=VALUE, got {value}").format(value=repr(text.split('=')[0])))
    return match.group(1), match.group(2), match.group(3).strip()


def _partial_date(name: str, value: str) -> str:
    if value and not re.fullmatch(r"\d{4}(-\d{2}(-\d{2})?)?", value):
        raise InvalidValue(_("{name} must be a date like 2019, 2019-05 or 2019-05-17").format(name=name))
    if len(value) == 10:
        try:
            date.fromisoformat(value)
        except ValueError:  # 2019-13-45: the right shape, but no such day
            raise InvalidValue(_("{name} must be a date like 2019, 2019-05 or 2019-05-17").format(name=name)) from None
    return value


def _timestamp(name: str, value: str) -> str:
    if not value:
        return value
    try:
        datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError:
        raise InvalidValue(_("{name} must be a date or date and time, like 2024-03-01 14:30").format(name=name)) from None
    return value


def check_chinese_id(value: str) -> str:
    """A PRC resident ID number: 18 characters with a valid check digit (or 15 digits)."""
    value = value.strip().upper()
    if not value or re.fullmatch(r"\d{15}", value):
        return value
    if not re.fullmatch(r"\d{17}[\dX]", value):
        raise InvalidValue(_("chinese_id must have 18 characters: 17 digits and a digit or X"))
    total = sum(int(d) * w for d, w in zip(value, _GB11643_WEIGHTS))
    if "10X98765432"[total % 11] != value[-1]:
        raise InvalidValue(_("chinese_id: the last character does not match the others (check "
                             "the number)"))
    return value


def _person_value(name: str, value: str) -> str | int | None:
    if name == "birth_year":
        if not value:
            return None
        if not value.isdigit() or not 1900 <= int(value) <= date.today().year:
            raise InvalidValue(_("birth_year must be a year between 1900 and {year}").format(year=date.today().year))
        return int(value)
    if name == "chinese_id":
        return check_chinese_id(value)
    if name == "detained_on":
        return _partial_date(name, value)
    return value


def _person(vault: Vault, tid: str, role: str, number: int | None, create: bool) -> str:
    existing = vault.catalogue.people(tid, role)
    index = (number or 1) - 1
    if role == "speaker" and number not in (None, 1):
        raise InvalidValue(_("a testimony has one speaker: use speaker.<field>"))
    if index < len(existing):
        return existing[index]
    if create and index == len(existing):
        return vault.catalogue.add_person(tid, role)
    raise InvalidValue(_("there is no {role} number {value} (there are {count})").format(role=role,
                         value=index + 1,
                         count=len(existing)))


def _edit_names(vault: Vault, pid: str, op: str, value: str, plural: bool) -> None:
    names = vault.catalogue.names(pid)
    if op == "+=":
        names.append(value)
    elif op == "-=":
        names = [n for n in names if n != value]
    else:
        names = [v for v in value.split(";")] if plural else [value]
    vault.catalogue.set_names(pid, names)


def _edit_testimony(vault: Vault, t: Testimony, key: str, op: str, value: str) -> None:
    cat = vault.catalogue
    if key == "tags":
        given = [v.strip() for v in value.split(",") if v.strip()]
        tags = list(t.tags) if op != "=" else []
        tags = [x for x in tags if x not in given] if op == "-=" else tags + given
        cat.set_tags(t.id, tags)
        return
    if op != "=":
        raise InvalidValue(_("{key} takes '=' (only names and tags take += and -=)").format(key=key))
    if key.startswith("consent."):
        element = key.split(".", 1)[1]
        if element not in CONSENT_ELEMENTS or value.lower() not in _YES:
            raise InvalidValue(_("{key}: use consent.<{join}>=yes|no|unknown").format(key=key,
                                 join='|'.join(CONSENT_ELEMENTS)))
        cat.update_testimony(t.id, **{element: _YES[value.lower()]})
    elif key == "recorded_at":
        cat.update_testimony(t.id, recorded_at=_timestamp(key, value) or None)
    else:
        cat.update_testimony(t.id, **{key: value})


def _edit_people(vault: Vault, t: Testimony, key: str, op: str, value: str) -> bool:
    match = _PERSON_KEY.match(key)
    if not match:
        return False
    role, number, name = match.group(1), match.group(2), match.group(3)
    if name is None:
        raise InvalidValue(_("{key}: say which field, e.g. {key}.name or {key}.relation").format(key=key))
    pid = _person(vault, t.id, role, int(number) if number else None, create=True)
    if name in ("name", "names"):
        _edit_names(vault, pid, op, value, plural=name == "names")
    elif name in PERSON_FIELDS and op == "=":
        vault.catalogue.update_person(pid, **{name: _person_value(name, value)})
    else:
        raise InvalidValue(_("unknown field {key} (person fields: name, {join})").format(key=key,
                             join=', '.join(PERSON_FIELDS)))
    return True


def _edit_item(vault: Vault, item: MediaItem, key: str, op: str, value: str) -> None:
    if op != "=" or key not in ("label", "person"):
        raise InvalidValue(_("media items have the fields label and person, not {key}").format(key=key))
    if key == "label":
        vault.items.update(item.id, label=value)
        return
    if value in ("", "none"):
        vault.items.update(item.id, person_id=None)
        return
    match = _PERSON_KEY.match(value)
    if not match or match.group(3):
        raise InvalidValue(_("person must be speaker, detained.N or none"))
    pid = _person(vault, item.testimony_id, match.group(1),
                  int(match.group(2)) if match.group(2) else None, create=False)
    vault.items.update(item.id, person_id=pid)


def apply_edits(vault: Vault, some_id: str, assignments: list[str],
                removals: list[str] = ()) -> str:
    """Apply every `FIELD=VALUE` and `--remove` to a testimony or item, all or nothing."""
    parsed = [parse_assignment(a) for a in assignments]
    with vault.transaction():
        found = library.find(vault, some_id)
        changed: list[str] = []
        for key, op, value in parsed:
            if isinstance(found, MediaItem):
                _edit_item(vault, found, key, op, value)
            elif not _edit_people(vault, found, key, op, value):
                _edit_testimony(vault, vault.catalogue.get(found.id), key, op, value)
            changed.append(key)
        for target in removals:
            match = _PERSON_KEY.match(target)
            if isinstance(found, MediaItem) or not match or match.group(3):
                raise InvalidValue(_("--remove takes speaker or detained.N"))
            pid = _person(vault, found.id, match.group(1),
                          int(match.group(2)) if match.group(2) else None, create=False)
            vault.catalogue.remove_person(pid)
            changed.append(f"remove {target}")
        # Field names only: the audit log never holds a person's name.
        vault.audit.append("edit", found.id, fields=changed)
    return found.id


def apply_edit_groups(vault: Vault, testimony_id: str,
                      groups: list[list[str]]) -> list[InvalidValue | None]:
    """Apply groups of assignments (an autosaving form's fields) with `apply_edits`.

    All groups go in one edit when every value is valid. Otherwise each group is
    applied on its own, so that one bad value does not hold back the others; the
    result says, for each group, the error that refused it (None: saved).
    """
    try:
        apply_edits(vault, testimony_id, [a for group in groups for a in group])
        return [None] * len(groups)
    except InvalidValue as exc:
        if len(groups) == 1:
            return [exc]
    errors: list[InvalidValue | None] = []
    for group in groups:
        try:
            apply_edits(vault, testimony_id, group)
            errors.append(None)
        except InvalidValue as exc:
            errors.append(exc)
    return errors
