"""`kua gui` and `kua` with no arguments, as a shell runs them."""

from __future__ import annotations

from tests.e2e.cli import run_kua

NO_SCREEN = {"QT_QPA_PLATFORM": None, "DISPLAY": None, "WAYLAND_DISPLAY": None}


def test_gui_without_a_display_is_a_one_line_error(tmp_path):
    proc = run_kua("gui", vault=tmp_path / "v", env_extra=NO_SCREEN)
    assert proc.returncode == 2
    assert proc.stderr.strip().count("\n") == 0
    assert "no display" in proc.stderr
    assert not (tmp_path / "v").exists()


def test_no_arguments_without_a_display_prints_help(tmp_path):
    proc = run_kua(vault=tmp_path / "v", env_extra=NO_SCREEN)
    assert proc.returncode == 0
    assert "gui" in proc.stdout and "record" in proc.stdout


def test_gui_is_listed_in_help(tmp_path):
    proc = run_kua("--help", vault=tmp_path / "v")
    assert "open the desktop app" in proc.stdout


def test_gui_screenshot_saves_the_first_screen_and_quits(tmp_path):
    """The hidden `--screenshot FILE` (how packaging/smoke.sh proves a build can draw)."""
    shot = tmp_path / "first.png"
    proc = run_kua("gui", "--screenshot", str(shot), vault=tmp_path / "v",
                   env_extra={"QT_QPA_PLATFORM": "offscreen"})
    assert proc.returncode == 0, proc.stderr
    assert shot.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n" and shot.stat().st_size > 10_000
