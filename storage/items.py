"""Media items in the catalogue: their keys, object names, layout and metadata.

An item row is written *before* anything is written into its object (state
`writing` or `recording`), so a crash never leaves data whose key is lost. A
recording's (empty) object file is created durably before its row is committed
(`new_ref`), so a committed `recording` row never names a missing file. `Vault`
finishes, recovers or erases such rows on the next unlock.
"""

from __future__ import annotations

import secrets
from dataclasses import dataclass
from typing import Any

from core.i18n import _
from storage import ids
from storage.audit import now
from storage.repository import Repository
from core.errors import InvalidValue, NotFound
from storage.models import ITEM_KINDS, MediaItem
from storage.sealed import Layout

ITEM_COLUMNS = ("id, testimony_id, kind, state, media_type, size, sha256, duration, parent,"
                " created_at, codec, audio_codec, width, height, rotation, dropped_frames,"
                " person_id, label, original_name, params, damage, damage_at")
_METADATA = ("media_type", "size", "sha256", "duration", "codec", "audio_codec", "width",
             "height", "rotation", "dropped_frames", "params", "state", "label", "person_id",
             "original_name", "parent", "damage", "damage_at")


def item_from_row(row: tuple) -> MediaItem:
    """A MediaItem from a row selected with ITEM_COLUMNS."""
    return MediaItem(*row)


@dataclass(frozen=True, slots=True)
class ObjectRef:
    """What it takes to open an item's sealed object (never leaves storage/ and app/)."""

    item_id: str
    object_name: str
    key: bytes
    layout: Layout
    size: int
    sha256: str | None


class Items(Repository):
    """Queries and updates of media items on one connection."""

    def new_ref(self, layout: Layout = Layout()) -> ObjectRef:
        """A fresh item id, key and object name, not yet in the catalogue.

        For an object that must exist before its row does (a recording: the file is
        created durably first, so a committed row never names a missing file).
        """
        while True:
            item_id = ids.new_id(ids.ITEM)
            if not self._conn.execute("SELECT 1 FROM items WHERE id = ?", (item_id,)).fetchone():
                break
        return ObjectRef(item_id, secrets.token_hex(16), secrets.token_bytes(32), layout, 0, None)

    def create(self, testimony_id: str, kind: str, *, state: str = "writing",
               layout: Layout = Layout(), parent: str | None = None,
               ref: ObjectRef | None = None, **metadata: Any) -> ObjectRef:
        """Insert an item with a fresh key and object name (or those of `ref`, from
        `new_ref`); returns its ObjectRef."""
        if kind not in ITEM_KINDS:
            raise InvalidValue(_("unknown item kind: {kind}").format(kind=kind))
        ref = ref or self.new_ref(layout)
        self._conn.execute(
            "INSERT INTO items (id, testimony_id, kind, state, object_name, item_key,"
            " segment_size, segments_per_part, parent, created_at) VALUES (?,?,?,?,?,?,?,?,?,?)",
            (ref.item_id, testimony_id, kind, state, ref.object_name, ref.key,
             ref.layout.segment_size, ref.layout.segments_per_part, parent, now()))
        if metadata:
            self.update(ref.item_id, **metadata)
        return ref

    def update(self, item_id: str, **fields: Any) -> None:
        """Set metadata fields of an item (see _METADATA)."""
        for name in fields:
            if name not in _METADATA:
                raise InvalidValue(_("unknown item field: {name}").format(name=name))
        self.require(item_id)
        cols = ", ".join(f"{c} = ?" for c in fields)
        self._conn.execute(f"UPDATE items SET {cols} WHERE id = ?", (*fields.values(), item_id))

    def require(self, item_id: str) -> None:
        """Raise NotFound unless the item exists."""
        if self._conn.execute("SELECT 1 FROM items WHERE id = ?", (item_id,)).fetchone() is None:
            raise NotFound(_("no testimony or item with id {item_id}").format(item_id=item_id))

    def get(self, item_id: str) -> MediaItem:
        """One item; NotFound if absent."""
        row = self._conn.execute(f"SELECT {ITEM_COLUMNS} FROM items WHERE id = ?", (item_id,)).fetchone()
        if row is None:
            raise NotFound(_("no testimony or item with id {item_id}").format(item_id=item_id))
        return item_from_row(row)

    def of_testimony(self, testimony_id: str) -> list[MediaItem]:
        """Every item of a testimony, oldest first (including unfinished ones)."""
        return [item_from_row(r) for r in self._conn.execute(
            f"SELECT {ITEM_COLUMNS} FROM items WHERE testimony_id = ? ORDER BY created_at, rowid",
            (testimony_id,))]

    def in_state(self, state: str) -> list[MediaItem]:
        """Every item in a state (e.g. `writing` after a crash)."""
        return [item_from_row(r) for r in self._conn.execute(
            f"SELECT {ITEM_COLUMNS} FROM items WHERE state = ?", (state,))]

    def all(self) -> list[MediaItem]:
        """Every item in the vault."""
        return [item_from_row(r) for r in self._conn.execute(
            f"SELECT {ITEM_COLUMNS} FROM items ORDER BY created_at, rowid")]

    def with_sha256(self, sha256: str) -> list[MediaItem]:
        """Complete items whose plaintext has this SHA-256 (dedup on import)."""
        return [item_from_row(r) for r in self._conn.execute(
            f"SELECT {ITEM_COLUMNS} FROM items WHERE sha256 = ? AND state != 'writing'", (sha256,))]

    def sha256_if_stored(self, item_id: str) -> str | None:
        """The SHA-256 of an item that is not being written (None: absent or still writing)."""
        row = self._conn.execute("SELECT sha256 FROM items WHERE id = ? AND state != 'writing'",
                                 (item_id,)).fetchone()
        return row[0] if row is not None else None

    def children(self, parent: str, kind: str, state: str) -> list[MediaItem]:
        """Items of `kind` in `state` made from `parent` (copies of it), oldest first."""
        return [item_from_row(r) for r in self._conn.execute(
            f"SELECT {ITEM_COLUMNS} FROM items WHERE parent = ? AND kind = ? AND state = ?"
            " ORDER BY created_at", (parent, kind, state))]

    def object_ref(self, item_id: str) -> ObjectRef:
        """Key, object name and layout of an item; NotFound if erased or absent."""
        row = self._conn.execute(
            "SELECT object_name, item_key, segment_size, segments_per_part, size, sha256"
            " FROM items WHERE id = ?", (item_id,)).fetchone()
        if row is None or row[1] is None:
            raise NotFound(_("no testimony or item with id {item_id}").format(item_id=item_id))
        name, key, seg, per_part, size, sha = row
        return ObjectRef(item_id, name, bytes(key), Layout(seg, per_part), size, sha)

    def object_names(self) -> set[str]:
        """Names of every object the catalogue still references."""
        return {r[0] for r in self._conn.execute("SELECT object_name FROM items")}

    def drop_key(self, item_id: str) -> str:
        """Crypto-erase: forget the item's key (secure_delete zeroes it); returns the object name."""
        row = self._conn.execute("SELECT object_name FROM items WHERE id = ?", (item_id,)).fetchone()
        if row is None:
            raise NotFound(_("no testimony or item with id {item_id}").format(item_id=item_id))
        self._conn.execute("UPDATE items SET parent = NULL WHERE parent = ?", (item_id,))
        self._conn.execute("DELETE FROM items WHERE id = ?", (item_id,))
        return row[0]
