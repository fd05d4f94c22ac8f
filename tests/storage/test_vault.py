"""Vault lifecycle: create, open, lock, passphrase change, replay, erase, crash clean-up."""

from __future__ import annotations

import hashlib
import multiprocessing
import os

import pytest

from harness.vaults import FAST_KDF, PASSPHRASE, new_testimony, seal_item
from storage import db, keyslots, schema
from core.errors import (KeysReplayed, NotAVault, VaultCorrupt, VaultExists, VaultInUse,
                            VaultTooNew, WrongPassphrase)
from storage.sealed import existing_parts
from storage.vault import Vault


def _add_item(vault: Vault, data: bytes) -> str:
    return seal_item(vault, new_testimony(vault), "imported", data)


def test_create_then_open_with_passphrase_and_recovery_key(recovery_vault):
    path, recovery = recovery_vault
    for secret in (PASSPHRASE, recovery):
        with Vault.open(path, secret) as v:
            assert v.vault_id
    assert not (path / "vault.db").read_bytes().startswith(b"SQLite format 3")
    assert sorted(p.name for p in path.iterdir()) == ["counter", "keys", "lock", "objects", "vault.db"]


def test_wrong_passphrase(recovery_vault):
    path, _ = recovery_vault
    with pytest.raises(WrongPassphrase):
        Vault.open(path, "nope")


def test_create_refuses_a_folder_that_is_not_empty(tmp_path):
    (tmp_path / "x").write_text("hi")
    with pytest.raises(VaultExists):
        Vault.create(tmp_path, PASSPHRASE, kdf=FAST_KDF)


def test_create_accepts_an_existing_empty_folder(tmp_path):
    """In the empty folder: the keys file, the catalogue, the lock and an empty objects
    folder; an empty catalogue whose audit log holds the creation; it opens again."""
    v, recovery = Vault.create(tmp_path, PASSPHRASE, kdf=FAST_KDF)
    assert [e.action for e in v.audit.events()] == ["vault.create"]
    assert v.catalogue.all() == [] and v.items.all() == []
    v.close()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["counter", "keys", "lock", "objects", "vault.db"]
    assert list((tmp_path / "objects").iterdir()) == []
    assert (tmp_path / "keys").stat().st_size > 0 and recovery
    with Vault.open(tmp_path, PASSPHRASE) as reopened:
        assert reopened.audit.verify() == 1


def test_not_a_vault(tmp_path):
    with pytest.raises(NotAVault):
        Vault.open(tmp_path, PASSPHRASE)
    with pytest.raises(NotAVault):
        Vault.open(tmp_path / "missing", PASSPHRASE)


def _try_open(path, queue):
    try:
        Vault.open(path, PASSPHRASE).close()
        queue.put("opened")
    except VaultInUse as exc:
        queue.put(str(exc))


def test_second_process_gets_vault_in_use(recovery_vault):
    path, _ = recovery_vault
    ctx = multiprocessing.get_context("spawn")
    with Vault.open(path, PASSPHRASE):
        queue = ctx.Queue()
        p = ctx.Process(target=_try_open, args=(path, queue))
        p.start()
        p.join(60)
        assert "vault is in use" in queue.get(timeout=5)
    p = ctx.Process(target=_try_open, args=(path, queue))
    p.start()
    p.join(60)
    assert queue.get(timeout=5) == "opened"


def test_passwd_leaves_objects_and_keeps_the_recovery_key(recovery_vault):
    path, recovery = recovery_vault
    with Vault.open(path, PASSPHRASE) as v:
        _add_item(v, b"x" * 5000)
    objects_before = {p: p.read_bytes() for p in (path / "objects").rglob("*") if p.is_file()}
    with Vault.open(path, PASSPHRASE) as v:
        v.change_passphrase("new one", FAST_KDF)
    assert {p: p.read_bytes() for p in (path / "objects").rglob("*") if p.is_file()} == objects_before
    with pytest.raises(WrongPassphrase):
        Vault.open(path, PASSPHRASE)
    Vault.open(path, "new one").close()
    Vault.open(path, recovery).close()


def test_old_keys_file_put_back_is_refused(recovery_vault):
    path, _ = recovery_vault
    old = (path / "keys").read_bytes()
    with Vault.open(path, PASSPHRASE) as v:
        v.change_passphrase("new one", FAST_KDF)
    new = (path / "keys").read_bytes()
    (path / "keys").write_bytes(old)
    with pytest.raises(KeysReplayed, match="old copy"):
        Vault.open(path, PASSPHRASE)
    (path / "keys").write_bytes(new)
    Vault.open(path, "new one").close()


def test_passwd_cut_short_after_rename_still_opens(recovery_vault, monkeypatch):
    """A crash between the keys rename and the catalogue update must not lock anyone out."""
    path, _ = recovery_vault
    v = Vault.open(path, PASSPHRASE)
    calls = []
    real = db.transaction

    def crash_on_second(conn):
        calls.append(1)
        if len(calls) == 2:
            raise KeyboardInterrupt("simulated crash")
        return real(conn)

    monkeypatch.setattr(db, "transaction", crash_on_second)
    with pytest.raises(KeyboardInterrupt):
        v.change_passphrase("new one", FAST_KDF)
    monkeypatch.setattr(db, "transaction", real)
    v.close()
    Vault.open(path, "new one").close()  # the pending digest is accepted and committed
    with pytest.raises(WrongPassphrase):
        Vault.open(path, PASSPHRASE)


def test_erase_drops_key_then_files(vault):
    item = _add_item(vault, os.urandom(300_000))
    files = vault.object_files(item)
    assert files
    vault.erase_item(item)
    assert not any(f.exists() for f in files)
    assert vault.conn.execute("SELECT count(*) FROM items WHERE id = ?", (item,)).fetchone()[0] == 0
    assert not (vault.path / "vault.db-wal").exists() or (vault.path / "vault.db-wal").stat().st_size == 0


def test_unfinished_import_is_cleaned_and_unknown_objects_kept_at_unlock(recovery_vault):
    path, _ = recovery_vault
    v = Vault.open(path, PASSPHRASE)
    keep = _add_item(v, b"keep" * 1000)
    with v.transaction():
        tid = v.catalogue.create_testimony("t2")
        ref = v.items.create(tid, "imported")  # state 'writing', as if killed mid-add
    w = v.writer(ref)
    w.write(os.urandom(3 * 1024 * 1024))  # segments reach the disk, never closed
    orphan = path / "objects" / "ab" / ("ab" * 16)
    orphan.parent.mkdir(exist_ok=True)
    orphan.write_bytes(b"noise")
    v.conn.close()
    os.close(v._lock_fd)  # "kill -9": no checkpoint, no clean close
    with Vault.open(path, PASSPHRASE) as v2:
        assert [i.id for i in v2.items.all()] == [keep]
        assert existing_parts(path / "objects", ref.object_name) == []
        # Not the vault's own unfinished write: kept and listed, never deleted at unlock.
        assert orphan.read_bytes() == b"noise"
        assert v2.unknown_objects == ("ab" * 16,)
        assert v2.audit.verify() > 0


def test_newer_schema_is_refused(recovery_vault):
    path, _ = recovery_vault
    with Vault.open(path, PASSPHRASE) as v:
        v.conn.execute(f"PRAGMA user_version = {schema.SCHEMA_VERSION + 1}")
    with pytest.raises(VaultTooNew):
        Vault.open(path, PASSPHRASE)


def test_damaged_catalogue_is_vault_corrupt(recovery_vault):
    path, _ = recovery_vault
    raw = bytearray((path / "vault.db").read_bytes())
    raw[100] ^= 0xFF  # inside page 1
    (path / "vault.db").write_bytes(bytes(raw))
    with pytest.raises(VaultCorrupt):
        Vault.open(path, PASSPHRASE)


def test_keys_of_another_vault_do_not_open_this_catalogue(tmp_path):
    a, _ = Vault.create(tmp_path / "a", PASSPHRASE, kdf=FAST_KDF)
    a.close()
    b, _ = Vault.create(tmp_path / "b", PASSPHRASE, kdf=FAST_KDF)
    b.close()
    (tmp_path / "a" / "keys").write_bytes((tmp_path / "b" / "keys").read_bytes())
    with pytest.raises(VaultCorrupt):
        Vault.open(tmp_path / "a", PASSPHRASE)


def test_keys_digest_is_recorded(recovery_vault):
    path, _ = recovery_vault
    with Vault.open(path, PASSPHRASE) as v:
        assert v._meta("keys_sha256") == hashlib.sha256((path / "keys").read_bytes()).hexdigest()
        assert [k for k, _ in keyslots.slot_params((path / "keys").read_bytes())]


def test_a_counter_write_cut_short_is_removed_at_unlock(recovery_vault):
    """A kill inside the counter file's atomic write leaves its temporary file; the next
    unlock removes it (it is the vault's own, by its name) and the counter still holds."""
    path, _ = recovery_vault
    stray = path / ".counter.0badf00d.tmp"
    stray.write_bytes(b"half a counter")
    other = path / "notes.tmp"
    other.write_bytes(b"not ours")
    with Vault.open(path, PASSPHRASE) as vault:
        assert vault.rollback_finding() is None
    assert not stray.exists()
    assert other.exists()  # only the counter's own temporary files are removed
    assert (path / "counter").exists()
