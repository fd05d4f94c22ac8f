"""Read a bundle and check all of it: parts, decryption, signature, every hash.

Order: the parts are checked as files first (`parts.scan`); then the age header is
opened with the organizer's identity; then the manifest and its signature, which
come first in the tar, are read and verified before any media; then each media
file is streamed to the caller, its size checked against the manifest before a
byte is read and its SHA-256 after the last. `finish()` checks that every listed
item came, that nothing follows the archive, and that the age stream ended with
its final chunk. Every error names the part, file or item at fault.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from pathlib import Path
from typing import Callable, Iterator

from core.i18n import _
from core.errors import BundleIncomplete, TamperedBundle, WrongIdentity
from storage.models import MediaItem
from storage.stage import Stage
from storage.bundles import manifest as mf
from storage.bundles.age import HeaderAltered, NoMatchingIdentity
from storage.bundles.age_keys import AnyIdentity
from storage.bundles.age_stanza import AgeError
from storage.bundles.age_pq import AGE_VERSION, STANZA_TYPE, HybridIdentity
from storage.bundles.age_stream import AgeReader, StreamCutShort, StreamDamaged
from storage.bundles.parts import BundleFiles, PartsReader, scan
from storage.bundles.tarstream import TarProblem, TarReader

COPY_CHUNK = 1024 * 1024


@dataclass(frozen=True, slots=True)
class Entry:
    """A media file being read from the bundle: its manifest item and its data."""

    item: MediaItem
    reader: "_EntryReader"


class _EntryReader:
    """The data of one media file.

    `readinto` hashes what passes on a helper thread. A consumer that hashes the data
    anyway (the vault's sealing writer does) reads with `readinto_unhashed` and hands
    its digest to `declare_sha256` instead: the reader then checks that one.
    """

    def __init__(self, tar: TarReader, item: MediaItem, guard: Callable) -> None:
        self._tar = tar
        self._guard = guard
        self.item = item
        self.done = 0
        self._digest = hashlib.sha256()
        self._hasher: Stage | None = None
        self._unhashed = False
        self._declared: str | None = None

    def readinto_unhashed(self, buffer) -> int:
        """Up to len(buffer) bytes of the file, not hashed here; 0 at its end."""
        if self._hasher is not None:
            raise RuntimeError("an entry is read either hashed or unhashed, not both")
        self._unhashed = True
        n = self._guard(lambda: self._tar.readinto(buffer))
        self.done += n
        return n

    def readinto(self, buffer) -> int:
        """Up to len(buffer) bytes of the file, hashed; 0 at its end."""
        if self._unhashed:
            raise RuntimeError("an entry is read either hashed or unhashed, not both")
        if self._hasher is None:
            self._hasher = Stage("kua-bundle-sha256")
        n = self._guard(lambda: self._tar.readinto(buffer))
        if n:
            self._hasher.submit(self._digest.update, bytes(memoryview(buffer)[:n]))
            self.done += n
        return n

    def read_all(self, tick: Callable[[int], None]) -> None:
        """Read (and hash) the rest of the file without keeping it."""
        buffer = bytearray(COPY_CHUNK)
        while n := self.readinto(buffer):
            tick(n)

    def declare_sha256(self, hexdigest: str) -> None:
        """The SHA-256 of everything read unhashed, computed by the consumer."""
        self._declared = hexdigest

    def sha256(self) -> str:
        """The SHA-256 of the whole file (call once, at the end)."""
        if self._unhashed:
            if self._declared is None:
                raise RuntimeError("an entry read unhashed needs declare_sha256()")
            return self._declared
        if self._hasher is not None:
            self._hasher.close()
        return self._digest.hexdigest()

    def abandon(self) -> None:
        """Stop the hashing thread (after `sha256`, or when reading stopped early)."""
        if self._hasher is not None:
            self._hasher.abandon()


def _no_match(bundle_id: str, first: str, types: tuple[bytes, ...],
              identities: list[AnyIdentity]) -> str:
    """Why no identity opened the bundle, naming the kind of key it needs if that is why."""
    pq = [isinstance(i, HybridIdentity) for i in identities]
    if types and set(types) == {STANZA_TYPE} and not any(pq):
        return _("bundle-{bundle_id} is encrypted to a post-quantum organizer key (age1pq1…),"
                 " and this key file holds only classic keys (AGE-SECRET-KEY-1…): use the"
                 " post-quantum key it was made for (outside Kua, with age {version} or"
                 " later)").format(bundle_id=bundle_id, version=AGE_VERSION)
    if types and STANZA_TYPE not in types and all(pq):
        return _("bundle-{bundle_id} is encrypted to a classic organizer key (age1…), and this"
                 " key file holds only post-quantum keys (AGE-SECRET-KEY-PQ-1…): use the classic"
                 " key it was made for").format(bundle_id=bundle_id)
    return _("bundle-{bundle_id} is not encrypted to this identity (or the header of {first} is "
             "damaged): use the organizer key it was made for").format(bundle_id=bundle_id,
                                                                      first=first)


class BundleReader:
    """An opened bundle: `manifest` is verified; `entries()` streams the media."""

    def __init__(self, folder: Path, identities: list[AnyIdentity]) -> None:
        self.files: BundleFiles = scan(folder)
        self.bundle_id = self.files.bundle_id
        self._src = PartsReader(self.files.parts)
        first = _("part {name}").format(name=self.files.parts[0].name)
        try:
            self._age = AgeReader(self._src, identities)
        except NoMatchingIdentity as exc:
            self._src.close()
            raise WrongIdentity(_no_match(self.bundle_id, first, exc.stanza_types,
                                          identities)) from None
        except HeaderAltered:
            self._src.close()
            raise TamperedBundle(first, _("has an altered age header")) from None
        except StreamDamaged as exc:
            self._src.close()
            raise BundleIncomplete(exc.where, exc.reason) from None
        except AgeError as exc:
            self._src.close()
            raise TamperedBundle(first, _("is not a valid age file ({exc})").format(exc=exc)) from None
        self._tar = TarReader(self._age)
        self._root = mf.folder_name(self.bundle_id)
        try:
            self._check_part_sizes()
            raw = self._member_bytes("manifest.json", mf.MAX_MANIFEST)
            signature = self._member_bytes("manifest.sig", mf.SIGNATURE_SIZE)
            self.manifest = mf.parse(raw, self.bundle_id)
            mf.verify_signature(self.manifest, signature)
            if self._root != mf.folder_name(self.bundle_id):
                raise TamperedBundle(_("manifest.json of bundle-{bundle_id}").format(bundle_id=self.bundle_id),
                                     _("lies in {value}/, not {folder_name}/").format(value=self._root[:60],
                                       folder_name=mf.folder_name(self.bundle_id)))
        except BaseException:
            self._src.close()
            raise

    def _check_part_sizes(self) -> None:
        """Every part but the last holds whole chunks; if one does not, say which is wrong.

        A part of the wrong size is either cut short, or it is where the bundle really
        ends and the parts after it do not belong: its last chunk, sealed as final, tells.
        """
        parts = self.files.parts
        for index, end in enumerate(self._src.part_ends()[:-1]):
            if self._src.whole_chunks(index, self._age.payload_start):
                continue
            if self._age.ends_at(end):
                raise TamperedBundle(_("part {name}").format(name=parts[index + 1].name), _("is extra: the bundle "
                                                                        "ends in part {name}").format(name=parts[index].name))
            raise BundleIncomplete(_("part {name}").format(name=parts[index].name), _("has the wrong size for a "
                                                                  "whole part: it was cut short "
                                                                  "or altered"))

    @property
    def encrypted_size(self) -> int:
        """Bytes of all parts together."""
        return self._src.size

    def _guard(self, fn: Callable):
        """Run a read; turn age and tar problems into errors naming the place."""
        try:
            return fn()
        except StreamCutShort as exc:
            raise BundleIncomplete(exc.where, exc.reason) from None
        except StreamDamaged as exc:
            raise TamperedBundle(exc.where, exc.reason) from None
        except TarProblem as exc:
            where = (_("entry {value} of bundle-{bundle_id}").format(value=repr(exc.name[:80]),
                                                                     bundle_id=self.bundle_id)
                     if exc.name else _("bundle-{bundle_id}").format(bundle_id=self.bundle_id))
            raise TamperedBundle(where, exc.reason) from None

    def _member_bytes(self, leaf: str, limit: int) -> bytes:
        """manifest.json or manifest.sig: checked by name first, then by size, then read.

        The manifest may name another bundle's folder: `manifest.parse` then says so.
        """
        where = _("{file} of bundle-{bundle_id}").format(file=leaf, bundle_id=self.bundle_id)
        member = self._guard(lambda: self._tar.next(mf.MAX_MANIFEST))
        name = member.name if member is not None else ""
        if name.count("/") != 1 or not name.startswith("kua-bundle-") \
                or not name.endswith("/" + leaf):
            raise TamperedBundle(where, _("is missing (it must come first in the archive)"))
        if leaf == "manifest.json":
            self._root = member.name.split("/")[0]
        elif member.name != f"{self._root}/{leaf}":
            raise TamperedBundle(where, _("is missing (it must follow manifest.json)"))
        if member.size > limit:
            raise TamperedBundle(where, _("is {size} bytes, more than {limit}").format(size=member.size,
                                          limit=limit))
        data = bytearray(member.size)
        view, got = memoryview(data), 0
        while got < member.size:
            got += self._guard(lambda: self._tar.readinto(view[got:]))
        return bytes(data)

    def entries(self) -> Iterator[Entry]:
        """Each media file in archive order. Read each entry's `reader` to its end."""
        expected = {f"{self._root}/{path}": item
                    for item, path in zip(self.manifest.items, self.manifest.paths)}
        largest = max((i.size for i in self.manifest.items), default=0)
        seen: set[str] = set()
        while True:
            member = self._guard(lambda: self._tar.next(largest))
            if member is None:
                break
            item = expected.get(member.name)
            if item is None or item.id in seen:
                raise TamperedBundle(_("entry {value} of bundle-{bundle_id}").format(value=repr(member.name[:80]),
                                       bundle_id=self.bundle_id),
                                     _("is not listed in the manifest") if item is None
                                     else _("appears twice"))
            if member.size != item.size:
                raise TamperedBundle(self.item_where(item.id), _("holds {size} bytes, but the "
                                                                 "manifest lists {size2}").format(size=member.size,
                                                                 size2=item.size))
            seen.add(item.id)
            entry = Entry(item, _EntryReader(self._tar, item, self._guard))
            try:
                yield entry
                if entry.reader.done != item.size:
                    raise RuntimeError("a bundle entry must be read to its end")
                digest = entry.reader.sha256()
            finally:
                entry.reader.abandon()
            if digest != item.sha256:
                raise TamperedBundle(self.item_where(item.id), _("does not match its SHA-256 in "
                                                                 "the manifest: it was altered"))
        for item in self.manifest.items:
            if item.id not in seen:
                raise BundleIncomplete(self.item_where(item.id), _("is missing from the archive"))
        self._guard(self._tar.drain)
        if not self._age.at_end:
            raise BundleIncomplete(_("bundle-{bundle_id}").format(bundle_id=self.bundle_id), _("ends before its last chunk"))

    def item_where(self, item_id: str) -> str:
        """How errors name an item of this bundle."""
        return _("item {item} of bundle-{bundle_id}").format(item=item_id, bundle_id=self.bundle_id)

    def close(self) -> None:
        """Release the part files."""
        self._src.close()

    def __enter__(self) -> "BundleReader":
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()
