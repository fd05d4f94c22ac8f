"""Kazakh Cyrillic to the Kazakh Latin alphabet of 2021 (31 letters), for the kk_Latn catalogue.

The Latin catalogue is generated from the Cyrillic one, never typed twice. The table
follows the alphabet approved on 28 January 2021: ә ä, ғ ğ, қ q, ң ñ, ө ö, ұ ū,
ү ü, ш ş, ж j, ы y, і ı, и/й i, х/һ h, у u; the letters of Russian loanwords that the
alphabet lacks are spelled out (ц ts, ч ch, щ şş, ё io, ю iu, я ia; ъ and ь vanish).
Placeholders (`{name}`, `%n`, `%1`) and markup (`<b>`, `&amp;`) are left as they are.
"""

from __future__ import annotations

import re

LOWER: dict[str, str] = {
    "а": "a", "ә": "ä", "б": "b", "в": "v", "г": "g", "ғ": "ğ", "д": "d", "е": "e",
    "ё": "io", "ж": "j", "з": "z", "и": "i", "й": "i", "к": "k", "қ": "q", "л": "l",
    "м": "m", "н": "n", "ң": "ñ", "о": "o", "ө": "ö", "п": "p", "р": "r", "с": "s",
    "т": "t", "у": "u", "ұ": "ū", "ү": "ü", "ф": "f", "х": "h", "һ": "h", "ц": "ts",
    "ч": "ch", "ш": "ş", "щ": "şş", "ъ": "", "ы": "y", "і": "ı", "ь": "", "э": "e",
    "ю": "iu", "я": "ia",
}
# Capitals differ from str.upper() where the 2021 alphabet has dotted and dotless I.
UPPER: dict[str, str] = {c.upper(): v.upper() for c, v in LOWER.items()}
UPPER.update({"И": "İ", "Й": "İ", "І": "I"})

# Left untouched: {placeholders}, %n / %1 / %(name)s, <tags> and &entities;.
_PROTECTED = re.compile(r"\{[^{}]*\}|%\(\w+\)[sd]|%[nsd0-9]|<[^<>]*>|&\w+;")


def _letters(text: str) -> str:
    out = []
    for i, ch in enumerate(text):
        if ch in LOWER:
            out.append(LOWER[ch])
        elif ch in UPPER:
            latin = UPPER[ch]
            if len(latin) > 1:  # "Ч" -> "Ch" in a word, "CH" in a word written in capitals
                after = text[i + 1] if i + 1 < len(text) else ""
                before = text[i - 1] if i else ""
                shout = after.isupper() or (not after.isalpha() and before.isupper())
                latin = latin if shout else latin[0] + latin[1:].lower()
            out.append(latin)
        else:
            out.append(ch)
    return "".join(out)


def to_kazakh_latin(text: str) -> str:
    """`text` (Kazakh in Cyrillic) in the 2021 Kazakh Latin alphabet, placeholders kept."""
    out, start = [], 0
    for match in _PROTECTED.finditer(text):
        out.append(_letters(text[start:match.start()]))
        out.append(match.group())
        start = match.end()
    out.append(_letters(text[start:]))
    return "".join(out)
