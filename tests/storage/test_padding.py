"""Sealed objects are padded to Padmé buckets: a known file's size does not give it away.

Objects written before padding existed (flag 1, no trailer) still read, seek and sync.
"""

from __future__ import annotations

import hashlib
import os
import random

import pytest

from storage import sealed
from core.errors import ObjectTruncated, SegmentAuthFailed
from storage.padding import padme, padded_object_length, padded_stream_length
from storage.sealed import (Layout, SealedReader, SealedWriter, existing_parts, final_length,
                            is_padded, part_path, part_sizes)

KEY = bytes(range(32))
ITEM = "m0000001"
SEG = Layout.for_segment_size(64 * 1024)   # what recordings use


def _write(root, name, data, layout=SEG) -> SealedWriter:
    w = SealedWriter(root, name, KEY, ITEM, layout)
    w.write(data)
    w.close()
    return w


def _on_disk(root, name) -> int:
    return sum(p.stat().st_size for p in existing_parts(root, name))


def test_padme_overhead_is_under_12_percent_and_buckets_are_few():
    rng = random.Random(5)
    for length in [*range(1, 3000), *(rng.randrange(1, 1 << 40) for _ in range(20000))]:
        assert length <= padme(length) <= length * 1.12
    assert padme(1_000_000) == padme(padme(1_000_000))       # a bucket is its own bucket
    assert len({padme(n) for n in range(1_000_000, 1_100_000)}) <= 8
    assert padded_stream_length(10_000, 512) % 512 == 0


def test_sizes_in_one_bucket_leave_one_size_on_disk(tmp_path):
    rng = random.Random(7)
    sizes = sorted(rng.sample(range(1_000_000, 1_050_000), 40))
    on_disk = set()
    for n, size in enumerate(sizes):
        name = f"{n:02x}" * 16
        w = _write(tmp_path, name, rng.randbytes(size))
        assert w.size == size
        on_disk.add(_on_disk(tmp_path, name))
        assert size < _on_disk(tmp_path, name) <= size * 1.12 + 17 * 16
    # 40 distinct sizes, at most 4 sizes on disk (buckets of 16 KiB here)
    assert len(on_disk) <= 4


@pytest.mark.parametrize("size", [0, 1, 7, 8, 65535, 65536, 65537, 300_001])
def test_padded_object_reads_seeks_and_hashes_only_the_data(tmp_path, size):
    data = random.Random(size).randbytes(size)
    w = _write(tmp_path, "ab" * 16, data)
    assert w.sha256 == hashlib.sha256(data).hexdigest()
    assert is_padded(tmp_path, "ab" * 16, size, SEG)
    assert [p.stat().st_size for p in existing_parts(tmp_path, "ab" * 16)] == \
        part_sizes(size, SEG)
    with SealedReader(tmp_path, "ab" * 16, KEY, ITEM, SEG, size) as r:
        assert r.size == size and r.seek(0, os.SEEK_END) == size
        assert r.read(10) == b""
        r.seek(0)
        assert r.read() == data
        r.seek(max(0, size - 5))
        assert r.read(100) == data[-5:]
        r.seek(0)
        buf = bytearray(size + 200_000)   # a read that could take padding with it
        assert r.readinto(buf) == size and bytes(buf[:size]) == data
        assert not any(buf[size:])


def test_padding_is_authenticated(tmp_path):
    data = os.urandom(200_000)
    _write(tmp_path, "cd" * 16, data)
    path = part_path(tmp_path, "cd" * 16, 0)
    raw = bytearray(path.read_bytes())
    raw[-20] ^= 1   # inside the final segment, where the true length is
    path.write_bytes(raw)
    with pytest.raises(SegmentAuthFailed, match=ITEM):
        SealedReader(tmp_path, "cd" * 16, KEY, ITEM, SEG, len(data))


def test_cut_padding_is_truncation(tmp_path):
    data = os.urandom(200_000)
    _write(tmp_path, "ce" * 16, data)
    path = part_path(tmp_path, "ce" * 16, 0)
    os.truncate(path, path.stat().st_size - 1000)   # only padding is cut
    with pytest.raises(ObjectTruncated, match=ITEM):
        SealedReader(tmp_path, "ce" * 16, KEY, ITEM, SEG, len(data))


def test_old_unpadded_objects_still_read(tmp_path, monkeypatch):
    data = os.urandom(150_000)
    with monkeypatch.context() as m:   # the writer as it was before padding
        m.setattr(SealedWriter, "_pad", lambda self: None)
        m.setattr(sealed, "FINAL_PADDED", sealed.FINAL)
        _write(tmp_path, "ef" * 16, data)
    assert _on_disk(tmp_path, "ef" * 16) == sum(part_sizes(len(data), SEG, padded=False))
    assert not is_padded(tmp_path, "ef" * 16, len(data), SEG)
    with SealedReader(tmp_path, "ef" * 16, KEY, ITEM, SEG, len(data)) as r:
        assert r.size == len(data) and r.read() == data


def test_final_length_knows_both_formats(tmp_path):
    from cryptography.hazmat.primitives.ciphers.aead import AESGCM
    lay = Layout.for_segment_size(1000)
    _write(tmp_path, "11" * 16, b"x" * 2500, lay)
    raw = part_path(tmp_path, "11" * 16, 0).read_bytes()
    last = (padded_object_length(2500, 1000) - 1) // 1000
    tail = raw[last * lay.sealed_size:]
    aead = AESGCM(KEY)
    assert final_length(aead, ITEM.encode(), last, tail, 1000) == 2500
    assert final_length(aead, ITEM.encode(), last - 1, tail, 1000) is None
    old = aead.encrypt(sealed._nonce(2, sealed.FINAL), b"y" * 500, ITEM.encode())
    assert final_length(aead, ITEM.encode(), 2, old, 1000) == 2500
