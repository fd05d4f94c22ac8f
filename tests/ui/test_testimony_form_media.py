"""The testimony form's media list (play, record more, copies, consent), deleting a
testimony, and a layout that fits small screens."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QMessageBox, QWidget

from media.transcode_profiles import get_profile
from core.errors import NotFound
from tests.ui.conftest import run_in_vault
from tests.ui.form_helpers import WAIT, add_item, answer_with, create, open_form, stored


def test_media_items_play_record_copies_and_consent(unlocked, ctx, qtbot, monkeypatch):
    tid = create(ctx, "Appeal", "anonymous")
    master = add_item(ctx, tid)
    anonymized = add_item(ctx, tid, "anonymized", parent=master,
                           params=get_profile("anonymized").params_json())
    photo = add_item(ctx, tid, "still", media_type="image")
    form = open_form(unlocked, qtbot, tid)
    rows = form.media.rows
    assert list(rows) == [master, anonymized, photo]
    # Consent refuses the master and the photo as they are, in plain words.
    notes = {i: r.findChild(QLabel, "consentNote") for i, r in rows.items()}
    assert notes[master] is not None and "anonymized" in notes[master].text()
    assert notes[anonymized] is None and notes[photo] is not None
    share = rows[master].findChild(QWidget, "makeShareCopy")
    assert not share.isEnabled() and "anonymized" in share.toolTip()
    assert rows[photo].findChild(QWidget, "makeShareCopy") is None
    # The main window would open the player on these bytes that are not a video: the
    # form's part ends at the signal.
    ctx.play_item.disconnect(unlocked._play)
    with qtbot.waitSignal(ctx.play_item, check_params_cb=lambda i: i == master):
        qtbot.mouseClick(rows[master].findChild(QWidget, "playItem"), Qt.MouseButton.LeftButton)
    open_form(unlocked, qtbot, tid)
    with qtbot.waitSignal(ctx.record_into, check_params_cb=lambda t: t == tid):
        qtbot.mouseClick(form.media.record_button, Qt.MouseButton.LeftButton)
    form = open_form(unlocked, qtbot, tid)
    # The anonymized copy exists already: say so, queue nothing.
    jobs_changed = []
    ctx.jobs_changed.connect(lambda: jobs_changed.append(1))
    qtbot.mouseClick(form.media.rows[master].findChild(QWidget, "makeAnonymizedCopy"),
                     Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: form.media.message.text() != "", timeout=WAIT)
    assert "exists already" in form.media.message.text() and jobs_changed == []
    # Public consent: the note goes, a copy to share can be made and is queued.
    qtbot.mouseClick(form.consent.level.buttons["public"], Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: form.media.rows.get(master) is not None and form.media.rows[
        master].findChild(QLabel, "consentNote") is None, timeout=WAIT)
    share = form.media.rows[master].findChild(QWidget, "makeShareCopy")
    assert share.isEnabled()
    with qtbot.waitSignal(ctx.jobs_changed, timeout=WAIT):
        qtbot.mouseClick(share, Qt.MouseButton.LeftButton)
    assert "Jobs" in form.media.message.text()
    params = get_profile("share").params_json()
    assert run_in_vault(ctx, lambda v: v.conn.execute(
        "SELECT count(*) FROM jobs WHERE item_id = ? AND params = ?", (master, params)
    ).fetchone()[0]) == 1
    unlocked.lock_now()  # the job runner took the job: the lock puts it back in the queue


def test_delete_testimony_after_confirmation(unlocked, ctx, qtbot, monkeypatch):
    tid = create(ctx, "To delete")
    add_item(ctx, tid)
    form = open_form(unlocked, qtbot, tid)
    asked = answer_with(monkeypatch, QMessageBox.StandardButton.No)
    qtbot.mouseClick(form.delete_button, Qt.MouseButton.LeftButton)
    assert asked and stored(ctx, tid).title == "To delete"
    answer_with(monkeypatch, QMessageBox.StandardButton.Yes)
    qtbot.keyClicks(form.fields["title"].line, " typed")  # pending: must not resurrect it
    with qtbot.waitSignal(ctx.show_library, timeout=WAIT):
        qtbot.mouseClick(form.delete_button, Qt.MouseButton.LeftButton)
    assert unlocked.workspace.currentWidget() is unlocked.library
    assert form.fields["title"].value() == "" and form.testimony_id is None
    with pytest.raises(NotFound):
        stored(ctx, tid)
    assert not [f for f in ctx.vault_path.joinpath("objects").rglob("*") if f.is_file()]


@pytest.mark.parametrize("size", [(1366, 768), (800, 560)])
def test_form_fits_without_sideways_scrolling(unlocked, ctx, qtbot, size):
    tid = create(ctx, "", edits=["detained.name=Aidos", "detained.2.name=Bolat"])
    add_item(ctx, tid)
    unlocked.resize(*size)
    form = open_form(unlocked, qtbot, tid)
    qtbot.waitUntil(lambda: form.scroll.verticalScrollBar().maximum() > 0, timeout=WAIT)
    assert not form.scroll.horizontalScrollBar().isVisible()
    assert form.scroll.widget().width() <= form.scroll.viewport().width()
