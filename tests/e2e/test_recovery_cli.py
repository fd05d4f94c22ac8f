"""Crashes, damage and old copies through the real `kua`: a recording killed with
kill -9 and then damaged on the disk, a recording whose file is missing, an older
vault.db put back. Every command finishes (timeouts make a hang fail), nothing newer
is deleted, and the damage is named by item id and media time."""

from __future__ import annotations

import json
import os
import shutil
import signal
import time
from pathlib import Path

import pytest

from harness.vaults import PASSPHRASE, new_vault
import storage.vault as vault_module
from app import library
from storage.sealed import Layout, part_path
from storage.vault import Vault
from tests.e2e.cli import add, assert_one_line_error, check, init_vault, run_kua, start_kua

SEALED = Layout.for_segment_size(64 * 1024).sealed_size  # recordings' segments
TIMEOUT = 60  # an unlock that spins fails the test instead of hanging it


@pytest.fixture(scope="module")
def killed_recording(tmp_path_factory) -> dict:
    """A vault with a document and a recording killed with kill -9 once six of its
    segments are on the disk."""
    root = tmp_path_factory.mktemp("killed")
    vault = root / "vault"
    init_vault(vault)
    doc = root / "letter.bin"
    doc.write_bytes(os.urandom(200_000))
    other = add(vault, doc, title="other")
    before = set((vault / "objects").rglob("*"))
    proc = start_kua("record", "--source", "synthetic", "--seconds", "60", "--resolution",
                     "720p", vault=vault)
    deadline, size = time.monotonic() + 40, 0
    while size < 6 * SEALED and time.monotonic() < deadline and proc.poll() is None:
        time.sleep(0.1)
        new = [p for p in (vault / "objects").rglob("*") if p.is_file() and p not in before]
        size = new[0].stat().st_size if new else 0
    proc.send_signal(signal.SIGKILL)
    proc.communicate(timeout=10)
    assert size >= 6 * SEALED, "the recording did not get going"
    with Vault.open(vault, PASSPHRASE) as v:  # a plain unlock: recordings stay unrecovered
        [item] = v.items.in_state("recording")
        obj = part_path(v.objects_dir, v.items.object_ref(item.id).object_name, 0)
    return {"root": root, "vault": vault, "item": item.id, "object": obj.relative_to(vault),
            "other": other, "doc": doc.read_bytes()}


@pytest.mark.slow
@pytest.mark.parametrize("where", ["first", "middle"])
def test_damaged_segment_after_kill_9(killed_recording, tmp_path, where):
    """kill -9, then a bit flipped in a segment: the unlock finishes, the recording keeps
    what came before the damage and is marked damaged at a media time, in `list`,
    `list --json` and `verify`; the other testimony is untouched."""
    k = killed_recording
    vault = tmp_path / "vault"
    shutil.copytree(k["vault"], vault)
    obj = vault / k["object"]
    segments = obj.stat().st_size // SEALED
    assert segments >= 6
    index = 0 if where == "first" else segments // 2
    raw = bytearray(obj.read_bytes())
    raw[index * SEALED + 1000] ^= 0x10
    obj.write_bytes(bytes(raw))

    proc = check(run_kua("list", "--json", vault=vault, timeout=TIMEOUT))
    [item] = [i for t in json.loads(proc.stdout) for i in t["items"] if i["id"] == k["item"]]
    assert item["damage"] == "damaged"
    if where == "first":
        assert (item["state"], item["size"], item["damage_at"]) == ("failed", 0, 0.0)
    else:
        assert item["state"] == "recovered"
        assert item["size"] <= index * 64 * 1024
        assert 0 < item["damage_at"] == item["duration"] < 40
    at = f"{int(item['damage_at']) // 60}:{int(round(item['damage_at'])) % 60:02d}"
    listed = check(run_kua("list", vault=vault, timeout=TIMEOUT)).stdout
    assert f"{k['item']} damaged at {at}" in listed
    line = assert_one_line_error(run_kua("verify", vault=vault, timeout=TIMEOUT), 10)
    assert k["item"] in line and f"damaged at {at}" in line
    out = tmp_path / "letter.out"
    check(run_kua("extract", k["other"], "--out", str(out), vault=vault))
    assert out.read_bytes() == k["doc"]
    if where == "middle":  # what was kept plays and extracts whole
        check(run_kua("extract", k["item"], "--out", str(tmp_path / "kept.mp4"), vault=vault))
        assert (tmp_path / "kept.mp4").stat().st_size == item["size"]


def test_recording_whose_file_is_missing(tmp_path):
    """A `recording` row whose object file never came to be (the old write order): the
    vault opens, the item is marked lost, `verify` names it, `kua rm` removes it."""
    vault = tmp_path / "vault"
    with _new_vault(vault) as v:
        with v.transaction():
            tid = v.catalogue.create_testimony("cut", "restricted")
            ref = v.items.create(tid, "master", state="recording")
    assert f"{ref.item_id} lost" in check(run_kua("list", vault=vault)).stdout
    assert_one_line_error(run_kua("verify", vault=vault), 10, ref.item_id, "lost")
    check(run_kua("rm", ref.item_id, vault=vault))
    with Vault.open(vault, PASSPHRASE) as v:
        assert v.items.all() == [] and library.verify(v).ok


def _new_vault(path: Path, *files: Path) -> Vault:
    vault = new_vault(path)
    for f in files:
        library.add_files(vault, [f])
    return vault


def _objects(vault: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in (vault / "objects").rglob("*") if p.is_file()}


@pytest.mark.parametrize("wal", ["without-wal", "with-wal"])
def test_older_catalogue_put_back(tmp_path, wal):
    """An older vault.db put back: nothing newer is deleted; the unlock says how many
    objects the catalogue does not know and that vault.db is an older copy; `verify`
    fails naming them until `rm --unknown-objects --yes` and `verify --accept-older`."""
    vault, saved = tmp_path / "vault", tmp_path / "saved"
    (tmp_path / "a.bin").write_bytes(os.urandom(100_000))
    (tmp_path / "b.bin").write_bytes(os.urandom(150_000))
    saved.mkdir()
    with _new_vault(vault, tmp_path / "a.bin") as v:
        if wal == "with-wal":  # copied while the vault was open, its WAL not folded in yet
            for name in ("vault.db", "vault.db-wal"):
                shutil.copy2(vault / name, saved / name)
            assert (saved / "vault.db-wal").stat().st_size > 0
        old_listing = [t.id for t in v.catalogue.all()]
    if wal == "without-wal":
        shutil.copy2(vault / "vault.db", saved / "vault.db")
    with Vault.open(vault, PASSPHRASE) as v:
        library.add_files(v, [tmp_path / "b.bin"])
        newer = v.items.object_names()
    objects = _objects(vault)
    for name in ("vault.db-wal", "vault.db-shm"):
        (vault / name).unlink(missing_ok=True)
    for f in saved.iterdir():
        shutil.copy2(f, vault / f.name)

    proc = check(run_kua("list", "--json", vault=vault))
    assert [t["id"] for t in json.loads(proc.stdout)] == old_listing
    assert "1 sealed object is not in the catalogue" in proc.stderr
    assert "it may be an older copy" in proc.stderr and "vault.db is an older copy" in proc.stderr
    assert _objects(vault) == objects  # nothing deleted
    if wal == "with-wal":
        return
    [unknown] = newer - _known(vault)
    proc = run_kua("verify", "--json", vault=vault)
    line = assert_one_line_error(proc, 10, "not in the catalogue")
    problems = json.loads(proc.stdout)["problems"]
    assert any(unknown in p for p in problems) and any("older copy" in p for p in problems)

    assert_one_line_error(run_kua("rm", "--unknown-objects", vault=vault), 2, "--yes")
    assert _objects(vault) == objects
    removed = json.loads(check(run_kua("rm", "--unknown-objects", "--yes", "--json",
                                       vault=vault)).stdout)
    assert removed == {"removed_objects": [unknown]}
    assert set(_objects(vault)) == {n for n in objects if not n.startswith(unknown)}
    assert "older copy" in line
    check(run_kua("verify", "--accept-older", vault=vault))
    with Vault.open(vault, PASSPHRASE) as v:
        assert library.verify(v).ok


def _known(vault: Path) -> set[str]:
    with Vault.open(vault, PASSPHRASE) as v:
        return v.items.object_names()


def test_erasure_cut_short_is_finished_not_reported(tmp_path, monkeypatch):
    """`rm` killed after dropping the key but before removing the files: the next unlock
    knows those files are its own and removes them, without calling them unknown."""
    vault = tmp_path / "vault"
    (tmp_path / "a.bin").write_bytes(os.urandom(100_000))
    (tmp_path / "b.bin").write_bytes(os.urandom(100_000))
    v = _new_vault(vault, tmp_path / "a.bin", tmp_path / "b.bin")
    gone, kept = v.catalogue.all()
    files = v.object_files(gone.items[0].id)

    def killed(*args):
        raise KeyboardInterrupt  # stands in for the power going out

    monkeypatch.setattr(vault_module, "remove_object", killed)
    with pytest.raises(KeyboardInterrupt):
        v.erase_item(gone.items[0].id)
    v.conn.close()
    os.close(v._lock_fd)
    monkeypatch.undo()
    assert all(f.exists() for f in files)
    proc = check(run_kua("list", "--json", vault=vault))
    assert "not in the catalogue" not in proc.stderr
    assert not any(f.exists() for f in files)
    with Vault.open(vault, PASSPHRASE) as v:
        assert v.unknown_objects == () and library.verify(v).ok
        assert [i.id for i in v.items.all()] == [kept.items[0].id]
