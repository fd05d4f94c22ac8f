"""The library names damage that recovery found: a badge in the status column, and the
item id and media time in its tooltip."""

from __future__ import annotations

from PySide6.QtCore import Qt

from storage import models
from tests.ui.conftest import unlock
from ui.library.model import Col, LibraryModel


def _summary(tid: str, damage=()) -> models.TestimonySummary:
    return models.TestimonySummary(tid, "appeal", "draft", "restricted", "2026-01-02T10:00:00Z",
                            "2026-01-02T10:00:00Z", None, (), 1, 12.0, damage)


def test_damaged_and_lost_items_show_in_the_library(qtbot):
    model = LibraryModel()
    model.set_summaries([_summary("t0000001", (("m0000001", "damaged", 63.4),
                                               ("m0000002", "lost", None))),
                         _summary("t0000002")], None)
    rows = {model.summary(r).id: r for r in range(model.rowCount())}
    damaged = model.index(rows["t0000001"], Col.STATUS)
    fine = model.index(rows["t0000002"], Col.STATUS)
    assert "damaged" in model.data(damaged)
    assert "damaged" not in model.data(fine)
    tip = model.data(damaged, Qt.ItemDataRole.ToolTipRole)
    assert "m0000001 is damaged at 1:03" in tip and "m0000002 is lost" in tip


def test_unlock_says_what_it_found_and_keeps_it(existing_vault, window, qtbot):
    """Sealed objects the catalogue does not know are kept, and the library says so
    after the unlock."""
    stray = existing_vault / "objects" / "ab" / ("ab" * 16)
    stray.parent.mkdir(exist_ok=True)
    stray.write_bytes(b"sealed bytes of a newer recording")
    unlock(window, qtbot)
    notice = window.library.notice
    qtbot.waitUntil(lambda: notice.isVisible())
    assert "does not know: 1" in notice.text()
    assert stray.read_bytes() == b"sealed bytes of a newer recording"
