"""The age payload: a 16-byte nonce, then the plaintext in 64 KiB chunks, each sealed
with ChaCha20-Poly1305 (STREAM: nonce = 11-byte counter + final flag).

`AgeWriter` is a write-only file object (push: tar headers and media are written
into it); `AgeReader` is a read-only one (pull: the tar reader reads from it). Both
hold one chunk at a time, so memory does not grow with the size of what passes.

The reader knows where every chunk lies in its source, and asks the source to name
that place when something is wrong (`StreamDamaged.where`), so a bundle's errors
name the part at fault: a chunk that fails authentication, a stream that stops
before its final chunk, or data after it.
"""

from __future__ import annotations

import io
import os
from typing import Callable, Iterable, Protocol

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import ChaCha20Poly1305

from core.i18n import _
from storage.bundles.age import (MAX_HEADER, NONCE_SIZE, open_header, parse_header, payload_key,
                                 write_header)
from storage.bundles.age_stanza import AgeError, Stanza, StanzaOpener

CHUNK = 64 * 1024
TAG = 16
SEALED_CHUNK = CHUNK + TAG


class StreamDamaged(AgeError):
    """The payload was altered or is followed by extra data; `where` names the place."""

    def __init__(self, where: str, reason: str) -> None:
        super().__init__(reason)
        self.where = where
        self.reason = reason


class StreamCutShort(StreamDamaged):
    """The payload ends before its final chunk."""


class Source(Protocol):
    """Where an AgeReader reads ciphertext from.

    A source made of parts may also have `boundary(start, end)`: the offset of the
    first part boundary inside (start, end), or None.
    """

    def readinto(self, buffer: memoryview) -> int: ...

    def seek(self, offset: int) -> int: ...

    def where(self, start: int, end: int) -> str: ...


class BytesSource:
    """A Source over bytes in memory (identity files, tests)."""

    def __init__(self, data: bytes, name: str = "the file") -> None:
        self._io = io.BytesIO(data)
        self._name = name

    def readinto(self, buffer: memoryview) -> int:
        return self._io.readinto(buffer)

    def seek(self, offset: int) -> int:
        return self._io.seek(offset)

    def where(self, start: int, end: int) -> str:
        return self._name


def _nonce(counter: int, final: bool) -> bytes:
    return counter.to_bytes(11, "big") + (b"\x01" if final else b"\x00")


class AgeWriter(io.RawIOBase):
    """Encrypt what is written into `out`: header and nonce first, then sealed chunks.

    `stanzas(file_key)` makes the recipient stanzas. Each sealed chunk is handed to
    `out.write` as one call (so a part writer can keep chunks whole); the last chunk
    is sealed as final by `close()`.
    """

    def __init__(self, out, stanzas: Callable[[bytes], list[Stanza]]) -> None:
        super().__init__()
        self._out = out
        file_key = os.urandom(16)
        nonce = os.urandom(NONCE_SIZE)
        self.header = write_header(stanzas(file_key), file_key)
        out.write(self.header + nonce)
        self._aead = ChaCha20Poly1305(payload_key(file_key, nonce))
        self._pending = bytearray()  # at most one chunk, held until more data follows
        self._sealed = bytearray(SEALED_CHUNK)
        self._counter = 0
        self.size = 0  # plaintext bytes written

    def writable(self) -> bool:
        return True

    def write(self, data) -> int:  # type: ignore[override]
        """Encrypt `data`; every chunk that is known not to be the last is sealed now."""
        view = memoryview(data).cast("B")
        n = len(view)
        pending = self._pending
        while view:
            if len(pending) == CHUNK:  # more data follows: the held chunk is not final
                self._emit(memoryview(pending), final=False)
                pending.clear()
            if not pending and len(view) > CHUNK:  # whole chunks straight from the caller
                self._emit(view[:CHUNK], final=False)
                view = view[CHUNK:]
                continue
            take = min(CHUNK - len(pending), len(view))
            pending += view[:take]
            view = view[take:]
        self.size += n
        return n

    def _emit(self, plain: memoryview, final: bool) -> None:
        out = memoryview(self._sealed)[:len(plain) + TAG]
        self._aead.encrypt_into(_nonce(self._counter, final), plain, None, out)
        self._counter += 1
        self._out.write(out)

    def close(self) -> None:
        """Seal the final chunk (empty only if nothing was written)."""
        if not self.closed:
            try:
                self._emit(memoryview(self._pending), final=True)
                self._pending.clear()
            finally:
                super().close()


class AgeReader(io.RawIOBase):
    """Decrypt an age file from `source`, one authenticated chunk at a time.

    Opening parses the header and unwraps the file key (`NoMatchingIdentity`,
    `HeaderAltered`, `AgeError`). Reads return only authenticated plaintext; the
    end of the plaintext is reported only once the final chunk has authenticated
    and nothing follows it, so a reader that reaches EOF has seen the whole file.
    """

    def __init__(self, source: Source, identities: Iterable[StanzaOpener] = (),
                 passphrase: Callable[[], str] | None = None) -> None:
        super().__init__()
        self._src = source
        first = bytearray(MAX_HEADER + NONCE_SIZE)
        got = self._fill(memoryview(first))
        header = parse_header(bytes(first[:got]))
        self.header_length = header.length
        file_key = open_header(header, identities, passphrase)
        nonce = bytes(first[header.length:min(got, header.length + NONCE_SIZE)])
        if len(nonce) != NONCE_SIZE:
            raise StreamCutShort(source.where(0, got), _("ends inside its age header"))
        self._aead = ChaCha20Poly1305(payload_key(file_key, nonce))
        self.payload_start = header.length + NONCE_SIZE
        source.seek(self.payload_start)
        self._sealed = bytearray(SEALED_CHUNK)
        self._plain = bytearray(CHUNK)
        self._plain_len = 0
        self._plain_pos = 0
        self._counter = 0
        self._done = False  # the final chunk has been authenticated
        self._trailing: StreamDamaged | None = None  # data follows the final chunk

    def _fill(self, view: memoryview) -> int:
        got = 0
        while got < len(view):
            n = self._src.readinto(view[got:])
            if not n:
                break
            got += n
        return got

    def readable(self) -> bool:
        return True

    def _boundary(self, start: int, end: int) -> int | None:
        find = getattr(self._src, "boundary", None)
        return find(start, end) if find is not None else None

    def _chunk_range(self, length: int) -> tuple[int, int]:
        start = self.payload_start + self._counter * SEALED_CHUNK
        return start, start + length

    def _open(self, sealed: memoryview, final: bool) -> bool:
        out = memoryview(self._plain)[:len(sealed) - TAG]
        try:
            self._aead.decrypt_into(_nonce(self._counter, final), sealed, None, out)
        except InvalidTag:
            return False
        self._plain_len = len(sealed) - TAG
        return True

    def _next_chunk(self) -> None:
        view = memoryview(self._sealed)
        got = self._fill(view)
        start, end = self._chunk_range(got)
        if got == 0:
            if not self._counter:
                raise StreamCutShort(self._src.where(0, 1), _("is cut short (no encrypted data)"))
            raise StreamCutShort(self._src.where(start - 1, start),
                                _("is the last part found, but the bundle goes on: a later part "
                                  "is missing, or the export did not finish"))
        if got < TAG:
            raise StreamCutShort(self._src.where(start, end), _("is cut short"))
        sealed = view[:got]
        if got == SEALED_CHUNK and self._open(sealed, final=False):
            self._counter += 1
        elif self._open(sealed, final=True):
            if self._plain_len == 0 and self._counter > 0:
                raise StreamDamaged(self._src.where(start, end), _("has an empty final chunk"))
            self._counter += 1
            self._done = True
            if got == SEALED_CHUNK and self._fill(memoryview(self._sealed)[:1]):
                # The final chunk is authentic and is released; reading past it fails.
                self._trailing = StreamDamaged(self._src.where(end, end + 1),
                                               _("holds data after the end of the encrypted stream"))
        elif (cut := self._boundary(start, end)) is not None and cut - start >= TAG \
                and self._open(sealed[:cut - start], final=True):
            # The stream ended with the part before `cut`: whatever follows is not ours.
            raise StreamDamaged(self._src.where(cut, end), _("is extra: the bundle ends in "
                                                             "{where}").format(where=self._src.where(start, cut)))
        elif got < SEALED_CHUNK:
            raise StreamDamaged(self._src.where(start, end),
                                _("failed authentication at its end: it was cut short or altered"))
        else:
            raise StreamDamaged(self._src.where(start, end),
                                _("failed authentication: it is damaged or altered, or the "
                                  "parts are out of order"))
        self._plain_pos = 0

    def readinto(self, buffer) -> int:  # type: ignore[override]
        """Authenticated plaintext into `buffer`; 0 only after the final chunk."""
        out = memoryview(buffer).cast("B")
        done = 0
        while done < len(out):
            if self._plain_pos == self._plain_len:
                if self._trailing is not None and not done:
                    raise self._trailing
                if self._done:
                    break
                self._next_chunk()
                continue
            n = min(len(out) - done, self._plain_len - self._plain_pos)
            out[done:done + n] = memoryview(self._plain)[self._plain_pos:self._plain_pos + n]
            self._plain_pos += n
            done += n
        return done

    def ends_at(self, offset: int) -> bool:
        """Whether a chunk ending at stream `offset` authenticates as the final chunk.

        Used only before the first read, to tell a part cut short from a bundle that
        ends early with parts after it that do not belong.
        """
        index = max(0, (offset - self.payload_start - 1) // SEALED_CHUNK)
        start = self.payload_start + index * SEALED_CHUNK
        if not TAG <= offset - start <= SEALED_CHUNK:
            return False
        self._src.seek(start)
        try:
            sealed = memoryview(self._sealed)[:offset - start]
            if self._fill(sealed) != len(sealed):
                return False
            saved = self._counter
            self._counter = index
            try:
                return self._open(sealed, final=True)
            finally:
                self._counter, self._plain_len = saved, 0
        finally:
            self._src.seek(self.payload_start + self._counter * SEALED_CHUNK)

    @property
    def at_end(self) -> bool:
        """True once the final chunk has authenticated and all of it was read."""
        return self._done and self._trailing is None and self._plain_pos == self._plain_len
