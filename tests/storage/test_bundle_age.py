"""age v1 as Kua implements it: keys, header, STREAM, passphrase-protected identities.

Interoperability with the reference `age` and with rage is in
test_bundle_age_interop.py; here the format's own rules and every kind of damage.
"""

from __future__ import annotations

import io
import os

import pytest

from storage.bundles import age, age_keys, age_stanza, bech32
from storage.bundles.age_stream import (CHUNK, SEALED_CHUNK, AgeReader, AgeWriter, BytesSource,
                                        StreamCutShort, StreamDamaged)


def _encrypt(data: bytes, *recipients: age.Recipient) -> bytes:
    out = io.BytesIO()
    writer = AgeWriter(out, lambda key: [age.x25519_stanza(r, key) for r in recipients])
    writer.write(data)
    writer.close()
    return out.getvalue()


def _decrypt(blob: bytes, *identities: age.Identity) -> bytes:
    return AgeReader(BytesSource(blob, "the file"), identities).read()


@pytest.fixture(scope="module")
def ident() -> age.Identity:
    return age.Identity.generate()


def test_bech32_known_vector_and_key_encodings(ident):
    # BIP 173's valid test string, and age's own key shapes.
    assert bech32.decode("a12uel5l") == ("a", b"")
    assert bech32.decode("A12UEL5L") == ("a", b"")
    assert bech32.decode("a12uel5L") is None  # mixed case
    assert bech32.decode("a12uel5m") is None  # checksum
    text = str(ident.recipient)
    assert text.startswith("age1") and len(text) == 62
    assert age.Recipient.parse(text) == ident.recipient
    secret = ident.encode()
    assert secret.startswith("AGE-SECRET-KEY-1") and len(secret) == 74
    assert age.Identity.parse(secret) == ident
    with pytest.raises(age_stanza.AgeError):
        age.Recipient.parse(text[:-1] + ("q" if text[-1] != "q" else "p"))
    with pytest.raises(age_stanza.AgeError):
        age.Identity.parse(secret.lower())
    assert "secret" not in repr(ident) and secret not in repr(ident)


@pytest.mark.parametrize("size", [0, 1, CHUNK - 1, CHUNK, CHUNK + 1, 3 * CHUNK, 3 * CHUNK + 7])
def test_round_trip_at_chunk_edges(ident, size):
    data = os.urandom(size)
    blob = _encrypt(data, ident.recipient)
    chunks = max(1, -(-size // CHUNK))
    header = age.parse_header(blob).length
    assert len(blob) == header + 16 + size + 16 * chunks
    assert _decrypt(blob, ident) == data


def test_several_recipients_each_open_it(ident):
    other = age.Identity.generate()
    blob = _encrypt(b"for both", ident.recipient, other.recipient)
    assert _decrypt(blob, ident) == b"for both"
    assert _decrypt(blob, other) == b"for both"


def test_wrong_identity_is_refused(ident):
    blob = _encrypt(b"x", ident.recipient)
    with pytest.raises(age.NoMatchingIdentity):
        _decrypt(blob, age.Identity.generate())


def test_altered_header_is_caught_by_its_mac(ident):
    blob = bytearray(_encrypt(b"payload", ident.recipient))
    header = age.parse_header(bytes(blob))
    # Add a second (grease-like) stanza: parses, opens, but the MAC no longer matches.
    extra = b"-> grease x\n\n"
    forged = bytes(blob[:len(age.INTRO)]) + extra + bytes(blob[len(age.INTRO):])
    with pytest.raises(age.HeaderAltered):
        _decrypt(forged, ident)
    # A flipped bit in the MAC itself.
    mac_at = header.length - 5
    blob[mac_at] ^= 1
    with pytest.raises(age_stanza.AgeError):
        _decrypt(bytes(blob), ident)


@pytest.mark.parametrize("bad", [
    b"age-encryption.org/v2\n",
    b"age-encryption.org/v1\n-> X25519\n\n--- AAAA\n",
    b"age-encryption.org/v1\n-> X25519 abc=\n\n--- " + b"A" * 43 + b"\n",
    b"age-encryption.org/v1\n-> X25519 " + b"A" * 43 + b"\n" + b"B" * 65 + b"\n",
    b"age-encryption.org/v1\n->  X25519\n\n",
    b"age-encryption.org/v1\n",
])
def test_malformed_headers_are_refused(ident, bad):
    with pytest.raises(age_stanza.AgeError):
        _decrypt(bad + b"\x00" * 40, ident)


def test_flipped_bit_in_any_chunk_fails_and_says_where(ident):
    data = os.urandom(3 * CHUNK + 10)
    blob = _encrypt(data, ident.recipient)
    start = age.parse_header(blob).length + 16
    for chunk in range(4):
        damaged = bytearray(blob)
        damaged[start + chunk * SEALED_CHUNK + 5] ^= 0x04
        with pytest.raises(StreamDamaged) as info:
            _decrypt(bytes(damaged), ident)
        assert info.value.where == "the file"
        assert not isinstance(info.value, StreamCutShort)


def test_truncation_anywhere_is_caught(ident):
    data = os.urandom(2 * CHUNK)
    blob = _encrypt(data, ident.recipient)
    start = age.parse_header(blob).length + 16
    for cut in (start, start + SEALED_CHUNK, start + SEALED_CHUNK + 50, len(blob) - 1):
        with pytest.raises(StreamDamaged):
            _decrypt(blob[:cut], ident)
    # Cut exactly at a chunk boundary: what is left authenticates, but has no final chunk.
    with pytest.raises(StreamCutShort):
        _decrypt(blob[:start + SEALED_CHUNK], ident)


def test_reordered_chunks_and_trailing_data_are_caught(ident):
    blob = _encrypt(os.urandom(3 * CHUNK), ident.recipient)
    start = age.parse_header(blob).length + 16
    c = [blob[start + i * SEALED_CHUNK:start + (i + 1) * SEALED_CHUNK] for i in range(3)]
    with pytest.raises(StreamDamaged):
        _decrypt(blob[:start] + c[1] + c[0] + c[2], ident)
    with pytest.raises(StreamDamaged) as info:
        _decrypt(blob + b"\x00", ident)
    assert "after the end" in info.value.reason


def test_passphrase_protected_identity_file(ident):
    text = age_keys.identity_file(ident, "2026-01-01T00:00:00Z")
    assert text.startswith(b"# created: ") and ident.encode().encode() in text
    protected = age_keys.protect(text, "organizer passphrase", work_factor=10)
    assert ident.encode().encode() not in protected
    assert protected.startswith(age.INTRO) and b"-> scrypt " in protected
    assert age_keys.read_identities(protected, lambda: "organizer passphrase") == [ident]
    with pytest.raises(age.NoMatchingIdentity):
        age_keys.read_identities(protected, lambda: "wrong")
    assert age_keys.read_identities(text, lambda: pytest.fail("no passphrase needed")) == [ident]


def test_scrypt_work_factor_is_bounded_when_reading():
    blob = age_keys.protect(b"x", "pw", work_factor=10)
    forged = blob.replace(b" 10\n", b" 23\n", 1)
    with pytest.raises(age_stanza.AgeError, match="work factor"):
        age_keys.decrypt_small(forged, passphrase=lambda: "pw")


def test_identity_files_must_hold_identities():
    with pytest.raises(age_stanza.AgeError):
        age_keys.parse_identities(b"# only a comment\n")
    with pytest.raises(age_stanza.AgeError):
        age_keys.parse_identities(b"\xff\xfe not text")
    with pytest.raises(age_stanza.AgeError):
        age_keys.parse_identities(b"AGE-SECRET-KEY-1NOTAKEY\n")
