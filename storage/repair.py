"""Ending a sealed object whose writer never finished (kill -9, power loss, full disk).

Such an object is a run of ordinary segments, perhaps with half a segment after
them, and no final segment; a bit flipped on the disk may also have damaged any
segment. `repair` reads the segments from the first and stops at the first one that
does not authenticate: everything before it is kept, nothing after it. The caller
chooses how much of that plaintext to keep (e.g. up to the last whole MP4 fragment),
and the segment where the kept part ends is sealed again as the final one.

Never twice the same (key, nonce) with different plaintext:

- the plan depends only on the object's bytes up to the end of what is kept; the
  repair first cuts what follows (which frees room on a full disk) and changes nothing
  else until the plan is durable, so a repair cut short and started again makes the
  same plan;
- the new final segment is written first to `<name>.end` (atomically, with its index),
  and only then into the object; a repair that finds an `.end` file that authenticates
  finishes that one instead of planning again;
- the final segment's index is always below that of any segment the writer may have
  sealed as final (a half-written last segment, a damaged one); when nothing whole is
  left before it, nothing is sealed and the object is left as it is.

A damaged segment is reported through `on_damage` before anything is changed, so the
caller can record it durably: once the object is cut, the damage is gone from it.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO, Callable

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESGCM

from core.i18n import _
from core.errors import DiskFull, ObjectMissing
from core.seekable import SeekableReader
from storage.fsio import atomic_write, disk_full_as_error, fsync_dir
from storage.sealed import TAG_SIZE, Layout, _nonce, existing_parts, final_length, part_path

ChooseLength = Callable[[BinaryIO, int], int]
END_SUFFIX = ".end"


@dataclass(frozen=True, slots=True)
class Repaired:
    """What `repair` left: the plaintext length kept, and where damage was found."""

    length: int
    finished: bool             # the object now ends in a final segment (False: left as it was)
    damaged_at: int | None     # plaintext offset of the first damaged segment (None: none seen)


def end_path(objects_dir: Path, name: str) -> Path:
    """Where a repair under way keeps the new final segment of object `name`."""
    return Path(objects_dir) / name[:2] / f"{name}{END_SUFFIX}"


class _Segments:
    """Reads and authenticates segments of the part files of an unfinished object."""

    def __init__(self, paths: list[Path], key: bytes, item_id: str, layout: Layout) -> None:
        self.paths, self.layout = paths, layout
        self.aead, self.aad = AESGCM(key), item_id.encode()
        full = sum(p.stat().st_size for p in paths[:-1])
        self.total = full + paths[-1].stat().st_size
        self.count = -(-self.total // layout.sealed_size)
        self._fds: dict[int, int] = {}

    def locate(self, index: int) -> tuple[int, int]:
        part, within = divmod(index, self.layout.segments_per_part)
        return part, within * self.layout.sealed_size

    def sealed(self, index: int) -> bytes:
        part, offset = self.locate(index)
        if part >= len(self.paths):
            return b""
        fd = self._fds.get(part)
        if fd is None:
            fd = self._fds[part] = os.open(self.paths[part], os.O_RDONLY)
        return os.pread(fd, self.layout.sealed_size, offset)

    def open(self, index: int, final: bool, sealed: bytes | None = None) -> bytes | None:
        """The plaintext of segment `index` sealed as final or not; None if it is not."""
        try:
            return self.aead.decrypt(_nonce(index, final),
                                     self.sealed(index) if sealed is None else sealed, self.aad)
        except (InvalidTag, ValueError):
            return None

    def close(self) -> None:
        for fd in self._fds.values():
            os.close(fd)
        self._fds.clear()


@dataclass(frozen=True, slots=True)
class _Scan:
    ordinary: int              # whole ordinary segments from the start
    length: int | None         # the next one is a final segment: the object's true length
    final_sealed: int          # ... and that segment's sealed size (padding included)
    damaged: int | None        # the next one is damaged (index)


def _scan(segments: _Segments) -> _Scan:
    """Authenticate segments from the first until one is not a whole ordinary one."""
    size = segments.layout.sealed_size
    for index in range(segments.count):
        data = segments.sealed(index)
        if len(data) == size and segments.open(index, False, data) is not None:
            continue
        length = final_length(segments.aead, segments.aad, index, data,
                              segments.layout.segment_size)  # padded (flag 2) or not
        if length is not None:
            return _Scan(index, length, len(data), None)
        if index == segments.count - 1 and len(data) < size:
            return _Scan(index, None, 0, None)  # the half-written segment the writer was at
        return _Scan(index, None, 0, index)
    return _Scan(segments.count, None, 0, None)


class _PrefixReader(SeekableReader):
    """The plaintext of the first `count` (ordinary, authenticated) segments, seekable."""

    def __init__(self, segments: _Segments, count: int) -> None:
        super().__init__(count * segments.layout.segment_size)
        self._segments = segments
        self._cache: tuple[int, bytes] = (-1, b"")

    def _read_at(self, offset: int, out: memoryview) -> int:
        """The plaintext at `offset`, up to the end of its segment."""
        seg = self._segments.layout.segment_size
        index, within = divmod(offset, seg)
        if self._cache[0] != index:
            plain = self._segments.open(index, False)
            if plain is None:  # authenticated by the scan: changed under us since
                raise OSError("a segment changed during the repair")
            self._cache = (index, plain)
        n = min(len(out), seg - within)
        out[:n] = self._cache[1][within:within + n]
        return n


def repair(objects_dir: Path, name: str, key: bytes, item_id: str, layout: Layout,
           choose_length: ChooseLength = lambda reader, length: length,
           on_damage: Callable[[int], None] | None = None) -> Repaired:
    """End an unfinished (or damaged) object after `choose_length(reader, whole)` bytes.

    `whole` is the plaintext length of the whole, authenticated segments before the
    first that is not; the reader gives access to them. An intact, finished object is
    left as it is. `on_damage(offset)` is called before anything is written when a
    segment fails authentication.
    """
    objects_dir = Path(objects_dir)
    paths = existing_parts(objects_dir, name)
    if not paths:
        raise ObjectMissing(item_id, _("its sealed file is missing from the vault"))
    segments = _Segments(paths, key, item_id, layout)
    try:
        pending = _pending_end(objects_dir, name, segments)
        if pending is not None:  # a repair was cut short once its plan was durable
            index, sealed = pending
            _apply(objects_dir, name, layout, index, sealed)
            return Repaired(index * layout.segment_size + len(sealed) - TAG_SIZE, True, None)
        scan = _scan(segments)
        seg = layout.segment_size
        if scan.length is not None:
            if scan.ordinary < segments.count - 1:  # bytes after the end: not part of it
                _cut(objects_dir, name, layout, scan.ordinary, scan.final_sealed)
            return Repaired(scan.length, True, None)
        damaged_at = None if scan.damaged is None else scan.damaged * seg
        if damaged_at is not None and on_damage is not None:
            on_damage(damaged_at)
        whole = scan.ordinary * seg
        keep = min(whole, max(0, choose_length(_PrefixReader(segments, scan.ordinary), whole)))
        if keep == 0 and segments.total:
            # Not one whole segment: segment 0 may have been sealed as the final one by a
            # writer killed while closing, so it is never sealed again. Nothing is readable.
            return Repaired(0, False, damaged_at)
        last = (keep - 1) // seg if keep else 0
        tail = (segments.open(last, False) or b"")[:keep - last * seg]
        sealed = segments.aead.encrypt(_nonce(last, True), tail, segments.aad)
    finally:
        segments.close()
    if keep:  # first free what is not kept (a full disk needs the room for the .end file)
        _cut(objects_dir, name, layout, last, layout.sealed_size)
    _write_end(objects_dir, name, last, sealed)
    _apply(objects_dir, name, layout, last, sealed)
    return Repaired(keep, True, damaged_at)


def _write_end(objects_dir: Path, name: str, index: int, sealed: bytes) -> None:
    """Make the plan durable: the `.end` file holding final segment `index`, sealed.

    On a full disk (a recording stopped by it) there is no room for a second copy of the
    segment: it is then replaced in place, where it is (no new room needed). A crash in
    that one write loses only this segment; the next repair ends the object at the one
    before, under a nonce never used, so no nonce is sealed twice either way.
    """
    try:
        atomic_write(end_path(objects_dir, name), index.to_bytes(8, "big") + sealed)
    except DiskFull:
        pass


def _pending_end(objects_dir: Path, name: str, segments: _Segments) -> tuple[int, bytes] | None:
    """The final segment a cut-short repair made durable, if it authenticates."""
    path = end_path(objects_dir, name)
    if not path.exists():
        return None
    data = path.read_bytes()
    index = int.from_bytes(data[:8], "big")
    try:
        segments.aead.decrypt(_nonce(index, True), data[8:], segments.aad)
    except (InvalidTag, ValueError):
        path.unlink()  # not this object's: the object itself was never touched after it
        fsync_dir(path.parent)
        return None
    return index, data[8:]


def _apply(objects_dir: Path, name: str, layout: Layout, index: int, sealed: bytes) -> None:
    """Write the final segment at `index`, cut what follows, then drop the `.end` file."""
    part, offset = divmod(index, layout.segments_per_part)
    offset *= layout.sealed_size
    fd = os.open(part_path(objects_dir, name, part), os.O_WRONLY)
    try:
        with disk_full_as_error():
            view = memoryview(sealed)
            while view:
                view = view[os.pwrite(fd, view, offset + len(sealed) - len(view)):]
            os.ftruncate(fd, offset + len(sealed))
            os.fsync(fd)
    finally:
        os.close(fd)
    _drop_parts_after(objects_dir, name, part)
    end = end_path(objects_dir, name)
    if end.exists():
        os.unlink(end)
        fsync_dir(end.parent)


def _cut(objects_dir: Path, name: str, layout: Layout, index: int, sealed_length: int) -> None:
    """Cut an object just after segment `index`, `sealed_length` bytes long (no sealing)."""
    part, offset = divmod(index, layout.segments_per_part)
    fd = os.open(part_path(objects_dir, name, part), os.O_WRONLY)
    try:
        os.ftruncate(fd, offset * layout.sealed_size + sealed_length)
        os.fsync(fd)
    finally:
        os.close(fd)
    _drop_parts_after(objects_dir, name, part)


def _drop_parts_after(objects_dir: Path, name: str, part: int) -> None:
    """Remove part files after `part` (the last first, so no gap opens), durably."""
    later = []
    index = part + 1
    while part_path(objects_dir, name, index).exists() or \
            part_path(objects_dir, name, index + 1).exists():
        later.append(part_path(objects_dir, name, index))
        index += 1
    for path in reversed(later):
        if path.exists():
            os.unlink(path)
    fsync_dir(part_path(objects_dir, name, part).parent)


def seal_prefix(objects_dir: Path, name: str, key: bytes, item_id: str, layout: Layout,
                choose_length: ChooseLength = lambda reader, length: length) -> int:
    """End an unfinished object after `choose_length(reader, whole)` bytes; returns the length."""
    return repair(objects_dir, name, key, item_id, layout, choose_length).length


def seal_as_final(objects_dir: Path, name: str, key: bytes, item_id: str,
                  layout: Layout = Layout()) -> int:
    """End an unfinished object after its last whole segment; returns the length kept."""
    return seal_prefix(objects_dir, name, key, item_id, layout)
