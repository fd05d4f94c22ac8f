"""One function per `kua` subcommand: read options, call app/ services, print.

Commands that create something print the new id as the last line of stdout (or
`{"id": …}` with --json). Advice and warnings go to stderr so stdout stays parseable.
"""

from __future__ import annotations

import argparse
import sys
import time
from contextlib import contextmanager
from pathlib import Path
from typing import Callable, Iterator

from storage.errors import VerificationFailed
from storage.models import MediaItem
from storage.vault import Vault

from . import fields, library, output, session


def _say(text: str = "") -> None:
    print(text)


def _warn(text: str) -> None:
    print(text, file=sys.stderr)


def _progress(enabled: bool = True) -> library.Progress:
    """A progress callback that keeps one refreshing line on a terminal's stderr."""
    if not enabled or not sys.stderr.isatty():
        return lambda done, total, message: None
    last = [0.0]

    def show(done: int, total: int, message: str) -> None:
        now = time.monotonic()
        if now - last[0] < 0.1 and done < total:
            return
        last[0] = now
        pct = f"{100 * done / total:5.1f}%" if total else ""
        end = "\n" if total and done >= total else ""
        print(f"\r{pct} {done / 1048576:8.1f} MiB", end=end, file=sys.stderr, flush=True)

    return show


def _json(args: argparse.Namespace, data: object) -> bool:
    if args.json:
        # Lists can hold thousands of testimonies: compact; single objects: readable.
        print(output.dumps(data, indent=not isinstance(data, list)))
    return args.json


@contextmanager
def _opened(args: argparse.Namespace) -> Iterator[Vault]:
    path = session.vault_path(args.vault)
    passphrase = session.secret(args.passphrase_file, "KUA_PASSPHRASE")
    vault = session.open_vault(path, passphrase)
    try:
        yield vault
    finally:
        vault.close()


def cmd_init(args: argparse.Namespace) -> None:
    """Create a vault and show its recovery key once."""
    path = session.vault_path(args.vault)
    kdf = session.KdfChoice(args.kdf_memory, args.kdf_iterations).params()
    passphrase = session.secret(args.passphrase_file, "KUA_PASSPHRASE", confirm=True)
    vault, recovery = Vault.create(path, passphrase, kdf=kdf, actor="kua-cli")
    vault_id = vault.vault_id
    vault.close()
    if _json(args, {"id": vault_id, "path": str(path), "recovery_key": recovery}):
        return
    _say(f"Created a vault in {path}")
    _say()
    _say("Recovery key - write it on paper and keep it away from this laptop.")
    _say("It opens the vault if the passphrase is forgotten. It is shown only this once:")
    _say()
    _say(f"    {recovery}")
    _say()
    _say(vault_id)


def cmd_add(args: argparse.Namespace) -> None:
    """Store files as items of a new (or given) testimony."""
    with _opened(args) as vault:
        result = library.add_files(vault, [Path(f) for f in args.files], title=args.title,
                                   consent=args.consent, testimony_id=args.testimony,
                                   progress=_progress())
        items = [vault.items.get(i) for i in result.item_ids]
    _warn("The original files are still where they were, unencrypted: delete them if they"
          " must not stay on this computer.")
    if _json(args, {"id": result.testimony_id, "items": [output.item_json(i) for i in items]}):
        return
    for item in items:
        _say(output.item_line(item))
    _say(result.testimony_id)


def cmd_list(args: argparse.Namespace) -> None:
    """Print every testimony."""
    with _opened(args) as vault:
        if args.json:
            _json(args, [output.testimony_json(t) for t in library.list_testimonies(vault)])
            return
        found = library.list_summaries(vault)
    for t in found:
        _say(output.summary_line(t))


def cmd_search(args: argparse.Namespace) -> None:
    """Print the testimonies that match the text."""
    text = " ".join(args.text)
    with _opened(args) as vault:
        if args.json:
            _json(args, [output.testimony_json(t) for t in library.search(vault, text)])
            return
        found = library.search_summaries(vault, text)
    for t in found:
        _say(output.summary_line(t))


def cmd_show(args: argparse.Namespace) -> None:
    """Print one testimony or item, whole."""
    with _opened(args) as vault:
        found = library.find(vault, args.id)
    if isinstance(found, MediaItem):
        if not _json(args, output.item_json(found)):
            _say(output.item_line(found))
            _say(f"testimony: {found.testimony_id}")
    elif not _json(args, output.testimony_json(found)):
        _say(output.testimony_text(found))


def cmd_edit(args: argparse.Namespace) -> None:
    """Apply field assignments to a testimony or item."""
    with _opened(args) as vault:
        changed = fields.apply_edits(vault, args.id, args.set, args.remove)
        found = library.find(vault, changed)
    if not _json(args, output.item_json(found) if isinstance(found, MediaItem)
                 else output.testimony_json(found)):
        _say(f"Updated {changed}")


def cmd_extract(args: argparse.Namespace) -> None:
    """Write a plaintext copy of an item, with a warning."""
    out = Path(args.out)
    with _opened(args) as vault:
        item = library.extract(vault, args.id, out, progress=_progress())
    _warn(f"Wrote an unencrypted copy of {item.id} to {out}. Anyone who finds this file can"
          " read it: delete it when you no longer need it.")
    if not _json(args, {"id": item.id, "out": str(out), "sha256": item.sha256}):
        _say(f"Extracted {item.id} to {out}")


def cmd_rm(args: argparse.Namespace) -> None:
    """Crypto-erase a testimony or an item."""
    with _opened(args) as vault:
        removed = library.remove(vault, args.id)
    if not _json(args, {"id": removed, "removed": True}):
        _say(f"Erased {removed}")


def cmd_passwd(args: argparse.Namespace) -> None:
    """Change the passphrase; only the keys file is rewritten."""
    kdf = session.KdfChoice(args.kdf_memory, args.kdf_iterations).params()
    with _opened(args) as vault:
        new = session.secret(args.new_passphrase_file, "KUA_NEW_PASSPHRASE",
                             label="new passphrase", confirm=True)
        vault.change_passphrase(new, kdf)
    if not _json(args, {"changed": True}):
        _say("Passphrase changed. The recovery key still works.")


def cmd_verify(args: argparse.Namespace) -> None:
    """Check the vault: catalogue, audit chain, every object and hash."""
    with _opened(args) as vault:
        report = library.verify(vault, progress=_progress())
    if not _json(args, {"ok": report.ok, "audit_events": report.audit_events,
                        "items_checked": report.items_checked,
                        "bytes_checked": report.bytes_checked,
                        "problems": list(report.problems)}):
        _say(f"audit log: {report.audit_events} events")
        _say(f"items: {report.items_checked} checked, {report.bytes_checked} bytes")
        for problem in report.problems:
            _say(f"PROBLEM: {problem}")
        if report.ok:
            _say("vault ok")
    if not report.ok:
        first = report.problems[0]
        more = f" (and {len(report.problems) - 1} more)" if len(report.problems) > 1 else ""
        raise VerificationFailed(f"verification failed: {first}{more}")


COMMANDS: dict[str, Callable[[argparse.Namespace], None]] = {
    "init": cmd_init, "add": cmd_add, "list": cmd_list, "search": cmd_search,
    "show": cmd_show, "edit": cmd_edit, "extract": cmd_extract, "rm": cmd_rm,
    "passwd": cmd_passwd, "verify": cmd_verify,
}


def run(args: argparse.Namespace) -> None:
    """Dispatch to the subcommand's function."""
    COMMANDS[args.command](args)
