"""Fonts for every language: Uyghur's Arabic script must be shaped, Chinese must not be boxes.

On Linux the setup installs Noto (fonts-noto-core, fonts-noto-cjk) and Qt finds it
through fontconfig. A standalone build ships the font files in `ui/fonts/` (next to this
module, e.g. NotoNaskhArabic-Regular.ttf and NotoSansCJKsc-Regular.otf); `add_bundled_fonts`
registers whatever is there before the first window opens.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtGui import QFontDatabase

BUNDLED = Path(__file__).parent / "fonts"
FONT_FILES = ("*.ttf", "*.otf", "*.ttc")


def add_bundled_fonts(folder: Path = BUNDLED) -> list[str]:
    """Register the font files of `folder` with Qt; returns the families they add."""
    families: list[str] = []
    if not folder.is_dir():
        return families
    for pattern in FONT_FILES:
        for path in sorted(folder.glob(pattern)):
            font_id = QFontDatabase.addApplicationFont(str(path))
            if font_id >= 0:
                families += QFontDatabase.applicationFontFamilies(font_id)
    return families
