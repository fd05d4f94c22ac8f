"""Every string of the window is translated into Russian, placeholders intact, and shows."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest

from ui.translator import TRANSLATIONS, TsTranslator, read_ts

ROOT = Path(__file__).resolve().parents[2]
PLACEHOLDER = re.compile(r"\{[a-z_]*\}")


def _sources_in_code(tmp_path: Path) -> set[str]:
    """What pyside6-lupdate finds in ui/ today (into a scratch .ts)."""
    scratch = tmp_path / "scratch.ts"
    tool = Path(sys.executable).parent / "pyside6-lupdate"
    files = sorted(str(p) for p in (ROOT / "ui").rglob("*.py"))
    subprocess.run([str(tool), *files, "-ts", str(scratch)], check=True, capture_output=True)
    import xml.etree.ElementTree as ET
    return {m.findtext("source") for m in ET.parse(scratch).getroot().iter("message")}


def test_every_string_in_the_code_has_a_russian_translation(tmp_path):
    russian = read_ts(TRANSLATIONS / "kua_ru.ts")
    translated = {source for (_, source) in russian}
    missing = sorted(_sources_in_code(tmp_path) - translated)
    assert not missing, f"{len(missing)} strings without Russian (scripts/translations.py): {missing[:5]}"


@pytest.mark.parametrize("language", ["ru", "kk"])
def test_placeholders_survive_translation(language):
    for (context, source), text in read_ts(TRANSLATIONS / f"kua_{language}.ts").items():
        assert sorted(PLACEHOLDER.findall(source)) == sorted(PLACEHOLDER.findall(text)), \
            (context, source, text)


def test_the_unlock_screen_speaks_russian(existing_vault, ctx, qtbot, qapp):
    translator = TsTranslator.for_language("ru", qapp)
    qapp.installTranslator(translator)
    try:
        from ui.main_window import MainWindow
        window = MainWindow(ctx)
        qtbot.addWidget(window)
        window.show()
        texts = [window.unlock_screen.button.text(), window.unlock_screen.passphrase.placeholderText()]
        texts += [a.text() for a in window.actions_by_name.values()]
        assert all(re.search("[а-яА-Я]", t) for t in texts), texts
        window.close()
    finally:
        qapp.removeTranslator(translator)
