"""Sync and verify-replica use cases through app/ services, as the CLI and GUI call them."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from app import fields, library, sync as sync_app
from core.errors import Cancelled, ReplicaMismatch, VaultReadOnly
from core.work import CancelToken, Progress
from storage.opening import open_vault_or_replica
from harness.vaults import FAST_KDF, PASSPHRASE, new_vault
from storage.vault import Vault
from tests.storage.replica_util import add_item, flip, object_files


@pytest.fixture
def synced(vault: Vault, tmp_path: Path) -> tuple[Vault, Path, list[str]]:
    ids = [add_item(vault, os.urandom(n), title=f"t{n}") for n in (100_000, 2000, 3 << 20)]
    sync_app.sync(vault, tmp_path / "drive")
    return vault, tmp_path / "drive", ids


def test_progress_counts_bytes_and_items(vault, tmp_path):
    for n in (2 << 20, 5 << 20, 1000):
        add_item(vault, os.urandom(n))
    seen: list[Progress] = []
    report = sync_app.sync(vault, tmp_path / "drive", progress=seen.append)
    done = [p.done for p in seen]
    assert done == sorted(done) and seen[-1].done == seen[-1].total == report.copied_bytes
    assert {p.message for p in seen} >= {"1/3 items", "3/3 items"}
    assert {(p.step, p.steps) for p in seen} >= {(1, 3), (3, 3)}


def test_cancel_token_stops_a_sync(synced):
    vault, root, _ = synced
    add_item(vault, os.urandom(6 << 20))
    token = CancelToken()
    with pytest.raises(Cancelled):
        sync_app.sync(vault, root, progress=lambda p: token.cancel(), cancel=token)
    with open_vault_or_replica(root, PASSPHRASE) as rv:
        assert rv.generation == 1


def test_verify_replica_of_an_up_to_date_drive(synced):
    vault, root, ids = synced
    check = sync_app.verify_replica(vault, root)
    assert check.ok and check.diff.same and check.diff.stray_files == 0
    assert (check.generation, check.verify.items_checked) == (1, 3)
    assert [e.action for e in vault.audit.events()][-1] == "replica.verify"


def test_verify_replica_reports_differences(synced):
    vault, root, ids = synced
    new = add_item(vault, b"new after the sync", title="new")
    new_tid = vault.items.get(new).testimony_id
    vault.erase_item(ids[0])
    edited = vault.items.get(ids[1]).testimony_id
    fields.apply_edits(vault, edited, ["title=changed"], [])
    check = sync_app.verify_replica(vault, root)
    d = check.diff
    assert check.ok and not d.same
    assert d.items_only_in_vault == (new,) and d.items_only_on_replica == (ids[0],)
    assert d.testimonies_only_in_vault == (new_tid,)
    assert d.testimonies_changed == (edited,)
    assert d.items_changed == () and not d.keys_changed
    vault.change_passphrase("another passphrase", FAST_KDF)
    assert sync_app.verify_replica(vault, root).diff.keys_changed
    sync_app.sync(vault, root)
    assert sync_app.verify_replica(vault, root).diff.same


def test_verify_replica_finds_damage_and_leftovers(synced):
    vault, root, ids = synced
    flip(object_files(vault, root, ids[2])[0], 2_000_000)
    (root / "objects" / "zz").mkdir()
    (root / "objects" / "zz" / "zz00.tmp").write_bytes(b"left by a killed sync")
    check = sync_app.verify_replica(vault, root)
    assert not check.ok
    assert len(check.verify.problems) == 1 and ids[2] in check.verify.problems[0]
    assert check.diff.stray_files == 1 and check.diff.same


def test_verify_replica_of_another_vault_is_refused(synced, tmp_path):
    vault, root, _ = synced
    other = new_vault(tmp_path / "other")
    try:
        with pytest.raises(ReplicaMismatch, match=vault.vault_id[:12]):
            sync_app.verify_replica(other, root)
    finally:
        other.close()


def test_reading_use_cases_work_on_a_replica_and_changes_do_not(synced, tmp_path):
    vault, root, ids = synced
    with open_vault_or_replica(root, PASSPHRASE) as rv:
        assert {t.title for t in library.list_testimonies(rv)} == {"t100000", "t2000", "t3145728"}
        assert [t.title for t in library.search(rv, "t2000")] == ["t2000"]
        out = tmp_path / "copy.bin"
        library.extract(rv, ids[1], out)
        with vault.reader(ids[1]) as r:
            assert out.read_bytes() == r.read()
        for change in (lambda: library.remove(rv, ids[0]),
                       lambda: fields.apply_edits(rv, ids[0], ["label=x"], []),
                       lambda: library.add_files(rv, [out])):
            with pytest.raises(VaultReadOnly):
                change()
