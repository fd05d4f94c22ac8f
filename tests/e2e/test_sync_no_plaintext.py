"""Nothing readable reaches the drive: a marker in media bytes, a document, a title,
notes and names never appears in any file of the replica (nor in TMPDIR or the working
folder), in any encoding a leak would use; the catalogue snapshot, the keys file and the
manifests look like random bytes."""

from __future__ import annotations

import json
import secrets
from pathlib import Path

import pytest

from tests.e2e.cli import check, last_line, run_kua
from tests.media.synth import make_video


def _needles(*words: str) -> list[bytes]:
    out = []
    for word in words:
        for form in {word, word.lower(), word.upper()}:
            out += [form.encode("utf-8"), form.encode("utf-16-le")]
    return out


@pytest.mark.slow
def test_no_plaintext_on_the_drive(tmp_path: Path) -> None:
    marker = "KUAMARKER" + secrets.token_hex(8)
    cyrillic = f"{marker}Байжанов"
    names = ("in", "vault", "drive", "tmp", "cwd")
    inputs, vault, drive, tmpdir, cwd = (tmp_path / n for n in names)
    for folder in (inputs, tmpdir, cwd):
        folder.mkdir()
    video = inputs / "appeal.mp4"
    video.write_bytes(make_video(seconds=0.5) + marker.encode())
    letter = inputs / "letter.txt"
    letter.write_text(f"{marker}\n{cyrillic}\n" * 50, encoding="utf-8")

    def kua(*args: str, target: Path = vault) -> str:
        proc = check(run_kua(*args, vault=target, tmpdir=tmpdir, cwd=cwd))
        assert marker not in proc.stderr
        return proc.stdout

    kua("init")
    tid = last_line(kua("add", str(video), str(letter), "--title", f"{marker} title"))
    kua("edit", tid, "--set", f"notes={marker}", "--set", f"detained.name={cyrillic}",
        "--set", f"speaker.name={marker}", "--set", f"volunteer={marker}")
    report = json.loads(kua("sync", "--to", str(drive), "--json"))
    kua("sync", "--to", str(drive))
    shown = json.loads(kua("show", tid, "--json", target=drive))  # read back from the drive
    assert shown["notes"] == marker and shown["volunteer"] == marker
    assert marker in kua("search", marker, target=drive)
    kua("verify", "--replica", str(drive))

    files = [f for folder in (drive, tmpdir, cwd) for f in folder.rglob("*") if f.is_file()]
    assert len([f for f in files if f.is_relative_to(drive)]) >= 6
    needles = _needles(marker, cyrillic, "Байжанов", report["label"])
    for f in files:
        data = f.read_bytes()
        for needle in needles:
            assert needle not in data, f"{needle!r} found in {f}"
    snapshot = next((drive / "gen").glob("*.db"))
    assert not snapshot.read_bytes().startswith(b"SQLite format 3")
    assert b"KUA" not in next((drive / "gen").glob("*.keys")).read_bytes()
    for manifest in drive.glob("manifest.*"):
        data = manifest.read_bytes()
        assert b"catalogue" not in data and b"generation" not in data and b"sha256" not in data
    assert not any(tmpdir.iterdir()) and not any(cwd.iterdir())
