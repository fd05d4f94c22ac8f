"""A bundle on disk: `bundle-<id>.NNN.age` parts and the `bundle-<id>.txt` note.

Parts and the note are user-facing output files (storage/outfiles.py: owner-only,
never over an existing file or through a link): written under hidden temp names
(`.bundle-<id>.NNN.age.<random>.tmp`), fsynced, then put in place, so a stick pulled
mid-export never leaves a part that looks complete; the note is written last
(restic's order: data first, the thing that says "done" last). A part never splits
one of age's 64 KiB chunks, so every chunk lies inside one part and a chunk that
fails authentication names exactly one part. Concatenated in name order, the parts
are one ordinary age file: `cat bundle-<id>.*.age | age -d`.

Reading checks the set of parts before any decryption: none missing, none extra
(against the note's count when the note is there); the reader then checks that
every part but the last holds whole chunks.
"""

from __future__ import annotations

import bisect
import itertools
import os
import re
from dataclasses import dataclass
from pathlib import Path

from core.i18n import _
from core.errors import BundleIncomplete, NotABundle, TamperedBundle, UsageError
from storage.fsio import disk_full_as_error, write_all
from storage.outfiles import open_temp, output_file, place
from storage.stage import Stage
from storage.bundles.age_stream import SEALED_CHUNK

MIN_SPLIT = 128 * 1024
MAX_SPLIT = 2 * 1024 ** 3
MAX_PARTS = 1000  # three digits: `bundle-<id>.*.age` then sorts in order in every shell
_BATCH = 1024 * 1024
_PART = re.compile(r"^bundle-([0-9a-z]{1,32})\.(\d{3,})\.age$")
_NOTE = re.compile(r"^bundle-([0-9a-z]{1,32})\.txt$")
_COUNT = re.compile(r"^Parts: (\d+)$", re.MULTILINE)


def part_name(bundle_id: str, index: int) -> str:
    """`bundle-<id>.NNN.age`."""
    return f"bundle-{bundle_id}.{index:03d}.age"


def note_name(bundle_id: str) -> str:
    """`bundle-<id>.txt`."""
    return f"bundle-{bundle_id}.txt"


def parse_size(text: str) -> int:
    """Bytes from `512K`, `100M`, `2G` (binary units) or a plain number of bytes."""
    match = re.fullmatch(r"\s*(\d+)\s*([KMG]?)(?:i?B)?\s*", text, re.IGNORECASE)
    if not match:
        raise UsageError(_("--split-size {text}: use a size such as 512K, 100M or 2G").format(text=repr(text)))
    size = int(match.group(1)) * 1024 ** " KMG".index((match.group(2) or " ").upper())
    if not MIN_SPLIT <= size <= MAX_SPLIT:
        raise UsageError(_("--split-size {text}: parts must be between 128K and 2G").format(text=text))
    return size


class PartWriter:
    """Write-only target of an AgeWriter: cuts the stream into parts on chunk boundaries.

    Writes are batched and handed to a helper thread (os.write releases the GIL while
    the caller encrypts). `close()` finishes the last part; `abort()` removes every
    part and temp file this writer made.
    """

    def __init__(self, folder: Path, bundle_id: str, split_size: int) -> None:
        self._folder = Path(folder)
        self._id = bundle_id
        self._split = split_size
        self._stage = Stage("kua-bundle-write")
        self._batch = bytearray()
        self._fd: int | None = None
        self._index = -1
        self._part_bytes = 0
        self.parts: list[Path] = []  # finished parts, renamed to their final names
        self._tmps: dict[int, Path] = {}  # part index -> its temporary file
        self.size = 0
        self._open_next()

    def _open_next(self) -> None:
        self._index += 1
        if self._index >= MAX_PARTS:
            raise UsageError(_("the bundle needs more than {MAX_PARTS} parts: use a larger "
                               "--split-size").format(MAX_PARTS=MAX_PARTS))
        self._part_bytes = 0
        self._stage.submit(self._open, self._index)

    def _open(self, index: int) -> None:
        self._fd, tmp = open_temp(self._folder / part_name(self._id, index))
        self._tmps[index] = tmp

    def write(self, data) -> int:
        """Append one piece (the AgeWriter hands over one header or one chunk per call)."""
        n = len(data)
        if self._part_bytes and self._part_bytes + n > self._split:
            self._flush()
            self._stage.submit(self._finish, self._index)
            self._open_next()
        self._batch += data
        self._part_bytes += n
        self.size += n
        if len(self._batch) >= _BATCH:
            self._flush()
        return n

    def _flush(self) -> None:
        if self._batch:
            self._stage.submit(self._write, self._batch)  # handed over, not copied
            self._batch = bytearray()

    def _write(self, data: bytes) -> None:
        with disk_full_as_error():
            write_all(self._fd, data)

    def _finish(self, index: int) -> None:
        """Runs on the helper thread: fsync, close, rename to the final name."""
        assert self._fd is not None
        with disk_full_as_error():
            os.fsync(self._fd)
            os.close(self._fd)
            self._fd = None
            final = self._folder / part_name(self._id, index)
            place(self._tmps[index], final)
        self.parts.append(final)

    def close(self) -> list[Path]:
        """Finish the last part; returns every part's path, in order."""
        self._flush()
        self._stage.submit(self._finish, self._index)
        self._stage.close()
        return list(self.parts)

    def abort(self) -> None:
        """Stop and delete what was written (temp files and finished parts)."""
        self._stage.abandon()
        if self._fd is not None:
            os.close(self._fd)
            self._fd = None
        for tmp in self._tmps.values():
            tmp.unlink(missing_ok=True)
        for part in self.parts:  # only what this writer put there
            part.unlink(missing_ok=True)


def write_note(folder: Path, bundle_id: str, parts: int, needs_age: str | None = None) -> Path:
    """Write `bundle-<id>.txt`, which says only how to open the bundle (atomically, last).

    `needs_age`: the oldest `age` that opens it (post-quantum bundles), if not any."""
    first, last = part_name(bundle_id, 0), part_name(bundle_id, parts - 1)
    text = (f"This folder holds an encrypted Kua bundle: bundle-{bundle_id}.\n"
            f"Parts: {parts}\n"
            f"Files: {first}" + (f" ... {last}" if parts > 1 else "") + "\n\n"
            "Only the holder of the organizer key it was made for can open it.\n\n"
            "With Kua:\n"
            "    kua verify --bundle THIS-FOLDER --identity KEYFILE\n"
            "    kua import THIS-FOLDER --identity KEYFILE\n\n"
            "Without Kua, with the standard age and tar tools:\n"
            f"    cat bundle-{bundle_id}.*.age | age -d -i KEYFILE | tar x\n"
            + (f"\nIt is encrypted to a post-quantum key (age1pq1…): it needs age {needs_age}"
               " or later (age 1.2 and older cannot open it).\n" if needs_age else ""))
    path = Path(folder) / note_name(bundle_id)
    with output_file(path) as f:
        f.write(text.encode())
    return path


@dataclass(frozen=True, slots=True)
class BundleFiles:
    """The files of one bundle in a folder, checked for gaps, extras and sizes."""

    bundle_id: str
    parts: tuple[Path, ...]
    note: Path | None
    note_parts: int | None  # the count the note states

    @property
    def size(self) -> int:
        """Bytes of all parts together."""
        return sum(p.stat().st_size for p in self.parts)


def scan(folder: Path) -> BundleFiles:
    """Find the bundle in `folder` and check its parts before anything is decrypted.

    Every `*.age` file in the folder must be one of the bundle's parts, named exactly
    as Kua names them: anything else (`.0001.age` beside `.000.age`, another bundle's
    part) is refused by name, whatever order the folder lists its files in.
    """
    folder = Path(folder)
    if not folder.is_dir():
        raise NotABundle(_("{folder} is not a folder").format(folder=folder))
    parts: dict[str, dict[int, Path]] = {}
    notes: dict[str, Path] = {}
    others: list[Path] = []
    for entry in sorted(folder.iterdir()):
        if (m := _PART.match(entry.name)) and entry.is_file() \
                and entry.name == part_name(m.group(1), int(m.group(2))):
            parts.setdefault(m.group(1), {})[int(m.group(2))] = entry
        elif (m := _NOTE.match(entry.name)) and entry.is_file():
            notes[m.group(1)] = entry
        elif entry.name.lower().endswith(".age"):
            others.append(entry)
    if not parts:
        if others:
            raise TamperedBundle(_("file {name}").format(name=others[0].name),
                                 _("is not named as Kua names parts"))
        raise NotABundle(_("{folder} holds no Kua bundle (no bundle-*.age parts)").format(folder=folder))
    bundle_id = _which_bundle(folder, parts, notes)
    others += [p for other, found in parts.items() if other != bundle_id for p in found.values()]
    if others:
        raise TamperedBundle(_("file {name}").format(name=min(others).name),
                             _("is not a part of bundle-{bundle_id}: one folder holds one bundle"
                               " and nothing else named *.age").format(bundle_id=bundle_id))
    found = parts[bundle_id]
    note = notes.get(bundle_id)
    stated = None
    if note is not None:
        m = _COUNT.search(note.read_text(encoding="utf-8", errors="replace")[:4096])
        stated = int(m.group(1)) if m else None
    for index in range(max(found) + 1):
        if index not in found:
            raise BundleIncomplete(_("part {name}").format(name=part_name(bundle_id, index)), _("is missing"))
    count = len(found)
    if count > MAX_PARTS:
        raise TamperedBundle(_("part {name}").format(name=part_name(bundle_id, MAX_PARTS)),
                             _("is extra: a bundle has at most {MAX_PARTS} parts").format(MAX_PARTS=MAX_PARTS))
    if stated is not None and count < stated:
        raise BundleIncomplete(_("part {name}").format(name=part_name(bundle_id, count)),
                               _("is missing ({note_name} lists {stated} parts)").format(note_name=note_name(bundle_id),
                                 stated=stated))
    if stated is not None and count > stated:
        raise TamperedBundle(_("part {name}").format(name=part_name(bundle_id, stated)),
                             _("is extra ({note_name} lists {stated} parts)").format(note_name=note_name(bundle_id),
                               stated=stated))
    return BundleFiles(bundle_id, tuple(found[i] for i in range(count)), note, stated)


def _which_bundle(folder: Path, parts: dict[str, dict[int, Path]],
                  notes: dict[str, Path]) -> str:
    """The bundle the folder holds: the only one, else the only one with a note."""
    if len(parts) == 1:
        return next(iter(parts))
    noted = [b for b in parts if b in notes]
    if len(noted) == 1:
        return noted[0]
    names = ", ".join(f"bundle-{b}" for b in sorted(parts))
    raise UsageError(_("{folder} holds several bundles ({names}): give one folder per"
                       " bundle").format(folder=folder, names=names))


class PartsReader:
    """The parts read as one stream (a `Source` for AgeReader) that can name any offset."""

    def __init__(self, parts: tuple[Path, ...]) -> None:
        self._paths = parts
        self._sizes = [p.stat().st_size for p in parts]
        self._starts = list(itertools.accumulate(self._sizes, initial=0))[:-1]
        self.size = sum(self._sizes)
        self._fds: dict[int, int] = {}
        self._pos = 0

    def _part_of(self, offset: int) -> int:
        return max(0, bisect.bisect_right(self._starts, offset) - 1)

    def readinto(self, buffer: memoryview) -> int:
        """Read at the current offset, never across a part boundary; 0 at the end."""
        if self._pos >= self.size or not len(buffer):
            return 0
        index = self._part_of(self._pos)
        fd = self._fds.get(index)
        if fd is None:
            for old in list(self._fds):  # keep one part open at a time
                os.close(self._fds.pop(old))
            fd = self._fds[index] = os.open(self._paths[index], os.O_RDONLY)
            os.posix_fadvise(fd, 0, 0, os.POSIX_FADV_SEQUENTIAL)
        within = self._pos - self._starts[index]
        want = min(len(buffer), self._sizes[index] - within)
        got = os.preadv(fd, [buffer[:want]], within)
        if got == 0:
            raise BundleIncomplete(_("part {name}").format(name=self._paths[index].name),
                                   _("shrank while it was being read"))
        self._pos += got
        return got

    def seek(self, offset: int) -> int:
        """Move to a stream offset (parts concatenated)."""
        self._pos = offset
        return offset

    def where(self, start: int, end: int) -> str:
        """`part X` (or `parts X and Y`) holding the bytes [start, end)."""
        first, last = self._part_of(start), self._part_of(max(start, end - 1))
        if first == last:
            return _("part {name}").format(name=self._paths[first].name)
        return _("parts {first} to {last}").format(first=self._paths[first].name,
                                                   last=self._paths[last].name)

    def boundary(self, start: int, end: int) -> int | None:
        """The first offset in (start, end) where a part begins, if any."""
        index = bisect.bisect_right(self._starts, start)
        if index < len(self._starts) and self._starts[index] < end:
            return self._starts[index]
        return None

    def part_ends(self) -> list[int]:
        """The stream offset where each part ends."""
        return [start + size for start, size in zip(self._starts, self._sizes)]

    def whole_chunks(self, index: int, payload_start: int) -> bool:
        """Whether part `index` holds whole sealed chunks, as every part but the last must."""
        body = self._sizes[index] - (payload_start if index == 0 else 0)
        return body > 0 and body % SEALED_CHUNK == 0

    def close(self) -> None:
        """Close the open part file."""
        for fd in self._fds.values():
            os.close(fd)
        self._fds.clear()
