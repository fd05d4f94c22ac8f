"""`kua gui` (also `kua` with no arguments): the desktop app.

PySide6 is imported only here, and only when the command runs, so every other
command works without a display and `app/` never imports Qt at module level.
"""

from __future__ import annotations

import argparse
import os
from typing import Callable

from core.i18n import _
from core.errors import UsageError

from app import session

Handler = Callable[[argparse.Namespace], None]


def has_display() -> bool:
    """Whether Qt has somewhere to draw (a display, Wayland, or a chosen platform)."""
    return any(os.environ.get(name) for name in ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM"))


def cmd_gui(args: argparse.Namespace) -> None:
    """Open the desktop app on the vault folder (created at first run)."""
    if not has_display():
        raise UsageError(_("no display to open the desktop app on (use the kua commands, or set "
                           "QT_QPA_PLATFORM=offscreen)"))
    from ui.main import run  # noqa: PLC0415 - lazy: Qt only for this command
    kdf = session.KdfChoice(getattr(args, "kdf_memory", None), getattr(args, "kdf_iterations", None))
    code = run(session.vault_path(args.vault), kdf, screenshot=getattr(args, "screenshot", None))
    if code:
        raise SystemExit(code)


def register(add: Callable[[str, str], argparse.ArgumentParser]) -> dict[str, Handler]:
    """Declare `gui`; returns {name: handler}."""
    p = add("gui", "open the desktop app (what `kua` with no arguments does)")
    p.add_argument("--kdf-memory", type=int, metavar="MIB", help=argparse.SUPPRESS)
    p.add_argument("--kdf-iterations", type=int, metavar="N", help=argparse.SUPPRESS)
    # Hidden: save a picture of the first screen and quit (proves a build can draw).
    p.add_argument("--screenshot", metavar="FILE", help=argparse.SUPPRESS)
    return {"gui": cmd_gui}
