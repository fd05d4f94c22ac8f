"""The whole hand-over through the real `kua`, as a volunteer and an organizer do it:
record → export → import on the organizer's vault (which leaves a receipt on the stick)
→ `kua receipt` on the volunteer's vault → `kua rm --delivered --yes`. Bad receipts are
one-line errors that mark nothing; nothing in clear lands on disk on the way."""

from __future__ import annotations

import json
import secrets
from pathlib import Path

from tests.disk_scan import files_holding
from tests.e2e.cli import assert_one_line_error, check, init_vault, last_line, list_json, run_kua
from tests.e2e.test_bundle_cli import _organizer_key


def test_record_export_import_receipt_erase(tmp_path):
    marker = "KUAMARKER" + secrets.token_hex(8)
    tmpdir, cwd, stick = tmp_path / "tmp", tmp_path / "cwd", tmp_path / "stick"
    tmpdir.mkdir()
    cwd.mkdir()
    volunteer, archive = tmp_path / "volunteer", tmp_path / "archive"
    init_vault(volunteer)
    init_vault(archive)

    def kua(*args: str, vault: Path) -> str:
        proc = check(run_kua(*args, vault=vault, tmpdir=tmpdir, cwd=cwd, timeout=120))
        assert marker not in proc.stderr
        return proc.stdout

    # The volunteer records two testimonies; one is restricted (a bundle is for organizers).
    handed = last_line(kua("record", "--source", "synthetic", "--seconds", "2", "--resolution",
                           "480p", "--title", f"{marker} appeal", "--consent", "restricted",
                           vault=volunteer))
    kept = last_line(kua("record", "--source", "synthetic", "--seconds", "1", "--resolution",
                         "480p", "--title", "not handed over", vault=volunteer))
    key, recipient = _organizer_key(tmp_path)
    assert recipient.startswith("age1pq1")
    bundle_id = last_line(kua("export", handed, "--to", str(stick), "--recipient", recipient,
                              vault=volunteer))

    # The organizer imports; the receipt is left on the stick.
    out = kua("import", str(stick), "--identity", str(key), vault=archive)
    receipt = stick / f"receipt-{bundle_id}.txt"
    assert f"wrote the receipt for the volunteer: {receipt}" in out and receipt.is_file()
    assert f"bundle: {bundle_id}" in receipt.read_text()

    # Before the receipt, nothing is delivered and rm --delivered erases nothing.
    assert "nothing to erase" in kua("rm", "--delivered", "--yes", vault=volunteer)
    asks = run_kua("rm", "--delivered", vault=volunteer, input="")
    check(asks)  # nothing to ask about yet

    # A bad receipt is refused by name, exit 17, and marks nothing.
    altered = tmp_path / f"receipt-{bundle_id}.txt"
    altered.write_text(receipt.read_text().replace("items: 1", "items: 1 "))
    assert_one_line_error(run_kua("receipt", str(altered), vault=volunteer), 17, "cut short or")
    assert {t["id"]: t["status"] for t in list_json(volunteer)}[handed] == "exported"

    # The good receipt marks the testimony delivered; the audit log names the organizer's device.
    confirmed = json.loads(kua("receipt", str(receipt), "--json", vault=volunteer))
    organizer_device = json.loads(kua("keys", "device", "--json", vault=archive))["fingerprint"]
    assert confirmed["delivered"] == [handed]
    assert confirmed["organizer_device"] == organizer_device
    shown = json.loads(kua("show", handed, "--json", vault=volunteer))
    assert shown["status"] == "delivered"

    # Without --yes and without a terminal to ask on, nothing is erased.
    refused = run_kua("rm", "--delivered", vault=volunteer, input="")
    assert_one_line_error(refused, 2, "give --yes")
    assert len(list_json(volunteer)) == 2

    erased = kua("rm", "--delivered", "--yes", vault=volunteer)
    assert handed in erased and "erased 1 delivered testimony" in erased
    assert [t["id"] for t in list_json(volunteer)] == [kept]
    check(run_kua("verify", vault=volunteer))
    assert_one_line_error(run_kua("receipt", str(receipt), vault=volunteer), 17, "no longer has")
    assert len(list_json(archive)) == 1  # the organizer keeps it

    needles = [marker.encode(), marker.encode("utf-16-le")]
    assert files_holding(needles, volunteer, archive, stick, tmpdir, cwd) == []
