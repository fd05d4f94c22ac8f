"""The job queue as a person sees it: what each job makes, for which testimony, how it ended.

`job_entries` joins the persisted jobs (app/transcode/service.py) with their source item and its
testimony's title, so a list of jobs needs one call. `run_next` runs the oldest queued
job and says how it ended instead of raising, so a screen that runs the queue can list
a failure in place rather than stop at it.
"""

from __future__ import annotations

import json
from dataclasses import dataclass

from core.errors import Cancelled, KuaError, NotFound
from storage.jobs import Job, Jobs
from storage.vault import Vault

from app.transcode import service as jobs
from app.transcode.service import JobProgress, JobProgressFn, StopToken

_FINISHED_SHOWN = 200  # finished jobs kept in the list (newest); active ones are all shown


@dataclass(frozen=True, slots=True)
class JobEntry:
    """One job with what a list shows about it."""

    id: str
    state: str                 # queued, running, done, failed, cancelled
    profile: str               # share, proxy, audio, anonymized
    progress: float            # percent, as last saved
    error: str | None          # the CLI's words, for a failed job
    output_id: str | None      # the item a done job made
    source_id: str
    testimony_id: str | None   # None when the source item is gone
    testimony_title: str
    created_at: str
    updated_at: str


@dataclass(frozen=True, slots=True)
class JobEnd:
    """How `run_next` ended: the job's state after it, and the new item or the reason."""

    job_id: str
    state: str                 # done, failed, cancelled, or queued (interrupted)
    testimony_id: str | None
    output_id: str | None
    error: str | None


def profile_of(job: Job) -> str:
    """The profile name a job asks for ("" if its parameters are unreadable)."""
    try:
        params = json.loads(job.params or "{}")
    except ValueError:
        return ""
    return str(params.get("profile", "")) if isinstance(params, dict) else ""


def _output_of(job: Job) -> str | None:
    try:
        result = json.loads(job.result) if job.result else None
    except ValueError:
        return None
    return result.get("item") if isinstance(result, dict) else None


def _testimony_of(vault: Vault, item_id: str) -> str | None:
    try:
        return vault.items.get(item_id).testimony_id
    except NotFound:
        return None


def job_entries(vault: Vault) -> list[JobEntry]:
    """Running and queued jobs (oldest first), then finished ones (newest first)."""
    every = jobs.list_jobs(vault)
    active = [j for j in every if j.state in ("running", "queued")]
    active.sort(key=lambda j: j.state != "running")  # stable: oldest first within each
    finished = [j for j in reversed(every) if j.state not in ("running", "queued")]
    shown = active + finished[:_FINISHED_SHOWN]
    testimony = {j.item_id: _testimony_of(vault, j.item_id) for j in shown}
    tids = sorted({t for t in testimony.values() if t})
    titles = {s.id: s.title for s in vault.catalogue.summaries(tids)}
    return [JobEntry(j.id, j.state, profile_of(j), j.progress, j.error, _output_of(j), j.item_id,
                     testimony[j.item_id], titles.get(testimony[j.item_id] or "", ""),
                     j.created_at, j.updated_at)
            for j in shown]


def run_next(vault: Vault, *, progress: JobProgressFn, stop: StopToken) -> JobEnd | None:
    """Run the oldest queued job to its end; None when nothing is queued.

    Before the job starts, `progress` gets a report with stage "starting" (so a caller
    knows which job runs). A failure or a cancel is returned, not raised.
    """
    queued = jobs.list_jobs(vault, ("queued",))
    if not queued:
        return None
    job = queued[0]
    tid = _testimony_of(vault, job.item_id)
    try:
        progress(JobProgress.starting(job.id, job.item_id, profile_of(job)))
        stop.check()
    except Cancelled as exc:  # stopped before it began: it is still queued
        if stop.requeue:
            return JobEnd(job.id, "queued", tid, None, str(exc))
        jobs.cancel_queued(vault, job.id)
        return JobEnd(job.id, "cancelled", tid, None, str(exc))
    try:
        item = jobs.run_job(vault, job.id, progress=progress, stop=stop)
    except Cancelled as exc:
        return JobEnd(job.id, "queued" if stop.requeue else "cancelled", tid, None, str(exc))
    except KuaError as exc:  # the job records why; its state says what became of it
        try:
            state = Jobs(vault.conn).get(job.id).state
        except KuaError:
            state = "failed"
        return JobEnd(job.id, state, tid, None, str(exc))
    return JobEnd(job.id, "done", item.testimony_id, item.id, None)
