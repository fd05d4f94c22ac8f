"""Restore: a replica becomes a vault again, verified; tampered items are refused by id."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from app import library, sync as sync_app
from core.errors import (ReplicaCorrupt, UsageError, VaultExists, WrongPassphrase)
from harness.vaults import FAST_KDF, PASSPHRASE
from storage.sealed import Layout
from storage.opening import open_vault_or_replica
from storage.vault import Vault
from tests.storage.replica_util import add_item, flip, object_files


@pytest.fixture
def replica(tmp_path: Path) -> tuple[Path, str, dict[str, bytes], str]:
    """A vault of four items (one in three parts) synced to a replica; the vault is
    closed. Returns the replica, the recovery key, each item's bytes, the vault id."""
    vault, recovery = Vault.create(tmp_path / "vault", PASSPHRASE, kdf=FAST_KDF)
    data = {}
    for n, (size, layout) in enumerate([(150_000, Layout()), (9000, Layout(4096, 1)),
                                        (0, Layout()), (70_000, Layout())]):
        blob = os.urandom(size)
        data[add_item(vault, blob, layout=layout, title=f"t{n}")] = blob
    with vault.transaction():
        tid = vault.catalogue.all()[0].id
        vault.catalogue.update_testimony(tid, notes="restored notes")
    sync_app.sync(vault, tmp_path / "drive")
    vault_id = vault.vault_id
    vault.close()
    return tmp_path / "drive", recovery, data, vault_id


def _contents(path: Path, secret: str = PASSPHRASE) -> dict[str, bytes]:
    with Vault.open(path, secret) as v:
        out = {}
        for item in v.items.all():
            with v.reader(item.id) as r:
                out[item.id] = r.read()
        return out


@pytest.mark.parametrize("secret", ["passphrase", "recovery key"])
def test_restore_rebuilds_a_verified_vault(replica, tmp_path, secret):
    drive, recovery, data, vault_id = replica
    key = PASSPHRASE if secret == "passphrase" else recovery
    progress = []
    result = sync_app.restore(drive, tmp_path / "new", key,
                              progress=lambda p: progress.append((p.done, p.total)))
    r = result.report
    assert result.ok and result.verify.items_checked == 4
    assert (r.vault_id, r.generation, r.testimonies, r.items, r.refused) == (vault_id, 1, 4, 4, ())
    assert progress and progress[-1][0] == progress[-1][1]
    assert _contents(tmp_path / "new", key) == data
    with Vault.open(tmp_path / "new", recovery) as v:  # both secrets open the new vault
        assert not v.read_only and v.vault_id == vault_id
        assert any(t.notes == "restored notes" for t in v.catalogue.all())
        assert [e.action for e in v.audit.events()][-2:] == ["vault.restore", "vault.verify"]
    assert sorted(p.name for p in (tmp_path / "new").iterdir()) == ["counter", "keys", "lock",
                                                                   "objects", "vault.db"]


@pytest.mark.parametrize("damage", ["flip", "truncate", "delete-part", "delete"])
def test_tampered_item_is_refused_by_id_and_the_rest_restored(replica, tmp_path, damage):
    drive, _, data, _ = replica
    with open_vault_or_replica(drive, PASSPHRASE) as rv:
        ids = [i.id for i in rv.items.all()]
        victim = ids[1] if damage == "delete-part" else ids[0]
        files = object_files(rv, drive, victim)
    if damage == "flip":
        flip(files[0], 70_000)
    elif damage == "truncate":
        os.truncate(files[0], files[0].stat().st_size - 100)
    elif damage == "delete-part":
        files[1].unlink()
    else:
        files[0].unlink()
    result = sync_app.restore(drive, tmp_path / "new", PASSPHRASE)
    assert [item for item, _ in result.report.refused] == [victim]
    reason = result.report.refused[0][1]
    assert "on the replica" in reason
    if damage == "flip":
        assert "segment 0 failed authentication" in reason
    assert not result.ok and result.verify.ok  # the new vault itself is sound
    restored = _contents(tmp_path / "new")
    assert restored == {k: v for k, v in data.items() if k != victim}
    with Vault.open(tmp_path / "new", PASSPHRASE) as v:
        refused = [e for e in v.audit.events() if e.action == "item.restore-refused"]
        assert [e.subject for e in refused] == [victim]


def test_restored_vault_goes_on_syncing_to_the_same_drive(replica, tmp_path):
    drive, _, data, _ = replica
    sync_app.restore(drive, tmp_path / "new", PASSPHRASE)
    with Vault.open(tmp_path / "new", PASSPHRASE) as v:
        add_item(v, b"recorded after the restore")
        report = sync_app.sync(v, drive)
    assert (report.generation, report.copied_items, report.skipped_items) == (2, 1, 4)


def test_restore_refuses_and_leaves_nothing(replica, tmp_path):
    drive, _, _, _ = replica
    busy = tmp_path / "busy"
    busy.mkdir()
    (busy / "letter.txt").write_text("keep me")
    with pytest.raises(VaultExists):
        sync_app.restore(drive, busy, PASSPHRASE)
    assert [p.name for p in busy.iterdir()] == ["letter.txt"]
    with pytest.raises(WrongPassphrase):
        sync_app.restore(drive, tmp_path / "new", "wrong")
    assert not (tmp_path / "new").exists()
    with pytest.raises(UsageError, match="no Kua replica"):
        sync_app.restore(tmp_path / "vault", tmp_path / "new", PASSPHRASE)
    (drive / "manifest.1").write_bytes(b"\0" * 300)
    with pytest.raises(ReplicaCorrupt):
        sync_app.restore(drive, tmp_path / "new", PASSPHRASE)
    assert not (tmp_path / "new").exists()


def test_a_failed_restore_removes_what_it_wrote(replica, tmp_path, monkeypatch):
    """A restore that fails half-way (here: the disk fills up while objects are copied)
    leaves the empty folder it was given, and no vault."""
    from storage.replica import copying as replica_copy
    from core.errors import DiskFull

    drive, _, _, _ = replica
    target = tmp_path / "new"
    target.mkdir()
    calls = [0]
    real = replica_copy.write_all

    def full(fd: int, data) -> None:
        calls[0] += 1
        if calls[0] == 2:
            raise OSError(28, "No space left on device")
        real(fd, data)

    monkeypatch.setattr(replica_copy, "write_all", full)
    with pytest.raises(DiskFull):
        sync_app.restore(drive, target, PASSPHRASE)
    assert target.is_dir() and not any(target.iterdir())
    monkeypatch.undo()
    assert sync_app.restore(drive, target, PASSPHRASE).ok


def test_restore_from_a_replica_listed_in_place_first(replica, tmp_path):
    """What a person does with a drive on a new machine: look (read-only), then restore."""
    drive, _, data, _ = replica
    with open_vault_or_replica(drive, PASSPHRASE) as rv:
        listed = [t.id for t in library.list_summaries(rv)]
        assert library.verify(rv).ok
    result = sync_app.restore(drive, tmp_path / "new", PASSPHRASE)
    with Vault.open(tmp_path / "new", PASSPHRASE) as v:
        assert [t.id for t in library.list_summaries(v)] == listed
    assert result.ok


def test_a_replica_from_schema_1_is_restored_and_upgraded(tmp_path):
    """A replica written by a Kua whose catalogue was at schema 1 (built here from the
    committed v1 fixture vault): it cannot be opened in place (that would need an
    upgrade, and the drive is read-only to a reader), but it restores, upgraded."""
    import hashlib
    import shutil

    import sqlcipher3

    from storage import db, keyslots
    from core.errors import VaultTooNew
    from storage.replica.layout import Manifest, encode, file_digest, gen_files
    from tests.fixtures.make_vault_v1 import CONTENT, PASSPHRASE as V1_PASSPHRASE
    from tests.storage.test_fixture_vault import FIXTURE

    root = tmp_path / "drive"
    shutil.copytree(FIXTURE / "objects", root / "objects")
    (root / "gen").mkdir()
    (root / "lock").touch()
    keys = (FIXTURE / "keys").read_bytes()
    vault_key = keyslots.unlock(keys, V1_PASSPHRASE)
    db_file, keys_file = gen_files(1)
    shutil.copyfile(FIXTURE / "vault.db", root / db_file)
    (root / keys_file).write_bytes(keys)
    raw = sqlcipher3.connect(str(root / db_file))
    raw.execute(f"PRAGMA key = \"x'{db.subkey(vault_key, 'catalogue').hex()}'\"")
    assert raw.execute("PRAGMA user_version").fetchone()[0] == 1
    vault_id = raw.execute("SELECT value FROM meta WHERE key = 'vault_id'").fetchone()[0]
    raw.close()
    size, digest = file_digest(root / db_file)
    manifest = Manifest(vault_id, 1, "rfixture", "2026-11-26T00:00:00Z", db_file, size, digest,
                        keys_file, hashlib.sha256(keys).hexdigest(), 1, 1, len(CONTENT))
    (root / "manifest.1").write_bytes(encode(manifest, vault_key))

    with pytest.raises(VaultTooNew, match="restore it"):
        open_vault_or_replica(root, V1_PASSPHRASE)
    result = sync_app.restore(root, tmp_path / "new", V1_PASSPHRASE)
    assert result.ok and result.report.items == 1
    with Vault.open(tmp_path / "new", V1_PASSPHRASE) as v:
        assert v.conn.execute("PRAGMA user_version").fetchone()[0] >= 2
        [t] = library.list_testimonies(v)
        with v.reader(t.items[0].id) as r:
            assert r.read() == CONTENT
