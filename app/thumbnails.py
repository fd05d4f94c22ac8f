"""The small picture the library shows for a testimony, made in memory from sealed media.

Thumbnails are never stored: the library asks for one when a row is painted and
keeps it in memory until the vault is locked. The picture comes from the
testimony's first still photo, else from a frame of its video (the master first).
"""

from __future__ import annotations

from media.thumbnail import DECODE_ERRORS, image_thumbnail, video_thumbnail
from storage.models import MediaItem
from storage.vault import Vault

SIZE = 240
_USABLE = ("complete", "recovered")
# Where a picture is looked for, in order: photos first, then the video items.
_VIDEO_ORDER = ("master", "imported", "share", "anonymized", "proxy")


def candidates(items: list[MediaItem]) -> list[MediaItem]:
    """The items a thumbnail may come from, best first."""
    usable = [i for i in items if i.state in _USABLE]
    stills = [i for i in usable if i.kind == "still" and i.media_type == "image"]
    videos = [i for kind in _VIDEO_ORDER for i in usable
              if i.kind == kind and i.media_type == "video"]
    images = [i for i in usable if i.kind == "imported" and i.media_type == "image"]
    return stills + videos + images


def thumbnail_jpeg(vault: Vault, testimony_id: str, size: int = SIZE) -> bytes | None:
    """JPEG bytes of the testimony's thumbnail (longer side `size`), or None if it has no picture.

    An item that cannot be decoded is skipped for the next one; errors of the vault
    itself (a missing or damaged object) are raised as they are.
    """
    for item in candidates(vault.items.of_testimony(testimony_id)):
        with vault.reader(item.id) as reader:
            try:
                if item.media_type == "image":
                    return image_thumbnail(reader.read(), size, item.width)
                return video_thumbnail(reader, size)
            except DECODE_ERRORS:
                continue  # not a picture after all: try the next item
    return None
