"""`kua passwd` and `kua init` through the real command: a new vault key at every
change, a recovery key that can be replaced, keys files with forged costs, and the
strength rule for new passphrases (the one the app's meter uses)."""

from __future__ import annotations

import json
import resource
from pathlib import Path

import pytest

from app.passphrase import is_weak
from harness.vaults import PASSPHRASE
from storage import keyslots
from tests.e2e.cli import add, assert_one_line_error, check, init_vault, list_json, run_kua
from tests.storage.test_keyslots import _forge

NEW = "a new and longer passphrase"
WEAK = "short1"


@pytest.fixture
def made(tmp_path: Path) -> tuple[Path, str, str]:
    """A vault made by `kua init`, with one testimony: path, recovery key, testimony id."""
    path = tmp_path / "vault"
    recovery = init_vault(path)["recovery_key"]
    doc = tmp_path / "note.txt"
    doc.write_text("a note")
    return path, recovery, add(path, doc, title="first")


def _as(secret: str) -> dict[str, str]:
    return {"KUA_PASSPHRASE": secret}


def test_passwd_new_recovery_key_revokes_the_old_one(made):
    """--new-recovery-key prints a new key once (JSON: recovery_key); the old key is
    refused, the new one and the new passphrase open the vault; the old keys file put
    back opens nothing, with the old passphrase or the old recovery key (exit 5)."""
    path, old_recovery, tid = made
    old_keys = (path / "keys").read_bytes()
    proc = check(run_kua("passwd", "--new-recovery-key", vault=path,
                         env_extra={"KUA_NEW_PASSPHRASE": NEW}))
    lines = [line.strip() for line in proc.stdout.splitlines() if line.strip()]
    new_recovery = next(line for line in lines if keyslots.parse_recovery_key(line))
    assert new_recovery != old_recovery and "old recovery key no longer works" in proc.stdout
    assert_one_line_error(run_kua("list", vault=path, env_extra=_as(old_recovery)), 3)
    assert_one_line_error(run_kua("list", vault=path), 3)
    for secret in (NEW, new_recovery):
        assert [t["id"] for t in json.loads(check(run_kua(
            "list", "--json", vault=path, env_extra=_as(secret))).stdout)] == [tid]
    current = (path / "keys").read_bytes()
    (path / "keys").write_bytes(old_keys)
    for secret in (PASSPHRASE, old_recovery):
        assert_one_line_error(run_kua("list", vault=path, env_extra=_as(secret)), 5, "old copy")
    (path / "keys").write_bytes(current)
    again = json.loads(check(run_kua("passwd", "--json", vault=path, env_extra={
        "KUA_PASSPHRASE": new_recovery, "KUA_NEW_PASSPHRASE": PASSPHRASE})).stdout)
    assert again == {"changed": True, "recovery_key": None}
    check(run_kua("verify", vault=path, env_extra=_as(new_recovery)))
    assert [t["id"] for t in list_json(path)] == [tid]


FORGED = [{"memory_kib": 4 * 1024 * 1024}, {"memory_kib": 0}, {"iterations": 2**31},
          {"lanes": 200}]


def test_keys_file_with_forged_cost_is_damaged(made):
    """A keys file whose masked header asks for an impossible Argon2 cost: exit 5
    "keys file is damaged", within a 2 GiB address space (so no attempt at a
    multi-gigabyte allocation), whatever the secret and the command."""
    path, recovery, _ = made
    keys = path / "keys"
    intact = keys.read_bytes()

    def limited() -> None:
        resource.setrlimit(resource.RLIMIT_AS, (2 * 1024**3, 2 * 1024**3))

    runs = [(fields, ("list",), PASSPHRASE) for fields in FORGED]
    runs += [(FORGED[0], ("verify",), recovery), (FORGED[0], ("passwd",), PASSPHRASE)]
    for fields, args, secret in runs:
        keys.write_bytes(_forge(intact, keyslots.KIND_PASSPHRASE, **fields))
        proc = run_kua(*args, vault=path, preexec_fn=limited,
                       env_extra={**_as(secret), "KUA_NEW_PASSPHRASE": NEW})
        assert_one_line_error(proc, 5, "keys file is damaged")


def test_weak_passphrases_are_refused_unless_insisted(tmp_path, made):
    """What the meter calls weak, init and passwd refuse (exit 2, nothing written);
    --weak-passphrase accepts it. The suite's own passphrases pass the rule."""
    assert is_weak(WEAK) and not is_weak(PASSPHRASE) and not is_weak(NEW)
    new_vault = tmp_path / "weak"
    proc = run_kua("init", vault=new_vault, env_extra=_as(WEAK))
    assert_one_line_error(proc, 2, "too easy to guess", "--weak-passphrase")
    assert not new_vault.exists() or not any(new_vault.iterdir())
    check(run_kua("init", "--weak-passphrase", vault=new_vault, env_extra=_as(WEAK)))
    check(run_kua("list", vault=new_vault, env_extra=_as(WEAK)))

    path, _, _ = made
    before = (path / "keys").read_bytes()
    proc = run_kua("passwd", vault=path, env_extra={"KUA_NEW_PASSPHRASE": WEAK})
    assert_one_line_error(proc, 2, "too easy to guess")
    assert (path / "keys").read_bytes() == before
    check(run_kua("passwd", "--weak-passphrase", vault=path,
                  env_extra={"KUA_NEW_PASSPHRASE": WEAK}))
    check(run_kua("list", vault=path, env_extra=_as(WEAK)))


def test_cheap_kdf_options_work_with_a_warning(tmp_path):
    """--kdf-memory/--kdf-iterations below the default still make a vault, and say on
    stderr that it is for tests; the default cost says nothing; out of bounds is exit 2."""
    cheap = run_kua("init", vault=tmp_path / "cheap")  # the helper adds 8 MiB, 1 pass
    assert cheap.returncode == 0 and "warning" in cheap.stderr and "tests" in cheap.stderr
    normal = check(run_kua("init", "--kdf-memory", "256", "--kdf-iterations", "3",
                           vault=tmp_path / "normal"))
    assert normal.stderr == ""
    for memory, passes in (("2048", "1"), ("8", "0")):
        proc = run_kua("init", "--kdf-memory", memory, "--kdf-iterations", passes,
                       vault=tmp_path / f"bad{memory}-{passes}")
        assert_one_line_error(proc, 2, "key derivation")
