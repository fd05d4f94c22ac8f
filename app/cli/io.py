"""Shared by the command modules: printing, progress, JSON and opening the vault."""

from __future__ import annotations

import argparse
import sys
import time
from contextlib import contextmanager
from typing import Iterator

from core.i18n import _
from core.errors import Cancelled, UsageError
from core.work import Progress, ProgressFn, no_progress
from storage.vault import Vault

from app import damage, session
from app.cli import output


def say(text: str = "") -> None:
    """Print a line to stdout."""
    print(text)


def warn(text: str) -> None:
    """Print advice or a warning to stderr (stdout stays parseable)."""
    print(text, file=sys.stderr)


def progress_line(enabled: bool = True) -> ProgressFn:
    """A progress callback that keeps one refreshing line on a terminal's stderr."""
    if not enabled or not sys.stderr.isatty():
        return no_progress
    last = [0.0]

    def show(p: Progress) -> None:
        done, total = p.done, p.total or 0
        now = time.monotonic()
        if now - last[0] < 0.1 and done < total:
            return
        last[0] = now
        pct = f"{100 * done / total:5.1f}%" if total else ""
        end = "\n" if total and done >= total else ""
        print(f"\r{pct} {done / 1048576:8.1f} MiB", end=end, file=sys.stderr, flush=True)

    return show


def print_json(args: argparse.Namespace, data: object) -> bool:
    """With --json, print `data` as JSON and return True; else return False."""
    if args.json:
        # Lists can hold thousands of testimonies: compact; single objects: readable.
        print(output.dumps(data, indent=not isinstance(data, list)))
    return args.json


@contextmanager
def opened(args: argparse.Namespace, warnings: bool = True) -> Iterator[Vault]:
    """The unlocked vault of the command line's options, closed afterwards.

    What the unlock found (an older vault.db, unknown objects) is said on stderr,
    unless `warnings` is False (commands that report it themselves)."""
    path = session.vault_path(args.vault)
    passphrase = session.secret(args.passphrase_file, "KUA_PASSPHRASE")
    vault = session.open_vault(path, passphrase)
    try:
        for text in damage.unlock_warnings(vault) if warnings else ():
            warn(_("Warning: {text}").format(text=text))
        yield vault
    finally:
        vault.close()


def confirm(question: str) -> None:
    """Ask on the terminal; `Cancelled` unless the answer is yes (no terminal: use --yes)."""
    if not sys.stdin.isatty():
        raise UsageError(_("no terminal to confirm on: give --yes to go ahead"))
    answer = input(f"{question} [y/N] ").strip().lower()
    if answer not in ("y", "yes"):
        raise Cancelled()
