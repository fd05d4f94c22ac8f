"""Test helpers: open a bundle's tar, change it, and seal it again as a bundle.

Hostile or damaged bundles are made the way an attacker would: decrypt (the tests
hold the organizer's identity), edit the tar with Python's tarfile, re-encrypt to
the same recipient with Kua's own writer, optionally re-signing the manifest.
"""

from __future__ import annotations

import io
import json
import tarfile
from pathlib import Path

from storage.bundles import age
from storage.bundles.age_stream import AgeReader, AgeWriter
from storage.bundles.parts import PartsReader, PartWriter, scan, write_note


def decrypt(folder: Path, identity: age.Identity) -> bytes:
    """The plaintext tar of the bundle in `folder`."""
    files = scan(folder)
    src = PartsReader(files.parts)
    try:
        return AgeReader(src, [identity]).read()
    finally:
        src.close()


def members(tar_bytes: bytes) -> list[tuple[tarfile.TarInfo, bytes]]:
    """Every member of a tar with its data."""
    out = []
    with tarfile.open(fileobj=io.BytesIO(tar_bytes), mode="r:") as tar:
        for info in tar.getmembers():
            f = tar.extractfile(info) if info.isreg() else None
            out.append((info, f.read() if f else b""))
    return out


def build_tar(entries: list[tuple[tarfile.TarInfo, bytes]], fmt: int = tarfile.USTAR_FORMAT) -> bytes:
    """A tar of `entries` (sizes of regular files follow their data)."""
    out = io.BytesIO()
    with tarfile.open(fileobj=out, mode="w", format=fmt) as tar:
        for info, data in entries:
            if info.isreg():
                info.size = len(data)
                tar.addfile(info, io.BytesIO(data))
            else:
                tar.addfile(info)
    return out.getvalue()


def seal(folder: Path, bundle_id: str, recipient: age.Recipient, tar_bytes: bytes,
         split: int = 2 ** 31, note: bool = True) -> list[Path]:
    """Write `tar_bytes` as bundle `bundle_id` into `folder` (which must hold no parts)."""
    folder.mkdir(parents=True, exist_ok=True)
    parts = PartWriter(folder, bundle_id, split)
    writer = AgeWriter(parts, lambda key: [age.x25519_stanza(recipient, key)])
    writer.write(tar_bytes)
    writer.close()
    written = parts.close()
    if note:
        write_note(folder, bundle_id, len(written))
    return written


def clear(folder: Path) -> None:
    """Remove the bundle files from `folder`."""
    for p in folder.iterdir():
        p.unlink()


def resign(entries: list[tuple[tarfile.TarInfo, bytes]], edit, private_key) -> None:
    """Apply `edit(manifest_dict)` to the manifest and sign it again with `private_key`."""
    for index, (info, data) in enumerate(entries):
        if info.name.endswith("/manifest.json"):
            manifest = json.loads(data)
            edit(manifest)
            raw = json.dumps(manifest, ensure_ascii=False, indent=1, sort_keys=True).encode()
            entries[index] = (info, raw)
            sig_index = index + 1
            entries[sig_index] = (entries[sig_index][0], private_key.sign(raw))
            return
    raise AssertionError("no manifest in the bundle")
