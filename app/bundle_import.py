"""Import a bundle into the current vault: all of it checked, or nothing kept.

One pass over the bundle: the manifest and its signature are verified before any
media; media already in the vault (same SHA-256) are skipped, but still read and
hashed; new media are sealed under fresh item keys as they stream, in items that
stay `writing` (invisible, and erased by the next unlock after a crash) until the
whole bundle has checked out: every hash, nothing missing, nothing extra, the age
stream's final chunk. Only then does one transaction make them complete. Any
failure erases what was staged: nothing is imported and nothing already in the
vault is touched. The free space is checked before the first byte is written.
After the commit a receipt for the volunteer goes into the bundle folder (app/receipts.py).
"""

from __future__ import annotations

import shutil
from dataclasses import dataclass, field, replace
from pathlib import Path

from core.i18n import _
from storage.audit import now
from storage.bundles import age_keys
from storage.bundles.device import BundleRecord, fingerprint
from storage.bundles.manifest import Manifest
from storage.bundles.matches import PersonMatch
from storage.bundles.reader import BundleReader, Entry
from core.errors import DiskFull, KuaError
from core.work import CancelToken, ProgressFn, byte_counter, no_progress
from storage.items import ObjectRef
from storage.models import MediaItem, Person, Testimony
from storage.sealed import Layout, part_sizes
from storage.vault import Vault

from app.receipts import write_receipt

COPY_CHUNK = 1024 * 1024
_MARGIN = 64 * 1024 * 1024  # catalogue growth, WAL, and room for the system to breathe


@dataclass(frozen=True, slots=True)
class ImportedTestimony:
    """A testimony of the bundle and the local testimony it went into (or None)."""

    source_id: str
    id: str | None
    created: bool


@dataclass(frozen=True, slots=True)
class ImportedItem:
    """An item of the bundle: newly imported, or already in the vault as `id`."""

    source_id: str
    id: str
    testimony_id: str
    new: bool


@dataclass(frozen=True, slots=True)
class ImportReport:
    """What `import_bundle` did."""

    bundle_id: str
    device: str
    created_at: str
    known_device: bool  # an earlier bundle from the same device is in this vault
    testimonies: tuple[ImportedTestimony, ...]
    items: tuple[ImportedItem, ...]
    matches: tuple[PersonMatch, ...] = field(default_factory=tuple)
    receipt: str | None = None  # the receipt written into the bundle folder
    receipt_problem: str = ""   # why none was written (an old bundle, a read-only stick)

    @property
    def nothing_new(self) -> bool:
        """True if every item of the bundle was already in the vault."""
        return not any(i.new for i in self.items)


@dataclass
class _Plan:
    """Where each item of the bundle goes (built before any media is read)."""

    local_testimony: dict[str, str]   # source testimony id -> local id (existing or new)
    created: set[str]                 # source ids of testimonies made by this import
    duplicates: dict[str, MediaItem]  # source item id -> the local item with its SHA-256
    twins: dict[str, str]             # source item id -> an earlier item of the bundle, same SHA
    people: dict[str, str]            # source person id -> local person id
    staged: dict[str, tuple[ObjectRef, int, str]] = field(default_factory=dict)

    def is_new(self, source_id: str) -> bool:
        """Whether this item's content is not in the vault (nor earlier in the bundle)."""
        return source_id not in self.duplicates and source_id not in self.twins


def required_space(new_items: list[MediaItem]) -> int:
    """Bytes the vault's disk needs to take in `new_items` (sealed), with a margin."""
    return sum(sum(part_sizes(i.size, Layout())) for i in new_items) + _MARGIN


def _check_space(vault: Vault, bundle_id: str, needed: int) -> None:
    free = shutil.disk_usage(vault.path).free
    if free < needed:
        raise DiskFull(_("the vault's disk has {free:.0f} MiB free, but bundle-{bundle_id} "
                         "needs {needed:.0f} MiB: nothing was imported").format(
            free=free / 2 ** 20, bundle_id=bundle_id, needed=needed / 2 ** 20))


def _plan(vault: Vault, m: Manifest, device: str) -> _Plan:
    log = vault.bundle_log
    local = {}
    for t in m.testimonies:
        tid = log.local_testimony(device, t.id)
        if tid is not None and vault.catalogue.exists(tid):
            local[t.id] = tid
    duplicates, twins, first = {}, {}, {}
    for item in m.items:
        same = vault.items.with_sha256(item.sha256 or "")
        if same:
            duplicates[item.id] = same[0]
        elif item.sha256 in first:
            twins[item.id] = first[item.sha256]
        else:
            first[item.sha256] = item.id
    return _Plan(local, set(), duplicates, twins, {})


def _people(t: Testimony) -> list[Person]:
    return ([t.speaker] if t.speaker else []) + list(t.detained)


def _create_testimony(vault: Vault, t: Testimony, plan: _Plan) -> str:
    """A new local testimony with the bundle's metadata, marked unfinished."""
    cat = vault.catalogue
    tid = cat.create_testimony(t.title, t.consent, t.recorded_at)
    vault.mark_unfinished_import(tid)
    e = t.consent_elements
    cat.update_testimony(tid, status=t.status, place=t.place, language=t.language,
                         volunteer=t.volunteer, notes=t.notes, disclosure=e.disclosure,
                         voluntariness=e.voluntariness, comprehension=e.comprehension,
                         competence=e.competence)
    cat.set_tags(tid, t.tags)
    for person in _people(t):
        pid = cat.add_person(tid, person.role)
        cat.update_person(pid, **{name: getattr(person, name) for name in (
            "relation", "contact", "birth_year", "chinese_id", "hometown", "detained_on",
            "detention_place", "detention_kind", "sentence", "charges", "citizenship")})
        cat.set_names(pid, [n.text for n in person.names])
        plan.people[person.id] = pid
    return tid


def _map_existing_people(vault: Vault, t: Testimony, tid: str, plan: _Plan) -> None:
    """People of a testimony imported earlier: matched by role and position, if they line up."""
    for role in ("speaker", "detained"):
        theirs = [p.id for p in _people(t) if p.role == role]
        ours = vault.catalogue.people(tid, role)
        if len(theirs) == len(ours):
            plan.people.update(zip(theirs, ours))


def _stage(vault: Vault, m: Manifest, plan: _Plan) -> None:
    """Create the testimonies that will receive new items (in one transaction)."""
    wanted = {i.testimony_id for i in m.items if plan.is_new(i.id)}
    with vault.transaction():
        for t in m.testimonies:
            if t.id in plan.local_testimony:
                _map_existing_people(vault, t, plan.local_testimony[t.id], plan)
            elif t.id in wanted:
                plan.local_testimony[t.id] = _create_testimony(vault, t, plan)
                plan.created.add(t.id)


def _receive(vault: Vault, entry: Entry, plan: _Plan, tick) -> None:
    """Seal one new media file into the vault, in state `writing`."""
    item = entry.item
    with vault.transaction():
        ref = vault.items.create(plan.local_testimony[item.testimony_id], item.kind,
                                 original_name=item.original_name)
    plan.staged[item.id] = (ref, 0, "")
    writer = vault.writer(ref)
    try:
        buffer = bytearray(COPY_CHUNK)
        # The sealing writer hashes the plaintext anyway: the bundle reader checks its hash.
        while n := entry.reader.readinto_unhashed(buffer):
            writer.write(memoryview(buffer)[:n])
            tick(n)
        writer.close()
    except BaseException:
        writer.abort()
        raise
    entry.reader.declare_sha256(writer.sha256 or "")
    plan.staged[item.id] = (ref, writer.size, writer.sha256 or "")


def _local_id(plan: _Plan, source_item: str | None) -> str | None:
    if source_item is None:
        return None
    source_item = plan.twins.get(source_item, source_item)
    if source_item in plan.staged:
        return plan.staged[source_item][0].item_id
    dup = plan.duplicates.get(source_item)
    return dup.id if dup else None


def _commit(vault: Vault, bundle: BundleReader, plan: _Plan, device: str) -> None:
    m = bundle.manifest
    by_id = {i.id: i for i in m.items}
    with vault.transaction():
        for source_id, (ref, size, sha) in plan.staged.items():
            i = by_id[source_id]
            vault.items.update(
                ref.item_id, state=i.state, size=size, sha256=sha, media_type=i.media_type,
                codec=i.codec, audio_codec=i.audio_codec, duration=i.duration, width=i.width,
                height=i.height, rotation=i.rotation, dropped_frames=i.dropped_frames,
                label=i.label, params=i.params, parent=_local_id(plan, i.parent),
                person_id=plan.people.get(i.person_id or ""))
            vault.audit.append("item.import", ref.item_id, bundle=m.bundle_id, device=device,
                               source=source_id, sha256=sha)
        for source_id in sorted(plan.created):
            tid = plan.local_testimony[source_id]
            vault.clear_unfinished_import(tid)
            vault.audit.append("testimony.import", tid, bundle=m.bundle_id, device=device,
                               source=source_id)
        touched = sorted({by_id[s].testimony_id for s in plan.staged})  # source ids
        vault.bundle_log.record(
            BundleRecord(m.bundle_id, "import", device, m.created_at, now(), len(plan.staged),
                         sum(size for _unused, size, _unused in plan.staged.values())),
            [(plan.local_testimony[s], s) for s in touched])
        vault.audit.append("bundle.import", m.bundle_id, device=device,
                           new_items=len(plan.staged),
                           duplicates=len(m.items) - len(plan.staged))


def _undo(vault: Vault, plan: _Plan) -> None:
    """Erase what a failed import staged (while its error is on the way up)."""
    try:
        for ref, _unused, _unused in plan.staged.values():
            vault.erase_item(ref.item_id, "item.erase-unfinished")
        with vault.transaction():
            for source_id in plan.created:
                tid = plan.local_testimony[source_id]
                if not vault.items.of_testimony(tid):
                    vault.catalogue.delete_testimony(tid)
                    vault.clear_unfinished_import(tid)
    except KuaError:
        pass  # marked unfinished: the next unlock erases it; the first error matters more


def _report(vault: Vault, m: Manifest, plan: _Plan, device: str, known: bool) -> ImportReport:
    items = []
    by_id = {i.id: i for i in m.items}
    for i in m.items:
        if i.id in plan.staged:
            items.append(ImportedItem(i.id, plan.staged[i.id][0].item_id,
                                      plan.local_testimony[i.testimony_id], True))
        elif i.id in plan.twins:  # its twin (same content, earlier) was imported just now
            twin = plan.twins[i.id]
            items.append(ImportedItem(i.id, plan.staged[twin][0].item_id,
                                      plan.local_testimony[by_id[twin].testimony_id], False))
        else:
            dup = plan.duplicates[i.id]
            items.append(ImportedItem(i.id, dup.id, dup.testimony_id, False))
    testimonies = tuple(ImportedTestimony(t.id, plan.local_testimony.get(t.id),
                                          t.id in plan.created) for t in m.testimonies)
    new_people = [plan.people[p.id] for t in m.testimonies if t.id in plan.created
                  for p in _people(t)]
    matches = vault.person_matches(new_people)
    return ImportReport(m.bundle_id, device, m.created_at, known, testimonies, tuple(items),
                        tuple(matches))


def import_bundle(vault: Vault, folder: Path, identities: list[age_keys.AnyIdentity], *,
                  progress: ProgressFn = no_progress,
                  cancel: CancelToken | None = None) -> ImportReport:
    """Verify a bundle and take its new testimonies and media into the vault."""
    with BundleReader(Path(folder), identities) as bundle:
        m = bundle.manifest
        device = fingerprint(m.device_public_key)
        known = vault.bundle_log.imported_from_before(device, m.bundle_id)
        plan = _plan(vault, m, device)
        new_items = [i for i in m.items if plan.is_new(i.id)]
        if new_items:
            _check_space(vault, m.bundle_id, required_space(new_items))
        tick = byte_counter(m.total_size, f"bundle-{m.bundle_id}", progress, cancel)

        try:
            _stage(vault, m, plan)
            for entry in bundle.entries():
                if not plan.is_new(entry.item.id):
                    entry.reader.read_all(tick)
                else:
                    _receive(vault, entry, plan, tick)
            _commit(vault, bundle, plan, device)
        except BaseException:
            _undo(vault, plan)
            raise
    return _with_receipt(vault, Path(folder), m, device, _report(vault, m, plan, device, known))


def _with_receipt(vault: Vault, folder: Path, m: Manifest, device: str,
                  report: ImportReport) -> ImportReport:
    """Write the receipt (after the commit: the import stands even if the stick is read-only)."""
    try:
        path = write_receipt(vault, folder, m, device)
    except OSError as exc:
        return replace(report, receipt_problem=_(
            "could not write the receipt into {folder}: {error}").format(
                folder=folder, error=exc.strerror or exc))
    if path is None:
        return replace(report, receipt_problem=_(
            "bundle-{bundle_id} was made before Kua wrote receipts: no receipt").format(
                bundle_id=m.bundle_id))
    return replace(report, receipt=str(path))

