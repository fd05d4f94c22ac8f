"""Publishing to Uwazi (app/publish.py): what goes by consent, the CSV read back with the
csv module, the ZIP's copies against the vault's hashes, bad input, no plaintext elsewhere."""

from __future__ import annotations

import csv
import hashlib
import io
import json
import os
import secrets
import stat
import zipfile
from pathlib import Path

import pytest

from app.fields import apply_edits
from app.publish import CSV_NAME, ZIP_NAME, publish_uwazi
from app.transcode.review import mark_reviewed
from core.errors import HashMismatch, InvalidValue, TargetNotEmpty
from harness.vaults import new_testimony, seal_item
from tests.disk_scan import files_holding, files_under


def _mark(word: str) -> str:
    return f"KUA{word}{secrets.token_hex(5)}"


class Seeded:
    """An archive with one testimony of each case publishing meets, and its markers."""

    def __init__(self, vault):
        self.vault = vault
        self.public_master = _mark("PUBMASTER").encode() * 50
        self.public_share = _mark("PUBSHARE").encode() * 5000
        self.photo_share = _mark("PHOTOSHARE").encode() * 30
        self.public = new_testimony(vault, "Appeal for Erlan", "public")
        master = seal_item(vault, self.public, "master", self.public_master, media_type="video")
        self.share = seal_item(vault, self.public, "share", self.public_share, parent=master,
                               media_type="video")
        still = seal_item(vault, self.public, "still", _mark("STILL").encode(), media_type="image")
        self.photo = seal_item(vault, self.public, "share", self.photo_share, parent=still,
                               media_type="image")
        apply_edits(vault, self.public, [
            "speaker.name=Aigul Public", "speaker.relation=sister",
            "detained.name=Erlan B", "detained.name+=Ерлан Б", "detained.detained_on=2018-04",
            "detained.detention_kind=camp", "detained.2.name=Murat|K",
            "detained.2.detained_on=2019", "tags=appeal,camp", "place=43.2567, 76.9286",
            "recorded_at=2024-03-01 14:30"])

        self.speaker_name = _mark("SPEAKERNAME")
        self.contact = _mark("CONTACT")
        self.anon_master = _mark("ANONMASTER").encode() * 40
        self.anon_copy_bytes = _mark("ANONCOPY").encode() * 700
        self.anonymous = new_testimony(vault, f"Appeal by {self.speaker_name}", "anonymous")
        master = seal_item(vault, self.anonymous, "master", self.anon_master, media_type="video")
        self.anon_copy = seal_item(vault, self.anonymous, "anonymized", self.anon_copy_bytes,
                                   parent=master, media_type="video")
        mark_reviewed(vault, self.anon_copy)
        apply_edits(vault, self.anonymous, [
            f"speaker.name={self.speaker_name}", f"speaker.contact={self.contact}",
            "detained.name=Nurlan T", f"notes=called {self.speaker_name} twice"])
        self.doc_copy_bytes = _mark("SPEAKERDOC").encode() * 20
        doc = seal_item(vault, self.anonymous, "still", b"passport photo", media_type="image")
        apply_edits(vault, doc, ["person=speaker"])
        mark_reviewed(vault, seal_item(vault, self.anonymous, "anonymized", self.doc_copy_bytes,
                                       parent=doc, media_type="image"))

        self.restricted_title = _mark("RESTRICTED")
        self.restricted_bytes = _mark("RESTRICTEDSHARE").encode() * 100
        self.restricted = new_testimony(vault, self.restricted_title, "restricted")
        seal_item(vault, self.restricted, "share", self.restricted_bytes, media_type="video")
        seal_item(vault, self.restricted, "anonymized", self.restricted_bytes, media_type="video")

        self.no_share = new_testimony(vault, "public, no share copy yet", "public")
        seal_item(vault, self.no_share, "master", b"master only", media_type="video")
        self.unreviewed = new_testimony(vault, "anonymous, not reviewed", "anonymous")
        self.unreviewed_copy = seal_item(vault, self.unreviewed, "anonymized", b"x" * 10,
                                         media_type="video")


@pytest.fixture
def seeded(archive):
    return Seeded(archive)


def _rows(folder: Path) -> list[dict[str, str]]:
    with open(folder / CSV_NAME, newline="", encoding="utf-8") as f:
        return list(csv.DictReader(f))


def test_csv_and_zip_follow_consent(seeded, tmp_path):
    out = tmp_path / "publication"
    report = publish_uwazi(seeded.vault, out)
    assert sorted(p.name for p in out.iterdir()) == [CSV_NAME, ZIP_NAME]
    for name in (CSV_NAME, ZIP_NAME):
        assert stat.S_IMODE(os.stat(out / name).st_mode) == 0o600
    rows = {r["kua_id"]: r for r in _rows(out)}
    assert set(rows) == {seeded.public, seeded.anonymous} == set(report.rows)
    public = rows[seeded.public]
    assert public["title"] == "Appeal for Erlan"
    assert public["detained_person"] == "Erlan B|Ерлан Б|Murat/K"  # a | in a value is not a split
    assert public["date_detained"] == "2018/04/01|2019"
    assert public["date_recorded"] == "2024/03/01"
    assert public["geolocation"] == "43.2567|76.9286"
    assert public["tags"] == "appeal|camp"
    assert public["speaker"] == "Aigul Public"
    assert public["attachments"].split("|") == [f"{seeded.public}-{seeded.share}.mp4",
                                                f"{seeded.public}-{seeded.photo}.jpg"]
    anonymous = rows[seeded.anonymous]
    assert anonymous["attachments"] == f"{seeded.anonymous}-{seeded.anon_copy}.mp4"
    assert anonymous["speaker"] == "" and anonymous["detained_person"] == "Nurlan T"
    text = (out / CSV_NAME).read_text(encoding="utf-8")
    assert seeded.speaker_name not in text and seeded.contact not in text
    assert seeded.restricted_title not in text
    assert {g.testimony_id: g.command for g in report.left_out} == {
        seeded.no_share: f"kua transcode {seeded.no_share} --profile share",
        seeded.unreviewed: f"kua review {seeded.unreviewed_copy}"}
    assert report.restricted == 1
    assert any(seeded.anonymous in n for n in report.notes)  # the speaker's document stayed out


def test_zip_holds_the_csv_and_only_publication_copies(seeded, tmp_path):
    out = tmp_path / "publication"
    report = publish_uwazi(seeded.vault, out)
    with zipfile.ZipFile(out / ZIP_NAME) as z:
        names = z.namelist()
        assert names[0] == CSV_NAME and z.read(CSV_NAME) == (out / CSV_NAME).read_bytes()
        got = {n.split("-")[1].split(".")[0]: hashlib.sha256(z.read(n)).hexdigest()
               for n in names[1:]}
    vault_hashes = {i: seeded.vault.items.get(i).sha256 for i in report.attachments}
    assert got == vault_hashes
    assert {seeded.vault.items.get(i).kind for i in got} == {"share", "anonymized"}
    assert set(got) == {seeded.share, seeded.photo, seeded.anon_copy}
    listed = {a for r in _rows(out) for a in r["attachments"].split("|")}
    assert listed == set(names[1:])
    forbidden = [seeded.public_master[:40], seeded.anon_master[:40], seeded.restricted_bytes[:40],
                 seeded.restricted_title.encode(), seeded.doc_copy_bytes[:40],
                 seeded.speaker_name.encode(), seeded.contact.encode()]
    assert files_holding(forbidden, out) == []
    audit = seeded.vault.audit.last("publish.uwazi")
    assert json.loads(audit.details) == {"rows": 2, "items": 3, "bytes": report.media_bytes,
                                         "left_out": 2, "restricted": 1}


def test_no_plaintext_outside_the_folder(seeded, tmp_path, monkeypatch):
    tmp = tmp_path / "tmp"
    tmp.mkdir()
    monkeypatch.setenv("TMPDIR", str(tmp))
    monkeypatch.setattr("tempfile.tempdir", str(tmp))
    publish_uwazi(seeded.vault, tmp_path / "publication")
    seeded.vault.close()
    needles = [seeded.public_share[:40], seeded.anon_copy_bytes[:40], seeded.photo_share[:40],
               b"Appeal for Erlan", b"Nurlan T", "Ерлан".encode()]
    assert files_holding(needles, seeded.vault.path, tmp) == []
    assert files_under(tmp) == []


def test_mapping_file_renames_and_drops_columns(seeded, tmp_path):
    mapping = tmp_path / "mapping.json"
    mapping.write_text(json.dumps({"detained_names": "victim", "speaker_name": None,
                                   "detained_chinese_ids": "id_number"}))
    publish_uwazi(seeded.vault, tmp_path / "out", mapping)
    with open(tmp_path / "out" / CSV_NAME, newline="", encoding="utf-8") as f:
        head = next(csv.reader(f))
    assert "victim" in head and "id_number" in head and "speaker" not in head
    assert head[0] == "title" and head[-1] == "attachments"


@pytest.mark.parametrize("content, words", [
    ({"detainee_name": "victim"}, "unknown Kua field 'detainee_name'"),
    ({"title": None}, "leaves out title"),
    ({"place": "tags"}, "the same property name tags"),
    ({"notes": "attachments"}, "Uwazi keeps for itself"),
    ({"notes": 3}, "not a name"),
    (["title"], "one JSON object"),
])
def test_bad_mapping_is_one_line_and_writes_nothing(seeded, tmp_path, content, words):
    mapping = tmp_path / "mapping.json"
    mapping.write_text(json.dumps(content))
    out = tmp_path / "out"
    with pytest.raises(InvalidValue) as caught:
        publish_uwazi(seeded.vault, out, mapping)
    assert words in str(caught.value) and "\n" not in str(caught.value)
    assert not out.exists()
    assert seeded.vault.audit.last("publish.uwazi") is None


def test_folder_not_empty_is_refused_and_left_alone(seeded, tmp_path):
    out = tmp_path / "out"
    out.mkdir()
    (out / "mine.txt").write_text("keep me")
    with pytest.raises(TargetNotEmpty) as caught:
        publish_uwazi(seeded.vault, out)
    assert "\n" not in str(caught.value)
    assert [p.name for p in out.iterdir()] == ["mine.txt"]


def test_a_failure_midway_leaves_nothing(seeded, tmp_path):
    out = tmp_path / "out"
    out.mkdir()
    with seeded.vault.transaction():  # the catalogue's hash no longer matches the object
        seeded.vault.items.update(seeded.anon_copy, sha256="0" * 64)
    with pytest.raises(HashMismatch):
        publish_uwazi(seeded.vault, out)
    assert list(out.iterdir()) == []
    with pytest.raises(HashMismatch):
        publish_uwazi(seeded.vault, tmp_path / "new")
    assert not (tmp_path / "new").exists()


def test_empty_archive_writes_a_header_only(archive, tmp_path):
    report = publish_uwazi(archive, tmp_path / "out")
    assert report.rows == () and _rows(tmp_path / "out") == []
    with zipfile.ZipFile(tmp_path / "out" / ZIP_NAME) as z:
        assert z.namelist() == [CSV_NAME]
    assert io.StringIO((tmp_path / "out" / CSV_NAME).read_text()).readline().startswith("title,")
