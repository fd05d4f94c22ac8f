"""The hash-chained audit log: every change of substance, in order.

Each event's hash is SHA-256 over the previous hash and the event's canonical JSON,
so removing, reordering or editing an event breaks every hash after it. The latest
hash is also kept in `meta`, which catches a log cut off at the end. Details hold ids
and field names, never a person's name or a passphrase.
"""

from __future__ import annotations

import hashlib
import json
from datetime import datetime, timezone
from typing import Any, Iterator

from core.i18n import _
from storage.db import Connection
from storage.repository import Repository
from core.errors import AuditChainBroken
from storage.models import AuditEvent

GENESIS = "0" * 64


def now() -> str:
    """The current UTC time as ISO 8601 with a Z, to the second."""
    return datetime.now(timezone.utc).replace(microsecond=0).isoformat().replace("+00:00", "Z")


def _digest(prev: str, seq: int, at: str, actor: str, action: str, subject: str | None,
            details: str) -> str:
    body = json.dumps([seq, at, actor, action, subject, details], ensure_ascii=False,
                      separators=(",", ":"))
    return hashlib.sha256(f"{prev}\n{body}".encode()).hexdigest()


class AuditLog(Repository):
    """Append and check the audit chain of one catalogue connection."""

    def __init__(self, conn: Connection, actor: str = "kua") -> None:
        super().__init__(conn)
        self.actor = actor

    def append(self, action: str, subject: str | None = None, **details: Any) -> str:
        """Add an event (inside the caller's transaction) and return its hash."""
        row = self._conn.execute("SELECT seq, hash FROM audit ORDER BY seq DESC LIMIT 1").fetchone()
        seq, prev = (row[0] + 1, row[1]) if row else (1, GENESIS)
        at = now()
        text = json.dumps(details, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
        digest = _digest(prev, seq, at, self.actor, action, subject, text)
        self._conn.execute(
            "INSERT INTO audit (seq, at, actor, action, subject, details, prev_hash, hash)"
            " VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
            (seq, at, self.actor, action, subject, text, prev, digest))
        self._conn.execute("INSERT OR REPLACE INTO meta (key, value) VALUES ('audit_head', ?)",
                           (f"{seq}:{digest}",))
        return digest

    def events(self) -> Iterator[AuditEvent]:
        """Every event, oldest first."""
        for row in self._conn.execute(
                "SELECT seq, at, actor, action, subject, details, prev_hash, hash"
                " FROM audit ORDER BY seq"):
            yield AuditEvent(*row)

    def last(self, action: str) -> AuditEvent | None:
        """The most recent event with this action (None: there is none)."""
        row = self._conn.execute(
            "SELECT seq, at, actor, action, subject, details, prev_hash, hash"
            " FROM audit WHERE action = ? ORDER BY seq DESC LIMIT 1", (action,)).fetchone()
        return AuditEvent(*row) if row else None

    def verify(self) -> int:
        """Check the whole chain; return the number of events or raise AuditChainBroken."""
        prev, expected_seq, count = GENESIS, 1, 0
        for e in self.events():
            if e.seq != expected_seq or e.prev_hash != prev:
                raise AuditChainBroken(_("the audit log is broken at event {seq}").format(seq=e.seq))
            if _digest(prev, e.seq, e.at, e.actor, e.action, e.subject, e.details) != e.hash:
                raise AuditChainBroken(_("the audit log was altered at event {seq}").format(seq=e.seq))
            prev, expected_seq, count = e.hash, e.seq + 1, count + 1
        head = self._conn.execute("SELECT value FROM meta WHERE key = 'audit_head'").fetchone()
        if count and (head is None or head[0] != f"{count}:{prev}"):
            raise AuditChainBroken(_("the audit log was cut short"))
        return count
