"""What makes a catalogue entry unfinished or wrong: shared by the tests and scripts/check_po.py."""

from __future__ import annotations

import re

from babel.messages.catalog import Catalog, Message

# {name} and {name:.1f} placeholders; %n / %Ln counts; tags such as <b>.
PLACEHOLDER = re.compile(r"\{[a-zA-Z_][a-zA-Z0-9_]*(?::[^{}]*)?\}")
COUNT = re.compile(r"%L?n")


def _forms(value) -> list[str]:
    return list(value) if isinstance(value, (tuple, list)) else [value]


def _first(message: Message) -> str:
    return message.id[0] if isinstance(message.id, (tuple, list)) else message.id


def entry_problems(message: Message, num_plurals: int) -> list[str]:
    """Why `message` is not a finished, faithful translation (empty list: it is)."""
    if not message.id:
        return []
    name = repr(_first(message))[:70]
    if message.fuzzy:
        return [f"fuzzy: {name}"]
    strings = _forms(message.string)
    if not any(strings):
        return [f"untranslated: {name}"]
    problems = []
    plural = isinstance(message.id, (tuple, list))
    if plural and len(strings) != num_plurals:
        problems.append(f"{len(strings)} plural forms instead of {num_plurals}: {name}")
    if any(not s for s in strings):
        problems.append(f"a plural form is empty: {name}")
    sources = _forms(message.id)
    wanted = sorted(set(PLACEHOLDER.findall(" ".join(sources))))
    for s in strings:
        if not s:
            continue
        if sorted(set(PLACEHOLDER.findall(s))) != wanted:
            problems.append(f"placeholders {sorted(set(PLACEHOLDER.findall(s)))} "
                            f"instead of {wanted}: {name}")
        # A count placeholder may be dropped only by a form used for n=1 in some language
        # ("один файл"); a source with %n in the plural form needs it in the translation.
        if plural and COUNT.search(sources[-1]) and not COUNT.search(s) and s == strings[-1]:
            problems.append(f"the count %n is missing: {name}")
    return problems


def catalogue_problems(catalog: Catalog) -> list[str]:
    """Every problem of every entry of `catalog`."""
    found: list[str] = []
    for message in catalog:
        found += entry_problems(message, catalog.num_plurals)
    return found
