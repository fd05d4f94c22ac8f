#!/usr/bin/env python3
"""Save a picture of every screen of the desktop app, as a volunteer meets them.

    .venv/bin/python scripts/screenshots.py docs/screenshots            # 1366×768
    .venv/bin/python scripts/screenshots.py docs/screenshots/200 --scale 2
    .venv/bin/python scripts/screenshots.py docs/screenshots --lang all   # docs/screenshots/<lang>/

Runs offscreen on a new vault in a temporary folder (deleted at the end) with demo
testimonies, walking the same first session as tests/ui/test_flow.py, then the library,
sync, settings and lock screens. The window is 1366×768 logical pixels; at --scale 2
the pictures are 2732×1536. The README shows the main ones.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SIZE = (1366, 768)
DEMO = [  # title, consent, detained person's names, relation
    ("Appeal for my brother", "public", ("Erlan Tursynbekov", "Ерлан Тұрсынбеков"), "sister"),
    ("Mother asks for news", "restricted", ("Gulnar Kasymova", "گۈلنار قاسىموۋا"), "son"),
    ("Father detained in 2018", "anonymous", ("Nurlan Bayzhanov", "Нұрлан Байжанов"), "daughter"),
    ("Husband sentenced without trial", "public", ("Askar Zhumabek",), "wife"),
]


def main(argv: list[str] | None = None) -> int:
    """Walk the app and save the pictures into the given folder."""
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("out", type=Path)
    p.add_argument("--scale", type=float, default=1.0, help="QT_SCALE_FACTOR (2 for 200 %%)")
    p.add_argument("--lang", default="en",
                   help="a language code (kk, kk_Latn, ru, ug, zh, en) or 'all': the pictures "
                        "go into OUT/<lang>/ (OUT itself for English alone)")
    args = p.parse_args(argv)
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    os.environ["QT_SCALE_FACTOR"] = f"{args.scale:g}"
    sys.path.insert(0, str(ROOT))
    from core.i18n import LANGUAGES
    languages = list(LANGUAGES) if args.lang == "all" else [args.lang]
    for language in languages:
        out = args.out if languages == ["en"] else args.out / language
        out.mkdir(parents=True, exist_ok=True)
        with tempfile.TemporaryDirectory(prefix="kua-shots-") as work:
            os.environ["XDG_CONFIG_HOME"] = str(Path(work) / "config")
            walk(Path(work), out.resolve(), language)
    return 0


def walk(work: Path, out: Path, language: str = "en") -> None:
    """The session in `language`, saving a picture at each screen."""
    from app import bundles
    from app.session import KdfChoice
    from harness import ui_flow
    from ui.runtime.context import AppContext
    from ui.main import make_application
    from ui.main_window import MainWindow

    app = make_application()

    def wait(condition, timeout_ms: int) -> None:
        ui_flow.wait_for(app, condition, timeout_ms / 1000)

    def shot(name: str, widget) -> None:
        for _ in range(3):
            app.processEvents()
        widget.grab().save(str(out / f"{name}.png"))
        print(out / f"{name}.png")

    from app.settings import Preferences, save_preferences
    save_preferences(Preferences(language=language), work / "settings.json")
    ctx = AppContext(work / "vault", kdf=KdfChoice(8, 1), prefs_path=work / "settings.json")
    window = MainWindow(ctx)
    window.resize(*SIZE)
    window.show()
    ui_flow.first_run(window, wait, shot)
    tid = ui_flow.record(window, wait, shot, seconds=4.0)
    ui_flow.fill_form(window, wait, shot, "Appeal for my sister", ("Zhanargul Qasymqyzy",
                                                                   "Жанаргүл Қасымқызы"))
    ui_flow.play(window, wait, shot)
    ui_flow.transcode(window, wait, shot, tid)
    recipient = bundles.new_organizer_identity(work / "organizer.key", None)
    ui_flow.export(window, wait, shot, tid, str(recipient), work / "stick")
    add_demo(ctx, wait)
    library = window.library
    window.show_screen(library)
    ctx.catalogue_changed.emit("")
    wait(lambda: library.model.rowCount() == len(DEMO) + 1, 30_000)
    app.processEvents()
    wait(lambda: library.thumbnails.pending == 0, 30_000)
    shot("10-library", window)
    library.grid_button.click()
    shot("11-library-grid", window)
    library.list_button.click()
    library.search.setText("Baizhanov")
    wait(lambda: library.query == "Baizhanov", 30_000)
    shot("12-library-search", window)
    library.search.clear()
    window.actions_by_name["actionRecord"].trigger()
    wait(lambda: window.recorder.driver.latest_frame() is not None, 30_000)
    shot("13-recorder-ready", window)
    window.show_screen(library)
    sync = window.open_sync()
    checking = sync.tr("Checking the last sync…")  # in any language
    wait(lambda: sync.last_sync.text() not in ("", checking), 30_000)
    shot("14-sync", sync)
    sync.close()
    settings = window.open_settings()
    shot("15-settings", settings)
    settings.close()
    window.lock_now()
    window.unlock_screen.passphrase.setText("not my passphrase")
    window.unlock_screen.unlock()
    wait(lambda: window.unlock_screen.message.text() != "", 30_000)
    shot("16-unlock-wrong-passphrase", window)
    ctx.executor.shutdown()
    window.close()


def add_demo(ctx, wait) -> None:
    """A few more testimonies with names in several scripts (on the vault thread)."""
    from app.fields import apply_edits

    def make(vault) -> None:
        for title, consent, names, relation in DEMO:
            with vault.transaction():
                tid = vault.catalogue.create_testimony(title, consent)
            edits = [f"detained.1.name={names[0]}"] + [f"detained.1.name+={n}" for n in names[1:]]
            apply_edits(vault, tid, edits + [f"speaker.relation={relation}", "status=ready"])

    ctx.executor.submit(make)
    assert ctx.executor.wait_idle(60)


if __name__ == "__main__":
    sys.exit(main())
