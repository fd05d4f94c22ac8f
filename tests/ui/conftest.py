"""GUI fixtures: an offscreen Qt, an AppContext on a temp vault, a window at 1366×768.

Qt warnings fail a test (pytest-qt's qt_log_level_fail, set in pyproject.toml), as do
exceptions raised in slots (pytest-qt's default). Tests wait with qtbot.waitUntil /
waitSignal, never with sleep.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import TYPE_CHECKING, Iterator

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import pytest  # noqa: E402

from app.session import KdfChoice  # noqa: E402
from harness.vaults import PASSPHRASE, new_vault  # noqa: E402

if TYPE_CHECKING:
    from ui.runtime.context import AppContext

SCREEN_SIZE = (1366, 768)


@pytest.fixture(autouse=True)
def _gui_env(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Preferences and temp files of GUI tests stay in the test's folder."""
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "config"))
    tmp = tmp_path / "tmp"
    tmp.mkdir(exist_ok=True)
    monkeypatch.setenv("TMPDIR", str(tmp))
    monkeypatch.setattr("tempfile.tempdir", str(tmp))


@pytest.fixture(autouse=True)
def _english_afterwards(qapp) -> Iterator[None]:
    """A test that switches the language leaves the next one in English."""
    yield
    from core import i18n
    if i18n.current_language() != "en":
        from ui.runtime.translator import set_language
        set_language(qapp, "en")


@pytest.fixture
def ctx(tmp_path: Path, qapp) -> Iterator["AppContext"]:
    """An AppContext for a vault folder that does not exist yet (first run)."""
    from app.settings import config_path
    from ui.runtime.context import AppContext
    context = AppContext(tmp_path / "vault", kdf=KdfChoice(8, 1), prefs_path=config_path())
    yield context
    context.executor.shutdown()


@pytest.fixture
def existing_vault(tmp_path: Path) -> Path:
    """A closed vault (fast KDF) at the path `ctx` uses."""
    vault = new_vault(tmp_path / "vault")
    vault.close()
    return tmp_path / "vault"


@pytest.fixture
def window(ctx, qtbot):
    """The main window, shown at 1366×768."""
    from ui.main_window import MainWindow
    win = MainWindow(ctx)
    qtbot.addWidget(win)
    win.resize(*SCREEN_SIZE)
    win.show()
    yield win
    win.lock_now()
    ctx.executor.wait_idle()


def unlock(window, qtbot, passphrase: str = PASSPHRASE) -> None:
    """Type the passphrase on the lock screen and wait for the workspace."""
    from PySide6.QtCore import Qt
    field = window.unlock_screen.passphrase
    field.setText(passphrase)
    qtbot.keyClick(field, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: window.root.currentWidget() is window.workspace, timeout=10_000)


@pytest.fixture
def unlocked(existing_vault, window, qtbot):
    """The main window, unlocked on an empty vault."""
    unlock(window, qtbot)
    return window


def run_in_vault(ctx, fn):
    """Run `fn(vault)` on the vault thread and return its result (test setup only)."""
    box: dict = {}

    def task(vault):
        box["value"] = fn(vault)

    ctx.executor.submit(task)
    assert ctx.executor.wait_idle(30)
    return box.get("value")
