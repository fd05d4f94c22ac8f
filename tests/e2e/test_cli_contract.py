"""The `kua` command-line contract of DESIGN.md, driven through the installed command."""

from __future__ import annotations

import json

import pytest

from tests.e2e.cli import add, check, init_vault, last_line, list_json, run_kua
from tests.media.synth import make_jpeg, make_video

ITEM_KEYS = {"id", "kind", "state", "sha256", "size", "duration", "parent"}
TESTIMONY_KEYS = {"id", "title", "status", "consent", "created_at", "items"}


@pytest.fixture
def vault(tmp_path):
    path = tmp_path / "vault"
    path.mkdir()  # an existing empty folder is accepted
    init_vault(path)
    return path


@pytest.fixture
def media(tmp_path):
    video = tmp_path / "appeal.mp4"
    video.write_bytes(make_video(seconds=1.0))
    photo = tmp_path / "id.jpg"
    photo.write_bytes(make_jpeg(80, 60))
    return video, photo


def test_init_prints_recovery_key_once_and_id_last(tmp_path):
    proc = check(run_kua("init", vault=tmp_path / "v"))
    lines = [line.strip() for line in proc.stdout.splitlines() if line.strip()]
    keys = [line for line in lines if line.count("-") == 7 and len(line) == 39]
    assert len(keys) == 1
    assert last_line(proc.stdout) != keys[0]
    reopen = run_kua("list", vault=tmp_path / "v", env_extra={"KUA_PASSPHRASE": keys[0]})
    assert reopen.returncode == 0, reopen.stderr


def test_json_shapes_and_ids(vault, media):
    video, photo = media
    tid = add(vault, video, photo, title="Appeal")
    [t] = list_json(vault)
    assert TESTIMONY_KEYS <= set(t) and t["id"] == tid
    assert t["status"] == "draft" and t["consent"] == "restricted"
    assert len(t["items"]) == 2
    for item in t["items"]:
        assert ITEM_KEYS <= set(item)
        assert item["kind"] == "imported" and item["state"] == "complete" and item["parent"] is None
        assert len(item["sha256"]) == 64 and item["size"] > 0
    assert t["items"][0]["duration"] == pytest.approx(1.0, abs=0.15)
    assert t["items"][1]["duration"] is None
    shown = json.loads(check(run_kua("show", tid, "--json", vault=vault)).stdout)
    assert shown["id"] == tid and "detained" in shown and "speaker" in shown
    item = json.loads(check(run_kua("show", t["items"][0]["id"], "--json", vault=vault)).stdout)
    assert item["id"] == t["items"][0]["id"]


def test_add_json_prints_id(vault, media):
    proc = check(run_kua("add", str(media[1]), "--json", vault=vault))
    data = json.loads(proc.stdout)
    assert data["id"].startswith("t") and len(data["items"]) == 1
    assert "still where they were" in proc.stderr


def test_global_options_before_or_after_the_subcommand(vault, tmp_path, media):
    add(vault, media[1], title="x")
    pw = tmp_path / "pw"
    pw.write_text("correct horse battery staple\n")
    no_env = {"KUA_VAULT": None, "KUA_PASSPHRASE": None}
    before = run_kua("--vault", str(vault), "--passphrase-file", str(pw), "--json", "list",
                     vault=vault, env_extra=no_env)
    after = run_kua("list", "--vault", str(vault), "--passphrase-file", str(pw), "--json",
                    vault=vault, env_extra=no_env)
    assert check(before).stdout == check(after).stdout
    assert json.loads(before.stdout)[0]["title"] == "x"


def test_no_passphrase_and_no_terminal_is_a_clear_error(vault):
    proc = run_kua("list", vault=vault, env_extra={"KUA_PASSPHRASE": None})
    assert proc.returncode == 2 and proc.stderr.startswith("kua: no passphrase given")


def test_edit_search_extract_rm_round_trip(vault, media, tmp_path):
    video, _ = media
    tid = add(vault, video, title="Appeal")
    check(run_kua("edit", tid, "--set", "detained.name=Байжанов Ерлан",
                  "--set", "detained.2.name=Maksutkhan Turganbay", "--set", "consent=anonymous",
                  vault=vault))
    for query in ("Bayzhanov", "Baizhanov", "Maksutkan", "Turgunbay"):
        found = json.loads(check(run_kua("search", query, "--json", vault=vault)).stdout)
        assert [t["id"] for t in found] == [tid], query
    out = tmp_path / "copy.mp4"
    # Anonymous consent: the master leaves only when forced (tests/e2e/test_transcode_cli.py).
    proc = check(run_kua("extract", tid, "--out", str(out), "--force", vault=vault))
    assert out.read_bytes() == video.read_bytes()
    assert "unencrypted copy" in proc.stderr
    check(run_kua("rm", tid, vault=vault))
    assert list_json(vault) == []
    assert check(run_kua("verify", vault=vault)).stdout.strip().endswith("vault ok")


def test_passwd_with_new_passphrase_from_environment(vault):
    check(run_kua("passwd", vault=vault, env_extra={"KUA_NEW_PASSPHRASE": "second phrase"}))
    assert run_kua("list", vault=vault).returncode == 3
    check(run_kua("list", vault=vault, env_extra={"KUA_PASSPHRASE": "second phrase"}))


def test_no_arguments_prints_help(tmp_path):
    # With a display, no arguments opens the desktop app (tests/e2e/test_gui_cli.py).
    no_screen = {"QT_QPA_PLATFORM": None, "DISPLAY": None, "WAYLAND_DISPLAY": None}
    proc = run_kua(vault=tmp_path / "none", env_extra=no_screen)
    assert proc.returncode == 0 and "usage: kua" in proc.stdout
