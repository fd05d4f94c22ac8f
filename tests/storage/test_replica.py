"""Replicas: the format on the drive, incremental sync, generations, opening in place."""

from __future__ import annotations

import os
import re
from pathlib import Path

import pytest

from harness.vaults import FAST_KDF, PASSPHRASE, new_vault
from storage import db
from core.errors import (NotAVault, ReplicaCorrupt, ReplicaMismatch, UsageError,
                            VaultExists, VaultReadOnly, WrongPassphrase)
from storage.replica.sync import sync
from storage.replica.layout import MANIFESTS, read_slots
from storage.replica.reading import ReplicaVault
from storage.sealed import MAX_FILE_BYTES, Layout
from storage.opening import open_vault_or_replica
from storage.vault import Vault
from tests.storage.replica_util import add_item, flip, object_files, stamps, tree

KIB = 1024


@pytest.fixture
def filled(vault: Vault) -> Vault:
    """The test vault with three items, one split into several parts."""
    add_item(vault, os.urandom(300 * KIB), title="first")
    add_item(vault, os.urandom(5 * 4096 + 77), layout=Layout(4096, 2), title="parts")
    add_item(vault, b"", title="empty")
    return vault


def _read_all(vault: Vault, item_id: str) -> bytes:
    with vault.reader(item_id) as r:
        return r.read()


def test_replica_opens_in_place_with_passphrase_and_recovery_key(tmp_path, vault_dir):
    vault, recovery = Vault.create(vault_dir, PASSPHRASE, kdf=FAST_KDF)
    data = os.urandom(200 * KIB)
    item = add_item(vault, data, title="appeal")
    report = sync(vault, tmp_path / "drive")
    vault.close()
    assert (report.generation, report.previous) == (1, None)
    assert (report.items, report.copied_items) == (1, 1)
    for secret in (PASSPHRASE, recovery):
        with open_vault_or_replica(tmp_path / "drive", secret) as rv:
            assert isinstance(rv, ReplicaVault) and rv.read_only
            assert rv.generation == 1 and rv.label == report.label
            assert [t.title for t in rv.catalogue.all()] == ["appeal"]
            assert _read_all(rv, item) == data
    with pytest.raises(WrongPassphrase):
        open_vault_or_replica(tmp_path / "drive", "not the passphrase")
    with pytest.raises(NotAVault):  # a replica is no vault: only open_vault_or_replica knows both
        Vault.open(tmp_path / "drive", PASSPHRASE)


def test_layout_names_and_sizes_suit_fat(filled, tmp_path):
    """Only lower-case names of [0-9a-z.], no two equal ignoring case, no file over 2 GiB,
    objects byte for byte as in the vault."""
    root = tmp_path / "drive"
    sync(filled, root)
    files = [p for p in root.rglob("*") if p.is_file()]
    assert {p.name for p in root.iterdir()} == {"lock", "manifest.1", "gen", "objects"}
    assert sorted(p.name for p in (root / "gen").iterdir()) == ["000000000001.db",
                                                                 "000000000001.keys"]
    for p in root.rglob("*"):
        assert re.fullmatch(r"[0-9a-z.]+", p.name), p
    lowered = [str(p.relative_to(root)).lower() for p in root.rglob("*")]
    assert len(lowered) == len(set(lowered))
    assert all(p.stat().st_size <= MAX_FILE_BYTES for p in files)
    for item in filled.items.all():
        for src, dst in zip(filled.object_files(item.id), object_files(filled, root, item.id)):
            assert src.read_bytes() == dst.read_bytes()
    assert len(object_files(filled, root, filled.items.all()[1].id)) == 3
    assert (root / "gen" / "000000000001.keys").read_bytes() == (filled.path / "keys").read_bytes()
    assert not (root / "gen" / "000000000001.db").read_bytes().startswith(b"SQLite format 3")


def test_second_sync_of_unchanged_vault_copies_no_object_bytes(filled, tmp_path):
    root = tmp_path / "drive"
    first = sync(filled, root)
    before = stamps(root)
    second = sync(filled, root)
    assert (second.copied_bytes, second.copied_files, second.copied_items) == (0, 0, 0)
    assert second.skipped_items == 3 and second.skipped_bytes == first.copied_bytes
    assert second.generation == 2 and second.previous == 1 and second.label == first.label
    assert stamps(root) == before  # not one object file rewritten
    assert {p.name for p in (root / "gen").iterdir()} == {"000000000002.db", "000000000002.keys"}


def test_after_adding_one_item_only_its_files_are_copied(filled, tmp_path):
    root = tmp_path / "drive"
    sync(filled, root)
    before = stamps(root)
    new = add_item(filled, os.urandom(9000), layout=Layout(4096, 1), title="new")
    report = sync(filled, root)
    after = stamps(root)
    changed = {k for k in after if before.get(k) != after[k]}
    expected = {str(p.relative_to(root)) for p in object_files(filled, root, new)}
    assert changed == expected and len(expected) == 3
    assert (report.copied_items, report.copied_files) == (1, 3)
    assert report.copied_bytes == sum(p.stat().st_size for p in filled.object_files(new))


def test_a_part_missing_on_the_drive_is_copied_again(filled, tmp_path):
    """Name and size decide: a deleted or cut part is copied again, the rest is not."""
    root = tmp_path / "drive"
    sync(filled, root)
    parts_item = filled.items.all()[1].id
    files = object_files(filled, root, parts_item)
    files[1].unlink()
    os.truncate(files[2], 10)
    report = sync(filled, root)
    assert (report.copied_items, report.copied_files) == (1, 2)
    with open_vault_or_replica(root, PASSPHRASE) as rv:
        assert _read_all(rv, parts_item) == _read_all(filled, parts_item)


def test_erased_item_leaves_the_drive_after_the_commit(filled, tmp_path):
    root = tmp_path / "drive"
    sync(filled, root)
    gone = filled.items.all()[1].id
    gone_files = object_files(filled, root, gone)
    filled.erase_item(gone)
    report = sync(filled, root)
    assert (report.deleted_items, report.deleted_files) == (1, 3)
    assert not any(p.exists() for p in gone_files)
    assert not (root / "gen" / "000000000001.db").exists()  # the old snapshot held its key
    with open_vault_or_replica(root, PASSPHRASE) as rv:
        assert gone not in {i.id for i in rv.items.all()}
        assert len(rv.items.all()) == 2


def test_the_audit_log_records_each_sync(filled, tmp_path):
    with filled.transaction():
        tid = filled.catalogue.all()[0].id
        filled.catalogue.update_testimony(tid, volunteer="Aigul Volunteer")
    first = sync(filled, tmp_path / "drive")
    sync(filled, tmp_path / "drive")
    events = [e for e in filled.audit.events() if e.action == "replica.sync"]
    assert [e.subject for e in events] == [first.label, first.label]
    assert ['"generation":1', '"generation":2'] == [
        re.search(r'"generation":\d+', e.details).group() for e in events]
    assert not any("Aigul" in e.details or "Aigul" in (e.subject or "") for e in events)
    filled.audit.verify()


def test_a_replica_refuses_every_change(filled, tmp_path):
    root = tmp_path / "drive"
    sync(filled, root)
    before = tree(root)
    with open_vault_or_replica(root, PASSPHRASE) as rv:
        item = rv.items.all()[0].id
        for attempt in (lambda: rv.transaction().__enter__(), lambda: rv.erase_item(item),
                        lambda: rv.writer(rv.items.object_ref(item)),
                        lambda: rv.change_passphrase("new one")):
            with pytest.raises(VaultReadOnly, match="replica, opened read-only"):
                attempt()
        with pytest.raises(VaultReadOnly), db.mapped_errors():
            rv.conn.execute("INSERT INTO meta (key, value) VALUES ('x', 'y')")
    assert tree(root) == before


def test_a_replica_of_another_vault_is_refused_by_name(filled, tmp_path):
    root = tmp_path / "drive"
    sync(filled, root)
    before = tree(root)
    other = new_vault(tmp_path / "other")
    try:
        add_item(other, b"other vault")
        with pytest.raises(ReplicaMismatch) as caught:
            sync(other, root)
        assert caught.value.ours == other.vault_id
    finally:
        other.close()
    assert caught.value.theirs == filled.vault_id and filled.vault_id[:12] in str(caught.value)
    assert tree(root) == before


@pytest.mark.parametrize("where", ["inside", "vault", "busy"])
def test_sync_refuses_unsuitable_folders(filled, tmp_path, where):
    target = {"inside": filled.path / "replica", "vault": filled.path,
              "busy": tmp_path / "busy"}[where]
    if where == "busy":
        target.mkdir()
        (target / "holiday.jpg").write_bytes(b"\xff\xd8")
    error = VaultExists if where == "busy" else UsageError
    with pytest.raises(error):
        sync(filled, target)
    if where == "busy":
        assert [p.name for p in target.iterdir()] == ["holiday.jpg"]


def test_torn_manifest_leaves_the_previous_generation(filled, tmp_path, monkeypatch):
    """A sync stopped while it writes its manifest (half of it on the drive): the
    replica opens as the previous generation; the next sync writes the same slot again."""
    root = tmp_path / "drive"
    sync(filled, root)
    add_item(filled, os.urandom(1000), title="later")
    from storage.replica import drive as replica_drive
    real = replica_drive.write_file

    def torn(path: Path, data: bytes) -> None:
        if path.name in MANIFESTS:
            real(path, data[:len(data) // 2])
            raise KeyboardInterrupt  # the process dies here
        real(path, data)

    monkeypatch.setattr(replica_drive, "write_file", torn)
    with pytest.raises(KeyboardInterrupt):
        sync(filled, root)
    monkeypatch.setattr(replica_drive, "write_file", real)
    assert (root / "gen" / "000000000002.db").exists()
    with open_vault_or_replica(root, PASSPHRASE) as rv:
        assert rv.generation == 1 and len(rv.items.all()) == 3
    report = sync(filled, root)
    assert report.generation == 2 and report.copied_items == 0  # the object was already there
    with open_vault_or_replica(root, PASSPHRASE) as rv:
        assert rv.generation == 2 and len(rv.items.all()) == 4


def test_damaged_or_replayed_manifests_are_refused(filled, tmp_path):
    root = tmp_path / "drive"
    sync(filled, root)
    old = (root / "manifest.1").read_bytes()
    sync(filled, root)
    sync(filled, root)  # generation 3 in manifest.1, generation 2's files are gone
    current = (root / "manifest.1").read_bytes()
    cases = {"replayed": old, "other slot": (root / "manifest.0").read_bytes(),
             "flipped": current[:40] + bytes([current[40] ^ 1]) + current[41:]}
    for name, data in cases.items():
        (root / "manifest.1").write_bytes(data)
        with pytest.raises(ReplicaCorrupt, match="no generation"):
            open_vault_or_replica(root, PASSPHRASE)
    (root / "manifest.1").write_bytes(current)
    with open_vault_or_replica(root, PASSPHRASE) as rv:
        assert rv.generation == 3
    flip(root / "gen" / "000000000003.db", 5000)
    with pytest.raises(ReplicaCorrupt):
        open_vault_or_replica(root, PASSPHRASE)
    assert [s.generation for s in read_slots(root)] == [2, 3]
    report = sync(filled, root)  # a sync repairs it: a new generation from the vault
    assert report.generation == 4
    with open_vault_or_replica(root, PASSPHRASE) as rv:
        assert rv.generation == 4 and len(rv.items.all()) == 3


def test_passphrase_change_reaches_the_replica(filled, tmp_path):
    root = tmp_path / "drive"
    sync(filled, root)
    filled.change_passphrase("a new passphrase", FAST_KDF)
    with open_vault_or_replica(root, PASSPHRASE) as rv:  # not synced yet: the old one opens it
        assert rv.generation == 1
    sync(filled, root)
    with pytest.raises(WrongPassphrase):
        open_vault_or_replica(root, PASSPHRASE)
    with open_vault_or_replica(root, "a new passphrase") as rv:
        assert rv.generation == 2
    assert len(list((root / "gen").iterdir())) == 2  # the old keys file is gone


def test_an_unfinished_item_blocks_the_sync(vault, tmp_path):
    with vault.transaction():
        tid = vault.catalogue.create_testimony("recording")
        ref = vault.items.create(tid, "master", state="recording")
    with pytest.raises(Exception, match=f"item {ref.item_id} is still being written"):
        sync(vault, tmp_path / "drive")


def test_an_empty_folder_is_not_a_replica(tmp_path):
    (tmp_path / "objects").mkdir()
    with pytest.raises(NotAVault):
        open_vault_or_replica(tmp_path, PASSPHRASE)


def test_one_process_at_a_time_on_a_drive(filled, tmp_path):
    """A reader holds the replica: a sync waits for nothing and says it is in use; a
    replica cannot itself be synced (it records nothing)."""
    from core.errors import ReplicaInUse

    root = tmp_path / "drive"
    sync(filled, root)
    with open_vault_or_replica(root, PASSPHRASE) as rv:
        with pytest.raises(ReplicaInUse, match="in use"):
            sync(filled, root)
        with pytest.raises(VaultReadOnly, match="cannot be synced"):
            sync(rv, tmp_path / "second")
        assert not (tmp_path / "second").exists()
    assert sync(filled, root).generation == 2


def test_objects_of_different_layouts_in_one_sync(vault, tmp_path):
    """Big-segment objects first, then many small segments in big parts: the copier's
    chunks must always hold whole segments of the object at hand."""
    data = {add_item(vault, os.urandom(3 << 20)): None,
            add_item(vault, os.urandom(6 << 20), layout=Layout(4096, 2000)): None,
            add_item(vault, os.urandom(50_000), layout=Layout(1000, 7)): None}
    report = sync(vault, tmp_path / "drive")
    assert report.damaged == () and report.copied_items == 3
    with open_vault_or_replica(tmp_path / "drive", PASSPHRASE) as rv:
        for item in data:
            assert _read_all(rv, item) == _read_all(vault, item)


def test_a_garbled_first_manifest_is_not_taken_for_another_vault(vault, tmp_path):
    """A power cut while the first manifest was written can leave random bytes: the next
    sync overwrites them instead of calling the folder another vault's replica."""
    add_item(vault, b"first")
    root = tmp_path / "drive"
    sync(vault, root)
    (root / "manifest.1").write_bytes(os.urandom(600))
    report = sync(vault, root)
    assert report.generation == 1 and report.previous is None
    with open_vault_or_replica(root, PASSPHRASE) as rv:
        assert rv.generation == 1
