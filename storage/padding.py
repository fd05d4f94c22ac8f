"""Size buckets, so that a known file cannot be recognised by its exact size at rest.

Padmé, from the PURBs paper (Nikitin, Barman, Lueks, Underwood, Hubaux, Ford:
"Reducing Metadata Leakage from Encrypted Files and Communication with PURBs",
PETS 2019): a length L is rounded up so that only its top ~log2(log2(L)) + 1 bits
can be non-zero. The overhead is under 12 % (11.6 % at worst, for tiny lengths)
and falls as files grow; a length then reveals O(log log L) bits instead of O(log L).
Sealed objects (storage/sealed.py) and bundles (storage/bundles/) are padded to it.
"""

from __future__ import annotations

#: The last bytes of a padded object's plaintext: its true length, big-endian.
TRAILER = 8


def padme(length: int) -> int:
    """The Padmé bucket of `length`: the smallest allowed length that is >= `length`."""
    if length < 2:
        return length
    exponent = length.bit_length() - 1           # E = floor(log2 L)
    significant = exponent.bit_length()          # S = floor(log2 E) + 1
    mask = (1 << (exponent - significant)) - 1   # the low E - S bits are cleared
    return (length + mask) & ~mask


def padded_object_length(size: int, segment_size: int) -> int:
    """The plaintext length of a padded sealed object holding `size` bytes.

    The bucket of `size` plus the trailer, made a little longer (never by more than
    7 bytes, and only for segment sizes that are not multiples of 8) so that the final
    segment holds the whole trailer.
    """
    total = padme(size + TRAILER)
    tail = total % segment_size
    if 0 < tail < TRAILER:
        total += TRAILER - tail
    return total


def padded_stream_length(length: int, block: int) -> int:
    """The Padmé bucket of `length`, rounded up to whole `block`s (e.g. tar's 512)."""
    return -(-padme(length) // block) * block
