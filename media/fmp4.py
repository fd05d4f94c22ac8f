"""Where a fragmented MP4 cut short stops being whole.

A fragmented MP4 is `ftyp`, `moov` (the init segment), then pairs of `moof` + `mdat`.
A recording interrupted by a crash ends somewhere inside a fragment; everything up
to the end of the last complete `mdat` that follows a `moof` plays. This reads only
box headers (8 or 16 bytes each), so it is cheap even on a long recording read
through the vault's decrypting reader.
"""

from __future__ import annotations

import struct
from typing import BinaryIO


def last_whole_fragment_end(f: BinaryIO, length: int) -> int:
    """Byte offset just after the last complete fragment of the first `length` bytes.

    Returns 0 when not even the init segment (`ftyp` + `moov`) is complete.
    """
    pos, good, seen_moov, after_moof = 0, 0, False, False
    while pos + 8 <= length:
        f.seek(pos)
        header = f.read(16)
        size, kind = struct.unpack(">I4s", header[:8])
        if size == 1:
            if len(header) < 16:
                break
            size = struct.unpack(">Q", header[8:16])[0]
        elif size == 0:  # "to the end of the file": only a finished file may say so
            break
        if size < 8 or pos + size > length:
            break
        pos += size
        if kind == b"moov":
            seen_moov, good = True, pos
        elif kind == b"moof":
            after_moof = True
        elif kind == b"mdat" and after_moof and seen_moov:
            good, after_moof = pos, False
    return good
