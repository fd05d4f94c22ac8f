"""Unhandled exceptions and Qt's messages never print a title, a name or a note.

An error carrying a marker is raised where nobody catches it: in a command, in a
background thread, in `__del__`, after `main()`, in a Qt slot, as a Qt warning. The
marker must appear in no output and no file (vault, TMPDIR, working folder, HOME);
each is named by its type. With KUA_DEBUG=1 the developer sees it (the check can fail).
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from harness.kua_command import kua_env
from tests.disk_scan import files_holding
from tests.e2e.cli import init_vault

MARKER = "Байжанов-Gulnar-7f3a"

_CLI = """
import sys, threading
import app.cli.vault

MARKER = {marker!r}

class Leaky:
    def __del__(self):
        raise ValueError("cleaning up " + MARKER)

def boom(args):
    worker = threading.Thread(target=lambda: (_ for _ in ()).throw(RuntimeError(MARKER)))
    worker.start()
    worker.join()
    leaky = Leaky()
    del leaky
    raise KeyError("title: " + MARKER)

app.cli.vault.cmd_list = boom
import app.cli.main
code = app.cli.main.main(["list"])
print("exit", code, flush=True)
raise LookupError("after main: " + MARKER)
"""

_GUI = """
import sys, threading
from PySide6.QtCore import QTimer, qWarning
from PySide6.QtWidgets import QApplication, QWidget
import ui.main_window

MARKER = {marker!r}

def slot():
    raise RuntimeError("slot: " + MARKER)

def worker():
    raise OSError("thread: " + MARKER)

class Window(QWidget):
    def __init__(self, ctx):
        super().__init__()
        QTimer.singleShot(0, slot)
        QTimer.singleShot(0, lambda: qWarning("warning: " + MARKER))
        QTimer.singleShot(0, lambda: threading.Thread(target=worker).start())
        QTimer.singleShot(300, QApplication.instance().quit)

ui.main_window.MainWindow = Window
import app.cli.main
print("exit", app.cli.main.main(["gui", "--vault", {vault!r}]), flush=True)
"""


def _run(script: str, tmp_path: Path, vault: Path, debug: bool) -> subprocess.CompletedProcess:
    for name in ("home", "tmp", "cwd"):
        (tmp_path / name).mkdir(exist_ok=True)
    env = kua_env(vault, {"HOME": str(tmp_path / "home"), "QT_QPA_PLATFORM": "offscreen",
                          "KUA_DEBUG": "1" if debug else None}, tmp_path / "tmp")
    return subprocess.run([sys.executable, "-c", script], env=env, cwd=tmp_path / "cwd",
                          capture_output=True, text=True, timeout=120)


@pytest.fixture(scope="module")
def vault(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("quiet") / "vault"
    init_vault(path)
    return path


def test_cli_prints_only_the_type_of_unexpected_errors(tmp_path, vault):
    proc = _run(_CLI.format(marker=MARKER), tmp_path, vault, debug=False)
    out = proc.stdout + proc.stderr
    assert MARKER not in out, out
    assert "exit 70" in proc.stdout and proc.returncode == 1
    for line in ("unexpected error in a background task (RuntimeError)",
                 "unexpected error while cleaning up (ValueError)",
                 "unexpected error (KeyError)", "unexpected error (LookupError)"):
        assert f"kua: {line}" in proc.stderr, proc.stderr
    assert not files_holding([MARKER.encode()], vault, tmp_path)
    debug = _run(_CLI.format(marker=MARKER), tmp_path, vault, debug=True)
    assert MARKER in debug.stderr and "Traceback" in debug.stderr


def test_app_prints_no_message_of_slots_threads_or_qt(tmp_path, vault):
    script = _GUI.format(marker=MARKER, vault=str(vault))
    proc = _run(script, tmp_path, vault, debug=False)
    out = proc.stdout + proc.stderr
    assert "exit 0" in proc.stdout, out
    assert MARKER not in out, out
    assert "kua: unexpected error (RuntimeError)" in proc.stderr, proc.stderr
    assert "kua: unexpected error in a background task (OSError)" in proc.stderr
    assert not files_holding([MARKER.encode()], vault, tmp_path)
    debug = _run(script, tmp_path, vault, debug=True)
    assert debug.stderr.count(MARKER) >= 3, debug.stderr
