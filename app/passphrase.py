"""A rough passphrase strength estimate, and the one rule for new passphrases.

Entropy is estimated from the character classes used and the length, with repeats
and runs of one class discounted; a passphrase of several words scores by word count
too. It is a nudge for a volunteer, not a guarantee: Argon2 does the heavy lifting.
What the app's strength meter calls weak (`is_weak`) is what `kua init` and `kua
passwd` refuse (`require_strong`) unless `--weak-passphrase` is given.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from core.errors import WeakPassphrase

WEAK, FAIR, GOOD, STRONG = 1, 2, 3, 4
MIN_LENGTH = 10  # shorter than this is weak whatever it holds


@dataclass(frozen=True, slots=True)
class Strength:
    """Score 0 (empty) to 4 (strong), and the estimated entropy in bits."""

    score: int
    bits: float

    @property
    def acceptable(self) -> bool:
        """Whether the first-run screen lets the user go on with it."""
        return self.score >= FAIR


def _alphabet(text: str) -> int:
    size = 0
    if any(c.islower() and c.isascii() for c in text):
        size += 26
    if any(c.isupper() and c.isascii() for c in text):
        size += 26
    if any(c.isdigit() for c in text):
        size += 10
    if any(not c.isalnum() and c.isascii() for c in text):
        size += 33
    if any(not c.isascii() for c in text):
        size += 64  # Cyrillic, Arabic, Han…: a larger alphabet, counted modestly
    return max(size, 1)


def estimate(text: str) -> Strength:
    """Estimate how hard `text` is to guess."""
    if not text:
        return Strength(0, 0.0)
    distinct = len(set(text))
    # Repeated characters add little: count each beyond the distinct ones at a quarter.
    effective = distinct + (len(text) - distinct) * 0.25
    bits = effective * math.log2(_alphabet(text))
    words = [w for w in text.replace("-", " ").split() if len(w) >= 3]
    if len(words) >= 4:
        bits = max(bits, len(words) * 12.9)  # like diceware words, roughly
    if bits < 36 or len(text) < MIN_LENGTH:
        score = WEAK
    elif bits < 50:
        score = FAIR
    elif bits < 70:
        score = GOOD
    else:
        score = STRONG
    return Strength(score, bits)


def is_weak(text: str) -> bool:
    """Too easy to guess for a new passphrase: the meter says "Weak" (or it is empty)."""
    return not estimate(text).acceptable


def require_strong(text: str, allow_weak: bool = False) -> None:
    """Raise `WeakPassphrase` for a weak new passphrase, unless `allow_weak`."""
    if is_weak(text) and not allow_weak:
        raise WeakPassphrase()
