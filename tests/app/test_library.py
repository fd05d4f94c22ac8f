"""Library use cases: add, list, extract, remove, verify, through app/ services."""

from __future__ import annotations

import hashlib

import pytest

from app import fields, library
from core.errors import (Cancelled, DiskFull, InvalidValue, NotFound, ObjectTruncated,
                            SegmentAuthFailed)
from core.work import CancelToken
from tests.media.synth import make_audio, make_jpeg, make_video


@pytest.fixture
def files(tmp_path):
    src = tmp_path / "input"
    src.mkdir()
    paths = {
        "video": src / "appeal.mp4", "audio": src / "voice.m4a",
        "photo": src / "passport.jpg", "doc": src / "notes.pdf",
    }
    paths["video"].write_bytes(make_video(seconds=1.0))
    paths["audio"].write_bytes(make_audio(seconds=1.0, codec="aac", container="mp4"))
    paths["photo"].write_bytes(make_jpeg(64, 48))
    paths["doc"].write_bytes(b"%PDF-1.4 not really a pdf\n" * 100)
    return paths


def test_add_probes_and_stores_byte_for_byte(vault, files, tmp_path):
    result = library.add_files(vault, files.values(), title="Appeal", consent="anonymous")
    t = vault.catalogue.get(result.testimony_id)
    assert (t.title, t.consent, t.status) == ("Appeal", "anonymous", "draft")
    by_name = {i.original_name: i for i in t.items}
    video = by_name["appeal.mp4"]
    assert (video.kind, video.media_type, video.codec, video.state) == ("imported", "video", "h264", "complete")
    assert video.duration == pytest.approx(1.0, abs=0.15)
    assert by_name["voice.m4a"].media_type == "audio"
    assert (by_name["passport.jpg"].media_type, by_name["passport.jpg"].width) == ("image", 64)
    assert by_name["notes.pdf"].kind == "document"
    for name, path in files.items():
        item = by_name[path.name]
        assert item.sha256 == hashlib.sha256(path.read_bytes()).hexdigest()
        out = tmp_path / f"out-{name}"
        library.extract(vault, item.id, out, force=True)  # anonymous consent: forced
        assert out.read_bytes() == path.read_bytes()
        assert path.exists()  # the original is left where it was


def test_testimony_id_extracts_its_primary_item(vault, files, tmp_path):
    result = library.add_files(vault, [files["doc"], files["video"]], title="x")
    library.extract(vault, result.testimony_id, tmp_path / "o")
    assert (tmp_path / "o").read_bytes() == files["video"].read_bytes()


def test_add_to_an_existing_testimony(vault, files):
    first = library.add_files(vault, [files["video"]])
    second = library.add_files(vault, [files["photo"]], testimony_id=first.testimony_id)
    assert second.testimony_id == first.testimony_id
    assert len(vault.catalogue.get(first.testimony_id).items) == 2
    with pytest.raises(NotFound):
        library.add_files(vault, [files["photo"]], testimony_id="tzzzzzzz")


def test_failed_add_leaves_nothing(vault, files, monkeypatch):
    import storage.sealed as sealed

    real = sealed.write_all
    calls = []

    def full_after_two(fd, data):
        calls.append(1)
        if len(calls) > 2:
            raise OSError(28, "No space left on device")
        return real(fd, data)

    big = files["doc"].parent / "big.bin"
    big.write_bytes(b"\0" * (5 * 1024 * 1024))
    monkeypatch.setattr(sealed, "write_all", full_after_two)
    with pytest.raises(DiskFull):
        library.add_files(vault, [files["video"], big], title="x")
    assert library.list_testimonies(vault) == []
    assert not any(p.is_file() for p in vault.objects_dir.rglob("*"))
    assert library.verify(vault).ok


def test_cancel_leaves_nothing(vault, files):
    token = CancelToken()
    token.cancel()
    with pytest.raises(Cancelled):
        library.add_files(vault, [files["video"]], cancel=token)
    assert library.list_testimonies(vault) == []


def test_extract_of_a_damaged_item_names_it_and_writes_nothing(vault, files, tmp_path):
    item = library.add_files(vault, [files["video"]]).item_ids[0]
    part = vault.object_files(item)[0]
    raw = bytearray(part.read_bytes())
    raw[10] ^= 1
    part.write_bytes(bytes(raw))
    with pytest.raises(SegmentAuthFailed, match=item):
        library.extract(vault, item, tmp_path / "out")
    assert list(tmp_path.glob("*out*")) == []
    report = library.verify(vault)
    assert not report.ok and item in report.problems[0]


def test_verify_finds_truncation(vault, files):
    item = library.add_files(vault, [files["video"]]).item_ids[0]
    part = vault.object_files(item)[0]
    part.write_bytes(part.read_bytes()[:-1])
    report = library.verify(vault)
    assert not report.ok and item in report.problems[0]


def test_remove_testimony_and_item(vault, files):
    result = library.add_files(vault, [files["video"], files["photo"]])
    photo = result.item_ids[1]
    photo_files = vault.object_files(photo)
    library.remove(vault, photo)
    assert not any(f.exists() for f in photo_files)
    assert len(vault.catalogue.get(result.testimony_id).items) == 1
    library.remove(vault, result.testimony_id)
    assert library.list_testimonies(vault) == []
    assert not any(p.is_file() for p in vault.objects_dir.rglob("*"))
    assert library.verify(vault).ok


def test_verify_reports_clean_vault(vault, files):
    library.add_files(vault, files.values())
    report = library.verify(vault)
    assert report.ok and report.items_checked == 4 and report.audit_events >= 5


def test_edit_fields_people_and_items(vault, files):
    result = library.add_files(vault, [files["video"], files["photo"]], title="x")
    tid, photo = result.testimony_id, result.item_ids[1]
    fields.apply_edits(vault, tid, [
        "title=Appeal", "consent=public", "consent.voluntariness=yes", "tags=a,b", "tags+=c",
        "tags-=a", "recorded_at=2024-03-01 14:30", "speaker.name=Жанар", "speaker.relation=sister",
        "detained.name=Байжанов", "detained.name+=Bayzhanov", "detained.birth_year=1980",
        "detained.2.names=王伟;Wang Wei", "detained.2.detained_on=2019-05",
    ])
    fields.apply_edits(vault, photo, ["person=speaker", "label=passport"])
    t = vault.catalogue.get(tid)
    assert (t.title, t.consent, t.tags) == ("Appeal", "public", ("b", "c"))
    assert t.consent_elements.voluntariness is True
    assert [n.text for n in t.detained[0].names] == ["Байжанов", "Bayzhanov"]
    assert [n.text for n in t.detained[1].names] == ["王伟", "Wang Wei"]
    assert t.speaker.documents == (photo,)
    fields.apply_edits(vault, tid, ["detained.name-=Байжанов"], removals=["detained.2"])
    t = vault.catalogue.get(tid)
    assert [n.text for n in t.detained[0].names] == ["Bayzhanov"] and len(t.detained) == 1


@pytest.mark.parametrize("bad", [
    "consent=maybe", "status=published", "detained.birth_year=abc", "detained.chinese_id=123",
    "detained.chinese_id=110105194912310021", "detained.detained_on=May 2019", "colour=red",
    "detained.3.name=x", "speaker.2.name=x", "consent.disclosure=perhaps", "recorded_at=yesterday",
    "novalue",
])
def test_bad_edits_change_nothing(vault, files, bad):
    tid = library.add_files(vault, [files["doc"]], title="before").testimony_id
    before = vault.catalogue.get(tid)
    with pytest.raises(InvalidValue):
        fields.apply_edits(vault, tid, ["title=after", bad])
    assert vault.catalogue.get(tid) == before


def test_check_digit_of_chinese_id():
    assert fields.check_chinese_id("11010519491231002x") == "11010519491231002X"
    with pytest.raises(InvalidValue):
        fields.check_chinese_id("110105194912310021")


def test_recovered_size_mismatch_is_truncation(vault, files):
    item = library.add_files(vault, [files["video"]]).item_ids[0]
    with vault.transaction():
        vault.items.update(item, size=vault.items.get(item).size + 1)
    with pytest.raises(ObjectTruncated):
        vault.reader(item)
