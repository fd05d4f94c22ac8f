"""`kua transcode` and `kua jobs`: make shareable copies, in a worker process.

`kua transcode ID --profile P` queues the job and runs it at once, showing progress
(a refreshing line on a terminal; a line every 10 % otherwise; JSON lines on stdout
with --json); `--background` only queues it. `kua jobs` lists the queue, `--run` runs
every queued job, `--cancel JOB` drops a queued one. Ctrl-C cancels the running job;
SIGTERM stops it and puts it back in the queue.
"""

from __future__ import annotations

import argparse
import json
import signal
import sys
from contextlib import contextmanager
from typing import Callable, Iterator

from core.i18n import _, ngettext
from media.transcode_profiles import PROFILES, get_profile, parse_cover
from core.errors import KuaError
from core.i18n.formats import format_media_time
from storage.vault import Vault

from app.transcode import service
from app.cli import output
from app.transcode import review
from app.transcode import job_queue
from app.transcode import runner as transcoding
from app.cli.io import opened, print_json, say, warn
from app.cli.vault import Handler
from app.transcode.job_data import TranscodeJob
from app.transcode.job_queue import JobEnd
from app.transcode.service import JobProgress, StopToken


def _eta(seconds: float | None) -> str:
    return "--:--" if seconds is None else format_media_time(seconds).rsplit(".", 1)[0]


def progress_printer(args: argparse.Namespace) -> Callable[[JobProgress], None]:
    """Progress as JSON lines on stdout (--json), or one refreshing line on a terminal's
    stderr; nothing otherwise, so that a failure is one line on stderr. A job's
    "starting" report (the queue's, for the GUI) is not shown."""
    tty = sys.stderr.isatty()

    def show(p: JobProgress) -> None:
        if p.stage == "starting":
            return
        if args.json:
            print(json.dumps({"job": p.job_id, "item": p.item_id, "profile": p.profile,
                              "stage": p.stage, "percent": round(p.percent, 1),
                              "fps": round(p.fps, 1), "speed": round(p.rate, 2),
                              "eta": None if p.eta is None else round(p.eta, 1)}), flush=True)
        elif tty:
            text = (_("{profile} {item}: {percent:5.1f}%  {fps:5.1f} fps  {speed:4.1f}x  ETA"
                      " {eta}").format(profile=p.profile, item=p.item_id, percent=p.percent,
                                       fps=p.fps, speed=p.rate, eta=_eta(p.eta))
                    if p.stage == "transcoding" else
                    _("{profile} {item}: finishing").format(profile=p.profile, item=p.item_id))
            print(f"\r{text}   ", end="", file=sys.stderr, flush=True)

    return show


def _result(args: argparse.Namespace, data: dict[str, object], plain: list[str]) -> None:
    """The closing line(s): one line of JSON after the progress lines, or plain text."""
    if args.json:
        print(output.dumps(data, indent=False))
    else:
        for line in plain:
            say(line)


@contextmanager
def stop_on_signals() -> Iterator[StopToken]:
    """A StopToken that Ctrl-C cancels and SIGTERM interrupts (back to the queue)."""
    token = StopToken()
    old_int = signal.signal(signal.SIGINT, lambda *_unused: token.cancel())
    old_term = signal.signal(signal.SIGTERM, lambda *_unused: token.interrupt())
    try:
        yield token
    finally:
        signal.signal(signal.SIGINT, old_int)
        signal.signal(signal.SIGTERM, old_term)
        if sys.stderr.isatty():
            print(file=sys.stderr)


def cmd_transcode(args: argparse.Namespace) -> None:
    """Transcode an item (or a testimony's master) into a profile; wait unless --background."""
    covers = tuple(parse_cover(text) for text in args.cover or ())
    profile = get_profile(args.profile, voice_shift=args.voice_shift or 0.0, covers=covers)
    with opened(args) as vault:
        if args.background:
            asked = transcoding.request(vault, args.id, profile)
            if asked.existing is not None:
                _report_existing(args, asked.existing.id)
                return
            assert asked.job is not None
            warn((_("Queued {id} (already queued): run it with `kua jobs --run`.")
                  if asked.reused_job else
                  _("Queued {id}: run it with `kua jobs --run`.")).format(id=asked.job.id))
            _result(args, {"id": asked.job.id, "job": asked.job.id, "queued": True}, [asked.job.id])
            return
        with stop_on_signals() as stop:
            item, existed = transcoding.transcode(vault, args.id, profile,
                                                  progress=progress_printer(args), stop=stop)
        waiting = len(service.list_jobs(vault, ("queued",)))
    if existed:
        _report_existing(args, item.id)
        return
    if waiting:
        warn(ngettext("{n} more job is queued: run `kua jobs --run`.",
                      "{n} more jobs are queued: run `kua jobs --run`.", waiting).format(n=waiting))
    _result(args, {"id": item.id, "item": output.item_json(item)},
            [output.item_line(item), item.id])


def cmd_review(args: argparse.Namespace) -> None:
    """Mark an anonymized copy reviewed (export of anonymous testimonies asks for it)."""
    with opened(args) as vault:
        item = review.mark_reviewed(vault, args.id)
        info = review.review_info(vault, item.id)
    covered = sum(s.end - s.start for s in info.spans if s.covered)
    _result(args, {"id": item.id, "reviewed": info.reviewed,
                   "covered_seconds": round(covered, 1)},
            [_("Reviewed {id} at {time}").format(id=item.id, time=info.reviewed), item.id])


def _report_existing(args: argparse.Namespace, item_id: str) -> None:
    warn(_("Already transcoded with this profile and these parameters: {item_id} (not redone).").format(item_id=item_id))
    _result(args, {"id": item_id, "existing": True}, [item_id])


def job_json(job: TranscodeJob) -> dict[str, object]:
    """A job as `kua jobs --json` prints it."""
    return {"id": job.id, "kind": job.kind, "item": job.source_id,
            "profile": job.params.values.get("profile"), "params": job.params.as_dict(),
            "state": job.state, "progress": round(job.progress, 1), "output": job.output_id,
            "error": job.error, "created_at": job.created_at, "updated_at": job.updated_at}


def _job_line(job: TranscodeJob) -> str:
    data = job_json(job)
    tail = f"  -> {data['output']}" if data["output"] else (f"  {job.error}" if job.error else "")
    return (f"{job.id}  {job.state:<9} {str(data['profile']):<10} {job.source_id}"
            f"  {job.progress:5.1f}%  {job.created_at}{tail}")


def cmd_jobs(args: argparse.Namespace) -> None:
    """List jobs; --run runs the queued ones; --cancel drops a queued one."""
    with opened(args) as vault:
        if args.cancel:
            job = service.cancel_queued(vault, args.cancel)
            if not print_json(args, job_json(job)):
                say(_("Cancelled {id}").format(id=job.id))
            return
        if args.run:
            _run_all(args, vault)
            return
        found = service.list_jobs(vault)
    if not print_json(args, [job_json(j) for j in found]):
        for job in found:
            say(_job_line(job))


def _run_all(args: argparse.Namespace, vault: Vault) -> None:
    failures: list[KuaError] = []

    def ended(end: JobEnd) -> None:
        if end.failure is not None:
            failures.append(end.failure)
        if not args.json:
            say(_("{job} failed: {error}").format(job=end.job_id, error=end.failure)
                if end.failure is not None else
                _("{job} done: {item}").format(job=end.job_id, item=end.output_id or "-"))

    with stop_on_signals() as stop:
        ends = job_queue.run_queue(vault, progress=progress_printer(args), stop=stop,
                                   on_end=ended)
    if args.json:
        print_json(args, [{"job": e.job_id, "id": e.output_id, "error": e.error} for e in ends])
    elif not ends:
        say(_("No queued jobs."))
    if failures:  # the exit code and one line of the first failure
        first = failures[0]
        if len(failures) > 1:
            first.message = ngettext("{message} (and {n} more job failed)",
                                     "{message} (and {n} more jobs failed)",
                                     len(failures) - 1).format(message=first.message,
                                                               n=len(failures) - 1)
        raise first


def register(add: Callable[[str, str], argparse.ArgumentParser]) -> dict[str, Handler]:
    """Declare `kua transcode` and `kua jobs`."""
    p = add("transcode", "make a share, proxy, audio or anonymized copy of an item")
    p.add_argument("id", metavar="ID", help="an item, or a testimony (its master)")
    p.add_argument("--profile", required=True, choices=PROFILES)
    p.add_argument("--voice-shift", type=float, metavar="SEMITONES",
                   help="anonymized: shift the voice's pitch (e.g. -4)")
    p.add_argument("--cover", action="append", metavar="T0-T1:X,Y,W,H",
                   help="anonymized: also cover this rectangle (source pixels) from T0 to T1"
                   " seconds; repeat for more")
    p.add_argument("--background", action="store_true",
                   help="only queue the job (run it later with `kua jobs --run`)")

    p = add("review", "mark an anonymized copy as watched and approved for export")
    p.add_argument("id", metavar="ID", help="an anonymized item")

    p = add("jobs", "list transcoding jobs; run or cancel queued ones")
    p.add_argument("--run", action="store_true", help="run every queued job, oldest first")
    p.add_argument("--cancel", metavar="JOB", help="cancel a queued job")
    return {"transcode": cmd_transcode, "jobs": cmd_jobs, "review": cmd_review}
