"""Copy sealed objects between folders as they are, authenticating them on the way.

Objects are already encrypted, so a copy moves ciphertext; but every segment read is
checked against its tag (and, when asked, the plaintext against the catalogue's
SHA-256) before its bytes are written, so a damaged object is never spread: the copy
stops and names the item. Each part is written under a temporary name, made durable,
then renamed, so a part file with its final name is always whole: a later sync may
trust name and size. Reading ahead, authenticating (the caller's thread), writing,
and waiting for the disk (fsync) each run on their own thread, so both disks stay
busy while AES-GCM, which holds the GIL, checks tags; the kernel is asked to start
each part's write-back as soon as it is written.
"""

from __future__ import annotations

import hashlib
import os
from collections import deque
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import Callable

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESGCM

from core.i18n import _
from core.errors import (HashMismatch, ObjectMissing, ObjectTampered, ObjectTruncated,
                     SegmentAuthFailed)
from core.work import CancelToken
from storage.fsio import write_all
from storage.items import ObjectRef
from storage.sealed import FINAL, FINAL_PADDED, ORDINARY, TAG_SIZE, Layout, _nonce, is_padded, part_path
from storage.sealed import part_sizes as sealed_part_sizes
from storage.stage import Stage

TMP_SUFFIX = ".tmp"
_CHUNK_SEGMENTS = 4
_DEPTH = 4           # writes queued for the writer thread
_FINISH_DEPTH = 4    # parts queued for the finisher thread
_READS = 2           # chunks being read ahead by the reader thread
_BUFFERS = _READS + 1 + _DEPTH + 1  # reading, authenticating, queued, being written
ErrorMap = Callable[[OSError], BaseException]


@dataclass(frozen=True, slots=True)
class ObjectJob:
    """One item's object: what it takes to find, authenticate and size-check it."""

    item_id: str
    name: str
    key: bytes
    layout: Layout
    size: int               # plaintext bytes, from the catalogue
    sha256: str | None
    padded: bool = True     # written padded (storage/padding.py), as every object now is

    @classmethod
    def of(cls, ref: ObjectRef, objects_dir: Path) -> "ObjectJob":
        """The job for an item's object, in the format the copy in `objects_dir` has."""
        return cls(ref.item_id, ref.object_name, ref.key, ref.layout, ref.size, ref.sha256,
                   is_padded(objects_dir, ref.object_name, ref.size, ref.layout))

    def part_sizes(self) -> list[int]:
        """The sizes of the part files of this object when intact."""
        return sealed_part_sizes(self.size, self.layout, self.padded)

    def leaves(self) -> list[str]:
        """`ab/ab12…`, `ab/ab12….1`, … relative to an objects folder."""
        return [str(part_path(Path(), self.name, i)) for i in range(len(self.part_sizes()))]


class Copier:
    """Copies objects from `src` to `dst` (two objects folders) through a pipeline.

    A reader thread reads ahead; the caller's thread authenticates; a writer thread
    writes each part under a temporary name and starts its write-back; a finisher
    thread fsyncs, closes and renames it. A part is renamed only after its whole
    object has authenticated. `copy()` queues work and returns; `finish()` waits until
    every queued part is durable under its final name; `abort()` stops and removes
    every temporary file. Use it as a context manager (finish, or abort on error).

    `src_error` and `dst_error` turn an OS error on each side (the drive, the vault's
    disk) into the error to raise; `where` says in messages which side an item is
    damaged on. `on_bytes(n)` is told of every chunk read; `cancel` is checked between
    chunks.
    """

    def __init__(self, src: Path, dst: Path, *, src_error: ErrorMap, dst_error: ErrorMap,
                 where: str, hash_plaintext: bool = False,
                 on_bytes: Callable[[int], None] = lambda n: None,
                 cancel: CancelToken | None = None) -> None:
        self._src, self._dst = Path(src), Path(dst)
        self._src_error, self._dst_error = src_error, dst_error
        self._where = where
        self._hash = hash_plaintext
        self._on_bytes = on_bytes
        self._cancel = cancel
        self._buffers: list[bytearray] = []
        self._turn = 0
        self._plain = bytearray()
        self._open_fds: dict[Path, int] = {}    # tmp -> fd, owned by the writer thread
        self._unfinished: set[Path] = set()     # tmp files not yet renamed or removed
        self._reader = ThreadPoolExecutor(1, thread_name_prefix="kua-copy-read")
        self._writer = Stage("kua-copy-write", _DEPTH)
        self._finisher = Stage("kua-copy-sync", _FINISH_DEPTH)

    def __enter__(self) -> "Copier":
        return self

    def __exit__(self, exc_type: object, *rest: object) -> None:
        if exc_type is None:
            self.finish()
        else:
            self.abort()

    def copy(self, job: ObjectJob, parts: list[int] | None = None) -> int:
        """Queue a copy of part files of `job`'s object: those numbered in `parts`, or
        all (which also checks the SHA-256 when hashing); each is authenticated first.
        Returns the bytes queued. A damaged object raises `ObjectTampered` and nothing
        of it stays on the destination; the copier can go on with the next."""
        sizes = job.part_sizes()
        self._check_source(job, sizes)
        wanted = list(range(len(sizes))) if parts is None else sorted(parts)
        lay = job.layout
        if len(self._plain) < lay.segment_size:
            self._plain = bytearray(lay.segment_size)
        chunk = _CHUNK_SEGMENTS * lay.sealed_size
        if not self._buffers or len(self._buffers[0]) < chunk:
            self._writer.drain()  # no queued write still uses the old buffers
            self._buffers = [bytearray(chunk) for _unused in range(_BUFFERS)]
        digest = hashlib.sha256() if self._hash and parts is None else None
        tmps = []
        try:
            for part in wanted:
                final = self._dst / part_path(Path(), job.name, part)
                tmp = final.with_name(final.name + TMP_SUFFIX)
                self._unfinished.add(tmp)
                tmps.append((tmp, final))
                self._writer.submit(self._open, tmp)
                self._copy_part(job, part, sizes, tmp, digest)
            if digest is not None and job.sha256 and digest.hexdigest() != job.sha256:
                raise HashMismatch(job.item_id, _("{where}: its SHA-256 differs from the "
                                                  "catalogue").format(where=self._where))
        except ObjectTampered:
            for tmp, _unused in tmps:
                self._writer.submit(self._discard, tmp)
            raise
        for tmp, final in tmps:
            self._writer.submit(self._hand_over, tmp, final)
        return sum(sizes[p] for p in wanted)

    def _copy_part(self, job: ObjectJob, part: int, sizes: list[int], tmp: Path,
                   digest: "hashlib._Hash | None") -> None:
        lay = job.layout
        aead, aad = AESGCM(job.key), job.item_id.encode()
        total_segments = (sum(sizes) - 1) // lay.sealed_size + 1
        chunk = _CHUNK_SEGMENTS * lay.sealed_size  # whole segments (buffers may be larger)
        offsets = deque(range(0, sizes[part], chunk))
        fd = self._open_source(job, part)
        reads: deque[tuple[Future, memoryview, int]] = deque()

        def read_next() -> None:
            offset = offsets.popleft()
            view = memoryview(self._buffers[self._turn % len(self._buffers)])
            self._turn += 1
            view = view[:min(chunk, sizes[part] - offset)]
            reads.append((self._reader.submit(self._read, job, fd, view, offset), view, offset))

        try:
            os.posix_fadvise(fd, 0, 0, os.POSIX_FADV_SEQUENTIAL)
            while offsets and len(reads) < _READS:
                read_next()
            while reads:
                if self._cancel is not None:
                    self._cancel.check()
                future, view, offset = reads.popleft()
                future.result()
                if offsets:
                    read_next()
                first = part * lay.segments_per_part + offset // lay.sealed_size
                self._authenticate(job, aead, aad, view, first, total_segments, digest)
                self._writer.submit(self._write, tmp, view)
                self._on_bytes(len(view))
        finally:
            for future, _unused, _unused in reads:  # let reads in flight end before the fd closes
                future.exception()
            os.close(fd)

    def finish(self) -> None:
        """Wait until every queued part is durable under its final name."""
        try:
            self._reader.shutdown()
            self._writer.close()
            self._finisher.close()
        except BaseException:
            self.abort()
            raise

    def abort(self) -> None:
        """Stop the threads and remove every temporary file (errors are ignored)."""
        self._reader.shutdown()
        self._writer.abandon()
        self._finisher.abandon()
        for fd in self._open_fds.values():
            _close_quietly(fd)
        self._open_fds.clear()
        for tmp in list(self._unfinished):
            _remove_quietly(tmp)
        self._unfinished.clear()

    def _check_source(self, job: ObjectJob, sizes: list[int]) -> None:
        for part, expected in enumerate(sizes + [None]):
            try:
                actual = os.stat(part_path(self._src, job.name, part)).st_size
            except FileNotFoundError:
                if expected is None:
                    return
                raise ObjectMissing(job.item_id, _("{where}: a file of it is missing").format(where=self._where)
                                    ) from None
            except OSError as exc:
                raise self._src_error(exc) from None
            if actual != expected:
                raise ObjectTruncated(job.item_id, _("{where}: a file of it has the wrong size").format(where=self._where))

    def _open_source(self, job: ObjectJob, part: int) -> int:
        try:
            return os.open(part_path(self._src, job.name, part), os.O_RDONLY)
        except FileNotFoundError:
            raise ObjectMissing(job.item_id, _("{where}: a file of it is missing").format(where=self._where)) from None
        except OSError as exc:
            raise self._src_error(exc) from None

    def _read(self, job: ObjectJob, fd: int, view: memoryview, offset: int) -> None:
        try:
            got = os.preadv(fd, [view], offset)
        except OSError as exc:
            raise self._src_error(exc) from None
        if got != len(view):
            raise ObjectTruncated(job.item_id, _("{where}: it was cut short while copying").format(where=self._where))

    def _authenticate(self, job: ObjectJob, aead: AESGCM, aad: bytes, view: memoryview,
                      first: int, total_segments: int, digest: "hashlib._Hash | None") -> None:
        sealed, seg = job.layout.sealed_size, job.layout.segment_size
        final = FINAL_PADDED if job.padded else FINAL
        for i, start in enumerate(range(0, len(view), sealed)):
            index = first + i
            segment = view[start:start + sealed]
            out = memoryview(self._plain)[:len(segment) - TAG_SIZE]
            try:
                aead.decrypt_into(_nonce(index, final if index == total_segments - 1 else ORDINARY),
                                  segment, aad, out)
            except (InvalidTag, ValueError):
                raise SegmentAuthFailed(job.item_id, _("{where}: segment {index} failed "
                                                       "authentication").format(where=self._where,
                                                       index=index)) from None
            if digest is not None:  # the data only, never the padding
                digest.update(out[:max(0, min(len(out), job.size - index * seg))])

    # -- on the writer thread -------------------------------------------------

    def _open(self, tmp: Path) -> None:
        try:
            self._open_fds[tmp] = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        except OSError as exc:
            raise self._dst_error(exc) from None

    def _write(self, tmp: Path, view: memoryview) -> None:
        try:
            write_all(self._open_fds[tmp], view)
        except OSError as exc:
            raise self._dst_error(exc) from None

    def _discard(self, tmp: Path) -> None:
        _close_quietly(self._open_fds.pop(tmp))
        _remove_quietly(tmp)
        self._unfinished.discard(tmp)

    def _hand_over(self, tmp: Path, final: Path) -> None:
        """Start the part's write-back now; the finisher waits for it and renames."""
        fd = self._open_fds.pop(tmp)
        try:
            os.posix_fadvise(fd, 0, 0, os.POSIX_FADV_DONTNEED)
        except OSError:
            pass  # only a hint
        self._finisher.submit(self._finish_part, fd, tmp, final)

    # -- on the finisher thread -----------------------------------------------

    def _finish_part(self, fd: int, tmp: Path, final: Path) -> None:
        try:
            try:
                os.fsync(fd)
            finally:
                os.close(fd)
            os.replace(tmp, final)
        except OSError as exc:
            raise self._dst_error(exc) from None
        self._unfinished.discard(tmp)


def _close_quietly(fd: int) -> None:
    try:
        os.close(fd)
    except OSError:
        pass


def _remove_quietly(path: Path) -> None:
    """Remove a temporary file while another error is on its way up."""
    try:
        path.unlink(missing_ok=True)
    except OSError:
        pass
