"""Library use cases: add files, list, show, search, extract, remove, verify.

Each function takes an open `Vault`; long ones take a `progress` callback, handed a
`Progress` (bytes done of the total, and the item), and a `CancelToken` (core/work.py).
They return frozen models or reports, never rows, and raise only `KuaError` subclasses
for things a person can meet.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Iterable

from core.i18n import _
from media.probe import probe
from storage import ids
from storage.db import mapped_errors
from core.errors import (HashMismatch, InvalidValue, KuaError, NotFound, ObjectTruncated,
                            RefusedByConsent, UsageError)
from core.work import CancelToken, Progress, ProgressFn, no_progress
from storage.outfiles import check_target, output_file
from storage.models import MediaItem, Testimony, TestimonySummary
from storage.vault import Vault

from app import damage

CHUNK = 1024 * 1024
_PRIMARY_ORDER = ("master", "imported", "share", "anonymized", "proxy", "audio", "still", "document")


@dataclass(frozen=True, slots=True)
class AddResult:
    """What `add_files` stored."""

    testimony_id: str
    item_ids: tuple[str, ...]


def _kind_for(media_type: str) -> str:
    return "document" if media_type == "other" else "imported"


def add_files(vault: Vault, paths: Iterable[Path], *, title: str | None = None,
              consent: str = "restricted", testimony_id: str | None = None,
              progress: ProgressFn = no_progress, cancel: CancelToken | None = None) -> AddResult:
    """Store existing files byte for byte as items of a new (or given) testimony.

    Nothing half-written stays referenced: an item row is `writing` until its object
    is complete, and any failure erases the item (and a testimony made for it). A new
    testimony is marked unfinished until every file is in, so that after a crash the
    next unlock erases it too (`erase_unfinished_imports`).
    """
    paths = [Path(p) for p in paths]
    for p in paths:
        if not p.is_file():
            raise UsageError(_("{p} is not a file").format(p=p))
    total = sum(p.stat().st_size for p in paths)
    done = 0
    created = testimony_id is None
    with vault.transaction():
        if created:
            testimony_id = vault.catalogue.create_testimony(
                title if title is not None else paths[0].stem, consent)
            vault.audit.append("testimony.create", testimony_id)
            vault.mark_unfinished_import(testimony_id)
        elif not vault.catalogue.exists(testimony_id):
            raise NotFound(_("no testimony with id {testimony_id}").format(testimony_id=testimony_id))
    item_ids: list[str] = []
    try:
        for path in paths:
            item_id = _add_one(vault, testimony_id, path, lambda n, base=done: progress(
                Progress(base + n, total, message=path.name)), cancel)
            item_ids.append(item_id)
            done += path.stat().st_size
    except BaseException:
        for item_id in item_ids:
            _erase_quietly(vault, item_id)
        if created:
            try:
                _drop_unfinished(vault, testimony_id)
            except KuaError:
                pass  # it stays marked: the next unlock erases it; the first error matters more
        raise
    if created:
        with vault.transaction():
            vault.clear_unfinished_import(testimony_id)
    return AddResult(testimony_id, tuple(item_ids))


def erase_unfinished_imports(vault: Vault) -> list[str]:
    """Erase testimonies that an `add` created but never finished (killed, power cut).

    Their items are erased with them: an import is all or nothing. Returns their ids.
    """
    tids = vault.unfinished_imports()
    for testimony_id in tids:
        for item in vault.items.of_testimony(testimony_id):
            vault.erase_item(item.id, "item.erase-unfinished")
        _drop_unfinished(vault, testimony_id)
    return tids


def _drop_unfinished(vault: Vault, testimony_id: str) -> None:
    """Remove an unfinished import's testimony once none of its items is left.

    If an item could not be erased (the disk is still full), the testimony stays,
    marked unfinished, for the next unlock to finish the job.
    """
    with vault.transaction():
        if vault.items.of_testimony(testimony_id):
            return
        if vault.catalogue.exists(testimony_id):
            vault.catalogue.delete_testimony(testimony_id)
            vault.audit.append("testimony.remove", testimony_id)
        vault.clear_unfinished_import(testimony_id)


def _add_one(vault: Vault, testimony_id: str, path: Path, copied: Callable[[int], None],
             cancel: CancelToken | None) -> str:
    with open(path, "rb") as src:
        info = probe(src, path.name)
        with vault.transaction():
            ref = vault.items.create(testimony_id, _kind_for(info.media_type),
                                     original_name=path.name)
        writer = None
        try:
            writer = vault.writer(ref)
            n = 0
            while chunk := src.read(CHUNK):
                if cancel:
                    cancel.check()
                writer.write(chunk)
                n += len(chunk)
                copied(n)
            writer.close()
            with vault.transaction():
                vault.items.update(ref.item_id, state="complete", size=writer.size,
                                   sha256=writer.sha256, media_type=info.media_type,
                                   codec=info.codec, audio_codec=info.audio_codec,
                                   duration=info.duration, width=info.width,
                                   height=info.height, rotation=info.rotation)
                vault.audit.append("item.add", ref.item_id, testimony=testimony_id,
                                   sha256=writer.sha256)
        except BaseException:
            if writer is not None:
                writer.abort()  # frees the space first, so erasing the row can succeed
            _erase_quietly(vault, ref.item_id)
            raise
    return ref.item_id


def _erase_quietly(vault: Vault, item_id: str) -> None:
    """Erase an unfinished item while another error is on its way up.

    If this fails too (the disk is still full), the row stays in state `writing`,
    which no listing shows and the next unlock erases: the first error is the one
    the person needs to see.
    """
    try:
        vault.erase_item(item_id, "item.erase-unfinished")
    except KuaError:
        pass


def list_testimonies(vault: Vault) -> list[Testimony]:
    """Every testimony, newest first, with people and items."""
    with mapped_errors():
        return vault.catalogue.all()


def list_summaries(vault: Vault) -> list[TestimonySummary]:
    """One line's worth of every testimony, newest first (fast for thousands)."""
    with mapped_errors():
        return vault.catalogue.summaries()


def search(vault: Vault, text: str) -> list[Testimony]:
    """Testimonies matching `text` in any script or spelling, best first."""
    with mapped_errors():
        return vault.catalogue.by_ids(vault.catalogue.search(text))


def search_summaries(vault: Vault, text: str) -> list[TestimonySummary]:
    """Like `search`, as summaries."""
    with mapped_errors():
        return vault.catalogue.summaries(vault.catalogue.search(text))


def find(vault: Vault, some_id: str) -> Testimony | MediaItem:
    """The testimony or media item with this id."""
    some_id = ids.normalize(some_id)
    if ids.kind_of(some_id) == ids.ITEM:
        return vault.items.get(some_id)
    return vault.catalogue.get(some_id)


def primary_item(testimony: Testimony) -> MediaItem:
    """The item a testimony id stands for: its master, else its first imported item."""
    usable = [i for i in testimony.items if i.state in ("complete", "recovered")]
    for kind in _PRIMARY_ORDER:
        for item in usable:
            if item.kind == kind:
                return item
    raise NotFound(_("testimony {id} has no media item").format(id=testimony.id))


def resolve_item(vault: Vault, some_id: str) -> MediaItem:
    """A media item id as is; a testimony id means its primary item."""
    found = find(vault, some_id)
    return found if isinstance(found, MediaItem) else primary_item(found)


def shareable(vault: Vault, item: MediaItem, force: bool = False) -> bool:
    """Whether a plaintext copy of `item` may leave the vault; False means it was forced.

    A testimony with "anonymous" consent may only be shared as anonymized items: any
    other item of it is refused (`RefusedByConsent`) unless `force` is given. A
    "restricted" one is for organizers only: its copies meant for publication (share,
    anonymized) are refused unless `force` too.
    """
    if not restricted_copy(vault, item, force):
        return False
    if item.kind == "anonymized" or vault.catalogue.get(item.testimony_id).consent != "anonymous":
        return True
    if force:
        return False
    raise RefusedByConsent(
        _("item {id} is not anonymized and testimony {testimony_id} has anonymous consent: "
          "extract its anonymized copy (kua transcode {testimony_id} --profile anonymized), or "
          "give --force").format(id=item.id, testimony_id=item.testimony_id))


PUBLICATION_KINDS = ("share", "anonymized")  # copies made to be published


def restricted_copy(vault: Vault, item: MediaItem, force: bool) -> bool:
    """Refuse a publication copy of a restricted testimony leaving the vault, unless `force`
    (then False: it was forced)."""
    if item.kind not in PUBLICATION_KINDS \
            or vault.catalogue.get(item.testimony_id).consent != "restricted":
        return True
    if force:
        return False
    raise RefusedByConsent(
        _("item {id} is a {kind} copy and testimony {testimony_id} has restricted consent:"
          " only the organizers may see it, so it is not copied for publication; give --force"
          " if you really mean to").format(id=item.id, kind=item.kind,
                                           testimony_id=item.testimony_id))


def extract(vault: Vault, some_id: str, out: Path, *, progress: ProgressFn = no_progress,
            cancel: CancelToken | None = None, force: bool = False,
            replace: bool = False) -> MediaItem:
    """Write an item's plaintext to `out` (a deliberate plaintext copy), checking its hash.

    The copy is owner-only and is written under a temporary name beside `out`, then put
    in place only once its SHA-256 matches the catalogue, so a failed or tampered
    extract leaves nothing (storage/outfiles.py). An existing `out`, or a link there,
    is refused unless `replace` (then a link is replaced, never followed).
    Identifying items of an anonymous testimony need `force` (see `shareable`).
    """
    item = resolve_item(vault, some_id)
    allowed = shareable(vault, item, force)
    hint = _(" or add --force to replace it")
    check_target(out, replace, hint)
    digest = hashlib.sha256()
    with vault.reader(item.id) as reader, output_file(out, replace=replace, hint=hint) as dst:
        done = 0
        while chunk := reader.read(CHUNK):
            if cancel:
                cancel.check()
            dst.write(chunk)
            digest.update(chunk)
            done += len(chunk)
            progress(Progress(done, reader.size, message=item.id))
        _check_hash(item, digest.hexdigest(), done)
    if not vault.read_only:  # a replica opened in place records nothing
        with vault.transaction():
            vault.audit.append("item.extract", item.id, **({} if allowed else {"forced": True}))
    return item


def _check_hash(item: MediaItem, sha256: str, size: int) -> None:
    if size != item.size:
        raise ObjectTruncated(item.id, _("{size} bytes instead of {size2}").format(size=size,
                                         size2=item.size))
    if item.sha256 and sha256 != item.sha256:
        raise HashMismatch(item.id, _("its SHA-256 differs from the catalogue"))


def remove(vault: Vault, some_id: str) -> str:
    """Crypto-erase a media item, or a testimony with all its items; returns the id."""
    found = find(vault, some_id)
    if isinstance(found, MediaItem):
        vault.erase_item(found.id, "item.remove")
        return found.id
    for item in vault.items.of_testimony(found.id):
        vault.erase_item(item.id, "item.remove")
    with vault.transaction():
        vault.catalogue.delete_testimony(found.id)
        vault.audit.append("testimony.remove", found.id)
    return found.id


@dataclass(frozen=True, slots=True)
class VerifyReport:
    """What `verify` checked and what it found wrong (problems name item ids)."""

    audit_events: int
    items_checked: int
    bytes_checked: int
    problems: tuple[str, ...] = field(default_factory=tuple)

    @property
    def ok(self) -> bool:
        return not self.problems


def verify(vault: Vault, *, progress: ProgressFn = no_progress,
           cancel: CancelToken | None = None, accept_older: bool = False) -> VerifyReport:
    """Check the catalogue pages, the audit chain, every object's tags and SHA-256; name
    damaged and lost items, objects the catalogue does not know, and an older vault.db
    (which `accept_older` accepts, once, for good)."""
    problems: list[str] = []
    health = vault.check_catalogue()
    if not health.pages_authentic:
        problems.append(_("vault.db: some pages failed authentication"))
    if not health.structure_sound:
        problems.append(_("vault.db: the database structure is damaged"))
    try:
        events = vault.audit.verify()
    except KuaError as exc:
        events = 0
        problems.append(str(exc))
    items = [i for i in vault.items.all() if i.state in ("complete", "recovered")]
    total = sum(i.size for i in items)
    checked = 0
    for item in items:
        if cancel:
            cancel.check()
        try:
            with vault.reader(item.id) as reader:
                digest = hashlib.sha256()
                n = 0
                while chunk := reader.read(CHUNK):
                    digest.update(chunk)
                    n += len(chunk)
                    progress(Progress(checked + n, total, message=item.id))
            _check_hash(item, digest.hexdigest(), n)
        except KuaError as exc:
            problems.append(str(exc))
        checked += item.size
    problems += damage.findings(vault, accept_older)
    if accept_older and not vault.read_only:
        vault.accept_rollback()
    if not vault.read_only:  # a replica opened in place records nothing
        with vault.transaction():
            vault.audit.append("vault.verify", None, problems=len(problems))
    return VerifyReport(events, len(items), checked, tuple(problems))


def require_value(name: str, value: str, allowed: Iterable[str]) -> str:
    """`value` if it is one of `allowed`, else InvalidValue naming the field."""
    allowed = tuple(allowed)
    if value not in allowed:
        raise InvalidValue(_("{name} must be one of {join}").format(name=name,
                             join=', '.join(allowed)))
    return value
