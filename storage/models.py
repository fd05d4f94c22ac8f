"""Frozen values that cross layers: testimonies, people, media items, audit events.

These are what `app/` and `ui/` see; no SQL rows or dicts of unknown shape leave
`storage/`. Field names here are the names used by `kua edit --set` and `--json`.
"""

from __future__ import annotations

from dataclasses import dataclass, field

STATUSES = ("draft", "ready", "exported")  # stored; a testimony also *reads* "delivered"
DELIVERED = "delivered"  # exported, and a receipt confirmed every exported item
CONSENT_LEVELS = ("public", "anonymous", "restricted")
CONSENT_ELEMENTS = ("disclosure", "voluntariness", "comprehension", "competence")
ITEM_KINDS = ("master", "share", "proxy", "audio", "anonymized", "still", "imported", "document")
ITEM_STATES = ("complete", "recording", "recovered", "failed")
ROLES = ("speaker", "detained")

TESTIMONY_TEXT_FIELDS = ("title", "recorded_at", "place", "language", "volunteer", "notes")
# In the order of Person's fields (catalogue.py selects them in this order).
PERSON_FIELDS = ("relation", "contact", "birth_year", "chinese_id", "hometown", "detained_on",
                 "detention_place", "detention_kind", "sentence", "charges", "citizenship")


@dataclass(frozen=True, slots=True)
class Name:
    """One spelling of a person's name, with the script it is written in."""

    text: str
    script: str


@dataclass(frozen=True, slots=True)
class Person:
    """The speaker (a relative) or one detained person of a testimony."""

    id: str
    role: str
    names: tuple[Name, ...] = ()
    relation: str = ""
    contact: str = ""
    birth_year: int | None = None
    chinese_id: str = ""
    hometown: str = ""
    detained_on: str = ""
    detention_place: str = ""
    detention_kind: str = ""
    sentence: str = ""
    charges: str = ""
    citizenship: str = ""
    documents: tuple[str, ...] = ()  # ids of media items (photos of identity documents)


@dataclass(frozen=True, slots=True)
class MediaItem:
    """One sealed object and what the catalogue knows about it."""

    id: str
    testimony_id: str
    kind: str
    state: str
    media_type: str
    size: int
    sha256: str | None
    duration: float | None
    parent: str | None
    created_at: str
    codec: str | None = None
    audio_codec: str | None = None
    width: int | None = None
    height: int | None = None
    rotation: int = 0
    dropped_frames: int | None = None
    person_id: str | None = None
    label: str = ""
    original_name: str = ""
    params: str = "{}"
    damage: str | None = None        # None, 'damaged' (cut at damage_at) or 'lost' (no object)
    damage_at: float | None = None   # media time in seconds where the damage begins


@dataclass(frozen=True, slots=True)
class ConsentElements:
    """The four elements of informed consent; None means not recorded yet."""

    disclosure: bool | None = None
    voluntariness: bool | None = None
    comprehension: bool | None = None
    competence: bool | None = None


@dataclass(frozen=True, slots=True)
class Testimony:
    """A testimony with its people and media items."""

    id: str
    title: str
    status: str
    consent: str
    created_at: str
    updated_at: str
    consent_elements: ConsentElements = field(default_factory=ConsentElements)
    recorded_at: str | None = None
    place: str = ""
    language: str = ""
    volunteer: str = ""
    notes: str = ""
    tags: tuple[str, ...] = ()
    speaker: Person | None = None
    detained: tuple[Person, ...] = ()
    items: tuple[MediaItem, ...] = ()


@dataclass(frozen=True, slots=True)
class TestimonySummary:
    """What a list of testimonies shows: cheap to load for ten thousand of them."""

    id: str
    title: str
    status: str
    consent: str
    created_at: str
    updated_at: str
    recorded_at: str | None
    detained_names: tuple[str, ...]  # the first name of each detained person
    item_count: int
    duration: float | None           # the longest item's
    damage: tuple[tuple[str, str, float | None], ...] = ()  # (item id, damage, damage_at)


@dataclass(frozen=True, slots=True)
class AuditEvent:
    """One link of the hash-chained audit log."""

    seq: int
    at: str
    actor: str
    action: str
    subject: str | None
    details: str
    prev_hash: str
    hash: str
