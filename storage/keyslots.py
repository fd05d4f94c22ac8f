"""The `keys` file: keyslots that each wrap the vault key under a derived key.

Layout (1024 bytes, every byte indistinguishable from random to someone without
Kua's code):

    8 slots x 124 bytes  |  SHA-256 of the 992 slot bytes (32 bytes)

A used slot is

    salt (16) | masked header (20) | ChaCha20-Poly1305(vault key) (32 + 16) | random padding

The header holds a magic, the slot kind (passphrase or recovery key) and the
Argon2id parameters (memory KiB, iterations, lanes). It is XOR-masked with
SHAKE-256(salt): that is not secrecy (anyone with this code can unmask it) but it
keeps the file free of a recognisable header, as DESIGN.md asks, while still storing
the parameters per slot so that they can be raised later without breaking old
vaults. Unused slots are random bytes; their unmasked magic does not match, so they
cost nothing at unlock. The trailing checksum tells a damaged file ("keys file is
damaged") apart from a wrong passphrase.

The recovery key is 160 random bits printed as 8 groups of 4 Crockford base32
characters; with that much entropy its slot uses a cheap Argon2 cost.
"""

from __future__ import annotations

import hashlib
import hmac
import os
import secrets
import struct
import unicodedata
from dataclasses import dataclass

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import ChaCha20Poly1305
from cryptography.hazmat.primitives.kdf.argon2 import Argon2id

from core.i18n import _
from .errors import VaultCorrupt, WrongPassphrase

FILE_SIZE = 1024
SLOT_COUNT = 8
SLOT_SIZE = 124
_SLOTS_BYTES = SLOT_COUNT * SLOT_SIZE
_SALT = 16
_HEADER = struct.Struct(">4sBBHIII")  # magic, kind, version, reserved, m_kib, t, lanes
_MAGIC = b"KUA1"
_KEY = 32
_SEALED_KEY = _KEY + 16
_ZERO_NONCE = bytes(12)  # safe: the wrapping key is new for every slot write (fresh salt)

KIND_PASSPHRASE = 1
KIND_RECOVERY = 2

VAULT_KEY_SIZE = _KEY
_CROCKFORD = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"
_CROCKFORD_ALIASES = str.maketrans({"O": "0", "I": "1", "L": "1", "U": "V"})
_RECOVERY_BYTES = 20


@dataclass(frozen=True, slots=True)
class KdfParams:
    """Argon2id cost of one keyslot."""

    memory_kib: int
    iterations: int
    lanes: int

    def derive(self, secret: bytes, salt: bytes) -> bytes:
        """The 256-bit key-wrapping key for `secret`."""
        kdf = Argon2id(salt=salt, length=_KEY, iterations=self.iterations,
                       lanes=self.lanes, memory_cost=self.memory_kib)
        return kdf.derive(secret)


# About 0.6-0.8 s on a 2-core laptop (see bench/vault.py); 256 MiB of memory.
DEFAULT_PASSPHRASE_KDF = KdfParams(memory_kib=256 * 1024, iterations=3, lanes=2)
# The recovery key carries 160 random bits: a small cost is enough.
RECOVERY_KDF = KdfParams(memory_kib=16 * 1024, iterations=1, lanes=1)
# Sanity bounds when reading a slot, so a damaged header cannot ask for 4 TiB.
_MAX_MEMORY_KIB = 4 * 1024 * 1024
_MAX_ITERATIONS = 64


def new_vault_key() -> bytes:
    """A random 256-bit vault key."""
    return secrets.token_bytes(_KEY)


def new_recovery_key() -> str:
    """A fresh recovery key, formatted for printing: 8 groups of 4 characters."""
    value = int.from_bytes(secrets.token_bytes(_RECOVERY_BYTES), "big")
    chars = "".join(_CROCKFORD[(value >> (5 * i)) & 31] for i in reversed(range(32)))
    return "-".join(chars[i:i + 4] for i in range(0, 32, 4))


def parse_recovery_key(text: str) -> bytes | None:
    """The 20 bytes of a recovery key as typed (any case, spaces or dashes), else None."""
    chars = "".join(text.split()).replace("-", "").upper().translate(_CROCKFORD_ALIASES)
    if len(chars) != 32 or any(c not in _CROCKFORD for c in chars):
        return None
    value = 0
    for c in chars:
        value = (value << 5) | _CROCKFORD.index(c)
    return value.to_bytes(_RECOVERY_BYTES, "big")


def _passphrase_bytes(passphrase: str) -> bytes:
    return unicodedata.normalize("NFC", passphrase).encode("utf-8")


def _mask(salt: bytes) -> bytes:
    return hashlib.shake_256(b"kua keyslot header" + salt).digest(_HEADER.size)


def _xor(a: bytes, b: bytes) -> bytes:
    return bytes(x ^ y for x, y in zip(a, b))


def _seal_slot(kind: int, params: KdfParams, secret: bytes, vault_key: bytes) -> bytes:
    salt = os.urandom(_SALT)
    header = _HEADER.pack(_MAGIC, kind, 1, 0, params.memory_kib, params.iterations,
                          params.lanes)
    kek = params.derive(secret, salt)
    sealed = ChaCha20Poly1305(kek).encrypt(_ZERO_NONCE, vault_key, salt + header)
    body = salt + _xor(header, _mask(salt)) + sealed
    return body + os.urandom(SLOT_SIZE - len(body))


@dataclass(frozen=True, slots=True)
class _Slot:
    index: int
    kind: int
    params: KdfParams
    salt: bytes
    header: bytes
    sealed: bytes


def _read_slot(index: int, raw: bytes) -> _Slot | None:
    salt = raw[:_SALT]
    header = _xor(raw[_SALT:_SALT + _HEADER.size], _mask(salt))
    magic, kind, version, _unused, m_kib, t, lanes = _HEADER.unpack(header)
    if magic != _MAGIC or version != 1 or kind not in (KIND_PASSPHRASE, KIND_RECOVERY):
        return None
    if not (8 <= m_kib <= _MAX_MEMORY_KIB and 1 <= t <= _MAX_ITERATIONS and 1 <= lanes <= 16):
        return None
    start = _SALT + _HEADER.size
    return _Slot(index, kind, KdfParams(m_kib, t, lanes), salt, header,
                 raw[start:start + _SEALED_KEY])


def _split(data: bytes) -> list[bytes]:
    if len(data) != FILE_SIZE:
        raise VaultCorrupt(_("the vault's keys file is damaged (wrong size)"))
    body, checksum = data[:_SLOTS_BYTES], data[_SLOTS_BYTES:]
    if not hmac.compare_digest(hashlib.sha256(body).digest(), checksum):
        raise VaultCorrupt(_("the vault's keys file is damaged (checksum mismatch)"))
    return [body[i * SLOT_SIZE:(i + 1) * SLOT_SIZE] for i in range(SLOT_COUNT)]


def _assemble(slots: list[bytes]) -> bytes:
    body = b"".join(slots)
    return body + hashlib.sha256(body).digest()


def create(passphrase: str, vault_key: bytes, recovery_key: str,
           params: KdfParams = DEFAULT_PASSPHRASE_KDF) -> bytes:
    """A new keys file with a passphrase slot and a recovery-key slot."""
    recovery = parse_recovery_key(recovery_key)
    assert recovery is not None, "recovery key must come from new_recovery_key()"
    slots = [os.urandom(SLOT_SIZE) for _unused in range(SLOT_COUNT)]
    # Slot positions are random so that position says nothing about kind.
    first, second = secrets.SystemRandom().sample(range(SLOT_COUNT), 2)
    slots[first] = _seal_slot(KIND_PASSPHRASE, params, _passphrase_bytes(passphrase), vault_key)
    slots[second] = _seal_slot(KIND_RECOVERY, RECOVERY_KDF, recovery, vault_key)
    return _assemble(slots)


def check(data: bytes) -> None:
    """Raise `VaultCorrupt` unless `data` is an intact keys file."""
    _split(data)


def unlock(data: bytes, secret: str) -> bytes:
    """The vault key, opened with a passphrase or a recovery key.

    Raises `VaultCorrupt` for a damaged file, `WrongPassphrase` if no slot opens.
    """
    recovery = parse_recovery_key(secret)
    for index, raw in enumerate(_split(data)):
        slot = _read_slot(index, raw)
        if slot is None:
            continue
        if slot.kind == KIND_RECOVERY:
            if recovery is None:
                continue
            candidate = recovery
        else:
            candidate = _passphrase_bytes(secret)
        kek = slot.params.derive(candidate, slot.salt)
        try:
            return ChaCha20Poly1305(kek).decrypt(_ZERO_NONCE, slot.sealed,
                                                 slot.salt + slot.header)
        except InvalidTag:
            continue
    raise WrongPassphrase()


def replace_passphrase(data: bytes, vault_key: bytes, new_passphrase: str,
                       params: KdfParams = DEFAULT_PASSPHRASE_KDF) -> bytes:
    """A keys file like `data` whose passphrase slot opens with `new_passphrase`.

    The recovery slot is kept byte for byte; every other slot is refilled, so the
    old passphrase slot is gone from the new file.
    """
    slots = _split(data)
    kept = [i for i, raw in enumerate(slots)
            if (s := _read_slot(i, raw)) is not None and s.kind == KIND_RECOVERY]
    fresh = [os.urandom(SLOT_SIZE) for _unused in range(SLOT_COUNT)]
    for i in kept:
        fresh[i] = slots[i]
    free = [i for i in range(SLOT_COUNT) if i not in kept]
    target = secrets.choice(free)
    fresh[target] = _seal_slot(KIND_PASSPHRASE, params, _passphrase_bytes(new_passphrase),
                               vault_key)
    return _assemble(fresh)


def slot_params(data: bytes) -> list[tuple[int, KdfParams]]:
    """(kind, parameters) of every used slot, for `kua verify` and tests."""
    return [(s.kind, s.params) for i, raw in enumerate(_split(data))
            if (s := _read_slot(i, raw)) is not None]
