"""Short, stable, unique ids: a kind letter and 7 Crockford base32 characters.

`t…` testimonies, `m…` media items, `p…` people, `j…` jobs. 35 random bits each,
checked for collisions on insert; lower case, no ambiguous letters (i, l, o, u).
"""

from __future__ import annotations

import secrets

ALPHABET = "0123456789abcdefghjkmnpqrstvwxyz"
TESTIMONY, ITEM, PERSON, JOB = "t", "m", "p", "j"


def new_id(kind: str) -> str:
    """A new random id of the given kind letter."""
    return kind + "".join(secrets.choice(ALPHABET) for _ in range(7))


_ALIASES = str.maketrans({"o": "0", "i": "1", "l": "1", "u": "v"})


def normalize(text: str) -> str:
    """An id as a person might type it (any case, o for 0...) in canonical form."""
    text = text.strip().lower()
    return text[:1] + text[1:].translate(_ALIASES)


def kind_of(item_id: str) -> str:
    """The kind letter of an id."""
    return item_id[:1]
