"""The one base of Kua's read-only, seekable file objects over something of known size.

A sealed object, the transcoding worker's view of its source, the muxer's output with
its patches, a repair's authenticated prefix: each only says how to read bytes at an
offset (`_read_at`); position, seeking and end of file follow one rule, io.BytesIO's:
`seek(n)` with a negative `n` raises ValueError, a relative seek (whence 1 or 2) that
would end before the start stops at 0, and a position past the end reads nothing.
"""

from __future__ import annotations

import io


class SeekableReader(io.RawIOBase):
    """A read-only, seekable file object over `size` bytes; subclasses supply `_read_at`."""

    def __init__(self, size: int) -> None:
        super().__init__()
        self._size = size
        self._pos = 0

    def _read_at(self, offset: int, out: memoryview) -> int:
        """Put the bytes at `offset` into the start of `out` (never empty, never reaching
        past the end) and return how many: possibly fewer than asked (one segment, one
        request), since `readinto` asks again; 0 only if the source ended early."""
        raise NotImplementedError

    @property
    def size(self) -> int:
        """Length in bytes."""
        return self._size

    def readable(self) -> bool:
        """True: this is a reader."""
        return True

    def seekable(self) -> bool:
        """True: any position may be read."""
        return True

    def tell(self) -> int:
        """The current position."""
        return self._pos

    def seek(self, offset: int, whence: int = io.SEEK_SET) -> int:
        """Move to `offset` from the start (whence 0), the position (1) or the end (2)."""
        if whence == io.SEEK_SET:
            if offset < 0:
                raise ValueError(f"negative seek value {offset}")
            position = offset
        elif whence == io.SEEK_CUR:
            position = max(0, self._pos + offset)
        elif whence == io.SEEK_END:
            position = max(0, self._size + offset)
        else:
            raise ValueError(f"invalid whence ({whence}, should be 0, 1 or 2)")
        self._pos = position
        return position

    def readinto(self, buffer) -> int:  # type: ignore[override]
        """Fill `buffer` from the position, up to the end; returns the bytes read (0 at the
        end). If a read fails part-way, the position stays after the bytes already read."""
        out = memoryview(buffer).cast("B")
        want = min(len(out), self._size - self._pos)
        done = 0
        while done < want:
            n = self._read_at(self._pos, out[done:want])
            if not n:
                break
            done += n
            self._pos += n
        return done
