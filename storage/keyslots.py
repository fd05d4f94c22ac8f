"""The `keys` file: keyslots that each wrap the vault key under a derived key.

Layout (1024 bytes, every byte indistinguishable from random to someone without
Kua's code):

    8 slots x 124 bytes  |  SHA-256 of the 992 slot bytes (32 bytes)

A used slot is one of

    v1: salt (16) | masked header (20) | ChaCha20-Poly1305(vault key) (32 + 16) | padding
    v2: salt (16) | masked header (20) + ephemeral X25519 key (32) | sealed key (48) | padding

The header holds a magic, the slot kind (passphrase or recovery key), the version and
the Argon2id parameters (memory KiB, iterations, lanes). It is XOR-masked with
SHAKE-256(salt): that is not secrecy (anyone with this code can unmask it) but it
keeps the file free of a recognisable header, as DESIGN.md asks, while still storing
the parameters per slot so that they can be raised later without breaking old
vaults. Unused slots are random bytes; their unmasked magic does not match, so they
cost nothing at unlock. The trailing checksum tells a damaged file ("keys file is
damaged") apart from a wrong passphrase, and parameters outside the bounds below are
damage too, found before any Argon2 runs (a forged header cannot ask for 4 TiB).

A passphrase slot (v1) wraps the vault key under Argon2id(passphrase). The recovery
key is 160 random bits printed as 8 groups of 4 Crockford base32 characters; with that
much entropy its slot uses a cheap Argon2 cost. Its slot (v2) turns Argon2id(recovery
key, salt) into an X25519 private key and wraps the vault key to the matching public
key (ECIES: ephemeral X25519, HKDF-SHA-256, ChaCha20-Poly1305). The public key is kept
in the catalogue, so a passphrase change can wrap a *new* vault key for the *same*
recovery key without knowing it, and without storing anything that would let an old
catalogue open the new key. Vaults made before v2 have a v1 recovery slot; their
recovery key cannot follow a new vault key and must be replaced at the next change.
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
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.asymmetric.x25519 import X25519PrivateKey, X25519PublicKey
from cryptography.hazmat.primitives.ciphers.aead import ChaCha20Poly1305
from cryptography.hazmat.primitives.kdf.argon2 import Argon2id
from cryptography.hazmat.primitives.kdf.hkdf import HKDF

from core.i18n import _

from core.errors import RecoveryKeyTooOld, VaultCorrupt, WrongPassphrase

FILE_SIZE = 1024
SLOT_COUNT = 8
SLOT_SIZE = 124
_SLOTS_BYTES = SLOT_COUNT * SLOT_SIZE
_SALT = 16
_HEADER = struct.Struct(">4sBBHIII")  # magic, kind, version, reserved, m_kib, t, lanes
_MAGIC = b"KUA1"
_KEY = 32
_SEALED_KEY = _KEY + 16
_ZERO_NONCE = bytes(12)  # safe: the wrapping key is new for every slot write (fresh salt
#                          for v1, a fresh ephemeral X25519 key for v2)
_EPHEMERAL = 32
_SYMMETRIC, _PUBLIC = 1, 2  # slot versions

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

    @property
    def in_bounds(self) -> bool:
        """Whether Kua accepts this cost (anything else is a damaged or forged slot)."""
        return (MIN_MEMORY_KIB <= self.memory_kib <= MAX_MEMORY_KIB
                and 1 <= self.iterations <= MAX_ITERATIONS and 1 <= self.lanes <= MAX_LANES)

    def derive(self, secret: bytes, salt: bytes) -> bytes:
        """The 256-bit key-wrapping key for `secret`."""
        kdf = Argon2id(salt=salt, length=_KEY, iterations=self.iterations,
                       lanes=self.lanes, memory_cost=self.memory_kib)
        return kdf.derive(secret)


# About 0.6-0.8 s on a 2-core laptop (see bench/vault.py); 256 MiB of memory.
DEFAULT_PASSPHRASE_KDF = KdfParams(memory_kib=256 * 1024, iterations=3, lanes=2)
# The recovery key carries 160 random bits: a small cost is enough.
RECOVERY_KDF = KdfParams(memory_kib=16 * 1024, iterations=1, lanes=1)
# The costs Kua makes and accepts. A slot outside them is damaged (or forged) and is
# refused before Argon2 runs: at most 1 GiB of memory and 32 passes.
MIN_MEMORY_KIB = 8 * 1024
MAX_MEMORY_KIB = 1024 * 1024
MAX_ITERATIONS = 32
MAX_LANES = 8


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


def _mask(salt: bytes, size: int = _HEADER.size) -> bytes:
    # SHAKE is a XOF: the first 20 bytes are the same whatever `size` is.
    return hashlib.shake_256(b"kua keyslot header" + salt).digest(size)


def _xor(a: bytes, b: bytes) -> bytes:
    return bytes(x ^ y for x, y in zip(a, b))


def _header(kind: int, version: int, params: KdfParams) -> bytes:
    return _HEADER.pack(_MAGIC, kind, version, 0, params.memory_kib, params.iterations,
                        params.lanes)


def _pad(body: bytes) -> bytes:
    return body + os.urandom(SLOT_SIZE - len(body))


def _seal_slot(kind: int, params: KdfParams, secret: bytes, vault_key: bytes) -> bytes:
    salt = os.urandom(_SALT)
    header = _header(kind, _SYMMETRIC, params)
    kek = params.derive(secret, salt)
    sealed = ChaCha20Poly1305(kek).encrypt(_ZERO_NONCE, vault_key, salt + header)
    return _pad(salt + _xor(header, _mask(salt)) + sealed)


def _recovery_private(recovery: bytes, salt: bytes, params: KdfParams) -> X25519PrivateKey:
    return X25519PrivateKey.from_private_bytes(params.derive(recovery, salt))


def _ecies_key(shared: bytes, ephemeral: bytes, public: bytes) -> bytes:
    return HKDF(algorithm=hashes.SHA256(), length=_KEY, salt=ephemeral + public,
                info=b"kua recovery slot").derive(shared)


def _wrap_to(public: bytes, salt: bytes, header: bytes, vault_key: bytes) -> bytes:
    """A v2 slot: `vault_key` sealed to the X25519 key `public` (salt and header given)."""
    ephemeral = X25519PrivateKey.generate()
    eph_pub = ephemeral.public_key().public_bytes_raw()
    kek = _ecies_key(ephemeral.exchange(X25519PublicKey.from_public_bytes(public)),
                     eph_pub, public)
    sealed = ChaCha20Poly1305(kek).encrypt(_ZERO_NONCE, vault_key, salt + header + eph_pub)
    # The ephemeral key is masked too: an X25519 key's top bit is always 0.
    return _pad(salt + _xor(header + eph_pub, _mask(salt, _HEADER.size + _EPHEMERAL)) + sealed)


def _recovery_slot(recovery: bytes, vault_key: bytes) -> tuple[bytes, bytes]:
    """A new v2 recovery slot and the public key it is sealed to."""
    salt = os.urandom(_SALT)
    public = _recovery_private(recovery, salt, RECOVERY_KDF).public_key().public_bytes_raw()
    header = _header(KIND_RECOVERY, _PUBLIC, RECOVERY_KDF)
    return _wrap_to(public, salt, header, vault_key), public


@dataclass(frozen=True, slots=True)
class _Slot:
    index: int
    kind: int
    version: int
    params: KdfParams
    salt: bytes
    header: bytes
    ephemeral: bytes  # v2 only
    sealed: bytes


def _read_slot(index: int, raw: bytes) -> _Slot | None:
    """The slot in `raw`, None for an unused one; `VaultCorrupt` for impossible costs."""
    salt = raw[:_SALT]
    masked = raw[_SALT:_SALT + _HEADER.size + _EPHEMERAL]
    plain = _xor(masked, _mask(salt, len(masked)))
    header = plain[:_HEADER.size]
    magic, kind, version, _unused, m_kib, t, lanes = _HEADER.unpack(header)
    if magic != _MAGIC or kind not in (KIND_PASSPHRASE, KIND_RECOVERY):
        return None
    if version not in (_SYMMETRIC, _PUBLIC) or (version == _PUBLIC and kind != KIND_RECOVERY):
        return None
    params = KdfParams(m_kib, t, lanes)
    if not params.in_bounds:
        raise VaultCorrupt(_("the vault's keys file is damaged (impossible key-derivation"
                             " cost)"))
    if version == _SYMMETRIC:
        start, ephemeral = _SALT + _HEADER.size, b""
    else:
        start, ephemeral = _SALT + _HEADER.size + _EPHEMERAL, plain[_HEADER.size:]
    return _Slot(index, kind, version, params, salt, header, ephemeral,
                 raw[start:start + _SEALED_KEY])


def _split(data: bytes) -> list[bytes]:
    if len(data) != FILE_SIZE:
        raise VaultCorrupt(_("the vault's keys file is damaged (wrong size)"))
    body, checksum = data[:_SLOTS_BYTES], data[_SLOTS_BYTES:]
    if not hmac.compare_digest(hashlib.sha256(body).digest(), checksum):
        raise VaultCorrupt(_("the vault's keys file is damaged (checksum mismatch)"))
    return [body[i * SLOT_SIZE:(i + 1) * SLOT_SIZE] for i in range(SLOT_COUNT)]


def _slots(data: bytes) -> list[_Slot]:
    """Every used slot; every header is checked before any key is derived."""
    return [s for i, raw in enumerate(_split(data)) if (s := _read_slot(i, raw)) is not None]


def _assemble(slots: list[bytes]) -> bytes:
    body = b"".join(slots)
    return body + hashlib.sha256(body).digest()


def _place(passphrase_slot: bytes, recovery_slot: bytes) -> bytes:
    """A keys file holding the two slots, at random positions, and random bytes elsewhere."""
    slots = [os.urandom(SLOT_SIZE) for _unused in range(SLOT_COUNT)]
    # Slot positions are random so that position says nothing about kind.
    first, second = secrets.SystemRandom().sample(range(SLOT_COUNT), 2)
    slots[first], slots[second] = passphrase_slot, recovery_slot
    return _assemble(slots)


@dataclass(frozen=True, slots=True)
class NewKeys:
    """A keys file and the public key its recovery slot is sealed to (kept in the catalogue)."""

    data: bytes
    recovery_public: bytes


def issue(passphrase: str, vault_key: bytes, recovery_key: str,
          params: KdfParams = DEFAULT_PASSPHRASE_KDF) -> NewKeys:
    """A new keys file with a passphrase slot and a slot for `recovery_key`."""
    recovery = parse_recovery_key(recovery_key)
    assert recovery is not None, "recovery key must come from new_recovery_key()"
    recovery_slot, public = _recovery_slot(recovery, vault_key)
    passphrase_slot = _seal_slot(KIND_PASSPHRASE, params, _passphrase_bytes(passphrase),
                                 vault_key)
    return NewKeys(_place(passphrase_slot, recovery_slot), public)


def create(passphrase: str, vault_key: bytes, recovery_key: str,
           params: KdfParams = DEFAULT_PASSPHRASE_KDF) -> bytes:
    """A new keys file with a passphrase slot and a recovery-key slot."""
    return issue(passphrase, vault_key, recovery_key, params).data


def rewrap(data: bytes, vault_key: bytes, passphrase: str, recovery_public: bytes | None,
           params: KdfParams = DEFAULT_PASSPHRASE_KDF) -> bytes:
    """A keys file for a new `vault_key`: a new passphrase slot, and the recovery slot of
    `data` sealed again, to the same recovery key, through its public key.

    Raises `RecoveryKeyTooOld` when `data` has a recovery slot from before v2 (or the
    catalogue does not know its public key): that recovery key must be replaced.
    """
    found = [s for s in _slots(data) if s.kind == KIND_RECOVERY and s.version == _PUBLIC]
    if not found or recovery_public is None:
        raise RecoveryKeyTooOld()
    old = found[0]
    recovery_slot = _wrap_to(recovery_public, old.salt, old.header, vault_key)
    passphrase_slot = _seal_slot(KIND_PASSPHRASE, params, _passphrase_bytes(passphrase),
                                 vault_key)
    return _place(passphrase_slot, recovery_slot)


def check(data: bytes) -> None:
    """Raise `VaultCorrupt` unless `data` is an intact keys file."""
    _slots(data)


def _open_slot(slot: _Slot, secret: str, recovery: bytes | None) -> bytes | None:
    if slot.kind == KIND_RECOVERY:
        if recovery is None:
            return None
        kek = slot.params.derive(recovery, slot.salt)
        if slot.version == _PUBLIC:
            private = X25519PrivateKey.from_private_bytes(kek)
            public = private.public_key().public_bytes_raw()
            try:
                shared = private.exchange(X25519PublicKey.from_public_bytes(slot.ephemeral))
            except ValueError:  # a small-order point: not a slot Kua wrote
                return None
            kek = _ecies_key(shared, slot.ephemeral, public)
    else:
        kek = slot.params.derive(_passphrase_bytes(secret), slot.salt)
    try:
        return ChaCha20Poly1305(kek).decrypt(_ZERO_NONCE, slot.sealed,
                                             slot.salt + slot.header + slot.ephemeral)
    except InvalidTag:
        return None


def unlock(data: bytes, secret: str) -> bytes:
    """The vault key, opened with a passphrase or a recovery key.

    Raises `VaultCorrupt` for a damaged file (or costs out of bounds, checked before
    any key is derived), `WrongPassphrase` if no slot opens.
    """
    recovery = parse_recovery_key(secret)
    for slot in _slots(data):
        key = _open_slot(slot, secret, recovery)
        if key is not None:
            return key
    raise WrongPassphrase()


def slot_params(data: bytes) -> list[tuple[int, KdfParams]]:
    """(kind, parameters) of every used slot, for `kua verify` and tests."""
    return [(s.kind, s.params) for s in _slots(data)]
