"""The background helper every widget uses to call `app/` services (Anki's CollectionOp).

    ctx.op(self, lambda vault: library.list_summaries(vault)).success(self._show).run()

    ctx.op(self, lambda vault, work: bundles.export_bundle(
        vault, ids, to, recipients, progress=work.progress, cancel=work.token),
        long=True).with_dialog(self.tr("Exporting…")).success(done).run()

The widget says what to run and what to do after; this module alone knows threads.
A failure shows the service's one-line message in a dialog unless `.failure()` takes
it. Progress reported from the vault thread (a `Progress`, core/work.py) is stored and
read by a 100 ms timer on the GUI thread (as Anki's progress manager does), so a
fast-reporting service cannot flood the event loop.
"""

from __future__ import annotations

import threading
from typing import Any, Callable

import shiboken6
from PySide6.QtCore import QObject, Qt, QTimer
from PySide6.QtWidgets import QProgressDialog, QWidget

from core.work import Progress

from ui.runtime.errors import show_error
from ui.runtime.executor import PumpingToken, Task, VaultExecutor


class Work:
    """Handed to a long operation: where to report progress, and its cancel token."""

    def __init__(self, token: PumpingToken) -> None:
        self.token = token
        self._lock = threading.Lock()
        self._latest: Progress | None = None

    def progress(self, report: Progress) -> None:
        """Report progress (then check the token: a cancel stops, waiting tasks run)."""
        with self._lock:
            self._latest = report
        self.token.check()

    def take(self) -> Progress | None:
        """The latest report since the last call (None if nothing new)."""
        with self._lock:
            value, self._latest = self._latest, None
        return value


class Op(QObject):
    """One call of a service off the GUI thread, with what to do when it ends."""

    def __init__(self, executor: VaultExecutor, parent: QWidget | None, fn: Callable[..., Any],
                 *, long: bool = False) -> None:
        super().__init__(parent)
        self._executor, self._parent, self._fn, self._long = executor, parent, fn, long
        self._success: Callable[[Any], None] | None = None
        self._failure: Callable[[BaseException], None] | None = None
        self._on_progress: Callable[[Progress], None] | None = None
        self._dialog_label: str | None = None
        self._dialog: QProgressDialog | None = None
        self._timer: QTimer | None = None
        self.work: Work | None = None
        self.task: Task | None = None

    def success(self, callback: Callable[[Any], None]) -> "Op":
        """Call `callback(result)` on the GUI thread when the service returns."""
        self._success = callback
        return self

    def failure(self, callback: Callable[[BaseException], None]) -> "Op":
        """Call `callback(error)` instead of showing the error dialog."""
        self._failure = callback
        return self

    def with_progress(self, callback: Callable[[Progress], None]) -> "Op":
        """Poll progress every 100 ms and hand the latest report to `callback`."""
        self._on_progress = callback
        return self

    def with_dialog(self, label: str) -> "Op":
        """Show a window-modal progress dialog with a Cancel button."""
        self._dialog_label = label
        return self

    def cancel(self) -> None:
        """Ask the running operation to stop at its next check."""
        if self.work is not None:
            self.work.token.cancel()

    def run(self) -> "Op":
        """Submit the operation to the vault thread."""
        wants_work = self._long or self._on_progress is not None or self._dialog_label is not None
        if wants_work:
            self.task = self._executor.submit(self._with_work, self._done, long=self._long,
                                                  wants_token=True)
            self._start_polling()
        else:
            self.task = self._executor.submit(self._fn, self._done)
        return self

    def _with_work(self, vault: Any, token: PumpingToken) -> Any:
        self.work = Work(token)
        return self._fn(vault, self.work)

    def _start_polling(self) -> None:
        if self._dialog_label is not None:
            dialog = QProgressDialog(self._dialog_label, self.tr("Cancel"), 0, 0, self._parent)
            dialog.setWindowModality(Qt.WindowModality.WindowModal)
            dialog.setMinimumDuration(300)
            dialog.setAutoClose(False)
            dialog.setAutoReset(False)
            dialog.canceled.connect(self.cancel)
            self._dialog = dialog
        self._timer = QTimer(self)
        self._timer.setInterval(100)
        self._timer.timeout.connect(self._poll)
        self._timer.start()

    def _poll(self) -> None:
        if self.work is None:
            return
        report = self.work.take()
        if report is None:
            return
        if self._dialog is not None and report.per_mille is not None:
            self._dialog.setMaximum(1000)
            self._dialog.setValue(report.per_mille)
        if self._on_progress is not None:
            self._on_progress(report)

    def _done(self, ok: bool, value: Any) -> None:
        if not shiboken6.isValid(self):
            return  # the widget that asked is gone: nobody to tell
        if self._timer is not None:
            self._poll()
            self._timer.stop()
        if self._dialog is not None:
            self._dialog.close()
            self._dialog.deleteLater()
        self.deleteLater()
        if ok:
            if self._success is not None:
                self._success(value)
        elif self._failure is not None:
            self._failure(value)
        else:
            show_error(self._parent, value)
