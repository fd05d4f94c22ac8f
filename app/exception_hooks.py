"""Hooks for exceptions nobody caught: they name the type, never the message.

An exception's message can hold a testimony's title, a person's name, a note or a
path inside the vault (a codec error quoting a file's tags, a `KeyError` of a name).
Python's default hooks print the message and a traceback with local source lines to
stderr, which ends up in terminal scrollback, `journalctl` or a bug report. The CLI
and the app install these instead, for every way an exception can go unhandled:
the main thread (`sys.excepthook`, also what PySide6 calls for an exception in a
slot), other threads (`threading.excepthook`) and exceptions Python can only report
(`sys.unraisablehook`: `__del__`, garbage collection). Each prints one line with the
exception's type. `KUA_DEBUG=1` restores Python's own hooks, for a developer.
"""

from __future__ import annotations

import os
import sys
import threading
from types import TracebackType

from core.i18n import N_, _


def debugging() -> bool:
    """Whether the developer asked for tracebacks (`KUA_DEBUG=1`)."""
    return bool(os.environ.get("KUA_DEBUG"))


def _translated(message: str) -> str:
    """`message` in the app's language; English if translating fails (a hook must not raise:
    Python would then print the original exception, message and all)."""
    try:
        return _(message)
    except Exception:  # noqa: BLE001 - see above
        return message


def _say(what: str) -> None:
    try:
        print(f"kua: {what}", file=sys.stderr, flush=True)
    except (OSError, ValueError):
        pass  # stderr closed: nothing more can be said


def _excepthook(kind: type[BaseException], value: BaseException,
                tb: TracebackType | None) -> None:
    if debugging():
        sys.__excepthook__(kind, value, tb)
    elif issubclass(kind, KeyboardInterrupt):
        _say(_translated(N_("interrupted")))
    else:
        _say(_translated(N_("unexpected error ({name}); run with KUA_DEBUG=1 for details"))
             .format(name=kind.__name__))


def _thread_hook(args: threading.ExceptHookArgs) -> None:
    if debugging():
        threading.__excepthook__(args)
    elif args.exc_type is not SystemExit:
        _say(_translated(N_("unexpected error in a background task ({name}); run with"
                            " KUA_DEBUG=1 for details")).format(name=args.exc_type.__name__))


def _unraisable_hook(unraisable: "sys.UnraisableHookArgs") -> None:
    if debugging():
        sys.__unraisablehook__(unraisable)
    else:
        _say(_translated(N_("unexpected error while cleaning up ({name})")).format(
            name=unraisable.exc_type.__name__))


def install() -> None:
    """Replace Python's hooks for unhandled exceptions (idempotent)."""
    sys.excepthook = _excepthook
    threading.excepthook = _thread_hook
    sys.unraisablehook = _unraisable_hook
