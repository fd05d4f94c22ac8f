"""Keyslots: passphrase and recovery slots, damage detection, passphrase change."""

from __future__ import annotations

import math
import time
from collections import Counter
from pathlib import Path

import pytest

from harness.vaults import FAST_KDF
from storage import keyslots
from core.errors import RecoveryKeyTooOld, VaultCorrupt, WrongPassphrase

KEY = bytes(range(32))


@pytest.fixture
def keys_and_recovery() -> tuple[bytes, str]:
    recovery = keyslots.new_recovery_key()
    return keyslots.create("pass word", KEY, recovery, FAST_KDF), recovery


def test_passphrase_and_recovery_key_both_open(keys_and_recovery):
    data, recovery = keys_and_recovery
    assert len(data) == keyslots.FILE_SIZE
    assert keyslots.unlock(data, "pass word") == KEY
    assert keyslots.unlock(data, recovery) == KEY
    # typed sloppily: lower case, spaces instead of dashes, O for 0
    sloppy = recovery.lower().replace("-", " ").replace("0", "o")
    assert keyslots.unlock(data, sloppy) == KEY


def test_wrong_passphrase_is_named(keys_and_recovery):
    data, _ = keys_and_recovery
    with pytest.raises(WrongPassphrase, match="wrong passphrase"):
        keyslots.unlock(data, "pass worD")


def test_passphrase_is_unicode_normalized():
    composed, decomposed = "Ерлан-й", "Ерлан-и\u0306"
    data = keyslots.create(composed, KEY, keyslots.new_recovery_key(), FAST_KDF)
    assert keyslots.unlock(data, decomposed) == KEY


@pytest.mark.parametrize("offset", [0, 17, 200, 600, 1000, 1023])
def test_any_flipped_bit_is_damage_not_wrong_passphrase(keys_and_recovery, offset):
    data, _ = keys_and_recovery
    flipped = bytearray(data)
    flipped[offset] ^= 0x01
    with pytest.raises(VaultCorrupt, match="keys file is damaged"):
        keyslots.unlock(bytes(flipped), "pass word")


@pytest.mark.parametrize("length", [0, 100, 1023, 1025])
def test_truncated_or_extended_file_is_damage(keys_and_recovery, length):
    data, _ = keys_and_recovery
    bad = (data + b"\0")[:length]
    with pytest.raises(VaultCorrupt):
        keyslots.unlock(bad, "pass word")


def test_parameters_are_stored_per_slot(keys_and_recovery):
    data, _ = keys_and_recovery
    params = dict(keyslots.slot_params(data))
    assert params[keyslots.KIND_PASSPHRASE] == FAST_KDF
    assert params[keyslots.KIND_RECOVERY] == keyslots.RECOVERY_KDF


def test_file_looks_random(keys_and_recovery):
    data, _ = keys_and_recovery
    assert b"KUA" not in data.upper()
    counts = Counter(data)
    entropy = -sum(c / len(data) * math.log2(c / len(data)) for c in counts.values())
    assert entropy > 7.6  # bits per byte; 1 KiB of random bytes gives ~7.8


def test_rewrap_moves_recovery_to_a_new_key_and_drops_old_passphrase():
    """A new vault key gets a new passphrase slot and the same recovery key, sealed
    through the recovery slot's public key (the recovery key itself is not needed)."""
    recovery = keyslots.new_recovery_key()
    made = keyslots.issue("pass word", KEY, recovery, FAST_KDF)
    new_key = bytes(reversed(KEY))
    new = keyslots.rewrap(made.data, new_key, "new words", made.recovery_public, FAST_KDF)
    assert keyslots.unlock(new, "new words") == new_key
    assert keyslots.unlock(new, recovery) == new_key
    with pytest.raises(WrongPassphrase):
        keyslots.unlock(new, "pass word")
    assert keyslots.unlock(made.data, recovery) == KEY  # the old file still holds only KEY
    again = keyslots.rewrap(new, KEY, "third words", made.recovery_public, FAST_KDF)
    assert keyslots.unlock(again, recovery) == KEY


def test_an_old_style_recovery_slot_cannot_be_rewrapped():
    """Vaults made before v2 recovery slots (tests/fixtures/vault-v1) must make a new
    recovery key at their next passphrase change."""
    data = (Path(__file__).parents[1] / "fixtures" / "vault-v1" / "keys").read_bytes()
    with pytest.raises(RecoveryKeyTooOld, match="--new-recovery-key"):
        keyslots.rewrap(data, KEY, "new words", bytes(32), FAST_KDF)


def _forge(data: bytes, kind: int, **fields: int) -> bytes:
    """`data` with the masked header of its `kind` slot rewritten (memory_kib, iterations,
    lanes), re-masked and re-checksummed, as someone with Kua's code could do."""
    slots = keyslots._split(data)
    for i, raw in enumerate(slots):
        slot = keyslots._read_slot(i, raw)
        if slot is not None and slot.kind == kind:
            magic, k, version, reserved, m, t, p = keyslots._HEADER.unpack(slot.header)
            values = {"memory_kib": m, "iterations": t, "lanes": p, **fields}
            header = keyslots._HEADER.pack(magic, k, version, reserved, values["memory_kib"],
                                           values["iterations"], values["lanes"])
            size = keyslots._HEADER.size
            masked = keyslots._xor(header, keyslots._mask(slot.salt))
            slots[i] = raw[:16] + masked + raw[16 + size:]
    return keyslots._assemble(slots)


FORGED = [{"memory_kib": 4 * 1024 * 1024}, {"memory_kib": 2**32 - 1}, {"memory_kib": 0},
          {"memory_kib": 8}, {"iterations": 0}, {"iterations": 2**32 - 1},
          {"iterations": 64}, {"lanes": 0}, {"lanes": 16}, {"lanes": 2**32 - 1}]


@pytest.mark.parametrize("kind", [keyslots.KIND_PASSPHRASE, keyslots.KIND_RECOVERY])
@pytest.mark.parametrize("fields", FORGED, ids=lambda f: ",".join(f"{k}={v}" for k, v in f.items()))
def test_forged_kdf_cost_is_damage_before_any_argon2(keys_and_recovery, kind, fields, monkeypatch):
    """A header asking for an impossible Argon2 cost is "damaged" (VaultCorrupt), for
    any secret, and no key derivation runs at all (no allocation, no ValueError)."""
    data, recovery = keys_and_recovery
    forged = _forge(data, kind, **fields)
    assert forged != data
    derived = []
    monkeypatch.setattr(keyslots.KdfParams, "derive", lambda *a: derived.append(a))
    for secret in ("pass word", recovery):
        with pytest.raises(VaultCorrupt, match="keys file is damaged"):
            keyslots.unlock(forged, secret)
    assert derived == []


def test_costs_at_the_bounds_still_open():
    low = keyslots.KdfParams(keyslots.MIN_MEMORY_KIB, 1, 1)
    data = keyslots.create("pass word", KEY, keyslots.new_recovery_key(), low)
    assert keyslots.unlock(data, "pass word") == KEY
    assert not keyslots.KdfParams(keyslots.MAX_MEMORY_KIB + 1, 1, 1).in_bounds
    assert keyslots.KdfParams(keyslots.MAX_MEMORY_KIB, keyslots.MAX_ITERATIONS,
                              keyslots.MAX_LANES).in_bounds


def test_recovery_key_format():
    key = keyslots.new_recovery_key()
    groups = key.split("-")
    assert len(groups) == 8 and all(len(g) == 4 for g in groups)
    assert keyslots.parse_recovery_key(key) is not None
    assert keyslots.parse_recovery_key("not a recovery key") is None
    assert keyslots.new_recovery_key() != key


@pytest.mark.real_kdf
def test_default_cost_is_at_least_64_mib_and_takes_a_noticeable_time():
    params = keyslots.DEFAULT_PASSPHRASE_KDF
    assert params.memory_kib >= 64 * 1024
    data = keyslots.create("pw", KEY, keyslots.new_recovery_key())
    start = time.perf_counter()
    assert keyslots.unlock(data, "pw") == KEY
    # Only a floor here (benchmarks report the real figure): a cost that got
    # accidentally tiny would unlock in milliseconds.
    assert time.perf_counter() - start > 0.15
