"""Nothing readable reaches the disk: the vault, TMPDIR and the working folder.

A random marker goes into a video's bytes, a document, a title, notes and names;
after a full round of `kua` commands, no file the commands could have written holds
it in any encoding a leak would use, and no error output mentions it.
"""

from __future__ import annotations

import json
import secrets
from pathlib import Path

import pytest

from tests.disk_scan import files_under
from tests.e2e.cli import check, last_line, run_kua
from tests.media.synth import make_video


def _needles(marker: str, *extra: str) -> list[bytes]:
    """The byte strings a leak of `marker` (or of `extra` words) would contain."""
    words = {marker, marker.lower(), marker.upper(), marker[len("KUAMARKER"):], *extra}
    out = []
    for word in words:
        out += [word.encode("utf-8"), word.encode("utf-16-le")]
    return out


@pytest.mark.slow
def test_no_plaintext_in_vault_tmp_or_cwd(tmp_path: Path) -> None:
    """After init/add/edit/list/search/show/verify/rm, no file in the vault, TMPDIR or
    cwd holds the marker (UTF-8, UTF-16-LE, any case), vault.db has no SQLite header,
    `keys` no magic, and no command's stderr repeats the marker."""
    marker = "KUAMARKER" + secrets.token_hex(8)
    cyrillic = f"{marker}Байжанов"
    inputs, vault, tmpdir, cwd = (tmp_path / n for n in ("input", "vault", "tmp", "cwd"))
    for folder in (inputs, tmpdir, cwd):
        folder.mkdir()
    video = inputs / "appeal.mp4"
    video.write_bytes(make_video(seconds=0.5) + marker.encode())
    document = inputs / "letter.txt"
    document.write_text(f"{marker}\n{cyrillic}\n", encoding="utf-8")

    stderrs: list[str] = []

    def kua(*args: str) -> str:
        proc = check(run_kua(*args, vault=vault, tmpdir=tmpdir, cwd=cwd))
        stderrs.append(proc.stderr)
        return proc.stdout

    kua("init")
    tid = last_line(kua("add", str(video), "--title", f"{marker} title"))
    other = last_line(kua("add", str(document), "--title", "second"))
    kua("edit", tid, "--set", f"notes={marker}", "--set", f"detained.name={cyrillic}",
        "--set", f"speaker.name={marker}")
    listed = kua("list")
    found = kua("search", marker)
    shown = json.loads(kua("show", tid, "--json"))
    kua("verify")
    kua("rm", other)

    # The data went in (so the checks below are not vacuous) and comes back out.
    assert marker in listed and tid in found
    assert shown["notes"] == marker
    assert [n["text"] for n in shown["speaker"]["names"]] == [marker]
    assert [n["text"] for n in shown["detained"][0]["names"]] == [cyrillic]
    assert other not in kua("list")

    needles = _needles(marker, cyrillic, "Байжанов")
    checked = files_under(vault, tmpdir, cwd)
    assert any(f.name == "vault.db" for f in checked) and len(checked) >= 4
    for f in checked:
        data = f.read_bytes()
        for needle in needles:
            assert needle not in data, f"{needle!r} found in {f}"
    assert not (vault / "vault.db").read_bytes().startswith(b"SQLite format 3")
    assert b"KUA" not in (vault / "keys").read_bytes()
    assert not files_under(tmpdir), "kua left files in TMPDIR"
    for err in stderrs:
        assert marker not in err and marker.lower() not in err.lower()
