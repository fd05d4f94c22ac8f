"""`manifest.json`: what a bundle holds, and `manifest.sig`, its Ed25519 signature.

The manifest lists the testimonies (catalogue fields, consent, tags, people and
their names) and the media items (catalogue fields, size, SHA-256 and the path of
the file inside the tar), with the bundle id, the export time and the exporting
device's public key. The signature covers the manifest's exact bytes, so nothing
in it can change, and each media file must match the size and SHA-256 listed.

Parsing trusts nothing: every field is checked for type and range, and each problem
is reported as `TamperedBundle` naming the manifest and the field.
"""

from __future__ import annotations

import base64
import json
import re
from dataclasses import dataclass, fields
from typing import Any

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey

from core.i18n import _
from core.errors import NotABundle, TamperedBundle
from storage.models import (CONSENT_ELEMENTS, CONSENT_LEVELS, ITEM_KINDS, PERSON_FIELDS, ROLES,
                      STATUSES, TESTIMONY_TEXT_FIELDS, ConsentElements, MediaItem, Name,
                      Person, Testimony)

FORMAT = "kua-bundle"
VERSION = 1
MAX_MANIFEST = 64 * 1024 * 1024
SIGNATURE_SIZE = 64
_ID = re.compile(r"^[a-z][0-9a-z]{1,31}$")
_SHA = re.compile(r"^[0-9a-f]{64}$")
_EXT = re.compile(r"^[0-9a-z]{1,8}$")
_ITEM_STATES = ("complete", "recovered")
_MAX_TEXT = 1024 * 1024


@dataclass(frozen=True, slots=True)
class Manifest:
    """A bundle's manifest, parsed and checked (`raw` is the exact signed bytes)."""

    bundle_id: str
    created_at: str
    device_public_key: bytes
    testimonies: tuple[Testimony, ...]
    items: tuple[MediaItem, ...]
    paths: tuple[str, ...]  # where each item's file is inside the bundle folder
    raw: bytes
    receipt_key: bytes | None = None  # authenticates the organizer's receipt (receipts.py)

    @property
    def total_size(self) -> int:
        """Bytes of media listed."""
        return sum(i.size for i in self.items)


def media_path(item: MediaItem) -> str:
    """`media/<item id>.<ext>`: the extension of its original name when sensible."""
    ext = item.original_name.rsplit(".", 1)[-1].lower() if "." in item.original_name else ""
    if not _EXT.match(ext):
        ext = {"video": "mp4", "audio": "m4a", "image": "jpg"}.get(item.media_type, "bin")
    return f"media/{item.id}.{ext}"


def folder_name(bundle_id: str) -> str:
    """The folder every member of the tar lives in."""
    return f"kua-bundle-{bundle_id}"


def _person(p: Person) -> dict[str, Any]:
    data: dict[str, Any] = {"id": p.id, "role": p.role,
                            "names": [{"text": n.text, "script": n.script} for n in p.names]}
    data.update({name: getattr(p, name) for name in PERSON_FIELDS})
    data["documents"] = list(p.documents)
    return data


def _testimony(t: Testimony) -> dict[str, Any]:
    status = "exported" if t.status == "delivered" else t.status  # delivered: a shown status
    data: dict[str, Any] = {"id": t.id, "status": status, "consent": t.consent,
                            "created_at": t.created_at, "updated_at": t.updated_at}
    data.update({name: getattr(t, name) for name in TESTIMONY_TEXT_FIELDS})
    data["consent_elements"] = {k: getattr(t.consent_elements, k) for k in CONSENT_ELEMENTS}
    data["tags"] = list(t.tags)
    data["people"] = [_person(p) for p in ((t.speaker,) if t.speaker else ()) + t.detained]
    return data


def _item(item: MediaItem) -> dict[str, Any]:
    data = {f.name: getattr(item, f.name) for f in fields(MediaItem)}
    data["params"] = json.loads(item.params or "{}")
    data["path"] = media_path(item)
    return data


def build(bundle_id: str, created_at: str, device_public_key: bytes,
          testimonies: list[Testimony], items: list[MediaItem],
          receipt_key: bytes | None = None) -> bytes:
    """The manifest's bytes (UTF-8 JSON): what the device key signs."""
    data: dict[str, Any] = {"format": FORMAT, "version": VERSION, "bundle_id": bundle_id,
            "created_at": created_at,
            "device": {"public_key": base64.b64encode(device_public_key).decode()},
            "testimonies": [_testimony(t) for t in testimonies],
            "items": [_item(i) for i in items]}
    if receipt_key is not None:
        data["receipt"] = {"key": base64.b64encode(receipt_key).decode()}
    return json.dumps(data, ensure_ascii=False, indent=1, sort_keys=True).encode("utf-8")


class _Checker:
    """Field access that names the field at fault."""

    def __init__(self, where: str) -> None:
        self.where = where

    def fail(self, path: str, reason: str) -> TamperedBundle:
        return TamperedBundle(self.where, _("is invalid: {path} {reason}").format(path=path,
                                            reason=reason))

    def get(self, data: Any, key: str, path: str, kind: type | tuple[type, ...],
            optional: bool = False) -> Any:
        if not isinstance(data, dict) or (key not in data and not optional):
            raise self.fail(f"{path}.{key}", _("is missing"))
        value = data.get(key)
        if value is None and optional:
            return None
        if isinstance(value, bool) and bool not in (kind if isinstance(kind, tuple) else (kind,)):
            raise self.fail(f"{path}.{key}", _("has the wrong type"))
        if not isinstance(value, kind):
            raise self.fail(f"{path}.{key}", _("has the wrong type"))
        if isinstance(value, str) and len(value) > _MAX_TEXT:
            raise self.fail(f"{path}.{key}", _("is too long"))
        return value

    def match(self, data: Any, key: str, path: str, pattern: re.Pattern | tuple[str, ...],
              optional: bool = False) -> Any:
        value = self.get(data, key, path, str, optional)
        if value is None:
            return None
        ok = value in pattern if isinstance(pattern, tuple) else pattern.match(value)
        if not ok:
            raise self.fail(f"{path}.{key}", _("has a value Kua does not accept"))
        return value

    def number(self, data: Any, key: str, path: str, optional: bool = True) -> Any:
        value = self.get(data, key, path, (int, float), optional)
        if value is not None and value < 0:
            raise self.fail(f"{path}.{key}", _("is negative"))
        return value

    def array(self, data: Any, key: str, path: str) -> list:
        return self.get(data, key, path, list)


def _parse_person(c: _Checker, d: Any, path: str) -> Person:
    names = []
    for i, n in enumerate(c.array(d, "names", path)):
        names.append(Name(c.get(n, "text", f"{path}.names[{i}]", str),
                          c.get(n, "script", f"{path}.names[{i}]", str)))
    values = {}
    for name in PERSON_FIELDS:
        kind = int if name == "birth_year" else str
        values[name] = c.get(d, name, path, kind, optional=name == "birth_year")
    docs = tuple(c.match({"d": x}, "d", f"{path}.documents", _ID)
                 for x in c.array(d, "documents", path))
    return Person(c.match(d, "id", path, _ID), c.match(d, "role", path, ROLES), tuple(names),
                  **values, documents=docs)


def _parse_testimony(c: _Checker, d: Any, path: str) -> Testimony:
    elements = c.get(d, "consent_elements", path, dict)
    consent = ConsentElements(*(c.get(elements, k, f"{path}.consent_elements", bool, True)
                                for k in CONSENT_ELEMENTS))
    people = [_parse_person(c, p, f"{path}.people[{i}]")
              for i, p in enumerate(c.array(d, "people", path))]
    speakers = [p for p in people if p.role == "speaker"]
    if len(speakers) > 1:
        raise c.fail(f"{path}.people", _("has more than one speaker"))
    text = {k: c.get(d, k, path, str, optional=k == "recorded_at") for k in TESTIMONY_TEXT_FIELDS}
    tags = tuple(c.get({"t": t}, "t", f"{path}.tags", str) for t in c.array(d, "tags", path))
    return Testimony(
        c.match(d, "id", path, _ID), text.pop("title"), c.match(d, "status", path, STATUSES),
        c.match(d, "consent", path, CONSENT_LEVELS), c.get(d, "created_at", path, str),
        c.get(d, "updated_at", path, str), consent, **text, tags=tags,
        speaker=speakers[0] if speakers else None,
        detained=tuple(p for p in people if p.role == "detained"))


def _parse_item(c: _Checker, d: Any, path: str) -> tuple[MediaItem, str]:
    get, match = c.get, c.match
    params = get(d, "params", path, dict)
    item = MediaItem(
        match(d, "id", path, _ID), match(d, "testimony_id", path, _ID),
        match(d, "kind", path, ITEM_KINDS), match(d, "state", path, _ITEM_STATES),
        get(d, "media_type", path, str), get(d, "size", path, int), match(d, "sha256", path, _SHA),
        c.number(d, "duration", path), match(d, "parent", path, _ID, True),
        get(d, "created_at", path, str), get(d, "codec", path, str, True),
        get(d, "audio_codec", path, str, True), c.number(d, "width", path),
        c.number(d, "height", path), get(d, "rotation", path, int),
        c.number(d, "dropped_frames", path), match(d, "person_id", path, _ID, True),
        get(d, "label", path, str), get(d, "original_name", path, str),
        json.dumps(params, ensure_ascii=False, sort_keys=True))
    if item.size < 0:
        raise c.fail(f"{path}.size", _("is negative"))
    file_path = get(d, "path", path, str)
    if file_path != media_path(item):
        raise c.fail(f"{path}.path", _("is not media/{id}.<extension>").format(id=item.id))
    return item, file_path


def parse(raw: bytes, bundle_id: str) -> Manifest:
    """Check and parse a manifest that claims to belong to `bundle_id`."""
    c = _Checker(_("manifest.json of bundle-{bundle_id}").format(bundle_id=bundle_id))
    try:
        data = json.loads(raw.decode("utf-8"))
    except (UnicodeDecodeError, ValueError):
        raise TamperedBundle(c.where, _("is not valid JSON")) from None
    if c.get(data, "format", "", str) != FORMAT:
        raise c.fail("format", _("is not {format}").format(format=FORMAT))
    if c.get(data, "version", "", int) > VERSION:
        raise NotABundle(_("bundle-{bundle_id} was made by a newer version of Kua: update Kua").format(bundle_id=bundle_id))
    if c.get(data, "bundle_id", "", str) != bundle_id:
        raise TamperedBundle(c.where, _("names bundle {data}, not bundle-{bundle_id} (a "
                                        "manifest from another bundle)").format(data=repr(data['bundle_id']),
                                        bundle_id=bundle_id))
    try:
        key = base64.b64decode(c.get(c.get(data, "device", "", dict), "public_key", "device", str),
                               validate=True)
    except ValueError:
        key = b""
    if len(key) != 32:
        raise c.fail("device.public_key", _("is not an Ed25519 public key"))
    testimonies = tuple(_parse_testimony(c, t, f"testimonies[{i}]")
                        for i, t in enumerate(c.array(data, "testimonies", "")))
    parsed = [_parse_item(c, d, f"items[{i}]") for i, d in enumerate(c.array(data, "items", ""))]
    items = tuple(i for i, _unused in parsed)
    _check_references(c, testimonies, items)
    return Manifest(bundle_id, c.get(data, "created_at", "", str), key, testimonies, items,
                    tuple(p for _unused, p in parsed), raw, _receipt_key(c, data))


def _receipt_key(c: _Checker, data: dict) -> bytes | None:
    """The receipt key, if the bundle has one (bundles made before receipts have none)."""
    receipt = c.get(data, "receipt", "", dict, optional=True)
    if receipt is None:
        return None
    try:
        key = base64.b64decode(c.get(receipt, "key", "receipt", str), validate=True)
    except ValueError:
        key = b""
    if len(key) != 32:
        raise c.fail("receipt.key", _("is not a 32-byte key"))
    return key


def _check_references(c: _Checker, testimonies: tuple[Testimony, ...],
                      items: tuple[MediaItem, ...]) -> None:
    tids = [t.id for t in testimonies]
    if len(set(tids)) != len(tids):
        raise c.fail("testimonies", _("lists a testimony twice"))
    if len({i.id for i in items}) != len(items):
        raise c.fail("items", _("lists an item twice"))
    people = {t.id: {p.id for p in ((t.speaker,) if t.speaker else ()) + t.detained}
              for t in testimonies}
    for n, item in enumerate(items):
        if item.testimony_id not in people:
            raise c.fail(f"items[{n}].testimony_id", _("names a testimony not in the bundle"))
        if item.person_id is not None and item.person_id not in people[item.testimony_id]:
            raise c.fail(f"items[{n}].person_id", _("names a person not in its testimony"))


def sign(raw: bytes, private_key) -> bytes:
    """The Ed25519 signature of the manifest's bytes."""
    return private_key.sign(raw)


def verify_signature(manifest: Manifest, signature: bytes) -> None:
    """Raise TamperedBundle unless `signature` is the manifest's device key's signature."""
    where = _("manifest.sig of bundle-{bundle_id}").format(bundle_id=manifest.bundle_id)
    if len(signature) != SIGNATURE_SIZE:
        raise TamperedBundle(where, _("is not an Ed25519 signature"))
    try:
        key = Ed25519PublicKey.from_public_bytes(manifest.device_public_key)
        key.verify(signature, manifest.raw)
    except InvalidSignature:
        raise TamperedBundle(where, _("does not verify with the device key the manifest names: "
                                      "the manifest or the signature was altered")) from None
