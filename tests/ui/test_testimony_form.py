"""The testimony form: shows stored values, autosaves what is typed with `kua edit`'s
checks, people and names in several scripts, consent, required-field hints, and nothing
lost (or left behind in plaintext) when a save fails, the screen changes or Kua locks."""

from __future__ import annotations

import secrets

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QLineEdit, QMessageBox, QWidget

from app import fields, library
from core.errors import DiskFull, InvalidValue
from harness.vaults import PASSPHRASE
from storage.vault import Vault
from tests.ui.conftest import run_in_vault, unlock
from tests.ui.form_helpers import (WAIT, add_item, answer_with, create, open_form, stored,
                                   texts, type_text)


# -- tests --------------------------------------------------------------------

def test_load_shows_stored_values(unlocked, ctx, qtbot):
    tid = create(ctx, "Appeal", "public", [
        "recorded_at=2024-03-01 14:30", "place=Almaty", "language=Kazakh", "volunteer=A.K.",
        "notes=Met at home", "tags=camp,2019", "status=ready",
        "consent.disclosure=yes", "consent.voluntariness=yes", "consent.comprehension=no",
        "consent.competence=yes", "speaker.name=Жанар", "speaker.relation=sister",
        "detained.name=Ерлан Байжанов", "detained.name+=Erlan Baizhanov",
        "detained.birth_year=1978", "detained.chinese_id=650102198001011234",
        "detained.detained_on=2019-05", "detained.detention_place=Urumqi",
        "detained.charges=extremism", "detained.sentence=10 years", "detained.2.name=王伟"])
    item = add_item(ctx, tid)
    form = open_form(unlocked, qtbot, tid)
    f = form.fields
    assert [f[k].value() for k in ("title", "recorded_at", "place", "language", "volunteer",
                                   "notes", "tags")] == [
        "Appeal", "2024-03-01 14:30", "Almaty", "Kazakh", "A.K.", "Met at home", "2019, camp"]
    assert form.status.value() == "ready"
    assert form.consent.level.value() == "public"
    assert form.consent.answers() == {"disclosure": "yes", "voluntariness": "yes",
                                      "comprehension": "no", "competence": "yes"}
    assert form.speaker.names.names() == ["Жанар"]
    assert form.speaker.fields["relation"].value() == "sister"
    assert len(form.detained) == 2
    first = form.detained[0]
    assert first.names.names() == ["Ерлан Байжанов", "Erlan Baizhanov"]
    assert {k: first.fields[k].value() for k in ("birth_year", "chinese_id", "detained_on",
                                                 "detention_place", "charges", "sentence")} == {
        "birth_year": "1978", "chinese_id": "650102198001011234", "detained_on": "2019-05",
        "detention_place": "Urumqi", "charges": "extremism", "sentence": "10 years"}
    assert form.detained[1].names.names() == ["王伟"]
    assert form.detained[1].title.text() == "Detained person 2"
    assert list(form.media.rows) == [item]
    assert "Recording · 1:15 · complete" in form.media.rows[item].findChild(
        QLabel, "mediaTitle").text()
    assert not form.hints.isVisible()  # everything needed is there
    assert form.save_state.text() == ""
    assert unlocked.windowTitle() == "Kua"


def test_typing_autosaves_after_a_pause(unlocked, ctx, qtbot):
    tid = create(ctx, "", edits=["detained.name=Ерлан"])
    form = open_form(unlocked, qtbot, tid)
    with qtbot.waitSignal(ctx.catalogue_changed, timeout=WAIT,
                          check_params_cb=lambda t: t == tid):
        qtbot.keyClicks(form.fields["title"].line, "Appeal for Erlan")
        type_text(form.fields["notes"].text_edit, "Спокойно рассказала")
        type_text(form.detained[0].fields["hometown"].line, "Ghulja")
        type_text(form.fields["tags"].line, "camp, 2019")
        assert form.save_state.text() == "Saving…"
    qtbot.waitUntil(lambda: stored(ctx, tid).tags == ("2019", "camp"), timeout=WAIT)
    t = stored(ctx, tid)
    assert t.title == "Appeal for Erlan"
    assert (t.notes, t.detained[0].hometown, t.tags) == ("Спокойно рассказала", "Ghulja",
                                                        ("2019", "camp"))
    qtbot.waitUntil(lambda: form.save_state.text() == "Saved", timeout=WAIT)
    # Leaving a field saves at once, without waiting for the pause.
    qtbot.keyClicks(form.fields["place"].line, "Almaty")
    form.fields["place"].line.editingFinished.emit()
    assert not form.saver._timer.isActive()
    assert stored(ctx, tid).place == "Almaty"


def test_names_in_several_scripts_are_saved_and_found_across_scripts(unlocked, ctx, qtbot):
    tid = create(ctx, "")
    form = open_form(unlocked, qtbot, tid)
    assert form.detained == []
    qtbot.mouseClick(form.add_detained_button, Qt.MouseButton.LeftButton)
    names = form.detained[0].names
    for spelling in ("Ерлан Байжанов", "ئەرلان بايجانوۋ", "王伟"):
        if names.edits[-1].text():
            qtbot.mouseClick(names.add_button, Qt.MouseButton.LeftButton)
        type_text(names.edits[-1], spelling)
    scripts = [w.text() for w in names.findChildren(QLabel, "nameScript")]
    assert scripts == ["Cyrillic", "Arabic script", "Chinese"]
    qtbot.waitUntil(lambda: len(stored(ctx, tid).detained) == 1 and [
        n.text for n in stored(ctx, tid).detained[0].names] == [
        "Ерлан Байжанов", "ئەرلان بايجانوۋ", "王伟"], timeout=WAIT)
    found = run_in_vault(ctx, lambda v: [s.id for s in library.search_summaries(v, "Baizhanov")])
    assert found == [tid]
    found = run_in_vault(ctx, lambda v: [s.id for s in library.search_summaries(v, "Wang Wei")])
    assert found == [tid]
    # Remove the Arabic-script spelling: saved at once.
    remove = names.findChildren(QWidget, "removeSpelling")[1]
    qtbot.mouseClick(remove, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: [n.text for n in stored(ctx, tid).detained[0].names] == [
        "Ерлан Байжанов", "王伟"], timeout=WAIT)


def test_add_and_remove_detained_people(unlocked, ctx, qtbot, monkeypatch):
    tid = create(ctx, "", edits=["detained.name=Aidos"])
    form = open_form(unlocked, qtbot, tid)
    for name in ("Bolat", "Chen Li"):
        qtbot.mouseClick(form.add_detained_button, Qt.MouseButton.LeftButton)
        type_text(form.detained[-1].names.edits[0], name)
    qtbot.waitUntil(lambda: [p.names[0].text for p in stored(ctx, tid).detained if p.names]
                    == ["Aidos", "Bolat", "Chen Li"], timeout=WAIT)
    asked = answer_with(monkeypatch, QMessageBox.StandardButton.Yes)
    # Type into the third, then remove the second before the pause is over.
    type_text(form.detained[2].fields["hometown"].line, "Kulja")
    qtbot.mouseClick(form.detained[1].remove_button, Qt.MouseButton.LeftButton)
    assert asked == ["Remove this person?"]
    assert [e.title.text() for e in form.detained] == ["Detained person 1", "Detained person 2"]
    type_text(form.detained[1].fields["birth_year"].line, "1990")
    form.saver.flush()
    qtbot.waitUntil(lambda: not form.saver.pending, timeout=WAIT)
    t = stored(ctx, tid)
    assert [p.names[0].text for p in t.detained] == ["Aidos", "Chen Li"]
    assert (t.detained[1].hometown, t.detained[1].birth_year) == ("Kulja", 1990)
    # An empty person goes without asking.
    asked.clear()
    qtbot.mouseClick(form.add_detained_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: len(stored(ctx, tid).detained) == 3, timeout=WAIT)
    qtbot.mouseClick(form.detained[2].remove_button, Qt.MouseButton.LeftButton)
    assert asked == []
    qtbot.waitUntil(lambda: len(stored(ctx, tid).detained) == 2, timeout=WAIT)
    # Saying No keeps the person.
    answer_with(monkeypatch, QMessageBox.StandardButton.No)
    qtbot.mouseClick(form.detained[0].remove_button, Qt.MouseButton.LeftButton)
    assert len(form.detained) == 2


def test_consent_level_and_elements_are_saved(unlocked, ctx, qtbot):
    tid = create(ctx, "Appeal")
    form = open_form(unlocked, qtbot, tid)
    consent = form.consent
    assert consent.level.value() == "restricted"
    assert consent.answers() == dict.fromkeys(consent.answers(), "unknown")
    assert all(h.isVisibleTo(form) for h in consent.unanswered.values())
    qtbot.mouseClick(consent.level.buttons["anonymous"], Qt.MouseButton.LeftButton)
    qtbot.mouseClick(consent.elements["disclosure"].buttons["yes"], Qt.MouseButton.LeftButton)
    qtbot.mouseClick(consent.elements["competence"].buttons["no"], Qt.MouseButton.LeftButton)
    assert not consent.unanswered["disclosure"].isVisibleTo(form)
    qtbot.waitUntil(lambda: stored(ctx, tid).consent == "anonymous"
                    and stored(ctx, tid).consent_elements.competence is False, timeout=WAIT)
    elements = stored(ctx, tid).consent_elements
    assert (elements.disclosure, elements.voluntariness) == (True, None)
    qtbot.mouseClick(consent.elements["disclosure"].buttons["unknown"], Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: stored(ctx, tid).consent_elements.disclosure is None, timeout=WAIT)
    sentences = " ".join(texts(consent))
    assert "They were told what the recording is for and who will see it." in sentences


@pytest.mark.parametrize("field,bad", [("chinese_id", "110105194912310021"),
                                       ("detained_on", "May 2019"),
                                       ("detained_on", "2019-13-45")])
def test_invalid_value_shows_the_cli_error_and_keeps_the_text(unlocked, ctx, qtbot, field, bad):
    tid = create(ctx, "", edits=["detained.name=Aidos"])
    form = open_form(unlocked, qtbot, tid)
    with pytest.raises(InvalidValue) as cli:  # what `kua edit` says about it
        raise_cli_error(ctx, tid, f"detained.{field}={bad}")
    person = form.detained[0]
    type_text(person.fields[field].line, bad)
    qtbot.keyClicks(form.fields["title"].line, "Still saved")
    form.saver.flush()
    qtbot.waitUntil(lambda: person.fields[field].error.text() != "", timeout=WAIT)
    assert person.fields[field].error.text() == str(cli.value)
    assert person.fields[field].error.isVisibleTo(form)
    assert person.fields[field].value() == bad
    assert form.save_state.text() == "Not saved: check the field marked in red"
    assert not form.findChildren(QMessageBox)
    t = stored(ctx, tid)
    assert t.title == "Still saved" and getattr(t.detained[0], field) == ""
    # Correcting it saves it and the message goes.
    good = "650102198001011234" if field == "chinese_id" else "2019-05-17"
    person.fields[field].line.setText("")
    type_text(person.fields[field].line, good)
    form.saver.flush()
    qtbot.waitUntil(lambda: getattr(stored(ctx, tid).detained[0], field) == good, timeout=WAIT)
    qtbot.waitUntil(lambda: not person.fields[field].error.isVisibleTo(form), timeout=WAIT)
    assert form.save_state.text() == "Saved"


def raise_cli_error(ctx, tid: str, assignment: str) -> None:
    """Raise what `kua edit ID --set ASSIGNMENT` would say (without changing anything)."""
    box = {}

    def attempt(vault: Vault) -> None:
        try:
            fields.apply_edits(vault, tid, [assignment])
        except InvalidValue as exc:
            box["error"] = exc
    run_in_vault(ctx, attempt)
    raise box["error"]


def test_recorded_date_error_and_bad_birth_year(unlocked, ctx, qtbot):
    tid = create(ctx, "x", edits=["speaker.name=Zhanar"])
    form = open_form(unlocked, qtbot, tid)
    type_text(form.fields["recorded_at"].line, "yesterday")
    type_text(form.speaker.fields["birth_year"].line, "19x5")
    form.saver.flush()
    qtbot.waitUntil(lambda: form.fields["recorded_at"].error.text() != ""
                    and form.speaker.fields["birth_year"].error.text() != "", timeout=WAIT)
    assert form.fields["recorded_at"].error.text() == (
        "recorded_at must be a date or date and time, like 2024-03-01 14:30")
    assert form.speaker.fields["birth_year"].error.text().startswith("birth_year must be a year")
    assert form.fields["recorded_at"].value() == "yesterday"


def test_a_failed_save_keeps_the_text_and_tries_again(unlocked, ctx, qtbot, monkeypatch):
    """Disk full: the standard error dialog with the CLI's words; the text stays and is
    saved with the next edit."""
    tid = create(ctx, "")
    form = open_form(unlocked, qtbot, tid)
    real = fields.apply_edit_groups

    def full(vault, some_id, groups):
        raise DiskFull()
    monkeypatch.setattr(fields, "apply_edit_groups", full)
    type_text(form.fields["title"].line, "Kept")
    form.saver.flush()
    qtbot.waitUntil(lambda: form.findChild(QMessageBox, "errorDialog") is not None, timeout=WAIT)
    dialog = form.findChild(QMessageBox, "errorDialog")
    assert dialog.text() == "the disk is full: nothing was changed"
    dialog.close()
    assert form.fields["title"].value() == "Kept" and form.save_state.text() == "Not saved yet"
    assert stored(ctx, tid).title == ""
    monkeypatch.setattr(fields, "apply_edit_groups", real)
    qtbot.waitUntil(lambda: not form.saver._in_flight, timeout=WAIT)
    type_text(form.fields["place"].line, "Almaty")
    form.saver.flush()
    qtbot.waitUntil(lambda: form.save_state.text() == "Saved", timeout=WAIT)
    assert (stored(ctx, tid).title, stored(ctx, tid).place) == ("Kept", "Almaty")


def test_switching_screens_right_after_typing_loses_nothing(unlocked, ctx, qtbot):
    tid = create(ctx, "", edits=["detained.name=Aidos"])
    form = open_form(unlocked, qtbot, tid)
    form.add_detained_button.setFocus()
    # Typed without the fields taking the focus: no focus-out saves them, only the hiding.
    type_text(form.fields["title"].line, "Typed quickly", focus=False)
    type_text(form.detained[0].fields["sentence"].line, "7 years", focus=False)
    assert form.saver._timer.isActive() and form.add_detained_button.hasFocus()
    unlocked.show_screen(unlocked.library)  # before the pause is over
    assert not form.isVisible() and not form.saver._timer.isActive()
    t = stored(ctx, tid)  # queued after the save: no waiting needed
    assert (t.title, t.detained[0].sentence) == ("Typed quickly", "7 years")
    # Opening it again shows what was typed.
    form = open_form(unlocked, qtbot, tid)
    assert form.fields["title"].value() == "Typed quickly"


def test_panic_lock_saves_then_empties_every_field(unlocked, ctx, qtbot):
    marker = "KUAMARKER" + secrets.token_hex(6)
    tid = create(ctx, "", edits=["detained.name=Aidos"])
    form = open_form(unlocked, qtbot, tid)
    type_text(form.fields["notes"].text_edit, f"notes {marker}")
    type_text(form.fields["title"].line, f"title {marker}")
    type_text(form.detained[0].names.edits[0], f" {marker}")
    type_text(form.speaker.fields["contact"].line, marker)
    assert form.saver._timer.isActive()
    unlocked.lock_now()
    assert unlocked.root.currentWidget() is unlocked.unlock_screen
    assert not [t for t in texts(form) if marker in t]
    assert form.detained == [] and form.testimony_id is None
    assert all(not w.isUndoAvailable() for w in form.findChildren(QLineEdit))
    assert ctx.executor.wait_idle()
    with Vault.open(ctx.vault_path, PASSPHRASE) as vault:
        t = vault.catalogue.get(tid)
    assert (t.notes, t.title, t.speaker.contact) == (f"notes {marker}", f"title {marker}", marker)
    assert t.detained[0].names[0].text == f"Aidos {marker}"
    unlock(unlocked, qtbot)


def test_required_field_hints_appear_and_disappear(unlocked, ctx, qtbot):
    tid = create(ctx, "")
    form = open_form(unlocked, qtbot, tid)
    ready = form.status.buttons["ready"]
    assert form.hints.isVisible()
    text = form.hints.text()
    assert "a title, or the name of a detained person" in text
    assert "Told what it is for, Agreed freely, Understood, Able to decide" in text
    assert not ready.isEnabled()
    qtbot.mouseClick(form.add_detained_button, Qt.MouseButton.LeftButton)
    type_text(form.detained[0].names.edits[0], "Aidos")
    assert "a title" not in form.hints.text()
    for element in ("disclosure", "voluntariness", "comprehension"):
        qtbot.mouseClick(form.consent.elements[element].buttons["yes"], Qt.MouseButton.LeftButton)
    assert form.hints.text().endswith("an answer to each consent question: Able to decide")
    qtbot.mouseClick(form.consent.elements["competence"].buttons["no"], Qt.MouseButton.LeftButton)
    assert not form.hints.isVisible() and ready.isEnabled()
    qtbot.mouseClick(ready, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: stored(ctx, tid).status == "ready", timeout=WAIT)
    # Typing is never blocked: emptying the name brings the hint back, status stays.
    form.detained[0].names.edits[0].clear()
    type_text(form.detained[0].names.edits[0], "")
    form.detained[0].names.edits[0].textEdited.emit("")
    assert form.hints.isVisible() and "a title" in form.hints.text()
    assert ready.isChecked() and ready.isEnabled()


def test_no_plaintext_on_disk_after_saving(unlocked, ctx, qtbot, tmp_path):
    marker = "KUAMARKER" + secrets.token_hex(6)
    tid = create(ctx, "")
    form = open_form(unlocked, qtbot, tid)
    type_text(form.fields["notes"].text_edit, f"said {marker} and Байжанов{marker}")
    qtbot.mouseClick(form.add_detained_button, Qt.MouseButton.LeftButton)
    type_text(form.detained[0].names.edits[0], f"Ерлан{marker}")
    qtbot.waitUntil(lambda: marker in stored(ctx, tid).notes
                    and bool(stored(ctx, tid).detained[0].names), timeout=WAIT)
    needles = [w.encode(enc) for w in (marker, marker.lower(), marker[len("KUAMARKER"):])
               for enc in ("utf-8", "utf-16-le")]

    def leaks() -> list[str]:
        files = [p for d in (ctx.vault_path, tmp_path / "tmp") for p in d.rglob("*") if p.is_file()]
        assert any(p.name == "vault.db" for p in files)
        return [p.name for p in files if any(n in p.read_bytes() for n in needles)]

    assert leaks() == []
    unlocked.lock_now()
    assert ctx.executor.wait_idle()
    assert leaks() == []
    unlock(unlocked, qtbot)


