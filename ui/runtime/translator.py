"""Qt's `self.tr()` backed by Kua's gettext catalogues (core/i18n), and switching language live.

`self.tr("text")` and `QCoreApplication.translate("Ctx", "text")` look up "text" in the
current language's catalogue (the Qt context is not used: one msgid, one translation).
Counts: `self.tr("%n testimony", "%n testimonies", n)`; the second argument, Qt's
"disambiguation", carries the English plural, and the catalogue's plural rule picks the
form; Qt then puts the number in place of %n (%Ln: with the locale's digit grouping).
A string without a finished translation is shown in English, never empty.

`set_language()` switches the catalogues, Qt's own translations (OK, Cancel, file
dialogs), the layout direction (Uyghur is right to left) and the default QLocale, then
retranslates every open window in place (`retranslate_widgets`): each text that Kua's
translator handed out is looked up again in the new language. Texts that a screen
builds from pieces (`{n} of {total}`) are rebuilt by the screen's `retranslate()`, called
from its `changeEvent(LanguageChange)`.
"""

from __future__ import annotations

import unicodedata

from PySide6.QtCore import (QCoreApplication, QLibraryInfo, QLocale, QObject, Qt,
                            QTranslator)
from PySide6.QtGui import QAction
from PySide6.QtWidgets import (QAbstractButton, QAbstractItemView, QAbstractSpinBox,
                               QApplication, QComboBox, QGroupBox, QLabel, QLineEdit,
                               QPlainTextEdit, QSpinBox, QTabWidget, QTextEdit, QWidget)

from core import i18n
from core.i18n.catalogues import load

from ui.widgets.icons import refresh_icons

QT_LOCALES = {"en": "en", "kk": "kk_KZ", "kk_Latn": "kk_KZ", "ru": "ru_RU", "ug": "ug_CN",
              "zh": "zh_CN"}


class GettextTranslator(QTranslator):
    """A QTranslator that answers from the current core.i18n catalogue.

    It remembers what it handed out ({shown text: (source, plural, n)}) so that
    `retranslate_widgets` can find a widget's text again after the language changes.
    """

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.given: dict[str, tuple[str, str | None, int]] = {}
        self.asked: set[tuple[str, str]] = set()  # (context, source): tests check the catalogue

    def translate(self, context: str, source: str, disambiguation: str | None = None,
                  n: int = -1) -> str:  # noqa: ARG002 - Qt's signature
        """The translation of `source`, else `source` itself.

        Never "": Qt would show an empty string (that was the blank-label bug). Qt asks
        its own translations (qtbase, installed after this one) first, so returning the
        source does not hide Qt's words for OK or Cancel.
        """
        if not source:
            return ""
        self.asked.add((context, source))
        if n >= 0 and disambiguation:
            text = right_to_left_paragraph(i18n.ngettext(source, disambiguation, n))
            self.given[text.replace("%n", str(n))] = (source, disambiguation, n)
            self.given[text.replace("%Ln", QLocale().toString(n))] = (source, disambiguation, n)
            return text
        found = load(i18n.current_language()).lookup(source)
        text = right_to_left_paragraph(found) if found else source
        self.given[text] = (source, None, -1)
        return text

    def isEmpty(self) -> bool:  # noqa: N802 (Qt's name)
        """Never empty: plural forms need it even in English."""
        return False

    def again(self, shown: str) -> str | None:
        """`shown` (a text this translator gave out) in the current language, or None."""
        key = self.given.get(shown)
        if key is None:
            return None
        source, plural, n = key
        if plural is not None:
            return QCoreApplication.translate("", source, plural, n)
        return QCoreApplication.translate("", source)


RLM = "\u200f"  # RIGHT-TO-LEFT MARK


def right_to_left_paragraph(text: str) -> str:
    """In a right-to-left language, `text` made to read as a right-to-left paragraph.

    Qt takes a paragraph's direction from its first strong letter, so a Uyghur sentence
    that starts with "Kua" or "{title}" would be laid out left to right; an invisible
    RIGHT-TO-LEFT MARK in front fixes that.
    """
    if not i18n.is_right_to_left():
        return text
    for ch in text:
        kind = unicodedata.bidirectional(ch)
        if kind in ("R", "AL"):
            return text
        if kind == "L" or ch == "{":
            return RLM + text
    return text


_installed: list[QTranslator] = []


def translator() -> GettextTranslator | None:
    """Kua's installed translator, if any."""
    return next((t for t in _installed if isinstance(t, GettextTranslator)), None)


def set_language(app: QApplication, language: str) -> str:
    """Translate the app into `language` from now on (and the open windows, in place).

    Returns the code used ("en" for an unknown one).
    """
    code = i18n.set_language(language)
    ours = translator()
    for old in _installed:
        if old is not ours:
            app.removeTranslator(old)
    _installed[:] = [ours] if ours else []
    if ours is None:
        ours = GettextTranslator(app)
        app.installTranslator(ours)
        _installed.append(ours)
    qt = QTranslator(app)  # Qt's own words: OK, Cancel, file dialogs
    if code != "en" and qt.load(QLocale(QT_LOCALES[code]), "qtbase", "_",
                                QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)):
        app.installTranslator(qt)
        _installed.append(qt)
    QLocale.setDefault(QLocale(QT_LOCALES[code]))
    app.setLayoutDirection(Qt.LayoutDirection.RightToLeft if i18n.is_right_to_left(code)
                           else Qt.LayoutDirection.LeftToRight)
    retranslate_widgets(app)
    return code


# (getter, setter) pairs of the texts a widget shows.
def _texts(widget: QObject) -> list[tuple[callable, callable]]:
    pairs = []
    if isinstance(widget, QWidget):
        pairs.append((widget.toolTip, widget.setToolTip))
        if widget.isWindow():
            pairs.append((widget.windowTitle, widget.setWindowTitle))
    if isinstance(widget, (QLabel, QAbstractButton)):
        pairs.append((widget.text, widget.setText))
    if isinstance(widget, (QLineEdit, QPlainTextEdit, QTextEdit)):
        pairs.append((widget.placeholderText, widget.setPlaceholderText))
    if isinstance(widget, QGroupBox):
        pairs.append((widget.title, widget.setTitle))
    if isinstance(widget, QAbstractSpinBox):
        pairs.append((widget.specialValueText, widget.setSpecialValueText))
        if isinstance(widget, QSpinBox):
            pairs.append((widget.suffix, widget.setSuffix))
            pairs.append((widget.prefix, widget.setPrefix))
    if isinstance(widget, QTabWidget):
        for i in range(widget.count()):
            pairs.append((lambda i=i: widget.tabText(i), lambda t, i=i: widget.setTabText(i, t)))
            pairs.append((lambda i=i: widget.tabToolTip(i),
                          lambda t, i=i: widget.setTabToolTip(i, t)))
    if isinstance(widget, QComboBox):
        for i in range(widget.count()):
            pairs.append((lambda i=i: widget.itemText(i),
                          lambda t, i=i: widget.setItemText(i, t)))
    return pairs


def retranslate_widgets(app: QApplication) -> None:
    """Look every text of every open window up again in the current language.

    Then each widget with a `retranslate()` method rebuilds the texts it makes from
    pieces, and item views redraw (their models translate when asked for data).
    """
    ours = translator()
    if ours is None:
        return
    widgets = [w for top in app.topLevelWidgets() for w in [top, *top.findChildren(QWidget)]]
    for top in app.topLevelWidgets():
        for obj in [top, *top.findChildren(QWidget), *top.findChildren(QAction)]:
            if isinstance(obj, QAction):
                pairs = [(obj.text, obj.setText), (obj.toolTip, obj.setToolTip),
                         (obj.iconText, obj.setIconText)]
            else:
                pairs = _texts(obj)
            for get, put in pairs:
                shown = get()
                if shown:
                    new = ours.again(shown)
                    if new is not None and new != shown:
                        put(new)
    for top in app.topLevelWidgets():
        refresh_icons(top)
    for widget in widgets:
        hook = getattr(widget, "retranslate", None)
        if callable(hook):
            hook()
        if isinstance(widget, QAbstractItemView):
            model = widget.model()
            hook = getattr(model, "retranslate", None)
            if callable(hook):
                hook()
            widget.viewport().update()
