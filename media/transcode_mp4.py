"""A finished ("faststart") MP4 from one written in a single pass to an append-only sink.

FFmpeg's mov muxer writes `ftyp`, `mdat` (media), then the index `moov` last, and seeks
back once to patch the size of `mdat`. Its own `+faststart` then re-reads the whole
file to move `moov` to the front, which needs a readable, seekable output. Kua's sealed
objects are append-only, so the muxer writes into one (the patch is kept aside,
`Overlay`), and `faststart` then copies it into the final object with `moov` first
and every chunk offset (`stco`/`co64`) shifted by the size of `moov`: what
`qt-faststart` does. Memory holds only `moov` (a few MiB for hours of video).
"""

from __future__ import annotations

import struct
from typing import BinaryIO

from core.i18n import _
from core.errors import MediaError
from core.seekable import SeekableReader

_CONTAINERS = {b"moov", b"trak", b"mdia", b"minf", b"stbl"}
_COPY_CHUNK = 1024 * 1024
MAX_MOOV = 64 * 1024 * 1024
_U32 = 0xFFFFFFFF
STCO_LIMIT = 0xFFFFFFFF  # the largest offset a 32-bit chunk table holds


class Overlay(SeekableReader):
    """A seekable read view of `base` with a few byte ranges replaced (`patches`)."""

    def __init__(self, base: BinaryIO, size: int, patches: list[tuple[int, bytes]]) -> None:
        super().__init__(size)
        self._base, self._patches = base, patches

    def _read_at(self, offset: int, out: memoryview) -> int:
        """The bytes of `base` at `offset`, with the patches that fall on them applied."""
        self._base.seek(offset)
        got = self._base.readinto(out) or 0
        for start, data in self._patches:
            lo, hi = max(start, offset), min(start + len(data), offset + got)
            if lo < hi:
                out[lo - offset:hi - offset] = data[lo - start:hi - start]
        return got


def _read_exact(f: BinaryIO, offset: int, size: int) -> bytes:
    f.seek(offset)
    data = f.read(size)
    if len(data) != size:
        raise MediaError(_("the muxed MP4 is shorter than its boxes say"))
    return data


def top_level_boxes(f: BinaryIO, size: int) -> list[tuple[bytes, int, int]]:
    """(type, offset, length) of each top-level box of an MP4 of `size` bytes."""
    boxes, offset = [], 0
    while offset < size:
        length, kind = struct.unpack(">I4s", _read_exact(f, offset, 8))
        if length == 1:
            length = struct.unpack(">Q", _read_exact(f, offset + 8, 8))[0]
        elif length == 0:
            length = size - offset
        if length < 8 or offset + length > size:
            raise MediaError(_("the muxed MP4 has a malformed {kind} box").format(kind=repr(kind)))
        boxes.append((kind, offset, length))
        offset += length
    return boxes


def _children(data: bytes) -> list[tuple[bytes, bytes]]:
    """(type, payload) of the boxes inside a container's payload (32-bit sizes only)."""
    out, offset = [], 0
    while offset < len(data):
        if offset + 8 > len(data):
            raise MediaError(_("the MP4 index is malformed"))
        length, kind = struct.unpack_from(">I4s", data, offset)
        if length < 8 or offset + length > len(data):
            raise MediaError(_("the MP4 index has a malformed {kind} box").format(kind=repr(kind)))
        out.append((kind, data[offset + 8:offset + length]))
        offset += length
    return out


def _box(kind: bytes, payload: bytes) -> bytes:
    if len(payload) + 8 > _U32:
        raise MediaError(_("the MP4 index is too large"))
    return struct.pack(">I4s", len(payload) + 8, kind) + payload


def _rewrite(kind: bytes, payload: bytes, shift: int, wide: bool, bounds: tuple[int, int]) -> bytes:
    """Box `kind` with every chunk offset below it moved by `shift` (stco→co64 if `wide`)."""
    if kind in _CONTAINERS:
        return _box(kind, b"".join(_rewrite(k, p, shift, wide, bounds) for k, p in _children(payload)))
    if kind == b"udta":
        return b""  # user data (names, tags): never needed to play
    if kind == b"hdlr" and len(payload) > 24:
        return _box(kind, payload[:24] + b"\0")  # the handler's name, emptied
    if kind not in (b"stco", b"co64"):
        return _box(kind, payload)
    if len(payload) < 8:
        raise MediaError(_("the MP4 index has a malformed chunk table"))
    count = struct.unpack_from(">I", payload, 4)[0]
    fmt = ">%dI" if kind == b"stco" else ">%dQ"
    width = 4 if kind == b"stco" else 8
    if len(payload) != 8 + count * width:
        raise MediaError(_("the MP4 index has a malformed chunk table"))
    offsets = struct.unpack_from(fmt % count, payload, 8)
    if any(not bounds[0] <= o < bounds[1] for o in offsets):
        raise MediaError(_("the MP4 index points outside its media data"))
    moved = [o + shift for o in offsets]
    if kind == b"stco" and not wide:
        return _box(b"stco", payload[:8] + struct.pack(">%dI" % count, *moved))
    return _box(b"co64", payload[:8] + struct.pack(">%dQ" % count, *moved))


def _stco_entries(kind: bytes, payload: bytes) -> int:
    if kind in _CONTAINERS:
        return sum(_stco_entries(k, p) for k, p in _children(payload))
    return struct.unpack_from(">I", payload, 4)[0] if kind == b"stco" and len(payload) >= 8 else 0


def faststart(source: BinaryIO, size: int, sink: BinaryIO) -> None:
    """Copy the MP4 in `source` to `sink` with its `moov` box first, offsets fixed."""
    boxes = top_level_boxes(source, size)
    kinds = [b[0] for b in boxes]
    if kinds.count(b"moov") != 1 or b"mdat" not in kinds:
        raise MediaError(_("the muxed MP4 lacks its index or its media data"))
    if kinds.index(b"moov") < kinds.index(b"mdat"):
        _copy(source, 0, size, sink)  # already faststart
        return
    _unused, moov_at, moov_len = boxes[kinds.index(b"moov")]
    if moov_len > MAX_MOOV:
        raise MediaError(_("the MP4 index is larger than Kua accepts"))
    header = 16 if struct.unpack(">I", _read_exact(source, moov_at, 4))[0] == 1 else 8
    payload = _read_exact(source, moov_at + header, moov_len - header)
    _unused, mdat_at, mdat_len = boxes[kinds.index(b"mdat")]
    bounds = (mdat_at, mdat_at + mdat_len)
    # The new moov's size depends on whether stco must widen to co64, not on the offsets.
    wide = size + moov_len + 4 * _stco_entries(b"moov", payload) > STCO_LIMIT
    shift = len(_rewrite(b"moov", payload, 0, wide, bounds))
    moov = _rewrite(b"moov", payload, shift, wide, bounds)
    first = 1 if kinds[0] == b"ftyp" else 0
    for kind, offset, length in boxes[:first]:
        _copy(source, offset, length, sink)
    sink.write(moov)
    for kind, offset, length in boxes[first:]:
        if kind != b"moov":
            _copy(source, offset, length, sink)


def _copy(source: BinaryIO, offset: int, length: int, sink: BinaryIO) -> None:
    source.seek(offset)
    while length > 0:
        chunk = source.read(min(_COPY_CHUNK, length))
        if not chunk:
            raise MediaError(_("the muxed MP4 ended early"))
        sink.write(chunk)
        length -= len(chunk)
