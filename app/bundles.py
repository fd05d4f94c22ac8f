"""Bundles for organizers: organizer keys, the address book, export and verify.

Import is in app/bundle_import.py. Export streams the chosen items from the vault
into an age-encrypted bundle (storage/bundles/) with no plaintext on disk, after
applying the testimonies' consent; verify checks a bundle without any vault.
Long work takes a `progress` callback, handed a `Progress`, and a `CancelToken`
(core/work.py).
"""

from __future__ import annotations

import time
from dataclasses import dataclass
from pathlib import Path
from typing import Callable, Iterable

from core.i18n import _, ngettext
from storage import ids
from storage.audit import now
from storage.bundles import age, age_keys, age_stanza, receipts
from storage.bundles.age_pq import HybridIdentity
from storage.bundles.device import BundleRecord, Organizer, fingerprint
from storage.bundles.manifest import build as build_manifest
from storage.bundles.parts import MAX_PARTS
from storage.bundles.reader import BundleReader
from storage.bundles.writer import BundleWriter
from core.errors import (InvalidIdentity, InvalidValue, NotFound, RefusedByConsent,
                            TargetNotEmpty, UsageError, WrongPassphrase)
from core.work import CancelToken, Progress, ProgressFn, byte_counter, no_progress
from storage.fsio import is_empty_dir
from storage.outfiles import check_target, output_file
from storage.models import MediaItem, Testimony
from storage.vault import Vault

from app.library import find
from app.transcode.review import is_reviewed

DEFAULT_SPLIT = 2 * 1024 ** 3
INCLUDE = ("master", "share", "anonymized", "all")
ORIGINAL_KINDS = ("master", "imported", "still", "document")
_USABLE = ("complete", "recovered")


# -- organizer keys and the address book ------------------------------------------


def new_organizer_identity(out: Path, passphrase: str | None,
                           classic: bool = False) -> age_keys.AnyRecipient:
    """Write a new age identity to `out` (refusing to overwrite), protected if a
    passphrase is given; returns its recipient for volunteers.

    Hybrid post-quantum (ML-KEM-768 + X25519, `age1pq1…`, opened by age 1.3 and
    later) unless `classic` (X25519, `age1…`, opened by any age)."""
    check_target(out)
    identity = age.Identity.generate() if classic else HybridIdentity.generate()
    text = age_keys.identity_file(identity, now())
    data = age_keys.protect(text, passphrase) if passphrase else text
    with output_file(out) as f:
        f.write(data)
    return identity.recipient


def load_identities(path: Path, passphrase: Callable[[], str]) -> list[age_keys.AnyIdentity]:
    """The identities in a key file; `passphrase()` is asked only if the file is protected."""
    path = Path(path)
    try:
        data = path.read_bytes()
    except OSError:
        raise InvalidIdentity(_("cannot read the identity file {path}").format(path=path)) from None
    try:
        return age_keys.read_identities(data, passphrase)
    except age.NoMatchingIdentity:
        raise WrongPassphrase(_("wrong passphrase for the identity file {path}").format(path=path)) from None
    except age_stanza.AgeError:
        raise InvalidIdentity(_("{path} is not an age identity file").format(path=path)) from None


def add_organizer(vault: Vault, name: str, recipient: str) -> Organizer:
    """Add (or replace) an organizer in the vault's address book."""
    with vault.transaction():
        entry = vault.address_book.add(name, recipient)
        vault.audit.append("organizer.add", None)
    return entry


def organizers(vault: Vault) -> list[Organizer]:
    """The address book, by name."""
    return vault.address_book.all()


def remove_organizer(vault: Vault, name: str) -> None:
    """Forget an organizer."""
    with vault.transaction():
        vault.address_book.remove(name)
        vault.audit.append("organizer.remove", None)


@dataclass(frozen=True, slots=True)
class DeviceInfo:
    """The vault's device key as others see it."""

    fingerprint: str
    public_key: bytes
    created_at: str


def device_info(vault: Vault) -> DeviceInfo:
    """The fingerprint and public key that sign this vault's bundles."""
    key = vault.device_key()
    return DeviceInfo(key.fingerprint, key.public, key.created_at)


# -- export -----------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class ExportReport:
    """What `export_bundle` wrote."""

    bundle_id: str
    folder: Path
    parts: tuple[str, ...]
    testimonies: tuple[str, ...]
    items: tuple[str, ...]
    media_bytes: int
    encrypted_bytes: int
    device: str
    notes: tuple[str, ...]
    post_quantum: bool = False  # encrypted to age1pq1… keys: age 1.3 or later opens it


@dataclass(frozen=True, slots=True)
class ConsentChoice:
    """Consent overrides the person exporting chose deliberately."""

    include_restricted: bool = False  # accepted for compatibility: restricted always goes in
    include_identifiable: bool = False
    include_unreviewed: bool = False   # anonymized copies nobody has watched (app/transcode/review.py)


def _items_for(t: Testimony, include: str) -> list[MediaItem]:
    usable = [i for i in t.items if i.state in _USABLE and i.sha256]
    if include == "all":
        return usable
    kinds = ORIGINAL_KINDS if include == "master" else (include,)
    return [i for i in usable if i.kind in kinds]


def select_for_export(vault: Vault, some_ids: Iterable[str], include: str = "master",
                      consent: ConsentChoice = ConsentChoice()
                      ) -> tuple[list[Testimony], list[MediaItem], list[str]]:
    """The testimonies and items an export of `some_ids` holds, after consent; and notes.

    A testimony id means its items of kind `include` (`master`: the originals, i.e.
    recorded masters, imported files, stills and documents). A bundle is for
    organizers only, so restricted testimonies go in like any other (restricted keeps
    them out of copies meant for publication); anonymous ones give only their
    anonymized items unless `consent.include_identifiable`.
    """
    if include not in INCLUDE:
        raise InvalidValue(_("--include must be one of {join}").format(join=', '.join(INCLUDE)))
    chosen: dict[str, list[MediaItem]] = {}
    testimonies: dict[str, Testimony] = {}
    notes: list[str] = []
    for some_id in some_ids:
        found = find(vault, some_id)
        t = vault.catalogue.get(found.testimony_id if isinstance(found, MediaItem) else found.id)
        if isinstance(found, MediaItem):
            if found.state not in _USABLE or not found.sha256:
                raise UsageError(_("item {id} is not complete ({state}): it cannot be exported").format(id=found.id,
                                   state=found.state))
            if t.consent == "anonymous" and found.kind != "anonymized" \
                    and not consent.include_identifiable:
                raise RefusedByConsent(_("item {id} is not anonymized and testimony {id2} has "
                                         "anonymous consent: export its anonymized item, or "
                                         "give --include-identifiable").format(id=found.id,
                                         id2=t.id))
            if t.consent == "anonymous" and found.kind == "anonymized" \
                    and not consent.include_unreviewed and not is_reviewed(found):
                raise RefusedByConsent(_("item {id} has not been reviewed: watch it, then `kua"
                                         " review {id}`, or give --include-unreviewed").format(
                                             id=found.id))
            items = [found]
        elif t.consent == "anonymous" and not consent.include_identifiable:
            items = [i for i in _items_for(t, "all") if i.kind == "anonymized"]
            if not items:
                raise RefusedByConsent(_("testimony {id} has anonymous consent and no "
                                         "anonymized item: transcode it with --profile "
                                         "anonymized, or give --include-identifiable").format(id=t.id))
            if not consent.include_unreviewed:
                unreviewed = [i for i in items if not is_reviewed(i)]
                items = [i for i in items if is_reviewed(i)]
                if not items:
                    raise RefusedByConsent(_(
                        "testimony {id} has no reviewed anonymized item; item {item} has not"
                        " been reviewed: watch it, then `kua review {item}`, or give"
                        " --include-unreviewed").format(id=t.id, item=unreviewed[0].id))
                if unreviewed:
                    notes.append(ngettext(
                        "testimony {id}: {n} anonymized item not reviewed, left out",
                        "testimony {id}: {n} anonymized items not reviewed, left out",
                        len(unreviewed)).format(id=t.id, n=len(unreviewed)))
            if include != "anonymized":
                notes.append(_("testimony {id}: anonymous consent, so only its anonymized "
                               "items are exported").format(id=t.id))
        else:
            items = _items_for(t, include)
            if not items:
                raise NotFound(_("testimony {id} has no {include} item to export").format(id=t.id,
                                 include=include))
        testimonies.setdefault(t.id, t)
        listed = chosen.setdefault(t.id, [])
        listed += [i for i in items if i.id not in {x.id for x in listed}]
    if not testimonies:
        raise UsageError(_("give at least one testimony or item id to export"))
    items = [i for t in testimonies for i in chosen[t]]
    return list(testimonies.values()), items, notes


def _prepare_folder(to: Path) -> None:
    if to.exists() and not is_empty_dir(to):
        raise TargetNotEmpty(_("{to} is not an empty folder: choose a new or empty folder").format(to=to))
    to.mkdir(parents=True, exist_ok=True, mode=0o700)


def export_bundle(vault: Vault, some_ids: Iterable[str], to: Path, recipients: Iterable[str], *,
                  split_size: int = DEFAULT_SPLIT, include: str = "master",
                  consent: ConsentChoice = ConsentChoice(), progress: ProgressFn = no_progress,
                  cancel: CancelToken | None = None) -> ExportReport:
    """Write a bundle of the chosen testimonies and items into `to`, encrypted to
    `recipients` (age1… or address-book names), and mark the testimonies exported."""
    book = vault.address_book
    resolved = list({str(r): r for r in (book.resolve(r) for r in recipients)}.values())
    if not resolved:
        raise UsageError(_("give at least one --recipient (age1… or a name from the address "
                           "book)"))
    if len({r.post_quantum for r in resolved}) > 1:
        raise UsageError(_("a bundle for a post-quantum key (age1pq1…) cannot also be encrypted"
                           " to a classic one (age1…): that would undo its protection; export"
                           " twice"))
    testimonies, items, notes = select_for_export(vault, some_ids, include, consent)
    total = sum(i.size for i in items)
    if (total + total // 4096 + 2 ** 20) // split_size + 1 > MAX_PARTS:
        raise UsageError(_("this bundle would need more than {MAX_PARTS} parts: use a larger "
                           "--split-size").format(MAX_PARTS=MAX_PARTS))
    to = Path(to)
    _prepare_folder(to)
    device = vault.device_key()
    bundle_id = ids.new_id("b")
    created = now()
    receipt_key = receipts.new_key()
    manifest = build_manifest(bundle_id, created, device.public, testimonies, items, receipt_key)
    writer = BundleWriter(to, bundle_id, resolved, split_size, int(time.time()))
    tick = byte_counter(total, f"bundle-{bundle_id}", progress, cancel)

    try:
        writer.add_manifest(manifest, device.private.sign(manifest))
        for item in items:
            with vault.reader(item.id) as reader:
                writer.add_media(item, reader, tick)
        parts = writer.close()
    except BaseException:
        writer.abort()
        raise
    with vault.transaction():
        for t in testimonies:
            vault.catalogue.update_testimony(t.id, status="exported")
            vault.audit.append("testimony.export", t.id, bundle=bundle_id)
        vault.bundle_log.record(
            BundleRecord(bundle_id, "export", device.fingerprint, created, now(), len(items),
                         total),
            [(t.id, t.id) for t in testimonies])
        vault.deliveries.record_export(
            bundle_id, receipt_key, [(i.id, i.testimony_id, i.sha256 or "") for i in items])
        vault.audit.append("bundle.export", bundle_id, device=device.fingerprint,
                           items=[i.id for i in items], recipients=len(resolved))
    return ExportReport(bundle_id, to, tuple(p.name for p in parts),
                        tuple(t.id for t in testimonies), tuple(i.id for i in items), total,
                        writer.encrypted_bytes, device.fingerprint, tuple(notes),
                        resolved[0].post_quantum)


# -- verify -----------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class VerifiedItem:
    """A media file of a bundle whose size and SHA-256 matched the manifest."""

    id: str
    testimony_id: str
    kind: str
    size: int
    sha256: str


@dataclass(frozen=True, slots=True)
class BundleReport:
    """What `verify_bundle` checked: every part, the signature and every hash."""

    bundle_id: str
    created_at: str
    device: str
    device_public_key: bytes
    parts: tuple[tuple[str, int], ...]
    note: bool  # bundle-<id>.txt was there
    testimonies: tuple[str, ...]
    items: tuple[VerifiedItem, ...]

    @property
    def media_bytes(self) -> int:
        """Bytes of media checked."""
        return sum(i.size for i in self.items)


def verify_bundle(folder: Path, identities: list[age_keys.AnyIdentity], *,
                  progress: ProgressFn = no_progress,
                  cancel: CancelToken | None = None) -> BundleReport:
    """Check a bundle completely, without a vault; raises the first problem found."""
    with BundleReader(folder, identities) as bundle:
        m = bundle.manifest
        total, done = m.total_size, 0
        checked = []
        for entry in bundle.entries():
            def tick(n: int) -> None:
                nonlocal done
                done += n
                if cancel:
                    cancel.check()
                progress(Progress(done, total, message=entry.item.id))

            entry.reader.read_all(tick)
            i = entry.item
            checked.append(VerifiedItem(i.id, i.testimony_id, i.kind, i.size, i.sha256 or ""))
        return BundleReport(bundle.bundle_id, m.created_at, fingerprint(m.device_public_key),
                            m.device_public_key,
                            tuple((p.name, p.stat().st_size) for p in bundle.files.parts),
                            bundle.files.note is not None, tuple(t.id for t in m.testimonies),
                            tuple(checked))

