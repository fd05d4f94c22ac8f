"""The seekable reader base (core/seekable.py): io.BytesIO's seek rule, reads, the end."""

from __future__ import annotations

import io

import pytest

from core.seekable import SeekableReader

DATA = bytes(range(256)) * 40  # 10240 bytes


class Chunky(SeekableReader):
    """Reads at most 1000 bytes a call, and records where it was asked to read."""

    def __init__(self, data: bytes) -> None:
        super().__init__(len(data))
        self.data = data
        self.asked: list[tuple[int, int]] = []

    def _read_at(self, offset: int, out: memoryview) -> int:
        self.asked.append((offset, len(out)))
        n = min(len(out), 1000)
        out[:n] = self.data[offset:offset + n]
        return n


@pytest.mark.parametrize("start", [0, 7, len(DATA), len(DATA) + 50])
@pytest.mark.parametrize("offset, whence", [
    (0, 0), (5, 0), (len(DATA), 0), (len(DATA) + 9, 0),
    (0, 1), (3, 1), (-3, 1), (-100_000, 1),
    (0, 2), (-10, 2), (10, 2), (-100_000, 2),
])
def test_seek_follows_bytesio(start, offset, whence):
    ours, theirs = Chunky(DATA), io.BytesIO(DATA)
    assert ours.seek(start) == theirs.seek(start)
    assert ours.seek(offset, whence) == theirs.seek(offset, whence)
    assert ours.tell() == theirs.tell()
    assert ours.read(20) == theirs.read(20)


def test_a_negative_absolute_position_raises_and_keeps_the_position():
    reader = Chunky(DATA)
    reader.seek(42)
    with pytest.raises(ValueError):
        reader.seek(-1)
    with pytest.raises(ValueError):
        io.BytesIO(DATA).seek(-1)
    assert reader.tell() == 42


def test_a_relative_seek_before_the_start_stops_at_zero():
    reader = Chunky(DATA)
    reader.seek(10)
    assert reader.seek(-11, io.SEEK_CUR) == 0
    assert reader.seek(-len(DATA) - 1, io.SEEK_END) == 0
    assert reader.read(3) == DATA[:3]


def test_an_unknown_whence_raises():
    with pytest.raises(ValueError):
        Chunky(DATA).seek(0, 3)


def test_reads_stop_at_the_end_and_past_it():
    reader = Chunky(DATA)
    assert reader.seek(-5, io.SEEK_END) == len(DATA) - 5
    assert reader.read(100) == DATA[-5:]
    assert reader.read(100) == b""
    assert reader.readinto(bytearray(10)) == 0
    reader.seek(len(DATA) + 100)
    assert reader.read() == b"" and reader.tell() == len(DATA) + 100
    assert all(offset + length <= len(DATA) for offset, length in reader.asked)


def test_a_read_asks_again_until_the_buffer_is_full():
    reader = Chunky(DATA)
    assert reader.read(2500) == DATA[:2500]
    assert reader.asked == [(0, 2500), (1000, 1500), (2000, 500)]
    assert reader.read() == DATA[2500:]
    assert reader.tell() == len(DATA)


def test_a_failed_read_leaves_the_position_after_what_was_read():
    class Failing(Chunky):
        def _read_at(self, offset: int, out: memoryview) -> int:
            if offset >= 2000:
                raise OSError("damaged")
            return super()._read_at(offset, out)

    reader = Failing(DATA)
    with pytest.raises(OSError):
        reader.read(5000)
    assert reader.tell() == 2000


def test_a_source_that_ends_early_reads_short():
    class Short(Chunky):
        def _read_at(self, offset: int, out: memoryview) -> int:
            return 0 if offset >= 1500 else super()._read_at(offset, out[:min(len(out), 1500 - offset)])

    reader = Short(DATA)
    assert reader.read(3000) == DATA[:1500]
    assert reader.tell() == 1500


def test_is_a_readable_seekable_raw_file_and_buffers():
    reader = Chunky(DATA)
    assert isinstance(reader, io.RawIOBase)
    assert reader.readable() and reader.seekable() and not reader.writable()
    assert reader.size == len(DATA)
    buffered = io.BufferedReader(reader, 4096)
    buffered.seek(5000)
    assert buffered.read(3000) == DATA[5000:8000]


def test_an_empty_source():
    reader = Chunky(b"")
    assert reader.read() == b"" and reader.seek(0, io.SEEK_END) == 0
    assert reader.asked == []
