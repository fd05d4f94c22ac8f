"""The library shows delivered testimonies and erases them, after asking with their count."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox

from app import bundles, receipts
from app.bundle_import import import_bundle
from harness.vaults import PASSPHRASE, new_vault
from storage.vault import Vault
from tests.app.bundle_helpers import make_testimony, organizer, write_files
from tests.ui.conftest import unlock
from tests.ui.test_library import library_of, titles, wait_rows
from ui.library.model import Col


def _deliver(existing_vault, tmp_path) -> None:
    """Two testimonies; one exported, imported by an organizer, and its receipt checked."""
    org = organizer()
    archive = new_vault(tmp_path / "archive")
    with Vault.open(existing_vault, PASSPHRASE) as vault:
        handed = make_testimony(vault, write_files(tmp_path / "a", a=3000), title="handed over")
        make_testimony(vault, write_files(tmp_path / "b", b=3000), title="still here")
        bundles.export_bundle(vault, [handed], tmp_path / "stick", [org.recipient])
        report = import_bundle(archive, tmp_path / "stick", [org.identity])
        archive.close()
        receipts.check_receipt(vault, tmp_path / "stick" / report.receipt.split("/")[-1])


def test_delivered_is_shown_and_erased_after_asking(existing_vault, window, qtbot, tmp_path,
                                                    monkeypatch):
    _deliver(existing_vault, tmp_path)
    unlock(window, qtbot)
    lib = library_of(window, qtbot)
    wait_rows(lib, qtbot, ["handed over", "still here"])
    shown = {lib.model.summary(r).title: lib.model.index(r, Col.STATUS).data() for r in range(2)}
    assert shown["handed over"] == "Delivered"
    lib.status_filter.setCurrentIndex(lib.status_filter.findData("delivered"))
    assert titles(lib) == ["handed over"]
    lib.status_filter.setCurrentIndex(0)
    button = lib.erase_delivered
    assert button.isVisible() and button.text() == "Erase what the organizer has confirmed"

    asked: list[str] = []
    answers = [QMessageBox.StandardButton.No, QMessageBox.StandardButton.Yes]

    def question(parent, title, text, *args, **kwargs):
        asked.append(text)
        return answers[len(asked) - 1]
    monkeypatch.setattr(QMessageBox, "question", staticmethod(question))
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: len(asked) == 1 and button.isEnabled(), timeout=5_000)
    assert "confirmed receiving 1 testimonies" in asked[0]
    assert sorted(titles(lib)) == ["handed over", "still here"]  # "No" erased nothing
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    wait_rows(lib, qtbot, ["still here"])
    qtbot.waitUntil(lambda: not button.isVisible(), timeout=5_000)
