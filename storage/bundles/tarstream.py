"""The tar inside a bundle: written with `tarfile`'s own ustar headers, read strictly.

Writing: each member is a `tarfile.TarInfo` header in POSIX ustar format (so GNU tar,
bsdtar and Python all read it), the data streamed straight after it, padding to
512 bytes, and the end-of-archive blocks, then zeros to the archive's size bucket;
nothing is held but one header.

Reading does not use `tarfile`: in stream mode it reads a pax or GNU long-name
header's whole body into memory before the caller sees the member, so a hostile
header claiming gigabytes would exhaust memory. This reader accepts exactly what
the writer makes, plain ustar regular files, and names what else it finds (link,
device file, folder, extended header, absolute path, `..`) before reading any data.
"""

from __future__ import annotations

import tarfile
from dataclasses import dataclass

from core.i18n import N_, _

from storage.padding import padded_stream_length

BLOCK = 512
RECORD = 20 * BLOCK
_ZEROS = bytes(64 * 1024)
_USTAR_MAGIC = b"ustar\x0000"
_TYPES = {b"1": N_("is a hard link"), b"2": N_("is a symbolic link"),
          b"3": N_("is a device file"), b"4": N_("is a device file"), b"5": N_("is a folder"),
          b"6": N_("is a named pipe"), b"7": N_("is a special file"),
          b"x": N_("uses a pax extended header"), b"g": N_("uses a pax global header"),
          b"L": N_("uses a GNU long name"), b"K": N_("uses a GNU long link name"),
          b"S": N_("is a sparse file")}


class TarWriter:
    """Write a ustar archive into `out` (a file object), one member at a time."""

    def __init__(self, out, mtime: int) -> None:
        self._out = out
        self._mtime = mtime
        self._remaining = 0
        self._written = 0
        self.size = 0

    def begin(self, name: str, size: int) -> None:
        """Start a regular file of exactly `size` bytes; write its data with `write`."""
        if self._remaining:
            raise ValueError("the previous tar member is not complete")
        info = tarfile.TarInfo(name)
        info.size, info.mtime, info.mode = size, self._mtime, 0o644
        info.uname = info.gname = ""
        self._emit(info.tobuf(format=tarfile.USTAR_FORMAT, encoding="utf-8", errors="strict"))
        self._remaining = size
        if size == 0:
            self._pad()

    def write(self, data) -> int:
        """Data of the current member (never more than its declared size)."""
        n = len(data)
        if n > self._remaining:
            raise ValueError("more data than the tar member's declared size")
        self._emit(data)
        self._remaining -= n
        if self._remaining == 0:
            self._pad()
        return n

    def add(self, name: str, data: bytes) -> None:
        """A whole small member."""
        self.begin(name, len(data))
        if data:
            self.write(data)

    def _pad(self) -> None:
        if self.size % BLOCK:
            self._emit(bytes(BLOCK - self.size % BLOCK))

    def _emit(self, data) -> None:
        self._out.write(data)
        self.size += len(data)

    def close(self) -> None:
        """The end-of-archive blocks, then zeros up to the archive's Padmé bucket in
        whole records (storage/padding.py), so the bundle's size tells only the bucket:
        tar readers stop at the end blocks, and Kua's reader checks the rest is zeros."""
        if self._remaining:
            raise ValueError("the last tar member is not complete")
        self._emit(bytes(2 * BLOCK))
        remaining = padded_stream_length(self.size, RECORD) - self.size
        while remaining:
            chunk = min(remaining, len(_ZEROS))
            self._emit(memoryview(_ZEROS)[:chunk])
            remaining -= chunk


class TarProblem(Exception):
    """An entry or the archive itself is not what a bundle may hold."""

    def __init__(self, name: str | None, reason: str) -> None:
        super().__init__(reason)
        self.name = name
        self.reason = reason


@dataclass(frozen=True, slots=True)
class Member:
    """A regular file in the archive."""

    name: str
    size: int


def _octal(field: bytes, what: str) -> int:
    text = field.rstrip(b"\x00 ").lstrip(b" ")
    if not text or not all(48 <= c <= 55 for c in text):
        raise TarProblem(None, _("has a malformed tar header ({what})").format(what=what))
    return int(text, 8)


def _checksum_ok(header: bytes) -> bool:
    stored = _octal(header[148:156], "checksum")
    return stored == sum(header[:148]) + 8 * 32 + sum(header[156:])


def _safe_name(raw: str) -> str | None:
    """Why `raw` may not be extracted as is, or None if it is a plain relative path."""
    if raw.startswith("/") or (len(raw) > 1 and raw[1] == ":"):
        return _("has an absolute path")
    if ".." in raw.replace("\\", "/").split("/"):
        return _("climbs out of its folder ('..')")
    return None


class TarReader:
    """Read a ustar stream from `src` (with `readinto`); regular files only."""

    def __init__(self, src) -> None:
        self._src = src
        self._remaining = 0
        self._padding = 0
        self._block = bytearray(BLOCK)

    def _read_exact(self, view: memoryview) -> None:
        got = 0
        while got < len(view):
            n = self._src.readinto(view[got:])
            if not n:
                raise TarProblem(None, _("ends inside the tar archive"))
            got += n

    def next(self, max_size: int) -> Member | None:
        """The next member's header, or None at the end of the archive.

        Raises TarProblem for anything but a regular file with a safe name, or one
        whose declared size exceeds `max_size`; nothing of its data is read.
        """
        if self._remaining or self._padding:
            self.skip()
        header = memoryview(self._block)
        self._read_exact(header)
        if self._block.count(0) == BLOCK:
            self._read_exact(header)
            if self._block.count(0) != BLOCK:
                raise TarProblem(None, _("has a malformed end of the tar archive"))
            return None
        raw = bytes(self._block)
        if not _checksum_ok(raw):
            raise TarProblem(None, _("has a damaged tar header (checksum)"))
        name = raw[0:100].split(b"\x00", 1)[0]
        prefix = raw[345:500].split(b"\x00", 1)[0] if raw[257:265] == _USTAR_MAGIC else b""
        try:
            text = ((prefix + b"/" if prefix else b"") + name).decode("utf-8")
        except UnicodeDecodeError:
            raise TarProblem(repr(name)[2:-1], _("has a name that is not UTF-8")) from None
        kind = raw[156:157]
        if kind in _TYPES:
            raise TarProblem(text, _(_TYPES[kind]))
        if kind not in (b"0", b"\x00"):
            raise TarProblem(text, _("has an unknown tar entry type {kind}").format(
                kind=repr(kind)))
        if raw[257:265] != _USTAR_MAGIC:
            raise TarProblem(text, _("is not in the ustar format Kua writes"))
        if (why := _safe_name(text)) is not None:
            raise TarProblem(text, why)
        if raw[124] & 0x80:
            raise TarProblem(text, _("declares a size in base-256 (larger than Kua writes)"))
        size = _octal(raw[124:136], "size")
        if size > max_size:
            raise TarProblem(text, _("declares {size} bytes, more than the {max_size}"
                                     " expected").format(size=size, max_size=max_size))
        self._remaining = size
        self._padding = -size % BLOCK
        return Member(text, size)

    def readinto(self, buffer) -> int:
        """Data of the current member; 0 at its end."""
        view = memoryview(buffer).cast("B")[:self._remaining]
        if not len(view):
            return 0
        n = self._src.readinto(view)
        if not n:
            raise TarProblem(None, _("ends inside a tar member"))
        self._remaining -= n
        return n

    def skip(self) -> None:
        """Read past the rest of the current member and its padding."""
        scratch = bytearray(64 * 1024)
        while self._remaining:
            self.readinto(scratch)
        if self._padding:
            self._read_exact(memoryview(self._block)[:self._padding])
            self._padding = 0

    def drain(self) -> None:
        """After the end blocks, read to the end: only zero padding may follow."""
        scratch = bytearray(64 * 1024)
        while n := self._src.readinto(scratch):
            if scratch.count(0, 0, n) != n:
                raise TarProblem(None, _("has data after the end of the tar archive"))
