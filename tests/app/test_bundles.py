"""Export, import and verify through the app/ services: what goes in comes out, consent
holds, duplicates are not imported, people matches are offered, never merged."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

import pytest

from app import bundles, library
from app.transcode import review
from app.bundle_import import import_bundle
from harness.vaults import new_vault
from storage.bundles.device import BundleLog
from core.errors import (Cancelled, DiskFull, HashMismatch, NotFound, RefusedByConsent,
                            TargetNotEmpty)
from core.work import CancelToken
from tests.app.bundle_helpers import (contents, make_testimony, organizer, sealed_item, snapshot,
                                      write_files)


def test_round_trip_keeps_media_metadata_and_people(volunteer, archive, tmp_path):
    files = write_files(tmp_path / "in", appeal=700_000, passport=30_000)
    tid = make_testimony(volunteer, files, title="Appeal for my brother",
                         detained=["Байжанов Ерлан", "Bayzhanov Erlan"],
                         chinese_id="65010219800101123X")
    with volunteer.transaction():
        volunteer.catalogue.update_testimony(tid, notes="taken in 2019", place="Almaty",
                                             disclosure=True, voluntariness=True)
        volunteer.catalogue.set_tags(tid, ["camp", "urgent"])
        speaker = volunteer.catalogue.add_person(tid, "speaker")
        volunteer.catalogue.set_names(speaker, ["Gulnar Kasymova"])
        passport = volunteer.catalogue.get(tid).items[1].id
        volunteer.items.update(passport, person_id=speaker, label="passport")
    org = organizer()
    progress = []
    report = bundles.export_bundle(volunteer, [tid], tmp_path / "stick", [org.recipient],
                                   split_size=256 * 1024,
                                   progress=lambda p: progress.append((p.done, p.total)))
    assert len(report.parts) >= 3 and report.items == tuple(
        i.id for i in volunteer.catalogue.get(tid).items)
    assert progress[-1] == (730_000, 730_000)
    assert (tmp_path / "stick" / f"bundle-{report.bundle_id}.txt").is_file()

    # The volunteer's vault: exported, with the bundle id, in the audit log and the record.
    source = volunteer.catalogue.get(tid)
    assert source.status == "exported"
    assert BundleLog(volunteer.conn).bundles_of(tid) == [report.bundle_id]
    events = [(e.action, e.subject, json.loads(e.details)) for e in volunteer.audit.events()]
    assert ("testimony.export", tid, {"bundle": report.bundle_id}) in events
    assert any(a == "bundle.export" and s == report.bundle_id and d["device"] == report.device
               for a, s, d in events)

    imported = import_bundle(archive, tmp_path / "stick", [org.identity])
    assert not imported.nothing_new and imported.device == report.device
    (t_report,) = imported.testimonies
    assert t_report.created and t_report.source_id == tid
    t = archive.catalogue.get(t_report.id)
    assert (t.title, t.notes, t.place, t.consent, t.tags) == (
        "Appeal for my brother", "taken in 2019", "Almaty", "public", ("camp", "urgent"))
    assert (t.consent_elements.disclosure, t.consent_elements.competence) == (True, None)
    assert [n.text for n in t.detained[0].names] == ["Байжанов Ерлан",
                                                     "Bayzhanov Erlan"]
    assert t.detained[0].chinese_id == "65010219800101123X"
    assert [n.text for n in t.speaker.names] == ["Gulnar Kasymova"]
    assert t.speaker.documents == (t.items[1].id,) and t.items[1].label == "passport"
    for src, item in zip(source.items, t.items):
        assert (item.sha256, item.size, item.kind) == (src.sha256, src.size, src.kind)
        assert contents(archive, item.id) == contents(volunteer, src.id)
    events = [(e.action, json.loads(e.details)) for e in archive.audit.events()]
    assert ("bundle.import", {"device": report.device, "new_items": 2, "duplicates": 0}) in events
    assert sum(1 for a, d in events if a == "item.import" and d["bundle"] == report.bundle_id
               and d["device"] == report.device) == 2
    assert library.verify(archive).ok and library.verify(volunteer).ok
    assert library.search(archive, "Baizhanov")[0].id == t.id


def test_importing_again_adds_nothing_and_a_later_bundle_adds_to_the_same_testimony(
        volunteer, archive, tmp_path):
    first, second = write_files(tmp_path / "in", first=50_000, second=60_000)
    tid = make_testimony(volunteer, [first])
    org = organizer()
    bundles.export_bundle(volunteer, [tid], tmp_path / "b1", [org.recipient])
    r1 = import_bundle(archive, tmp_path / "b1", [org.identity])
    before = snapshot(archive)
    again = import_bundle(archive, tmp_path / "b1", [org.identity])
    assert again.nothing_new and snapshot(archive)[:3] == before[:3]
    # The same testimony exported again with one more item: only that item is new.
    library.add_files(volunteer, [second], testimony_id=tid)
    bundles.export_bundle(volunteer, [tid], tmp_path / "b2", [org.recipient])
    r2 = import_bundle(archive, tmp_path / "b2", [org.identity])
    assert [i.new for i in r2.items] == [False, True] and r2.known_device
    assert r2.testimonies[0].id == r1.testimonies[0].id and not r2.testimonies[0].created
    assert len(library.list_testimonies(archive)) == 1
    assert len(archive.catalogue.get(r1.testimonies[0].id).items) == 2


def test_bundles_from_two_vaults_into_one_archive_with_people_matches(archive, tmp_path):
    org = organizer()
    one, two = new_vault(tmp_path / "laptop1"), new_vault(tmp_path / "laptop2")
    try:
        a = make_testimony(one, write_files(tmp_path / "a", a=40_000), title="from laptop 1",
                      detained=["Байжанов Ерлан"])
        shared = write_files(tmp_path / "s", shared=30_000)
        make_testimony(one, shared, title="shared file")
        b = make_testimony(two, write_files(tmp_path / "b", b=50_000), title="from laptop 2",
                      detained=["Erlan Bayzhanov"])
        c = make_testimony(two, write_files(tmp_path / "c", c=20_000), title="same id",
                      chinese_id="65010219800101123X")
        d = make_testimony(two, shared, title="same media, other laptop")
        with one.transaction():
            pid = one.catalogue.people(a, "detained")[0]
            one.catalogue.update_person(pid, chinese_id="65010219800101123x")
        r1 = import_bundle(archive, _export(one, [a], tmp_path / "s1", org), [org.identity])
        key1 = one.device_key().fingerprint
        r2 = import_bundle(archive, _export(two, [b, c, d], tmp_path / "s2", org), [org.identity])
        assert two.device_key().fingerprint != key1
        assert (r1.device, r2.device) == (key1, two.device_key().fingerprint)
    finally:
        one.close()
        two.close()
    titles = sorted(t.title for t in library.list_testimonies(archive))
    assert titles == ["from laptop 1", "from laptop 2", "same id", "same media, other laptop"]
    local = {t.source_id: t.id for t in r2.testimonies}
    a_local = r1.testimonies[0].id
    found = {(m.testimony_id, m.other_testimony_id, m.reason) for m in r2.matches}
    assert (local[b], a_local, "same name") in found
    assert (local[c], a_local, "same Chinese ID number") in found
    # Offered, never merged: each testimony keeps its own person.
    assert all(len(archive.catalogue.people(t, "detained")) == 1 for t in (a_local, local[b]))


def _export(vault, ids, folder: Path, org, **kw) -> Path:
    bundles.export_bundle(vault, ids, folder, [org.recipient], **kw)
    return folder


def test_same_media_from_another_device_is_not_imported_twice(archive, tmp_path):
    org = organizer()
    shared = write_files(tmp_path / "s", shared=30_000)
    one, two = new_vault(tmp_path / "l1"), new_vault(tmp_path / "l2")
    try:
        import_bundle(archive, _export(one, [make_testimony(one, shared)], tmp_path / "b1", org),
                      [org.identity])
        second = _export(two, [make_testimony(two, shared)], tmp_path / "b2", org)
        again = import_bundle(archive, second, [org.identity])
    finally:
        one.close()
        two.close()
    assert again.nothing_new and len(library.list_testimonies(archive)) == 1


def test_consent_is_honoured(volunteer, tmp_path):
    org = organizer()
    restricted = make_testimony(volunteer, write_files(tmp_path / "r", r=1000),
                                consent="restricted")
    anonymous = make_testimony(volunteer, write_files(tmp_path / "a", a=1000), consent="anonymous")
    # A bundle is for organizers only: restricted goes in by default; the old option is a no-op.
    report = bundles.export_bundle(volunteer, [restricted], tmp_path / "x1", [org.recipient])
    assert report.testimonies == (restricted,)
    report = bundles.export_bundle(volunteer, [restricted], tmp_path / "x2", [org.recipient],
                                   consent=bundles.ConsentChoice(include_restricted=True))
    assert report.testimonies == (restricted,)
    with pytest.raises(RefusedByConsent, match=f"testimony {anonymous} has anonymous consent and"
                                               " no anonymized item"):
        bundles.export_bundle(volunteer, [anonymous], tmp_path / "x3", [org.recipient])
    master = volunteer.catalogue.get(anonymous).items[0].id
    with pytest.raises(RefusedByConsent, match=f"item {master} is not anonymized"):
        bundles.export_bundle(volunteer, [master], tmp_path / "x4", [org.recipient])
    anonymized = _anonymized_item(volunteer, anonymous, b"blurred faces")
    for asked in ([anonymous], [anonymized]):  # nobody has watched it yet
        with pytest.raises(RefusedByConsent, match=f"not been reviewed: .*kua review {anonymized}"):
            bundles.select_for_export(volunteer, asked, "master")
    _, items, _ = bundles.select_for_export(volunteer, [anonymous], "master",
                                            bundles.ConsentChoice(include_unreviewed=True))
    assert [i.id for i in items] == [anonymized]
    review.mark_reviewed(volunteer, anonymized)
    _, items, notes = bundles.select_for_export(volunteer, [anonymous], "master")
    assert [i.id for i in items] == [anonymized] and "only its anonymized items" in notes[0]
    _, items, _ = bundles.select_for_export(
        volunteer, [anonymous], "all", bundles.ConsentChoice(include_identifiable=True))
    assert {i.id for i in items} == {master, anonymized}
    assert not (tmp_path / "x3").exists()  # refused before the folder was made


def _anonymized_item(vault, tid: str, data: bytes) -> str:
    return sealed_item(vault, tid, "anonymized", data)


def test_include_chooses_items_of_a_testimony(volunteer, tmp_path):
    tid = make_testimony(volunteer, write_files(tmp_path / "i", a=100, b=200))
    derived = _anonymized_item(volunteer, tid, b"derived")
    originals = [i.id for i in volunteer.catalogue.get(tid).items if i.kind != "anonymized"]
    assert [i.id for i in bundles.select_for_export(volunteer, [tid], "master")[1]] == originals
    assert [i.id for i in bundles.select_for_export(volunteer, [tid], "anonymized")[1]] == [derived]
    assert len(bundles.select_for_export(volunteer, [tid], "all")[1]) == 3
    with pytest.raises(NotFound, match="no share item"):
        bundles.select_for_export(volunteer, [tid], "share")
    # An item id and its testimony id together: each item once.
    assert len(bundles.select_for_export(volunteer, [tid, originals[0]], "master")[1]) == 2


def test_parent_links_survive_the_trip(volunteer, archive, tmp_path):
    tid = make_testimony(volunteer, write_files(tmp_path / "p", master=5000))
    _anonymized_item(volunteer, tid, b"derived")
    org = organizer()
    report = import_bundle(archive, _export(volunteer, [tid], tmp_path / "b", org, include="all"),
                           [org.identity])
    master, derived = archive.catalogue.get(report.testimonies[0].id).items
    assert derived.parent == master.id


def test_export_refuses_a_folder_that_is_not_empty(volunteer, tmp_path):
    tid = make_testimony(volunteer, write_files(tmp_path / "e", a=10))
    (tmp_path / "full").mkdir()
    (tmp_path / "full" / "other").write_text("x")
    with pytest.raises(TargetNotEmpty):
        bundles.export_bundle(volunteer, [tid], tmp_path / "full", [organizer().recipient])


def test_a_failed_export_leaves_no_part_and_changes_nothing(volunteer, tmp_path):
    tid = make_testimony(volunteer, write_files(tmp_path / "f", a=300_000))
    item = volunteer.catalogue.get(tid).items[0].id
    with volunteer.transaction():
        volunteer.items.update(item, sha256="0" * 64)  # the catalogue disagrees with the object
    with pytest.raises(HashMismatch, match=f"item {item}"):
        bundles.export_bundle(volunteer, [tid], tmp_path / "out", [organizer().recipient],
                              split_size=128 * 1024)
    assert list((tmp_path / "out").iterdir()) == []
    assert volunteer.catalogue.get(tid).status == "draft"


def test_cancel_stops_export_and_import_cleanly(volunteer, archive, tmp_path):
    tid = make_testimony(volunteer, write_files(tmp_path / "c", a=3_000_000))
    org = organizer()
    token = CancelToken()
    with pytest.raises(Cancelled):
        bundles.export_bundle(volunteer, [tid], tmp_path / "x", [org.recipient],
                              progress=lambda p: token.cancel(), cancel=token)
    assert list((tmp_path / "x").iterdir()) == []
    _export(volunteer, [tid], tmp_path / "ok", org)
    before = snapshot(archive)
    token = CancelToken()
    with pytest.raises(Cancelled):
        import_bundle(archive, tmp_path / "ok", [org.identity],
                      progress=lambda p: token.cancel(), cancel=token)
    assert snapshot(archive) == before


def test_not_enough_free_space_is_found_before_anything_is_written(volunteer, archive, tmp_path,
                                                                   monkeypatch):
    tid = make_testimony(volunteer, write_files(tmp_path / "d", a=200_000))
    org = organizer()
    _export(volunteer, [tid], tmp_path / "b", org)
    before = snapshot(archive)
    import app.bundle_import as module

    class Usage:
        total, used, free = 10 ** 12, 10 ** 12, 1000

    monkeypatch.setattr(module.shutil, "disk_usage", lambda path: Usage)
    with pytest.raises(DiskFull, match="free, but bundle-.* needs .*nothing was imported"):
        import_bundle(archive, tmp_path / "b", [org.identity])
    assert snapshot(archive) == before


def test_verify_reports_every_item(volunteer, tmp_path):
    files = write_files(tmp_path / "v", a=10_000, b=20_000)
    tid = make_testimony(volunteer, files)
    org = organizer()
    report = bundles.export_bundle(volunteer, [tid], tmp_path / "b", [org.recipient])
    checked = bundles.verify_bundle(tmp_path / "b", [org.identity])
    assert checked.bundle_id == report.bundle_id and checked.device == report.device
    assert checked.note and checked.testimonies == (tid,)
    assert sorted(i.sha256 for i in checked.items) == sorted(
        hashlib.sha256(f.read_bytes()).hexdigest() for f in files)


def test_identical_files_inside_one_bundle_are_imported_once(volunteer, archive, tmp_path):
    (path,) = write_files(tmp_path / "t", same=1000)
    t1 = make_testimony(volunteer, [path], title="one")
    t2 = make_testimony(volunteer, [path], title="two")
    org = organizer()
    report = import_bundle(archive, _export(volunteer, [t1, t2], tmp_path / "b", org),
                           [org.identity])
    assert [i.new for i in report.items] == [True, False]
    assert report.items[0].id == report.items[1].id
    assert archive.conn.execute("SELECT count(*) FROM items").fetchone()[0] == 1
