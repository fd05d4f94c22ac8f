"""Files Kua creates for a person (extract, organizer key, bundle parts and note) are
owner-only, never replace an existing file or follow a link, unless told to replace
(and then the link itself is replaced)."""

from __future__ import annotations

import os
import stat
from pathlib import Path

import pytest

from tests.e2e.cli import add, assert_one_line_error, check, init_vault, last_line, run_kua


def _mode(path: Path) -> int:
    return stat.S_IMODE(path.lstat().st_mode)


def _umask_022() -> None:
    os.umask(0o022)  # what most desktops use: new files would be readable by everyone


@pytest.fixture(scope="module")
def stored(tmp_path_factory) -> tuple[Path, str, bytes]:
    """One vault for the module (a kua run takes a second or two): a document in it."""
    root = tmp_path_factory.mktemp("stored")
    vault = root / "vault"
    init_vault(vault)
    data = os.urandom(50_000)
    (root / "letter.bin").write_bytes(data)
    tid = add(vault, root / "letter.bin")
    check(run_kua("edit", tid, "--set", "consent=public", vault=vault))
    return vault, tid, data


def test_extract_is_owner_only(stored, tmp_path):
    vault, tid, data = stored
    out = tmp_path / "copy.bin"
    check(run_kua("extract", tid, "--out", str(out), vault=vault, preexec_fn=_umask_022))
    assert out.read_bytes() == data and _mode(out) == 0o600
    assert [p.name for p in tmp_path.iterdir()] == ["copy.bin"]


def test_extract_refuses_an_existing_file_unless_forced(stored, tmp_path):
    vault, tid, data = stored
    out = tmp_path / "copy.bin"
    out.write_bytes(b"keep me")
    proc = run_kua("extract", tid, "--out", str(out), vault=vault)
    assert_one_line_error(proc, 2, str(out), "already exists", "--force")
    assert out.read_bytes() == b"keep me"
    for flag in ("--force", "--overwrite"):
        out.write_bytes(b"replace me")
        out.chmod(0o644)
        check(run_kua("extract", tid, "--out", str(out), flag, vault=vault))
        assert out.read_bytes() == data and _mode(out) == 0o600


@pytest.mark.parametrize("target", ["victim.txt", "missing.txt"])
def test_extract_never_follows_a_link(stored, tmp_path, target):
    vault, tid, data = stored
    victim = tmp_path / "victim.txt"
    victim.write_bytes(b"someone else's file")
    link = tmp_path / "copy.bin"
    link.symlink_to(tmp_path / target)   # a link planted at the output name (or dangling)
    proc = run_kua("extract", tid, "--out", str(link), vault=vault)
    assert_one_line_error(proc, 2, str(link), "is a link")
    assert link.is_symlink() and victim.read_bytes() == b"someone else's file"
    assert not (tmp_path / "missing.txt").exists()
    check(run_kua("extract", tid, "--out", str(link), "--force", vault=vault))
    assert not link.is_symlink() and link.read_bytes() == data and _mode(link) == 0o600
    assert victim.read_bytes() == b"someone else's file"
    assert not (tmp_path / "missing.txt").exists()


def test_extract_into_a_folder_is_refused(stored, tmp_path):
    vault, tid, _ = stored
    proc = run_kua("extract", tid, "--out", str(tmp_path), "--force", vault=vault)
    assert_one_line_error(proc, 2, "is a folder")


def test_organizer_key_never_follows_a_link(tmp_path):
    victim = tmp_path / "victim.txt"
    victim.write_text("someone else's file")
    key = tmp_path / "organizer.key"
    key.symlink_to(victim)
    proc = run_kua("keys", "organizer-new", "--out", str(key), vault=tmp_path / "v",
                   env_extra={"KUA_VAULT": None})
    assert_one_line_error(proc, 2, "is a link")
    assert victim.read_text() == "someone else's file"
    key.unlink()
    check(run_kua("keys", "organizer-new", "--out", str(key), vault=tmp_path / "v",
                  env_extra={"KUA_VAULT": None}, preexec_fn=_umask_022))
    assert _mode(key) == 0o600


def test_bundle_parts_and_note_are_owner_only(stored, tmp_path):
    vault, tid, _ = stored
    key = tmp_path / "organizer.key"
    recipient = last_line(check(run_kua("keys", "organizer-new", "--out", str(key),
                                        vault=vault)).stdout)
    stick = tmp_path / "stick"
    check(run_kua("export", tid, "--to", str(stick), "--recipient", recipient, vault=vault,
                  preexec_fn=_umask_022))
    files = sorted(stick.iterdir())
    assert [p.suffix for p in files] == [".age", ".txt"]
    assert all(_mode(p) == 0o600 for p in files)
