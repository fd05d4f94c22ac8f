"""Sealed media objects: a stream of AEAD segments under a per-item key.

Format (the STREAM construction that age uses): the plaintext is cut into segments of
a fixed size (the last one may be shorter, and is empty only if the whole object is);
segment i is sealed with AES-256-GCM under the item's own key, nonce = i as an 11-byte
big-endian counter followed by a flag byte that is 1 for the final segment, and the
item id as associated data. Hence:

- a flipped bit, a segment moved to another position or spliced in from another
  object (other key, other item id) fails authentication: `SegmentAuthFailed`;
- an object cut anywhere, even at a segment boundary, lacks its final-flagged
  segment: `ObjectTruncated`.

Padding (storage/padding.py): a writer ends the plaintext with zeros and an 8-byte
trailer holding the true length, so that the whole is a Padmé bucket long, and seals
the final segment with flag 2 instead of 1. The padding is inside the AEAD (nothing
on disk tells data from padding) and the flag says which format an object has, so
objects written before padding existed (flag 1, no trailer) still read; nothing in
the catalogue changes. A reader's size, reads and seeks see the true length only.

Objects have no header: the segment size and part size live in the catalogue, and
the files hold nothing but ciphertext. No file may exceed 2 GiB (FAT32), so an object
is split into parts of whole segments, `<name>`, `<name>.1`, `<name>.2`, ... inside
`objects/<first two characters of name>/`. Readers and writers hide the parts.
"""

from __future__ import annotations

import hashlib
import io
import os
from pathlib import Path
from typing import Callable

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESGCM

from core.i18n import _
from core.errors import ObjectMissing, ObjectTruncated, SegmentAuthFailed
from core.seekable import SeekableReader
from storage.fsio import disk_full_as_error, fsync_dir, write_all
from storage.padding import TRAILER, padded_object_length
from storage.sealed_format import (DEFAULT_SEGMENT_SIZE, FINAL, FINAL_PADDED, MAX_FILE_BYTES,
                            ORDINARY, TAG_SIZE, Layout, _nonce, _true_length, existing_parts,
                            final_length, is_padded, part_path, part_sizes, remove_object)
from storage.stage import Stage

__all__ = ["DEFAULT_SEGMENT_SIZE", "FINAL", "FINAL_PADDED", "MAX_FILE_BYTES", "ORDINARY",
           "TAG_SIZE", "Layout", "SealedReader", "SealedWriter", "existing_parts",
           "final_length", "is_padded", "part_path", "part_sizes", "remove_object"]
_ZEROS = bytes(64 * 1024)

class SealedWriter(io.RawIOBase):
    """Write-only file object that seals what it is given into a new object.

    The caller's thread encrypts; hashing and writing run on two helper threads
    (storage/stage.py). A segment is handed over as soon as it is complete (the byte
    after it has arrived); `flush()` waits until every handed-over segment is in the
    file, so after it a killed process loses nothing already written. `close()`
    pads the plaintext to its bucket, seals the final segment and makes everything
    durable; `abort()` removes the files. `sha256` and `size` describe the plaintext
    (without padding) once closed.
    """

    def __init__(self, objects_dir: Path, name: str, key: bytes, item_id: str,
                 layout: Layout = Layout(),
                 on_segment: Callable[[int], None] | None = None) -> None:
        super().__init__()
        self._dir = Path(objects_dir)
        self._name = name
        self._aead = AESGCM(key)
        self._aad = item_id.encode()
        self._layout = layout
        # At most one segment, held until more data proves it is not the final one.
        self._pending = bytearray()
        self._digest = hashlib.sha256()
        self._segments = 0
        self._size = 0
        self._data_end: int | None = None  # set at close: where the padding starts
        self._on_segment = on_segment
        self.sha256: str | None = None
        self._fd: int | None = None
        self._open_part(0)
        self._hasher = Stage("kua-sha256")
        self._appender = Stage("kua-append")
        self._stopped = False  # the helper threads have ended

    def writable(self) -> bool:
        return True

    def tell(self) -> int:
        return self._size

    @property
    def size(self) -> int:
        """Plaintext bytes written so far."""
        return self._size

    def write(self, data) -> int:  # type: ignore[override]
        if self.closed:
            raise ValueError("write to a closed SealedWriter")
        view = memoryview(data).cast("B")
        n = len(view)
        self._feed(view)
        self._size += n
        return n

    def _feed(self, view: memoryview) -> None:
        """Cut bytes into segments: emit each one once the byte after it arrives."""
        seg = self._layout.segment_size
        pending = self._pending
        while view:
            if len(pending) == seg:  # more data follows: the held segment is not final
                self._emit(memoryview(pending), ORDINARY)
                pending.clear()
            if not pending and len(view) > seg:  # whole segments straight from the caller
                self._emit(view[:seg], ORDINARY)
                view = view[seg:]
                continue
            take = min(seg - len(pending), len(view))
            pending += view[:take]
            view = view[take:]

    def _pad(self) -> None:
        """Zeros, then the true length, up to the bucket (storage/padding.py)."""
        self._data_end = self._size
        zeros = padded_object_length(self._size, self._layout.segment_size) - self._size - TRAILER
        while zeros:
            chunk = min(zeros, len(_ZEROS))
            self._feed(memoryview(_ZEROS)[:chunk])
            zeros -= chunk
        self._feed(memoryview(self._size.to_bytes(TRAILER, "big")))

    def _open_part(self, index: int) -> None:
        path = part_path(self._dir, self._name, index)
        path.parent.mkdir(parents=True, exist_ok=True)
        self._fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        if index == 0:
            fsync_dir(path.parent)

    def _emit(self, plain: memoryview, final: int) -> None:
        index = self._segments
        hashed = len(plain)
        if self._data_end is not None:  # padding follows the data: hash only the data
            hashed = max(0, min(hashed, self._data_end - index * self._layout.segment_size))
        if hashed:
            self._hasher.submit(self._digest.update, bytes(plain[:hashed]))
        sealed = self._aead.encrypt(_nonce(index, final), plain, self._aad)
        self._appender.submit(self._append, index, sealed)
        self._segments += 1
        if self._on_segment:
            self._on_segment(self._segments)

    def _append(self, index: int, sealed: bytes) -> None:
        """Runs on the appender thread: start a new part when due, then write."""
        with disk_full_as_error():
            if index and index % self._layout.segments_per_part == 0:
                self._finish_part()
                self._open_part(index // self._layout.segments_per_part)
            write_all(self._fd, sealed)

    def _finish_part(self) -> None:
        assert self._fd is not None
        with disk_full_as_error():
            os.fsync(self._fd)
        os.close(self._fd)
        self._fd = None

    def flush(self) -> None:
        """Wait until every completed segment has been written to the file."""
        if not self._stopped:
            self._appender.drain()

    def sync(self) -> None:
        """Make every completed segment durable (fsync), e.g. once a second while recording."""
        self._appender.submit(self._fsync)
        self._appender.drain()

    def _fsync(self) -> None:
        with disk_full_as_error():
            os.fsync(self._fd)

    def close(self) -> None:
        """Pad, seal the final segment and make the object durable."""
        if self.closed:
            return
        try:
            self._pad()
            self._emit(memoryview(self._pending), FINAL_PADDED)
            self._pending.clear()
            self._appender.submit(self._finish_part)
            self._appender.close()
            self._hasher.close()
            self._stopped = True
            fsync_dir(part_path(self._dir, self._name, 0).parent)
            self.sha256 = self._digest.hexdigest()
        finally:
            if self.sha256 is None:
                self._stop()
            super().close()

    def _stop(self) -> None:
        self._stopped = True
        self._appender.abandon()
        self._hasher.abandon()
        if self._fd is not None:
            os.close(self._fd)
            self._fd = None

    def abandon(self) -> None:
        """Stop without finishing: what was written stays, as after a crash, to be repaired."""
        self._stop()
        super().close()

    def __del__(self) -> None:
        # Never seal on garbage collection: an abandoned writer stays unfinished, as
        # after a crash, for the owner to recover or erase. (IOBase.__del__ would close.)
        if not self.closed:
            self._stop()

    def abort(self) -> None:
        """Stop writing and delete whatever was written (also after close)."""
        self._stop()
        super().close()
        remove_object(self._dir, self._name)


class SealedReader(SeekableReader):
    """Seekable, read-only file object over a sealed object; `size` is its plaintext length.

    A read decrypts only the segments it touches (one is kept decrypted). Opening
    checks the object's shape and authenticates its final segment (which also gives
    a padded object's true length), so truncation is found at once; other damage is
    found by the read that touches it. Padding is never returned.
    """

    def __init__(self, objects_dir: Path, name: str, key: bytes, item_id: str,
                 layout: Layout = Layout(), expected_size: int | None = None) -> None:
        super().__init__(0)  # the size is known once the final segment is read
        self._item = item_id
        self._aead = AESGCM(key)
        self._aad = item_id.encode()
        self._layout = layout
        self._cached: int | None = None  # index of the segment held in self._plain
        self._sealed = bytearray(layout.sealed_size)
        self._plain = bytearray(layout.segment_size)
        self._fds: dict[int, int] = {}
        self._paths = existing_parts(Path(objects_dir), name)
        if not self._paths:
            raise ObjectMissing(item_id, _("its sealed file is missing from the vault"))
        self._segments, last_len = self._shape()
        # Sealed plaintext, padding included; the true size once the final segment is read.
        self._total = self._size = (self._segments - 1) * layout.segment_size + last_len
        self._final = FINAL
        if expected_size is not None and self._total < expected_size:
            raise ObjectTruncated(item_id, _("{count} bytes are missing").format(
                count=expected_size - self._total))
        self._check_final(expected_size)

    def _shape(self) -> tuple[int, int]:
        lay = self._layout
        *full, last = [p.stat().st_size for p in self._paths]
        if any(s != lay.part_bytes for s in full):
            raise ObjectTruncated(self._item, _("a part file has the wrong size"))
        whole, rest = divmod(last, lay.sealed_size)
        if rest == 0 and whole > 0:
            segments, last_len = whole, lay.segment_size
        elif rest >= TAG_SIZE and (rest > TAG_SIZE or (whole == 0 and not full)):
            segments, last_len = whole + 1, rest - TAG_SIZE
        else:
            raise ObjectTruncated(self._item, _("the object ends inside a segment"))
        return len(full) * lay.segments_per_part + segments, last_len

    def _read_sealed(self, index: int) -> memoryview:
        """The sealed bytes of segment `index`, in a buffer reused by the next call."""
        lay = self._layout
        part, within = divmod(index, lay.segments_per_part)
        fd = self._fds.get(part)
        if fd is None:
            fd = self._fds[part] = os.open(self._paths[part], os.O_RDONLY)
        view = memoryview(self._sealed)[:self._plain_length(index) + TAG_SIZE]
        got = os.preadv(fd, [view], within * lay.sealed_size)
        return view[:got]

    def _plain_length(self, index: int) -> int:
        """Plaintext bytes sealed in segment `index` (padding included)."""
        if index == self._segments - 1:
            return self._total - index * self._layout.segment_size
        return self._layout.segment_size

    def _decrypt_into(self, index: int, out: memoryview, final: int | None = None) -> None:
        sealed = self._read_sealed(index)
        if final is None:
            final = self._final if index == self._segments - 1 else ORDINARY
        try:
            self._aead.decrypt_into(_nonce(index, final), sealed, self._aad, out)
        except (InvalidTag, ValueError):  # ValueError: a short read, the file was cut under us
            raise SegmentAuthFailed(self._item, _("segment {index} failed authentication").format(index=index)) from None

    def _check_final(self, expected_size: int | None) -> None:
        last = self._segments - 1
        out = memoryview(self._plain)[:self._plain_length(last)]
        for flag in (FINAL_PADDED, FINAL):
            try:
                self._decrypt_into(last, out, flag)
                break
            except SegmentAuthFailed:
                continue
        else:
            try:
                self._decrypt_into(last, out, ORDINARY)
            except SegmentAuthFailed:
                if expected_size is not None and not self._intact_size(expected_size):
                    raise ObjectTruncated(self._item, _("the object was cut short")) from None
                raise
            # Sealed as an ordinary segment: the object was cut at a segment boundary.
            raise ObjectTruncated(self._item, _("the object was cut short (final segment missing)"))
        self._final = flag
        if flag == FINAL_PADDED:
            size = _true_length(out, self._total, self._layout.segment_size)
            if size is None:
                raise SegmentAuthFailed(self._item, _("segment {index} has a malformed end").format(
                    index=last))
            self._size = size
        if expected_size is not None and self._size < expected_size:
            raise ObjectTruncated(self._item, _("{count} bytes are missing").format(
                count=expected_size - self._size))
        self._cached = last

    def _intact_size(self, size: int) -> bool:
        """Whether the files have the sizes of an intact object of `size` bytes."""
        actual = [p.stat().st_size for p in self._paths]
        return any(actual == part_sizes(size, self._layout, padded) for padded in (True, False))

    def segment(self, index: int) -> memoryview:
        """The plaintext of segment `index`, authenticated, without padding (valid
        until the next call)."""
        n = self._plain_length(index)
        if self._cached != index:
            self._cached = None
            self._decrypt_into(index, memoryview(self._plain)[:n])
            self._cached = index
        return memoryview(self._plain)[:max(0, min(n, self._size - index * self._layout.segment_size))]

    @property
    def segment_count(self) -> int:
        return self._segments

    def _read_at(self, offset: int, out: memoryview) -> int:
        """The plaintext at `offset`, up to the end of its segment."""
        index, within = divmod(offset, self._layout.segment_size)
        length = self._plain_length(index)
        if within == 0 and len(out) >= length and self._cached != index:
            # A whole segment of data (`out` never reaches past the end, so not padding):
            # decrypt straight into the caller's buffer.
            self._decrypt_into(index, out[:length])
            return length
        plain = self.segment(index)
        n = min(len(out), len(plain) - within)
        out[:n] = plain[within:within + n]
        return n

    def close(self) -> None:
        for fd in self._fds.values():
            os.close(fd)
        self._fds.clear()
        self._cached = None
        super().close()
