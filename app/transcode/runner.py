"""Transcode use cases: ask for an output, find one already made, make it now.

`request` turns "item X as profile P" into either the output that already exists
(same source, profile and parameters: not redone) or a queued job (an identical one
already queued is reused). `transcode` does that and waits: it runs the job at once
on the calling thread. The queue as a whole is run by app/transcode/job_queue.py.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from core.i18n import _
from media.transcode_profiles import Cover, Profile, profile_from_params
from core.errors import KuaError, MissingStream, NotFound
from storage.models import MediaItem
from storage.vault import Vault

from app.transcode import service
from app.transcode import review
from app.transcode.job_data import TranscodeJob
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
    job: TranscodeJob | None = None
    reused_job: bool = False  # an identical job was already queued or running


def find_output(vault: Vault, source_id: str, profile: Profile) -> MediaItem | None:
    """A complete output of `source_id` made with exactly this profile and parameters
    (what was recorded with it afterwards, app/transcode/review.py, does not count)."""
    wanted = profile.params()
    for item in vault.items.children(source_id, profile.name, "complete"):
        if review.request_part(review.params_of(item)) == wanted:
            return item
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
    jobs = vault.jobs
    params = profile.params_json()
    with vault.transaction():
        active = jobs.find_active(KIND, source.id, params)
        if active is not None:
            return TranscodeRequest(source, profile, job=TranscodeJob.of(active), reused_job=True)
        job = jobs.create(KIND, source.id, params)
        vault.audit.append("job.queue", job.id, item=source.id, profile=profile.name)
    return TranscodeRequest(source, profile, job=TranscodeJob.of(job))


def transcode(vault: Vault, some_id: str, profile: Profile, *,
              progress: JobProgressFn = lambda p: None,
              stop: StopToken | None = None) -> tuple[MediaItem, bool]:
    """Make (or find) the output and return it, with True if it already existed."""
    asked = request(vault, some_id, profile)
    if asked.existing is not None:
        return asked.existing, True
    assert asked.job is not None
    job = vault.jobs.get(asked.job.id)
    if job.state == "running":  # left by this process? never: a crash re-queues at unlock
        raise KuaError(_("job {id} is already running").format(id=job.id))
    return service.run_job(vault, job.id, progress=progress, stop=stop), False


def rerender(vault: Vault, some_id: str, new_covers: tuple[Cover, ...]) -> TranscodeRequest:
    """Queue an anonymized copy again, from its source, with `new_covers` added to its
    own; returns the TranscodeRequest (the existing copy if that was made already)."""
    item = review.anonymized_copy(vault, some_id)
    if item.parent is None:
        raise NotFound(_("the source of item {id} is gone: it cannot be made again").format(
            id=item.id))
    profile = profile_from_params(review.request_part(review.params_of(item)))
    covers = tuple(sorted(set(profile.covers) | set(new_covers), key=Cover.as_list))
    return request(vault, item.parent, replace(profile, covers=covers))
