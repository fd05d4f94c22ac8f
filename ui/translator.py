"""Kua's translations, read straight from the Qt Linguist `.ts` files in ui/translations/.

Why not compiled `.qm` files: PySide6's `self.tr()` looks strings up under the
*runtime* class name, so a string written in a base class and shown by a subclass
would miss its `.qm` entry. This translator finds a string by (context, source) and
falls back to the source alone. The `.ts` files stay the one source of truth, edited
with Qt Linguist or `scripts/translations.py`; no build step is needed.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from pathlib import Path

from PySide6.QtCore import QObject, QTranslator

TRANSLATIONS = Path(__file__).parent / "translations"


def read_ts(path: Path) -> dict[tuple[str, str], str]:
    """{(context, source): translation} for the finished entries of a `.ts` file."""
    found: dict[tuple[str, str], str] = {}
    for context in ET.parse(path).getroot().iter("context"):
        name = context.findtext("name") or ""
        for message in context.iter("message"):
            source = message.findtext("source") or ""
            node = message.find("translation")
            if node is None or node.get("type") in ("unfinished", "obsolete", "vanished"):
                continue
            if node.text:
                found[(name, source)] = node.text
    return found


class TsTranslator(QTranslator):
    """A QTranslator over one parsed `.ts` file."""

    def __init__(self, entries: dict[tuple[str, str], str], parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._exact = entries
        self._by_source = {source: text for (_, source), text in entries.items()}

    @classmethod
    def for_language(cls, language: str, parent: QObject | None = None) -> "TsTranslator | None":
        """The translator for `language` (e.g. "ru"), or None if Kua has no such file."""
        path = TRANSLATIONS / f"kua_{language}.ts"
        return cls(read_ts(path), parent) if path.is_file() else None

    def translate(self, context: str, source: str, disambiguation: str | None = None,
                  n: int = -1) -> str:  # noqa: ARG002 - Qt's signature
        """The translation of `source`, or "" to let Qt fall back to the source text."""
        return self._exact.get((context, source)) or self._by_source.get(source, "")

    def isEmpty(self) -> bool:  # noqa: N802 (Qt's name)
        """False when there is anything to translate."""
        return not self._exact
