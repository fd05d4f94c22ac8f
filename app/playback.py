"""Play an item straight from the vault: a decrypting, seekable reader, no plaintext file.

`open_for_playback` looks the item up in the catalogue (so it runs where the vault
lives: the GUI's vault thread) and returns a `SealedReader`. After that, reading is
file I/O and AES-GCM only: the reader holds the item's key, its layout and its own
file descriptors, never the catalogue connection, so it may be read on another
thread (a media player's) and keeps working until it is closed. It is not safe for
two threads at once (one position, one segment buffer): whoever shares it serialises
access. Damage is found by the read that touches it and raised as `ObjectTampered`.
"""

from __future__ import annotations

import hashlib

from core.i18n import _
from core.errors import HashMismatch, MediaError, ObjectTruncated
from storage.models import MediaItem
from storage.sealed import SealedReader
from storage.vault import Vault

from app.library import resolve_item

PLAYABLE_STATES = ("complete", "recovered")
PLAYABLE_TYPES = ("video", "audio", "image")
MAX_STILL_BYTES = 256 * 1024 * 1024  # a photo is decoded in memory: refuse absurd sizes
_HEAD = 64

# (signature test, extension): checked in order on the first bytes of the plaintext.
_SIGNATURES: tuple[tuple[object, str], ...] = (
    (lambda h: h[4:8] == b"ftyp" and h[8:12] in (b"M4A ", b"M4B "), "m4a"),
    (lambda h: h[4:8] == b"ftyp" and h[8:10] == b"qt", "mov"),
    (lambda h: h[4:8] in (b"ftyp", b"moov", b"mdat", b"free", b"wide"), "mp4"),
    (lambda h: h.startswith(b"OggS"), "ogg"),
    (lambda h: h.startswith(b"\x1a\x45\xdf\xa3") and b"webm" in h, "webm"),
    (lambda h: h.startswith(b"\x1a\x45\xdf\xa3"), "mkv"),
    (lambda h: h.startswith(b"RIFF") and h[8:12] == b"WAVE", "wav"),
    (lambda h: h.startswith(b"RIFF") and h[8:12] == b"AVI ", "avi"),
    (lambda h: h.startswith(b"fLaC"), "flac"),
    (lambda h: h.startswith(b"ID3") or (len(h) > 1 and h[0] == 0xFF and h[1] & 0xE0 == 0xE0), "mp3"),
    (lambda h: h.startswith(b"\xff\xd8\xff"), "jpg"),
    (lambda h: h.startswith(b"\x89PNG"), "png"),
)


def open_for_playback(vault: Vault, some_id: str) -> tuple[MediaItem, SealedReader]:
    """The item (a testimony id means its primary item) and a reader of its plaintext.

    Only finished items play (complete, or recovered after a crash); a document is
    refused. Truncation is found here, other damage by the read that meets it. The
    caller closes the reader.
    """
    item = resolve_item(vault, some_id)
    if item.state not in PLAYABLE_STATES:
        if item.state == "recording":
            text = _("item {id} cannot be played: it is still being recorded")
        elif item.state == "failed":
            text = _("item {id} cannot be played: its recording failed and nothing of it could"
                     " be kept")
        else:
            text = _("item {id} cannot be played: it is {state}")
        raise MediaError(text.format(id=item.id, state=item.state))
    if item.media_type not in PLAYABLE_TYPES:
        raise MediaError(_("item {id} is a document, not a recording or a photo: Kua cannot "
                           "show it").format(id=item.id))
    return item, vault.reader(item.id)


def container_extension(head: bytes) -> str:
    """A file extension for the container whose first bytes are `head` ("bin" if unknown)."""
    for test, ext in _SIGNATURES:
        if test(head):  # type: ignore[operator]
            return ext
    return "bin"


def source_name(reader: SealedReader) -> str:
    """A neutral name for a player's format guess, e.g. "item.mp4" (never the original name)."""
    position = reader.tell()
    reader.seek(0)
    head = reader.read(_HEAD)
    reader.seek(position)
    return f"item.{container_extension(head)}"


def read_still(vault: Vault, some_id: str) -> tuple[MediaItem, bytes]:
    """A photo's bytes, in memory only, checked against the catalogue's SHA-256."""
    item, reader = open_for_playback(vault, some_id)
    with reader:
        if item.media_type != "image":
            raise MediaError(_("item {id} is not a photo").format(id=item.id))
        if reader.size > MAX_STILL_BYTES:
            raise MediaError(_("item {id} is too large to show as a photo ({value} MiB)").format(id=item.id,
                               value=reader.size // (1024 * 1024)))
        data = reader.read()
    if len(data) != item.size:
        raise ObjectTruncated(item.id, _("{count} bytes instead of {size}").format(count=len(data),
                                         size=item.size))
    if item.sha256 and hashlib.sha256(data).hexdigest() != item.sha256:
        raise HashMismatch(item.id, _("its SHA-256 differs from the catalogue"))
    return item, data
