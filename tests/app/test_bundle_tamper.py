"""Bad bundles are rejected by name, nothing is imported and nothing is lost.

One good bundle (three testimonies' worth of parts) is made once; each case copies
it, damages or forges it the way a broken stick or an attacker would, then both
`import_bundle` and `verify_bundle` must fail with the named error, and the
organizer's vault (which already holds a testimony) must be exactly as before and
still verify.
"""

from __future__ import annotations

import shutil
import tarfile
from dataclasses import dataclass
from pathlib import Path
from typing import Callable

import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from app import bundles, library
from app.bundle_import import import_bundle
from harness.vaults import new_vault
from storage.bundles import age
from core.errors import BundleIncomplete, KuaError, TamperedBundle, WrongIdentity
from tests.app.bundle_helpers import make_testimony, organizer, snapshot, write_files
from tests.storage import bundle_forge as forge

SPLIT = 256 * 1024  # three 64 KiB chunks per part


@dataclass
class Good:
    """The good bundle and what it takes to forge variants of it."""

    folder: Path
    bundle_id: str
    identity: age.Identity
    device: Ed25519PrivateKey
    items: tuple[str, ...]
    tar: bytes

    @property
    def parts(self) -> list[Path]:
        return sorted(self.folder.glob("bundle-*.age"))

    def part(self, index: int) -> str:
        return f"bundle-{self.bundle_id}.{index:03d}.age"


@pytest.fixture(scope="module")
def good(tmp_path_factory) -> Good:
    root = tmp_path_factory.mktemp("good")
    vault = new_vault(root / "volunteer")
    try:
        tid = make_testimony(vault, write_files(root / "in", video=600_000, photo=150_000),
                             detained=["Байжанов Ерлан"])
        org = organizer()
        report = bundles.export_bundle(vault, [tid], root / "bundle", [org.recipient],
                                       split_size=SPLIT)
        device = vault.device_key().private
    finally:
        vault.close()
    tar = forge.decrypt(root / "bundle", org.identity)
    assert len(list((root / "bundle").glob("*.age"))) == 4
    return Good(root / "bundle", report.bundle_id, org.identity, device, report.items, tar)


@pytest.fixture
def archive(tmp_path):
    vault = new_vault(tmp_path / "archive")
    make_testimony(vault, write_files(tmp_path / "own", own=20_000), title="already here")
    yield vault
    vault.close()


def _flip(path: Path, offset: int) -> None:
    data = bytearray(path.read_bytes())
    data[offset % len(data)] ^= 0x01
    path.write_bytes(bytes(data))


def _header_length(part: Path) -> int:
    return age.parse_header(part.read_bytes()[:4096]).length


def _alter_mac(part: Path) -> None:
    """Change one character inside the header's MAC to another valid base64 one."""
    data = bytearray(part.read_bytes())
    at = _header_length(part) - 10  # inside the 43 characters, not the last one
    data[at] = ord("A") if data[at] != ord("A") else ord("B")
    part.write_bytes(bytes(data))


def _reseal(g: Good, folder: Path, edit: Callable[[list], None], note: bool = True,
            bundle_id: str | None = None) -> None:
    entries = forge.members(g.tar)
    edit(entries)
    forge.clear(folder)
    forge.seal(folder, bundle_id or g.bundle_id, g.identity.recipient, forge.build_tar(entries),
               SPLIT, note)


def _media(entries: list) -> int:
    return next(i for i, (info, _) in enumerate(entries) if "/media/" in info.name)


def _replace_media(entries: list, kind: bytes, **extra) -> None:
    index = _media(entries)
    info = tarfile.TarInfo(entries[index][0].name)
    info.type = kind
    for key, value in extra.items():
        setattr(info, key, value)
    entries[index] = (info, b"")


def _insert(entries: list, name: str) -> None:
    info = tarfile.TarInfo(name)
    entries.insert(2, (info, b"evil"))


# Each case: damage(g, folder) -> (error class, fragment the one-line message must hold).
CASES = {
    "missing middle part": lambda g, f: (
        (f / g.part(1)).unlink(), (BundleIncomplete, f"part {g.part(1)} is missing")),
    "missing last part": lambda g, f: (
        (f / g.part(3)).unlink(),
        (BundleIncomplete, f"part {g.part(3)} is missing (bundle-{g.bundle_id}.txt lists 4")),
    "missing last part and note": lambda g, f: (
        (f / g.part(3)).unlink(), (f / f"bundle-{g.bundle_id}.txt").unlink(),
        (BundleIncomplete, f"part {g.part(2)} is the last part found, but the bundle goes on")),
    "extra part": lambda g, f: (
        shutil.copy(f / g.part(1), f / g.part(4)), (TamperedBundle, f"part {g.part(4)} is extra")),
    "extra part, no note": lambda g, f: (
        shutil.copy(f / g.part(1), f / g.part(4)), (f / f"bundle-{g.bundle_id}.txt").unlink(),
        (TamperedBundle, f"part {g.part(4)} is extra: the bundle ends in part {g.part(3)}")),
    "reordered parts": lambda g, f: (
        (f / g.part(1)).rename(f / "x"), (f / g.part(2)).rename(f / g.part(1)),
        (f / "x").rename(f / g.part(2)),
        (TamperedBundle, f"part {g.part(1)} failed authentication")),
    "truncated middle part": lambda g, f: (
        (f / g.part(1)).write_bytes((f / g.part(1)).read_bytes()[:-100]),
        (BundleIncomplete, f"part {g.part(1)} has the wrong size")),
    "truncated first part": lambda g, f: (
        (f / g.part(0)).write_bytes((f / g.part(0)).read_bytes()[:-100]),
        (BundleIncomplete, f"part {g.part(0)} has the wrong size")),
    "truncated last part": lambda g, f: (
        (f / g.part(3)).write_bytes((f / g.part(3)).read_bytes()[:-10]),
        (TamperedBundle, f"part {g.part(3)} failed authentication at its end")),
    "altered header MAC": lambda g, f: (
        _alter_mac(f / g.part(0)),
        (TamperedBundle, f"part {g.part(0)} has an altered age header")),
    "flipped bit in the age header's intro": lambda g, f: (
        _flip(f / g.part(0), 3), (TamperedBundle, f"part {g.part(0)} is not a valid age file")),
    "flipped bit in part 0": lambda g, f: (
        _flip(f / g.part(0), 100_000), (TamperedBundle, f"part {g.part(0)} failed authentication")),
    "flipped bit in part 1": lambda g, f: (
        _flip(f / g.part(1), 70_000), (TamperedBundle, f"part {g.part(1)} failed authentication")),
    "flipped bit in part 2": lambda g, f: (
        _flip(f / g.part(2), 5), (TamperedBundle, f"part {g.part(2)} failed authentication")),
    "flipped bit in part 3": lambda g, f: (
        _flip(f / g.part(3), -3), (TamperedBundle, f"part {g.part(3)} failed authentication")),
    "manifest hash does not match a file": lambda g, f: (
        _reseal(g, f, lambda e: forge.resign(
            e, lambda m: m["items"][1].update(sha256="0" * 64), g.device)),
        (TamperedBundle, f"item {g.items[1]} of bundle-{g.bundle_id} does not match its SHA-256")),
    "manifest altered, not signed again": lambda g, f: (
        _reseal(g, f, lambda e: e.__setitem__(0, (e[0][0], e[0][1].replace(b'"Appeal"',
                                                                              b'"Forged"')))),
        (TamperedBundle, f"manifest.sig of bundle-{g.bundle_id} does not verify")),
    "signature missing": lambda g, f: (
        _reseal(g, f, lambda e: e.pop(1)),
        (TamperedBundle, f"manifest.sig of bundle-{g.bundle_id} is missing")),
    "signed by another device key": lambda g, f: (
        _reseal(g, f, lambda e: forge.resign(e, lambda m: None, Ed25519PrivateKey.generate())),
        (TamperedBundle, "does not verify with the device key the manifest names")),
    "manifest of another bundle": lambda g, f: (
        _reseal(g, f, lambda e: None, bundle_id="bzzzzzzz"),
        (TamperedBundle, f"names bundle '{g.bundle_id}', not bundle-bzzzzzzz")),
    "absolute path in the tar": lambda g, f: (
        _reseal(g, f, lambda e: _insert(e, "/tmp/kua-evil")),
        (TamperedBundle, "entry '/tmp/kua-evil' of bundle-")),
    "'..' in the tar": lambda g, f: (
        _reseal(g, f, lambda e: _insert(e, f"kua-bundle-{g.bundle_id}/../../evil")),
        (TamperedBundle, "climbs out of its folder")),
    "symbolic link in the tar": lambda g, f: (
        _reseal(g, f, lambda e: _replace_media(e, tarfile.SYMTYPE, linkname="/etc/passwd")),
        (TamperedBundle, "is a symbolic link")),
    "hard link in the tar": lambda g, f: (
        _reseal(g, f, lambda e: _replace_media(e, tarfile.LNKTYPE, linkname="/etc/passwd")),
        (TamperedBundle, "is a hard link")),
    "device file in the tar": lambda g, f: (
        _reseal(g, f, lambda e: _replace_media(e, tarfile.CHRTYPE, devmajor=1, devminor=3)),
        (TamperedBundle, "is a device file")),
    "file larger than the manifest says": lambda g, f: (
        _reseal(g, f, lambda e: e.__setitem__(
            _media(e) + 1, (e[_media(e) + 1][0], e[_media(e) + 1][1] + b"more"))),
        (TamperedBundle, f"item {g.items[1]} of bundle-{g.bundle_id} holds 150004 bytes, but the"
                         " manifest lists 150000")),
    "file far larger than any in the manifest (tar bomb)": lambda g, f: (
        _reseal(g, f, lambda e: e.__setitem__(
            _media(e), (e[_media(e)][0], e[_media(e)][1] * 2))),
        (TamperedBundle, "declares 1200000 bytes, more than the 600000 expected")),
    "file not in the manifest": lambda g, f: (
        _reseal(g, f, lambda e: _insert(e, f"kua-bundle-{g.bundle_id}/media/extra.bin")),
        (TamperedBundle, "is not listed in the manifest")),
    "file missing from the tar": lambda g, f: (
        _reseal(g, f, lambda e: e.pop(_media(e) + 1)),
        (BundleIncomplete, f"item {g.items[1]} of bundle-{g.bundle_id} is missing")),
}


@pytest.mark.parametrize("case", list(CASES))
def test_bad_bundle_is_rejected_by_name_and_nothing_changes(case, good, archive, tmp_path):
    folder = tmp_path / "bundle"
    shutil.copytree(good.folder, folder)
    *_, (error, fragment) = CASES[case](good, folder)
    before = snapshot(archive)
    with pytest.raises(error) as caught:
        import_bundle(archive, folder, [good.identity])
    message = str(caught.value)
    assert fragment in message and "\n" not in message, message
    assert snapshot(archive) == before
    assert library.verify(archive).ok
    with pytest.raises(KuaError) as again:
        bundles.verify_bundle(folder, [good.identity])
    assert str(again.value) == message


def test_wrong_identity_is_named(good, archive, tmp_path):
    before = snapshot(archive)
    with pytest.raises(WrongIdentity, match=f"bundle-{good.bundle_id} is not encrypted to this"
                                            " identity"):
        import_bundle(archive, good.folder, [age.Identity.generate()])
    # A damaged recipient stanza opens for no one either; the message names the part.
    folder = tmp_path / "bundle"
    shutil.copytree(good.folder, folder)
    part = folder / good.part(0)
    data = bytearray(part.read_bytes())
    at = len(age.INTRO) + len(b"-> X25519 ") + 8  # inside the ephemeral share's base64
    data[at] = ord("A") if data[at] != ord("A") else ord("B")
    part.write_bytes(bytes(data))
    with pytest.raises(WrongIdentity, match=f"the header of part {good.part(0)} is damaged"):
        import_bundle(archive, folder, [good.identity])
    assert snapshot(archive) == before


def test_the_good_bundle_imports(good, archive):
    """The cases above fail because of what they change, not because the bundle was bad."""
    report = import_bundle(archive, good.folder, [good.identity])
    assert [i.new for i in report.items] == [True, True]
    names = sorted(f.name for f in good.folder.iterdir())
    assert names[-2:] == [f"bundle-{good.bundle_id}.txt", f"receipt-{good.bundle_id}.txt"]
    assert report.receipt == str(good.folder / names[-1])
