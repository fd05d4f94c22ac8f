"""Bundle building blocks: parts on disk, the manifest and its signature, the device key,
the address book, and schema version 2 on a vault made by version 1."""

from __future__ import annotations

import json
import os
import shutil
from pathlib import Path

import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from storage.bundles import age, manifest as mf
from storage.bundles.age_stream import SEALED_CHUNK, AgeWriter
from storage.bundles.device import AddressBook, ensure_device_key, fingerprint
from storage.bundles.parts import PartWriter, parse_size, scan, write_note
from core.errors import (BundleIncomplete, InvalidValue, NotABundle, NotFound,
                            TamperedBundle, UsageError)
from storage.models import MediaItem
from storage.models import Testimony as _Testimony
from storage.vault import Vault
from tests.fixtures.make_vault_v1 import PASSPHRASE as V1_PASSPHRASE

FIXTURE = Path(__file__).resolve().parents[1] / "fixtures" / "vault-v1"


@pytest.mark.parametrize("text, size", [("512K", 512 * 1024), ("100M", 100 * 2 ** 20),
                                        ("2G", 2 * 2 ** 30), ("1m", 2 ** 20), ("3MiB", 3 * 2 ** 20),
                                        ("262144", 262144)])
def test_split_sizes_use_binary_units(text, size):
    assert parse_size(text) == size


@pytest.mark.parametrize("text", ["", "2T", "3G", "64K", "ten", "-1M"])
def test_bad_split_sizes_are_refused(text):
    with pytest.raises(UsageError):
        parse_size(text)


def _parts(folder: Path, size: int, split: int) -> list[Path]:
    writer = PartWriter(folder, "b1234567", split)
    recipient = age.Identity.generate().recipient
    age_writer = AgeWriter(writer, lambda key: [age.x25519_stanza(recipient, key)])
    age_writer.write(os.urandom(size))
    age_writer.close()
    parts = writer.close()
    write_note(folder, "b1234567", len(parts))
    return parts


def test_parts_hold_whole_chunks_and_never_exceed_the_split(tmp_path):
    split = 256 * 1024
    parts = _parts(tmp_path, 2 ** 20, split)
    sizes = [p.stat().st_size for p in parts]
    # 1 MiB is 16 chunks of 65,552 sealed bytes; three fit in 256 KiB with the header.
    assert len(parts) == 6 and all(s <= split for s in sizes)
    assert all(s % SEALED_CHUNK == 0 for s in sizes[1:-1])
    assert [p.name for p in parts] == [f"bundle-b1234567.{i:03d}.age" for i in range(6)]
    assert not [p for p in tmp_path.iterdir() if p.name.endswith(".tmp")]
    files = scan(tmp_path)
    assert files.parts == tuple(parts) and files.note_parts == 6


def test_aborted_writer_leaves_nothing(tmp_path):
    writer = PartWriter(tmp_path, "b1234567", 256 * 1024)
    for _ in range(10):
        writer.write(os.urandom(SEALED_CHUNK))
    writer.abort()
    assert list(tmp_path.iterdir()) == []


def test_scan_names_missing_and_extra_parts(tmp_path):
    parts = _parts(tmp_path, 2 ** 20, 256 * 1024)
    saved = parts[2].read_bytes()
    parts[2].unlink()
    with pytest.raises(BundleIncomplete, match=r"part bundle-b1234567\.002\.age is missing"):
        scan(tmp_path)
    parts[2].write_bytes(saved)
    parts[-1].rename(tmp_path / "elsewhere")
    with pytest.raises(BundleIncomplete, match=r"part bundle-b1234567\.005\.age is missing "
                                               r"\(bundle-b1234567\.txt lists 6 parts\)"):
        scan(tmp_path)
    (tmp_path / "elsewhere").rename(parts[-1])
    (tmp_path / "bundle-b1234567.006.age").write_bytes(saved)
    with pytest.raises(TamperedBundle, match=r"part bundle-b1234567\.006\.age is extra"):
        scan(tmp_path)


def test_scan_refuses_folders_without_one_bundle(tmp_path):
    with pytest.raises(NotABundle):
        scan(tmp_path / "nowhere")
    with pytest.raises(NotABundle, match="no Kua bundle"):
        scan(tmp_path)
    (tmp_path / "bundle-b1.000.age").write_bytes(b"x")
    (tmp_path / "bundle-b2.000.age").write_bytes(b"x")
    with pytest.raises(UsageError, match="several bundles"):
        scan(tmp_path)


def _manifest(key: Ed25519PrivateKey) -> bytes:
    t = _Testimony("t1234567", "Appeal", "ready", "public", "2026-01-01T00:00:00Z",
                  "2026-01-01T00:00:00Z", notes="Байжанов")
    item = MediaItem("m1234567", "t1234567", "imported", "complete", "video", 10, "a" * 64, 1.5,
                     None, "2026-01-01T00:00:00Z", original_name="appeal.MP4")
    return mf.build("b1234567", "2026-01-02T00:00:00Z", key.public_key().public_bytes_raw(),
                    [t], [item])


def test_manifest_round_trip_and_signature():
    key = Ed25519PrivateKey.generate()
    raw = _manifest(key)
    m = mf.parse(raw, "b1234567")
    assert m.items[0].size == 10 and m.paths == ("media/m1234567.mp4",)
    assert m.testimonies[0].notes == "Байжанов"
    mf.verify_signature(m, key.sign(raw))
    with pytest.raises(TamperedBundle, match="manifest.sig of bundle-b1234567 does not verify"):
        mf.verify_signature(m, Ed25519PrivateKey.generate().sign(raw))
    with pytest.raises(TamperedBundle, match="not an Ed25519 signature"):
        mf.verify_signature(m, b"short")


@pytest.mark.parametrize("edit, fragment", [
    (lambda d: d["items"][0].update(size="10"), "items[0].size has the wrong type"),
    (lambda d: d["items"][0].update(sha256="xyz"), "items[0].sha256"),
    (lambda d: d["items"][0].update(kind="script"), "items[0].kind"),
    (lambda d: d["items"][0].update(path="../../etc/passwd"), "items[0].path"),
    (lambda d: d["items"][0].update(testimony_id="t7654321"), "names a testimony not in"),
    (lambda d: d["items"].append(dict(d["items"][0])), "lists an item twice"),
    (lambda d: d["testimonies"][0].update(consent="whatever"), "testimonies[0].consent"),
    (lambda d: d["testimonies"][0].pop("title"), "testimonies[0].title is missing"),
    (lambda d: d.update(bundle_id="b7654321"), "another bundle"),
])
def test_manifest_fields_are_checked_and_named(edit, fragment):
    data = json.loads(_manifest(Ed25519PrivateKey.generate()))
    edit(data)
    with pytest.raises(TamperedBundle) as info:
        mf.parse(json.dumps(data).encode(), "b1234567")
    assert fragment in str(info.value) and "manifest.json of bundle-b1234567" in str(info.value)


def test_newer_manifest_version_is_not_guessed_at():
    data = json.loads(_manifest(Ed25519PrivateKey.generate()))
    data["version"] = 99
    with pytest.raises(NotABundle, match="newer version of Kua"):
        mf.parse(json.dumps(data).encode(), "b1234567")


def test_device_key_is_made_at_init_and_stable(vault):
    key = vault.device_key()
    assert key == vault.device_key()
    assert key.fingerprint == fingerprint(key.public) and len(key.fingerprint) == 19
    assert key.seed.hex() not in repr(key)
    assert [e.action for e in vault.audit.events()][0] == "vault.create"


def test_version_1_vault_gets_a_device_key_on_first_use(tmp_path):
    copy = tmp_path / "v1"
    shutil.copytree(FIXTURE, copy)
    with Vault.open(copy, V1_PASSPHRASE) as vault:
        assert vault.conn.execute("PRAGMA user_version").fetchone()[0] >= 2
        assert vault.conn.execute("SELECT count(*) FROM device_key").fetchone()[0] == 0
        first = vault.device_key()
    with Vault.open(copy, V1_PASSPHRASE) as vault:
        assert vault.device_key() == first


def test_address_book(vault):
    recipient = str(age.Identity.generate().recipient)
    with vault.transaction():
        book = AddressBook(vault.conn)
        book.add("Aisulu", recipient)
        assert book.resolve("aisulu") == age.Recipient.parse(recipient)  # names ignore case
        assert book.resolve(recipient) == age.Recipient.parse(recipient)
        assert [o.name for o in book.all()] == ["Aisulu"]
        with pytest.raises(InvalidValue):
            book.add("Bob", "age1notakey")
        with pytest.raises(NotFound, match="no organizer named 'Bob'"):
            book.resolve("Bob")
        with vault.transaction():
            ensure_device_key(vault.conn)
        book.remove("Aisulu")
        assert book.all() == []
