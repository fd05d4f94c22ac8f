"""Recovery of a recording cut by a crash, itself cut at every write, truncate, rename
and unlink: the next unlock always finishes the job, keeps the same bytes, and no
(key, nonce) pair is ever sealed twice with different plaintext."""

from __future__ import annotations

import hashlib
import io
import os
import shutil
from fractions import Fraction
from pathlib import Path

import av
import numpy
import pytest

import core.errors
from harness.vaults import PASSPHRASE, new_vault
import storage.fsio
import storage.repair
import storage.sealed
from app.recording import RecordingSession
from app.recovery import recover_interrupted
from app.session import open_vault
from media.source_spec import open_source
from storage import items as items_module
from storage.items import Items
from storage.sealed import Layout, part_path
from storage.vault import Vault
from tests.disk_scan import files_holding

LAYOUT = Layout.for_segment_size(4096)
FMP4_BOXES = (b"ftyp", b"moof", b"mdat")


def fragmented_mp4(seconds: float = 3.0, fps: int = 10) -> bytes:
    """A fragmented MP4 (a fragment at every keyframe, one every 5 frames), as recorded."""
    buffer = io.BytesIO()
    with av.open(buffer, mode="w", format="mp4",
                 options={"movflags": "frag_keyframe+empty_moov+default_base_moof"}) as out:
        stream = out.add_stream("libx264", rate=fps, options={"preset": "ultrafast", "g": "5"})
        stream.width, stream.height, stream.pix_fmt = 64, 48, "yuv420p"
        for index in range(int(seconds * fps)):
            frame = av.VideoFrame.from_ndarray(
                numpy.random.randint(0, 255, (48, 64, 3), dtype="uint8"), "rgb24")
            frame.pts, frame.time_base = index, Fraction(1, fps)
            out.mux(stream.encode(frame))
        out.mux(stream.encode(None))
    return buffer.getvalue()


class SealLog:
    """Stands in for AESGCM: records what every (key, nonce) pair sealed."""

    def __init__(self) -> None:
        self.sealed: dict[tuple[bytes, bytes], set[str]] = {}
        log = self

        real = storage.sealed.AESGCM

        class Recording:
            def __init__(self, key: bytes) -> None:
                self._real, self._key = real(key), bytes(key)

            def encrypt(self, nonce, data, aad):
                digest = hashlib.sha256(bytes(data)).hexdigest()
                log.sealed.setdefault((self._key, bytes(nonce)), set()).add(digest)
                return self._real.encrypt(nonce, data, aad)

            def __getattr__(self, name):  # decrypt, decrypt_into: not sealing
                return getattr(self._real, name)

        self.cls = Recording

    def reused(self) -> list[tuple[bytes, bytes]]:
        return [pair for pair, plains in self.sealed.items() if len(plains) > 1]


class Crash(BaseException):
    """The power goes."""


class CutOs:
    """`os` for storage.repair and storage.fsio: the n-th write, truncate, rename or unlink
    writes half of its bytes (a write) or nothing, then the power goes."""

    CUT = {"write", "pwrite", "ftruncate", "truncate", "replace", "rename", "unlink"}

    def __init__(self, at: int) -> None:
        self.at, self.count = at, 0

    def __getattr__(self, name: str):
        real = getattr(os, name)
        if name not in self.CUT:
            return real

        def cut(*args, **kwargs):
            self.count += 1
            if self.count == self.at:
                if name in ("write", "pwrite"):
                    data = bytes(args[1])
                    real(args[0], data[:len(data) // 2], *args[2:])
                raise Crash(f"{name} #{self.count}")
            return real(*args, **kwargs)

        return cut


def _interrupted_recording(path: Path, data: bytes, flip_segment: int | None) -> str:
    """A vault holding one `recording` item whose writer died after writing `data`
    (a few bytes past the last whole segment), with one bit flipped in a segment."""
    vault = new_vault(path)
    with vault.transaction():
        tid = vault.catalogue.create_testimony("cut", "restricted")
        ref = vault.items.create(tid, "master", state="recording", layout=LAYOUT,
                                 media_type="video")
    writer = vault.writer(ref)
    writer.write(data)
    writer.flush()
    writer.abandon()
    if flip_segment is not None:
        obj = part_path(vault.objects_dir, ref.object_name, 0)
        raw = bytearray(obj.read_bytes())
        raw[flip_segment * LAYOUT.sealed_size + 100] ^= 0x04
        obj.write_bytes(bytes(raw))
    vault.conn.close()
    os.close(vault._lock_fd)
    return ref.item_id


def _crash_once(path: Path, at: int, monkeypatch: pytest.MonkeyPatch) -> bool:
    """Unlock and recover with the `at`-th file operation of the repair cut; True if cut."""
    vault = Vault.open(path, PASSPHRASE)
    cut = CutOs(at)
    with monkeypatch.context() as m:
        m.setattr(storage.repair, "os", cut)
        m.setattr(storage.fsio, "os", cut)
        try:
            recover_interrupted(vault)
        except Crash:
            vault.conn.close()  # kill -9: no checkpoint, no clean close
            os.close(vault._lock_fd)
            return True
    vault.close()
    return False


@pytest.mark.parametrize("flip", [None, 0, 7], ids=["cut", "first-damaged", "middle-damaged"])
def test_repair_cut_at_every_step_is_finished_by_the_next_unlock(tmp_path, monkeypatch, flip):
    seals = SealLog()
    monkeypatch.setattr(storage.sealed, "AESGCM", seals.cls)
    monkeypatch.setattr(storage.repair, "AESGCM", seals.cls)
    data = fragmented_mp4()
    data = data[:len(data) - 1000]  # the recording was cut inside its last fragment
    base = tmp_path / "base"
    item_id = _interrupted_recording(base, data, flip)

    reference = tmp_path / "reference"
    shutil.copytree(base, reference)
    with open_vault(reference, PASSPHRASE) as v:
        expected = v.items.get(item_id)
        kept = b""
        if expected.size:
            with v.reader(item_id) as r:
                kept = r.read()
    assert data.startswith(kept)
    if flip is None:
        assert expected.state == "recovered" and expected.damage is None
        assert len(data) // 2 < expected.size < len(data)
    elif flip == 0:
        assert (expected.state, expected.size, expected.damage, expected.damage_at) == \
               ("failed", 0, "damaged", 0.0)
    else:
        assert expected.state == "recovered" and expected.damage == "damaged"
        assert 0 < expected.size <= 7 * LAYOUT.segment_size
        assert expected.damage_at == pytest.approx(expected.duration)

    at = 1
    while True:
        trial = tmp_path / f"cut-{at}"
        shutil.copytree(base, trial)
        was_cut = _crash_once(trial, at, monkeypatch)
        assert not files_holding(FMP4_BOXES, trial, tmp_path / "tmp")
        with open_vault(trial, PASSPHRASE) as v:  # the next unlock
            item = v.items.get(item_id)
            assert (item.state, item.size, item.sha256, item.damage, item.damage_at) == \
                   (expected.state, expected.size, expected.sha256, expected.damage,
                    expected.damage_at), at
            if item.size:
                with v.reader(item_id) as r:
                    assert r.read() == kept
            assert v.unknown_objects == ()
        leftovers = [p.name for p in (trial / "objects").rglob("*")
                     if p.is_file() and (p.name.endswith((".end", ".tmp")) or p.name.startswith("."))]
        assert not leftovers, (at, leftovers)
        shutil.rmtree(trial)
        if not was_cut:
            break
        at += 1
    # Every write, truncate, rename and unlink was cut (none when nothing can be kept).
    assert at == 1 if flip == 0 else at > 5
    assert not seals.reused()


def test_a_recording_object_exists_before_its_row(vault, monkeypatch):
    """The object file of a recording is on disk (durably: created, folder fsynced)
    before its `recording` row can be committed."""
    seen = []
    create = Items.create

    def checked(self, testimony_id, kind, **kw):
        ref = kw.get("ref")
        seen.append(ref is not None and part_path(vault.objects_dir, ref.object_name, 0).is_file())
        return create(self, testimony_id, kind, **kw)

    monkeypatch.setattr(items_module.Items, "create", checked)
    source = open_source("synthetic", width=320, height=240, fps=15)
    session = RecordingSession(vault, source, title="order")
    session._writer.abandon()
    source.close()
    assert seen == [True]


def test_an_empty_object_without_a_row_is_removed_and_a_lost_recording_marked(vault_dir):
    """What the old write order left (a `recording` row, no file) and what the new one
    may leave (an empty file, no row): the vault opens; the first is marked lost, the
    second removed; nothing else is touched."""
    vault = new_vault(vault_dir)
    with vault.transaction():
        tid = vault.catalogue.create_testimony("lost", "restricted")
        ref = vault.items.create(tid, "master", state="recording", layout=LAYOUT)
    empty = part_path(vault.objects_dir, "cd" * 16, 0)
    empty.parent.mkdir()
    empty.touch()
    vault.close()
    with open_vault(vault_dir, PASSPHRASE) as v:
        item = v.items.get(ref.item_id)
        assert (item.state, item.damage, item.size) == ("failed", "lost", 0)
        assert v.unknown_objects == ()
    assert not empty.exists()


def test_a_repair_on_a_full_disk_replaces_its_last_segment_in_place(tmp_path, monkeypatch):
    """A recording stopped by a full disk: no room for the `.end` plan (a second copy of
    the final segment), so the segment is replaced where it is; the same bytes are kept
    and no nonce is sealed twice."""
    seals = SealLog()
    monkeypatch.setattr(storage.sealed, "AESGCM", seals.cls)
    monkeypatch.setattr(storage.repair, "AESGCM", seals.cls)
    data = fragmented_mp4()
    data = data[:len(data) - 1000]
    reference, full = tmp_path / "reference", tmp_path / "full"
    item_id = _interrupted_recording(reference, data, None)
    shutil.copytree(reference, full)
    with open_vault(reference, PASSPHRASE) as v:
        expected = v.items.get(item_id)
    tried = []

    def no_room(path, payload, *args, **kwargs):
        tried.append(path.name)
        raise core.errors.DiskFull()

    monkeypatch.setattr(storage.repair, "atomic_write", no_room)
    with open_vault(full, PASSPHRASE) as v:
        item = v.items.get(item_id)
        assert (item.state, item.size, item.sha256) == \
               (expected.state, expected.size, expected.sha256)
        with v.reader(item_id) as r:
            assert data.startswith(r.read())
    assert len(tried) == 1 and tried[0].endswith(".end")
    assert not [p for p in (full / "objects").rglob("*") if p.name.endswith((".end", ".tmp"))]
    assert not seals.reused()
