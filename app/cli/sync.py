"""`kua sync`, `kua restore` and `kua verify --replica`: replicas on a trusted drive."""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path
from typing import Callable

from core.i18n import N_, _, ngettext
from core.i18n.formats import format_duration
from core.errors import KuaError, ObjectTampered, ReplicaOlder, VerificationFailed
from core.work import Progress, ProgressFn, no_progress
from storage.vault import Vault, is_vault

from app import session, sync
from app.cli.io import opened, print_json, say, warn

Handler = Callable[[argparse.Namespace], None]
MiB = 1024 * 1024


def transfer_progress() -> ProgressFn:
    """A progress line on a terminal's stderr: percent, MiB, items and time left."""
    if not sys.stderr.isatty():
        return no_progress
    start, last = time.monotonic(), [0.0]

    def show(p: Progress) -> None:
        done, total, message = p.done, p.total or 0, p.message
        now = time.monotonic()
        if now - last[0] < 0.1 and done < total:
            return
        last[0] = now
        pct = f"{100 * done / total:5.1f}%" if total else "      "
        rate = done / (now - start) if now > start else 0
        eta = ("  " + _("{time} left").format(time=format_duration((total - done) / rate))
               if rate and done < total else "")
        end = "\n" if total and done >= total else ""
        amount = _("{done:8.1f} of {total:.1f} MiB").format(done=done / MiB, total=total / MiB)
        print(f"\r{pct} {amount}  {message}{eta}   ", end=end, file=sys.stderr, flush=True)

    return show


def _mib(n: int) -> str:
    return f"{n / MiB:.1f} MiB"


def cmd_sync(args: argparse.Namespace) -> None:
    """Write or update the replica in --to DIR."""
    target = Path(args.to)
    with opened(args) as vault:
        r = sync.sync(vault, target, progress=transfer_progress(),
                      accept_older=args.accept_older)
    if not print_json(args, {
            "label": r.label, "generation": r.generation, "previous": r.previous,
            "items": r.items, "copied_items": r.copied_items, "copied_files": r.copied_files,
            "copied_bytes": r.copied_bytes, "skipped_items": r.skipped_items,
            "skipped_bytes": r.skipped_bytes, "deleted_items": r.deleted_items,
            "deleted_files": r.deleted_files, "damaged": list(r.damaged),
            "seconds": round(r.seconds, 3)}):
        synced = (_("Synced to {target}: replica {label}, generation {generation} (was"
                    " {previous})") if r.previous else
                  _("Synced to {target}: replica {label}, generation {generation} (new"
                    " replica)"))
        say(synced.format(target=target, label=r.label, generation=r.generation,
                          previous=r.previous))
        say(_("copied: {copied_items} items, {copied_files} files, {mib}").format(copied_items=r.copied_items,
              copied_files=r.copied_files,
              mib=_mib(r.copied_bytes)))
        say(_("already on the drive: {skipped_items} items, {mib}").format(skipped_items=r.skipped_items,
              mib=_mib(r.skipped_bytes)))
        say(_("deleted: {deleted_items} items ({deleted_files} files)").format(deleted_items=r.deleted_items,
              deleted_files=r.deleted_files))
        took = (_("items on the drive: {items}; took {seconds:.1f} s ({rate:.0f} MB/s)")
                if r.copied_bytes else _("items on the drive: {items}; took {seconds:.1f} s"))
        say(took.format(items=r.items, seconds=r.seconds,
                        rate=r.copied_bytes / r.seconds / 1e6 if r.copied_bytes else 0))
        for problem in r.damaged:
            say(_("NOT COPIED: {problem}").format(problem=problem))
    if r.damaged:
        more = len(r.damaged) - 1
        raise VerificationFailed(ngettext(
            "synced, but not every item: {value} (and {n} more)",
            "synced, but not every item: {value} (and {n} more)", more).format(
                value=r.damaged[0], n=more) if more else
            _("synced, but not every item: {value}").format(value=r.damaged[0]))


def cmd_restore(args: argparse.Namespace) -> None:
    """Rebuild a vault in --vault NEWDIR from the replica in --from DIR."""
    new_dir = session.vault_path(args.vault)
    secret = session.secret(args.passphrase_file, "KUA_PASSPHRASE",
                            label=N_("passphrase or recovery key"))
    result = sync.restore(Path(args.from_dir), new_dir, secret, progress=transfer_progress(),
                          actor="kua-cli", remembered=_remembered(new_dir, secret),
                          accept_older=args.accept_older)
    r, v = result.report, result.verify
    refused = [{"id": item, "reason": reason} for item, reason in r.refused]
    if not print_json(args, {
            "id": r.vault_id, "path": str(new_dir), "label": r.label,
            "generation": r.generation, "synced_at": r.synced_at,
            "testimonies": r.testimonies, "items": r.items, "bytes": r.bytes,
            "refused": refused, "verified": v.ok, "problems": list(v.problems),
            "seconds": round(r.seconds, 3)}):
        say(_("Restored a vault in {new_dir} from replica {label}, generation {generation} "
              "(synced {synced_at})").format(new_dir=new_dir,
              label=r.label,
              generation=r.generation,
              synced_at=r.synced_at))
        say(_("testimonies: {testimonies}; items: {items} ({mib})").format(testimonies=r.testimonies,
              items=r.items,
              mib=_mib(r.bytes)))
        for item, reason in r.refused:
            say(_("REFUSED: item {item}, damaged or altered on the replica ({reason})").format(item=item,
                  reason=reason))
        say(_("verified: {items} items, audit log of {events} events").format(
            items=v.items_checked, events=v.audit_events) if v.ok else
            _("verified: {items} items, audit log of {events} events; {problems} problems").format(
                items=v.items_checked, events=v.audit_events, problems=len(v.problems)))
        for problem in v.problems:
            say(_("PROBLEM: {problem}").format(problem=problem))
        say(r.vault_id)
    if r.refused:
        ids = ", ".join(item for item, _unused in r.refused)
        raise ObjectTampered(ids, _("on the replica, so it was not restored (the other {items} "
                                    "items were)").format(items=r.items))
    if not v.ok:
        raise VerificationFailed(_("the restored vault does not verify: {value}").format(value=v.problems[0]))


def _remembered(new_dir: Path, secret: str) -> dict[str, int]:
    """What the vault of KUA_VAULT (or the default one) remembers of its replicas, when
    there is such a vault besides the new one: a restore is checked against it."""
    home = session.vault_path(None)
    if not is_vault(home) or home.resolve() == new_dir.resolve():
        return {}
    try:
        with Vault.open(home, secret, actor="kua-cli") as vault:
            return sync.remembered_by(vault)
    except KuaError as exc:
        warn(_("The replica's age was not checked against the vault in {home}: {error}").format(
            home=home, error=exc))
        return {}


def _diff_lines(d) -> list[str]:
    # The English is the same for one and many (tests compare it); the plural forms are
    # for languages whose nouns change with the count.
    kinds = (
        (d.testimonies_only_in_vault, lambda n: ngettext(
            "{n} testimonies only in the vault: {ids}",
            "{n} testimonies only in the vault: {ids}", n)),
        (d.testimonies_only_on_replica, lambda n: ngettext(
            "{n} testimonies only on the replica: {ids}",
            "{n} testimonies only on the replica: {ids}", n)),
        (d.testimonies_changed, lambda n: ngettext(
            "{n} testimonies changed since the sync: {ids}",
            "{n} testimonies changed since the sync: {ids}", n)),
        (d.items_only_in_vault, lambda n: ngettext(
            "{n} items only in the vault: {ids}",
            "{n} items only in the vault: {ids}", n)),
        (d.items_only_on_replica, lambda n: ngettext(
            "{n} items only on the replica (erased since): {ids}",
            "{n} items only on the replica (erased since): {ids}", n)),
        (d.items_changed, lambda n: ngettext(
            "{n} items changed since the sync: {ids}",
            "{n} items changed since the sync: {ids}", n)))
    lines = []
    for ids, text in kinds:
        if ids:
            lines.append("  " + text(len(ids)).format(n=len(ids), ids=", ".join(ids)))
    if d.keys_changed:
        lines.append("  " + _("the passphrase was changed after the sync"))
    return lines


def cmd_verify_replica(args: argparse.Namespace) -> None:
    """`kua verify --replica DIR`: check the replica and compare it with the vault."""
    with opened(args) as vault:
        c = sync.verify_replica(vault, Path(args.replica), progress=transfer_progress())
    d = c.diff
    if not print_json(args, {
            "ok": c.ok, "label": c.label, "generation": c.generation,
            "synced_at": c.synced_at, "up_to_date": d.same,
            "audit_events": c.verify.audit_events, "items_checked": c.verify.items_checked,
            "bytes_checked": c.verify.bytes_checked, "problems": list(c.verify.problems),
            "differences": {
                "testimonies_only_in_vault": list(d.testimonies_only_in_vault),
                "testimonies_only_on_replica": list(d.testimonies_only_on_replica),
                "testimonies_changed": list(d.testimonies_changed),
                "items_only_in_vault": list(d.items_only_in_vault),
                "items_only_on_replica": list(d.items_only_on_replica),
                "items_changed": list(d.items_changed),
                "keys_changed": d.keys_changed},
            "stray_files": d.stray_files, "older_than": c.remembered}):
        say(_("replica {label}, generation {generation}, synced {synced_at}").format(label=c.label,
              generation=c.generation,
              synced_at=c.synced_at))
        say(_("audit log: {audit_events} events").format(audit_events=c.verify.audit_events))
        say(_("items: {items_checked} checked, {bytes_checked} bytes").format(items_checked=c.verify.items_checked,
              bytes_checked=c.verify.bytes_checked))
        lines = _diff_lines(d)
        say(_("differences with the vault:") if lines else _("same as the vault"))
        for line in lines:
            say(line)
        if d.stray_files:
            say(ngettext("{stray_files} file on the drive belongs to no generation (left by an"
                         " interrupted sync; the next sync removes it)",
                         "{stray_files} files on the drive belong to no generation (left by an"
                         " interrupted sync; the next sync removes them)",
                         d.stray_files).format(stray_files=d.stray_files))
        for problem in c.verify.problems:
            say(_("PROBLEM: {problem}").format(problem=problem))
        if c.older:
            say(_("OLDER: this is generation {generation}, older than the last sync"
                  " (generation {remembered}): it was replaced or rolled back").format(
                      generation=c.generation, remembered=c.remembered))
        if c.ok and not c.older:
            say(_("replica ok") if d.same else
                _("replica ok: behind the vault, run kua sync --to {replica}").format(
                    replica=args.replica))
    if c.older and not args.accept_older:
        raise ReplicaOlder(c.label, c.generation, c.remembered or 0)
    if not c.ok:
        first, more = c.verify.problems[0], len(c.verify.problems) - 1
        raise VerificationFailed(ngettext(
            "the replica failed verification: {first} (and {n} more)",
            "the replica failed verification: {first} (and {n} more)", more).format(
                first=first, n=more) if more else
            _("the replica failed verification: {first}").format(first=first))


def register(add: Callable[[str, str], argparse.ArgumentParser]) -> dict[str, Handler]:
    """Declare `sync` and `restore`; returns {name: handler}."""
    older = "use a replica older than the last sync to it (replaced or rolled back)"
    p = add("sync", "write or update a replica of the vault on a trusted drive")
    p.add_argument("--to", required=True, metavar="DIR",
                   help="a new or empty folder, or a replica of this vault")
    p.add_argument("--accept-older", action="store_true", help=older)
    p = add("restore", "rebuild a vault from a replica (--vault names the new vault's folder)")
    p.add_argument("--from", dest="from_dir", required=True, metavar="DIR",
                   help="the replica's folder")
    p.add_argument("--accept-older", action="store_true", help=older)
    return {"sync": cmd_sync, "restore": cmd_restore}
