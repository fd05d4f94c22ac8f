"""What a vault remembers of its replicas: the last generation it wrote to each.

An older generation put back on a drive (a copy of the whole folder, made before the
last sync) is intact and opens, so the drive alone cannot tell. The vault can: each
sync records the replica's label and generation in the catalogue (`replicas`, schema
3, seeded from the audit log), and `check` refuses a replica behind that unless a
person accepts it.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from storage.audit import now
from storage.db import Connection
from core.errors import ReplicaOlder

if TYPE_CHECKING:
    from storage.vault import Vault


def remembered(conn: Connection) -> dict[str, int]:
    """{replica label: last generation written there} for every replica of the vault."""
    return {label: gen for label, gen in conn.execute("SELECT label, generation FROM replicas")}


def remembered_by(vault: "Vault") -> dict[str, int]:
    """{replica label: last generation written there} as an open vault remembers it."""
    return remembered(vault.conn)


def remember(conn: Connection, label: str, generation: int) -> None:
    """Record a committed generation (inside the caller's transaction)."""
    conn.execute("INSERT OR REPLACE INTO replicas (label, generation, synced_at) VALUES (?, ?, ?)",
                 (label, generation, now()))


def older_than_remembered(known: dict[str, int], label: str, generation: int) -> int | None:
    """The generation remembered for `label` if the replica's is older; else None."""
    last = known.get(label)
    return last if last is not None and generation < last else None


def check(known: dict[str, int], label: str, generation: int, accept_older: bool) -> None:
    """Raise `ReplicaOlder` for a replica behind the last sync, unless accepted."""
    last = older_than_remembered(known, label, generation)
    if last is not None and not accept_older:
        raise ReplicaOlder(label, generation, last)
