"""`kua record` as a person runs it: length, kill -9 and recovery, full disk, no plaintext."""

from __future__ import annotations

import json
import os
import signal
import time
from pathlib import Path

import av
import pytest

from harness.vaults import PASSPHRASE
from storage.vault import Vault
from tests.disks import small_tmpfs
from tests.e2e.cli import (assert_one_line_error, check, init_vault, list_json, run_kua,
                           start_kua)
from tests.media.avsync import assert_in_step

BOX_SIGNATURES = (b"ftyp", b"moof", b"mdat")


def _files(*roots: Path):
    for root in roots:
        for dirpath, _, names in os.walk(root):
            for name in names:
                yield Path(dirpath) / name


def _assert_no_plaintext(roots, marker: str) -> None:
    for path in _files(*roots):
        data = path.read_bytes()
        for needle in (*BOX_SIGNATURES, marker.encode(), marker.encode("utf-16-le")):
            assert needle not in data, (path, needle)


@pytest.mark.slow
def test_record_kill_9_then_recover(tmp_path):
    vault, tmpdir, cwd, home = (tmp_path / n for n in ("vault", "tmp", "cwd", "home"))
    for folder in (tmpdir, cwd, home):
        folder.mkdir()
    init_vault(vault)
    marker = "KUAREC" + os.urandom(4).hex()
    proc = start_kua("record", "--source", "synthetic", "--seconds", "20", "--title", marker,
                     "--resolution", "480p", "--json", vault=vault, tmpdir=tmpdir, cwd=cwd,
                     home=home)
    deadline = time.monotonic() + 30
    elapsed = 0.0
    while elapsed < 8 and time.monotonic() < deadline:
        line = proc.stdout.readline()
        if line.startswith(b"{"):
            elapsed = json.loads(line).get("elapsed", 0.0)
    assert elapsed >= 8, "the recording did not get going"
    # While it records, the vault is held.
    busy = run_kua("list", vault=vault)
    assert_one_line_error(busy, 6, "vault is in use")
    proc.send_signal(signal.SIGKILL)
    proc.wait(10)
    _assert_no_plaintext([vault, tmpdir, cwd, home], marker)

    [t] = list_json(vault)  # this unlock recovers it
    [item] = t["items"]
    assert item["kind"] == "master" and item["state"] == "recovered"
    assert item["duration"] >= 5
    with Vault.open(vault, PASSPHRASE) as v, v.reader(item["id"]) as reader:
        with av.open(reader) as c:
            frames = [f for f in c.decode(video=0)]
        # What recovery kept starts where the recording did and plays in step.
        assert frames[0].time == pytest.approx(0.0, abs=1e-3)
        assert_in_step(reader, 5)
    assert float(frames[-1].pts * frames[-1].time_base) >= 5
    check(run_kua("verify", vault=vault))
    _assert_no_plaintext([vault, tmpdir, cwd, home], marker)


@pytest.mark.slow
def test_record_ten_seconds_by_cli(tmp_path):
    vault = tmp_path / "vault"
    init_vault(vault)
    proc = check(run_kua("record", "--source", "synthetic", "--seconds", "10", "--title", "x",
                         "--resolution", "480p", vault=vault, timeout=60))
    tid = proc.stdout.strip().splitlines()[-1]
    [t] = list_json(vault)
    assert t["id"] == tid
    [item] = t["items"]
    assert item["state"] == "complete" and item["duration"] == pytest.approx(10, abs=0.2)
    assert item["dropped_frames"] == 0
    out = tmp_path / "out.mp4"
    check(run_kua("extract", tid, "--out", str(out), vault=vault))
    with av.open(str(out)) as c:
        video = c.streams.video[0]
        assert video.codec_context.name == "h264"
        assert float(video.duration * video.time_base) == pytest.approx(10, abs=0.2)


@pytest.mark.slow
def test_disk_full_while_recording_keeps_what_was_recorded(tmp_path):
    mount = tmp_path / "small"
    with small_tmpfs(mount, "1m"):
        vault = mount / "vault"
        init_vault(vault)
        proc = run_kua("record", "--source", "synthetic", "--seconds", "60", "--resolution",
                       "720p", vault=vault, timeout=90)
        assert_one_line_error(proc, 9, "disk is full")
        [t] = list_json(vault)
        [item] = t["items"]
        assert item["state"] in ("recovered", "complete")
        assert item["duration"] and item["duration"] >= 1
        check(run_kua("verify", vault=vault))


@pytest.mark.slow
def test_ctrl_c_stops_cleanly(tmp_path):
    vault = tmp_path / "vault"
    init_vault(vault)
    proc = start_kua("record", "--source", "synthetic", "--resolution", "480p", "--json",
                     vault=vault)
    elapsed = 0.0
    deadline = time.monotonic() + 30
    while elapsed < 2 and time.monotonic() < deadline:
        line = proc.stdout.readline()
        if line.startswith(b"{"):
            elapsed = json.loads(line).get("elapsed", 0.0)
    proc.send_signal(signal.SIGINT)
    out, err = proc.communicate(timeout=30)
    assert proc.returncode == 0, err
    final = json.loads(out.decode().strip().splitlines()[-1])
    [t] = list_json(vault)
    assert final["id"] == t["id"]
    [item] = t["items"]
    assert item["state"] == "complete" and item["duration"] >= 2
