"""The drive pulled at any moment of a sync, simulated by `kill -9` of `kua sync`.

30 kill points spread over one sync: each round changes the vault (items added, one
erased, a title edited), starts `kua sync --to DRIVE`, waits until the process holds
the drive's lock (seen in /proc, without touching the lock), lets it run for a
fraction of a sync measured every few rounds (the vault grows, and so does its sync),
and kills it; if no kill landed after the commit, later ones follow until one does.
Then the replica must open as the old or the new generation with exactly that
generation's content and verify clean, and the next sync must complete it. No test
hook in Kua: real timing only.
"""

from __future__ import annotations

import os
import signal
import time
from pathlib import Path

import pytest

from app import library, sync as sync_app
from storage.opening import open_vault_or_replica
from harness.vaults import PASSPHRASE
from storage.vault import Vault
from tests.e2e.cli import init_vault, start_kua
from tests.storage.replica_util import add_item

KILL_POINTS = 30
MEASURE_EVERY = 5  # kill rounds between two measured syncs
KIB = 1024


def _state(vault: Vault) -> dict[str, object]:
    """What a generation must hold: every item's SHA-256 and every testimony's title."""
    return {"items": {i.id: i.sha256 for i in vault.items.all()},
            "titles": {t.id: t.title for t in library.list_summaries(vault)}}


def _change(path: Path, round_no: int) -> dict[str, object]:
    """Give the next sync work: three items in, the oldest out, a title edited."""
    with Vault.open(path, PASSPHRASE) as vault:
        for n in range(3):
            add_item(vault, os.urandom((256 + 128 * n) * KIB), title=f"round {round_no}.{n}")
        oldest = vault.items.all()[0]
        library.remove(vault, oldest.testimony_id)
        with vault.transaction():
            tid = library.list_summaries(vault)[-1].id
            vault.catalogue.update_testimony(tid, title=f"edited in round {round_no}")
        return _state(vault)


def _holds_lock(pid: int, lock: Path) -> bool:
    try:
        fds = os.listdir(f"/proc/{pid}/fd")
    except FileNotFoundError:
        return False
    for fd in fds:
        try:
            if os.readlink(f"/proc/{pid}/fd/{fd}") == str(lock):
                return True
        except OSError:
            continue
    return False


def _run_sync(vault: Path, drive: Path, kill_after: float | None) -> tuple[float, bool]:
    """Start `kua sync`; once it holds the drive's lock, kill it after `kill_after`
    seconds, or (None) let it finish and measure how long it held the lock. Returns
    (seconds, whether it was still running when killed)."""
    proc = start_kua("sync", "--to", str(drive), vault=vault)
    lock = drive / "lock"
    try:
        deadline = time.monotonic() + 20
        while not _holds_lock(proc.pid, lock):
            assert proc.poll() is None, proc.communicate()
            assert time.monotonic() < deadline, "kua sync never took the drive's lock"
            time.sleep(0.0002)
        locked = time.monotonic()
        if kill_after is None:  # measure how long it holds the lock: the sync itself
            while _holds_lock(proc.pid, lock):
                time.sleep(0.0002)
            held = time.monotonic() - locked
            proc.wait(timeout=20)
            assert proc.returncode == 0, proc.communicate()
            return held, False
        while time.monotonic() - locked < kill_after and proc.poll() is None:
            time.sleep(0.0002)
        alive = proc.poll() is None
        proc.send_signal(signal.SIGKILL)
        proc.wait(timeout=20)
        return time.monotonic() - locked, alive
    finally:
        proc.communicate()


def _check_and_complete(vault_path: Path, drive: Path, old: dict, new: dict,
                        generation: int) -> tuple[str, int]:
    """The replica is the old or the new generation, intact; the next sync completes."""
    with open_vault_or_replica(drive, PASSPHRASE) as rv:
        found = rv.generation
        assert found in (generation, generation + 1), found
        assert _state(rv) == (old if found == generation else new)
        checked = library.verify(rv)
        assert checked.ok, checked.problems
    with Vault.open(vault_path, PASSPHRASE) as vault:
        report = sync_app.sync(vault, drive)
        check = sync_app.verify_replica(vault, drive)
        assert check.ok and check.diff.same and check.diff.stray_files == 0
    with open_vault_or_replica(drive, PASSPHRASE) as rv:
        assert _state(rv) == new
    return ("old" if found == generation else "new"), report.generation


def _kill_round(vault: Path, drive: Path, state: dict, generation: int, round_no: int,
                after: float) -> tuple[bool, str, dict, int]:
    """Change the vault, kill its sync `after` seconds in, check the replica and complete it.
    Returns (still running when killed, "old" or "new", the new state, its generation)."""
    new = _change(vault, round_no)
    _, alive = _run_sync(vault, drive, after)
    outcome, generation = _check_and_complete(vault, drive, state, new, generation)
    return alive, outcome, new, generation


@pytest.mark.slow
def test_kill_at_30_points_of_a_sync(tmp_path):
    if not Path("/proc/self/fd").is_dir():
        pytest.skip("needs /proc to see when kua holds the drive's lock")
    vault, drive = tmp_path / "vault", tmp_path / "drive"
    init_vault(vault)
    state = _change(vault, 0)
    _run_sync(vault, drive, None)  # generation 1
    generation, windows = 1, []
    outcomes, alive = [], 0
    for point in range(KILL_POINTS):
        if point % MEASURE_EVERY == 0:
            # The vault grows round by round and a sync of it takes longer: the window the
            # kills are spread over is measured again on a vault of the size they kill.
            for _ in range(2 if point == 0 else 1):
                state = _change(vault, 100 + point + len(windows))
                windows.append(_run_sync(vault, drive, None)[0])
                generation += 1
        # The lower of the last two: a load spike must not push the kills past the sync.
        window = min(windows[-2:])
        after = window * 1.2 * (point + 0.5) / KILL_POINTS  # a few land just after it ends
        was_alive, outcome, state, generation = _kill_round(vault, drive, state, generation,
                                                            10 + point, after)
        alive += was_alive
        outcomes.append(outcome)
        print(f"kill point {point + 1}: {after * 1000:.0f} ms of {window * 1000:.0f}, "
              f"running {was_alive}, {outcome}")
    for extra in range(1, 11):  # the vault's syncs outgrew the window: kill later still
        if "new" in outcomes:
            break
        after = window * (1.2 + 0.2 * extra)
        _, outcome, state, generation = _kill_round(vault, drive, state, generation,
                                                    100 + extra, after)
        outcomes.append(outcome)
        print(f"extra kill point {extra}: {after * 1000:.0f} ms, {outcome}")
    # The kills were spread over the sync: some before its commit, some after, and most
    # while it was still running (not after it had finished by itself).
    assert "old" in outcomes and "new" in outcomes, (outcomes, windows)
    assert alive >= KILL_POINTS * 0.75, (alive, windows)
