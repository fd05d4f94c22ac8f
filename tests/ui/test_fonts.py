"""Uyghur and Chinese are drawn with real glyphs, never boxes (the setup installs Noto)."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from PySide6.QtGui import QFont, QFontDatabase, QFontMetrics

from core.i18n.catalogues import load

SAMPLES = {
    QFontDatabase.WritingSystem.Arabic: "ئۇيغۇرچە گۇۋاھلىق ئامبار ڭ ۆ ۈ ې",
    QFontDatabase.WritingSystem.SimplifiedChinese: "中文证词保险库恢复密钥组织者",
}


def _covers(family: str, text: str) -> bool:
    metrics = QFontMetrics(QFont(family))
    return all(metrics.inFontUcs4(ord(ch)) for ch in text if not ch.isspace())


def _translations(language: str) -> str:
    return "".join(load(language).strings())


@pytest.mark.parametrize("system, language", [
    (QFontDatabase.WritingSystem.Arabic, "ug"),
    (QFontDatabase.WritingSystem.SimplifiedChinese, "zh"),
])
def test_a_font_draws_every_letter_of_the_language(qapp, system, language):
    text = SAMPLES[system] + _translations(language)
    letters = {ch for ch in text if ch.isalpha()}
    text = "".join(sorted(letters))
    families = QFontDatabase.families(system)
    assert families, "no font for this script: run scripts/setup.sh (fonts-noto-core/-cjk)"
    assert any(_covers(f, text) for f in families), (language, families[:5])


def test_bundled_fonts_are_registered(qapp, tmp_path):
    from ui.runtime.fonts import add_bundled_fonts
    source = Path("/usr/share/fonts/truetype/noto/NotoNaskhArabic-Regular.ttf")
    if not source.is_file():
        pytest.skip("fonts-noto-core is not installed here")
    shutil.copy(source, tmp_path / "NotoNaskhArabic-Regular.ttf")
    assert "Noto Naskh Arabic" in add_bundled_fonts(tmp_path)
    assert add_bundled_fonts(tmp_path / "none") == []
