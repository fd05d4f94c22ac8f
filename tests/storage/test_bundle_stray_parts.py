"""Every `*.age` file beside a bundle's parts is refused by name, whatever the folder's order."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from storage.bundles import age
from storage.bundles.age_stream import AgeWriter
from storage.bundles.parts import PartWriter, scan, write_note
from core.errors import TamperedBundle


def _bundle(folder: Path, bundle_id: str = "b1234567", size: int = 600 * 1024) -> list[Path]:
    writer = PartWriter(folder, bundle_id, 256 * 1024)
    recipient = age.Identity.generate().recipient
    age_writer = AgeWriter(writer, lambda key: [age.x25519_stanza(recipient, key)])
    age_writer.write(os.urandom(size))
    age_writer.close()
    parts = writer.close()
    write_note(folder, bundle_id, len(parts))
    return parts


@pytest.fixture(params=["sorted", "reversed"])
def listing_order(request, monkeypatch):
    """The folder lists its files in name order, then in reverse."""
    listed = Path.iterdir

    def iterdir(self):
        return iter(sorted(listed(self), reverse=request.param == "reversed"))

    monkeypatch.setattr(Path, "iterdir", iterdir)
    return request.param


@pytest.mark.parametrize("stray", ["bundle-b1234567.0001.age", "bundle-b1234567.01.age",
                                   "bundle-b1234567.001.AGE", "copy of part.age"])
def test_a_stray_part_is_refused_by_name(tmp_path, listing_order, stray):
    parts = _bundle(tmp_path)
    assert len(parts) == 3
    (tmp_path / stray).write_bytes(parts[1].read_bytes())
    with pytest.raises(TamperedBundle, match=f"file {stray}"):
        scan(tmp_path)


def test_a_stray_beside_the_only_part_is_refused_by_name(tmp_path, listing_order):
    [part] = _bundle(tmp_path, size=1000)
    (tmp_path / "bundle-b1234567.0001.age").write_bytes(b"x" * 100)
    with pytest.raises(TamperedBundle, match=r"file bundle-b1234567\.0001\.age is not a part"):
        scan(tmp_path)


def test_another_bundles_part_is_refused_by_name(tmp_path, listing_order):
    ours = _bundle(tmp_path)
    other = tmp_path / "other"
    other.mkdir()
    theirs = _bundle(other, "b7654321")
    theirs[0].rename(tmp_path / theirs[0].name)
    with pytest.raises(TamperedBundle, match=r"file bundle-b7654321\.000\.age is not a part of"
                                             r" bundle-b1234567"):
        scan(tmp_path)
    (tmp_path / theirs[0].name).unlink()
    assert scan(tmp_path).parts == tuple(ours)
