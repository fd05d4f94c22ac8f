"""Receipts: an import writes one; the volunteer's vault accepts only a good one for its own
bundle, marks exactly those items delivered, and erases only what is all delivered."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from app import bundles, library, receipts
from app.bundle_import import import_bundle
from harness.vaults import new_vault
from storage.bundles import receipts as receipt_format
from core.errors import ReceiptRefused
from tests.app.bundle_helpers import make_testimony, organizer, write_files


def _hand_over(volunteer, archive, tmp_path: Path, name: str, *tids: str):
    org = organizer()
    report = bundles.export_bundle(volunteer, list(tids), tmp_path / name, [org.recipient])
    imported = import_bundle(archive, tmp_path / name, [org.identity])
    return report, Path(imported.receipt)


def _audit(vault, action: str) -> list[dict]:
    return [json.loads(r[0]) for r in vault.conn.execute(
        "SELECT details FROM audit WHERE action = ? ORDER BY seq", (action,))]


def test_a_good_receipt_marks_delivered_and_erase_takes_only_that(volunteer, archive, tmp_path):
    one = make_testimony(volunteer, write_files(tmp_path / "a", appeal=40_000), title="Ерлан")
    two = make_testimony(volunteer, write_files(tmp_path / "b", appeal=30_000))
    kept = make_testimony(volunteer, write_files(tmp_path / "c", appeal=20_000))
    report, path = _hand_over(volunteer, archive, tmp_path, "stick", one, two)
    assert path.name == f"receipt-{report.bundle_id}.txt" and path.parent == tmp_path / "stick"
    text = path.read_text(encoding="ascii")
    assert f"bundle: {report.bundle_id}" in text and "Ерлан" not in text
    for item in report.items:
        sha = volunteer.items.get(item).sha256
        assert f"item {item} sha256 {sha}" in text
    assert volunteer.catalogue.get(one).status == "exported"

    checked = receipts.check_receipt(volunteer, path)
    assert set(checked.delivered) == {one, two} and not checked.already
    assert checked.organizer_device == archive.device_key().fingerprint
    assert volunteer.catalogue.get(one).status == "delivered"
    assert volunteer.catalogue.get(kept).status != "delivered"
    [event] = _audit(volunteer, "bundle.receipt")
    assert event["organizer_device"] == archive.device_key().fingerprint
    assert len(_audit(volunteer, "testimony.delivered")) == 2
    assert receipts.check_receipt(volunteer, path).already  # a second time: nothing new

    # A copy made after the export was never delivered: that testimony is kept.
    extra = write_files(tmp_path / "d", later=1000)
    library.add_files(volunteer, extra, testimony_id=two)
    found = {t.id: t for t in receipts.delivered_testimonies(volunteer)}
    assert found[two].kept_because and not found[one].kept_because
    erased = receipts.erase_delivered(volunteer, list(found.values()))
    assert erased == [one]
    ids = {t.id for t in library.list_testimonies(volunteer)}
    assert ids == {two, kept}
    assert len(library.list_testimonies(archive)) == 2  # the organizer keeps all


def _refused(vault, path: Path, words: str) -> None:
    before = vault.conn.execute("SELECT count(*) FROM bundle_items WHERE delivered_at IS NOT"
                                " NULL").fetchone()[0]
    with pytest.raises(ReceiptRefused) as caught:
        receipts.check_receipt(vault, path)
    assert words in str(caught.value) and "nothing was marked" in str(caught.value)
    assert "\n" not in str(caught.value)
    after = vault.conn.execute("SELECT count(*) FROM bundle_items WHERE delivered_at IS NOT"
                               " NULL").fetchone()[0]
    assert before == after


def test_bad_receipts_are_refused_by_name_and_mark_nothing(volunteer, archive, tmp_path):
    tid = make_testimony(volunteer, write_files(tmp_path / "a", appeal=40_000, photo=5_000))
    report, path = _hand_over(volunteer, archive, tmp_path, "stick", tid)
    good = path.read_bytes()
    bad = tmp_path / "bad"
    bad.mkdir()

    def variant(name: str, data: bytes) -> Path:
        out = bad / name
        out.write_bytes(data)
        return out

    sha = volunteer.items.get(report.items[0]).sha256
    altered = good.replace(sha.encode(), (sha[:-1] + ("0" if sha[-1] != "0" else "1")).encode())
    _refused(volunteer, variant(path.name, altered), "was altered")
    _refused(volunteer, variant(path.name, good[:len(good) // 2]), "cut short")
    _refused(volunteer, variant(path.name, good[:-5]), "cut short")
    _refused(volunteer, variant("notes.txt", b"hello"), "is not a Kua receipt")

    # From another vault: a bundle this vault never made.
    other = new_vault(tmp_path / "other")
    try:
        theirs = make_testimony(other, write_files(tmp_path / "o", x=1000))
        _, foreign = _hand_over(other, archive, tmp_path, "stick2", theirs)
    finally:
        other.close()
    _refused(volunteer, foreign, "did not make")

    # Replayed for a later bundle: the first bundle's receipt under the second's name.
    later = make_testimony(volunteer, write_files(tmp_path / "l", y=2000))
    second, _ = _hand_over(volunteer, archive, tmp_path, "stick3", later)
    _refused(volunteer, variant(f"receipt-{second.bundle_id}.txt", good), "replayed")

    # Naming an item the vault no longer has.
    library.remove(volunteer, report.items[1])
    _refused(volunteer, path, "no longer has")
    assert volunteer.catalogue.get(tid).status == "exported"


def test_a_forged_receipt_without_the_key_is_altered(volunteer, archive, tmp_path):
    tid = make_testimony(volunteer, write_files(tmp_path / "a", appeal=4_000))
    report, path = _hand_over(volunteer, archive, tmp_path, "stick", tid)
    item = volunteer.items.get(report.items[0])
    forged = receipt_format.make(bytes(32), report.bundle_id, "2026-01-01T00:00:00Z",
                                 volunteer.device_key().fingerprint, "aaaa-bbbb-cccc-dddd",
                                 [(item.id, item.sha256)])
    path.write_bytes(forged)
    _refused(volunteer, path, "was altered")


def test_receipt_format_round_trip_and_strictness():
    key = receipt_format.new_key()
    text = receipt_format.make(key, "b1x", "2026-12-05T09:00:00Z", "aaaa-bbbb-cccc-dddd",
                               "eeee-ffff-gggg-hhhh", [("i2", "b" * 64), ("i1", "a" * 64)])
    r = receipt_format.parse(text)
    assert r.items == (("i1", "a" * 64), ("i2", "b" * 64)) and receipt_format.verify(r, key)
    assert not receipt_format.verify(r, receipt_format.new_key())
    for broken in (text.replace(b"items: 2", b"items: 3"), text + b"more\n",
                   text.replace(b"\nitem i1 ", b"\nitem  i1 "), text.replace(b"\n", b"\r\n")):
        with pytest.raises(receipt_format.ReceiptFormatError):
            receipt_format.parse(broken)


def test_a_bundle_made_before_receipts_imports_without_one(volunteer, archive, tmp_path,
                                                            monkeypatch):
    """An older Kua put no receipt key in the manifest: the import stands and says why
    there is no receipt; the volunteer's vault has no key to check one with."""
    monkeypatch.setattr(bundles.receipts, "new_key", lambda: None)
    tid = make_testimony(volunteer, write_files(tmp_path / "a", appeal=4_000))
    org = organizer()
    report = bundles.export_bundle(volunteer, [tid], tmp_path / "stick", [org.recipient])
    imported = import_bundle(archive, tmp_path / "stick", [org.identity])
    assert imported.receipt is None and "made before Kua wrote receipts" in imported.receipt_problem
    assert not any(p.name.startswith("receipt-") for p in (tmp_path / "stick").iterdir())
    assert len(library.list_testimonies(archive)) == 1
    assert receipt_format.Deliveries(volunteer.conn).receipt_key(report.bundle_id) == (True, None)
