"""Receipts: an organizer's proof that a bundle arrived whole, which only they can make.

At export the volunteer's vault draws a random 32-byte *receipt key* per bundle,
puts it in the manifest (inside the encryption) and keeps it in its record of
bundles, with every exported item's id and SHA-256 (`bundle_items`). After an
import, the organizer's Kua writes `receipt-<bundle id>.txt` into the bundle
folder: a few lines a person can read (the bundle id, when, the two devices'
fingerprints, each item's id and SHA-256) and an HMAC-SHA-256 of those lines under
the receipt key. Only someone who decrypted the bundle knows the key, so only they
can make a receipt that the volunteer's vault accepts. Nothing in it names a person.

This module writes and parses the text and keeps the vault's side of the record
(which items a receipt confirmed); app/receipts.py decides what a receipt may do.
"""

from __future__ import annotations

import hmac
import os
import re
from dataclasses import dataclass
from hashlib import sha256

from core.i18n import _

from storage.repository import Repository

KEY_SIZE = 32
MAX_RECEIPT = 1 << 20
_TITLE = "Kua receipt v1"
_ID = r"[a-z][0-9a-z]{1,31}"
_FPR = r"[0-9a-z]{4}-[0-9a-z]{4}-[0-9a-z]{4}-[0-9a-z]{4}"
_LINES = {
    "bundle": re.compile(rf"^bundle: ({_ID})$"),
    "received": re.compile(r"^received: ([0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9:.]+Z?[0-9:+-]*)$"),
    "for device": re.compile(rf"^for device: ({_FPR})$"),
    "by device": re.compile(rf"^by device: ({_FPR})$"),
    "items": re.compile(r"^items: ([0-9]{1,6})$"),
}
_ITEM = re.compile(rf"^item ({_ID}) sha256 ([0-9a-f]{{64}})$")
_MAC = re.compile(r"^mac: ([0-9a-f]{64})$")
_EXPLAIN = ("The organizer's Kua received this bundle and checked every item below against"
            " its SHA-256.\nThe volunteer checks this receipt with: kua receipt THIS-FILE\n")


def new_key() -> bytes:
    """A fresh receipt key for one bundle."""
    return os.urandom(KEY_SIZE)


def file_name(bundle_id: str) -> str:
    """`receipt-<bundle id>.txt`."""
    return f"receipt-{bundle_id}.txt"


@dataclass(frozen=True, slots=True)
class Receipt:
    """What a receipt says (its MAC checked separately, with `verify`)."""

    bundle_id: str
    received_at: str
    for_device: str  # the fingerprint of the device that made the bundle
    by_device: str   # the fingerprint of the organizer's Kua that received it
    items: tuple[tuple[str, str], ...]  # (item id in the volunteer's vault, sha256)
    mac: bytes
    signed: bytes  # the exact bytes the MAC covers


def _body(bundle_id: str, received_at: str, for_device: str, by_device: str,
          items: list[tuple[str, str]]) -> bytes:
    lines = [_TITLE, "", _EXPLAIN, f"bundle: {bundle_id}", f"received: {received_at}",
             f"for device: {for_device}", f"by device: {by_device}", f"items: {len(items)}"]
    lines += [f"item {item_id} sha256 {digest}" for item_id, digest in items]
    return ("\n".join(lines) + "\n").encode("ascii")


def _mac(key: bytes, signed: bytes) -> bytes:
    return hmac.new(key, b"kua receipt\n" + signed, sha256).digest()


def make(key: bytes, bundle_id: str, received_at: str, for_device: str, by_device: str,
         items: list[tuple[str, str]]) -> bytes:
    """The text of a receipt, authenticated with the bundle's receipt key."""
    signed = _body(bundle_id, received_at, for_device, by_device, sorted(items))
    return signed + f"mac: {_mac(key, signed).hex()}\n".encode("ascii")


class ReceiptFormatError(ValueError):
    """The text is not a whole Kua receipt (`str()` says what is wrong)."""


def parse(data: bytes) -> Receipt:
    """A receipt's fields, read strictly; ReceiptFormatError if anything is off."""
    if len(data) > MAX_RECEIPT:
        raise ReceiptFormatError(_("is too large to be a receipt"))
    try:
        text = data.decode("ascii")
    except UnicodeDecodeError:
        raise ReceiptFormatError(_("is not a Kua receipt")) from None
    head = f"{_TITLE}\n\n{_EXPLAIN}\n"
    if not text.startswith(head):
        raise ReceiptFormatError(_("is not a Kua receipt"))
    if not text.endswith("\n"):
        raise ReceiptFormatError(_("is cut short"))
    lines = text[len(head):-1].split("\n")
    values = {}
    for name, pattern in _LINES.items():
        match = pattern.match(lines.pop(0)) if lines else None
        if match is None:
            raise ReceiptFormatError(_("is cut short or altered (its {name} line)").format(
                name=repr(name)))
        values[name] = match.group(1)
    count = int(values["items"])
    if len(lines) != count + 1:
        raise ReceiptFormatError(_("is cut short or altered: it says {count} items but lists"
                                   " {listed}").format(count=count, listed=max(0, len(lines) - 1)))
    items = []
    for line in lines[:count]:
        match = _ITEM.match(line)
        if match is None:
            raise ReceiptFormatError(_("is altered (an item line is malformed)"))
        items.append((match.group(1), match.group(2)))
    if items != sorted(set(items)):
        raise ReceiptFormatError(_("is altered (its items are out of order or repeated)"))
    mac = _MAC.match(lines[-1])
    if mac is None:
        raise ReceiptFormatError(_("is cut short (no MAC line)"))
    signed = text[:text.rindex("mac: ")].encode("ascii")
    return Receipt(values["bundle"], values["received"], values["for device"],
                   values["by device"], tuple(items), bytes.fromhex(mac.group(1)), signed)


def verify(receipt: Receipt, key: bytes) -> bool:
    """True if the receipt's MAC is right under the bundle's receipt key."""
    return hmac.compare_digest(_mac(key, receipt.signed), receipt.mac)


# -- the volunteer vault's record ----------------------------------------------


class Deliveries(Repository):
    """Exported items per bundle, their receipt keys, and which a receipt confirmed."""

    def record_export(self, bundle_id: str, key: bytes,
                      items: list[tuple[str, str, str]]) -> None:
        """Keep a bundle's receipt key and its (item id, testimony id, sha256) items."""
        self._conn.execute("UPDATE bundles SET receipt_key = ? WHERE id = ?"
                           " AND direction = 'export'", (key, bundle_id))
        self._conn.executemany(
            "INSERT OR IGNORE INTO bundle_items (bundle_id, item_id, testimony_id, sha256)"
            " VALUES (?, ?, ?, ?)", [(bundle_id, i, t, s) for i, t, s in items])

    def receipt_key(self, bundle_id: str) -> tuple[bool, bytes | None]:
        """(this vault exported the bundle, its receipt key or None if made before receipts)."""
        row = self._conn.execute("SELECT receipt_key FROM bundles WHERE id = ?"
                                 " AND direction = 'export'", (bundle_id,)).fetchone()
        return (False, None) if row is None else (True, bytes(row[0]) if row[0] else None)

    def exported_items(self, bundle_id: str) -> dict[str, tuple[str, str, str | None]]:
        """{item id: (testimony id, sha256, delivered_at or None)} of a bundle."""
        return {r[0]: (r[1], r[2], r[3]) for r in self._conn.execute(
            "SELECT item_id, testimony_id, sha256, delivered_at FROM bundle_items"
            " WHERE bundle_id = ?", (bundle_id,))}

    def mark(self, bundle_id: str, at: str) -> None:
        """Mark every item of a bundle delivered (inside the caller's transaction)."""
        self._conn.execute("UPDATE bundle_items SET delivered_at = ? WHERE bundle_id = ?"
                           " AND delivered_at IS NULL", (at, bundle_id))

    def delivered_items(self) -> set[str]:
        """Ids of items some receipt confirmed."""
        return {r[0] for r in self._conn.execute(
            "SELECT DISTINCT item_id FROM bundle_items WHERE delivered_at IS NOT NULL")}


# A testimony is `delivered` when it was exported, a receipt confirmed some of its items,
# and every exported item it still has is confirmed (by any bundle's receipt).
STATUS_SQL = (
    "CASE WHEN t.status = 'exported'"
    " AND EXISTS (SELECT 1 FROM bundle_items d WHERE d.testimony_id = t.id"
    "   AND d.delivered_at IS NOT NULL)"
    " AND NOT EXISTS (SELECT 1 FROM bundle_items b JOIN items i ON i.id = b.item_id"
    "   WHERE b.testimony_id = t.id AND NOT EXISTS (SELECT 1 FROM bundle_items c"
    "     WHERE c.item_id = b.item_id AND c.delivered_at IS NOT NULL))"
    " THEN 'delivered' ELSE t.status END")
