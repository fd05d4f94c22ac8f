"""What a form that edits one testimony needs besides `fields.apply_edits`.

- `load_for_editing`: the testimony, and which of its items consent keeps from being shared;
- `missing_for_ready`: what must be filled in before a testimony is marked ready;
- `request_copy`: a share or anonymized copy of an item, by profile name;
- `script_of`: the script a spelling of a name is written in.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Iterable

from media.transcode_profiles import get_profile
from storage import translit
from core.errors import RefusedByConsent
from storage.models import CONSENT_ELEMENTS, CONSENT_LEVELS, Testimony
from storage.vault import Vault

from app import library
from app.transcode import runner as transcoding

# Codes returned by `missing_for_ready` (a UI words them; the CLI could print them).
TITLE_OR_NAME = "title_or_name"
CONSENT_LEVEL = "consent"


@dataclass(frozen=True, slots=True)
class EditView:
    """A testimony as a form shows it."""

    testimony: Testimony
    refused: frozenset[str]  # ids of items that consent keeps from being shared as they are


def load_for_editing(vault: Vault, testimony_id: str) -> EditView:
    """The testimony with people and items, and the items `library.shareable` refuses."""
    found = library.find(vault, testimony_id)
    testimony = found if isinstance(found, Testimony) else vault.catalogue.get(found.testimony_id)
    refused = set()
    for item in testimony.items:
        try:
            library.shareable(vault, item)
        except RefusedByConsent:
            refused.add(item.id)
    return EditView(testimony, frozenset(refused))


def missing_for_ready(title: str, detained_names: Iterable[str], consent: str,
                      elements: dict[str, str | bool | None]) -> tuple[str, ...]:
    """What a testimony still needs before it can be marked ready, as codes.

    `TITLE_OR_NAME` (neither a title nor any detained person's name), `CONSENT_LEVEL`
    (no valid consent level), and `consent.<element>` for every consent element not
    answered yes or no (`elements` maps element name to "yes"/"no"/True/False, or
    "unknown"/""/None when not asked).
    """
    missing: list[str] = []
    if not title.strip() and not any(n.strip() for n in detained_names):
        missing.append(TITLE_OR_NAME)
    if consent not in CONSENT_LEVELS:
        missing.append(CONSENT_LEVEL)
    for element in CONSENT_ELEMENTS:
        answer = elements.get(element)
        if answer not in (True, False, "yes", "no"):
            missing.append(f"consent.{element}")
    return tuple(missing)


def missing_for_ready_of(testimony: Testimony) -> tuple[str, ...]:
    """`missing_for_ready` for a stored testimony."""
    names = [n.text for p in testimony.detained for n in p.names]
    elements = {e: getattr(testimony.consent_elements, e) for e in CONSENT_ELEMENTS}
    return missing_for_ready(testimony.title, names, testimony.consent, elements)


def request_copy(vault: Vault, item_id: str, profile_name: str) -> transcoding.TranscodeRequest:
    """Queue a copy of an item made with a profile (or find the one made already)."""
    return transcoding.request(vault, item_id, get_profile(profile_name))


def script_of(text: str) -> str:
    """The script a name is written in: cyrillic, latin, han, arabic or other."""
    return translit.detect_script(text)
