"""The vault's device key, the organizers' address book, and the bundles record.

Each vault has one Ed25519 device key, kept inside the encrypted catalogue: made at
`init`, or on first use in a vault made before schema version 2. Its public key
signs every bundle's manifest; its fingerprint (SHA-256 of the public key, 16
base32 characters) tells organizers which device a bundle came from without naming
the volunteer.

The address book maps short names to organizers' age recipients (post-quantum
`age1pq1…` or X25519 `age1…`), so `export
--recipient NAME` and the GUI need not show `age1…` strings. The bundles record
lists what was exported and imported, and for imports which local testimony each
source testimony became (so a later bundle adds to the same testimony).
"""

from __future__ import annotations

import base64
import hashlib
import os
from dataclasses import dataclass

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from core.i18n import _
from storage.audit import now
from storage.db import Connection
from storage.repository import Repository
from core.errors import InvalidValue, NotFound
from storage.bundles import age_keys, age_stanza

_ALPHABET = "0123456789abcdefghjkmnpqrstvwxyz"


def fingerprint(public_key: bytes) -> str:
    """A short, readable fingerprint of a device public key: `xxxx-xxxx-xxxx-xxxx`."""
    value = int.from_bytes(hashlib.sha256(b"kua device\n" + public_key).digest()[:10], "big")
    chars = "".join(_ALPHABET[(value >> (5 * i)) & 31] for i in reversed(range(16)))
    return "-".join(chars[i:i + 4] for i in range(0, 16, 4))


@dataclass(frozen=True, slots=True)
class DeviceKey:
    """The vault's signing key (the private half never leaves storage/ and app/)."""

    seed: bytes
    created_at: str

    @property
    def private(self) -> Ed25519PrivateKey:
        """The signing key."""
        return Ed25519PrivateKey.from_private_bytes(self.seed)

    @property
    def public(self) -> bytes:
        """The raw 32-byte public key (in every manifest)."""
        return self.private.public_key().public_bytes_raw()

    @property
    def fingerprint(self) -> str:
        """What people compare: `xxxx-xxxx-xxxx-xxxx`."""
        return fingerprint(self.public)

    def __repr__(self) -> str:
        return f"DeviceKey(fingerprint={self.fingerprint!r})"


def load_device_key(conn: Connection) -> DeviceKey | None:
    """The vault's device key, or None in a vault that has none yet."""
    row = conn.execute("SELECT private_key, created_at FROM device_key WHERE id = 1").fetchone()
    return DeviceKey(bytes(row[0]), row[1]) if row is not None else None


def ensure_device_key(conn: Connection) -> DeviceKey:
    """The vault's device key, made now if the vault has none (call inside a transaction)."""
    found = load_device_key(conn)
    if found is not None:
        return found
    key = DeviceKey(os.urandom(32), now())
    conn.execute("INSERT INTO device_key (id, private_key, created_at) VALUES (1, ?, ?)",
                 (key.seed, key.created_at))
    return key


@dataclass(frozen=True, slots=True)
class Organizer:
    """An entry of the address book."""

    name: str
    recipient: str
    added_at: str


class AddressBook(Repository):
    """Organizers' recipients by name, in one catalogue connection."""

    def add(self, name: str, recipient: str) -> Organizer:
        """Add or replace an organizer (inside the caller's transaction)."""
        name = name.strip()
        if not name or name.startswith("age1") or len(name) > 100:
            raise InvalidValue(_("an organizer's name must be 1-100 characters, not an age1… key"))
        try:
            text = str(age_keys.parse_recipient(recipient))
        except age_stanza.AgeError:
            raise InvalidValue(_("{recipient}… is not an age recipient (age1pq1… or age1…)").format(
                recipient=recipient[:20])) from None
        entry = Organizer(name, text, now())
        self._conn.execute("INSERT OR REPLACE INTO organizers (name, recipient, added_at)"
                           " VALUES (?, ?, ?)", (entry.name, entry.recipient, entry.added_at))
        return entry

    def all(self) -> list[Organizer]:
        """Every organizer, by name."""
        return [Organizer(*r) for r in self._conn.execute(
            "SELECT name, recipient, added_at FROM organizers ORDER BY name")]

    def remove(self, name: str) -> None:
        """Forget an organizer."""
        if self._conn.execute("DELETE FROM organizers WHERE name = ?", (name,)).rowcount == 0:
            raise NotFound(_("no organizer named {name} in the address book").format(name=repr(name)))

    def resolve(self, text: str) -> age_keys.AnyRecipient:
        """A recipient from `age1pq1…`/`age1…` text or an address-book name."""
        if text.strip().startswith("age1"):
            try:
                return age_keys.parse_recipient(text)
            except age_stanza.AgeError:
                raise InvalidValue(_("{value}… is not a valid age recipient").format(value=text.strip()[:20])) from None
        row = self._conn.execute("SELECT recipient FROM organizers WHERE name = ?",
                                 (text.strip(),)).fetchone()
        if row is None:
            raise NotFound(_("no organizer named {text} in the address book (add one with: kua "
                             "keys organizer-add NAME age1…)").format(text=repr(text)))
        return age_keys.parse_recipient(row[0])


@dataclass(frozen=True, slots=True)
class BundleRecord:
    """One bundle this vault exported or imported."""

    id: str
    direction: str
    device: str
    created_at: str
    at: str
    items: int
    bytes: int


class BundleLog(Repository):
    """The record of bundles made and taken in, with testimony id mappings."""

    def record(self, rec: BundleRecord, testimonies: list[tuple[str, str]]) -> None:
        """Store a bundle and its (local id, source id) testimonies, once."""
        self._conn.execute(
            "INSERT OR IGNORE INTO bundles (id, direction, device, created_at, at, items, bytes)"
            " VALUES (?, ?, ?, ?, ?, ?, ?)", (rec.id, rec.direction, rec.device, rec.created_at,
                                              rec.at, rec.items, rec.bytes))
        self._conn.executemany(
            "INSERT INTO bundle_testimonies (bundle_id, device, direction, testimony_id, source_id)"
            " VALUES (?, ?, ?, ?, ?)",
            [(rec.id, rec.device, rec.direction, local, source) for local, source in testimonies])

    def local_testimony(self, device: str, source_id: str) -> str | None:
        """The testimony an earlier import made of `source_id` from `device`, if it still exists."""
        row = self._conn.execute(
            "SELECT testimony_id FROM bundle_testimonies WHERE direction = 'import'"
            " AND device = ? AND source_id = ? ORDER BY rowid DESC LIMIT 1",
            (device, source_id)).fetchone()
        return row[0] if row else None

    def imported_from_before(self, device: str, bundle_id: str) -> bool:
        """True if a bundle other than `bundle_id` was imported from `device` before."""
        return self._conn.execute(
            "SELECT 1 FROM bundles WHERE direction = 'import' AND device = ? AND id != ?",
            (device, bundle_id)).fetchone() is not None

    def bundles_of(self, testimony_id: str) -> list[str]:
        """Ids of the bundles a testimony was exported in or imported from."""
        return [r[0] for r in self._conn.execute(
            "SELECT bundle_id FROM bundle_testimonies WHERE testimony_id = ? ORDER BY rowid",
            (testimony_id,))]

    def all(self) -> list[BundleRecord]:
        """Every bundle recorded, newest first."""
        return [BundleRecord(*r) for r in self._conn.execute(
            "SELECT id, direction, device, created_at, at, items, bytes FROM bundles"
            " ORDER BY at DESC, rowid DESC")]


def public_key_text(public_key: bytes) -> str:
    """Base64 of a device public key (as in manifests)."""
    return base64.b64encode(public_key).decode()
