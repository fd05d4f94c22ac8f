"""`kua transcode` and `kua jobs` as a person runs them: ids, dedup, the queue, kill -9
of the app and re-queue, no plaintext anywhere, consent, damaged input, a full disk."""

from __future__ import annotations

import json
import os
import secrets
import signal
import subprocess
import time
from pathlib import Path

import av
import numpy as np
import pytest

from harness.vaults import PASSPHRASE
from media.transcode_mp4 import top_level_boxes
from storage.vault import Vault
from tests.disk_scan import files_under
from tests.disks import fill, small_tmpfs
from tests.e2e.cli import (assert_one_line_error, check, init_vault, last_line, list_json,
                           run_kua, start_kua)
from tests.media.synth import make_video

BOX_SIGNATURES = (b"ftyp", b"moov", b"mdat", b"OpusHead")


def _assert_no_plaintext(roots: list[Path], marker: str) -> None:
    for path in files_under(*roots):
        data = path.read_bytes()
        for needle in (*BOX_SIGNATURES, marker.encode(), marker.encode("utf-16-le")):
            assert needle not in data, (path, needle)


def _children(pid: int) -> list[int]:
    found = []
    for entry in os.scandir("/proc"):
        if entry.name.isdigit():
            try:
                if f"PPid:\t{pid}\n" in Path(entry.path, "status").read_text():
                    found.append(int(entry.name))
            except OSError:
                pass
    return found


def _gone(pid: int, seconds: float = 10.0) -> bool:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            state = Path(f"/proc/{pid}/status").read_text()
        except OSError:
            return True
        if "State:\tZ" in state:
            return True
        time.sleep(0.05)
    return False


@pytest.mark.slow
def test_kill_9_of_the_app_requeues_and_finishes(tmp_path: Path) -> None:
    """kill -9 of `kua transcode` half-way: its worker dies with it; the next unlock
    puts the job back in the queue with nothing half-made; `kua jobs --run` finishes
    it; at no point does plaintext (a marker, MP4 or Opus box names) reach the vault,
    TMPDIR, the working folder or HOME."""
    vault, tmpdir, cwd, home, inputs = (tmp_path / n for n in ("vault", "tmp", "cwd", "home", "in"))
    for folder in (tmpdir, cwd, home, inputs):
        folder.mkdir()
    init_vault(vault)
    marker = "KUATRANS" + secrets.token_hex(6)
    source = inputs / "appeal.mp4"
    source.write_bytes(make_video(seconds=12.0, width=640, height=360, fps=30) + marker.encode())
    tid = last_line(check(run_kua("add", str(source), "--title", marker, vault=vault)).stdout)
    proc = start_kua("transcode", tid, "--profile", "share", "--json", vault=vault,
                     tmpdir=tmpdir, cwd=cwd, home=home)
    percent = 0.0
    deadline = time.monotonic() + 60
    while percent < 10 and time.monotonic() < deadline and proc.poll() is None:
        line = proc.stdout.readline()
        if line.startswith(b"{") and b'"percent"' in line:
            percent = json.loads(line)["percent"]
    assert 10 <= percent < 90, "the job was not caught half-way"
    workers = _children(proc.pid)
    assert len(workers) == 1
    proc.send_signal(signal.SIGKILL)
    proc.communicate(timeout=10)
    assert _gone(workers[0]), "the worker outlived the app"
    _assert_no_plaintext([vault, tmpdir, cwd, home], marker)

    jobs = json.loads(check(run_kua("jobs", "--json", vault=vault)).stdout)
    assert [j["state"] for j in jobs] == ["queued"]
    [t] = list_json(vault)
    assert [i["kind"] for i in t["items"]] == ["imported"]
    ran = check(run_kua("jobs", "--run", vault=vault, tmpdir=tmpdir, cwd=cwd))
    assert f"{jobs[0]['id']} done: " in ran.stdout
    [t] = list_json(vault)
    share = next(i for i in t["items"] if i["kind"] == "share")
    assert share["parent"] == t["items"][0]["id"] and share["state"] == "complete"
    assert abs(share["duration"] - 12.0) <= 0.2
    with Vault.open(vault, PASSPHRASE) as v, v.reader(share["id"]) as reader, av.open(reader) as c:
        assert sum(1 for _ in c.decode(video=0)) == 360
    check(run_kua("verify", vault=vault))
    _assert_no_plaintext([vault, tmpdir, cwd, home], marker)


@pytest.mark.slow
def test_transcode_contract(tmp_path: Path) -> None:
    """New id last on stdout (and {"id"} with --json); asking again is not redone; the
    queue with --background, `jobs`, `jobs --cancel`, `jobs --run`."""
    vault = tmp_path / "vault"
    init_vault(vault)
    clip = tmp_path / "a.mov"
    clip.write_bytes(make_video(seconds=2.0, width=320, height=240, container="mov"))
    tid = last_line(check(run_kua("add", str(clip), vault=vault)).stdout)
    made = check(run_kua("transcode", tid, "--profile", "proxy", "--json", vault=vault))
    lines = [json.loads(line) for line in made.stdout.splitlines()]
    assert lines[0]["profile"] == "proxy" and lines[-2]["stage"] == "finishing"
    item = lines[-1]["id"]
    assert item.startswith("m") and lines[-1]["item"]["kind"] == "proxy"
    again = check(run_kua("transcode", tid, "--profile", "proxy", vault=vault))
    assert last_line(again.stdout) == item and "Already transcoded" in again.stderr
    queued = last_line(check(run_kua("transcode", tid, "--profile", "audio", "--background",
                                     vault=vault)).stdout)
    other = last_line(check(run_kua("transcode", item, "--profile", "audio", "--background",
                                    vault=vault)).stdout)
    assert queued.startswith("j") and other.startswith("j") and queued != other
    listed = json.loads(check(run_kua("jobs", "--json", vault=vault)).stdout)
    assert [(j["profile"], j["state"]) for j in listed] == [("proxy", "done"), ("audio", "queued"),
                                                           ("audio", "queued")]
    check(run_kua("jobs", "--cancel", other, vault=vault))
    assert_one_line_error(run_kua("jobs", "--cancel", other, vault=vault), 2, "cancelled")
    ran = json.loads(last_line(check(run_kua("jobs", "--run", "--json", vault=vault)).stdout))
    assert [r["job"] for r in ran] == [queued] and ran[0]["id"].startswith("m")
    [t] = list_json(vault)
    kinds = sorted(i["kind"] for i in t["items"])
    assert kinds == ["audio", "imported", "proxy"]
    assert "No queued jobs." in check(run_kua("jobs", "--run", vault=vault)).stdout


def test_anonymous_consent_extract(tmp_path: Path) -> None:
    """`kua extract` of an anonymous testimony's master: exit 11 unless --force."""
    vault = tmp_path / "vault"
    init_vault(vault)
    clip = tmp_path / "a.mp4"
    clip.write_bytes(make_video(seconds=0.5))
    tid = last_line(check(run_kua("add", str(clip), "--consent", "anonymous", vault=vault)).stdout)
    refused = run_kua("extract", tid, "--out", str(tmp_path / "x.mp4"), vault=vault)
    assert_one_line_error(refused, 11, "anonymous consent", "--force")
    assert not (tmp_path / "x.mp4").exists()
    check(run_kua("extract", tid, "--out", str(tmp_path / "x.mp4"), "--force", vault=vault))
    assert (tmp_path / "x.mp4").read_bytes() == clip.read_bytes()


def test_damaged_source_one_line(tmp_path: Path) -> None:
    """Noise inside an imported file's media data: exit 10, one line naming the item and
    the time; the job is failed and no item was added."""
    vault = tmp_path / "vault"
    init_vault(vault)
    data = bytearray(make_video(seconds=3.0, width=320, height=240, fps=15, audio=False))
    boxes = {k: (o, n) for k, o, n in top_level_boxes(__import__("io").BytesIO(bytes(data)), len(data))}
    start, length = boxes[b"mdat"]
    middle = start + length // 2
    data[middle:middle + 4096] = np.random.default_rng(2).integers(0, 256, 4096, dtype=np.uint8).tobytes()
    clip = tmp_path / "broken.mp4"
    clip.write_bytes(bytes(data))
    tid = last_line(check(run_kua("add", str(clip), vault=vault)).stdout)
    before = list_json(vault)
    item = before[0]["items"][0]["id"]
    proc = run_kua("transcode", tid, "--profile", "share", vault=vault)
    assert_one_line_error(proc, 10, f"item {item} could not be transcoded at 0:0")
    assert list_json(vault) == before
    assert [j["state"] for j in json.loads(check(run_kua("jobs", "--json", vault=vault)).stdout)] == ["failed"]


@pytest.mark.slow
def test_disk_full_during_a_job(tmp_path: Path) -> None:
    """On a small tmpfs that fills during the job: exit 9 naming the item, no item or
    object file left, the space is back; with room again the same transcode works."""
    mount = tmp_path / "small"
    with small_tmpfs(mount, "6m"):
        vault = mount / "vault"
        init_vault(vault)
        clip = tmp_path / "a.mp4"
        clip.write_bytes(make_video(seconds=6.0, width=640, height=360, fps=30))
        tid = last_line(check(run_kua("add", str(clip), vault=vault)).stdout)
        before = list_json(vault)
        objects = set(files_under(vault / "objects"))
        filler = fill(mount, leave=96 * 1024)
        usage = os.statvfs(mount).f_bavail
        proc = run_kua("transcode", tid, "--profile", "share", vault=vault)
        item = before[0]["items"][0]["id"]
        assert_one_line_error(proc, 9, "disk is full", f"item {item}")
        assert set(files_under(vault / "objects")) == objects
        assert os.statvfs(mount).f_bavail >= usage - 16
        filler.unlink()
        assert list_json(vault) == before
        check(run_kua("transcode", tid, "--profile", "share", vault=vault))
        assert sorted(i["kind"] for i in list_json(vault)[0]["items"]) == ["imported", "share"]


def _stop_halfway(vault: Path, tid: str, sig: int) -> subprocess.CompletedProcess:
    proc = start_kua("transcode", tid, "--profile", "share", "--json", vault=vault)
    percent, deadline = 0.0, time.monotonic() + 60
    while percent < 10 and time.monotonic() < deadline and proc.poll() is None:
        line = proc.stdout.readline()
        if line.startswith(b"{") and b'"percent"' in line:
            percent = json.loads(line)["percent"]
    assert 10 <= percent < 90, "the job was not caught half-way"
    proc.send_signal(sig)
    out, err = proc.communicate(timeout=30)
    return subprocess.CompletedProcess(proc.args, proc.returncode, out.decode(), err.decode())


@pytest.mark.slow
def test_ctrl_c_cancels_and_sigterm_requeues(tmp_path: Path) -> None:
    """Ctrl-C: exit 12, "cancelled", the job cancelled, nothing kept. SIGTERM: exit 12,
    "put back in the queue", the job queued, nothing kept; `jobs --run` then makes it."""
    vault = tmp_path / "vault"
    init_vault(vault)
    clip = tmp_path / "a.mp4"
    clip.write_bytes(make_video(seconds=12.0, width=640, height=360, fps=30))
    tid = last_line(check(run_kua("add", str(clip), vault=vault)).stdout)
    before = list_json(vault)
    objects = set(files_under(vault / "objects"))
    assert_one_line_error(_stop_halfway(vault, tid, signal.SIGINT), 12, "was cancelled at 0:0")
    assert list_json(vault) == before and set(files_under(vault / "objects")) == objects
    assert_one_line_error(_stop_halfway(vault, tid, signal.SIGTERM), 12, "put back in the queue")
    assert list_json(vault) == before and set(files_under(vault / "objects")) == objects
    states = [j["state"] for j in json.loads(check(run_kua("jobs", "--json", vault=vault)).stdout)]
    assert states == ["cancelled", "queued"]
    check(run_kua("jobs", "--run", vault=vault))
    assert sorted(i["kind"] for i in list_json(vault)[0]["items"]) == ["imported", "share"]
