"""Every screen and dialog of the app, one after the other, and the texts each one shows.

Used by tests/ui/test_languages.py: the same tour in every language, compared with the
English one. `texts(app)` maps a stable path of each visible widget to what it shows.
"""

from __future__ import annotations

from typing import Iterator

from PySide6.QtCore import QAbstractListModel, Qt
from PySide6.QtGui import QAction
from PySide6.QtWidgets import (QAbstractButton, QAbstractItemView, QAbstractSpinBox,
                               QApplication, QComboBox, QDialog, QGroupBox, QLabel,
                               QLineEdit, QPlainTextEdit, QTabWidget, QTextEdit, QWidget)

from core.errors import WrongPassphrase
from ui.runtime.errors import show_error

RECOVERY = "-".join(["ABCD"] * 8)
# Texts that follow live readings, not the language: the sound level while previewing.
LIVE = ("levelMeter#tooltip",)
LONG = 30_000


def _path(widget: QWidget, top: QWidget) -> str:
    parts = []
    while widget is not None and widget is not top:
        parent = widget.parentWidget()
        siblings = [w for w in (parent.findChildren(type(widget), options=Qt.FindChildOption.FindDirectChildrenOnly)
                                if parent else [])]
        index = siblings.index(widget) if widget in siblings else 0
        parts.append(f"{type(widget).__name__}{index}:{widget.objectName()}")
        widget = parent
    return "/".join(reversed(parts))


def _widget_texts(w: QWidget) -> dict[str, str]:
    found = {"tooltip": w.toolTip()}
    if w.isWindow():
        found["title"] = w.windowTitle()
    if isinstance(w, (QLabel, QAbstractButton)):
        found["text"] = w.text()
    if isinstance(w, (QLineEdit, QPlainTextEdit, QTextEdit)):
        found["placeholder"] = w.placeholderText()
    if isinstance(w, QGroupBox):
        found["title"] = w.title()
    if isinstance(w, QAbstractSpinBox):
        found["special"] = w.specialValueText()
    if isinstance(w, QTabWidget):
        for i in range(w.count()):
            found[f"tab{i}"] = w.tabText(i)
    if isinstance(w, QComboBox):
        for i in range(w.count()):
            found[f"item{i}"] = w.itemText(i)
    if isinstance(w, QAbstractItemView) and w.model() is not None:
        model, root = w.model(), w.rootIndex()
        columns = 1 if isinstance(model, QAbstractListModel) else model.columnCount(root)
        for c in range(columns):
            found[f"header{c}"] = str(model.headerData(c, Qt.Orientation.Horizontal) or "")
        for r in range(min(model.rowCount(root), 3)):
            for c in range(columns):
                value = model.index(r, c, root).data()
                found[f"cell{r}.{c}"] = value if isinstance(value, str) else ""
    return found


def texts(app: QApplication) -> dict[str, str]:
    """{widget path/kind: text} of every visible widget and action of every open window."""
    shown: dict[str, str] = {}
    for top in app.topLevelWidgets():
        if not top.isVisible():
            continue
        name = top.objectName() or type(top).__name__
        for w in [top, *top.findChildren(QWidget)]:
            if w is not top and not w.isVisibleTo(top):
                continue
            path = f"{name}/{_path(w, top)}"
            for kind, text in _widget_texts(w).items():
                if not f"{path}#{kind}".endswith(LIVE):
                    shown[f"{path}#{kind}"] = text
        for action in top.findChildren(QAction):
            if action.associatedObjects() and any(
                    isinstance(o, QWidget) and o.isVisibleTo(top) for o in action.associatedObjects()):
                shown[f"{name}/action:{action.objectName()}#text"] = action.text()
                shown[f"{name}/action:{action.objectName()}#tooltip"] = action.toolTip()
    return shown


def first_run_tour(window, qtbot) -> Iterator[str]:
    """The first-run pages: create, then the recovery key."""
    yield "first-run"
    window.first_run._show_key(RECOVERY)
    yield "recovery-key"
    window.first_run.setCurrentIndex(0)


def workspace_tour(window, qtbot, testimony_id: str) -> Iterator[str]:
    """From the lock screen through every screen and dialog of an unlocked vault."""
    from tests.ui.conftest import unlock
    ctx = window.ctx
    yield "unlock"
    unlock(window, qtbot)
    library = window.library
    qtbot.waitUntil(lambda: library.is_loaded and library.model.rowCount() == 1, timeout=LONG)
    yield "library"
    ctx.open_testimony.emit(testimony_id)
    form = window.form
    qtbot.waitUntil(lambda: form.content.isEnabled() and form.testimony_id == testimony_id,
                    timeout=LONG)
    form.add_detained_button.click()
    qtbot.waitUntil(lambda: form.findChild(QWidget, "personCard") is not None, timeout=LONG)
    yield "form"
    ctx.record_into.emit("")
    recorder = window.recorder
    recorder.sources.camera.setCurrentIndex(recorder.sources.camera.findData("synthetic"))
    qtbot.waitUntil(lambda: recorder.guide.prompts.count() > 0, timeout=LONG)
    yield "recorder"
    window.show_screen(window.player)
    yield "player"
    window.show_screen(window.jobs)
    yield "jobs"
    window.show_screen(library)
    settings = window.open_settings()
    yield "settings"
    settings.tabs.setCurrentIndex(1)
    yield "settings-organizers"
    passphrase = settings.open_change_passphrase()
    yield "change-passphrase"
    passphrase.reject()
    settings.reject()
    export = window.open_export([testimony_id])
    qtbot.waitUntil(lambda: export.organizer.form.isVisible(), timeout=LONG)
    qtbot.waitUntil(lambda: export._estimate is not None or export._estimate_error is not None,
                    timeout=LONG)
    yield "export"
    export.reject()
    sync = window.open_sync()
    yield "sync"
    sync.reject()
    box = show_error(window, WrongPassphrase())
    yield "error"
    box.close()
    for dialog in window.findChildren(QDialog):
        dialog.close()
