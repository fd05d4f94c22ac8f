"""A volunteer's whole first session, step by step, as clicks and typing on the real window.

Used by tests/ui/test_flow.py (asserting each step), scripts/screenshots.py (saving
a picture of each screen) and bench/gui.py (the same clicks and waits, timed).
`wait(condition, timeout_ms)` processes Qt events until the condition holds;
`shot(name, widget)` is called at each screen worth a picture.
"""

from __future__ import annotations

import time
from contextlib import contextmanager
from pathlib import Path
from typing import Callable, Iterator

from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtTest import QTest
from PySide6.QtWidgets import (QAbstractButton, QApplication, QFileDialog, QLineEdit,
                               QWidget)

Wait = Callable[[Callable[[], bool], int], None]
Shot = Callable[[str, QWidget], None]
LONG = 60_000
PASSPHRASE = "four words make a passphrase"


def wait_for(app: QApplication, condition: Callable[[], bool], seconds: float) -> None:
    """Process Qt events until `condition()` holds (for scripts; tests use qtbot.waitUntil)."""
    deadline = time.monotonic() + seconds
    while not condition():
        if time.monotonic() > deadline:
            raise TimeoutError("the app did not get there in time")
        app.processEvents()
        time.sleep(0.002)


def visible_texts(root: QWidget) -> list[str]:
    """Every text that line edits, text boxes, labels and buttons under `root` hold."""
    from PySide6.QtWidgets import QLabel, QPlainTextEdit, QTextEdit
    texts = [w.text() for w in root.findChildren(QLineEdit)]
    texts += [w.toPlainText() for w in root.findChildren(QPlainTextEdit)]
    texts += [w.toPlainText() for w in root.findChildren(QTextEdit)]
    texts += [w.text() for w in root.findChildren(QLabel)]
    texts += [w.text() for w in root.findChildren(QAbstractButton)]
    return texts


def click(button: QAbstractButton) -> None:
    """A left click in the middle of a button."""
    QTest.mouseClick(button, Qt.MouseButton.LeftButton)


def type_into(edit: QLineEdit, text: str) -> None:
    """Focus a field and type `text`, key by key, then press Return (the field is done)."""
    edit.setFocus()
    type_keys(edit, text)
    QTest.keyClick(edit, Qt.Key.Key_Return)


def type_keys(widget: QWidget, text: str) -> None:
    """One key press and release per character, in any script (QTest knows ASCII only)."""
    for ch in text:
        for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
            QApplication.sendEvent(widget, QKeyEvent(kind, 0, Qt.KeyboardModifier.NoModifier, ch))


def first_run(window, wait: Wait, shot: Shot) -> str:
    """Create the vault; returns the recovery key shown once."""
    screen = window.first_run
    type_into(screen.passphrase, PASSPHRASE)
    type_into(screen.confirm, PASSPHRASE)
    shot("01-first-run", window)
    click(screen.create_button)
    wait(lambda: screen.currentIndex() == 1, LONG)
    key = screen.key_label.text().replace("\n", "")
    shot("02-recovery-key", window)
    screen.written.setChecked(True)
    click(screen.continue_button)
    wait(lambda: window.library.is_loaded, LONG)
    shot("03-library-empty", window)
    return key


def record(window, wait: Wait, shot: Shot, seconds: float = 3.0) -> str:
    """Record the test picture for `seconds`, with one photo; returns the testimony id."""
    window.actions_by_name["actionRecord"].trigger()
    screen = window.recorder
    screen.sources.camera.setCurrentIndex(screen.sources.camera.findData("synthetic"))
    screen.sources.quality.setCurrentIndex(screen.sources.quality.findData("480p"))
    click(screen.record_button)
    wait(lambda: screen.driver.state == "recording", LONG)
    wait(lambda: (screen.driver.session is not None
                  and screen.driver.session.status().elapsed >= seconds / 2), LONG)
    click(screen.still_button)
    wait(lambda: screen.driver.session.status().elapsed >= seconds, LONG)
    shot("04-recorder", window)
    testimony_id = screen.driver.session.testimony_id
    click(screen.stop_button)
    wait(lambda: screen.driver.state == "idle" and screen.details_button.isVisible(), LONG)
    return testimony_id


def fill_form(window, wait: Wait, shot: Shot, title: str, names: tuple[str, ...]) -> None:
    """From the recorder's "Fill in the details": title, a detained person, consent."""
    click(window.recorder.details_button)
    form = window.form
    wait(lambda: form.content.isEnabled() and bool(form.testimony_id), LONG)
    type_into(form.findChild(QLineEdit, "field_title"), title)
    click(form.add_detained_button)
    wait(lambda: form.findChild(QWidget, "personCard") is not None, LONG)
    card = form.findChild(QWidget, "personCard")
    spellings = card.findChildren(QLineEdit, "nameSpelling")
    type_into(spellings[0], names[0])
    for name in names[1:]:
        click(card.findChild(QAbstractButton, "addSpelling"))
        wait(lambda: len(card.findChildren(QLineEdit, "nameSpelling")) > len(spellings), LONG)
        spellings = card.findChildren(QLineEdit, "nameSpelling")
        type_into(spellings[-1], name)
    click(form.findChild(QAbstractButton, "choice_consent_public"))
    for element in ("disclosure", "voluntariness", "comprehension", "competence"):
        box = form.findChild(QWidget, f"consent_{element}")
        click(box.findChild(QAbstractButton, f"choice_consent.{element}_yes"))
    wait(lambda: form.saver.status() == "saved", LONG)  # in any language
    form.scroll.verticalScrollBar().setValue(0)
    shot("05-testimony", window)


def play(window, wait: Wait, shot: Shot) -> None:
    """Play the recording from the form's media list until it has moved on."""
    form = window.form
    click(form.findChild(QAbstractButton, "playItem"))
    player = window.player
    wait(lambda: window.workspace.currentWidget() is player, LONG)
    wait(lambda: player.player is not None and player.player.position() > 500, LONG)
    shot("06-player", window)
    player.toggle_play()


def transcode(window, wait: Wait, shot: Shot, testimony_id: str) -> None:
    """Ask for a copy to share from the form, then watch the job finish."""
    window.ctx.open_testimony.emit(testimony_id)
    form = window.form
    wait(lambda: form.findChild(QAbstractButton, "makeShareCopy") is not None, LONG)
    click(form.findChild(QAbstractButton, "makeShareCopy"))
    window.actions_by_name["actionJobs"].trigger()
    jobs = window.jobs
    wait(lambda: jobs.runner.latest is not None or _jobs_in(jobs, "done") > 0, LONG)
    shot("07-jobs", window)
    wait(lambda: _jobs_in(jobs, "done") > 0, LONG)


def _jobs_in(jobs, state: str) -> int:
    return sum(1 for row in jobs.rows.values() if row.entry.state == state)


@contextmanager
def folder_chosen(folder: Path) -> Iterator[None]:
    """The next "Choose a folder…" picks `folder` (instead of a file dialog)."""
    original = QFileDialog.getExistingDirectory
    QFileDialog.getExistingDirectory = staticmethod(lambda *args, **kwargs: str(folder))
    try:
        yield
    finally:
        QFileDialog.getExistingDirectory = original


def export(window, wait: Wait, shot: Shot, testimony_id: str, recipient: str,
           folder: Path) -> Path:
    """Export the testimony to `folder` for an organizer added in the dialog."""
    dialog = window.open_export([testimony_id])
    picker = dialog.organizer
    wait(lambda: picker.form.isVisible(), LONG)  # an empty address book opens the form
    type_into(picker.name, "Aigerim")
    type_into(picker.key, recipient)
    click(picker.add_button)
    wait(lambda: picker.recipient() == recipient, LONG)
    folder.mkdir(parents=True, exist_ok=True)
    with folder_chosen(folder):
        click(dialog.target.choose_button)
    wait(lambda: dialog.export_button.isEnabled(), LONG)
    shot("08-export", dialog)
    click(dialog.export_button)
    wait(lambda: dialog.pages.currentWidget() is dialog.report, LONG)
    shot("09-export-done", dialog)
    dialog.close()
    (bundle,) = folder.glob("kua-bundle-*")
    return bundle
