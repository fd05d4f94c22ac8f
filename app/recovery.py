"""What happens at unlock to work a crash left unfinished.

Unfinished imports are erased, testimony and all (storage/vault.py erases their
items; `erase_unfinished_imports` their testimonies): the original files are still
where they were. Recordings cut by `kill -9`, power loss or a full disk (state
`recording`) are kept: their sealed object is ended at the last whole MP4 fragment
(storage/repair.py), re-hashed and probed, and the item marked `recovered` with its
real duration. A segment damaged on the disk ends the recording at the last whole
fragment before it: the item is marked `damaged` at that media time. Nothing else is
discarded: if not even one fragment is whole, every whole segment is kept and the
item is marked `failed`; a recording whose file is missing is marked `lost` (and
`kua rm` removes it). Transcoding jobs found running go back in the queue (their
unfinished outputs were erased as `writing` items).
"""

from __future__ import annotations

import hashlib
from typing import BinaryIO

from media.fmp4 import last_whole_fragment_end
from media.probe import probe
from core.errors import ObjectMissing
from storage.models import MediaItem
from storage.repair import repair
from storage.vault import Vault

from app.transcode.service import requeue_interrupted
from app.library import erase_unfinished_imports

_CHUNK = 1024 * 1024


def sha256_of(reader: BinaryIO) -> str:
    """SHA-256 of everything a reader yields from its start."""
    reader.seek(0)
    digest = hashlib.sha256()
    while chunk := reader.read(_CHUNK):
        digest.update(chunk)
    return digest.hexdigest()


def _fragment_end(reader: BinaryIO, whole: int) -> int:
    end = last_whole_fragment_end(reader, whole)
    return end if end else whole  # not even one fragment: keep every byte, never discard


def finish_interrupted(vault: Vault, item_id: str, dropped_frames: int | None = None) -> MediaItem:
    """End an interrupted recording at its last whole fragment (before any damaged
    segment) and record what it is."""
    ref = vault.items.object_ref(item_id)

    def mark_damaged(offset: int) -> None:  # durable before the object is cut
        with vault.transaction():
            vault.items.update(item_id, damage="damaged")
            vault.audit.append("item.damaged", item_id, offset=offset)

    try:
        done = repair(vault.objects_dir, ref.object_name, ref.key, ref.item_id, ref.layout,
                      _fragment_end, mark_damaged)
    except ObjectMissing:
        with vault.transaction():
            vault.items.update(item_id, state="failed", damage="lost", size=0, sha256=None,
                               duration=None)
            vault.audit.append("item.lost", item_id)
        return vault.items.get(item_id)
    fields: dict = dict(state="failed", size=0, sha256=None, duration=None)
    if done.finished:
        with vault.reader(item_id) as reader:
            sha = sha256_of(reader)
            whole = last_whole_fragment_end(reader, done.length) == done.length and done.length > 0
            info = probe(reader)
        state = "recovered" if whole and info.media_type in ("video", "audio") else "failed"
        fields = dict(state=state, size=done.length, sha256=sha, duration=info.duration)
        if info.codec:
            fields.update(codec=info.codec, audio_codec=info.audio_codec, width=info.width,
                          height=info.height)
    if vault.items.get(item_id).damage == "damaged":
        fields["damage_at"] = fields["duration"] or 0.0
    if dropped_frames is not None:
        fields["dropped_frames"] = dropped_frames
    with vault.transaction():
        vault.items.update(item_id, **fields)
        vault.audit.append("item.recover", item_id, size=fields["size"], state=fields["state"])
    return vault.items.get(item_id)


def recover_interrupted(vault: Vault) -> list[str]:
    """Erase unfinished imports, re-queue cut-short jobs (app/transcode/service.py), and recover every
    recording left in state `recording`."""
    erase_unfinished_imports(vault)
    requeue_interrupted(vault)
    recovered = []
    for item in vault.items.in_state("recording"):
        finish_interrupted(vault, item.id)
        recovered.append(item.id)
    return recovered
