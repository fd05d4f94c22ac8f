"""Transcode use cases: ask for an output, find one already made, run the queue.

`request` turns "item X as profile P" into either the output that already exists
(same source, profile and parameters: not redone) or a queued job (an identical one
already queued is reused). `transcode` does that and waits: it runs the job at once
on the calling thread. `run_queue` runs every queued job, oldest first, one at a time
(the vault is held by one process, and its catalogue by one thread: jobs are serial
by construction).
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Callable

from core.i18n import _
from media.transcode_profiles import Profile
from core.errors import Cancelled, KuaError, MissingStream, NotFound
from storage.jobs import Job, Jobs
from storage.models import MediaItem
from storage.vault import Vault

from app.transcode import service
from app.transcode import review
from app.transcode.service import JobProgressFn, StopToken
from app.library import resolve_item

KIND = "transcode"
_USABLE = ("complete", "recovered")
PHOTO_PROFILES = ("share", "anonymized")  # a photo becomes a clean JPEG (media/photo.py)


@dataclass(frozen=True, slots=True)
class TranscodeRequest:
    """Either the output that already exists, or the job that will make it."""

    source: MediaItem
    profile: Profile
    existing: MediaItem | None = None
    job: Job | None = None
    reused_job: bool = False  # an identical job was already queued or running


@dataclass(frozen=True, slots=True)
class JobOutcome:
    """How one job of `run_queue` ended."""

    job_id: str
    item: MediaItem | None
    error: KuaError | None


def find_output(vault: Vault, source_id: str, profile: Profile) -> MediaItem | None:
    """A complete output of `source_id` made with exactly this profile and parameters
    (what was recorded with it afterwards, app/transcode/review.py, does not count)."""
    rows = vault.conn.execute(
        "SELECT id, params FROM items WHERE parent = ? AND kind = ? AND state = 'complete'"
        " ORDER BY created_at", (source_id, profile.name)).fetchall()
    wanted = profile.params()
    for item_id, params in rows:
        try:
            asked = review.request_part(json.loads(params or "{}"))
        except (ValueError, AttributeError):
            continue
        if asked == wanted:
            return vault.items.get(item_id)
    return None


def _check_source(item: MediaItem, profile: Profile) -> None:
    if item.state not in _USABLE:
        raise NotFound(_("item {id} is not finished ({state})").format(id=item.id,
                         state=item.state))
    if item.media_type == "image":
        if profile.name not in PHOTO_PROFILES:
            raise MissingStream(item.id, _("it is a photo: use --profile share or anonymized"))
        return
    if item.media_type not in ("video", "audio"):
        raise MissingStream(item.id, _("it is a document, not video, sound or a photo"))
    if item.media_type == "audio" and profile.video is not None \
            and not (profile.faces and profile.voice_shift):
        text = (_("it has no video, which the {name} profile needs (an anonymized copy of"
                  " sound alone needs --voice-shift)") if profile.faces else
                _("it has no video, which the {name} profile needs (use --profile audio)"))
        raise MissingStream(item.id, text.format(name=profile.name))


def request(vault: Vault, some_id: str, profile: Profile) -> TranscodeRequest:
    """The existing output for `some_id` as `profile`, else a queued job for it."""
    source = resolve_item(vault, some_id)
    _check_source(source, profile)
    review.check_covers(source, profile)
    existing = find_output(vault, source.id, profile)
    if existing is not None:
        return TranscodeRequest(source, profile, existing=existing)
    jobs = Jobs(vault.conn)
    params = profile.params_json()
    with vault.transaction():
        active = jobs.find_active(KIND, source.id, params)
        if active is not None:
            return TranscodeRequest(source, profile, job=active, reused_job=True)
        job = jobs.create(KIND, source.id, params)
        vault.audit.append("job.queue", job.id, item=source.id, profile=profile.name)
    return TranscodeRequest(source, profile, job=job)


def transcode(vault: Vault, some_id: str, profile: Profile, *,
              progress: JobProgressFn = lambda p: None,
              stop: StopToken | None = None) -> tuple[MediaItem, bool]:
    """Make (or find) the output and return it, with True if it already existed."""
    asked = request(vault, some_id, profile)
    if asked.existing is not None:
        return asked.existing, True
    assert asked.job is not None
    job = Jobs(vault.conn).get(asked.job.id)
    if job.state == "running":  # left by this process? never: a crash re-queues at unlock
        raise KuaError(_("job {id} is already running").format(id=job.id))
    return service.run_job(vault, job.id, progress=progress, stop=stop), False


def run_queue(vault: Vault, *, progress: JobProgressFn = lambda p: None,
              stop: StopToken | None = None,
              on_end: Callable[[JobOutcome], None] = lambda o: None) -> list[JobOutcome]:
    """Run queued jobs, oldest first, until none is left or `stop` is used.

    A job that fails is recorded and the next one runs; a stop ends the run (the
    stopped job is cancelled, or re-queued by `stop.interrupt()`).
    """
    stop = stop or StopToken()
    outcomes: list[JobOutcome] = []
    tried: set[str] = set()
    while not stop.cancelled:
        job = Jobs(vault.conn).next_queued()
        if job is None or job.id in tried:
            break
        tried.add(job.id)
        try:
            item = service.run_job(vault, job.id, progress=progress, stop=stop)
            outcome = JobOutcome(job.id, item, None)
        except Cancelled:
            raise
        except KuaError as exc:
            outcome = JobOutcome(job.id, None, exc)
        outcomes.append(outcome)
        on_end(outcome)
    return outcomes
