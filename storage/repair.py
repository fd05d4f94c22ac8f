"""Ending a sealed object whose writer never finished (kill -9, power loss, full disk).

Such an object is a run of ordinary segments, perhaps with half a segment after
them, and no final segment. `seal_prefix` keeps every whole segment, lets the caller
choose how much of that plaintext to keep (e.g. up to the last whole MP4 fragment),
and re-seals the segment where the kept part ends as the final one.

Nonces are never reused: the re-sealed segment was sealed before only as an
ordinary segment (flag 0) and is now sealed once as the final one (flag 1); an
object that already has a final segment is left untouched.
"""

from __future__ import annotations

import io
import os
from pathlib import Path
from typing import BinaryIO, Callable

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESGCM

from core.i18n import _
from .errors import ObjectMissing
from .fsio import fsync_dir
from .sealed import Layout, _nonce, existing_parts

ChooseLength = Callable[[BinaryIO, int], int]


class _Segments:
    """Reads and authenticates segments of the part files of an unfinished object."""

    def __init__(self, paths: list[Path], key: bytes, item_id: str, layout: Layout) -> None:
        self.paths, self.layout = paths, layout
        self.aead, self.aad = AESGCM(key), item_id.encode()

    def locate(self, index: int) -> tuple[int, int]:
        part, within = divmod(index, self.layout.segments_per_part)
        return part, within * self.layout.sealed_size

    def sealed(self, index: int) -> bytes:
        part, offset = self.locate(index)
        if part >= len(self.paths):
            return b""
        with open(self.paths[part], "rb") as f:
            f.seek(offset)
            return f.read(self.layout.sealed_size)

    def open(self, index: int, final: bool) -> bytes | None:
        try:
            return self.aead.decrypt(_nonce(index, final), self.sealed(index), self.aad)
        except InvalidTag:
            return None


class _PrefixReader(io.RawIOBase):
    """The plaintext of the first `count` (ordinary, whole) segments, seekable."""

    def __init__(self, segments: _Segments, count: int) -> None:
        super().__init__()
        self._segments, self._count = segments, count
        self._size = count * segments.layout.segment_size
        self._pos = 0
        self._cache: tuple[int, bytes] = (-1, b"")

    def readable(self) -> bool:
        return True

    def seekable(self) -> bool:
        return True

    def seek(self, offset: int, whence: int = io.SEEK_SET) -> int:
        self._pos = {io.SEEK_SET: 0, io.SEEK_CUR: self._pos, io.SEEK_END: self._size}[whence] + offset
        return self._pos

    def tell(self) -> int:
        return self._pos

    def readinto(self, buffer) -> int:  # type: ignore[override]
        out = memoryview(buffer).cast("B")
        seg = self._segments.layout.segment_size
        done = 0
        while done < len(out) and self._pos < self._size:
            index, offset = divmod(self._pos, seg)
            if self._cache[0] != index:
                self._cache = (index, self._segments.open(index, False) or b"")
            plain = self._cache[1]
            n = min(len(out) - done, len(plain) - offset)
            out[done:done + n] = plain[offset:offset + n]
            done, self._pos = done + n, self._pos + n
        return done


def seal_prefix(objects_dir: Path, name: str, key: bytes, item_id: str, layout: Layout,
                choose_length: ChooseLength = lambda reader, length: length) -> int:
    """End an unfinished object after `choose_length(reader, whole)` bytes; returns the length.

    `whole` is the plaintext length of the whole segments found; the reader gives
    access to them. An object that already ends in a final segment is left as it is.
    """
    paths = existing_parts(Path(objects_dir), name)
    if not paths:
        raise ObjectMissing(item_id, _("its sealed file is missing from the vault"))
    segments = _Segments(paths, key, item_id, layout)
    total = sum(p.stat().st_size for p in paths)
    index = -(-total // layout.sealed_size) - 1
    while index >= 0:
        plain = segments.open(index, True)
        if plain is not None:  # already finished
            return index * layout.segment_size + len(plain)
        if segments.open(index, False) is not None:
            break
        index -= 1
    whole = (index + 1) * layout.segment_size
    keep = min(whole, max(0, choose_length(_PrefixReader(segments, index + 1), whole)))
    last = max(0, (keep - 1) // layout.segment_size) if keep else 0
    plain = (segments.open(last, False) or b"")[:keep - last * layout.segment_size] if keep else b""
    sealed = segments.aead.encrypt(_nonce(last, True), plain, segments.aad)
    part, offset = segments.locate(last)
    with open(paths[part], "r+b") as f:
        f.seek(offset)
        f.write(sealed)
        f.truncate(offset + len(sealed))
        f.flush()
        os.fsync(f.fileno())
    for extra in paths[part + 1:]:
        extra.unlink()
    fsync_dir(paths[part].parent)
    return keep


def seal_as_final(objects_dir: Path, name: str, key: bytes, item_id: str,
                  layout: Layout = Layout()) -> int:
    """End an unfinished object after its last whole segment; returns the length kept."""
    return seal_prefix(objects_dir, name, key, item_id, layout)
