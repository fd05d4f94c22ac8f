"""The job service: run queued transcodes, one at a time, each in a worker process.

`run_job` takes a queued job to its end on the calling thread (the one that owns the
vault). Its output is written in two sealed objects, both items in state `writing`
until the end, so no crash, cancel or failure leaves anything half-made referenced:

1. the worker's MP4 goes, as muxed, into a scratch object (its one rewrite, the size
   of `mdat`, is kept aside: `_ScratchSink`);
2. that is copied into the output object with the index first (`faststart`), then
   hashed, probed and marked complete together with the job, in one transaction;
3. the scratch object is erased.

Plaintext exists only in the memory of this process and of the worker. A job that
fails, is cancelled or is interrupted erases both objects; the job is then `failed`,
`cancelled`, or `queued` again (interrupted: SIGTERM, or a crash found at the next
unlock by `requeue_interrupted`).
"""

from __future__ import annotations

import time
from dataclasses import dataclass
from pathlib import PurePath
from typing import Callable

from core.i18n import _
from media.probe import probe
from media.transcode_mp4 import Overlay, faststart
from media.transcode_profiles import Profile
from core.errors import (Cancelled, DiskFull, InvalidValue, KuaError, NotFound,
                            ObjectTampered, SourceDamaged, TranscodeFailed, UsageError,
                            WorkerFailed)
from core.i18n.formats import format_media_time
from core.work import SECONDS, CancelToken, MediaProgress, no_progress
from storage.items import ObjectRef
from storage.jobs import Job
from storage.models import MediaItem
from storage.sealed import SealedWriter
from storage.vault import Vault

from app.transcode import review
from app.transcode.job_data import JobParams, JobResult, TranscodeJob
from app.transcode.process import Worker

_MAX_PATCH_BYTES = 64 * 1024
_SAVE_PROGRESS_EVERY = 1.0  # seconds between progress writes to the catalogue
_COPY = 1024 * 1024


@dataclass(frozen=True, slots=True, kw_only=True)
class JobProgress(MediaProgress):
    """What a running job shows: its media progress (`done` is the media time, `rate` the
    realtime factor, `eta` the seconds left when the duration is known), with the job and
    its percent. `stage` is "starting", "transcoding", then "finishing" (index first,
    hash, probe)."""

    job_id: str
    item_id: str
    profile: str
    percent: float

    @classmethod
    def starting(cls, job_id: str, item_id: str, profile: str) -> "JobProgress":
        """The report before a job starts (it names the job that is about to run)."""
        return cls(0.0, unit=SECONDS, stage="starting", job_id=job_id, item_id=item_id,
                   profile=profile, percent=0.0)


JobProgressFn = Callable[[JobProgress], None]


class StopToken(CancelToken):
    """Stop a running job: `cancel()` drops it, `interrupt()` puts it back in the queue."""

    def __init__(self) -> None:
        super().__init__()
        self.requeue = False

    def interrupt(self) -> None:
        """Stop now, and run the job again later (e.g. the app is shutting down)."""
        self.requeue = True
        self.cancel()


class _ScratchSink:
    """Appends the worker's output to the scratch object; keeps its rewrites aside."""

    def __init__(self, writer: SealedWriter) -> None:
        self.writer = writer
        self.patches: list[tuple[int, bytes]] = []
        self._patched = 0

    def write(self, data: bytes) -> None:
        self.writer.write(data)

    def patch(self, offset: int, data: bytes) -> None:
        self._patched += len(data)
        if offset + len(data) > self.writer.size or self._patched > _MAX_PATCH_BYTES:
            raise WorkerFailed(None, _("the transcoding process rewrote output it never wrote"))
        self.patches.append((offset, data))


def requeue_interrupted(vault: Vault) -> list[str]:
    """At unlock: jobs a crash left `running` go back in the queue (outputs already erased)."""
    if vault.read_only:
        return []
    with vault.transaction():
        found = vault.jobs.requeue_running()
        for job_id in found:
            vault.audit.append("job.requeue", job_id)
    return found


def list_jobs(vault: Vault, states: tuple[str, ...] | None = None) -> list[TranscodeJob]:
    """Jobs of this vault, oldest first (all of them, or those in `states`)."""
    jobs = vault.jobs
    return [TranscodeJob.of(j) for j in (jobs.all(states) if states else jobs.all())]


def cancel_queued(vault: Vault, job_id: str) -> TranscodeJob:
    """Cancel a job that has not started (a running one is stopped by its StopToken)."""
    jobs = vault.jobs
    with vault.transaction():
        job = jobs.get(job_id)
        if job.state != "queued":
            raise UsageError(_("job {job_id} is {state}: only a queued job can be cancelled").format(job_id=job_id,
                               state=job.state))
        jobs.set_state(job_id, "cancelled")
        vault.audit.append("job.cancel", job_id)
    return TranscodeJob.of(jobs.get(job_id))


def run_job(vault: Vault, job_id: str, *, progress: JobProgressFn = no_progress,
            stop: StopToken | None = None) -> MediaItem:
    """Run one queued job to its end; returns the new item, or raises why it failed."""
    jobs = vault.jobs
    stop = stop or StopToken()
    job = jobs.get(job_id)
    if job.state != "queued":
        raise UsageError(_("job {job_id} is {state}, not queued").format(job_id=job_id,
                           state=job.state))
    params = JobParams.decode(job.params)
    try:
        if not params.readable:
            raise InvalidValue(_("job {id}: unreadable parameters").format(id=job.id))
        profile = params.as_profile()
        source = vault.items.get(job.item_id)
    except (NotFound, InvalidValue) as exc:
        with vault.transaction():
            jobs.set_state(job.id, "failed", error=str(exc))
            vault.audit.append("job.failed", job.id)
        raise
    with vault.transaction():
        jobs.set_state(job.id, "running", progress=0.0)
        scratch = vault.items.create(source.testimony_id, profile.name, parent=source.id)
        out = vault.items.create(source.testimony_id, profile.name, parent=source.id)
        vault.audit.append("job.start", job.id, item=source.id, profile=profile.name)
    run = _Run(vault, job, source, profile, progress, stop)
    try:
        return run.produce(scratch, out)
    except BaseException as exc:
        error = run.explain(exc)
        run.discard(scratch, out)
        if isinstance(exc, Cancelled):
            state = "queued" if stop.requeue else "cancelled"
        else:
            state = "queued" if isinstance(exc, (KeyboardInterrupt, SystemExit)) else "failed"
        text = (str(error) if isinstance(error, KuaError) else
                _("unexpected {name}").format(name=type(exc).__name__))
        try:
            with vault.transaction():
                jobs.set_state(job.id, state, progress=0.0 if state == "queued" else None,
                               error=None if state == "queued" else text)
                vault.audit.append(f"job.{'requeue' if state == 'queued' else state}", job.id)
        except KuaError:
            pass  # still `running`: the next unlock puts it back in the queue
        if error is exc:
            raise
        raise error from None


class _Run:
    """One run of one job: the worker, the two objects, progress, and error wording."""

    def __init__(self, vault: Vault, job: Job, source: MediaItem, profile: Profile,
                 progress: JobProgressFn, stop: StopToken) -> None:
        self.vault, self.job, self.source, self.profile = vault, job, source, profile
        self._progress, self._stop = progress, stop
        self._writers: list[SealedWriter] = []
        self._saved = 0.0
        self.position = 0.0
        self.duration = source.duration

    def produce(self, scratch: ObjectRef, out: ObjectRef) -> MediaItem:
        vault = self.vault
        sink = _ScratchSink(self._writer(scratch))
        suffix = PurePath(self.source.original_name).suffix.lower()
        still = self.source.media_type == "image"
        spec = {"profile": self.profile.params(), "still": still,
                "covers": review.cover_fractions(self.source, self.profile.covers),
                "name": "input" + (suffix if suffix[1:].isalnum() else "")}
        with vault.reader(self.source.id) as reader:
            worker = Worker()
            result = worker.run(spec, reader, reader.size, sink, self._on_worker, self._stop)
        sink.writer.close()
        self._report(100.0, 0.0, stage="finishing")
        final = self._writer(out)
        with vault.reader(scratch.item_id) as raw:
            view = Overlay(raw, raw.size, sink.patches)
            if self.profile.container == "mp4" and not still:
                faststart(view, raw.size, final)
            else:
                while chunk := view.read(_COPY):
                    final.write(chunk)
        final.close()
        with vault.reader(out.item_id) as written:
            info = probe(written)
        if info.media_type not in (("image",) if still else ("video", "audio")):
            raise TranscodeFailed(None, _("the output is not playable media"), self.position)
        stats = JobResult(out.item_id, result.get("frames"), result.get("faces_covered"),
                          result.get("detections"))
        with vault.transaction():
            vault.items.update(out.item_id, state="complete", size=final.size, sha256=final.sha256,
                               media_type=info.media_type, codec=info.codec,
                               audio_codec=info.audio_codec, duration=info.duration,
                               width=info.width, height=info.height, rotation=0,
                               params=review.with_record(self.profile, result.get("spans", [])))
            vault.jobs.set_state(self.job.id, "done", progress=100.0, result=stats.encode())
            vault.audit.append("item.transcode", out.item_id, source=self.source.id,
                               profile=self.profile.name, job=self.job.id, sha256=final.sha256)
        try:
            vault.erase_item(scratch.item_id, "item.erase-scratch")
        except KuaError:
            pass  # the output is done; the scratch (`writing`) is erased at the next unlock
        return vault.items.get(out.item_id)

    def _writer(self, ref: ObjectRef) -> SealedWriter:
        writer = self.vault.writer(ref)
        self._writers.append(writer)
        return writer

    def _on_worker(self, p: MediaProgress) -> None:
        self.position = p.done
        duration = self.duration = p.total or self.source.duration
        percent = min(99.9, 100.0 * p.done / duration) if duration else 0.0
        eta = (duration - p.done) / p.rate if duration and p.rate > 0 else None
        self._report(percent, eta, p)

    def _report(self, percent: float, eta: float | None, worker: MediaProgress | None = None,
                stage: str = "transcoding") -> None:
        self._progress(JobProgress(
            self.position, self.duration, SECONDS, stage=stage, eta=eta,
            rate=worker.rate if worker else 0.0, frames=worker.frames if worker else 0,
            fps=worker.fps if worker else 0.0, job_id=self.job.id, item_id=self.source.id,
            profile=self.profile.name, percent=percent))
        now = time.monotonic()
        if now - self._saved >= _SAVE_PROGRESS_EVERY:
            self._saved = now
            with self.vault.transaction():
                self.vault.jobs.set_progress(self.job.id, percent)

    def explain(self, exc: BaseException) -> BaseException:
        """The error to report: named after the source item and the media time."""
        item, at = self.source.id, self.position
        if isinstance(exc, TranscodeFailed):
            return type(exc)(item, exc.reason, exc.at if exc.at is not None else at)
        if isinstance(exc, ObjectTampered) and exc.item == item:
            return SourceDamaged(item, exc.reason, at)
        if isinstance(exc, DiskFull):
            return DiskFull(_("the disk is full: the transcode of item {item} stopped at "
                              "{media_time} and nothing of it was kept").format(item=item,
                              media_time=format_media_time(at)))
        if isinstance(exc, Cancelled):
            text = (_("job {id} (item {item}) was put back in the queue at {media_time};"
                      " nothing of it was kept") if self._stop.requeue else
                    _("job {id} (item {item}) was cancelled at {media_time}; nothing of it was"
                      " kept"))
            return Cancelled(text.format(id=self.job.id, item=item, media_time=format_media_time(at)))
        return exc

    def discard(self, *refs: ObjectRef) -> None:
        """Drop what this run wrote: files first (frees space), then keys and rows."""
        for writer in self._writers:
            writer.abort()
        for ref in refs:
            try:
                self.vault.erase_item(ref.item_id, "item.erase-unfinished")
            except KuaError:
                pass  # state `writing`: the next unlock erases it
