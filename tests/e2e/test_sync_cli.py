"""`kua sync`, `kua restore`, `kua verify --replica` and a replica opened in place,
through the installed command: output, JSON, exit codes and one-line errors."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from pathlib import Path

import pytest

from app import library
from harness.vaults import FAST_KDF, PASSPHRASE
from storage.vault import Vault
from tests.disks import remount, small_tmpfs
from tests.e2e.cli import (add, assert_one_line_error, check, init_vault, last_line,
                           list_json, run_kua)
from tests.storage.replica_util import flip

MIB = 1024 * 1024


@pytest.fixture
def setup(tmp_path: Path) -> dict:
    """A vault with two testimonies (three items), made in-process to save time: the
    commands under test all run through the installed `kua`."""
    vault = tmp_path / "vault"
    inputs = tmp_path / "in"
    inputs.mkdir()
    files = []
    for name, size in (("appeal.bin", 3 * MIB + 5), ("letter.txt", 2000), ("id.bin", 40_000)):
        (inputs / name).write_bytes(os.urandom(size))
        files.append(inputs / name)
    v, recovery = Vault.create(vault, PASSPHRASE, kdf=FAST_KDF)
    with v:
        library.add_files(v, files[:2], title="first")
        library.add_files(v, files[2:], title="second")
    return {"vault": vault, "drive": tmp_path / "drive", "recovery": recovery,
            "inputs": inputs, "tmp": tmp_path}


def _sync(s: dict, *extra: str, **kw) -> subprocess.CompletedProcess:
    return run_kua("sync", "--to", str(kw.pop("to", s["drive"])), *extra, vault=s["vault"], **kw)


def test_sync_list_in_place_verify_restore(setup):
    s = setup
    out = check(_sync(s)).stdout
    assert "generation 1 (new replica)" in out and "copied: 3 items, 3 files" in out
    report = json.loads(check(_sync(s, "--json")).stdout)
    assert (report["generation"], report["copied_bytes"], report["skipped_items"]) == (2, 0, 3)
    assert list_json(s["drive"]) == list_json(s["vault"])

    verified = check(run_kua("verify", "--replica", str(s["drive"]), vault=s["vault"]))
    assert "same as the vault" in verified.stdout and "replica ok" in verified.stdout
    check(run_kua("verify", vault=s["drive"]))  # the replica on its own, read-only

    proc = check(run_kua("restore", "--from", str(s["drive"]), "--vault", str(s["tmp"] / "new"),
                         vault=s["vault"], env_extra={"KUA_PASSPHRASE": s["recovery"]}))
    vault_id = last_line(proc.stdout)
    assert "testimonies: 2; items: 3" in proc.stdout and "verified: 3 items" in proc.stdout
    restored = json.loads(check(run_kua("restore", "--json", "--from", str(s["drive"]),
                                        vault=s["tmp"] / "new2")).stdout)
    assert restored["id"] == vault_id and restored["refused"] == [] and restored["verified"]
    for new in ("new", "new2"):
        assert list_json(s["tmp"] / new) == list_json(s["vault"])
        check(run_kua("verify", vault=s["tmp"] / new))


def test_changes_on_a_replica_are_refused(setup):
    s = setup
    check(_sync(s))
    tid = list_json(s["drive"])[0]["id"]
    new_pass = s["tmp"] / "new-pass"
    new_pass.write_text("another passphrase\n")
    for args in (("add", str(s["inputs"] / "letter.txt")), ("edit", tid, "--set", "title=x"),
                 ("rm", tid), ("passwd", "--new-passphrase-file", str(new_pass))):
        assert_one_line_error(run_kua(*args, vault=s["drive"]), 23, "replica, opened read-only")
    assert list_json(s["drive"]) == list_json(s["vault"])


def test_verify_replica_reports_differences_and_damage(setup):
    s = setup
    check(_sync(s))
    new_tid = add(s["vault"], s["inputs"] / "letter.txt", title="third")
    first = next(t for t in list_json(s["vault"]) if t["title"] == "first")
    check(run_kua("rm", first["id"], vault=s["vault"]))
    proc = check(run_kua("verify", "--replica", str(s["drive"]), "--json", vault=s["vault"]))
    found = json.loads(proc.stdout)
    assert found["ok"] and not found["up_to_date"]
    assert found["differences"]["testimonies_only_in_vault"] == [new_tid]
    assert found["differences"]["testimonies_only_on_replica"] == [first["id"]]
    assert sorted(found["differences"]["items_only_on_replica"]) == sorted(
        i["id"] for i in first["items"])
    text = check(run_kua("verify", "--replica", str(s["drive"]), vault=s["vault"])).stdout
    assert "1 testimonies only in the vault" in text and "behind the vault" in text

    big = first["items"][0]
    obj = next(p for p in (s["drive"] / "objects").rglob("*")
               if p.is_file() and p.stat().st_size > 3 * MIB)
    flip(obj, 1_500_000)
    proc = run_kua("verify", "--replica", str(s["drive"]), vault=s["vault"])
    assert_one_line_error(proc, 10, big["id"], "segment 1 failed authentication")
    assert f"PROBLEM: item {big['id']}" in proc.stdout


def test_restore_of_a_tampered_replica_names_the_item(setup):
    s = setup
    check(_sync(s))
    listing = list_json(s["vault"])
    big = next(i for t in listing for i in t["items"] if i["size"] > 3 * MIB)
    obj = next(p for p in (s["drive"] / "objects").rglob("*")
               if p.is_file() and p.stat().st_size > 3 * MIB)
    flip(obj, 100)
    proc = run_kua("restore", "--from", str(s["drive"]), vault=s["tmp"] / "new")
    assert_one_line_error(proc, 10, big["id"], "not restored", "the other 2 items were")
    assert f"REFUSED: item {big['id']}" in proc.stdout
    restored = list_json(s["tmp"] / "new")
    assert [i["id"] for t in restored for i in t["items"]] == [
        i["id"] for t in listing for i in t["items"] if i["id"] != big["id"]]
    check(run_kua("verify", vault=s["tmp"] / "new"))


def test_refusals(setup):
    s = setup
    check(_sync(s))
    other = s["tmp"] / "other"
    init_vault(other)
    proc = run_kua("sync", "--to", str(s["drive"]), vault=other)
    assert_one_line_error(proc, 22, "replica of another vault")
    busy = s["tmp"] / "busy"
    busy.mkdir()
    (busy / "photo.jpg").write_bytes(b"\xff\xd8")
    assert_one_line_error(_sync(s, to=busy), 7, "not empty")
    assert_one_line_error(_sync(s, to=other), 2, "is a vault")
    assert_one_line_error(_sync(s, to=s["tmp"] / "no" / "drive"), 2, "plugged in")
    assert_one_line_error(run_kua("restore", "--from", str(s["drive"]), vault=busy), 7)
    assert_one_line_error(run_kua("restore", "--from", str(s["drive"]), vault=s["tmp"] / "n",
                                  env_extra={"KUA_PASSPHRASE": "wrong"}), 3)
    assert not (s["tmp"] / "n").exists()


def test_sync_with_a_damaged_vault_item(setup):
    """The damaged item is not copied and named (exit 10); the rest is on the drive."""
    s = setup
    big = next(i for t in list_json(s["vault"]) for i in t["items"] if i["size"] > 3 * MIB)
    obj = next(p for p in (s["vault"] / "objects").rglob("*")
               if p.is_file() and p.stat().st_size > 3 * MIB)
    flip(obj, 2_000_000)
    proc = _sync(s)
    assert_one_line_error(proc, 10, "synced, but not every item", big["id"])
    assert "copied: 2 items" in proc.stdout and f"NOT COPIED: item {big['id']}" in proc.stdout


@pytest.mark.slow
def test_full_and_read_only_drives(setup):
    s = setup
    mnt = s["tmp"] / "usb"
    with small_tmpfs(mnt, "3m"):
        drive = mnt / "kua"
        assert_one_line_error(_sync(s, to=drive), 9, "MiB more are needed")
        assert list(drive.iterdir()) == [drive / "lock"]  # nothing else was written
        remount(mnt, "size=16m")
        check(_sync(s, to=drive))
        listing = list_json(drive)
        remount(mnt, "ro")
        assert_one_line_error(_sync(s, to=drive), 21, "read-only")
        assert list_json(drive) == listing  # it still opens in place
        check(run_kua("verify", vault=drive))


def test_older_replica_put_back_is_named(setup):
    """An older generation of the replica put back on the drive (a copy of the whole
    folder): `verify --replica`, `sync` and `restore` say it is older than the last sync
    (exit 24) and change nothing, unless `--accept-older`."""
    s = setup
    check(_sync(s))
    old = s["tmp"] / "old-copy"
    shutil.copytree(s["drive"], old)
    with Vault.open(s["vault"], PASSPHRASE) as v:
        library.add_files(v, [s["inputs"] / "letter.txt"], title="third")
    check(_sync(s))
    shutil.rmtree(s["drive"])
    shutil.copytree(old, s["drive"])
    before = {p: p.read_bytes() for p in s["drive"].rglob("*") if p.is_file()}
    new = s["tmp"] / "new"

    proc = run_kua("verify", "--replica", str(s["drive"]), vault=s["vault"])
    assert_one_line_error(proc, 24, "generation 1, older than the last sync (generation 2)",
                          "replaced or rolled back", "--accept-older")
    assert_one_line_error(_sync(s), 24, "older than the last sync")
    assert_one_line_error(run_kua("restore", "--from", str(s["drive"]), "--vault", str(new),
                                  vault=s["vault"]), 24, "older than the last sync")
    assert not new.exists()
    assert {p: p.read_bytes() for p in s["drive"].rglob("*") if p.is_file()} == before

    check(run_kua("verify", "--replica", str(s["drive"]), "--accept-older", vault=s["vault"]))
    check(run_kua("restore", "--from", str(s["drive"]), "--vault", str(new), "--accept-older",
                  vault=s["vault"]))
    report = json.loads(check(_sync(s, "--accept-older", "--json")).stdout)
    # After the remembered 2, and in the manifest slot generation 1 does not use.
    assert (report["previous"], report["generation"]) == (1, 4)
    check(run_kua("verify", "--replica", str(s["drive"]), vault=s["vault"]))
