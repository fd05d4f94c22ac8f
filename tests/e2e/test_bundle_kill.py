"""`kill -9` (a crash, a pulled plug) during an export or an import: no part that looks
complete but is not, nothing half-imported, and both vaults verify afterwards."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from storage.bundles.age_stream import SEALED_CHUNK
from tests.e2e.cli import (add, assert_one_line_error, check, init_vault, kill_when, last_line,
                           list_json, run_kua, start_kua)

MIB = 1024 * 1024
SPLIT = 16 * MIB


def _big_files(folder: Path) -> list[Path]:
    return [p for p in folder.rglob("*") if p.is_file() and p.stat().st_size > 8 * MIB]


@pytest.mark.slow
def test_kill_during_export_then_during_import(tmp_path: Path) -> None:
    volunteer = tmp_path / "volunteer"
    init_vault(volunteer)
    src = tmp_path / "in" / "large.bin"
    src.parent.mkdir()
    with open(src, "wb") as f:
        for _ in range(12):
            f.write(os.urandom(16 * MIB))
    tid = add(volunteer, src)
    check(run_kua("edit", tid, "--set", "consent=public", vault=volunteer))
    key = tmp_path / "organizer.txt"
    recipient = last_line(check(run_kua("keys", "organizer-new", "--out", str(key),
                                        vault=volunteer)).stdout)

    stick = tmp_path / "stick"
    proc = start_kua("export", tid, "--to", str(stick), "--recipient", recipient,
                     "--split-size", "16M", vault=volunteer)
    assert kill_when(proc, lambda: stick.is_dir() and any(stick.glob("bundle-*.001.age"))), \
        "the export finished before it could be killed"
    assert not list(stick.glob("bundle-*.txt"))
    parts = sorted(stick.glob("bundle-*.age"))
    assert parts  # what carries a final name is whole: full parts of whole chunks
    assert all(p.stat().st_size > SPLIT - SEALED_CHUNK for p in parts)
    assert all(p.stat().st_size % SEALED_CHUNK == 0 for p in parts[1:])
    proc = run_kua("verify", "--bundle", str(stick), "--identity", str(key), vault=volunteer)
    assert_one_line_error(proc, 14, "is the last part found, but the bundle goes on")
    assert list_json(volunteer)[0]["status"] != "exported"
    check(run_kua("verify", vault=volunteer))

    good = tmp_path / "good"
    check(run_kua("export", tid, "--to", str(good), "--recipient", recipient, vault=volunteer))
    archive = tmp_path / "archive"
    init_vault(archive)
    proc = start_kua("import", str(good), "--identity", str(key), vault=archive)
    assert kill_when(proc, lambda: bool(_big_files(archive / "objects"))), \
        "the import finished before it could be killed"
    assert list_json(archive) == []  # the next unlock erased the half-imported item
    assert not [p for p in (archive / "objects").rglob("*") if p.is_file()]
    check(run_kua("verify", vault=archive))
    check(run_kua("import", str(good), "--identity", str(key), vault=archive))
    [imported] = list_json(archive)
    assert imported["items"][0]["sha256"] == list_json(volunteer)[0]["items"][0]["sha256"]
