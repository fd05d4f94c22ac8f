"""age v1 (age-encryption.org/v1): X25519 keys, the header and its stanzas.

Implemented from the specification (C2SP age) with `cryptography`, and proven
interoperable with the reference `age` command and with rage (pyrage) by
tests/storage/test_bundle_age_interop.py. The payload STREAM lives in
`age_stream.py`, the stanza, base64 and `AgeError` that every part shares in
`age_stanza.py`; this module knows:

- X25519 recipients (`age1…`) and identities (`AGE-SECRET-KEY-1…`), Bech32 (the
  hybrid post-quantum ones, `age1pq1…`, are in `age_pq.py`; identities of both kinds
  open stanzas through `unwrap`, recipients make them with `stanza`, and `age_keys.py`
  names either kind `AnyRecipient`/`AnyIdentity`);
- the header: `age-encryption.org/v1`, one stanza per recipient, and a HMAC-SHA-256
  over it keyed from the file key, so that no stanza can be added or changed;
- the X25519 stanza (ephemeral share, HKDF-SHA-256, ChaCha20-Poly1305 wrap of the
  16-byte file key) and the scrypt stanza used for passphrase-protected identity
  files (alone in its header, work factor bounded when reading);
- (identity files, plain or passphrase-protected, and parsing keys of either kind are
  in `age_keys.py`; ASCII armor, read strictly, in `age_armor.py`).

Errors are `AgeError`s with a short reason; the callers name the file at fault.
"""

from __future__ import annotations

import hmac
import os
import re
from dataclasses import dataclass, field
from hashlib import sha256
from typing import Callable, Iterable

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.asymmetric.x25519 import X25519PrivateKey, X25519PublicKey
from cryptography.hazmat.primitives.ciphers.aead import ChaCha20Poly1305
from cryptography.hazmat.primitives.kdf.hkdf import HKDF
from cryptography.hazmat.primitives.kdf.scrypt import Scrypt

from core.i18n import _
from storage.bundles import bech32
from storage.bundles.age_stanza import (FILE_KEY_SIZE, AgeError, Stanza, StanzaOpener, b64decode,
                                        b64encode, decode_key)

INTRO = b"age-encryption.org/v1\n"
ARMOR_BEGIN = b"-----BEGIN AGE ENCRYPTED FILE-----"
ARMOR_END = b"-----END AGE ENCRYPTED FILE-----"
NONCE_SIZE = 16
_ZERO_NONCE = bytes(12)
_X25519_INFO = b"age-encryption.org/v1/X25519"
_SCRYPT_LABEL = b"age-encryption.org/v1/scrypt"
SCRYPT_WORK_FACTOR = 18        # what `age -p` uses: about 1 s and 256 MiB here
MAX_SCRYPT_WORK_FACTOR = 22    # the reference implementation's limit when decrypting
MAX_HEADER = 64 * 1024         # far above any real header; refuses a hostile one early
_RECIPIENT_HRP = "age"
_IDENTITY_HRP = "age-secret-key-"
_VCHAR = re.compile(rb"^[\x21-\x7e]+$")


class NoMatchingIdentity(AgeError):
    """No identity given opens any stanza of the header (`stanza_types` lists what it has)."""

    def __init__(self, reason: str, stanza_types: tuple[bytes, ...] = ()) -> None:
        super().__init__(reason)
        self.stanza_types = stanza_types


class HeaderAltered(AgeError):
    """A stanza opened but the header's MAC does not verify."""


def _hkdf(ikm: bytes, salt: bytes | None, info: bytes) -> bytes:
    return HKDF(algorithm=hashes.SHA256(), length=32, salt=salt, info=info).derive(ikm)


def payload_key(file_key: bytes, nonce: bytes) -> bytes:
    """The ChaCha20-Poly1305 key of the payload STREAM."""
    return _hkdf(file_key, nonce, b"payload")


def header_mac(file_key: bytes, header_up_to_dashes: bytes) -> bytes:
    """HMAC-SHA-256 of the header up to and including `---`."""
    return hmac.new(_hkdf(file_key, None, b"header"), header_up_to_dashes, sha256).digest()


# -- keys ----------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Recipient:
    """An X25519 public key: who a bundle is encrypted to."""

    public: bytes

    @classmethod
    def parse(cls, text: str) -> "Recipient":
        """A recipient from its `age1…` text; AgeError if it is not one."""
        return cls(decode_key(text, _RECIPIENT_HRP, 32, _("X25519 recipient (age1…)")))

    def __str__(self) -> str:
        return bech32.encode(_RECIPIENT_HRP, self.public)

    @property
    def post_quantum(self) -> bool:
        """False: X25519 alone does not resist a future quantum computer (any age opens it)."""
        return False

    def stanza(self, file_key: bytes) -> Stanza:
        """Wrap the file key to this recipient."""
        return x25519_stanza(self, file_key)


@dataclass(frozen=True, slots=True)
class Identity:
    """An X25519 private key: what opens bundles encrypted to its recipient."""

    secret: bytes = field(repr=False)

    @classmethod
    def generate(cls) -> "Identity":
        """A new random identity."""
        return cls(os.urandom(32))

    @classmethod
    def parse(cls, text: str) -> "Identity":
        """An identity from its `AGE-SECRET-KEY-1…` text; AgeError if it is not one."""
        return cls(decode_key(text, _IDENTITY_HRP, 32,
                              _("X25519 identity (AGE-SECRET-KEY-1…)")))

    def encode(self) -> str:
        """`AGE-SECRET-KEY-1…`."""
        return bech32.encode(_IDENTITY_HRP, self.secret).upper()

    @property
    def recipient(self) -> Recipient:
        """The public half, to give to volunteers."""
        key = X25519PrivateKey.from_private_bytes(self.secret)
        return Recipient(key.public_key().public_bytes_raw())

    def unwrap(self, stanza: Stanza) -> bytes | None:
        """The file key if this identity opens `stanza`; None if it is not for it.

        AgeError for a malformed X25519 stanza."""
        return _x25519_unwrap(self, stanza) if stanza.type == b"X25519" else None


# -- stanzas -------------------------------------------------------------------


def _wrap(key: bytes, file_key: bytes) -> bytes:
    return ChaCha20Poly1305(key).encrypt(_ZERO_NONCE, file_key, None)


def _unwrap(key: bytes, body: bytes) -> bytes | None:
    try:
        return ChaCha20Poly1305(key).decrypt(_ZERO_NONCE, body, None)
    except InvalidTag:
        return None


def x25519_stanza(recipient: Recipient, file_key: bytes) -> Stanza:
    """Wrap the file key to one X25519 recipient."""
    ephemeral = X25519PrivateKey.generate()
    share = ephemeral.public_key().public_bytes_raw()
    shared = ephemeral.exchange(X25519PublicKey.from_public_bytes(recipient.public))
    key = _hkdf(shared, share + recipient.public, _X25519_INFO)
    return Stanza(b"X25519", (b64encode(share),), _wrap(key, file_key))


def _x25519_unwrap(identity: Identity, stanza: Stanza) -> bytes | None:
    if len(stanza.args) != 1:
        raise AgeError(_("malformed X25519 stanza"))
    share = b64decode(stanza.args[0])
    if len(share) != 32 or len(stanza.body) != FILE_KEY_SIZE + 16:
        raise AgeError(_("malformed X25519 stanza"))
    try:
        shared = X25519PrivateKey.from_private_bytes(identity.secret).exchange(
            X25519PublicKey.from_public_bytes(share))
    except ValueError:  # a low-order point: the shared secret would be all zeros
        raise AgeError(_("malformed X25519 stanza (low-order point)")) from None
    key = _hkdf(shared, share + identity.recipient.public, _X25519_INFO)
    return _unwrap(key, stanza.body)


def _scrypt_key(passphrase: str, salt: bytes, work_factor: int) -> bytes:
    return Scrypt(salt=_SCRYPT_LABEL + salt, length=32, n=1 << work_factor, r=8, p=1).derive(
        passphrase.encode("utf-8"))


def scrypt_stanza(passphrase: str, file_key: bytes,
                  work_factor: int = SCRYPT_WORK_FACTOR) -> Stanza:
    """Wrap the file key under a passphrase (scrypt, as `age -p` does)."""
    salt = os.urandom(16)
    key = _scrypt_key(passphrase, salt, work_factor)
    return Stanza(b"scrypt", (b64encode(salt), str(work_factor).encode()), _wrap(key, file_key))


def _scrypt_unwrap(passphrase: str, stanza: Stanza) -> bytes | None:
    if len(stanza.args) != 2 or not re.fullmatch(rb"[1-9][0-9]*", stanza.args[1]):
        raise AgeError(_("malformed scrypt stanza"))
    salt, work_factor = b64decode(stanza.args[0]), int(stanza.args[1])
    if len(salt) != 16 or len(stanza.body) != FILE_KEY_SIZE + 16:
        raise AgeError(_("malformed scrypt stanza"))
    if work_factor > MAX_SCRYPT_WORK_FACTOR:
        raise AgeError(_("scrypt work factor {work_factor} is too high").format(work_factor=work_factor))
    return _unwrap(_scrypt_key(passphrase, salt, work_factor), stanza.body)


# -- the header ----------------------------------------------------------------


def write_header(stanzas: Iterable[Stanza], file_key: bytes) -> bytes:
    """The complete header: intro, stanzas, `---` and its MAC."""
    head = INTRO + b"".join(s.encode() for s in stanzas) + b"---"
    return head + b" " + b64encode(header_mac(file_key, head)) + b"\n"


@dataclass(frozen=True, slots=True)
class Header:
    """A parsed header: its stanzas, MAC, and its length in bytes (payload follows)."""

    stanzas: tuple[Stanza, ...]
    mac: bytes
    mac_input: bytes
    length: int


def parse_header(data: bytes) -> Header:
    """Parse the header at the start of `data` (which may run on into the payload)."""
    if not data.startswith(INTRO):
        raise AgeError(_("not an age file (no age-encryption.org/v1 header)"))
    pos, stanzas = len(INTRO), []
    while True:
        end = data.find(b"\n", pos, MAX_HEADER)
        if end < 0:
            raise AgeError(_("the age header is cut short or too long"))
        line = data[pos:end]
        if line.startswith(b"--- "):
            mac = b64decode(line[4:])
            if len(mac) != 32:
                raise AgeError(_("malformed header MAC"))
            return Header(tuple(stanzas), mac, data[:pos + 3], end + 1)
        if not line.startswith(b"-> "):
            raise AgeError(_("malformed age header line"))
        words = line[3:].split(b" ")
        if any(not _VCHAR.match(w) for w in words):
            raise AgeError(_("malformed stanza line in the age header"))
        pos, body = end + 1, b""
        while True:  # body lines: full ones are 64 columns, the last one is shorter
            end = data.find(b"\n", pos, MAX_HEADER)
            if end < 0 or end - pos > 64:
                raise AgeError(_("malformed stanza body in the age header"))
            body += data[pos:end]
            short = end - pos < 64
            pos = end + 1
            if short:
                break
        stanzas.append(Stanza(words[0], tuple(words[1:]), b64decode(body)))


def open_header(header: Header, identities: Iterable[StanzaOpener] = (),
                passphrase: Callable[[], str] | None = None) -> bytes:
    """The file key, unwrapped by one of the identities (or the passphrase) and MAC-checked.

    Each identity tries every stanza, in order (as the reference implementation
    does): a stanza of another type is skipped, a malformed one of its own type is
    an AgeError. `NoMatchingIdentity` if nothing opens it, `HeaderAltered` if the
    MAC fails.
    """
    scrypt = [s for s in header.stanzas if s.type == b"scrypt"]
    if scrypt and len(header.stanzas) != 1:
        raise AgeError(_("an scrypt stanza must be alone in its header"))
    file_key = None
    if scrypt and passphrase is not None:
        file_key = _scrypt_unwrap(passphrase(), scrypt[0])
    for identity in identities:
        for stanza in header.stanzas:  # other types (and "grease") are for other identities
            if file_key is None:
                file_key = identity.unwrap(stanza)
    if file_key is None:
        raise NoMatchingIdentity(_("no identity matches this file"),
                                 tuple(s.type for s in header.stanzas))
    if len(file_key) != FILE_KEY_SIZE:
        raise AgeError(_("malformed file key"))
    if not hmac.compare_digest(header_mac(file_key, header.mac_input), header.mac):
        raise HeaderAltered(_("the age header was altered"))
    return file_key
