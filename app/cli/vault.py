"""One function per `kua` subcommand: read options, call app/ services, print.

Commands that create something print the new id as the last line of stdout (or
`{"id": …}` with --json). Advice and warnings go to stderr so stdout stays parseable.
"""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Callable

from core.i18n import N_, _, ngettext
from storage import keyslots
from core.errors import UsageError, VerificationFailed
from storage.models import CONSENT_LEVELS, MediaItem

from app import fields, library, session
from app.cli import output
from app.cli.io import confirm, opened, print_json, progress_line, say, warn
from app.cli.bundles import rm_delivered
from app.passphrase import require_strong

Handler = Callable[[argparse.Namespace], None]


def cmd_init(args: argparse.Namespace) -> None:
    """Create a vault and show its recovery key once."""
    path = session.vault_path(args.vault)
    choice = session.KdfChoice(args.kdf_memory, args.kdf_iterations)
    kdf = choice.params()
    passphrase = session.secret(args.passphrase_file, "KUA_PASSPHRASE", confirm=True)
    require_strong(passphrase, args.weak_passphrase)
    vault, recovery = session.create_vault(path, passphrase, kdf, actor="kua-cli")
    vault_id = vault.vault_id
    vault.close()
    _warn_cheap(choice)
    if print_json(args, {"id": vault_id, "path": str(path), "recovery_key": recovery}):
        return
    say(_("Created a vault in {path}").format(path=path))
    _show_recovery_key(recovery)
    say(vault_id)


def _show_recovery_key(recovery: str) -> None:
    say()
    say(_("Recovery key - write it on paper and keep it away from this laptop."))
    say(_("It opens the vault if the passphrase is forgotten. It is shown only this once:"))
    say()
    say(f"    {recovery}")
    say()


def _warn_cheap(choice: session.KdfChoice) -> None:
    """After a passphrase slot was written with a cost below the default: say so."""
    message = choice.cheap_warning()
    if message:
        warn(message)


def cmd_add(args: argparse.Namespace) -> None:
    """Store files as items of a new (or given) testimony."""
    with opened(args) as vault:
        result = library.add_files(vault, [Path(f) for f in args.files], title=args.title,
                                   consent=args.consent, testimony_id=args.testimony,
                                   progress=progress_line())
        items = [vault.items.get(i) for i in result.item_ids]
    warn(_("The original files are still where they were, unencrypted: delete them if they must "
           "not stay on this computer."))
    if print_json(args, {"id": result.testimony_id, "items": [output.item_json(i) for i in items]}):
        return
    for item in items:
        say(output.item_line(item))
    say(result.testimony_id)


def cmd_list(args: argparse.Namespace) -> None:
    """Print every testimony."""
    with opened(args) as vault:
        if args.json:
            print_json(args, [output.testimony_json(t) for t in library.list_testimonies(vault)])
            return
        found = library.list_summaries(vault)
    for t in found:
        say(output.summary_line(t))


def cmd_search(args: argparse.Namespace) -> None:
    """Print the testimonies that match the text."""
    text = " ".join(args.text)
    with opened(args) as vault:
        if args.json:
            print_json(args, [output.testimony_json(t) for t in library.search(vault, text)])
            return
        found = library.search_summaries(vault, text)
    for t in found:
        say(output.summary_line(t))


def cmd_show(args: argparse.Namespace) -> None:
    """Print one testimony or item, whole."""
    with opened(args) as vault:
        found = library.find(vault, args.id)
    if isinstance(found, MediaItem):
        if not print_json(args, output.item_json(found)):
            say(output.item_line(found))
            say(_("testimony: {testimony_id}").format(testimony_id=found.testimony_id))
    elif not print_json(args, output.testimony_json(found)):
        say(output.testimony_text(found))


def cmd_edit(args: argparse.Namespace) -> None:
    """Apply field assignments to a testimony or item."""
    with opened(args) as vault:
        changed = fields.apply_edits(vault, args.id, args.set, args.remove)
        found = library.find(vault, changed)
    if not print_json(args, output.item_json(found) if isinstance(found, MediaItem)
                 else output.testimony_json(found)):
        say(_("Updated {changed}").format(changed=changed))


def cmd_extract(args: argparse.Namespace) -> None:
    """Write a plaintext copy of an item, with a warning."""
    out = Path(args.out)
    with opened(args) as vault:
        item = library.extract(vault, args.id, out, progress=progress_line(), force=args.force,
                               replace=args.force or args.overwrite)
    warn(_("Wrote an unencrypted copy of {id} to {out}. Anyone who finds this file can read it: "
           "delete it when you no longer need it.").format(id=item.id, out=out))
    if not print_json(args, {"id": item.id, "out": str(out), "sha256": item.sha256}):
        say(_("Extracted {id} to {out}").format(id=item.id, out=out))


def cmd_rm(args: argparse.Namespace) -> None:
    """Crypto-erase a testimony or an item; or (--delivered) what receipts confirmed;
    or (--unknown-objects) the sealed objects the catalogue does not know."""
    chosen = [bool(args.id), args.delivered, args.unknown_objects]
    if sum(chosen) > 1:
        raise UsageError(_("give one of: an ID, --delivered, --unknown-objects"))
    if args.unknown_objects:
        return _rm_unknown_objects(args)
    if args.delivered:
        rm_delivered(args)
        return
    if not args.id:
        raise UsageError(_("usage: {command}").format(
            command="kua rm ID | --delivered [--yes] | --unknown-objects [--yes]"))
    with opened(args) as vault:
        removed = library.remove(vault, args.id)
    if not print_json(args, {"id": removed, "removed": True}):
        say(_("Erased {removed}").format(removed=removed))


def _rm_unknown_objects(args: argparse.Namespace) -> None:
    with opened(args, warnings=False) as vault:
        names = vault.unknown_objects
        if names and not args.yes:
            confirm(ngettext(
                "Delete {n} sealed object that the catalogue does not know? It may be the only"
                " copy of a recording an older vault.db has forgotten.",
                "Delete {n} sealed objects that the catalogue does not know? They may be the"
                " only copy of recordings an older vault.db has forgotten.",
                len(names)).format(n=len(names)))
        count = vault.remove_unknown_objects() if names else 0
    if not print_json(args, {"removed_objects": list(names)}):
        say(ngettext("Deleted {n} sealed object that was not in the catalogue",
                     "Deleted {n} sealed objects that were not in the catalogue",
                     count).format(n=count))


def cmd_passwd(args: argparse.Namespace) -> None:
    """Change the passphrase: a new vault key, the catalogue re-keyed (storage/rekey.py)."""
    choice = session.KdfChoice(args.kdf_memory, args.kdf_iterations)
    kdf = choice.params()
    with opened(args) as vault:
        new = session.secret(args.new_passphrase_file, "KUA_NEW_PASSPHRASE",
                             label=N_("new passphrase"), confirm=True)
        require_strong(new, args.weak_passphrase)
        recovery = vault.change_passphrase(new, kdf, new_recovery_key=args.new_recovery_key)
    _warn_cheap(choice)
    if print_json(args, {"changed": True, "recovery_key": recovery}):
        return
    say(_("Passphrase changed. An old copy of the keys file no longer opens the vault."))
    if recovery is None:
        say(_("The recovery key still works."))
        return
    say(_("The old recovery key no longer works."))
    _show_recovery_key(recovery)


def cmd_verify(args: argparse.Namespace) -> None:
    """Check the vault: catalogue, audit chain, every object and hash."""
    if args.bundle:
        from app.cli.bundles import cmd_verify_bundle
        return cmd_verify_bundle(args)
    if args.replica:
        from app.cli.sync import cmd_verify_replica
        return cmd_verify_replica(args)
    with opened(args, warnings=False) as vault:
        report = library.verify(vault, progress=progress_line(), accept_older=args.accept_older)
    if not print_json(args, {"ok": report.ok, "audit_events": report.audit_events,
                        "items_checked": report.items_checked,
                        "bytes_checked": report.bytes_checked,
                        "problems": list(report.problems)}):
        say(_("audit log: {audit_events} events").format(audit_events=report.audit_events))
        say(_("items: {items_checked} checked, {bytes_checked} bytes").format(items_checked=report.items_checked,
              bytes_checked=report.bytes_checked))
        for problem in report.problems:
            say(_("PROBLEM: {problem}").format(problem=problem))
        if report.ok:
            say(_("vault ok"))
    if not report.ok:
        first, more = report.problems[0], len(report.problems) - 1
        raise VerificationFailed(ngettext(
            "verification failed: {first} (and {n} more)",
            "verification failed: {first} (and {n} more)", more).format(first=first, n=more)
            if more else _("verification failed: {first}").format(first=first))


def register(add: Callable[[str, str], argparse.ArgumentParser]) -> dict[str, Handler]:
    """Declare the vault and library subcommands; returns {name: handler}."""
    kdf_memory = ("Argon2id memory in MiB for the passphrase (default 256, at most 1024; lower"
                  " only for very old laptops)")
    kdf_passes = f"Argon2id passes (default {keyslots.DEFAULT_PASSPHRASE_KDF.iterations})"
    weak = "accept a passphrase that the strength meter calls weak"
    p = add("init", "create a vault (prints the recovery key once)")
    p.add_argument("--kdf-memory", type=int, metavar="MIB", help=kdf_memory)
    p.add_argument("--kdf-iterations", type=int, metavar="N", help=kdf_passes)
    p.add_argument("--weak-passphrase", action="store_true", help=weak)

    p = add("add", "store existing files byte for byte as a testimony's items")
    p.add_argument("files", nargs="+", metavar="FILE")
    p.add_argument("--title", metavar="T")
    p.add_argument("--consent", choices=CONSENT_LEVELS, default="restricted")
    p.add_argument("--testimony", metavar="ID", help="add to this testimony instead of a new one")

    add("list", "list testimonies")
    p = add("show", "show one testimony or media item")
    p.add_argument("id", metavar="ID")
    p = add("search", "find testimonies by title, notes or names, in any script")
    p.add_argument("text", nargs="+", metavar="TEXT")

    p = add("edit", "change catalogue fields, people and names")
    p.add_argument("id", metavar="ID")
    p.add_argument("--set", action="append", default=[], metavar="FIELD=VALUE",
                   help="e.g. title=..., consent=anonymous, detained.name+=Байжанов")
    p.add_argument("--remove", action="append", default=[], metavar="PERSON",
                   help="speaker or detained.N")

    p = add("extract", "write a plaintext copy of an item (deliberately, with a warning)")
    p.add_argument("id", metavar="ID")
    p.add_argument("--out", required=True, metavar="FILE")
    p.add_argument("--force", action="store_true",
                   help="extract an identifying item of a testimony with anonymous consent;"
                        " also replaces FILE if it exists")
    p.add_argument("--overwrite", action="store_true",
                   help="replace FILE if it exists (a link there is replaced, never followed)")

    p = add("rm", "crypto-erase a testimony or item, then remove its files")
    p.add_argument("id", metavar="ID", nargs="?")
    p.add_argument("--delivered", action="store_true",
                   help="erase every testimony whose items an organizer's receipt confirmed")
    p.add_argument("--unknown-objects", action="store_true",
                   help="delete the sealed objects the catalogue does not know (kua verify names them)")
    p.add_argument("--yes", action="store_true",
                   help="with --delivered or --unknown-objects: do not ask for confirmation")

    p = add("passwd", "change the passphrase (a new vault key: old keys files open nothing)")
    p.add_argument("--new-passphrase-file", metavar="F",
                   help="read the new passphrase from this file (else $KUA_NEW_PASSPHRASE or a prompt)")
    p.add_argument("--new-recovery-key", action="store_true",
                   help="also make a new recovery key (printed once); the old one stops working")
    p.add_argument("--kdf-memory", type=int, metavar="MIB", help=kdf_memory)
    p.add_argument("--kdf-iterations", type=int, metavar="N", help=kdf_passes)
    p.add_argument("--weak-passphrase", action="store_true", help=weak)

    p = add("verify", "check the audit chain, every object's tags and every SHA-256")
    p.add_argument("--bundle", metavar="DIR", help="check a bundle instead (no vault needed)")
    p.add_argument("--identity", metavar="KEYFILE", help="with --bundle: the organizer's age identity")
    p.add_argument("--replica", metavar="DIR", help="check a replica and compare it with the vault")
    p.add_argument("--accept-older", action="store_true",
                   help="accept an older vault.db, or (with --replica) an older replica")
    return {"init": cmd_init, "add": cmd_add, "list": cmd_list, "search": cmd_search,
            "show": cmd_show, "edit": cmd_edit, "extract": cmd_extract, "rm": cmd_rm,
            "passwd": cmd_passwd, "verify": cmd_verify}
