"""Cross-script, spelling-tolerant search keys for names and free text.

The same person is written "Байжанов", "Bayzhanov", "Baizhanov" and
"Bajzhanov"; "ئابدۇرېھىم" and "Abdurehim"; "王伟" and "Wang Wei". Every word is
reduced to a *phonetic key* in two steps, and the FTS5 index stores the keys,
never the words themselves.

1. `to_latin`: lowercase ASCII with script-specific tables (after NFKC, which
   also turns Arabic presentation forms into plain letters):
   - Kazakh/Russian Cyrillic as in passports: ж zh, х kh, ц ts, ч ch, ш sh,
     й/ы y, ю yu, я ya, ә a, ғ gh, қ q, ң ng, ө o, ұ/ү u, һ h, і i.
   - Uyghur Arabic (ULY; also the Arabic-script Kazakh of Xinjiang, roughly):
     ئ is a silent vowel carrier, ە e, ې e, ۇ u, ۆ o, ۈ u, ۋ w, ڭ ng, غ gh,
     خ kh, ژ zh, چ ch, ش sh, ھ h, ى i, ي y.
   - Kazakh/Turkic Latin letters are spelled out as digraphs (ş sh, ç ch,
     ğ gh, ñ ng, ž zh ...) so they meet the informal ASCII spellings.
   - Han: pypinyin without tones, one syllable each ("王伟" -> "wang wei").
   - Anything else: anyascii.
2. `phonetic_key`: fold that spelling, word by word, in this order:
   - j or w after a vowel and not before one is a glide (й, у): a vowel.
     "Bajzhanov" = "Bayzhanov", "Dawlet" = "Daulet".
   - Digraphs: shch/sh -> x (ш keeps its own letter: Sholpan is not Solpan,
     and ş/ш/sh are written consistently in every scheme); zh, dzh, dj, j -> j
     (Kazakh Latin writes ж as J: Janar = Zhanar); kh, q, x, h -> k (Maksutkhan
     = Maksutkan; official Kazakh Latin writes х as h: Mahabbat = Makhabbat;
     ULY writes خ as x); gh -> g; ch, ts -> c; ng -> n (ң is n in passports,
     ñ in Kazakh Latin, ng informally), swallowing a following g/gh/h
     (ңғ: Mañğystau = Mangystau, нғ: Zhanghali = Zhangali); w -> v.
   - Vowels (a e i o u y, after the steps above) vanish into classes: a run of
     vowels becomes one letter, so y/i before a vowel fold away too
     (Yerzhan = Erzhan, Aliya = Alia). The FIRST vowel run of the word keeps
     one bit, rounded (o/u -> "o") or not (-> "a"), ignoring a leading y/i
     glide: Marat is not Murat, Li is not Liu, but Bolat = Bulat. Every later
     run is "a": Turganbay = Turgunbay, Muhammet = Muhemmet.
   - Repeated letters collapse: Kassymov = Kasymov.
   So keys use the letters a o b c d f g j k l m n p r s t v x z and digits.
   Known over-matches (accepted: a person reviews the results, a miss is
   worse than an extra hit): Gulnar = Gulnur, Zhang = Jiang, Wang = Wan.

Search does a prefix match ("key"*) of each query key, AND-ed across words.
Keys are built left to right, so a typed prefix of a name usually yields a
prefix of the indexed key ("Qas" finds "Қасымов"); a prefix cut inside a
digraph ("Bayz" for "Bayzhanov") does not.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from functools import lru_cache

from anyascii import anyascii

# Kazakh and Russian Cyrillic (lowercase; plus a few Uzbek/Tatar/Ukrainian letters).
CYRILLIC: dict[str, str] = {
    "а": "a", "б": "b", "в": "v", "г": "g", "д": "d", "е": "e", "ё": "yo",
    "ж": "zh", "з": "z", "и": "i", "й": "y", "к": "k", "л": "l", "м": "m",
    "н": "n", "о": "o", "п": "p", "р": "r", "с": "s", "т": "t", "у": "u",
    "ф": "f", "х": "kh", "ц": "ts", "ч": "ch", "ш": "sh", "щ": "shch", "ъ": "",
    "ы": "y", "ь": "", "э": "e", "ю": "yu", "я": "ya",
    "ә": "a", "ғ": "gh", "қ": "q", "ң": "ng", "ө": "o", "ұ": "u", "ү": "u",
    "һ": "h", "і": "i",
    "ў": "u", "ҳ": "h", "җ": "zh", "ї": "yi", "є": "ye", "ґ": "g",
}

# Uyghur Arabic script (ULY values, made ASCII), Kazakh-Arabic extras, Arabic letters.
ARABIC: dict[str, str] = {
    "ا": "a", "ە": "e", "ب": "b", "پ": "p", "ت": "t", "ج": "j", "چ": "ch",
    "خ": "kh", "د": "d", "ر": "r", "ز": "z", "ژ": "zh", "س": "s", "ش": "sh",
    "غ": "gh", "ف": "f", "ق": "q", "ك": "k", "ک": "k", "گ": "g", "ڭ": "ng",
    "ل": "l", "م": "m", "ن": "n", "ھ": "h", "ه": "h", "و": "o", "ۇ": "u",
    "ۆ": "o", "ۈ": "u", "ۋ": "w", "ې": "e", "ى": "i", "ي": "y", "ی": "y",
    "ئ": "", "ء": "", "ٴ": "", "ـ": "",
    "ٵ": "a", "ٶ": "o", "ٷ": "u", "أ": "a", "إ": "i", "آ": "a", "ؤ": "u",
    "ة": "a", "ث": "s", "ح": "h", "ذ": "z", "ص": "s", "ض": "z", "ط": "t",
    "ظ": "z", "ع": "",
    **{chr(c): "" for c in range(0x064B, 0x0660)}, "\u0670": "",  # harakat
}

# Latin letters that anyascii would flatten too far (ş -> s would lose "sh").
LATIN: dict[str, str] = {
    "ş": "sh", "ç": "ch", "ğ": "gh", "ñ": "ng", "ń": "ng", "ŋ": "ng", "ǵ": "gh",
    "š": "sh", "č": "ch", "ž": "zh", "ı": "i", "ä": "a", "ö": "o", "ü": "u",
    "ū": "u", "ë": "e",
}

# Consonant spellings -> key letter. Longest first; every other letter maps to itself.
CONSONANTS: dict[str, str] = {
    "shch": "x", "dzh": "j", "zh": "j", "dj": "j", "kh": "k", "gh": "g",
    "sh": "x", "ch": "c", "ts": "c", "nggh": "n", "ngg": "n", "ngh": "n", "ng": "n",
    "q": "k", "x": "k", "h": "k", "w": "v",
}

VOWELS = "aeiouy"
_TABLE = str.maketrans({**CYRILLIC, **ARABIC, **LATIN})
_HAN = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0003134f"
_HAN_RUN = re.compile(f"[{_HAN}]+")
_GLIDE = re.compile(f"(?<=[{VOWELS}])[jw](?![{VOWELS}])")
_TOKEN = re.compile(f"[{VOWELS}]+|" + "|".join(sorted(CONSONANTS, key=len, reverse=True)) + "|.")
_APOSTROPHES = "'’ʼʻ`\u200c\u200d"  # dropped inside a word: O'zbek, mes'ul
_HAN_WINDOW = 8  # syllables per joined Han key (see index_terms)


def _is_han(ch: str) -> bool:
    return _HAN_RUN.match(ch) is not None


@lru_cache(maxsize=1)
def _lazy_pinyin():  # pypinyin takes ~0.2 s to import: only when Han text appears
    from pypinyin import lazy_pinyin

    return lazy_pinyin


def _syllables(han: str) -> list[str]:
    """ASCII pinyin syllables of a run of Han characters, without tones."""
    return [anyascii(s).lower() for s in _lazy_pinyin()(han, v_to_u=True)]


def words(text: str) -> list[str]:
    """Split text into words: runs of letters, digits and marks of any script.

    Each run of Han characters is one word; an apostrophe between two letters
    ("O'zbek", ULY "mes'ul") is dropped and the halves joined.
    """
    text = unicodedata.normalize("NFKC", text)
    found: list[str] = []
    current, current_han = "", False
    for i, ch in enumerate(text):
        han = _is_han(ch)
        if not han and unicodedata.category(ch)[0] not in "LNM":
            nxt = text[i + 1 : i + 2]
            if (ch in _APOSTROPHES and current and not current_han and nxt
                    and unicodedata.category(nxt)[0] == "L" and not _is_han(nxt)):
                continue
            if current:
                found.append(current)
            current = ""
            continue
        if current and han != current_han:
            found.append(current)
            current = ""
        current += ch
        current_han = han
    if current:
        found.append(current)
    return found


def to_latin(text: str) -> str:
    """Return the lowercase ASCII transliteration of text, script by script."""
    text = unicodedata.normalize("NFKC", text).lower()
    parts: list[str] = []
    pos = 0
    for m in _HAN_RUN.finditer(text):
        parts.append(anyascii(text[pos : m.start()].translate(_TABLE)))
        pinyin = " ".join(_syllables(m.group()))
        if m.start() > 0 and text[m.start() - 1].isalnum():
            pinyin = " " + pinyin
        if text[m.end() : m.end() + 1].isalnum():
            pinyin += " "
        parts.append(pinyin)
        pos = m.end()
    parts.append(anyascii(text[pos:].translate(_TABLE)))
    return "".join(parts).lower()


def _fold(latin: str) -> str:
    """Fold a lowercase ASCII spelling into its phonetic key (rules above)."""
    s = re.sub(r"[^a-z0-9]", "", latin)
    if not re.search("[a-z]", s):
        return ""
    s = _GLIDE.sub(lambda m: "y" if m.group() == "j" else "u", s)
    out: list[str] = []
    first_vowel = True
    for token in _TOKEN.findall(s):
        if token[0] in VOWELS:
            core = token.lstrip("yi") or token  # "yu" -> "u", "ye" -> "e"
            out.append("o" if first_vowel and core[0] in "ou" else "a")
            first_vowel = False
        else:
            out.append(CONSONANTS.get(token, token))
    return re.sub(r"(.)\1+", r"\1", "".join(out))


@lru_cache(maxsize=65536)
def phonetic_key(word: str) -> str:
    """Return the folded search key of ONE word in any script ("" if it has no letters)."""
    return _fold(to_latin(word))


def _dedupe(keys: list[str]) -> list[str]:
    return [k for k in dict.fromkeys(keys) if k]


def _han_windows(han: str, size: int) -> list[str]:
    """Joined keys of the syllables of a Han run, one per `size`-syllable window."""
    syl = _syllables(han)
    return [_fold("".join(syl[i : i + size])) for i in range(len(syl))]


def index_terms(text: str) -> list[str]:
    """Return every phonetic key to store in the FTS index for text, deduplicated.

    One key per word. A Han run adds one key per syllable, and the joined key
    of the run ("王伟" -> wang, wei, wangwei); the joined key is also stored
    from every later syllable on, at most 8 syllables long, so that a query
    for a name inside a longer run ("乌鲁木齐" in "在乌鲁木齐") matches by prefix.
    """
    keys: list[str] = []
    for word in words(text):
        if _is_han(word[0]):
            keys += [_fold(s) for s in _syllables(word)]
            keys += _han_windows(word, _HAN_WINDOW)
        else:
            keys.append(phonetic_key(word))
    return _dedupe(keys)


def query_terms(text: str) -> list[str]:
    """Return the phonetic keys of a search-box query: one per word, to prefix-match.

    A Han run gives its joined key (cut every 8 syllables, matching the
    windows stored by `index_terms`).
    """
    keys: list[str] = []
    for word in words(text):
        if _is_han(word[0]):
            keys += _han_windows(word, _HAN_WINDOW)[::_HAN_WINDOW]
        else:
            keys.append(phonetic_key(word))
    return _dedupe(keys)


def _script(ch: str) -> str:
    if _is_han(ch):
        return "han"
    name = unicodedata.name(ch, "").split(" ")[0]
    return {"LATIN": "latin", "CYRILLIC": "cyrillic", "ARABIC": "arabic"}.get(name, "other")


def detect_script(text: str) -> str:
    """Return the dominant script of the letters in text.

    One of "cyrillic", "latin", "han", "arabic", "other"; "other" if no letters.
    Ties go to the script whose letter comes first.
    """
    counts = Counter(_script(ch) for ch in unicodedata.normalize("NFKC", text) if ch.isalpha())
    return counts.most_common(1)[0][0] if counts else "other"
