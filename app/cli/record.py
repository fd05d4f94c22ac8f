"""`kua record`: record a testimony from a source, with a live status line."""

from __future__ import annotations

import argparse
import json
import signal
import sys
import threading
from typing import Callable

from core.i18n import _, ngettext
from core.i18n.formats import clock_parts
from media.recorder import RecordStatus
from media.sources import RESOLUTIONS
from media.source_spec import open_source
from core.errors import DiskFull, MediaError
from storage.models import CONSENT_LEVELS

from app.cli.io import opened, say, warn
from app.cli.vault import Handler
from app.recording import RecordingSession


def _status_text(s: RecordStatus) -> str:
    hours, minutes, seconds, _unused = clock_parts(int(s.elapsed))
    minutes += 60 * hours  # MM:SS, however long
    level = (f"{_('silent'):>8}" if s.peak_dbfs == float("-inf")
             else _("{dbfs:6.1f} dB").format(dbfs=s.peak_dbfs))
    state = _("PAUSED") if s.paused else _("REC")
    return "\r" + _("{state:<7}{minutes:02d}:{seconds:02d}  level {level}  dropped {dropped}  "
                    "{mib:7.1f} MiB").format(state=state, minutes=minutes, seconds=seconds,
                                             level=level, dropped=s.dropped_frames,
                                             mib=s.bytes_written / 1048576)


def _status_json(s: RecordStatus) -> str:
    return json.dumps({"elapsed": round(s.elapsed, 3), "paused": s.paused,
                       "peak_dbfs": None if s.peak_dbfs == float("-inf") else round(s.peak_dbfs, 1),
                       "rms_dbfs": None if s.rms_dbfs == float("-inf") else round(s.rms_dbfs, 1),
                       "dropped_frames": s.dropped_frames, "frames": s.frames,
                       "bytes_written": s.bytes_written})


def cmd_record(args: argparse.Namespace) -> None:
    """Record until --seconds, the end of a file source, Ctrl-C or a fault."""
    width, height = RESOLUTIONS[args.resolution]
    source = open_source(args.source, width=width, height=height, fps=args.fps)
    stop = threading.Event()
    previous: Callable | int | None = signal.signal(signal.SIGINT, lambda *_: stop.set())
    signal.signal(signal.SIGTERM, lambda *_: stop.set())
    try:
        with opened(args) as vault:
            session = RecordingSession(vault, source, title=args.title or "",
                                       consent=args.consent, testimony_id=args.testimony,
                                       max_seconds=args.seconds)
            if source.info.sample_rate is None:
                warn(_("No microphone: recording video without sound."))
            session.start()
            stills = sorted(args.still_at or [])
            tty = sys.stderr.isatty()
            while session.running and not stop.is_set():
                status = session.status()
                while stills and status.elapsed >= stills[0]:
                    stills.pop(0)
                    still = session.take_still()
                    if not args.json:
                        warn(_("still photo {still}").format(still=still))
                if args.json:
                    print(_status_json(status), flush=True)
                elif tty:
                    print(_status_text(status), end="", file=sys.stderr, flush=True)
                stop.wait(0.5 if args.json else 0.25)
            result = session.stop()
    finally:
        signal.signal(signal.SIGINT, previous)
    if not args.json and sys.stderr.isatty():
        print(file=sys.stderr)
    if result.error:
        say(result.testimony_id)
        if result.disk_full:
            raise DiskFull(_("the disk is full: the recording stopped and was kept up to its"
                             " last whole second ({seconds:.1f} s, item {item_id})").format(
                seconds=result.duration or 0, item_id=result.item_id))
        raise MediaError(_("{error} ({seconds:.1f} s, item {item_id})").format(
            error=result.error, seconds=result.duration or 0, item_id=result.item_id))
    if result.dropped_frames:
        warn(ngettext("{dropped_frames} frame could not be encoded in time and was dropped.",
                      "{dropped_frames} frames could not be encoded in time and were dropped.",
                      result.dropped_frames).format(dropped_frames=result.dropped_frames))
    if args.json:  # one line, closing the stream of status lines
        print(json.dumps({"id": result.testimony_id, "item": result.item_id,
                          "duration": result.duration, "dropped_frames": result.dropped_frames}))
        return
    say(_("Recorded {item_id}: {seconds:.1f} s").format(item_id=result.item_id,
                                                         seconds=result.duration or 0))
    say(result.testimony_id)


def register(add: Callable[[str, str], argparse.ArgumentParser]) -> dict[str, Handler]:
    """Declare `kua record`."""
    p = add("record", "record a testimony from a camera, a file or the test pattern")
    p.add_argument("--source", default="camera", metavar="SOURCE",
                   help="synthetic, camera[:N] or file:PATH (default: camera)")
    p.add_argument("--seconds", type=float, metavar="N", help="stop after N seconds")
    p.add_argument("--title", metavar="T")
    p.add_argument("--consent", choices=CONSENT_LEVELS, default="restricted")
    p.add_argument("--testimony", metavar="ID", help="attach to this testimony")
    p.add_argument("--resolution", choices=sorted(RESOLUTIONS), default="720p")
    p.add_argument("--fps", type=float, default=30.0)
    p.add_argument("--still-at", type=float, action="append", metavar="SECONDS",
                   help="take a still photo at this time (may be repeated)")
    return {"record": cmd_record}

