"""age's hybrid post-quantum keys: ML-KEM-768 + X25519 (X-Wing), the default for organizers.

As the age specification (C2SP age, "The MLKEM768-X25519 hybrid post-quantum
recipient type") defines them, and as age 1.3 and later read them:

- an identity is 32 random bytes, Bech32 with HRP `AGE-SECRET-KEY-PQ-`; SHAKE-256 of
  it gives the ML-KEM-768 seed (64 bytes) and the X25519 private key (32 bytes);
- its recipient is the ML-KEM-768 encapsulation key and the X25519 public key
  (1,184 + 32 bytes), Bech32 with HRP `age1pq`;
- the `mlkem768x25519` stanza is HPKE SealBase (KEM MLKEM768-X25519, HKDF-SHA-256,
  ChaCha20-Poly1305, info `age-encryption.org/mlkem768x25519`) of the file key:
  one argument, the 1,120-byte encapsulated key, and a 32-byte body.

The primitives (ML-KEM, X25519, HPKE) are `cryptography`'s; this module only
encodes keys and stanzas. The C2SP CCTV vectors prove it (tests/storage/test_age_vectors.py).
"""

from __future__ import annotations

import hashlib
import os
from dataclasses import dataclass, field

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives import hpke
from cryptography.hazmat.primitives.asymmetric import mlkem
from cryptography.hazmat.primitives.asymmetric.x25519 import X25519PrivateKey, X25519PublicKey

from core.i18n import _

from storage.bundles import bech32
from storage.bundles.age_stanza import FILE_KEY_SIZE, AgeError, Stanza, b64decode, b64encode, decode_key

STANZA_TYPE = b"mlkem768x25519"
RECIPIENT_HRP = "age1pq"
IDENTITY_HRP = "age-secret-key-pq-"
MLKEM_PUBLIC = 1184
MLKEM_CIPHERTEXT = 1088
PUBLIC_SIZE = MLKEM_PUBLIC + 32
ENC_SIZE = MLKEM_CIPHERTEXT + 32
_INFO = b"age-encryption.org/mlkem768x25519"
_SUITE = hpke.Suite(hpke.KEM.MLKEM768_X25519, hpke.KDF.HKDF_SHA256,
                    hpke.AEAD.CHACHA20_POLY1305)
AGE_VERSION = "1.3"  # the first `age` release that reads these keys


def _public_key(data: bytes) -> hpke.MLKEM768X25519PublicKey:
    try:
        return hpke.MLKEM768X25519PublicKey(
            mlkem.MLKEM768PublicKey.from_public_bytes(data[:MLKEM_PUBLIC]),
            X25519PublicKey.from_public_bytes(data[MLKEM_PUBLIC:]))
    except ValueError:
        raise AgeError(_("not a valid ML-KEM-768 + X25519 public key")) from None


@dataclass(frozen=True, slots=True)
class HybridRecipient:
    """A post-quantum (ML-KEM-768 + X25519) public key: `age1pq1…`."""

    public: bytes

    @classmethod
    def parse(cls, text: str) -> "HybridRecipient":
        """A recipient from its `age1pq1…` text; AgeError if it is not one."""
        public = decode_key(text, RECIPIENT_HRP, PUBLIC_SIZE,
                            _("post-quantum recipient (age1pq1…)"))
        _public_key(public)
        return cls(public)

    def __str__(self) -> str:
        return bech32.encode(RECIPIENT_HRP, self.public)

    @property
    def post_quantum(self) -> bool:
        """True: this key resists a future quantum computer (and needs age 1.3 or later)."""
        return True

    def stanza(self, file_key: bytes) -> Stanza:
        """Wrap the file key to this recipient (HPKE SealBase)."""
        sealed = _SUITE.encrypt(file_key, _public_key(self.public), info=_INFO)
        return Stanza(STANZA_TYPE, (b64encode(sealed[:ENC_SIZE]),), sealed[ENC_SIZE:])


@dataclass(frozen=True, slots=True)
class HybridIdentity:
    """A post-quantum private key (its 32-byte seed): `AGE-SECRET-KEY-PQ-1…`."""

    seed: bytes = field(repr=False)

    @classmethod
    def generate(cls) -> "HybridIdentity":
        """A new random identity."""
        return cls(os.urandom(32))

    @classmethod
    def parse(cls, text: str) -> "HybridIdentity":
        """An identity from its `AGE-SECRET-KEY-PQ-1…` text; AgeError if it is not one."""
        return cls(decode_key(text, IDENTITY_HRP, 32,
                              _("post-quantum identity (AGE-SECRET-KEY-PQ-1…)")))

    def encode(self) -> str:
        """`AGE-SECRET-KEY-PQ-1…`."""
        return bech32.encode(IDENTITY_HRP, self.seed).upper()

    def _keys(self) -> tuple[mlkem.MLKEM768PrivateKey, X25519PrivateKey]:
        expanded = hashlib.shake_256(self.seed).digest(96)
        return (mlkem.MLKEM768PrivateKey.from_seed_bytes(expanded[:64]),
                X25519PrivateKey.from_private_bytes(expanded[64:]))

    @property
    def recipient(self) -> HybridRecipient:
        """The public half, to give to volunteers."""
        pq, classic = self._keys()
        return HybridRecipient(pq.public_key().public_bytes_raw()
                               + classic.public_key().public_bytes_raw())

    def unwrap(self, stanza: Stanza) -> bytes | None:
        """The file key if this identity opens `stanza`; None if the stanza is not for it.

        AgeError for a malformed `mlkem768x25519` stanza (wrong arguments, a
        non-canonical or wrongly sized enc, a body that is not 32 bytes, an X25519
        share of low order), as the specification requires.
        """
        if stanza.type != STANZA_TYPE:
            return None
        if len(stanza.args) != 1:
            raise AgeError(_("malformed mlkem768x25519 stanza"))
        enc = b64decode(stanza.args[0])
        if len(enc) != ENC_SIZE or len(stanza.body) != FILE_KEY_SIZE + 16:
            raise AgeError(_("malformed mlkem768x25519 stanza"))
        pq, classic = self._keys()
        try:  # HPKE would only say "no match": an all-zero X25519 secret is malformed
            classic.exchange(X25519PublicKey.from_public_bytes(enc[MLKEM_CIPHERTEXT:]))
        except ValueError:
            raise AgeError(_("malformed mlkem768x25519 stanza (low-order point)")) from None
        try:
            return _SUITE.decrypt(enc + stanza.body, hpke.MLKEM768X25519PrivateKey(pq, classic),
                                  info=_INFO)
        except InvalidTag:
            return None
