"""Receipts close the hand-over: the organizer's Kua writes one, the volunteer's checks it,
and then erases exactly what the organizer confirmed.

- `write_receipt` (organizer, after an import commits): `receipt-<bundle id>.txt` in
  the bundle folder, authenticated with the key the volunteer's vault put in the
  encrypted manifest (storage/bundles/receipts.py).
- `check_receipt` (volunteer): every check first, then one transaction marks the
  bundle's items delivered; a testimony whose exported items are all confirmed reads
  `delivered`. Any problem is a `ReceiptRefused` naming it, and nothing is marked.
- `erase_delivered` (volunteer): crypto-erase each testimony whose items are all
  confirmed delivered, and nothing else.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from core.i18n import _, ngettext
from storage.audit import now
from storage.bundles import receipts
from storage.bundles.manifest import Manifest
from core.errors import ReceiptRefused
from storage.fsio import atomic_write
from storage.models import DELIVERED
from storage.vault import Vault

from app.library import remove

_NAMED = re.compile(r"^receipt-([a-z][0-9a-z]{1,31})\.txt$")


def write_receipt(vault: Vault, folder: Path, manifest: Manifest,
                  source_device: str) -> Path | None:
    """Write the receipt of an imported bundle into its folder; None for a bundle made
    before receipts (it has no receipt key). OSError if the folder cannot be written."""
    if manifest.receipt_key is None:
        return None
    text = receipts.make(manifest.receipt_key, manifest.bundle_id, now(), source_device,
                         vault.device_key().fingerprint,
                         [(i.id, i.sha256 or "") for i in manifest.items])
    path = Path(folder) / receipts.file_name(manifest.bundle_id)
    atomic_write(path, text, mode=0o644)
    return path


@dataclass(frozen=True, slots=True)
class ReceiptReport:
    """What a good receipt confirmed."""

    bundle_id: str
    received_at: str
    organizer_device: str
    items: tuple[str, ...]
    delivered: tuple[str, ...]      # testimonies that now read `delivered`
    already: bool                   # this receipt had been checked before: nothing new


def _read(path: Path) -> receipts.Receipt:
    try:
        data = path.read_bytes()[:receipts.MAX_RECEIPT + 1]
    except OSError:
        raise ReceiptRefused(_("cannot read the receipt {path}").format(path=path)) from None
    try:
        return receipts.parse(data)
    except receipts.ReceiptFormatError as exc:
        raise ReceiptRefused(_("receipt {name} {problem}: nothing was marked").format(
            name=path.name, problem=exc)) from None


def check_receipt(vault: Vault, path: Path) -> ReceiptReport:
    """Check an organizer's receipt and mark the items it confirms delivered."""
    path = Path(path)
    r = _read(path)
    name = path.name
    named = _NAMED.match(name)
    if named and named.group(1) != r.bundle_id:
        raise ReceiptRefused(_("receipt {name} is the receipt of bundle-{bundle_id}, not of"
                               " bundle-{named} (replayed): nothing was marked").format(
            name=name, bundle_id=r.bundle_id, named=named.group(1)))
    own = vault.device_key().fingerprint
    log = vault.deliveries
    exported, key = log.receipt_key(r.bundle_id)
    if not exported or r.for_device != own:
        raise ReceiptRefused(_("receipt {name} is for bundle-{bundle_id} of device"
                               " {device}, which this vault (device {own}) did not make:"
                               " a receipt from another vault; nothing was marked").format(
            name=name, bundle_id=r.bundle_id, device=r.for_device, own=own))
    if key is None:
        raise ReceiptRefused(_("bundle-{bundle_id} was made before Kua wrote receipts: its"
                               " receipt cannot be checked; nothing was marked").format(
            bundle_id=r.bundle_id))
    if not receipts.verify(r, key):
        raise ReceiptRefused(_("receipt {name} was altered (its MAC does not match"
                               " bundle-{bundle_id}): nothing was marked").format(
            name=name, bundle_id=r.bundle_id))
    listed = dict(r.items)
    gone = sorted(i for i, sha in listed.items() if not _has(vault, i, sha))
    if gone:
        shown = ", ".join(gone[:5]) + (" …" if len(gone) > 5 else "")
        raise ReceiptRefused(ngettext(
            "receipt {name} names an item this vault no longer has: {ids}; nothing was marked",
            "receipt {name} names items this vault no longer has: {ids}; nothing was marked",
            len(gone)).format(name=name, ids=shown))
    held = log.exported_items(r.bundle_id)
    if set(listed) != set(held) or any(held[i][1] != sha for i, sha in listed.items()):
        raise ReceiptRefused(_("receipt {name} does not list exactly the items of"
                               " bundle-{bundle_id}: nothing was marked").format(
            name=name, bundle_id=r.bundle_id))
    already = all(v[2] is not None for v in held.values())
    testimonies = sorted({v[0] for v in held.values()})
    before = {t.id for t in vault.catalogue.summaries(testimonies) if t.status == DELIVERED}
    if not already:
        with vault.transaction():
            log.mark(r.bundle_id, now())
            vault.audit.append("bundle.receipt", r.bundle_id, organizer_device=r.by_device,
                               received=r.received_at, items=sorted(listed))
            for t in vault.catalogue.summaries(testimonies):
                if t.status == DELIVERED and t.id not in before:
                    vault.audit.append("testimony.delivered", t.id, bundle=r.bundle_id,
                                       organizer_device=r.by_device, received=r.received_at)
    delivered = tuple(t.id for t in vault.catalogue.summaries(testimonies)
                      if t.status == DELIVERED)
    return ReceiptReport(r.bundle_id, r.received_at, r.by_device, tuple(sorted(listed)),
                         delivered, already)


def _has(vault: Vault, item_id: str, sha: str) -> bool:
    stored = vault.items.sha256_if_stored(item_id)
    return stored is not None and stored == sha


@dataclass(frozen=True, slots=True)
class DeliveredTestimony:
    """A testimony `rm --delivered` erases (or keeps, with the reason)."""

    id: str
    title: str
    items: int
    kept_because: str = ""  # non-empty: not erased (an item no receipt confirmed)


def delivered_testimonies(vault: Vault) -> list[DeliveredTestimony]:
    """Testimonies that read `delivered`; those holding an item no receipt confirmed
    (e.g. a copy made after the export) say so in `kept_because`."""
    confirmed = vault.deliveries.delivered_items()
    out = []
    for s in vault.catalogue.summaries():
        if s.status != DELIVERED:
            continue
        items = vault.items.of_testimony(s.id)
        missing = [i.id for i in items if i.id not in confirmed]
        reason = ngettext("item {ids} was not delivered", "items {ids} were not delivered",
                          len(missing)).format(ids=", ".join(missing[:3])) if missing else ""
        out.append(DeliveredTestimony(s.id, s.title, len(items), reason))
    return out


def erase_delivered(vault: Vault, chosen: list[DeliveredTestimony]) -> list[str]:
    """Crypto-erase the testimonies of `chosen` whose items are all confirmed delivered
    (checked again here); returns the ids erased."""
    still = {t.id for t in delivered_testimonies(vault) if not t.kept_because}
    erased = []
    for t in chosen:
        if t.id in still and not t.kept_because:
            remove(vault, t.id)
            erased.append(t.id)
    if erased:
        with vault.transaction():
            vault.audit.append("testimony.erase-delivered", None, testimonies=erased)
    return erased
