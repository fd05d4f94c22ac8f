"""`kua keys`, `kua export`, `kua import`, `kua verify --bundle`, `kua receipt` and
`kua rm --delivered`: bundles for organizers, and closing the hand-over.

An identity file's passphrase comes from `KUA_IDENTITY_PASSPHRASE` or a prompt, and
is asked for only when the file is protected. `verify --bundle` needs no vault.
"""

from __future__ import annotations

import argparse
import base64
import sys
from dataclasses import asdict
from pathlib import Path
from typing import Callable

from core.i18n import N_, _, ngettext
from core.i18n.formats import format_size
from storage.bundles.age_pq import AGE_VERSION
from storage.bundles.parts import parse_size
from core.errors import Cancelled, KuaError, UsageError

from app import bundles, receipts, session
from app.bundle_import import ImportReport, import_bundle
from app.cli.io import opened, print_json, progress_line, say, warn

Handler = Callable[[argparse.Namespace], None]
KEY_ACTIONS = ("organizer-new", "organizer-add", "organizers", "organizer-rm", "device")
_IDENTITY_ENV = "KUA_IDENTITY_PASSPHRASE"



def _parts(n: int) -> str:
    return ngettext("{n} part", "{n} parts", n).format(n=n)


def _items_of(items: int, testimonies: int) -> str:
    """ "3 items of 2 testimonies", each count with its own plural form."""
    return ngettext("{n} item of {testimonies}", "{n} items of {testimonies}", items).format(
        n=items, testimonies=ngettext("{n} testimony", "{n} testimonies",
                                      testimonies).format(n=testimonies))

def _identity_passphrase(confirm: bool = False) -> str:
    return session.secret(None, _IDENTITY_ENV, label=N_("identity passphrase"), confirm=confirm)


def _operands(args: argparse.Namespace, names: tuple[str, ...]) -> list[str]:
    if len(args.operands) != len(names):
        shown = " ".join(names)
        raise UsageError(_("usage: {command}").format(
            command=f"kua keys {args.action}" + (f" {shown}" if shown else "")))
    return list(args.operands)


def _organizer_new(args: argparse.Namespace) -> None:
    _operands(args, ())
    if not args.out:
        raise UsageError(_("keys organizer-new needs --out KEYFILE"))
    out = Path(args.out)
    passphrase = _identity_passphrase(confirm=True) if args.protect else None
    recipient = bundles.new_organizer_identity(out, passphrase, classic=args.classic)
    if not passphrase:
        warn(_("WARNING: {out} is NOT protected by a passphrase. Anyone who copies it can open "
               "every bundle made for it. Keep it only on a device you trust, or make a "
               "protected one with --protect.").format(out=out))
    if print_json(args, {"id": str(recipient), "recipient": str(recipient), "out": str(out),
                         "protected": bool(passphrase), "post_quantum": recipient.post_quantum,
                         "needs_age": AGE_VERSION if recipient.post_quantum else None}):
        return
    say((_("Wrote an organizer identity to {out} (protected with a passphrase).") if passphrase
         else _("Wrote an organizer identity to {out} (not protected).")).format(out=out))
    if recipient.post_quantum:
        say(_("It is post-quantum (ML-KEM-768 + X25519): bundles made for it open with Kua or"
              " age {version} or later; an older age (Debian 13 ships 1.2) cannot open them"
              " (make a --classic key for it).").format(version=AGE_VERSION))
    else:
        say(_("It is classic X25519: any age opens bundles made for it, but a future quantum"
              " computer could too."))
    say(_("Give volunteers this recipient; they add it with: kua keys organizer-add NAME "
          "RECIPIENT"))
    say(str(recipient))


def cmd_keys(args: argparse.Namespace) -> None:
    """Organizer identities, the address book of recipients, the device key."""
    if args.action == "organizer-new":
        _organizer_new(args)
        return
    with opened(args) as vault:
        if args.action == "organizer-add":
            name, recipient = _operands(args, ("NAME", "age1…"))
            entry = bundles.add_organizer(vault, name, recipient)
            if not print_json(args, {"id": entry.name, "name": entry.name,
                                     "recipient": entry.recipient}):
                say(_("Added {name}: {recipient}").format(name=entry.name,
                      recipient=entry.recipient))
        elif args.action == "organizers":
            _operands(args, ())
            book = bundles.organizers(vault)
            if not print_json(args, [asdict(o) for o in book]):
                for o in book:
                    say(f"{o.name}  {o.recipient}")
        elif args.action == "organizer-rm":
            (name,) = _operands(args, ("NAME",))
            bundles.remove_organizer(vault, name)
            if not print_json(args, {"id": name, "removed": True}):
                say(_("Removed {name}").format(name=name))
        else:
            _operands(args, ())
            info = bundles.device_info(vault)
            if not print_json(args, {"fingerprint": info.fingerprint, "created_at": info.created_at,
                                     "public_key": base64.b64encode(info.public_key).decode()}):
                say(_("device key fingerprint: {fingerprint}").format(fingerprint=info.fingerprint))


def cmd_export(args: argparse.Namespace) -> None:
    """Write an encrypted bundle of testimonies or items for an organizer."""
    split = parse_size(args.split_size)
    consent = bundles.ConsentChoice(args.include_restricted, args.include_identifiable,
                                    args.include_unreviewed)
    with opened(args) as vault:
        report = bundles.export_bundle(vault, args.ids, Path(args.to), args.recipient,
                                       split_size=split, include=args.include, consent=consent,
                                       progress=progress_line())
    for note in report.notes:
        warn(note)
    if print_json(args, {"id": report.bundle_id, "folder": str(report.folder),
                         "parts": list(report.parts), "testimonies": list(report.testimonies),
                         "items": list(report.items), "bytes": report.media_bytes,
                         "encrypted_bytes": report.encrypted_bytes, "device": report.device,
                         "post_quantum": report.post_quantum, "notes": list(report.notes)}):
        return
    say(_("Wrote bundle-{bundle_id} to {folder}: {parts}, {items} ({size})").format(
        bundle_id=report.bundle_id, folder=report.folder, parts=_parts(len(report.parts)),
        items=_items_of(len(report.items), len(report.testimonies)),
        size=format_size(report.media_bytes)))
    say(_("signed by this device: {device}").format(device=report.device))
    if report.post_quantum:
        say(_("encrypted to a post-quantum key: the organizer opens it with Kua or age {version}"
              " or later").format(version=AGE_VERSION))
    say(_("testimonies marked exported: {join}").format(join=', '.join(report.testimonies)))
    say(report.bundle_id)


def _identities(args: argparse.Namespace):
    if not args.identity:
        raise UsageError(_("give the organizer key file with --identity KEYFILE"))
    return bundles.load_identities(Path(args.identity), _identity_passphrase)


def _import_json(report: ImportReport) -> dict:
    return {"id": report.bundle_id, "device": report.device, "created_at": report.created_at,
            "known_device": report.known_device, "nothing_new": report.nothing_new,
            "testimonies": [asdict(t) for t in report.testimonies],
            "items": [asdict(i) for i in report.items],
            "matches": [asdict(m) for m in report.matches]}


def cmd_import(args: argparse.Namespace) -> None:
    """Verify a bundle, then take what is new into the current vault."""
    identities = _identities(args)
    with opened(args) as vault:
        report = import_bundle(vault, Path(args.folder), identities, progress=progress_line())
    if print_json(args, _import_json(report)):
        return
    made = (_("bundle-{bundle_id}, made {created_at} by a device seen before: {device}")
            if report.known_device else
            _("bundle-{bundle_id}, made {created_at} by a device not seen before: {device}"))
    say(made.format(bundle_id=report.bundle_id, created_at=report.created_at,
                    device=report.device))
    for t in report.testimonies:
        if t.created:
            say(_("imported testimony {id} (was {source_id})").format(id=t.id,
                  source_id=t.source_id))
        elif t.id:
            say(_("testimony {source_id} was imported before as {id}").format(source_id=t.source_id,
                  id=t.id))
    new = sum(1 for i in report.items if i.new)
    say(ngettext("{n} new item, {known} already in the vault",
                 "{n} new items, {known} already in the vault", new).format(
        n=new, known=len(report.items) - new))
    for m in report.matches:
        say(_("possible match (not merged): {role} {person_id} of {testimony_id} and "
              "{other_role} {other_person_id} of {other_testimony_id}: {reason}").format(role=m.role,
              person_id=m.person_id,
              testimony_id=m.testimony_id,
              other_role=m.other_role,
              other_person_id=m.other_person_id,
              other_testimony_id=m.other_testimony_id,
              reason=m.reason))
    if report.receipt:
        say(_("wrote the receipt for the volunteer: {receipt}").format(receipt=report.receipt))
    else:
        warn(report.receipt_problem)
    say(_("nothing new: bundle-{bundle_id} is already in the vault").format(
        bundle_id=report.bundle_id) if report.nothing_new else report.bundle_id)


def cmd_receipt(args: argparse.Namespace) -> None:
    """Check an organizer's receipt; mark the items it confirms delivered."""
    with opened(args) as vault:
        report = receipts.check_receipt(vault, Path(args.file))
    if print_json(args, {"id": report.bundle_id, "received_at": report.received_at,
                         "organizer_device": report.organizer_device,
                         "items": list(report.items), "delivered": list(report.delivered),
                         "already": report.already}):
        return
    say(ngettext("bundle-{bundle_id}: received {received_at} by the organizer's device"
                 " {device}, its {n} item checked",
                 "bundle-{bundle_id}: received {received_at} by the organizer's device"
                 " {device}, every one of its {n} items checked", len(report.items)).format(
        bundle_id=report.bundle_id, received_at=report.received_at,
        device=report.organizer_device, n=len(report.items)))
    if report.already:
        say(_("this receipt was checked before: nothing new"))
    if report.delivered:
        say(_("delivered: {ids}").format(ids=", ".join(report.delivered)))
        say(_("erase them from this laptop with: kua rm --delivered"))
    say(report.bundle_id)


def rm_delivered(args: argparse.Namespace) -> None:
    """`kua rm --delivered [--yes]`: erase what an organizer's receipt confirmed, after asking."""
    with opened(args) as vault:
        found = receipts.delivered_testimonies(vault)
        chosen = [t for t in found if not t.kept_because]
        for t in found:
            if t.kept_because:
                warn(_("keeping {id}: {reason}").format(id=t.id, reason=t.kept_because))
        if not chosen:
            if not print_json(args, {"erased": [], "kept": [t.id for t in found]}):
                say(_("nothing to erase: no testimony is confirmed delivered"))
            return
        if not args.json:
            for t in chosen:
                say(ngettext("{id}  {title}  ({n} item)", "{id}  {title}  ({n} items)",
                             t.items).format(id=t.id, title=t.title, n=t.items))
        if not args.yes:
            _confirm(ngettext("Erase {n} delivered testimony from this vault for good?",
                              "Erase these {n} delivered testimonies from this vault for good?",
                              len(chosen)).format(n=len(chosen)))
        erased = receipts.erase_delivered(vault, chosen)
    if not print_json(args, {"erased": erased, "kept": [t.id for t in found if t.kept_because]}):
        say(ngettext("erased {n} delivered testimony", "erased {n} delivered testimonies",
                     len(erased)).format(n=len(erased)))


def _confirm(question: str) -> None:
    if not sys.stdin.isatty():
        raise UsageError(_("kua rm --delivered asks before erasing: give --yes to erase"
                           " without asking"))
    answer = input(f"{question} [y/N] ").strip().lower()
    if answer not in ("y", "yes"):
        raise Cancelled(_("nothing was erased"))


def cmd_verify_bundle(args: argparse.Namespace) -> None:
    """`kua verify --bundle DIR --identity KEYFILE`: parts, decryption, signature, hashes."""
    identities = _identities(args)
    try:
        report = bundles.verify_bundle(Path(args.bundle), identities, progress=progress_line())
    except KuaError as exc:
        print_json(args, {"ok": False, "problems": [str(exc)]})
        raise
    if print_json(args, {
            "ok": True, "id": report.bundle_id, "created_at": report.created_at,
            "device": report.device,
            "device_public_key": base64.b64encode(report.device_public_key).decode(),
            "parts": [{"name": n, "size": s} for n, s in report.parts], "note": report.note,
            "testimonies": list(report.testimonies), "items": [asdict(i) for i in report.items],
            "bytes": report.media_bytes, "problems": []}):
        return
    say(ngettext("bundle-{bundle_id}: {n} part, present and in order",
                 "bundle-{bundle_id}: {n} parts, all present and in order",
                 len(report.parts)).format(bundle_id=report.bundle_id, n=len(report.parts)))
    say(_("made {created_at}, signed by device {device}: signature ok").format(created_at=report.created_at,
          device=report.device))
    say(_("{items} ({size}): every size and SHA-256 matches").format(
        items=_items_of(len(report.items), len(report.testimonies)),
        size=format_size(report.media_bytes)))
    if not report.note:
        say(_("note: bundle-{bundle_id}.txt is missing (it only says how to open the bundle)").format(bundle_id=report.bundle_id))
    say(_("bundle ok"))


def register(add: Callable[[str, str], argparse.ArgumentParser]) -> dict[str, Handler]:
    """Declare `keys`, `export`, `receipt` and `import`; returns {name: handler}."""
    p = add("keys", "organizer identities, the address book of organizers, the device key")
    p.add_argument("action", choices=KEY_ACTIONS, metavar="ACTION",
                   help="organizer-new --out KEYFILE [--protect] [--classic] |"
                        " organizer-add NAME age1pq1…|age1… | organizers | organizer-rm NAME |"
                        " device")
    p.add_argument("operands", nargs="*", metavar="ARG")
    p.add_argument("--out", metavar="KEYFILE", help="organizer-new: where to write the identity")
    p.add_argument("--protect", action="store_true",
                   help=f"organizer-new: protect it with a passphrase (prompt or ${_IDENTITY_ENV})")
    p.add_argument("--classic", action="store_true",
                   help="organizer-new: an X25519 key (age1…) that any age opens, instead of the"
                        f" post-quantum default (age1pq1…, age {AGE_VERSION} or later)")

    p = add("export", "write an encrypted bundle of testimonies or items for an organizer")
    p.add_argument("ids", nargs="+", metavar="ID")
    p.add_argument("--to", required=True, metavar="DIR", help="a new or empty folder")
    p.add_argument("--recipient", action="append", required=True, metavar="age1…|NAME",
                   help="organizer's age recipient or address-book name (repeat for several)")
    p.add_argument("--split-size", default="2G", metavar="SIZE",
                   help="largest part, binary units: 512K, 100M, 2G (default 2G)")
    p.add_argument("--include", choices=bundles.INCLUDE, default="master",
                   help="which items of a testimony: master (originals), share, anonymized, all")
    p.add_argument("--include-restricted", action="store_true",
                   help="accepted for compatibility and ignored: a bundle is for organizers, so"
                        " restricted testimonies always go in")
    p.add_argument("--include-identifiable", action="store_true",
                   help="export identifiable items of testimonies whose consent is anonymous")
    p.add_argument("--include-unreviewed", action="store_true",
                   help="anonymous testimonies: also anonymized copies not marked with `kua review`")

    p = add("receipt", "check an organizer's receipt and mark what it confirms delivered")
    p.add_argument("file", metavar="FILE", help="receipt-<bundle id>.txt from the bundle folder")

    p = add("import", "verify a bundle, then take what is new into the vault")
    p.add_argument("folder", metavar="DIR")
    p.add_argument("--identity", required=True, metavar="KEYFILE",
                   help=f"the organizer's age identity (passphrase: prompt or ${_IDENTITY_ENV})")
    return {"keys": cmd_keys, "export": cmd_export, "import": cmd_import, "receipt": cmd_receipt}

