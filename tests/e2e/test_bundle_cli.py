"""Bundles through the real `kua`, as a volunteer and an organizer use them, and opened
with the standard `age` and `tar` as an organizer without Kua would."""

from __future__ import annotations

import hashlib
import json
import os
import secrets
import shutil
import stat
import subprocess
from pathlib import Path

import pytest

from tests.disk_scan import files_under
from tests.e2e.cli import (add, assert_one_line_error, check, init_vault, last_line, list_json,
                           run_kua)
from tests.e2e.test_no_plaintext import _needles
from tests.media.synth import make_video
from tests.tools import require_tool

NO_VAULT = {"KUA_VAULT": None, "KUA_PASSPHRASE": None}


def _organizer_key(tmp_path: Path, protect: str | None = None,
                   classic: bool = False) -> tuple[Path, str]:
    key = tmp_path / ("organizer.age" if protect else "organizer.txt")
    args = ["keys", "organizer-new", "--out", str(key)] + (["--protect"] if protect else []) \
        + (["--classic"] if classic else [])
    env = {"KUA_IDENTITY_PASSPHRASE": protect} if protect else None
    proc = check(run_kua(*args, vault=tmp_path / "unused", env_extra=env))
    return key, last_line(proc.stdout)


@pytest.fixture
def volunteer(tmp_path: Path) -> tuple[Path, str, list[Path]]:
    vault = tmp_path / "volunteer"
    init_vault(vault)
    inputs = tmp_path / "in"
    inputs.mkdir()
    files = [inputs / "appeal.mp4", inputs / "letter.bin"]
    files[0].write_bytes(make_video(seconds=0.5))
    files[1].write_bytes(os.urandom(900_000))
    tid = add(vault, *files, title="Appeal")
    check(run_kua("edit", tid, "--set", "consent=public", "--set", "detained.name=Байжанов",
                  vault=vault))
    return vault, tid, files


def test_organizer_new_is_post_quantum_by_default(tmp_path):
    key = tmp_path / "organizer.txt"
    proc = check(run_kua("keys", "organizer-new", "--out", str(key), vault=tmp_path / "v",
                         env_extra=NO_VAULT))
    recipient = last_line(proc.stdout)
    assert recipient.startswith("age1pq1") and "NOT protected" in proc.stderr
    assert "age 1.3 or later" in proc.stdout and "--classic" in proc.stdout
    text = key.read_text()
    assert f"# public key: {recipient}\n" in text and "\nAGE-SECRET-KEY-PQ-1" in text
    assert stat.S_IMODE(key.stat().st_mode) == 0o600
    info = json.loads(check(run_kua("keys", "organizer-new", "--out", str(tmp_path / "k2"),
                                    "--json", vault=tmp_path / "v", env_extra=NO_VAULT)).stdout)
    assert info["post_quantum"] and info["needs_age"] == "1.3"


def test_organizer_new_classic_warns_when_unprotected_and_age_keygen_agrees(tmp_path):
    key = tmp_path / "organizer.txt"
    proc = check(run_kua("keys", "organizer-new", "--out", str(key), "--classic",
                         vault=tmp_path / "v", env_extra=NO_VAULT))
    recipient = last_line(proc.stdout)
    assert recipient.startswith("age1") and not recipient.startswith("age1pq1")
    assert "NOT protected" in proc.stderr and "any age opens" in proc.stdout
    assert stat.S_IMODE(key.stat().st_mode) == 0o600
    again = run_kua("keys", "organizer-new", "--out", str(key), vault=tmp_path / "v")
    assert_one_line_error(again, 2, "already exists")


def test_age_keygen_derives_the_same_recipient(tmp_path):
    """The reference `age-keygen -y` reads Kua's organizer key and finds its recipient
    (a --classic key: Debian's age-keygen predates post-quantum keys; skipped without
    age-keygen, failed on CI, where setup installs it)."""
    keygen = require_tool("age-keygen")
    key = tmp_path / "organizer.txt"
    recipient = last_line(check(run_kua("keys", "organizer-new", "--out", str(key), "--classic",
                                        vault=tmp_path / "v", env_extra=NO_VAULT)).stdout)
    derived = subprocess.run([keygen, "-y", str(key)], capture_output=True, text=True,
                             check=True).stdout.strip()
    assert derived == recipient and recipient.startswith("age1")


@pytest.mark.slow
def test_protected_identity_needs_its_passphrase(tmp_path, volunteer):
    vault, tid, _ = volunteer
    key, recipient = _organizer_key(tmp_path, protect="organizer words")
    assert key.read_bytes().startswith(b"age-encryption.org/v1\n")
    check(run_kua("export", tid, "--to", str(tmp_path / "stick"), "--recipient", recipient,
                  vault=vault))
    ok = run_kua("verify", "--bundle", str(tmp_path / "stick"), "--identity", str(key),
                 vault=vault, env_extra={**NO_VAULT, "KUA_IDENTITY_PASSPHRASE": "organizer words"})
    check(ok)
    wrong = run_kua("verify", "--bundle", str(tmp_path / "stick"), "--identity", str(key),
                    vault=vault, env_extra={"KUA_IDENTITY_PASSPHRASE": "other words"})
    assert_one_line_error(wrong, 3, "wrong passphrase for the identity file")
    missing = run_kua("verify", "--bundle", str(tmp_path / "stick"), "--identity", str(key),
                      vault=vault)
    assert_one_line_error(missing, 2, "no identity passphrase given")


@pytest.mark.slow
def test_volunteer_to_organizer_through_the_cli(tmp_path, volunteer):
    vault, tid, files = volunteer
    key, recipient = _organizer_key(tmp_path)
    check(run_kua("keys", "organizer-add", "Aisulu", recipient, vault=vault))
    book = json.loads(check(run_kua("keys", "organizers", "--json", vault=vault)).stdout)
    assert book[0]["name"] == "Aisulu" and book[0]["recipient"] == recipient
    stick = tmp_path / "stick"
    exported = json.loads(check(run_kua(
        "export", tid, "--to", str(stick), "--recipient", "Aisulu", "--split-size", "512K",
        "--json", vault=vault)).stdout)
    bundle_id = exported["id"]
    assert len(exported["parts"]) >= 2 and exported["testimonies"] == [tid]
    note = f"bundle-{bundle_id}.txt"
    assert sorted(p.name for p in stick.iterdir()) == exported["parts"] + [note]
    assert all((stick / p).stat().st_size <= 512 * 1024 for p in exported["parts"])
    source = list_json(vault)[0]
    assert source["status"] == "exported"

    # Verify needs no vault and no passphrase.
    report = json.loads(check(run_kua("verify", "--bundle", str(stick), "--identity", str(key),
                                      "--json", vault=tmp_path / "none",
                                      env_extra=NO_VAULT)).stdout)
    assert report["ok"] and report["id"] == bundle_id and report["device"] == exported["device"]
    assert {i["sha256"] for i in report["items"]} == {i["sha256"] for i in source["items"]}

    archive = tmp_path / "archive"
    init_vault(archive)
    proc = check(run_kua("import", str(stick), "--identity", str(key), vault=archive))
    assert last_line(proc.stdout) == bundle_id and "imported testimony" in proc.stdout
    [imported] = list_json(archive)
    assert imported["title"] == "Appeal"
    assert sorted(i["sha256"] for i in imported["items"]) == sorted(
        hashlib.sha256(f.read_bytes()).hexdigest() for f in files)
    assert imported["items"][0]["duration"] == pytest.approx(source["items"][0]["duration"])
    again = check(run_kua("import", str(stick), "--identity", str(key), vault=archive))
    assert last_line(again.stdout).startswith("nothing new")
    assert list_json(archive) == [imported]
    check(run_kua("verify", vault=archive))


def test_an_organizer_opens_a_bundle_with_age_and_tar_alone(tmp_path, volunteer):
    """`cat bundle-*.age | age -d -i key.txt | tar x` gives the media byte for byte (a
    --classic key: the stock age of Debian opens it); with pipefail, so age's own exit
    status counts (tar alone would accept a cut stream)."""
    require_tool("age")
    vault, tid, _ = volunteer
    key, recipient = _organizer_key(tmp_path, classic=True)
    stick = tmp_path / "stick"
    bundle_id = last_line(check(run_kua("export", tid, "--to", str(stick), "--recipient", recipient,
                                        "--split-size", "512K", vault=vault)).stdout)
    out = tmp_path / "opened"
    out.mkdir()
    pipeline = f"set -o pipefail; cat {stick}/bundle-*.age | age -d -i {key} | tar x"
    subprocess.run(["bash", "-c", pipeline], cwd=out, check=True)
    # The same pipeline fails on a bundle cut short, by age's status.
    parts = sorted(stick.glob("bundle-*.age"))
    cut = tmp_path / "cut"
    cut.mkdir()
    for part in parts[:-1]:
        (cut / part.name).write_bytes(part.read_bytes())
    (cut / parts[-1].name).write_bytes(parts[-1].read_bytes()[:-100])
    broken = subprocess.run(["bash", "-c", f"set -o pipefail; cat {cut}/bundle-*.age | age -d -i {key}"
                             " | tar t >/dev/null"], capture_output=True, text=True)
    age_alone = subprocess.run(["bash", "-c", f"cat {cut}/bundle-*.age | age -d -i {key} >/dev/null"],
                               capture_output=True, text=True)
    assert broken.returncode != 0 and age_alone.returncode != 0, broken.stderr
    root = out / f"kua-bundle-{bundle_id}"
    manifest = json.loads((root / "manifest.json").read_text(encoding="utf-8"))
    assert len((root / "manifest.sig").read_bytes()) == 64
    assert manifest["testimonies"][0]["people"][0]["names"][0]["text"] == "Байжанов"
    items = list_json(vault)[0]["items"]
    assert len(items) == 2
    for item in items:
        [entry] = [m for m in manifest["items"] if m["id"] == item["id"]]
        data = (root / entry["path"]).read_bytes()
        assert hashlib.sha256(data).hexdigest() == item["sha256"] == entry["sha256"]


def test_a_post_quantum_bundle_says_which_age_opens_it(tmp_path, volunteer):
    """A PQ bundle: its note names age 1.3; a classic key is told it needs the PQ one; the
    stock age of Debian (older than 1.3) cannot open it and the note says why."""
    vault, tid, _ = volunteer
    key, recipient = _organizer_key(tmp_path)
    stick = tmp_path / "stick"
    proc = check(run_kua("export", tid, "--to", str(stick), "--recipient", recipient, vault=vault))
    bundle_id = last_line(proc.stdout)
    assert "age 1.3 or later" in proc.stdout
    assert "needs age 1.3 or later" in (stick / f"bundle-{bundle_id}.txt").read_text()
    assert b"-> mlkem768x25519 " in (stick / f"bundle-{bundle_id}.000.age").read_bytes()[:3000]
    (tmp_path / "c").mkdir()
    classic, _ = _organizer_key(tmp_path / "c", classic=True)
    assert_one_line_error(run_kua("verify", "--bundle", str(stick), "--identity", str(classic),
                                  vault=vault), 15, "post-quantum organizer key (age1pq1…)")
    check(run_kua("verify", "--bundle", str(stick), "--identity", str(key), vault=vault))
    # A damaged post-quantum stanza: a changed enc opens nothing, a cut body is malformed.
    part = stick / f"bundle-{bundle_id}.000.age"
    good = part.read_bytes()
    at = good.index(b"-> mlkem768x25519 ") + 40
    part.write_bytes(good[:at] + (b"A" if good[at:at + 1] != b"A" else b"B") + good[at + 1:])
    assert_one_line_error(run_kua("verify", "--bundle", str(stick), "--identity", str(key),
                                  vault=vault), 15, "the header of part")
    body = good.index(b"\n", at) + 1
    part.write_bytes(good[:body] + good[body + 4:])
    assert_one_line_error(run_kua("verify", "--bundle", str(stick), "--identity", str(key),
                                  vault=vault), 14, "malformed mlkem768x25519 stanza")
    part.write_bytes(good)
    version = subprocess.run(["age", "--version"], capture_output=True, text=True).stdout \
        if shutil.which("age") else ""
    if version.startswith(("v1.0", "v1.1", "v1.2", "1.0", "1.1", "1.2")):
        stock = subprocess.run(f"cat {stick}/bundle-*.age | age -d -i {key} > /dev/null",
                               shell=True, capture_output=True, text=True)
        assert stock.returncode != 0


@pytest.mark.slow
def test_bundle_errors_are_one_line_with_their_exit_codes(tmp_path, volunteer):
    vault, tid, _ = volunteer
    key, recipient = _organizer_key(tmp_path)
    stick = tmp_path / "stick"
    bundle_id = last_line(check(run_kua("export", tid, "--to", str(stick), "--recipient", recipient,
                                        "--split-size", "512K", vault=vault)).stdout)
    (tmp_path / "other").mkdir()
    other_key, _ = _organizer_key(tmp_path / "other")
    assert_one_line_error(run_kua("verify", "--bundle", str(stick), "--identity", str(other_key),
                                  vault=vault), 15, f"bundle-{bundle_id} is not encrypted")
    part = stick / f"bundle-{bundle_id}.001.age"
    data = bytearray(part.read_bytes())
    data[1000] ^= 1
    part.write_bytes(bytes(data))
    archive = tmp_path / "archive"
    init_vault(archive)
    bad = run_kua("import", str(stick), "--identity", str(key), vault=archive)
    assert_one_line_error(bad, 14, f"part bundle-{bundle_id}.001.age failed authentication")
    assert list_json(archive) == []
    report = run_kua("verify", "--bundle", str(stick), "--identity", str(key), "--json",
                     vault=vault)
    assert json.loads(report.stdout)["ok"] is False and report.returncode == 14
    assert_one_line_error(run_kua("export", tid, "--to", str(stick), "--recipient", recipient,
                                  vault=vault), 7, "not an empty folder")
    assert_one_line_error(run_kua("export", tid, "--to", str(tmp_path / "n"), "--recipient",
                                  recipient, "--split-size", "3T", vault=vault), 2, "--split-size")
    assert_one_line_error(run_kua("export", tid, "--to", str(tmp_path / "n"), "--recipient",
                                  "Nobody", vault=vault), 8, "no organizer named 'Nobody'")
    assert_one_line_error(run_kua("import", str(tmp_path), "--identity", str(key), vault=archive),
                          4, "holds no Kua bundle")
    assert_one_line_error(run_kua("verify", "--bundle", str(stick), vault=vault), 2, "--identity")
    # Restricted consent: into bundles by default (organizers only), never into a copy for
    # publication without --force.
    restricted = add(vault, tmp_path / "in" / "letter.bin", title="restricted")
    for n, extra in enumerate(([], ["--include-restricted"])):
        check(run_kua("export", restricted, "--to", str(tmp_path / f"r{n}"), "--recipient",
                      recipient, *extra, vault=vault))


@pytest.mark.slow
def test_no_plaintext_on_disk_in_export_and_import(tmp_path):
    """A marker in the media and the metadata is in no file of either vault, the bundle
    folder, TMPDIR or the working folder after export, verify and import."""
    marker = "KUAMARKER" + secrets.token_hex(8)
    cyrillic = f"{marker}Байжанов"
    inputs, tmpdir, cwd, stick = (tmp_path / n for n in ("input", "tmp", "cwd", "stick"))
    for folder in (inputs, tmpdir, cwd):
        folder.mkdir()
    volunteer, archive = tmp_path / "volunteer", tmp_path / "archive"
    video = inputs / "appeal.mp4"
    video.write_bytes(make_video(seconds=0.5) + marker.encode() * 1000)
    document = inputs / "letter.txt"
    document.write_text(f"{marker}\n{cyrillic}\n" * 12000, encoding="utf-8")
    key, recipient = _organizer_key(tmp_path)

    def kua(*args: str, vault: Path) -> str:
        proc = check(run_kua(*args, vault=vault, tmpdir=tmpdir, cwd=cwd))
        assert marker not in proc.stderr
        return proc.stdout

    init_vault(volunteer, tmpdir=tmpdir, cwd=cwd)
    tid = last_line(kua("add", str(video), str(document), "--title", f"{marker} title",
                        "--consent", "public", vault=volunteer))
    kua("edit", tid, "--set", f"notes={marker}", "--set", f"detained.name={cyrillic}",
        vault=volunteer)
    kua("export", tid, "--to", str(stick), "--recipient", recipient, "--split-size", "512K",
        vault=volunteer)
    kua("verify", "--bundle", str(stick), "--identity", str(key), vault=volunteer)
    init_vault(archive, tmpdir=tmpdir, cwd=cwd)
    kua("import", str(stick), "--identity", str(key), vault=archive)
    shown = json.loads(kua("show", list_json(archive)[0]["id"], "--json", vault=archive))
    assert shown["notes"] == marker  # it went through, so the checks below mean something

    needles = _needles(marker, cyrillic, "Байжанов")
    checked = files_under(volunteer, archive, stick, tmpdir, cwd)
    assert sum(1 for f in checked if f.name.endswith(".age")) >= 2
    for f in checked:
        data = f.read_bytes()
        for needle in needles:
            assert needle not in data, f"{needle!r} found in {f}"
    assert not files_under(tmpdir), "kua left files in TMPDIR"
