"""Reading the `.po` catalogues into gettext translations, with English as the fallback.

A catalogue keeps only finished entries: not fuzzy, not empty, every plural form filled.
Anything else is left out, so gettext falls back to the English source text.
"""

from __future__ import annotations

import gettext as _gettext
import io
from functools import lru_cache
from pathlib import Path

from babel.messages.catalog import Catalog
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po

from core.i18n.kazakh_latin import to_kazakh_latin

PO_DIR = Path(__file__).parent / "po"
TEMPLATE = PO_DIR / "kua.pot"
# Languages with a catalogue of their own; kk_Latn is made from kk.
CATALOGUE_LANGUAGES = ("kk", "ru", "ug", "zh")
DERIVED = {"kk_Latn": ("kk", to_kazakh_latin)}


def po_path(language: str) -> Path:
    """The `.po` file of `language` (one of CATALOGUE_LANGUAGES)."""
    return PO_DIR / f"{language}.po"


def read_catalogue(path: Path) -> Catalog:
    """The Babel catalogue of a `.po` file."""
    with path.open("rb") as f:
        return read_po(f)


def finished(message) -> bool:
    """True if `message` (a Babel Message) has a usable translation."""
    if not message.id or message.fuzzy:
        return False
    if isinstance(message.string, (tuple, list)):
        return all(s for s in message.string)
    return bool(message.string)


class Catalogue:
    """The translations of one language; English when a string is missing."""

    def __init__(self, language: str, translations: _gettext.NullTranslations) -> None:
        self.language = language
        self._t = translations

    def gettext(self, message: str) -> str:
        """`message` translated, or `message` itself."""
        return self._t.gettext(message)

    def ngettext(self, singular: str, plural: str, n: int) -> str:
        """The translated form for the count `n`, or the English one."""
        return self._t.ngettext(singular, plural, n)

    def strings(self) -> list[str]:
        """Every finished translation (plural forms included)."""
        return [s for s in getattr(self._t, "_catalog", {}).values() if s]

    def lookup(self, message: str) -> str | None:
        """The finished translation of `message`, or None if there is none."""
        return getattr(self._t, "_catalog", {}).get(message)


def _translations(catalog: Catalog, convert=None) -> _gettext.NullTranslations:
    """GNU translations of the finished entries of `catalog` (converted by `convert`)."""
    kept = Catalog(locale=catalog.locale, domain=catalog.domain, charset="utf-8")
    # The header's own plural rule, as the translators wrote it (Babel keeps it privately).
    kept._num_plurals, kept._plural_expr = catalog.num_plurals, catalog.plural_expr
    for message in catalog:
        if not finished(message):
            continue
        string = message.string
        if convert is not None:
            string = (tuple(convert(s) for s in string) if isinstance(string, (tuple, list))
                      else convert(string))
        kept.add(message.id, string)
    buffer = io.BytesIO()
    write_mo(buffer, kept)
    buffer.seek(0)
    return _gettext.GNUTranslations(buffer)


@lru_cache(maxsize=None)
def load(language: str) -> Catalogue:
    """The catalogue of `language` ("en" and unknown codes: no translation at all)."""
    if language in DERIVED:
        source, convert = DERIVED[language]
        path = po_path(source)
        if path.is_file():
            return Catalogue(language, _translations(read_catalogue(path), convert))
    elif language in CATALOGUE_LANGUAGES and po_path(language).is_file():
        return Catalogue(language, _translations(read_catalogue(po_path(language))))
    return Catalogue(language, _gettext.NullTranslations())
