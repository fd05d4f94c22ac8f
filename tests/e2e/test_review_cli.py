"""Review before anything leaves: `--cover`, `kua review`, and export asking for it.

A cover drawn by hand (`--cover T0-T1:X,Y,W,H`, source pixels) is kept in the item's
params and applied on the frames of its span only; a cover outside the picture or the
clip is a one-line error (exit 2). The copy keeps the record of where faces were
covered. Exporting an anonymous testimony gives only reviewed anonymized copies
unless `--include-unreviewed`. No plaintext reaches the vault or TMPDIR.
"""

from __future__ import annotations

import io
import json
import secrets
from pathlib import Path

import av
import numpy as np
import pytest

from tests.disk_scan import files_holding
from tests.e2e.cli import assert_one_line_error, check, init_vault, last_line, run_kua
from tests.media.synth import make_video


def _frames(data: bytes) -> list[tuple[float, np.ndarray]]:
    with av.open(io.BytesIO(data)) as container:
        return [(frame.time, frame.to_ndarray(format="rgb24")) for frame in container.decode(video=0)]


def _show(vault: Path, some_id: str) -> dict:
    return json.loads(check(run_kua("show", some_id, "--json", vault=vault)).stdout)


@pytest.mark.slow
def test_cover_review_and_export(tmp_path: Path) -> None:
    vault, tmpdir, out = tmp_path / "vault", tmp_path / "tmp", tmp_path / "out"
    for folder in (tmpdir, out):
        folder.mkdir()
    init_vault(vault)
    marker = "KUAREVIEW" + secrets.token_hex(5)
    source = tmp_path / "appeal.mp4"
    source.write_bytes(make_video(seconds=3.0, width=320, height=240, fps=15) + marker.encode())
    tid = last_line(check(run_kua("add", str(source), "--title", marker, "--consent", "anonymous",
                                  vault=vault)).stdout)
    master = _show(vault, tid)["items"][0]["id"]

    for bad, words in (("0-1:300,10,100,80", "outside the picture (320x240)"),
                       ("5-6:10,10,50,50", "after the clip ends"),
                       ("2-1:10,10,50,50", "times must rise"),
                       ("1-2:10,10", "T0-T1:X,Y,W,H")):
        assert_one_line_error(run_kua("transcode", master, "--profile", "anonymized",
                                      "--cover", bad, vault=vault), 2, words)
    assert_one_line_error(run_kua("transcode", master, "--profile", "share", "--cover",
                                  "0-1:0,0,10,10", vault=vault), 2, "only applies to --profile anonymized")

    plain = last_line(check(run_kua("transcode", master, "--profile", "share", vault=vault,
                                    tmpdir=tmpdir)).stdout)
    covered = last_line(check(run_kua("transcode", master, "--profile", "anonymized", "--cover",
                                      "1-2:40,40,120,100", vault=vault, tmpdir=tmpdir)).stdout)
    item = _show(vault, covered)
    params = json.loads(item["params"]) if isinstance(item["params"], str) else item["params"]
    assert params["covers"] == [[1.0, 2.0, 40, 40, 120, 100]]
    assert params["record"] and all(len(span) == 3 for span in params["record"])
    assert "reviewed" not in params
    again = run_kua("transcode", master, "--profile", "anonymized", "--cover",
                    "1-2:40,40,120,100", vault=vault)
    assert last_line(check(again).stdout) == covered and "not redone" in again.stderr

    check(run_kua("extract", plain, "--out", str(out / "share.mp4"), "--force", vault=vault))
    check(run_kua("extract", covered, "--out", str(out / "anon.mp4"), vault=vault))
    before = _frames((out / "share.mp4").read_bytes())
    after = _frames((out / "anon.mp4").read_bytes())
    assert len(before) == len(after) == 45
    for (t, a), (_, b) in zip(before, after):
        diff = np.abs(a[45:135, 45:155].astype(int) - b[45:135, 45:155].astype(int)).max(axis=2)
        if 1.05 <= t <= 1.95:
            assert (diff > 12).mean() > 0.9, t
        elif t < 0.9 or t > 2.1:
            assert (diff > 12).mean() < 0.1, t

    key = tmp_path / "organizer.key"
    recipient = last_line(check(run_kua("keys", "organizer-new", "--out", str(key),
                                        vault=vault)).stdout)
    refused = run_kua("export", tid, "--to", str(out / "b1"), "--recipient", recipient, vault=vault)
    assert_one_line_error(refused, 11, "not been reviewed", f"kua review {covered}")
    check(run_kua("export", tid, "--to", str(out / "b2"), "--recipient", recipient,
                  "--include-unreviewed", vault=vault, tmpdir=tmpdir))
    assert_one_line_error(run_kua("review", plain, vault=vault), 2, "not an anonymized copy")
    reviewed = check(run_kua("review", covered, "--json", vault=vault, tmpdir=tmpdir))
    assert json.loads(last_line(reviewed.stdout))["reviewed"]
    exported = check(run_kua("export", tid, "--to", str(out / "b3"), "--recipient", recipient,
                             "--json", vault=vault, tmpdir=tmpdir))
    assert json.loads(exported.stdout)["items"] == [covered]
    assert not files_holding([marker.encode()], vault, tmpdir)
