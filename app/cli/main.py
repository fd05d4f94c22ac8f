"""The `kua` command line: one `main()`, typed errors, one-line messages.

Global options (`--vault`, `--passphrase-file`, `--json`) work before or after the
subcommand. Every error a person can meet is a `KuaError`: its message is printed on
one line to stderr and its exit code returned; nothing else (no traceback) is shown,
because a traceback can carry paths or values that must not reach a terminal log.
"""

from __future__ import annotations

import argparse
import sys

from core import platform
from core.i18n import _, set_language, system_language
from storage.db import mapped_errors
from core.errors import KuaError

from app import exception_hooks
from app.cli import vault as commands
from app.cli import bundles as commands_bundles
from app.cli import gui as commands_gui
from app.cli import publish as commands_publish
from app.cli import record as commands_record
from app.cli import sync as commands_sync
from app.cli import transcode as commands_transcode

# Each module's register(add) declares its subcommands and returns {name: handler}.
COMMAND_MODULES = (commands, commands_record, commands_bundles, commands_sync,
                   commands_transcode, commands_gui, commands_publish)

EXIT_INTERRUPTED = 130
EXIT_INTERNAL = 70


def _global_options() -> argparse.ArgumentParser:
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument("--vault", metavar="DIR", default=argparse.SUPPRESS,
                        help="vault folder (default: $KUA_VAULT, else ~/.local/share/kua/vault)")
    common.add_argument("--passphrase-file", metavar="F", default=argparse.SUPPRESS,
                        help="read the passphrase from this file (else $KUA_PASSPHRASE or a prompt)")
    common.add_argument("--json", action="store_true", default=argparse.SUPPRESS,
                        help="print machine-readable JSON")
    return common


def build_parser() -> argparse.ArgumentParser:
    """The argument parser for every subcommand."""
    common = _global_options()
    parser = argparse.ArgumentParser(
        prog="kua", parents=[common],
        description="Kua: record, keep and hand over video testimonies, encrypted.")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")

    def add(name: str, help_text: str) -> argparse.ArgumentParser:
        return sub.add_parser(name, parents=[common], help=help_text, description=help_text)

    for module in COMMAND_MODULES:
        for name, handler in module.register(add).items():
            sub.choices[name].set_defaults(handler=handler)
    return parser


def main(argv: list[str] | None = None) -> int:
    """Run `kua` with `argv`; returns the exit code (also used by the console script)."""
    platform.harden_process()  # no core dumps, not dumpable: keys and frames stay in memory
    exception_hooks.install()  # nothing unhandled prints its message, in any thread
    set_language(system_language())  # LANGUAGE, LC_ALL, LC_MESSAGES or LANG: kk, kk@latin, ru, ug, zh
    parser = build_parser()
    args = parser.parse_args(argv)
    if args.command is None:
        if not commands_gui.has_display():
            parser.print_help()
            return 0
        args = parser.parse_args(["gui", *(argv if argv is not None else sys.argv[1:])])
    for name, default in (("vault", None), ("passphrase_file", None), ("json", False)):
        if not hasattr(args, name):
            setattr(args, name, default)
    try:
        with mapped_errors():  # a damaged catalogue page can surface in any query
            args.handler(args)
        return 0
    except KuaError as exc:
        print(f"kua: {exc}", file=sys.stderr)
        return exc.exit_code
    except KeyboardInterrupt:
        print("kua: " + _("interrupted"), file=sys.stderr)
        return EXIT_INTERRUPTED
    except BrokenPipeError:
        return 0
    except Exception as exc:  # noqa: BLE001 - the last line of defence, see module doc
        if exception_hooks.debugging():
            raise
        print("kua: " + _("unexpected error ({name}); run with KUA_DEBUG=1 for details").format(
            name=type(exc).__name__), file=sys.stderr)
        return EXIT_INTERNAL


if __name__ == "__main__":
    sys.exit(main())
