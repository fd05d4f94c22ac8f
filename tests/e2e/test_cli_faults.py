"""Faults a person can meet, through the real `kua`: each is one `kua: ` line on
stderr, the documented exit code, and a vault left as it was (`list --json` is
unchanged and, where the vault is intact, `verify` passes afterwards)."""

from __future__ import annotations

import os
import random
import shutil
import signal
import subprocess
import time
from pathlib import Path

import pytest

from harness.vaults import PASSPHRASE
from storage.sealed import Layout
from storage.vault import Vault
from tests.disks import small_tmpfs
from tests.e2e.cli import (add, assert_one_line_error, check, init_vault, kill_when, list_json,
                           run_kua, start_kua)

MIB = 1024 * 1024


class Filled:
    """A vault made by `kua init` holding one testimony with a 3 MiB item (4 segments)."""

    def __init__(self, root: Path) -> None:
        self.path = root / "vault"
        init_vault(self.path)
        self.data = os.urandom(3 * MIB + 1234)
        src = root / "in" / "big.bin"
        src.parent.mkdir()
        src.write_bytes(self.data)
        self.tid = add(self.path, src, title="first")
        self.listing = list_json(self.path)
        self.item = self.listing[0]["items"][0]["id"]

    def kua(self, *args: str, **kw) -> subprocess.CompletedProcess:
        return run_kua(*args, vault=self.path, **kw)

    def objects(self) -> set[str]:
        return {str(p.relative_to(self.path)) for p in (self.path / "objects").rglob("*")
                if p.is_file()}

    def object_file(self) -> Path:
        (name,) = self.objects()
        return self.path / name

    def assert_unchanged(self, verify: bool = True) -> None:
        assert list_json(self.path) == self.listing
        if verify:
            check(self.kua("verify"))


@pytest.fixture
def filled(tmp_path: Path) -> Filled:
    return Filled(tmp_path)


def _flip(path: Path, offset: int) -> None:
    data = bytearray(path.read_bytes())
    data[offset] ^= 0x20
    path.write_bytes(bytes(data))


def _files(folder: Path) -> dict[str, bytes]:
    return {str(p.relative_to(folder)): p.read_bytes() for p in folder.rglob("*") if p.is_file()}


def test_wrong_passphrase(filled: Filled) -> None:
    """A wrong passphrase is exit 3, touches no vault file, and the right one still works."""
    before = _files(filled.path)
    proc = filled.kua("list", env_extra={"KUA_PASSPHRASE": "wrong horse"})
    assert_one_line_error(proc, 3, "wrong passphrase")
    assert _files(filled.path) == before
    filled.assert_unchanged()


@pytest.mark.parametrize("kind", ["other-files", "empty", "missing"])
def test_not_a_vault(tmp_path: Path, kind: str) -> None:
    """A folder without keys and vault.db, or no folder at all, is exit 4; nothing is created."""
    folder = tmp_path / "elsewhere"
    if kind != "missing":
        folder.mkdir()
    if kind == "other-files":
        (folder / "notes.txt").write_text("not a vault")
    before = _files(folder) if folder.exists() else None
    assert_one_line_error(run_kua("list", vault=folder), 4)
    assert (_files(folder) if folder.exists() else None) == before


def test_init_on_non_empty_folder(tmp_path: Path, filled: Filled) -> None:
    """`init` refuses a folder with anything in it (exit 7), a vault included, and
    changes nothing there."""
    folder = tmp_path / "busy"
    folder.mkdir()
    (folder / "photo.jpg").write_bytes(b"\xff\xd8 not really")
    assert_one_line_error(run_kua("init", vault=folder), 7)
    assert _files(folder) == {"photo.jpg": b"\xff\xd8 not really"}
    before = _files(filled.path)
    assert_one_line_error(filled.kua("init"), 7)
    assert _files(filled.path) == before
    filled.assert_unchanged()


@pytest.mark.parametrize("damage", ["truncate", "flip"])
def test_damaged_keys_file(filled: Filled, damage: str) -> None:
    """A cut or bit-flipped `keys` is exit 5 "keys file is damaged" (not "wrong
    passphrase"); with the file restored, everything is as before."""
    keys = filled.path / "keys"
    good = keys.read_bytes()
    keys.write_bytes(good[:700] if damage == "truncate" else good)
    if damage == "flip":
        _flip(keys, 500)
    assert_one_line_error(filled.kua("list"), 5, "keys file is damaged")
    keys.write_bytes(good)
    filled.assert_unchanged()


@pytest.mark.parametrize("damage", ["truncate", "flip-middle", "flip-first-page"])
def test_damaged_catalogue(filled: Filled, damage: str) -> None:
    """A cut or bit-flipped vault.db (no WAL to help): `list` fails with exit 5 or, if it
    never reads the damaged page, `verify` does; always one line, never a traceback
    or SQLCipher log. Restoring the file restores the vault."""
    for extra in ("vault.db-wal", "vault.db-shm"):
        (filled.path / extra).unlink(missing_ok=True)
    db = filled.path / "vault.db"
    good = db.read_bytes()
    if damage == "truncate":
        os.truncate(db, len(good) // 2)
    else:
        _flip(db, len(good) // 2 if damage == "flip-middle" else 40)
    listed = filled.kua("list", "--json")
    if listed.returncode != 0:
        assert_one_line_error(listed, 5, "vault.db")
    verified = filled.kua("verify")
    assert verified.returncode in (5, 10)
    assert_one_line_error(verified, verified.returncode, "vault.db")
    db.write_bytes(good)
    for extra in ("vault.db-wal", "vault.db-shm"):
        (filled.path / extra).unlink(missing_ok=True)
    filled.assert_unchanged()


def test_flipped_object(filled: Filled, tmp_path: Path) -> None:
    """One flipped bit in a sealed object: `verify` exits 10 naming the item, `extract`
    (by item or testimony id) fails naming it and leaves no file behind."""
    obj = filled.object_file()
    good = obj.read_bytes()
    _flip(obj, len(good) // 2)
    assert_one_line_error(filled.kua("verify"), 10, filled.item)
    out_dir = tmp_path / "out"
    out_dir.mkdir()
    for some_id in (filled.item, filled.tid):
        proc = filled.kua("extract", some_id, "--out", str(out_dir / "copy.bin"))
        assert_one_line_error(proc, 10, filled.item)
        assert not any(out_dir.iterdir())
    obj.write_bytes(good)
    filled.assert_unchanged()
    check(filled.kua("extract", filled.item, "--out", str(out_dir / "copy.bin")))
    assert (out_dir / "copy.bin").read_bytes() == filled.data


@pytest.mark.parametrize("damage", ["truncate", "cut-at-segment", "delete"])
def test_truncated_or_missing_object(filled: Filled, damage: str) -> None:
    """An object cut inside a segment, cut at a segment boundary, or gone: `verify`
    exits 10 and names the item."""
    obj = filled.object_file()
    if damage == "delete":
        obj.unlink()
    else:
        keep = Layout().sealed_size * 2 if damage == "cut-at-segment" else obj.stat().st_size - 100
        os.truncate(obj, keep)
    assert_one_line_error(filled.kua("verify"), 10, filled.item)


def test_object_with_a_deleted_part(filled: Filled) -> None:
    """An object split into parts (a small layout, made through the library) with its
    middle part deleted: `verify` exits 10 naming that item, and only that one."""
    data = os.urandom(5 * 4096 + 77)
    with Vault.open(filled.path, PASSPHRASE) as vault:
        with vault.transaction():
            ref = vault.items.create(filled.tid, "document", layout=Layout(4096, 2))
        writer = vault.writer(ref)
        writer.write(data)
        writer.close()
        with vault.transaction():
            vault.items.update(ref.item_id, state="complete", size=writer.size,
                               sha256=writer.sha256)
        parts = vault.object_files(ref.item_id)
    assert len(parts) == 3
    check(filled.kua("verify"))
    parts[1].unlink()
    line = assert_one_line_error(filled.kua("verify"), 10, ref.item_id)
    assert filled.item not in line


def test_replayed_keys_file(filled: Filled, tmp_path: Path) -> None:
    """After `passwd`, the old `keys` put back is refused even with the old passphrase
    (exit 5, "old copy"); the current keys file opens with the new passphrase only."""
    keys = filled.path / "keys"
    old = keys.read_bytes()
    new_file = tmp_path / "new-pass"
    new_file.write_text("a new longer passphrase\n")
    check(filled.kua("passwd", "--new-passphrase-file", str(new_file),
                     "--kdf-memory", "8", "--kdf-iterations", "1"))
    new = keys.read_bytes()
    assert new != old
    keys.write_bytes(old)
    assert_one_line_error(filled.kua("list"), 5, "old copy")
    keys.write_bytes(new)
    assert_one_line_error(filled.kua("list"), 3, "wrong passphrase")
    env = {"KUA_PASSPHRASE": "a new longer passphrase"}
    proc = check(filled.kua("list", "--json", env_extra=env))
    assert proc.stdout and filled.tid in proc.stdout
    check(filled.kua("verify", env_extra=env))


def test_vault_in_use(filled: Filled) -> None:
    """While another process holds the vault, `kua` exits 6 "vault is in use"; once it
    is closed, `kua` works."""
    vault = Vault.open(filled.path, PASSPHRASE)
    try:
        assert_one_line_error(filled.kua("list"), 6, "vault is in use")
        assert_one_line_error(filled.kua("add", str(filled.path / "keys")), 6, "in use")
    finally:
        vault.close()
    filled.assert_unchanged()


@pytest.mark.parametrize("unknown", ["tzzzzzzz", "mzzzzzzz"])
def test_unknown_id(filled: Filled, tmp_path: Path, unknown: str) -> None:
    """An id that is neither a testimony nor an item is exit 8 naming the id, for
    show, rm, edit and extract alike; nothing changes and no file is written."""
    for args in (("show",), ("rm",), ("edit", "--set", "title=x"),
                 ("extract", "--out", "unused.bin")):
        proc = filled.kua(args[0], unknown, *args[1:], cwd=tmp_path)
        assert_one_line_error(proc, 8, unknown)
    assert not (tmp_path / "unused.bin").exists()
    filled.assert_unchanged(verify=False)


def test_bad_edit_value(filled: Filled) -> None:
    """An invalid value is exit 2 and the whole edit is refused (a valid field given
    with it is not applied either)."""
    for bad in ("consent=maybe", "detained.birth_year=abc", "detained.chinese_id=123",
                "detained.chinese_id=110101199003074211", "status=gone", "nosuchfield=1"):
        proc = filled.kua("edit", filled.tid, "--set", "title=changed", "--set", bad)
        assert_one_line_error(proc, 2)
    filled.assert_unchanged(verify=False)


def _disk_full_round(vault: Path, inputs: Path, limit_fn=None, space: bool = False) -> None:
    """A 6 MiB add fails with exit 9 and leaves no trace; then a 1 MiB add succeeds."""
    big, small = inputs / "big.bin", inputs / "small.bin"
    big.write_bytes(os.urandom(6 * MIB))
    small.write_bytes(os.urandom(MIB))
    before = list_json(vault)
    objects = {p for p in (vault / "objects").rglob("*") if p.is_file()}
    usage = shutil.disk_usage(vault).free
    proc = run_kua("add", str(big), vault=vault, preexec_fn=limit_fn)
    assert_one_line_error(proc, 9, "disk is full")
    assert {p for p in (vault / "objects").rglob("*") if p.is_file()} == objects
    if space:  # only on a file system of its own: others may be writing elsewhere
        assert shutil.disk_usage(vault).free >= usage - 256 * 1024
    assert list_json(vault) == before
    check(run_kua("verify", vault=vault))
    tid = add(vault, small)
    assert [t["id"] for t in list_json(vault)][0] == tid


@pytest.mark.slow
def test_disk_full_on_small_tmpfs(tmp_path: Path) -> None:
    """On a 4 MiB file system, adding 6 MiB is "disk is full" (exit 9), no object file
    is left, the space is back, the catalogue unchanged; a 1 MiB add then works."""
    mount = tmp_path / "small"
    with small_tmpfs(mount, "4m"):
        init_vault(mount / "vault")
        _disk_full_round(mount / "vault", tmp_path, space=True)


@pytest.mark.slow
def test_disk_full_by_file_size_limit(tmp_path: Path) -> None:
    """Writes past RLIMIT_FSIZE fail with EFBIG, which kua reports as "disk is full"
    (exit 9) with nothing changed; without the limit, adding works."""
    def limit() -> None:
        import resource
        resource.setrlimit(resource.RLIMIT_FSIZE, (2 * MIB, 2 * MIB))
        signal.signal(signal.SIGXFSZ, signal.SIG_IGN)

    init_vault(tmp_path / "vault")
    _disk_full_round(tmp_path / "vault", tmp_path, limit)


def _kill_add(filled: Filled, src: Path, *, delay: float | None) -> bool:
    """Start `kua add SRC`, SIGKILL it (after `delay`, or once its object passes 4 MiB);
    returns True if it was still running when killed."""
    before = filled.objects()

    def ready() -> bool:
        if delay is not None:
            return time.monotonic() - start >= delay
        new = [p for p in (filled.path / "objects").rglob("*")
               if p.is_file() and str(p.relative_to(filled.path)) not in before]
        return bool(new) and new[0].stat().st_size > 4 * MIB

    proc = start_kua("add", str(src), vault=filled.path)
    start = time.monotonic()
    return kill_when(proc, ready, timeout=10)


def _assert_all_or_nothing(filled: Filled, src: Path, alive: bool) -> None:
    listing = list_json(filled.path)  # the next unlock clears what the kill left
    if listing != filled.listing:  # killed after the add committed, or it finished
        assert listing[1:] == filled.listing, (alive, listing)
        (new,) = listing[0]["items"]
        assert new["state"] == "complete" and new["size"] == src.stat().st_size
        filled.listing = listing
    check(filled.kua("verify"))
    assert len(filled.objects()) == sum(len(t["items"]) for t in filled.listing)


@pytest.mark.slow
def test_kill_during_add(filled: Filled, tmp_path: Path) -> None:
    """`kill -9` while an add is writing its object: the next unlock leaves no new
    testimony or item (half or whole), no orphan object file, and `verify` passes."""
    src = tmp_path / "in" / "large.bin"
    with open(src, "wb") as f:
        for _ in range(12):
            f.write(os.urandom(16 * MIB))
    objects = filled.objects()
    assert _kill_add(filled, src, delay=None), "the add finished before it could be killed"
    assert len(filled.objects()) == len(objects) + 1  # the half-written object
    assert list_json(filled.path) == filled.listing
    assert filled.objects() == objects
    check(filled.kua("verify"))


KILL_SEED = 19  # the random moments are replayable: a failure names its seed and delay


@pytest.mark.slow
def test_kill_at_random_points(filled: Filled, tmp_path: Path) -> None:
    """`kill -9` at random moments of an add (start-up, unlock, probe, writing,
    finishing): each time the vault then holds either nothing of it or all of it.
    The moments are fractions of how long one whole add takes on this machine, so
    every kill lands while the add is still running (asserted)."""
    src = tmp_path / "in" / "medium.bin"
    src.write_bytes(os.urandom(24 * MIB))
    started = time.monotonic()
    add(filled.path, src, title="whole")
    whole = time.monotonic() - started
    filled.listing = list_json(filled.path)
    rng = random.Random(KILL_SEED)
    for low, high in ((0.0, 0.3), (0.3, 0.6), (0.6, 0.9)):
        delay = whole * rng.uniform(low, high)
        alive = _kill_add(filled, src, delay=delay)
        assert alive, f"the add ended before the kill at {delay:.2f} s of {whole:.2f} s (seed {KILL_SEED})"
        _assert_all_or_nothing(filled, src, alive)
