"""The tar inside bundles: standard when written, strict when read (no zip-slip, no bombs)."""

from __future__ import annotations

import io
import os
import resource
import subprocess
import tarfile

import pytest

from storage.bundles.tarstream import TarProblem, TarReader, TarWriter
from tests.storage.bundle_forge import build_tar


def _read_all(tar_bytes: bytes, max_size: int = 1 << 20) -> dict[str, bytes]:
    reader = TarReader(io.BytesIO(tar_bytes))
    out = {}
    while (member := reader.next(max_size)) is not None:
        buf = bytearray(member.size)
        view, got = memoryview(buf), 0
        while got < member.size:
            got += reader.readinto(view[got:])
        out[member.name] = bytes(buf)
    reader.drain()
    return out


def _written(files: dict[str, bytes]) -> bytes:
    out = io.BytesIO()
    writer = TarWriter(out, mtime=1_700_000_000)
    for name, data in files.items():
        writer.begin(name, len(data))
        for i in range(0, len(data), 1000):  # in pieces, as media are streamed
            writer.write(data[i:i + 1000])
    writer.close()
    return out.getvalue()


def test_written_tar_is_read_back_by_tarfile_gnu_tar_and_kua(tmp_path):
    files = {"kua-bundle-b1/manifest.json": b"{}", "kua-bundle-b1/empty": b"",
             "kua-bundle-b1/media/m1.bin": os.urandom(5000)}
    blob = _written(files)
    assert len(blob) % 10240 == 0
    with tarfile.open(fileobj=io.BytesIO(blob)) as tar:
        assert {m.name: tar.extractfile(m).read() for m in tar.getmembers()} == files
    (tmp_path / "b.tar").write_bytes(blob)
    subprocess.run(["tar", "xf", "b.tar"], cwd=tmp_path, check=True)
    media = "kua-bundle-b1/media/m1.bin"
    assert (tmp_path / media).read_bytes() == files[media]
    assert _read_all(blob) == files


def test_writer_refuses_more_data_than_declared():
    writer = TarWriter(io.BytesIO(), mtime=0)
    writer.begin("a", 3)
    with pytest.raises(ValueError):
        writer.write(b"four")


def _info(name: str, kind: bytes = tarfile.REGTYPE, **extra) -> tarfile.TarInfo:
    info = tarfile.TarInfo(name)
    info.type = kind
    for key, value in extra.items():
        setattr(info, key, value)
    return info


@pytest.mark.parametrize("info, reason", [
    (_info("/etc/passwd"), "absolute path"),
    (_info("kua-bundle-b1/../../evil"), "'..'"),
    (_info("kua-bundle-b1/media/m1.bin", tarfile.SYMTYPE, linkname="/etc/passwd"), "symbolic link"),
    (_info("kua-bundle-b1/media/m1.bin", tarfile.LNKTYPE, linkname="kua-bundle-b1/x"), "hard link"),
    (_info("kua-bundle-b1/media/m1.bin", tarfile.CHRTYPE, devmajor=1, devminor=3), "device file"),
    (_info("kua-bundle-b1/media/m1.bin", tarfile.BLKTYPE, devmajor=8, devminor=0), "device file"),
    (_info("kua-bundle-b1/media/m1.bin", tarfile.FIFOTYPE), "named pipe"),
    (_info("kua-bundle-b1/media", tarfile.DIRTYPE), "folder"),
])
def test_unsafe_entries_are_named_before_any_data_is_read(info, reason):
    blob = build_tar([(info, b"x" if info.isreg() else b"")])
    with pytest.raises(TarProblem) as caught:
        _read_all(blob)
    assert reason in caught.value.reason
    assert caught.value.name.rstrip("/") == info.name


def test_member_larger_than_allowed_is_refused_unread():
    blob = build_tar([(_info("kua-bundle-b1/media/m1.bin"), b"x" * 5000)])
    with pytest.raises(TarProblem, match="declares 5000 bytes"):
        _read_all(blob, max_size=4999)


def test_a_pax_header_claiming_gigabytes_costs_no_memory():
    """tarfile would read this header's body into memory; Kua's reader refuses it at once."""
    header = bytearray(tarfile.TarInfo("././@PaxHeader").tobuf(format=tarfile.USTAR_FORMAT))
    header[156:157] = b"x"
    header[124:136] = b"%011o\x00" % (7 * 2 ** 30)  # a 7 GiB pax record
    header[148:156] = b"%06o\x00 " % (sum(header[:148]) + 8 * 32 + sum(header[156:]))
    assert len(header) == 512
    stream = io.BytesIO(bytes(header) + bytes(2 * 2 ** 20))
    before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    with pytest.raises(TarProblem, match="pax extended header"):
        TarReader(stream).next(2 ** 40)
    assert resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - before < 64 * 1024  # KiB
    blob = build_tar([(_info("kua-bundle-b1/" + "n" * 120), b"x")], fmt=tarfile.GNU_FORMAT)
    with pytest.raises(TarProblem, match="GNU long name"):
        _read_all(blob)


def test_damaged_headers_and_trailing_data_are_refused():
    blob = bytearray(_written({"a": b"data"}))
    blob[10] ^= 1  # inside the name: the checksum no longer matches
    with pytest.raises(TarProblem, match="checksum"):
        _read_all(bytes(blob))
    good = _written({"a": b"data"})
    with pytest.raises(TarProblem, match="after the end"):
        _read_all(good + b"\x00" * 100 + b"junk")
    with pytest.raises(TarProblem, match="ends inside"):
        _read_all(good[:600])
