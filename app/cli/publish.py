"""`kua publish uwazi --to DIR [--mapping FILE]`: the archive's publishable testimonies as
a CSV and a ZIP for Uwazi's CSV import (app/publish.py, docs/uwazi.md)."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Callable

from core.i18n import _, ngettext
from core.i18n.formats import format_size

from app import publish
from app.cli.io import opened, print_json, progress_line, say, warn

Handler = Callable[[argparse.Namespace], None]
TARGETS = ("uwazi",)


def cmd_publish(args: argparse.Namespace) -> None:
    """Write the CSV and ZIP for Uwazi, by consent, with a plaintext warning."""
    with opened(args) as vault:
        report = publish.publish_uwazi(vault, Path(args.to),
                                       Path(args.mapping) if args.mapping else None,
                                       progress=progress_line())
    warn(_("Wrote UNENCRYPTED files to {folder}: anyone who finds them can read and watch"
           " them. Upload them to Uwazi, then delete them.").format(folder=report.folder))
    for gap in report.left_out:
        warn(_("left out {id}: {reason}; make it with: {command}").format(
            id=gap.testimony_id, reason=gap.reason, command=gap.command))
    for note in report.notes:
        warn(note)
    if print_json(args, {
            "folder": str(report.folder), "csv": str(report.csv_path),
            "zip": str(report.zip_path), "rows": list(report.rows),
            "attachments": list(report.attachments), "bytes": report.media_bytes,
            "left_out": [{"id": g.testimony_id, "reason": g.reason, "command": g.command}
                         for g in report.left_out],
            "restricted": report.restricted, "notes": list(report.notes)}):
        return
    say(ngettext("{n} testimony in {csv}", "{n} testimonies in {csv}",
                 len(report.rows)).format(n=len(report.rows), csv=report.csv_path))
    say(ngettext("{n} attachment ({size}) in {zip}", "{n} attachments ({size}) in {zip}",
                 len(report.attachments)).format(n=len(report.attachments),
                                                 size=format_size(report.media_bytes),
                                                 zip=report.zip_path))
    if report.left_out:
        say(ngettext("{n} testimony left out until its copy is made (see above)",
                     "{n} testimonies left out until their copies are made (see above)",
                     len(report.left_out)).format(n=len(report.left_out)))
    say(ngettext("{n} restricted testimony not published",
                 "{n} restricted testimonies not published",
                 report.restricted).format(n=report.restricted))
    say(_("In Uwazi: Settings, Import CSV, choose {zip} and the template").format(
        zip=report.zip_path.name))


def register(add: Callable[[str, str], argparse.ArgumentParser]) -> dict[str, Handler]:
    """Declare `publish`; returns {name: handler}."""
    p = add("publish", "write testimonies for publication (unencrypted), chosen by consent")
    p.add_argument("target", choices=TARGETS, metavar="TARGET", help="uwazi")
    p.add_argument("--to", required=True, metavar="DIR", help="a new or empty folder")
    p.add_argument("--mapping", metavar="FILE",
                   help="JSON: Kua field -> Uwazi property name (see docs/uwazi.md)")
    return {"publish": cmd_publish}
