"""The background helper (ui/runtime/ops.py) and the error dialog (ui/runtime/errors.py)."""

from __future__ import annotations

from PySide6.QtWidgets import QMessageBox, QWidget

from core.errors import DiskFull, WrongPassphrase
from core.work import Progress
from ui.runtime.errors import message_for, title_for


def test_success_runs_on_the_gui_thread_with_the_result(ctx, qtbot):
    import threading
    got = []
    parent = QWidget()
    qtbot.addWidget(parent)
    ctx.op(parent, lambda vault: 41 + 1).success(
        lambda value: got.append((value, threading.current_thread() is threading.main_thread()))).run()
    qtbot.waitUntil(lambda: got == [(42, True)], timeout=5000)


def test_failure_shows_the_cli_words_in_a_dialog(ctx, qtbot):
    parent = QWidget()
    qtbot.addWidget(parent)

    def fail(vault):
        raise DiskFull("the disk is full: nothing was written")

    ctx.op(parent, fail).run()
    qtbot.waitUntil(lambda: parent.findChild(QMessageBox, "errorDialog") is not None, timeout=5000)
    box = parent.findChild(QMessageBox, "errorDialog")
    assert box.text() == "the disk is full: nothing was written"
    assert box.windowTitle() == "The disk is full"
    box.close()


def test_progress_is_polled_and_the_latest_value_delivered(ctx, qtbot):
    import threading
    parent = QWidget()
    qtbot.addWidget(parent)
    seen, done = [], []
    go = threading.Event()

    def work(vault, w):
        w.progress(Progress(1, 10, message="a"))
        go.wait(5)
        w.progress(Progress(10, 10, message="b"))
        return "ok"

    ctx.op(parent, work, long=True).with_progress(seen.append).success(done.append).run()
    qtbot.waitUntil(lambda: Progress(1, 10, message="a") in seen, timeout=5000)
    go.set()
    qtbot.waitUntil(lambda: done == ["ok"], timeout=5000)
    assert seen[-1] == Progress(10, 10, message="b")


def test_results_for_a_deleted_widget_are_ignored(ctx, qtbot):
    import threading
    gate = threading.Event()
    parent = QWidget()
    got = []
    ctx.op(parent, lambda vault: gate.wait(5)).success(got.append).run()
    parent.deleteLater()
    qtbot.waitUntil(lambda: not __import__("shiboken6").isValid(parent), timeout=5000)
    gate.set()
    assert ctx.executor.wait_idle()
    from PySide6.QtWidgets import QApplication
    QApplication.processEvents()  # the queued result is delivered (and dropped) here
    assert got == []


def test_error_wording():
    assert message_for(WrongPassphrase("wrong passphrase (or damaged keys file)")) == \
        "wrong passphrase (or damaged keys file)"
    assert title_for(WrongPassphrase("x")) == "Wrong passphrase"
    # A bug shows its type, never its text (which could hold a name or a path).
    text = message_for(ValueError("Turgunbay /home/x/vault"))
    assert "ValueError" in text and "Turgunbay" not in text and "/home" not in text
