"""Reviewing anonymized copies before anything leaves: covers drawn by hand, the record
of where faces were covered, and the "reviewed" mark that export asks for.

An anonymized item's `params` hold what was asked (profile, voice shift, `covers`:
`[t0, t1, x, y, w, h]` in the source's upright pixels) and, added when it is made,
`record`: the runs of frames on which a face was covered or none was found
(`[[t0, t1, 1|0], ...]`, seconds). `kua review ID` adds `reviewed` (a UTC time). The
request part alone decides whether a copy already exists (app/transcode/runner.py), so
the record and the mark never make a copy look different.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import datetime, timezone

from core.i18n import _
from media.transcode_profiles import Cover, Profile
from core.errors import InvalidValue, NotFound, UsageError
from storage.models import MediaItem
from storage.vault import Vault

from app.library import resolve_item

REQUEST_KEYS = ("profile", "version", "voice_shift", "covers")


@dataclass(frozen=True, slots=True)
class FaceSpan:
    """A run of frames: faces covered on it, or none found."""

    start: float
    end: float
    covered: bool


@dataclass(frozen=True, slots=True)
class ReviewInfo:
    """What the review view shows of an anonymized item."""

    item_id: str
    source_id: str | None
    duration: float | None
    spans: tuple[FaceSpan, ...]
    covers: tuple[Cover, ...]
    reviewed: str | None           # when it was marked reviewed (UTC), else None
    source_size: tuple[int, int] | None = None   # upright pixels covers are given in


def params_of(item: MediaItem) -> dict[str, object]:
    """The item's params as a dict (empty when unreadable)."""
    try:
        data = json.loads(item.params or "{}")
    except ValueError:
        return {}
    return data if isinstance(data, dict) else {}


def request_part(params: dict[str, object]) -> dict[str, object]:
    """What was asked for, without what was recorded afterwards."""
    return {k: v for k, v in params.items() if k in REQUEST_KEYS}


def is_reviewed(item: MediaItem) -> bool:
    """True for an anonymized item marked reviewed."""
    return item.kind == "anonymized" and bool(params_of(item).get("reviewed"))


def upright_size(item: MediaItem) -> tuple[int, int] | None:
    """(width, height) as the picture is shown (display rotation applied)."""
    if not item.width or not item.height:
        return None
    turned = item.rotation % 180 == 90
    return (item.height, item.width) if turned else (item.width, item.height)


def check_covers(item: MediaItem, profile: Profile) -> None:
    """InvalidValue for a cover outside the source's picture or its duration."""
    if not profile.covers:
        return
    if item.media_type != "video":
        raise InvalidValue(_("--cover needs a video; item {id} is {media_type}").format(
            id=item.id, media_type=item.media_type))
    size = upright_size(item)
    for c in profile.covers:
        text = f"{c.start:g}-{c.end:g}:{c.x},{c.y},{c.width},{c.height}"
        if size is not None and (c.x + c.width > size[0] or c.y + c.height > size[1]):
            raise InvalidValue(_("--cover {cover} is outside the picture ({width}x{height})")
                               .format(cover=text, width=size[0], height=size[1]))
        if item.duration is not None and c.start >= item.duration:
            raise InvalidValue(_("--cover {cover} starts after the clip ends"
                                 " ({duration:.1f} s)").format(cover=text, duration=item.duration))


def cover_fractions(item: MediaItem, covers: tuple[Cover, ...]) -> list[list[float]]:
    """The covers as the worker takes them: [t0, t1, x1, y1, x2, y2], fractions of the picture."""
    size = upright_size(item)
    if not covers or size is None:
        return []
    w, h = size
    return [[c.start, c.end, c.x / w, c.y / h, (c.x + c.width) / w, (c.y + c.height) / h]
            for c in covers]


def with_record(profile: Profile, spans: list[list[float]]) -> str:
    """The output item's params: the request and the record of covered frames."""
    if not profile.faces:
        return profile.params_json()
    data = profile.params()
    data["record"] = [[float(a), float(b), int(c)] for a, b, c in spans]
    return json.dumps(data, sort_keys=True, separators=(",", ":"))


def review_info(vault: Vault, some_id: str) -> ReviewInfo:
    """The record, covers and mark of an anonymized item, for the review view."""
    item = anonymized_copy(vault, some_id)
    params = params_of(item)
    spans = tuple(FaceSpan(float(a), float(b), bool(c))
                  for a, b, c in params.get("record", ()))  # type: ignore[union-attr]
    covers = tuple(Cover(float(c[0]), float(c[1]), *(int(v) for v in c[2:6]))
                   for c in params.get("covers", ()))  # type: ignore[union-attr]
    reviewed = params.get("reviewed")
    size = None
    if item.parent is not None:
        try:
            size = upright_size(vault.items.get(item.parent))
        except NotFound:
            size = None
    return ReviewInfo(item.id, item.parent, item.duration, spans, covers,
                      str(reviewed) if reviewed else None, size)


def mark_reviewed(vault: Vault, some_id: str) -> MediaItem:
    """Mark an anonymized copy as watched and approved for export."""
    item = anonymized_copy(vault, some_id)
    params = params_of(item)
    if params.get("reviewed"):
        return item
    params["reviewed"] = datetime.now(timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")
    with vault.transaction():
        vault.items.update(item.id, params=json.dumps(params, sort_keys=True,
                                                      separators=(",", ":")))
        vault.audit.append("item.review", item.id)
    return vault.items.get(item.id)


def anonymized_copy(vault: Vault, some_id: str) -> MediaItem:
    """The finished anonymized copy named by `some_id` (an id or a unique prefix)."""
    item = resolve_item(vault, some_id)
    if item.kind != "anonymized":
        raise UsageError(_("item {id} is not an anonymized copy (it is {kind}): make one"
                           " with `kua transcode ID --profile anonymized`").format(
            id=item.id, kind=item.kind))
    if item.state != "complete":
        raise NotFound(_("item {id} is not finished ({state})").format(id=item.id,
                                                                        state=item.state))
    return item
