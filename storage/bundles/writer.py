"""Write a bundle: parts ← age ← tar ← manifest, signature and media, in one stream.

Nothing is staged: media are read from the vault's sealed objects, hashed on a
helper thread (the manifest's SHA-256 must match what leaves the vault), written
into the tar, encrypted, and cut into parts, which a second helper thread writes.
Any failure removes every part.
"""

from __future__ import annotations

import hashlib
from pathlib import Path
from typing import Callable

from core.i18n import _
from core.errors import HashMismatch, ObjectTruncated
from storage.models import MediaItem
from storage.stage import Stage
from storage.bundles import age_keys
from storage.bundles.age_pq import AGE_VERSION
from storage.bundles.age_stream import AgeWriter
from storage.bundles.manifest import folder_name, media_path
from storage.bundles.parts import PartWriter, write_note
from storage.bundles.tarstream import TarWriter

COPY_CHUNK = 1024 * 1024


class BundleWriter:
    """A bundle being written into `folder`; `close()` finishes it, `abort()` removes it."""

    def __init__(self, folder: Path, bundle_id: str, recipients: list[age_keys.AnyRecipient],
                 split_size: int, mtime: int) -> None:
        self.folder = Path(folder)
        self.bundle_id = bundle_id
        self._parts = PartWriter(self.folder, bundle_id, split_size)
        try:
            self._age = AgeWriter(self._parts, lambda key: [r.stanza(key) for r in recipients])
        except BaseException:
            self._parts.abort()
            raise
        self._needs_age = AGE_VERSION if any(r.post_quantum for r in recipients) else None
        self._tar = TarWriter(self._age, mtime)
        self._root = folder_name(bundle_id)

    @property
    def encrypted_bytes(self) -> int:
        """Bytes of ciphertext written so far."""
        return self._parts.size

    def add_manifest(self, manifest: bytes, signature: bytes) -> None:
        """The first two members: manifest.json and manifest.sig."""
        self._tar.add(f"{self._root}/manifest.json", manifest)
        self._tar.add(f"{self._root}/manifest.sig", signature)

    def add_media(self, item: MediaItem, reader, tick: Callable[[int], None]) -> None:
        """Copy an item's plaintext from `reader` into the bundle, checking size and SHA-256.

        `tick(n)` is called after every chunk (progress; it may raise to cancel).
        """
        self._tar.begin(f"{self._root}/{media_path(item)}", item.size)
        digest = hashlib.sha256()
        hasher = Stage("kua-bundle-sha256")
        done = 0
        try:
            while done < item.size:
                # A fresh buffer each time: the hashing thread reads it while we go on.
                buffer = bytearray(min(COPY_CHUNK, item.size - done))
                n = reader.readinto(buffer)
                if not n:
                    raise ObjectTruncated(item.id, _("{done} bytes instead of {size}").format(done=done,
                                                     size=item.size))
                chunk = memoryview(buffer)[:n]
                hasher.submit(digest.update, chunk)
                self._tar.write(chunk)
                done += n
                tick(n)
            if reader.read(1):
                raise HashMismatch(item.id, _("it is longer than the catalogue says"))
            hasher.close()
        finally:
            hasher.abandon()
        if digest.hexdigest() != item.sha256:
            raise HashMismatch(item.id, _("its SHA-256 differs from the catalogue"))

    def close(self) -> list[Path]:
        """End the tar and the age stream, finish the parts, then write the note (last)."""
        self._tar.close()
        self._age.close()
        parts = self._parts.close()
        write_note(self.folder, self.bundle_id, len(parts), self._needs_age)
        return parts

    def abort(self) -> None:
        """Remove everything written so far."""
        self._parts.abort()
