"""age's ASCII armor, read strictly (C2SP age, "ASCII armor"; RFC 7468's strict PEM).

Armor is malleable unless the reader refuses everything but one encoding, so this
one accepts only: optional whitespace lines before the block, the exact BEGIN
line, lines of canonical padded base64 (64 columns, the last shorter, no blank
line, no spaces), the exact END line right after the short (or a full) last
line, and whitespace after it. Lines may end in LF or CRLF. Anything else is an
`ArmorError`, as the reference implementation and the CCTV vectors require.
"""

from __future__ import annotations

import base64
import binascii

from core.i18n import _

from storage.bundles.age import ARMOR_BEGIN, ARMOR_END
from storage.bundles.age_stanza import AgeError

COLUMNS = 64
BYTES_PER_LINE = COLUMNS // 4 * 3
MAX_WHITESPACE = 1024  # before or after the block, as the reference reader allows


class ArmorError(AgeError):
    """The ASCII armor is not the one strict encoding age accepts."""


def _lines(data: bytes) -> list[bytes]:
    """Lines without their LF, and one CR before it if there is one."""
    lines = data.split(b"\n")
    if lines and lines[-1] == b"":
        lines.pop()  # the file ended with a newline
    return [line[:-1] if line.endswith(b"\r") else line for line in lines]


def dearmor(data: bytes) -> bytes:
    """The binary age file inside ASCII armor (or `data` itself if it is not armored)."""
    return unarmor(data) if data.lstrip().startswith(ARMOR_BEGIN) else data


def unarmor(data: bytes) -> bytes:
    """The binary age file inside ASCII armor; ArmorError unless it is strictly armored."""
    lines = _lines(data)
    skipped = 0
    while lines and not lines[0].strip():
        skipped += len(lines.pop(0)) + 1
        if skipped > MAX_WHITESPACE:
            raise ArmorError(_("too much whitespace before the armor"))
    if not lines or lines[0] != ARMOR_BEGIN:
        raise ArmorError(_("malformed armor: the first line must be exactly the BEGIN line"))
    out, index = bytearray(), 1
    while True:
        if index >= len(lines):
            raise ArmorError(_("malformed armor: no END line"))
        line = lines[index]
        index += 1
        if line == ARMOR_END:
            break
        if not line or len(line) > COLUMNS:
            raise ArmorError(_("malformed armor: an empty or too long line"))
        try:
            chunk = base64.b64decode(line, validate=True)
        except (binascii.Error, ValueError):
            raise ArmorError(_("malformed armor: invalid base64")) from None
        if base64.b64encode(chunk) != line:
            raise ArmorError(_("malformed armor: non-canonical base64"))
        out += chunk
        if len(chunk) < BYTES_PER_LINE:
            if index >= len(lines) or lines[index] != ARMOR_END:
                raise ArmorError(_("malformed armor: a short line must be the last one"))
            index += 1
            break
    tail = data[data.index(ARMOR_END) + len(ARMOR_END):]
    tail = tail[2:] if tail.startswith(b"\r\n") else tail[1:]
    if tail.strip() or len(tail) >= MAX_WHITESPACE:
        raise ArmorError(_("malformed armor: data after the END line"))
    return bytes(out)
