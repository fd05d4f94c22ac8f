"""Sealed objects on disk: layout, part files, nonces, and how an object ends.

See storage/sealed.py for the format; this module holds what the writer, the
reader, repair (storage/repair.py) and copies (storage/replica/copying.py) share
without reading or writing a whole object: where parts live and how big an intact
object's files are, the nonce of a segment, and the length an object's final
segment says it has (padded or not).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESGCM

from storage.padding import TRAILER, padded_object_length

TAG_SIZE = 16
DEFAULT_SEGMENT_SIZE = 1024 * 1024
MAX_FILE_BYTES = 2 * 1024 ** 3 - 1  # FAT32's limit is 4 GiB - 1; 2 GiB suits every tool
ORDINARY, FINAL, FINAL_PADDED = 0, 1, 2  # the nonce's last byte


@dataclass(frozen=True, slots=True)
class Layout:
    """How an object's plaintext maps onto sealed segments and part files."""

    segment_size: int = DEFAULT_SEGMENT_SIZE
    segments_per_part: int = MAX_FILE_BYTES // (DEFAULT_SEGMENT_SIZE + TAG_SIZE)

    @classmethod
    def for_segment_size(cls, segment_size: int, max_file_bytes: int = MAX_FILE_BYTES) -> "Layout":
        """The layout with the most segments per part that keeps parts under the limit."""
        return cls(segment_size, max_file_bytes // (segment_size + TAG_SIZE))

    @property
    def sealed_size(self) -> int:
        return self.segment_size + TAG_SIZE

    @property
    def part_bytes(self) -> int:
        return self.segments_per_part * self.sealed_size


def part_path(objects_dir: Path, name: str, index: int) -> Path:
    """Where part `index` of object `name` lives."""
    leaf = name if index == 0 else f"{name}.{index}"
    return objects_dir / name[:2] / leaf


def part_sizes(size: int, layout: Layout, padded: bool = True) -> list[int]:
    """The sizes of the part files of an intact object of `size` plaintext bytes
    (`padded`: as written now; else as written before padding existed)."""
    plain = padded_object_length(size, layout.segment_size) if padded else size
    segments = max(1, -(-plain // layout.segment_size))
    total = plain + segments * TAG_SIZE
    sizes = []
    while total > layout.part_bytes:
        sizes.append(layout.part_bytes)
        total -= layout.part_bytes
    return sizes + [total]


def is_padded(objects_dir: Path, name: str, size: int, layout: Layout) -> bool:
    """Whether the object on disk has the padded format (its last part's size says so:
    a padded object is always longer). False also when it is not there."""
    sizes = part_sizes(size, layout)
    try:
        return part_path(objects_dir, name, len(sizes) - 1).stat().st_size == sizes[-1]
    except FileNotFoundError:
        return False


def final_length(aead: AESGCM, aad: bytes, index: int, sealed: bytes,
                 segment_size: int) -> int | None:
    """If `sealed` is segment `index` sealed as an object's final segment (either
    format), the object's true plaintext length; else None."""
    for flag in (FINAL_PADDED, FINAL):
        try:
            plain = aead.decrypt(_nonce(index, flag), sealed, aad)
        except (InvalidTag, ValueError):
            continue
        total = index * segment_size + len(plain)
        if flag == FINAL:
            return total
        return _true_length(plain, total, segment_size)
    return None


def _true_length(final_plain: bytes | memoryview, total: int, segment_size: int) -> int | None:
    """The length in a padded object's trailer, if it is consistent with `total`."""
    if len(final_plain) < TRAILER:
        return None
    size = int.from_bytes(final_plain[-TRAILER:], "big")
    return size if padded_object_length(size, segment_size) == total else None


def existing_parts(objects_dir: Path, name: str) -> list[Path]:
    """The part files of an object that exist, in order, stopping at the first gap."""
    parts = []
    while (p := part_path(objects_dir, name, len(parts))).exists():
        parts.append(p)
    return parts


def _nonce(index: int, final: int) -> bytes:
    """11-byte counter, then ORDINARY (False), FINAL (True) or FINAL_PADDED."""
    return index.to_bytes(11, "big") + bytes((int(final),))


def remove_object(objects_dir: Path, name: str) -> None:
    """Delete every part file of an object (call only after its key is gone)."""
    index = 0
    while True:
        path = part_path(objects_dir, name, index)
        if not path.exists():
            # A gap can exist after a crash; look a little further before stopping.
            if not part_path(objects_dir, name, index + 1).exists():
                break
        path.unlink(missing_ok=True)
        index += 1
