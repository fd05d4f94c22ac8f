"""Sealed objects: round trip, random access, parts, and every kind of tampering."""

from __future__ import annotations

import io
import os
import random
import shutil

import pytest

from core.errors import ObjectMissing, ObjectTruncated, SegmentAuthFailed
from storage.repair import seal_as_final, seal_prefix
from storage.sealed import (TAG_SIZE, Layout, SealedReader, SealedWriter, existing_parts,
                            part_path)

SMALL = Layout.for_segment_size(1000, max_file_bytes=5 * 1016)  # 5 segments per part
KEY_A, KEY_B = bytes(32), bytes([1] * 32)


def _data(n: int, seed: int = 1) -> bytes:
    return random.Random(seed).randbytes(n)


def _write(root, name, data, key=KEY_A, item="m0000001", layout=SMALL, chunk=333):
    w = SealedWriter(root, name, key, item, layout)
    for i in range(0, len(data), chunk):
        w.write(data[i:i + chunk])
    w.close()
    return w


def _read(root, name, key=KEY_A, item="m0000001", layout=SMALL, expected=None) -> bytes:
    with SealedReader(root, name, key, item, layout, expected) as r:
        return r.read()


@pytest.mark.parametrize("size", [0, 1, 999, 1000, 1001, 4999, 5000, 5001, 23456])
def test_round_trip_any_size(tmp_path, size):
    data = _data(size)
    w = _write(tmp_path, "ab" * 16, data)
    assert w.size == size
    assert _read(tmp_path, "ab" * 16) == data


def test_sha256_of_plaintext(tmp_path):
    import hashlib
    data = _data(7777)
    w = _write(tmp_path, "cd" * 16, data)
    assert w.sha256 == hashlib.sha256(data).hexdigest()


def test_parts_never_exceed_limit_and_are_invisible(tmp_path):
    data = _data(23456)
    _write(tmp_path, "ef" * 16, data)
    parts = existing_parts(tmp_path, "ef" * 16)
    assert len(parts) == 5
    assert all(p.stat().st_size <= SMALL.part_bytes for p in parts)
    with SealedReader(tmp_path, "ef" * 16, KEY_A, "m0000001", SMALL) as r:
        for offset in (0, 4999, 5000, 5001, 10000, 23000, 23455):
            r.seek(offset)
            assert r.read(700) == data[offset:offset + 700]


def test_default_layout_keeps_files_under_2_gib():
    lay = Layout()
    assert lay.part_bytes <= 2 * 1024 ** 3 - 1
    assert lay.part_bytes + lay.sealed_size > 2 * 1024 ** 3 - 1


def test_reader_is_a_seekable_raw_io(tmp_path):
    data = _data(12345)
    _write(tmp_path, "aa" * 16, data)
    with SealedReader(tmp_path, "aa" * 16, KEY_A, "m0000001", SMALL) as r:
        assert isinstance(r, io.RawIOBase) and r.seekable() and r.readable()
        assert r.seek(0, io.SEEK_END) == 12345
        r.seek(-10, io.SEEK_END)
        assert r.read() == data[-10:]
        r.seek(3000)
        buf = bytearray(2500)
        assert r.readinto(buf) == 2500 and bytes(buf) == data[3000:5500]
        buffered = io.BufferedReader(r)
        buffered.seek(100)
        assert buffered.read(50) == data[100:150]


def test_reader_decrypts_only_touched_segments(tmp_path, monkeypatch):
    _write(tmp_path, "bb" * 16, _data(20000))
    r = SealedReader(tmp_path, "bb" * 16, KEY_A, "m0000001", SMALL)
    touched = []
    original = r._read_sealed
    monkeypatch.setattr(r, "_read_sealed", lambda i: touched.append(i) or original(i))
    r.seek(15500)
    r.read(100)
    assert touched == [15]
    r.close()


def _corrupt(path, offset):
    with open(path, "r+b") as f:
        f.seek(offset)
        b = f.read(1)
        f.seek(offset)
        f.write(bytes([b[0] ^ 0x80]))


def test_bit_flip_names_the_segment(tmp_path):
    _write(tmp_path, "cc" * 16, _data(8000))
    _corrupt(part_path(tmp_path, "cc" * 16, 0), 2 * SMALL.sealed_size + 5)
    with SealedReader(tmp_path, "cc" * 16, KEY_A, "m0000001", SMALL) as r:
        r.seek(0)
        r.read(2000)
        with pytest.raises(SegmentAuthFailed, match="m0000001.*segment 2"):
            r.read(1000)


def test_reordered_segments_fail(tmp_path):
    _write(tmp_path, "dd" * 16, _data(4500))
    path = part_path(tmp_path, "dd" * 16, 0)
    raw = path.read_bytes()
    s = SMALL.sealed_size
    path.write_bytes(raw[s:2 * s] + raw[:s] + raw[2 * s:])
    with pytest.raises(SegmentAuthFailed):
        _read(tmp_path, "dd" * 16)


@pytest.mark.parametrize("cut", [1, TAG_SIZE, 1016, 1016 + 1, 3 * 1016])
def test_truncation_is_named(tmp_path, cut):
    _write(tmp_path, "ee" * 16, _data(4500))
    path = part_path(tmp_path, "ee" * 16, 0)
    os.truncate(path, path.stat().st_size - cut)
    # With the catalogue's size, any cut is named as truncation.
    with pytest.raises(ObjectTruncated, match="m0000001"):
        _read(tmp_path, "ee" * 16, expected=4500)
    # Without it, a cut still fails: as truncation, or as a bad final segment.
    with pytest.raises((ObjectTruncated, SegmentAuthFailed), match="m0000001"):
        _read(tmp_path, "ee" * 16)


def test_missing_last_part_is_truncation(tmp_path):
    _write(tmp_path, "ff" * 16, _data(12000))
    existing_parts(tmp_path, "ff" * 16)[-1].unlink()
    with pytest.raises(ObjectTruncated):
        _read(tmp_path, "ff" * 16)


def test_missing_object(tmp_path):
    with pytest.raises(ObjectMissing):
        SealedReader(tmp_path, "99" * 16, KEY_A, "m0000001", SMALL)


def test_splice_between_objects_fails(tmp_path):
    _write(tmp_path, "a1" * 16, _data(3000, 1), key=KEY_A, item="m0000001")
    _write(tmp_path, "b2" * 16, _data(3000, 2), key=KEY_A, item="m0000002")
    _write(tmp_path, "c3" * 16, _data(3000, 3), key=KEY_B, item="m0000003")
    a, b, c = (part_path(tmp_path, n * 16, 0) for n in ("a1", "b2", "c3"))
    s = SMALL.sealed_size
    a_raw = a.read_bytes()
    # same key, other item id (associated data) -> fails
    a.write_bytes(b.read_bytes()[:s] + a_raw[s:])
    with pytest.raises(SegmentAuthFailed):
        _read(tmp_path, "a1" * 16)
    # other key -> fails
    a.write_bytes(c.read_bytes()[:s] + a_raw[s:])
    with pytest.raises(SegmentAuthFailed):
        _read(tmp_path, "a1" * 16)
    # a whole object swapped in under another's name -> fails at open
    shutil.copy(c, a)
    with pytest.raises((SegmentAuthFailed, ObjectTruncated)):
        _read(tmp_path, "a1" * 16)


def test_unfinished_writer_keeps_completed_segments(tmp_path):
    data = _data(4321)
    w = SealedWriter(tmp_path, "77" * 16, KEY_A, "m0000001", SMALL)
    w.write(data)  # never closed: as after kill -9
    w.flush()
    with pytest.raises(ObjectTruncated):
        _read(tmp_path, "77" * 16)
    kept = seal_as_final(tmp_path, "77" * 16, KEY_A, "m0000001", SMALL)
    assert kept == 4000  # four whole segments reached the disk
    assert _read(tmp_path, "77" * 16) == data[:4000]


def test_seal_as_final_cuts_a_half_written_segment(tmp_path):
    data = _data(3000)
    w = SealedWriter(tmp_path, "78" * 16, KEY_A, "m0000001", SMALL)
    w.write(data)
    w.flush()
    os.write(w._fd, b"half a segment")
    assert seal_as_final(tmp_path, "78" * 16, KEY_A, "m0000001", SMALL) == 2000
    assert _read(tmp_path, "78" * 16) == data[:2000]


def test_seal_as_final_leaves_an_intact_object_alone(tmp_path):
    data = _data(2500)
    _write(tmp_path, "79" * 16, data)
    before = part_path(tmp_path, "79" * 16, 0).read_bytes()
    assert seal_as_final(tmp_path, "79" * 16, KEY_A, "m0000001", SMALL) == 2500
    assert part_path(tmp_path, "79" * 16, 0).read_bytes() == before


def test_abort_removes_files(tmp_path):
    w = SealedWriter(tmp_path, "80" * 16, KEY_A, "m0000001", SMALL)
    w.write(_data(12000))
    w.abort()
    assert existing_parts(tmp_path, "80" * 16) == []


_KILLED_WRITER = """
import os, sys, time
sys.path.insert(0, {root!r})
from storage.sealed import Layout, SealedWriter
w = SealedWriter({dir!r}, "66" * 16, bytes(32), "m0000001", Layout.for_segment_size(1000))
w.write(bytes(range(256)) * 20)   # 5120 bytes: 5 whole segments, 120 bytes held back
w.flush()
print("written", flush=True)
time.sleep(60)
"""


def test_segments_survive_kill_9(tmp_path):
    import signal
    import subprocess
    import sys
    from pathlib import Path

    root = str(Path(__file__).resolve().parents[2])
    proc = subprocess.Popen([sys.executable, "-c", _KILLED_WRITER.format(root=root, dir=str(tmp_path))],
                            stdout=subprocess.PIPE, text=True)
    assert proc.stdout.readline().strip() == "written"
    proc.send_signal(signal.SIGKILL)
    proc.wait(10)
    layout = Layout.for_segment_size(1000)
    assert seal_as_final(tmp_path, "66" * 16, bytes(32), "m0000001", layout) == 5000
    with SealedReader(tmp_path, "66" * 16, bytes(32), "m0000001", layout) as r:
        assert r.read() == (bytes(range(256)) * 20)[:5000]


def test_seal_prefix_keeps_what_the_caller_chooses(tmp_path):
    data = _data(7000)
    w = SealedWriter(tmp_path, "81" * 16, KEY_A, "m0000001", SMALL)
    w.write(data)
    w.flush()  # segments 0-5 on disk, never finished
    seen = []

    def choose(reader, whole):
        seen.append((whole, reader.read()))
        return 2345  # e.g. the end of the last whole MP4 fragment

    assert seal_prefix(tmp_path, "81" * 16, KEY_A, "m0000001", SMALL, choose) == 2345
    assert seen == [(6000, data[:6000])]
    assert _read(tmp_path, "81" * 16) == data[:2345]
    assert len(existing_parts(tmp_path, "81" * 16)) == 1
    # Finished now: a second repair changes nothing and asks nothing.
    assert seal_prefix(tmp_path, "81" * 16, KEY_A, "m0000001", SMALL, choose) == 2345
    assert len(seen) == 1
