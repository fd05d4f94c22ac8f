"""The one driver of the job queue: run the oldest queued job, or every queued job.

`run_next` takes the oldest queued job to its end and says how it ended (a `JobEnd`)
instead of raising, so the GUI (ui/runtime/job_runner.py) can list a failure in place
and run one job per operation. `run_queue` is the same step in a loop until nothing is
queued or the stop token is used, for `kua jobs --run`; a cancel ends that loop by
raising `Cancelled`. Jobs are serial by construction: the vault is held by one process,
and its catalogue by one thread.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Callable

from core.errors import Cancelled, KuaError, NotFound
from storage.jobs import Job
from storage.vault import Vault

from app.transcode import service
from app.transcode.job_data import JobParams
from app.transcode.service import JobProgress, JobProgressFn, StopToken


@dataclass(frozen=True, slots=True)
class JobEnd:
    """How one job ended: its state after the run, and the new item or the reason."""

    job_id: str
    state: str                 # done, failed, cancelled, or queued (interrupted)
    testimony_id: str | None   # the testimony the copy belongs to (None: source gone)
    output_id: str | None      # the item a done job made
    failure: KuaError | None = None   # why it did not end done (None: it did)

    @property
    def error(self) -> str | None:
        """The failure in the CLI's words (None for a done job)."""
        return None if self.failure is None else str(self.failure)


def testimony_of(vault: Vault, item_id: str) -> str | None:
    """The testimony of an item (None when the item is gone)."""
    try:
        return vault.items.get(item_id).testimony_id
    except NotFound:
        return None


def run_next(vault: Vault, *, progress: JobProgressFn, stop: StopToken) -> JobEnd | None:
    """Run the oldest queued job to its end; None when nothing is queued.

    Before the job starts, `progress` gets a report with stage "starting" (so a caller
    knows which job runs). A failure or a cancel is returned, not raised.
    """
    job = vault.jobs.next_queued()
    return None if job is None else _run(vault, job, progress, stop)


def run_queue(vault: Vault, *, progress: JobProgressFn = lambda p: None,
              stop: StopToken | None = None,
              on_end: Callable[[JobEnd], None] = lambda end: None) -> list[JobEnd]:
    """Run queued jobs, oldest first, until none is left or `stop` is used.

    A job that fails is recorded and the next one runs; a stop ends the run by raising
    `Cancelled` (the stopped job is cancelled, or re-queued by `stop.interrupt()`).
    """
    stop = stop or StopToken()
    ends: list[JobEnd] = []
    tried: set[str] = set()
    while not stop.cancelled:
        job = vault.jobs.next_queued()
        if job is None or job.id in tried:
            break
        tried.add(job.id)
        end = _run(vault, job, progress, stop)
        if isinstance(end.failure, Cancelled):
            raise end.failure
        ends.append(end)
        on_end(end)
    return ends


def _run(vault: Vault, job: Job, progress: JobProgressFn, stop: StopToken) -> JobEnd:
    tid = testimony_of(vault, job.item_id)
    try:
        progress(JobProgress.starting(job.id, job.item_id,
                                      JobParams.decode(job.params).profile_name))
        stop.check()
    except Cancelled as exc:  # stopped before it began: it is still queued
        if stop.requeue:
            return JobEnd(job.id, "queued", tid, None, exc)
        service.cancel_queued(vault, job.id)
        return JobEnd(job.id, "cancelled", tid, None, exc)
    try:
        item = service.run_job(vault, job.id, progress=progress, stop=stop)
    except Cancelled as exc:
        return JobEnd(job.id, "queued" if stop.requeue else "cancelled", tid, None, exc)
    except KuaError as exc:  # the job records why; its state says what became of it
        try:
            state = vault.jobs.get(job.id).state
        except KuaError:
            state = "failed"
        return JobEnd(job.id, state, tid, None, exc)
    return JobEnd(job.id, "done", item.testimony_id, item.id)
