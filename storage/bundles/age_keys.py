"""age identity files and keys of either kind: `age1pq1…`/`age1…` recipients and
`AGE-SECRET-KEY-PQ-1…`/`AGE-SECRET-KEY-1…` identities read from text, identity files
as `age-keygen` writes them (plain, or passphrase-protected as `age -p` does, binary
or ASCII-armored), and the small whole age files that holds them. `AnyRecipient` and
`AnyIdentity` name a key of either kind.
"""

from __future__ import annotations

import io
from typing import Callable, Iterable, Union

from core.i18n import _

from storage.bundles.age import (ARMOR_BEGIN, INTRO, SCRYPT_WORK_FACTOR, Identity, Recipient,
                                 scrypt_stanza)
from storage.bundles.age_armor import dearmor
from storage.bundles.age_pq import IDENTITY_HRP, RECIPIENT_HRP, HybridIdentity, HybridRecipient
from storage.bundles.age_stanza import AgeError, Stanza
from storage.bundles.age_stream import AgeReader, AgeWriter, BytesSource

AnyRecipient = Union[Recipient, HybridRecipient]
AnyIdentity = Union[Identity, HybridIdentity]


def encrypt_small(plaintext: bytes, stanzas: Callable[[bytes], list[Stanza]]) -> bytes:
    """A complete age file of `plaintext` (held in memory: for small files only)."""
    out = io.BytesIO()
    writer = AgeWriter(out, stanzas)
    writer.write(plaintext)
    writer.close()
    return out.getvalue()


def is_encrypted(data: bytes) -> bool:
    """True if `data` is an age file (binary or armored) rather than plain text."""
    return data.startswith(INTRO) or data.lstrip().startswith(ARMOR_BEGIN)


def decrypt_small(data: bytes, identities: Iterable[AnyIdentity] = (),
                  passphrase: Callable[[], str] | None = None, limit: int = 1 << 20) -> bytes:
    """The plaintext of a small age file (binary or armored), at most `limit` bytes."""
    data = dearmor(data)
    reader = AgeReader(BytesSource(data), identities, passphrase)
    out = reader.read(limit + 1)
    if len(out) > limit or reader.read(1):
        raise AgeError(_("the file is larger than expected"))
    return out


def identity_file(identity: AnyIdentity, created: str) -> bytes:
    """An identity file as `age-keygen` writes it (comments, then the key)."""
    return (f"# created: {created}\n# public key: {identity.recipient}\n"
            f"{identity.encode()}\n").encode()


def protect(plaintext: bytes, passphrase: str, work_factor: int = SCRYPT_WORK_FACTOR) -> bytes:
    """`plaintext` encrypted with a passphrase, as `age -p` does (binary format)."""
    return encrypt_small(plaintext, lambda key: [scrypt_stanza(passphrase, key, work_factor)])


def parse_recipient(text: str) -> AnyRecipient:
    """An `age1pq1…` (post-quantum) or `age1…` (X25519) recipient; AgeError otherwise."""
    if text.strip().lower().startswith(RECIPIENT_HRP + "1"):
        return HybridRecipient.parse(text)
    return Recipient.parse(text)


def parse_identity(text: str) -> AnyIdentity:
    """An `AGE-SECRET-KEY-PQ-1…` or `AGE-SECRET-KEY-1…` identity; AgeError otherwise."""
    if text.strip().lower().startswith(IDENTITY_HRP + "1"):
        return HybridIdentity.parse(text)
    return Identity.parse(text)


def parse_identities(text: bytes) -> list[AnyIdentity]:
    """The identities of a plain identity file: `#` comments and blank lines are skipped."""
    try:
        lines = text.decode("utf-8").splitlines()
    except UnicodeDecodeError:
        raise AgeError(_("not an age identity file")) from None
    found = [parse_identity(line) for line in lines if line.strip() and not line.startswith("#")]
    if not found:
        raise AgeError(_("no identity in the file"))
    return found


def read_identities(data: bytes, passphrase: Callable[[], str]) -> list[AnyIdentity]:
    """The identities of a key file, decrypting it first if it is passphrase-protected."""
    if is_encrypted(data):
        data = decrypt_small(data, passphrase=passphrase)
    return parse_identities(data)
