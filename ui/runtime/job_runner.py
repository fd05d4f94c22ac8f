"""Runs the vault's transcode queue in the background, one job at a time.

Each job is one long operation on the vault thread (ui/runtime/ops.py): the queue's
`run_next` (app/transcode/job_queue.py, the driver `kua jobs --run` uses too). Its cancel
token is a PumpingToken, so queries and form saves keep running while a copy is being
made. The next job starts when the vault is unlocked (jobs a crash interrupted were put
back in the queue by the unlock), when another screen queued one (`ctx.jobs_changed`),
and when a job ends. At lock the executor interrupts the running job (it goes back to the
queue) and drops its result; the runner forgets it and starts again at the next unlock.
"""

from __future__ import annotations

import shiboken6
from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QWidget

from app.transcode import job_queue
from app.transcode import service as job_service
from app.transcode.job_queue import JobEnd
from app.transcode.service import JobProgress
from core.errors import KuaError

from ui.runtime.context import AppContext
from ui.runtime.errors import message_for
from ui.runtime.ops import Op


class JobRunner(QObject):
    """Starts queued jobs, reports their progress, cancels them on request."""

    progressed = Signal(object)   # JobProgress of the running job (stage "starting" first)
    started = Signal(str)         # job id
    ended = Signal(object)        # JobEnd
    cancel_failed = Signal(str)   # the CLI's words, when a queued job could not be cancelled

    def __init__(self, ctx: AppContext, parent: QWidget) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self._widget = parent
        self._op: Op | None = None
        self.current_job: str | None = None
        self.latest: JobProgress | None = None
        ctx.unlocked.connect(self.kick)
        ctx.jobs_changed.connect(self.kick)
        ctx.locked.connect(self.reset)

    @property
    def running(self) -> bool:
        """True while a job (or the look for the next one) is in progress."""
        return self._op is not None

    def kick(self) -> None:
        """Start the oldest queued job, unless one is running or the vault is locked."""
        if not self.ctx.is_unlocked or self._op is not None:
            return
        self._op = (self.ctx.op(self._widget, lambda vault, work: job_queue.run_next(
            vault, progress=work.progress, stop=work.token), long=True)
            .with_progress(self._on_progress).success(self._on_end).failure(self._on_failure))
        self._op.run()

    def cancel(self, job_id: str) -> None:
        """Stop `job_id`: the running job at its next check, a queued one at once."""
        if job_id == self.current_job and self._op is not None:
            self._op.cancel()
            return

        def failed(error: BaseException) -> None:
            if job_id == self.current_job and self._op is not None:
                self._op.cancel()  # it started meanwhile: stop it instead
            else:
                self.cancel_failed.emit(message_for(error))

        (self.ctx.op(self._widget, lambda vault: job_service.cancel_queued(vault, job_id))
         .success(lambda job: self.ctx.jobs_changed.emit()).failure(failed).run())

    def reset(self) -> None:
        """Forget the running job (at lock: the executor interrupted it and drops its result)."""
        op, self._op = self._op, None
        if op is not None and shiboken6.isValid(op):
            op.deleteLater()  # its progress timer stops with it
        self.current_job = None
        self.latest = None

    # -- results, on the GUI thread ----------------------------------------------

    def _on_progress(self, value: object) -> None:
        if not isinstance(value, JobProgress):
            return
        self.latest = value
        if value.job_id != self.current_job:
            self.current_job = value.job_id
            self.started.emit(value.job_id)
        self.progressed.emit(value)

    def _on_end(self, end: JobEnd | None) -> None:
        self._op = None
        self.current_job = None
        self.latest = None
        if end is None:
            return  # nothing queued
        self.ended.emit(end)
        if end.state == "done" and end.testimony_id:
            self.ctx.catalogue_changed.emit(end.testimony_id)
        if end.state != "queued":
            self.kick()

    def _on_failure(self, error: BaseException) -> None:
        """Not a job's own failure (those come back as a JobEnd): report it, do not loop."""
        job_id = self.current_job or ""
        self._op = None
        self.current_job = None
        self.latest = None
        self.ended.emit(JobEnd(job_id, "failed", None, None, KuaError(message_for(error))))
