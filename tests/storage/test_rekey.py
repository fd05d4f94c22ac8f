"""A passphrase change re-keys the vault: old keys files open nothing current, and a
`kill -9` at any moment of the change leaves a vault that the old or the new
passphrase opens (never neither), with everything in it.

The kills are real: `kua passwd`'s work (Vault.change_passphrase) runs in a child
process that SIGKILLs itself at each step of storage/rekey.py (its `step_done` hook),
or at swept delays after a step, which lands inside the keys-file write and inside
SQLCipher's rekey of a catalogue of a few thousand rows.
"""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from harness.vaults import FAST_KDF, PASSPHRASE
from storage import db, keyslots, rekey
from core.errors import KeysReplayed, RecoveryKeyTooOld, VaultCorrupt, WrongPassphrase
from storage.vault import Vault
from tests.storage.replica_util import add_item

NEW = "a brand new passphrase"
ROWS = 3000  # testimonies: a catalogue of a few MiB, so the rekey takes a while

_CHILD = r"""
import os, signal, sys, threading
from storage import keyslots, rekey
from storage.vault import Vault
path, old, new, at, delay, fresh = sys.argv[1:7]

def kill():
    os.kill(os.getpid(), signal.SIGKILL)

def reached(step):
    if step == at:
        if float(delay) <= 0:
            kill()
        timer = threading.Timer(float(delay), kill)
        timer.daemon = True
        timer.start()

rekey.step_done = reached
vault = Vault.open(path, old)
print(vault.change_passphrase(new, keyslots.KdfParams(8 * 1024, 1, 1),
                              new_recovery_key=fresh == "1") or "", flush=True)
vault.close()
os.kill(os.getpid(), signal.SIGKILL)  # finished before the kill: die the same way
"""


def _passwd_killed(path: Path, at: str, delay: float = 0.0, fresh: bool = False) -> None:
    proc = subprocess.run([sys.executable, "-c", _CHILD, str(path), PASSPHRASE, NEW, at,
                           str(delay), "1" if fresh else "0"], capture_output=True, text=True,
                          timeout=60)
    assert proc.returncode == -signal.SIGKILL, (proc.returncode, proc.stderr)


def _content(vault: Vault) -> tuple[int, dict[str, str], bytes]:
    count = vault.conn.execute("SELECT count(*) FROM testimonies").fetchone()[0]
    items = {i.id: i.sha256 for i in vault.items.all()}
    first = next(iter(sorted(items)))
    return count, items, vault.reader(first).read()


@pytest.fixture(scope="module")
def template(tmp_path_factory) -> tuple[Path, str, tuple]:
    """A closed vault with ROWS testimonies and two items with sealed objects."""
    path = tmp_path_factory.mktemp("rekey") / "vault"
    vault, recovery = Vault.create(path, PASSPHRASE, kdf=FAST_KDF)
    with vault.transaction():
        for n in range(ROWS):
            tid = vault.catalogue.create_testimony(f"testimony {n} " + "words " * 20)
            vault.catalogue.update_testimony(tid, notes="notes " * 40)
    add_item(vault, os.urandom(200_000), title="first")
    add_item(vault, os.urandom(50_000), title="second")
    content = _content(vault)
    vault.close()
    return path, recovery, content


@pytest.fixture
def copy(template, tmp_path) -> tuple[Path, str, tuple]:
    path, recovery, content = template
    target = tmp_path / "vault"
    shutil.copytree(path, target)
    return target, recovery, content


def _settled(path: Path, expect: str, refused: str, recovery: str | None, content) -> None:
    """The vault opens with `expect` (after telling `refused` which one to use, if a
    change is half-way), holds `content`, and is left with one keys file."""
    pending = (path / rekey.PENDING).exists()
    with pytest.raises(WrongPassphrase) as caught:
        Vault.open(path, refused).close()
    if pending:  # the other passphrase is named, and nothing was changed by trying
        assert "cut short" in str(caught.value)
        assert (path / rekey.PENDING).exists()
    with Vault.open(path, expect) as vault:
        assert _content(vault) == content
    leftovers = sorted(p.name for p in path.iterdir() if p.name.startswith((".", "keys.")))
    assert leftovers == []
    with pytest.raises(WrongPassphrase, match="wrong passphrase"):
        Vault.open(path, refused).close()
    if recovery is not None:
        Vault.open(path, recovery).close()
    with Vault.open(path, expect) as vault:
        assert _content(vault) == content
        assert vault.audit.verify() > 0


@pytest.mark.parametrize("step", rekey.STEPS)
def test_kill_at_each_step(copy, step):
    path, recovery, content = copy
    _passwd_killed(path, step)
    took = rekey.STEPS.index(step) >= rekey.STEPS.index("rekeyed")
    expect, refused = (NEW, PASSPHRASE) if took else (PASSPHRASE, NEW)
    _settled(path, expect, refused, recovery, content)


@pytest.mark.parametrize("step", ["recorded", "written"])
def test_kill_at_random_moments_of_the_writes_and_the_rekey(copy, step, tmp_path):
    """Delays swept over the keys.pending write (after `recorded`) and SQLCipher's
    rekey (after `written`); whichever passphrase opens, the content is whole."""
    path, recovery, content = copy
    start = time.perf_counter()
    marks = {}
    rekey.step_done = lambda s: marks.setdefault(s, time.perf_counter() - start)
    try:
        trial = tmp_path / "trial"
        shutil.copytree(path, trial)
        with Vault.open(trial, PASSPHRASE) as vault:
            start = time.perf_counter()
            vault.change_passphrase(NEW, FAST_KDF)
    finally:
        rekey.step_done = lambda s: None
    after = rekey.STEPS[rekey.STEPS.index(step) + 1]
    span = (marks[after] - marks[step]) * 1.5
    outcomes = set()
    for n in range(8):
        round_dir = tmp_path / f"round{n}"
        shutil.copytree(path, round_dir)
        _passwd_killed(round_dir, step, delay=span * n / 8 + 0.0005)
        try:
            Vault.open(round_dir, PASSPHRASE).close()
            outcomes.add("old")
            _settled(round_dir, PASSPHRASE, NEW, recovery, content)
        except WrongPassphrase:
            outcomes.add("new")
            _settled(round_dir, NEW, PASSPHRASE, recovery, content)
    assert outcomes  # which ones depends on timing; each round checked both ways


def test_old_keys_file_put_back_opens_nothing_current(copy):
    """keys copied before passwd and put back after: the old passphrase is refused
    (exit 5, "old copy"), and the key it unwraps does not open vault.db at all."""
    path, recovery, _ = copy
    old_keys = (path / "keys").read_bytes()
    with Vault.open(path, PASSPHRASE) as vault:
        old_key = vault._key
        assert vault.change_passphrase(NEW, FAST_KDF) is None
        assert vault._key != old_key
    (path / "keys").write_bytes(old_keys)
    for secret in (PASSPHRASE, recovery):
        with pytest.raises(KeysReplayed, match="old copy"):
            Vault.open(path, secret)
    assert keyslots.unlock(old_keys, PASSPHRASE) == old_key
    with pytest.raises(VaultCorrupt):
        db.connect(path / "vault.db", old_key)
    wal = path / "vault.db-wal"
    assert not wal.exists() or wal.stat().st_size == 0


def test_new_recovery_key_revokes_the_old_one(copy):
    path, old_recovery, content = copy
    old_keys = (path / "keys").read_bytes()
    with Vault.open(path, PASSPHRASE) as vault:
        recovery = vault.change_passphrase(NEW, FAST_KDF, new_recovery_key=True)
    assert keyslots.parse_recovery_key(recovery) and recovery != old_recovery
    with pytest.raises(WrongPassphrase):
        Vault.open(path, old_recovery)
    with Vault.open(path, recovery) as vault:
        assert _content(vault) == content
        recovery2 = vault.change_passphrase(PASSPHRASE, FAST_KDF)  # carried over
    assert recovery2 is None
    Vault.open(path, recovery).close()
    (path / "keys").write_bytes(old_keys)
    with pytest.raises(KeysReplayed):
        Vault.open(path, old_recovery)


def test_kill_with_a_new_recovery_key(copy):
    """Cut after the rekey: the new passphrase finishes the change, the new recovery key
    (made but never shown) is the one in the keys file, and a passwd makes another."""
    path, old_recovery, content = copy
    _passwd_killed(path, "rekeyed", fresh=True)
    _settled(path, NEW, PASSPHRASE, None, content)
    with pytest.raises(WrongPassphrase):
        Vault.open(path, old_recovery)
    with Vault.open(path, NEW) as vault:
        recovery = vault.change_passphrase(NEW, FAST_KDF, new_recovery_key=True)
    Vault.open(path, recovery).close()


def test_an_old_vault_must_replace_its_recovery_key(tmp_path):
    """tests/fixtures/vault-v1 has a recovery slot from before v2: a plain change is
    refused before anything is written; with a new recovery key it works."""
    from tests.fixtures.make_vault_v1 import PASSPHRASE as V1

    path = tmp_path / "v1"
    shutil.copytree(Path(__file__).parents[1] / "fixtures" / "vault-v1", path)
    before = (path / "keys").read_bytes()
    with Vault.open(path, V1) as vault:
        with pytest.raises(RecoveryKeyTooOld, match="--new-recovery-key"):
            vault.change_passphrase(NEW, FAST_KDF)
        assert (path / "keys").read_bytes() == before
        recovery = vault.change_passphrase(NEW, FAST_KDF, new_recovery_key=True)
    Vault.open(path, NEW).close()
    Vault.open(path, recovery).close()
