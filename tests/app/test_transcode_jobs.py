"""Transcoding jobs through app/ services: outputs as child items, the persisted queue,
dedup, cancel, interrupt and re-queue at unlock, a killed worker, damaged sources."""

from __future__ import annotations

import hashlib
import json
import os
import signal
from pathlib import Path

import av
import pytest

from app import library, session
from app.transcode import service as jobs
from app.transcode import job_queue
from app.transcode import runner as transcoding
from app.transcode.service import JobProgress, StopToken
from app.transcode.process import _environment
from harness.vaults import PASSPHRASE, new_vault
from media.transcode_profiles import get_profile
from core.errors import (Cancelled, MissingStream, RefusedByConsent, SourceDamaged,
                            WorkerFailed)
from storage.jobs import Jobs
from storage.sealed import Layout
from storage.vault import Vault
from tests.media.synth import make_audio, make_video


def _add(vault: Vault, tmp_path: Path, data: bytes, name: str = "appeal.mp4",
         consent: str = "restricted") -> str:
    path = tmp_path / name
    path.write_bytes(data)
    return library.add_files(vault, [path], consent=consent).item_ids[0]


def _objects(vault: Vault) -> set[str]:
    return {p.name for p in vault.objects_dir.rglob("*") if p.is_file()}


def _visible_items(vault: Vault) -> list[str]:
    return sorted(i.id for i in vault.items.all())


@pytest.fixture(scope="module")
def long_clip() -> bytes:
    """10 s at 640x360, 30 fps: long enough to stop a job half-way."""
    return make_video(seconds=10.0, width=640, height=360, fps=30)


def test_output_is_a_child_item_with_its_own_hash(vault: Vault, tmp_path: Path) -> None:
    """A share copy: kind share, parent = source, params = profile, SHA-256 of its own
    plaintext; it decodes; the job is done and points at it; verify passes."""
    source = _add(vault, tmp_path, make_video(seconds=2.0, width=320, height=240))
    item, existed = transcoding.transcode(vault, source, get_profile("share"))
    assert not existed
    assert (item.kind, item.parent, item.state, item.media_type) == ("share", source, "complete", "video")
    assert json.loads(item.params) == {"profile": "share", "version": 1}
    with vault.reader(item.id) as reader:
        data = reader.read()
    assert hashlib.sha256(data).hexdigest() == item.sha256 and len(data) == item.size
    assert data[4:8] == b"ftyp" and data.index(b"moov") < data.index(b"mdat")
    with vault.reader(item.id) as reader, av.open(reader) as c:
        assert abs(c.duration / av.time_base - 2.0) <= 0.2
    [job] = jobs.list_jobs(vault)
    assert job.state == "done" and job.output_id == item.id
    assert library.verify(vault).ok
    assert item.id in {i.id for i in vault.catalogue.get(item.testimony_id).items}


def test_same_profile_twice_is_not_redone(vault: Vault, tmp_path: Path) -> None:
    """Asking again returns the same item and runs no job; other parameters do run."""
    source = _add(vault, tmp_path, make_audio(seconds=1.0), name="voice.m4a")
    first, _ = transcoding.transcode(vault, source, get_profile("audio"))
    again, existed = transcoding.transcode(vault, source, get_profile("audio"))
    assert existed and again == first
    assert len(jobs.list_jobs(vault)) == 1
    with pytest.raises(MissingStream, match="needs --voice-shift"):
        transcoding.request(vault, source, get_profile("anonymized"))
    shifted, existed = transcoding.transcode(vault, source, get_profile("anonymized", voice_shift=-3))
    assert not existed and shifted.id != first.id and shifted.media_type == "audio"


def test_background_queue_then_run(vault: Vault, tmp_path: Path) -> None:
    """Queued jobs wait (an identical request reuses the queued job) and `run_queue`
    runs them oldest first, one at a time, each announced as "starting" first."""
    source = _add(vault, tmp_path, make_video(seconds=1.0, width=320, height=240))
    a = transcoding.request(vault, source, get_profile("proxy"))
    b = transcoding.request(vault, source, get_profile("audio"))
    again = transcoding.request(vault, source, get_profile("proxy"))
    assert again.job == a.job and again.reused_job
    assert [j.state for j in jobs.list_jobs(vault)] == ["queued", "queued"]
    seen: list[str] = []
    outcomes = job_queue.run_queue(vault, progress=lambda p: seen.append((p.job_id, p.stage)))
    assert [o.job_id for o in outcomes] == [a.job.id, b.job.id]
    assert all(o.state == "done" and o.output_id is not None and o.error is None
               for o in outcomes)
    assert seen.index((b.job.id, "starting")) > seen.index((a.job.id, "finishing"))
    assert {j.state for j in jobs.list_jobs(vault)} == {"done"}


def _stop_midway(action):
    """A progress callback that calls `action` once the job is past its start."""
    def progress(p: JobProgress) -> None:
        if p.stage == "transcoding" and p.percent > 3:
            action()
    return progress


def test_cancel_leaves_nothing(vault: Vault, tmp_path: Path, long_clip: bytes) -> None:
    """Cancelling half-way: `Cancelled` naming the job, item and time; the job is
    cancelled; no item or object file is left besides the source."""
    source = _add(vault, tmp_path, long_clip)
    items, objects = _visible_items(vault), _objects(vault)
    stop = StopToken()
    with pytest.raises(Cancelled, match=rf"item {source}\) was cancelled at 0:0\d"):
        transcoding.transcode(vault, source, get_profile("share"),
                              progress=_stop_midway(stop.cancel), stop=stop)
    assert _visible_items(vault) == items and _objects(vault) == objects
    [job] = jobs.list_jobs(vault)
    assert job.state == "cancelled"


def test_interrupted_job_goes_back_to_the_queue(vault: Vault, tmp_path: Path, long_clip: bytes) -> None:
    """`interrupt()` (what SIGTERM does) stops the job and re-queues it; run again, it
    finishes."""
    source = _add(vault, tmp_path, long_clip)
    stop = StopToken()
    with pytest.raises(Cancelled, match="put back in the queue"):
        transcoding.transcode(vault, source, get_profile("proxy"),
                              progress=_stop_midway(stop.interrupt), stop=stop)
    [job] = jobs.list_jobs(vault)
    assert job.state == "queued"
    [outcome] = job_queue.run_queue(vault)
    assert outcome.output_id is not None and vault.items.get(outcome.output_id).kind == "proxy"


def test_crash_is_requeued_at_unlock(vault_dir: Path, tmp_path: Path) -> None:
    """A job left `running` with its outputs `writing` (as kill -9 of the app leaves
    it): the next unlock erases the outputs and re-queues the job, which then runs."""
    vault = new_vault(vault_dir)
    source = _add(vault, tmp_path, make_video(seconds=1.0, width=320, height=240))
    asked = transcoding.request(vault, source, get_profile("share"))
    with vault.transaction():
        Jobs(vault.conn).set_state(asked.job.id, "running", progress=40.0)
        item = vault.items.get(source)
        half = vault.items.create(item.testimony_id, "share", parent=source)
    writer = vault.writer(half)
    writer.write(b"\0" * 300_000)
    writer.abandon()
    vault.close()
    vault = session.open_vault(vault_dir, PASSPHRASE)
    try:
        [job] = jobs.list_jobs(vault)
        assert job.state == "queued" and job.progress == 0
        assert half.item_id not in _visible_items(vault)
        assert not any(p.name.startswith(half.object_name) for p in vault.objects_dir.rglob("*"))
        [outcome] = job_queue.run_queue(vault)
        assert outcome.output_id is not None
        assert vault.items.get(outcome.output_id).state == "complete"
    finally:
        vault.close()


def test_killed_worker_fails_the_job_only(vault: Vault, tmp_path: Path, long_clip: bytes) -> None:
    """kill -9 of the worker: WorkerFailed naming the item, the signal and the time; the
    job failed, nothing left; the app carries on and the next job works."""
    source = _add(vault, tmp_path, long_clip)
    items, objects = _visible_items(vault), _objects(vault)
    killed: list[int] = []

    def kill_worker() -> None:
        if not killed:
            pid = _worker_pid()
            killed.append(pid)
            os.kill(pid, signal.SIGKILL)

    with pytest.raises(WorkerFailed) as caught:
        transcoding.transcode(vault, source, get_profile("share"), progress=_stop_midway(kill_worker))
    message = str(caught.value)
    assert f"item {source}" in message and "signal 9" in message and " at 0:0" in message
    assert _visible_items(vault) == items and _objects(vault) == objects
    [job] = jobs.list_jobs(vault)
    assert job.state == "failed" and "signal 9" in job.error
    item, _ = transcoding.transcode(vault, source, get_profile("audio"))
    assert item.state == "complete"


def _worker_pid() -> int:
    """The pid of this process's transcoding worker (a child running app.transcode.worker)."""
    me = str(os.getpid())
    for entry in os.scandir("/proc"):
        if not entry.name.isdigit():
            continue
        try:
            status = Path(entry.path, "status").read_text()
            cmdline = Path(entry.path, "cmdline").read_bytes()
        except OSError:
            continue
        if f"PPid:\t{me}\n" in status and b"app.transcode.worker" in cmdline:
            return int(entry.name)
    raise AssertionError("no worker process found")


def _add_in_small_segments(vault: Vault, data: bytes, segment: int = 16 * 1024) -> str:
    """Store `data` as a complete item sealed in small segments (to tamper with one)."""
    tid = vault.catalogue.create_testimony("tamper")
    with vault.transaction():
        ref = vault.items.create(tid, "imported", layout=Layout.for_segment_size(segment),
                                 media_type="video", original_name="appeal.mp4")
    writer = vault.writer(ref)
    writer.write(data)
    writer.close()
    with vault.transaction():
        vault.items.update(ref.item_id, state="complete", size=writer.size, sha256=writer.sha256,
                           duration=10.0)
    return ref.item_id


def test_tampered_source_names_item_and_time(vault: Vault, long_clip: bytes) -> None:
    """A flipped bit in the middle of the source's sealed object: SourceDamaged naming the
    item, the failed segment and a time past the start; job failed; nothing else changed."""
    source = _add_in_small_segments(vault, long_clip)
    [path] = vault.object_files(source)
    items, objects = _visible_items(vault), _objects(vault)
    middle = len(long_clip) // 2 // (16 * 1024)
    with open(path, "r+b") as f:  # inside the video data, half-way through
        f.seek(middle * (16 * 1024 + 16) + 500)
        byte = f.read(1)
        f.seek(-1, 1)
        f.write(bytes([byte[0] ^ 1]))
    with pytest.raises(SourceDamaged) as caught:
        transcoding.transcode(vault, source, get_profile("proxy"))
    error = caught.value
    assert error.item == source and f"segment {middle} failed authentication" in str(error)
    assert error.at is not None and 1.0 < error.at < 8.0, error
    assert _visible_items(vault) == items and _objects(vault) == objects
    [job] = jobs.list_jobs(vault)
    assert job.state == "failed" and source in job.error


def test_no_video_for_a_video_profile(vault: Vault, tmp_path: Path) -> None:
    """Sound alone for share: MissingStream naming the item, before any job is queued."""
    source = _add(vault, tmp_path, make_audio(seconds=1.0), name="voice.m4a")
    with pytest.raises(MissingStream, match=f"item {source} could not be transcoded: it has no video"):
        transcoding.transcode(vault, source, get_profile("share"))
    assert jobs.list_jobs(vault) == []


def test_anonymous_consent_shares_only_anonymized(vault: Vault, tmp_path: Path) -> None:
    """The master of an anonymous testimony is not extracted unless forced (the audit
    says so); its anonymized copy is."""
    source = _add(vault, tmp_path, make_video(seconds=1.0, width=320, height=240),
                  consent="anonymous")
    with pytest.raises(RefusedByConsent, match=f"item {source} is not anonymized"):
        library.extract(vault, source, tmp_path / "out.mp4")
    assert not (tmp_path / "out.mp4").exists()
    library.extract(vault, source, tmp_path / "forced.mp4", force=True)
    assert list(vault.audit.events())[-1].details == '{"forced":true}'
    anonymized, _ = transcoding.transcode(vault, source, get_profile("anonymized"))
    library.extract(vault, anonymized.id, tmp_path / "anon.mp4")
    assert (tmp_path / "anon.mp4").read_bytes()[4:8] == b"ftyp"


def test_worker_environment_has_no_secrets(monkeypatch: pytest.MonkeyPatch) -> None:
    """KUA_PASSPHRASE and every other KUA_* variable stay out of the worker."""
    monkeypatch.setenv("KUA_PASSPHRASE", "secret words")
    monkeypatch.setenv("KUA_NEW_PASSPHRASE", "other secret")
    env = _environment()
    assert not [k for k in env if k.startswith("KUA_")]
    assert "secret words" not in "".join(env.values())


def test_a_recorded_master(vault: Vault) -> None:
    """A master as `kua record` writes it (fragmented MP4, small segments, the test
    pattern's flashes and beeps) transcodes to every profile with its length kept."""
    from app.recording import RECORDING_LAYOUT
    from media.encoder import EncodeSettings, LiveEncoder
    from media.synthetic import SyntheticSource
    source = SyntheticSource(320, 240, 30.0, realtime=False, duration=3.0)
    tid = vault.catalogue.create_testimony("recorded")
    with vault.transaction():
        ref = vault.items.create(tid, "master", layout=RECORDING_LAYOUT, media_type="video")
    writer = vault.writer(ref)
    encoder = LiveEncoder(writer, source.info, EncodeSettings(320, 240, 30.0, "ultrafast"))
    while (item := source.read()) is not None:
        (encoder.video if hasattr(item, "image") else encoder.audio)(item, item.pts)
    encoder.close()
    writer.close()
    with vault.transaction():
        vault.items.update(ref.item_id, state="complete", size=writer.size, sha256=writer.sha256)
    for name in ("share", "proxy", "audio"):
        item, _ = transcoding.transcode(vault, tid, get_profile(name))
        assert item.parent == ref.item_id and abs(item.duration - 3.0) <= 0.2, item


def test_source_erased_while_queued(vault: Vault, tmp_path: Path) -> None:
    """A queued job whose source was erased fails, naming the item; the queue goes on."""
    gone = _add(vault, tmp_path, make_audio(seconds=1.0), name="a.m4a")
    kept = _add(vault, tmp_path, make_audio(seconds=1.0), name="b.m4a")
    first = transcoding.request(vault, gone, get_profile("audio")).job
    transcoding.request(vault, kept, get_profile("audio"))
    library.remove(vault, gone)
    outcomes = job_queue.run_queue(vault)
    assert outcomes[0].job_id == first.id and outcomes[0].state == "failed"
    assert gone in outcomes[0].error
    assert outcomes[1].output_id is not None
    assert vault.items.get(outcomes[1].output_id).parent == kept
    assert [j.state for j in jobs.list_jobs(vault)] == ["failed", "done"]
