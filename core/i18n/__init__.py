"""Kua's languages: one set of gettext catalogues for the app and the `kua` command line.

The catalogues are the `.po` files in `core/i18n/po/` (one per language, made from
`kua.pot` by `scripts/translations.py`); they are read directly at run time, so there is
no compiled `.mo` file to go stale. Kazakh in Latin script (`kk_Latn`) is generated from
the Cyrillic catalogue (`kazakh_latin.py`). A string without a finished translation comes
back in English, never empty.

Services mark their messages with `_()` (translated when the message is made, in the
language of the process) and `ngettext()` for counts; constants that are translated
later are marked with `N_()`. The GUI's `self.tr()` goes through the same catalogues
(ui/runtime/translator.py). `set_language()` switches both at once.
"""

from __future__ import annotations

import os

from core.i18n.catalogues import Catalogue, load

LANGUAGES = ("en", "kk", "kk_Latn", "ru", "ug", "zh")
# Each language by its own name: whoever reads the list finds theirs.
LANGUAGE_NAMES = {
    "en": "English",
    "kk": "Қазақша",
    "kk_Latn": "Qazaqşa (latyn)",
    "ru": "Русский",
    "ug": "ئۇيغۇرچە",
    "zh": "中文（简体）",
}
RIGHT_TO_LEFT = frozenset({"ug"})

_current: Catalogue = load("en")


def normalize(tag: str | None) -> str | None:
    """Kua's code for a locale or language tag ("kk_KZ.UTF-8@latin" -> "kk_Latn"), or None."""
    if not tag:
        return None
    tag = tag.strip()
    modifier = ""
    if "@" in tag:
        tag, modifier = tag.split("@", 1)
    tag = tag.split(".", 1)[0].replace("-", "_")
    parts = tag.split("_")
    language = parts[0].lower()
    if language in ("c", "posix"):
        return "en"
    if language == "kk":
        latin = modifier.lower() == "latin" or any(p.lower() == "latn" for p in parts[1:])
        return "kk_Latn" if latin else "kk"
    return language if language in LANGUAGES else None


def system_language(environ: dict[str, str] | None = None) -> str:
    """The language the environment asks for (LANGUAGE, LC_ALL, LC_MESSAGES, LANG), else "en"."""
    env = os.environ if environ is None else environ
    for name in ("LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG"):
        value = env.get(name, "")
        for tag in value.split(":"):
            code = normalize(tag)
            if code:
                return code
    return "en"


def set_language(language: str) -> str:
    """Translate from now on into `language` (unknown codes mean English); returns the code used."""
    global _current
    code = normalize(language) or "en"
    if code != _current.language:
        _current = load(code)
    return code


def current_language() -> str:
    """The code of the language messages are translated into now."""
    return _current.language


def is_right_to_left(language: str | None = None) -> bool:
    """Whether `language` (default: the current one) is written right to left."""
    return (language or _current.language) in RIGHT_TO_LEFT


def _(message: str) -> str:
    """`message` in the current language (English if it has no finished translation)."""
    return _current.gettext(message)


def ngettext(singular: str, plural: str, n: int) -> str:
    """The form of `singular`/`plural` for the count `n` in the current language."""
    return _current.ngettext(singular, plural, n)


def N_(message: str) -> str:  # noqa: N802 - the gettext convention
    """Mark `message` for extraction only; translate it later with `_()`."""
    return message


gettext = _

__all__ = ["LANGUAGES", "LANGUAGE_NAMES", "N_", "_", "current_language", "gettext",
           "is_right_to_left", "ngettext", "normalize", "set_language", "system_language"]
