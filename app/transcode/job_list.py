"""The job queue as a person sees it: what each job makes, for which testimony, how it ended.

`job_entries` joins the persisted jobs (app/transcode/service.py) with their source item and its
testimony's title, so a list of jobs needs one call. The queue itself is run by
app/transcode/job_queue.py.
"""

from __future__ import annotations

from dataclasses import dataclass

from storage.vault import Vault

from app.transcode import service as jobs
from app.transcode.job_queue import testimony_of

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


def job_entries(vault: Vault) -> list[JobEntry]:
    """Running and queued jobs (oldest first), then finished ones (newest first)."""
    every = jobs.list_jobs(vault)
    active = [j for j in every if j.state in ("running", "queued")]
    active.sort(key=lambda j: j.state != "running")  # stable: oldest first within each
    finished = [j for j in reversed(every) if j.state not in ("running", "queued")]
    shown = active + finished[:_FINISHED_SHOWN]
    testimony = {j.source_id: testimony_of(vault, j.source_id) for j in shown}
    tids = sorted({t for t in testimony.values() if t})
    titles = {s.id: s.title for s in vault.catalogue.summaries(tids)}
    return [JobEntry(j.id, j.state, j.params.profile_name, j.progress, j.error, j.output_id,
                     j.source_id, testimony[j.source_id],
                     titles.get(testimony[j.source_id] or "", ""), j.created_at, j.updated_at)
            for j in shown]
