"""First run, unlock, wrong passphrase, vault in use."""

from __future__ import annotations

from PySide6.QtCore import Qt

from harness.vaults import PASSPHRASE
from storage.vault import Vault, is_vault
from tests.ui.conftest import unlock


def test_first_run_creates_the_vault_and_shows_the_key_once(window, ctx, qtbot):
    screen = window.first_run
    assert window.root.currentWidget() is screen
    assert not window.toolbar.isVisible()
    screen.passphrase.setText("short")
    assert screen.meter.value() == 1 and not screen.create_button.isEnabled()
    qtbot.keyClicks(screen.passphrase, " enough words to pass")
    qtbot.keyClicks(screen.confirm, "short enough words to pas")
    assert "different" in screen.hint.text()
    qtbot.keyClicks(screen.confirm, "s")
    assert screen.create_button.isEnabled()
    qtbot.mouseClick(screen.create_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: screen.currentIndex() == 1, timeout=10_000)
    key = screen.key_label.text().replace("\n", "")
    assert len(key.split("-")) == 8
    assert not screen.continue_button.isEnabled()
    screen.written.setChecked(True)
    qtbot.mouseClick(screen.continue_button, Qt.MouseButton.LeftButton)
    assert window.root.currentWidget() is window.workspace
    assert screen.key_label.text() == "" and screen.passphrase.text() == ""
    assert is_vault(ctx.vault_path)
    window.lock_now()
    ctx.executor.wait_idle()
    # The recovery key shown opens the vault.
    Vault.open(ctx.vault_path, key).close()


def test_wrong_passphrase_says_so_and_keeps_focus(existing_vault, window, qtbot):
    screen = window.unlock_screen
    assert window.root.currentWidget() is screen
    window.activateWindow()
    screen.passphrase.setFocus()
    qtbot.keyClicks(screen.passphrase, "not the passphrase")
    qtbot.keyClick(screen.passphrase, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: screen.message.text() != "", timeout=10_000)
    assert "passphrase" in screen.message.text().lower()
    assert screen.passphrase.hasFocus()
    assert screen.passphrase.selectedText() == "not the passphrase"
    assert window.root.currentWidget() is screen
    unlock(window, qtbot)
    assert window.toolbar.isVisible()
    assert window.windowTitle() == "Kua"


def test_vault_in_use_by_another_kua(existing_vault, window, qtbot):
    other = Vault.open(existing_vault, PASSPHRASE)
    try:
        screen = window.unlock_screen
        screen.passphrase.setText(PASSPHRASE)
        screen.unlock()
        qtbot.waitUntil(lambda: screen.message.text() != "", timeout=10_000)
        assert "in use" in screen.message.text()
        assert window.root.currentWidget() is screen
    finally:
        other.close()
    unlock(window, qtbot)


def test_panic_lock_returns_to_unlock_and_closes_the_vault(unlocked, ctx, qtbot):
    window = unlocked
    assert ctx.executor.wait_idle()
    assert ctx.executor.vault is not None
    qtbot.keyClick(window, Qt.Key.Key_L, Qt.KeyboardModifier.ControlModifier)
    assert window.root.currentWidget() is window.unlock_screen
    assert not window.toolbar.isVisible()
    assert ctx.executor.wait_idle()
    assert ctx.executor.vault is None
    # The vault is free again: another process could open it.
    Vault.open(ctx.vault_path, PASSPHRASE).close()


def test_auto_lock_fires_after_idle(existing_vault, ctx, window, qtbot):
    unlock(window, qtbot)
    window.idle.set_minutes(0.002)  # 120 ms
    qtbot.waitUntil(lambda: window.root.currentWidget() is window.unlock_screen, timeout=5_000)


def test_auto_lock_waits_while_recording(existing_vault, ctx, window, qtbot):
    unlock(window, qtbot)
    ctx.recording_active = True
    window.idle.set_minutes(0.001)
    for _ in range(3):  # three idle periods end (the timer's own signal); each is postponed
        with qtbot.waitSignal(window.idle.timer.timeout, timeout=5_000):
            pass
        assert window.root.currentWidget() is window.workspace
        assert window.idle.timer.isActive()  # counting again, not given up
    ctx.recording_active = False
    qtbot.waitUntil(lambda: window.root.currentWidget() is window.unlock_screen, timeout=5_000)
