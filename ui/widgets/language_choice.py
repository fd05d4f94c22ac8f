"""The language list of the first-run screen and of Settings: each language by its own name."""

from __future__ import annotations

from PySide6.QtWidgets import QComboBox, QWidget

from core.i18n import LANGUAGE_NAMES, LANGUAGES

from ui.runtime.context import AppContext

# Not translated: a person who cannot read the current language still finds the word.
LANGUAGE_WORD = "Language · Тіл · Язык · تىل · 语言"


class LanguageChoice(QComboBox):
    """A combo box of Kua's languages; choosing one applies it at once and saves it."""

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.setObjectName("language")
        for code in LANGUAGES:
            self.addItem(LANGUAGE_NAMES[code], code)
        self.setCurrentIndex(max(0, self.findData(ctx.prefs.language)))
        self.currentIndexChanged.connect(self._chosen)

    def _chosen(self, _index: int) -> None:
        self.ctx.set_preferences(self.ctx.prefs.with_(language=self.currentData()))
