"""`kua publish uwazi` as a person runs it: a photo's share copy published, the warning,
the left-out testimony named with its command, the audit entry, one-line errors."""

from __future__ import annotations

import csv
import json
import zipfile
from pathlib import Path

import cv2
import numpy as np
import pytest

from tests.e2e.cli import add, assert_one_line_error, check, init_vault, last_line, run_kua


@pytest.fixture(scope="module")
def archive(tmp_path_factory) -> tuple[Path, str, str, str]:
    """A vault with a public photo that has a share copy, and a public one that has not."""
    root = tmp_path_factory.mktemp("archive")
    vault = root / "vault"
    init_vault(vault)
    ok, jpeg = cv2.imencode(".jpg", np.full((120, 160, 3), (30, 90, 200), np.uint8))
    assert ok
    (root / "photo.jpg").write_bytes(jpeg.tobytes())
    tid = add(vault, root / "photo.jpg", title="Photo of Erlan")
    check(run_kua("edit", tid, "--set", "consent=public", "--set", "detained.name=Erlan B",
                  vault=vault))
    share = last_line(check(run_kua("transcode", tid, "--profile", "share", vault=vault)).stdout)
    bare = add(vault, root / "photo.jpg", title="No copy yet")
    check(run_kua("edit", bare, "--set", "consent=public", vault=vault))
    return vault, tid, share, bare


def test_publish_writes_csv_and_zip_with_a_warning(archive, tmp_path):
    vault, tid, share, bare = archive
    out = tmp_path / "uwazi"
    proc = check(run_kua("publish", "uwazi", "--to", str(out), vault=vault))
    assert "UNENCRYPTED" in proc.stderr
    assert f"left out {bare}" in proc.stderr and f"kua transcode {bare} --profile share" in proc.stderr
    with open(out / "import.csv", newline="", encoding="utf-8") as f:
        rows = list(csv.DictReader(f))
    assert [(r["kua_id"], r["title"], r["detained_person"]) for r in rows] == [
        (tid, "Photo of Erlan", "Erlan B")]
    with zipfile.ZipFile(out / "uwazi-import.zip") as z:
        assert z.namelist() == ["import.csv", rows[0]["attachments"]]
        assert rows[0]["attachments"] == f"{tid}-{share}.jpg"
    events = json.loads(check(run_kua("verify", "--json", vault=vault)).stdout)
    assert events  # the audit chain still verifies with the publication in it


def test_publish_json(archive, tmp_path):
    vault, tid, share, bare = archive
    data = json.loads(check(run_kua("publish", "uwazi", "--to", str(tmp_path / "o"), "--json",
                                    vault=vault)).stdout)
    assert data["rows"] == [tid] and data["attachments"] == [share]
    assert [g["id"] for g in data["left_out"]] == [bare]


def test_unknown_mapping_field_is_one_line(archive, tmp_path):
    vault, *_ = archive
    mapping = tmp_path / "m.json"
    mapping.write_text('{"victim_name": "victim"}')
    proc = run_kua("publish", "uwazi", "--to", str(tmp_path / "o"), "--mapping", str(mapping),
                   vault=vault)
    assert_one_line_error(proc, 2, "victim_name")
    assert not (tmp_path / "o").exists()


def test_folder_not_empty_is_one_line(archive, tmp_path):
    vault, *_ = archive
    (tmp_path / "o").mkdir()
    (tmp_path / "o" / "x").write_text("x")
    proc = run_kua("publish", "uwazi", "--to", str(tmp_path / "o"), vault=vault)
    assert_one_line_error(proc, 7, "not an empty folder")
    assert [p.name for p in (tmp_path / "o").iterdir()] == ["x"]
