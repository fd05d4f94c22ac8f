"""Closing the window while something is running asks first; nothing recorded is lost."""

from __future__ import annotations

from PySide6.QtWidgets import QMessageBox


def _question(window):
    return window.findChild(QMessageBox, "quitQuestion")


def _click(box, text):
    button = next(b for b in box.buttons() if b.text() == text)
    button.click()


def test_close_while_busy_asks_and_can_be_refused(unlocked, ctx, qtbot, monkeypatch):
    window = unlocked
    monkeypatch.setattr(window.recorder, "busy_reason", lambda: "A recording is running.")
    window.close()
    qtbot.waitUntil(lambda: _question(window) is not None and _question(window).isVisible())
    box = _question(window)
    assert "A recording is running." in box.text()
    assert window.isVisible() and ctx.is_unlocked
    _click(box, "Keep working")
    qtbot.waitUntil(lambda: _question(window) is None or not _question(window).isVisible())
    assert window.isVisible() and ctx.is_unlocked


def test_close_while_busy_then_quit_closes_the_vault(unlocked, ctx, qtbot, monkeypatch):
    window = unlocked
    cleared = []
    monkeypatch.setattr(window.recorder, "busy_reason", lambda: "A recording is running.")
    monkeypatch.setattr(window.recorder, "clear", lambda: cleared.append(True))
    window.close()
    qtbot.waitUntil(lambda: _question(window) is not None and _question(window).isVisible())
    _click(_question(window), "Quit")
    qtbot.waitUntil(lambda: not window.isVisible())
    assert cleared == [True]          # the recorder was told to stop (and keep) its recording
    assert not ctx.is_unlocked
    assert ctx.executor.vault is None


def test_close_when_idle_quits_at_once(unlocked, ctx, qtbot):
    window = unlocked
    window.close()
    assert not window.isVisible()
    assert ctx.executor.vault is None


def test_quitting_during_a_real_recording_keeps_it(unlocked, ctx, qtbot, monkeypatch):
    """The question comes from the recorder itself; Quit stops and keeps the recording."""
    from harness import ui_flow
    window = unlocked

    def wait(condition, timeout):
        qtbot.waitUntil(condition, timeout=timeout)

    window.actions_by_name["actionRecord"].trigger()
    screen = window.recorder
    screen.sources.camera.setCurrentIndex(screen.sources.camera.findData("synthetic"))
    screen.sources.quality.setCurrentIndex(screen.sources.quality.findData("480p"))
    ui_flow.click(screen.record_button)
    wait(lambda: screen.driver.state == "recording"
         and screen.driver.session.status().elapsed >= 1.5, ui_flow.LONG)
    testimony_id = screen.driver.session.testimony_id
    window.close()
    wait(lambda: _question(window) is not None and _question(window).isVisible(), 10_000)
    assert "record" in _question(window).text().lower()
    _click(_question(window), "Quit")
    wait(lambda: not window.isVisible(), 30_000)
    assert ctx.executor.vault is None
    from storage.vault import Vault
    from harness.vaults import PASSPHRASE
    with Vault.open(ctx.vault_path, PASSPHRASE) as vault:
        (master,) = [i for i in vault.items.of_testimony(testimony_id) if i.kind == "master"]
        assert master.state == "complete" and master.duration >= 1.0
