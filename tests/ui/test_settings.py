"""The Settings dialog: preferences saved and followed, the address book, the passphrase."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox

from app import bundles
from harness.vaults import FAST_KDF, PASSPHRASE
from storage import keyslots
from core.errors import WrongPassphrase
from storage.bundles.age_pq import HybridIdentity
from storage.vault import Vault
from tests.ui.conftest import run_in_vault, unlock
from ui.export.address_book import short_key


def _saved(tmp_path: Path) -> dict:
    """The preferences file the app uses (XDG_CONFIG_HOME/kua/settings.json)."""
    return json.loads((tmp_path / "config" / "kua" / "settings.json").read_text())


def test_auto_lock_is_saved_and_the_idle_timer_follows(unlocked, ctx, qtbot, tmp_path):
    window = unlocked
    dialog = window.open_settings()
    assert dialog.auto_lock.value() == 10 and window.idle.minutes == 10
    dialog.auto_lock.setValue(3)
    assert ctx.prefs.auto_lock_minutes == 3
    assert _saved(tmp_path)["auto_lock_minutes"] == 3
    assert window.idle.minutes == 3 and window.idle.timer.isActive()
    assert window.idle.timer.interval() == 3 * 60_000
    dialog.auto_lock.setValue(0)
    assert dialog.auto_lock.text() == "Never"
    assert _saved(tmp_path)["auto_lock_minutes"] == 0
    assert window.idle.minutes == 0 and not window.idle.timer.isActive()


def test_quality_and_language_are_saved(unlocked, ctx, qtbot, tmp_path):
    dialog = unlocked.open_settings()
    assert dialog.quality.currentData() == "720p"
    dialog.quality.setCurrentIndex(dialog.quality.findData("1080p"))
    assert ctx.prefs.quality == "1080p" and _saved(tmp_path)["quality"] == "1080p"
    assert [dialog.language.itemText(i) for i in range(dialog.language.count())] == [
        "English", "Қазақша", "Qazaqşa (latyn)", "Русский", "ئۇيغۇرچە", "中文（简体）"]
    dialog.language.setCurrentIndex(dialog.language.findData("ru"))
    assert ctx.prefs.language == "ru" and _saved(tmp_path)["language"] == "ru"
    assert dialog.windowTitle() == "Настройки"  # at once, without a restart
    # A new dialog shows what was saved.
    dialog.reject()
    again = unlocked.open_settings()
    assert again.quality.currentData() == "1080p" and again.language.currentData() == "ru"


def _book(ctx) -> list[tuple[str, str]]:
    return [(o.name, o.recipient) for o in run_in_vault(ctx, bundles.organizers)]


def test_organizers_add_invalid_and_remove(unlocked, ctx, qtbot, monkeypatch):
    dialog = unlocked.open_settings()
    book = dialog.address_book
    dialog.tabs.setCurrentWidget(book)
    qtbot.waitUntil(lambda: book.empty.isVisible())
    assert not book.add_button.isEnabled() and not book.remove_button.isEnabled()
    recipient = str(HybridIdentity.generate().recipient)  # post-quantum, as organizers make
    qtbot.keyClicks(book.name, "Aigerim")
    qtbot.keyClicks(book.key, "age1notakey")
    qtbot.mouseClick(book.add_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: book.error.text() != "")
    assert "is not an age recipient (age1pq1… or age1…)" in book.error.text()
    assert book.key.text() == "age1notakey" and _book(ctx) == []
    book.key.setText(recipient)
    qtbot.keyClick(book.key, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: book.list.count() == 1)
    assert _book(ctx) == [("Aigerim", recipient)]
    assert book.list.item(0).text() == f"Aigerim\n{short_key(recipient)}"
    assert book.name.text() == "" and "Added Aigerim" in book.error.text()
    # Removing asks first; "No" keeps the organizer.
    asked = []

    def answer(reply):
        def question(*args, **kwargs):
            asked.append(args[2])
            return reply
        return staticmethod(question)

    book.list.setCurrentRow(0)
    monkeypatch.setattr(QMessageBox, "question", answer(QMessageBox.StandardButton.No))
    qtbot.mouseClick(book.remove_button, Qt.MouseButton.LeftButton)
    assert "Remove Aigerim" in asked[0] and _book(ctx) == [("Aigerim", recipient)]
    monkeypatch.setattr(QMessageBox, "question", answer(QMessageBox.StandardButton.Yes))
    qtbot.mouseClick(book.remove_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: book.list.count() == 0 and book.empty.isVisible())
    assert _book(ctx) == []


def test_change_passphrase(unlocked, ctx, qtbot):
    settings = unlocked.open_settings()
    dialog = settings.open_change_passphrase()
    dialog.passphrase.setText("short")
    assert not dialog.change_button.isEnabled() and "too easy" in dialog.hint.text()
    new = "a brand new and long passphrase"
    dialog.passphrase.setText(new)
    dialog.confirm.setText(new + "x")
    assert not dialog.change_button.isEnabled() and "different" in dialog.hint.text()
    dialog.confirm.setText(new)
    assert dialog.change_button.isEnabled()
    with qtbot.waitSignal(dialog.accepted, timeout=10_000):
        qtbot.mouseClick(dialog.change_button, Qt.MouseButton.LeftButton)
    box = settings.findChild(QMessageBox, "passphraseChanged")
    assert box is not None and "recovery key still works" in box.text()
    box.accept()
    unlocked.lock_now()
    assert ctx.executor.wait_idle()
    Vault.open(ctx.vault_path, new).close()
    try:
        Vault.open(ctx.vault_path, PASSPHRASE).close()
    except Exception as error:  # noqa: BLE001 - only the type matters
        assert type(error).__name__ == "WrongPassphrase"
    else:
        raise AssertionError("the old passphrase still opens the vault")


@pytest.fixture
def old_recovery(tmp_path: Path) -> str:
    """A closed vault at the path `ctx` uses; its recovery key."""
    vault, recovery = Vault.create(tmp_path / "vault", PASSPHRASE, kdf=FAST_KDF)
    vault.close()
    return recovery


def test_change_passphrase_with_a_new_recovery_key(old_recovery, window, ctx, qtbot):
    """"Also make a new recovery key": the new key is shown once, as on the first run,
    until "I have written it down"; it opens the vault and the old one no longer does."""
    unlock(window, qtbot)
    dialog = window.open_settings().open_change_passphrase()
    new = "a brand new and long passphrase"
    dialog.passphrase.setText(new)
    dialog.confirm.setText(new)
    dialog.new_recovery.setChecked(True)
    qtbot.mouseClick(dialog.change_button, Qt.MouseButton.LeftButton)
    panel = dialog.key_panel
    qtbot.waitUntil(lambda: dialog.pages.currentWidget() is panel, timeout=10_000)
    shown = panel.key_label.text().replace("\n", "")
    assert keyslots.parse_recovery_key(shown) is not None and shown != old_recovery
    assert not panel.continue_button.isEnabled()
    panel.written.setChecked(True)
    with qtbot.waitSignal(dialog.accepted, timeout=5_000):
        qtbot.mouseClick(panel.continue_button, Qt.MouseButton.LeftButton)
    window.lock_now()
    assert ctx.executor.wait_idle()
    for secret in (new, shown):
        Vault.open(ctx.vault_path, secret).close()
    for secret in (PASSPHRASE, old_recovery):
        with pytest.raises(WrongPassphrase):
            Vault.open(ctx.vault_path, secret)
