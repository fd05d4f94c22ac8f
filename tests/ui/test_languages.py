"""Every screen and dialog in every language: nothing blank where English shows a text,
the language chosen first on the first run, and switched live from Settings.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import QApplication

from app.session import KdfChoice
from core import i18n
from harness.vaults import new_vault
from tests.ui.conftest import SCREEN_SIZE
from tests.ui.screen_tour import first_run_tour, texts, workspace_tour

LANGUAGES = [code for code in i18n.LANGUAGES if code != "en"]
_english: dict[str, dict[str, str]] = {}


@pytest.fixture(autouse=True)
def _no_drives(monkeypatch):
    """The same (empty) drive list in every tour, whatever this machine has mounted."""
    monkeypatch.setattr("ui.runtime.drives.list_drives", lambda: [])
_fresh: dict[str, dict[str, dict[str, str]]] = {}  # language: the tour of a window built in it


def _settle(ctx, qapp) -> None:
    assert ctx.executor.wait_idle(30)
    for _ in range(3):
        qapp.processEvents()


def _window(tmp_path: Path, qtbot, language: str, with_vault: bool):
    from app.settings import Preferences, save_preferences
    from ui.runtime.context import AppContext
    from ui.main_window import MainWindow
    folder = tmp_path / f"{language}-{'vault' if with_vault else 'new'}"
    folder.mkdir(parents=True)
    prefs = folder / "settings.json"
    save_preferences(Preferences(language=language), prefs)
    testimony = ""
    if with_vault:
        vault = new_vault(folder / "vault")
        with vault.transaction():
            testimony = vault.catalogue.create_testimony("Appeal for my brother", "public")
        vault.close()
    ctx = AppContext(folder / "vault", kdf=KdfChoice(8, 1), prefs_path=prefs)
    window = MainWindow(ctx)
    qtbot.addWidget(window)
    window.resize(*SCREEN_SIZE)
    window.show()
    return ctx, window, testimony


def _tour(tmp_path, qtbot, qapp, language: str) -> dict[str, dict[str, str]]:
    """{step: texts} of the whole tour in `language` (a fresh window each)."""
    seen: dict[str, dict[str, str]] = {}
    ctx, window, _ = _window(tmp_path, qtbot, language, with_vault=False)
    for step in first_run_tour(window, qtbot):
        _settle(ctx, qapp)
        seen[step] = texts(qapp)
    window.close()
    ctx.executor.shutdown()
    ctx, window, testimony = _window(tmp_path, qtbot, language, with_vault=True)
    try:
        for step in workspace_tour(window, qtbot, testimony):
            _settle(ctx, qapp)
            seen[step] = texts(qapp)
    finally:
        window.lock_now()
        ctx.executor.wait_idle()
        window.close()
        ctx.executor.shutdown()
    return seen


def _english_tour(tmp_path, qtbot, qapp):
    if not _english:
        _english.update(_tour(tmp_path / "en-tour", qtbot, qapp, "en"))
    return _english


@pytest.mark.parametrize("language", LANGUAGES)
def test_nothing_is_blank_in_any_language(language, tmp_path, qtbot, qapp):
    english = _english_tour(tmp_path, qtbot, qapp)
    translated = _fresh[language] = _tour(tmp_path, qtbot, qapp, language)
    assert translated.keys() == english.keys()
    blank, missing = [], []
    for step, shown in english.items():
        for key, text in shown.items():
            if not text.strip():
                continue
            if key not in translated[step]:
                missing.append(f"{step}: {key}")
            elif not translated[step][key].strip():
                blank.append(f"{step}: {key} (English: {text!r})")
    assert not blank, f"{len(blank)} blank texts in {language}:\n" + "\n".join(blank[:30])
    assert not missing, f"{len(missing)} widgets missing in {language}:\n" + "\n".join(missing[:30])
    if language == "ug":
        assert QApplication.layoutDirection() == Qt.LayoutDirection.RightToLeft


def _blanks(english: dict[str, dict[str, str]], translated: dict[str, dict[str, str]]) -> list[str]:
    return [f"{step}: {key}" for step, shown in english.items() for key, text in shown.items()
            if text.strip() and not translated.get(step, {}).get(key, "").strip()]


def test_the_tour_sees_every_screen_and_would_see_a_blank(tmp_path, qtbot, qapp):
    english = _english_tour(tmp_path, qtbot, qapp)
    filled = {step: sum(1 for t in shown.values() if t.strip()) for step, shown in english.items()}
    assert list(filled) == ["first-run", "recovery-key", "unlock", "library", "form", "recorder",
                            "player", "jobs", "settings", "settings-organizers",
                            "change-passphrase", "export", "sync", "error"]
    assert all(n >= 5 for n in filled.values()), filled
    assert any(k.endswith("#header1") for k in english["library"]), "table headers are read"
    # The old bug: a translator answering "" for one button blanks it; the tour says which.
    from PySide6.QtCore import QTranslator

    class Blanking(QTranslator):
        def translate(self, context, source, disambiguation=None, n=-1):
            return "" if source == "Create the vault" else None  # None: ask the next one

    blanking = Blanking()
    qapp.installTranslator(blanking)
    ctx, window, _ = _window(tmp_path, qtbot, "ru", with_vault=False)
    _settle(ctx, qapp)
    try:
        found = _blanks({"first-run": english["first-run"]}, {"first-run": texts(qapp)})
    finally:
        qapp.removeTranslator(blanking)
    window.close()
    ctx.executor.shutdown()
    assert len(found) == 1 and "createVault#text" in found[0], found


def _switch(ctx, qapp, language: str) -> None:
    ctx.set_preferences(ctx.prefs.with_(language=language))
    for _ in range(3):
        qapp.processEvents()


def _plain(text: str) -> str:
    """`text` without what differs from one run to the next: ids, numbers."""
    return re.sub(r"\d+", "#", re.sub(r"\b[tm][0-9a-z]{7}\b", "ID", text))


def _stale(before: dict[str, str], after: dict[str, str], fresh: dict[str, str],
           fresh_english: dict[str, str]) -> list[str]:
    """Texts a live switch left as they were, where a window built in the language shows
    another text than a window built in English."""
    return [f"{key}: {before[key]!r} (built in the language: {fresh[key]!r})"
            for key in before
            if key in after and key in fresh and key in fresh_english and before[key].strip()
            and fresh[key].strip() and _plain(after[key]) == _plain(before[key])
            and _plain(fresh[key]) != _plain(fresh_english[key])]


@pytest.mark.parametrize("language", ["ru"])  # RTL live: test_uyghur_runs_right_to_left_...
def test_the_language_changes_live_on_every_screen(language, tmp_path, qtbot, qapp):
    """English, then Settings -> the language at each step: the same texts as a window
    built in that language; then back to English: the English texts again."""
    fresh = _fresh.get(language) or _tour(tmp_path / "fresh", qtbot, qapp, language)
    fresh_english = _english_tour(tmp_path, qtbot, qapp)
    ctx, window, testimony = _window(tmp_path, qtbot, "en", with_vault=True)
    problems = []
    try:
        for step in workspace_tour(window, qtbot, testimony):
            _settle(ctx, qapp)
            english = texts(qapp)
            _switch(ctx, qapp, language)
            _settle(ctx, qapp)
            problems += [f"{step}: {p}" for p in _stale(english, texts(qapp), fresh[step],
                                                         fresh_english[step])
                         if not (step == "error" and "qt_msgbox_label#text" in p)]
            # (an error's sentence is made in the language of the moment it happened: a
            # dialog already open keeps it; its title and button follow the switch)
            _switch(ctx, qapp, "en")
            _settle(ctx, qapp)
            back = texts(qapp)
            problems += [f"{step} (back to English): {k}: {back[k]!r}, was {english[k]!r}"
                         for k in english if k in back and english[k] and back[k]
                         and _plain(back[k]) != _plain(english[k])]
    finally:
        window.lock_now()
        ctx.executor.wait_idle()
        window.close()
        ctx.executor.shutdown()
    assert not problems, f"{len(problems)} texts missed by the live switch:\n" + "\n".join(problems[:40])


def test_uyghur_runs_right_to_left_with_pointing_icons_mirrored(unlocked, ctx, qtbot, qapp):
    from PySide6.QtGui import QImage
    record = unlocked.actions_by_name["actionRecord"]
    back = unlocked.player.back_button

    def image(icon) -> QImage:
        return icon.pixmap(32, 32).toImage().convertToFormat(QImage.Format.Format_ARGB32)

    def differ(a: QImage, b: QImage) -> int:
        return sum(a.pixel(x, y) != b.pixel(x, y) for x in range(32) for y in range(32))

    def points_the_other_way(now: QImage, before: QImage) -> bool:
        # the style may draw the mirrored size a little differently: nearer the mirror image
        return differ(now, before.flipped(Qt.Orientation.Horizontal)) * 2 < differ(now, before)

    before_play, before_back = image(record.icon()), image(back.icon())
    ctx.set_preferences(ctx.prefs.with_(language="ug"))
    assert qapp.layoutDirection() == Qt.LayoutDirection.RightToLeft
    assert unlocked.isRightToLeft() and unlocked.library.isRightToLeft()
    assert points_the_other_way(image(record.icon()), before_play)
    assert points_the_other_way(image(back.icon()), before_back)
    ctx.set_preferences(ctx.prefs.with_(language="zh"))
    assert qapp.layoutDirection() == Qt.LayoutDirection.LeftToRight
    assert image(record.icon()) == before_play


def test_first_run_asks_for_the_language_first_in_the_systems_language(tmp_path, qtbot, qapp,
                                                                        monkeypatch):
    from app.settings import load_preferences
    from ui.runtime.context import AppContext
    from ui.main_window import MainWindow
    monkeypatch.setenv("LANGUAGE", "ru_RU")
    prefs = tmp_path / "settings.json"  # none yet: a new volunteer
    ctx = AppContext(tmp_path / "vault", kdf=KdfChoice(8, 1), prefs_path=prefs)
    window = MainWindow(ctx)
    qtbot.addWidget(window)
    window.show()
    screen = window.first_run
    assert window.root.currentWidget() is screen
    assert screen.language.currentData() == "ru"
    assert screen.create_button.text() == QCoreApplication.translate("", "Create the vault") \
        != "Create the vault"
    # the language is the first thing on the page, above the welcome
    first = screen.language.mapTo(screen, screen.language.rect().topLeft()).y()
    assert all(first <= w.mapTo(screen, w.rect().topLeft()).y()
               for w in (screen.passphrase, screen.create_button, screen.folder))
    screen.language.setCurrentIndex(screen.language.findData("zh"))
    assert load_preferences(prefs).language == "zh" and i18n.current_language() == "zh"
    assert screen.create_button.text() == QCoreApplication.translate("", "Create the vault")
    window.close()
    ctx.executor.shutdown()


def test_every_string_the_tour_asked_for_is_in_the_catalogue(tmp_path, qtbot, qapp):
    """A string shown through tr() but missed by the extraction would stay English."""
    from core.i18n.catalogues import TEMPLATE, read_catalogue
    from ui.runtime.translator import translator
    _english_tour(tmp_path, qtbot, qapp)
    known = {m.id if isinstance(m.id, str) else m.id[0] for m in read_catalogue(TEMPLATE) if m.id}
    # Q*: Qt's own words; "": the live switch looking a shown text up again
    ours = {(c, s) for c, s in translator().asked if c and not c.startswith("Q")}
    assert len(ours) > 200
    missing = sorted(f"{c}: {s!r}" for c, s in ours if s not in known)
    assert not missing, "not extracted (scripts/translations.py):\n" + "\n".join(missing)


def test_uyghur_sentences_read_right_to_left_even_when_they_start_with_latin(qapp):
    from ui.runtime.translator import RLM, right_to_left_paragraph
    i18n.set_language("ug")
    try:
        assert right_to_left_paragraph("Kua غا خۇش كەلدىڭىز") == RLM + "Kua غا خۇش كەلدىڭىز"
        assert right_to_left_paragraph("{title} · ساقلاندى") == RLM + "{title} · ساقلاندى"
        assert right_to_left_paragraph("ساقلاندى Kua") == "ساقلاندى Kua"
        assert right_to_left_paragraph("0:04") == "0:04"
    finally:
        i18n.set_language("en")
    assert right_to_left_paragraph("Kua") == "Kua"  # left-to-right languages: untouched
