"""The persisted job queue (`jobs` table): transcodes waiting, running or finished.

A job is `queued`, then `running`, then `done`, `failed` or `cancelled`. A job found
`running` when a vault is unlocked was cut short (kill -9, power loss): it goes back
to `queued` (`requeue_running`), its unfinished output having been erased with the
other `writing` items. Writes happen inside the caller's transaction.
"""

from __future__ import annotations

from dataclasses import dataclass

from core.i18n import _
from storage import ids
from storage.audit import now
from storage.repository import Repository
from core.errors import InvalidValue, NotFound

JOB_STATES = ("queued", "running", "done", "failed", "cancelled")
ACTIVE = ("queued", "running")
_COLUMNS = "id, kind, item_id, params, state, progress, result, error, created_at, updated_at"


@dataclass(frozen=True, slots=True)
class Job:
    """One job of the queue. `progress` is a percentage; `result` JSON once done."""

    id: str
    kind: str
    item_id: str
    params: str
    state: str
    progress: float
    result: str | None
    error: str | None
    created_at: str
    updated_at: str


class Jobs(Repository):
    """Queries and updates of the job queue on one connection."""

    def create(self, kind: str, item_id: str, params: str) -> Job:
        """Queue a new job."""
        while True:
            job_id = ids.new_id(ids.JOB)
            if not self._conn.execute("SELECT 1 FROM jobs WHERE id = ?", (job_id,)).fetchone():
                break
        stamp = now()
        self._conn.execute(
            "INSERT INTO jobs (id, kind, item_id, params, state, progress, created_at, updated_at)"
            " VALUES (?, ?, ?, ?, 'queued', 0, ?, ?)", (job_id, kind, item_id, params, stamp, stamp))
        return self.get(job_id)

    def get(self, job_id: str) -> Job:
        """One job; NotFound if absent."""
        row = self._conn.execute(f"SELECT {_COLUMNS} FROM jobs WHERE id = ?", (job_id,)).fetchone()
        if row is None:
            raise NotFound(_("no job with id {job_id}").format(job_id=job_id))
        return Job(*row)

    def all(self, states: tuple[str, ...] = JOB_STATES) -> list[Job]:
        """Jobs in any of `states`, oldest first."""
        marks = ", ".join("?" for _unused in states)
        return [Job(*r) for r in self._conn.execute(
            f"SELECT {_COLUMNS} FROM jobs WHERE state IN ({marks}) ORDER BY created_at, rowid",
            states)]

    def next_queued(self) -> Job | None:
        """The oldest queued job, if any."""
        queued = self.all(("queued",))
        return queued[0] if queued else None

    def find_active(self, kind: str, item_id: str, params: str) -> Job | None:
        """A queued or running job asking for exactly this, if any."""
        row = self._conn.execute(
            f"SELECT {_COLUMNS} FROM jobs WHERE kind = ? AND item_id = ? AND params = ?"
            " AND state IN ('queued', 'running') ORDER BY created_at LIMIT 1",
            (kind, item_id, params)).fetchone()
        return Job(*row) if row else None

    def set_state(self, job_id: str, state: str, *, progress: float | None = None,
                  result: str | None = None, error: str | None = None) -> None:
        """Move a job to `state`, with its progress, result or error."""
        if state not in JOB_STATES:
            raise InvalidValue(_("unknown job state: {state}").format(state=state))
        self.get(job_id)
        self._conn.execute(
            "UPDATE jobs SET state = ?, progress = COALESCE(?, progress), result = ?, error = ?,"
            " updated_at = ? WHERE id = ?", (state, progress, result, error, now(), job_id))

    def set_progress(self, job_id: str, percent: float) -> None:
        """Record how far a running job has got (0..100)."""
        self._conn.execute("UPDATE jobs SET progress = ?, updated_at = ? WHERE id = ?",
                           (max(0.0, min(100.0, percent)), now(), job_id))

    def requeue_running(self) -> list[str]:
        """Put jobs left `running` by a crash back in the queue; returns their ids."""
        found = [r[0] for r in self._conn.execute("SELECT id FROM jobs WHERE state = 'running'")]
        for job_id in found:
            self._conn.execute("UPDATE jobs SET state = 'queued', progress = 0, updated_at = ?"
                               " WHERE id = ?", (now(), job_id))
        return found
