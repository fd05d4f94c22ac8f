"""Kua's age agrees with every C2SP CCTV age test vector (tests/fixtures/cctv-age/).

Each vector says what decrypting it must give: `success` (and the payload's
SHA-256), `no match`, `HMAC failure`, `header failure`, `payload failure` (and the
SHA-256 of what was released before the failure) or `armor failure`. Kua's outcome
is read from the exception type and the phase it came in: the armor, then opening
the header (AgeReader's constructor), then reading the payload. Vectors for
features bundles do not use (scrypt stanzas, armor) go through the same code that
reads passphrase-protected identity files, and must agree too.
"""

from __future__ import annotations

import hashlib
import zlib
from pathlib import Path

import pytest

from storage.bundles import age, age_keys, age_stanza
from storage.bundles.age_armor import ArmorError, unarmor
from storage.bundles.age_stream import AgeReader, BytesSource

VECTORS = Path(__file__).parents[1] / "fixtures" / "cctv-age"
NAMES = sorted(p.name for p in VECTORS.iterdir() if p.is_file() and not p.name.endswith(".md"))


def _load(name: str) -> tuple[dict[str, list[str]], bytes]:
    head, body = (VECTORS / name).read_bytes().split(b"\n\n", 1)
    fields: dict[str, list[str]] = {}
    for line in head.decode().splitlines():
        key, value = line.split(": ", 1)
        fields.setdefault(key, []).append(value)
    if fields.get("compressed") == ["zlib"]:
        body = zlib.decompress(body)
    return fields, body


def _outcome(fields: dict[str, list[str]], data: bytes) -> tuple[str, bytes]:
    """What Kua makes of a vector: (expect-style outcome, plaintext released)."""
    released = bytearray()
    if fields.get("armored") == ["yes"]:
        try:
            data = unarmor(data)
        except ArmorError:
            return "armor failure", b""
    identities = [age_keys.parse_identity(text) for text in fields.get("identity", [])]
    passphrases = fields.get("passphrase", [])
    try:
        reader = AgeReader(BytesSource(data), identities,
                           (lambda: passphrases[0]) if passphrases else None)
    except age.NoMatchingIdentity:
        return "no match", b""
    except age.HeaderAltered:
        return "HMAC failure", b""
    except age_stanza.AgeError:
        return "header failure", b""
    try:
        while chunk := reader.read(4096):
            released += chunk
    except age_stanza.AgeError:
        return "payload failure", bytes(released)
    return "success", bytes(released)


def test_every_vector_is_here():
    """The copy is complete (143 files at the commit named in LICENSE-NOTE.md)."""
    assert len(NAMES) == 143
    assert {"hybrid", "armor_hybrid", "hybrid_low_order", "armor_garbage_trailing"} <= set(NAMES)


@pytest.mark.parametrize("name", NAMES)
def test_vector(name):
    fields, data = _load(name)
    expect = fields["expect"][0]
    outcome, released = _outcome(fields, data)
    assert outcome == expect, fields.get("comment", [""])[0]
    if "payload" in fields:
        assert hashlib.sha256(released).hexdigest() == fields["payload"][0]
