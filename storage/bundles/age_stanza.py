"""What every part of age v1 shares: the recipient stanza, strict base64, Bech32 key text
and `AgeError`.

Keys of both kinds (`age.py` for X25519, `age_pq.py` for the hybrid post-quantum ones)
make and open stanzas; the header (`age.py`) reads and writes them; none of them needs
another to do so.
"""

from __future__ import annotations

import base64
from dataclasses import dataclass
from typing import Protocol

from core.i18n import _
from storage.bundles import bech32

FILE_KEY_SIZE = 16


class AgeError(Exception):
    """The data is not valid age, or was altered (`str()` says how, in a few words)."""


def b64encode(data: bytes) -> bytes:
    """Canonical base64 without padding, as age writes it."""
    return base64.b64encode(data).rstrip(b"=")


def b64decode(text: bytes) -> bytes:
    """Strict, canonical, unpadded base64, as age requires; AgeError otherwise."""
    if b"=" in text or b"\r" in text or b"\n" in text:
        raise AgeError(_("malformed base64 in the header"))
    try:
        data = base64.b64decode(text + b"=" * (-len(text) % 4), validate=True)
    except ValueError:
        raise AgeError(_("malformed base64 in the header")) from None
    if b64encode(data) != text:
        raise AgeError(_("non-canonical base64 in the header"))
    return data


def decode_key(text: str, hrp: str, size: int, what: str) -> bytes:
    """The bytes of a Bech32 key with this HRP and size; AgeError otherwise.

    Recipients are written in lower case, identities (HRP `age-secret-key…`) in upper."""
    text = text.strip()
    decoded = bech32.decode(text)
    if decoded is None or decoded[0] != hrp or len(decoded[1]) != size:
        raise AgeError(_("not an age {what}").format(what=what))
    identity = hrp.startswith("age-secret-key")
    if text != (text.upper() if identity else text.lower()):
        raise AgeError(_("an age identity is written in upper case") if identity
                       else _("an age recipient is written in lower case"))
    return decoded[1]


@dataclass(frozen=True, slots=True)
class Stanza:
    """One recipient stanza of a header: type, arguments and body."""

    type: bytes
    args: tuple[bytes, ...]
    body: bytes

    def encode(self) -> bytes:
        """The stanza as header lines (body wrapped at 64 columns, last line short)."""
        text = b64encode(self.body)
        lines = [text[i:i + 64] for i in range(0, len(text), 64)]
        if not lines or len(lines[-1]) == 64:
            lines.append(b"")
        return b"-> " + b" ".join((self.type, *self.args)) + b"\n" + b"".join(
            line + b"\n" for line in lines)


class StanzaOpener(Protocol):
    """An identity of either kind, as a header sees it: it opens the stanzas meant for it."""

    def unwrap(self, stanza: Stanza) -> bytes | None:
        """The file key if this identity opens `stanza`; None if it is not for it."""
        ...
