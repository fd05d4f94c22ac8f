"""The Jobs screen: copies being made, waiting, finished or failed; progress, time left, cancel.

The list comes from the vault (app/transcode/job_list.py), so it survives restarts: after an
unlock it shows the jobs a crash or a lock put back in the queue. The JobRunner that
works through the queue lives here, so it exists as soon as the main window does.
A failed job shows its reason in its row; no dialog per job.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import (QFrame, QHBoxLayout, QLabel, QProgressBar, QPushButton,
                               QScrollArea, QVBoxLayout, QWidget)

from app.transcode import job_list
from app.transcode.job_list import JobEntry
from app.transcode.job_queue import JobEnd
from app.transcode.service import JobProgress
from core.i18n.formats import whole_minutes

from ui.runtime.context import AppContext
from ui.runtime.job_runner import JobRunner
from ui.widgets.screen import Screen
from ui.widgets.basics import heading, paragraph

_TITLE_CHARS = 40


def profile_words(profile: str) -> str:
    """What a transcode profile makes, in plain words."""
    words = {"share": QCoreApplication.translate("JobsScreen", "Copy to share"),
             "proxy": QCoreApplication.translate("JobsScreen", "Smaller copy for review"),
             "audio": QCoreApplication.translate("JobsScreen", "Sound only"),
             "anonymized": QCoreApplication.translate("JobsScreen",
                                                      "Anonymized copy (faces blurred)")}
    return words.get(profile, QCoreApplication.translate("JobsScreen", "Copy"))


def time_left(seconds: float | None) -> str:
    """"about 2 min left", or "" when unknown."""
    if seconds is None or seconds < 0:
        return ""
    if seconds < 60:
        return QCoreApplication.translate("JobsScreen", "less than a minute left")
    hours, minutes = whole_minutes(seconds, up=True)
    if not hours:
        return QCoreApplication.translate("JobsScreen", "about {n} min left").format(n=minutes)
    return QCoreApplication.translate("JobsScreen", "about {h} h {m} min left").format(
        h=hours, m=minutes)


def testimony_words(entry: JobEntry) -> str:
    """The testimony a job is for: its short title and id (no other content)."""
    if entry.testimony_id is None:
        return QCoreApplication.translate("JobsScreen", "a recording that was removed")
    title = entry.testimony_title.strip().splitlines()[0] if entry.testimony_title.strip() else ""
    if len(title) > _TITLE_CHARS:
        title = title[:_TITLE_CHARS - 1].rstrip() + "…"
    if not title:
        return QCoreApplication.translate("JobsScreen", "untitled testimony ({id})").format(
            id=entry.testimony_id)
    return QCoreApplication.translate("JobsScreen", "“{title}” ({id})").format(
        title=title, id=entry.testimony_id)


class JobRow(QFrame):
    """One job: what, for which testimony, its state, progress and buttons."""

    def __init__(self, entry: JobEntry, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.entry = entry
        self.setObjectName("jobRow")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        layout = QHBoxLayout(self)
        text = QVBoxLayout()
        self.what = QLabel(self.tr("{what} — {testimony}").format(
            what=profile_words(entry.profile), testimony=testimony_words(entry)))
        self.what.setWordWrap(True)
        font = self.what.font()
        font.setBold(True)
        self.what.setFont(font)
        text.addWidget(self.what)
        self.status = QLabel()
        self.status.setObjectName("jobStatus")
        self.status.setWordWrap(True)
        self.status.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        text.addWidget(self.status)
        self.bar = QProgressBar()
        self.bar.setRange(0, 1000)
        self.bar.setTextVisible(False)
        text.addWidget(self.bar)
        layout.addLayout(text, 1)
        self.cancel_button = QPushButton(self.tr("Cancel"))
        self.cancel_button.setObjectName("cancelJob")
        self.play_button = QPushButton(self.tr("Play"))
        self.play_button.setObjectName("playJob")
        for button in (self.cancel_button, self.play_button):
            layout.addWidget(button, 0, Qt.AlignmentFlag.AlignVCenter)
        self.show_state()

    def show_state(self) -> None:
        """Show the state the vault last recorded."""
        e = self.entry
        active = e.state in ("queued", "running")
        self.cancel_button.setVisible(active)
        self.play_button.setVisible(e.state == "done" and e.output_id is not None)
        self.bar.setVisible(e.state == "running")
        self.bar.setValue(int(e.progress * 10))
        if e.state == "queued":
            self.status.setText(self.tr("Waiting to start"))
        elif e.state == "running":
            self.status.setText(self.tr("Making the copy…"))
        elif e.state == "done":
            self.status.setText(self.tr("Done"))
        elif e.state == "cancelled":
            self.status.setText(self.tr("Cancelled"))
        else:
            self.status.setText(self.tr("Could not be made: {reason}").format(
                reason=e.error or self.tr("no reason was recorded")))
            self.status.setStyleSheet("color: #b3261e;")

    def show_progress(self, p: JobProgress) -> None:
        """Live progress of this job while it runs."""
        self.cancel_button.setVisible(True)
        self.bar.setVisible(True)
        if not self.cancel_button.isEnabled():
            return  # "Cancelling…" stays until the job has stopped
        if p.stage == "starting":
            self.bar.setRange(0, 0)  # busy: the worker is starting
            self.status.setText(self.tr("Starting…"))
            return
        self.bar.setRange(0, 1000)
        self.bar.setValue(int(p.percent * 10))
        if p.stage == "finishing":
            self.status.setText(self.tr("Finishing…"))
            return
        parts = [self.tr("{p} %").format(p=int(p.percent))]
        if p.fps > 0:
            parts.append(self.tr("{fps} frames a second").format(fps=int(round(p.fps))))
        left = time_left(p.eta)
        if left:
            parts.append(left)
        self.status.setText(" · ".join(parts))


class JobsScreen(Screen):
    """The list of jobs, with the runner that works through the queue."""

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        self.runner = JobRunner(ctx, self)
        self.rows: dict[str, JobRow] = {}
        self._loads = 0
        layout = QVBoxLayout(self)
        layout.addWidget(heading(self.tr("Jobs")))
        layout.addWidget(paragraph(self.tr(
            "Copies of recordings are made here, one at a time. You can keep working "
            "meanwhile. A copy that was interrupted starts again the next time Kua is unlocked.")))
        self.message = QLabel()
        self.message.setObjectName("jobsMessage")
        self.message.setWordWrap(True)
        self.message.setStyleSheet("color: #b3261e;")
        self.message.hide()
        layout.addWidget(self.message)
        self.empty = QLabel(self.tr("No copies are being made or waiting."))
        self.empty.setObjectName("jobsEmpty")
        layout.addWidget(self.empty)
        self._list = QWidget()
        self._list_layout = QVBoxLayout(self._list)
        self._list_layout.addStretch(1)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setWidget(self._list)
        layout.addWidget(scroll, 1)
        self.runner.started.connect(lambda job_id: self.reload())
        self.runner.progressed.connect(self._on_progress)
        self.runner.ended.connect(self._on_end)
        self.runner.cancel_failed.connect(self._show_message)
        ctx.jobs_changed.connect(self.reload)
        ctx.unlocked.connect(self.reload)

    # -- Screen ------------------------------------------------------------------

    def activate(self) -> None:
        """Load the list each time the screen is shown."""
        self.reload()

    def clear(self) -> None:
        """Forget every job shown (at lock); the runner forgets its job too."""
        self._loads += 1  # a load still on its way is not shown
        self.runner.reset()
        self._drop_rows()
        self.message.clear()
        self.message.hide()
        self.empty.show()

    def _drop_rows(self) -> None:
        for row in self.rows.values():
            row.hide()
            row.setParent(None)  # gone now, not at the next turn of the event loop
        self.rows.clear()

    def busy_reason(self) -> str | None:
        """A copy being made is put back in the queue if Kua quits."""
        if self.runner.current_job is None:
            return None
        return self.tr("A copy is being made; it will start again the next time Kua is unlocked.")

    # -- loading -----------------------------------------------------------------

    def reload(self) -> None:
        """Read the jobs from the vault and show them."""
        if not self.ctx.is_unlocked:
            return
        self._loads += 1
        ticket = self._loads
        (self.ctx.op(self, job_list.job_entries)
         .success(lambda entries: self._show(ticket, entries)).run())

    def _show(self, ticket: int, entries: list[JobEntry]) -> None:
        if ticket != self._loads:
            return  # a newer load is on its way
        self._drop_rows()
        for index, entry in enumerate(entries):
            row = JobRow(entry, self._list)
            row.cancel_button.clicked.connect(lambda _=False, j=entry.id: self._cancel(j))
            if entry.output_id:
                row.play_button.clicked.connect(
                    lambda _=False, i=entry.output_id: self.ctx.play_item.emit(i))
            self._list_layout.insertWidget(index, row)
            row.show()
            self.rows[entry.id] = row
        self.empty.setVisible(not entries)
        latest = self.runner.latest
        if latest is not None and latest.job_id in self.rows:
            self.rows[latest.job_id].show_progress(latest)

    # -- runner events -----------------------------------------------------------

    def _on_progress(self, p: JobProgress) -> None:
        row = self.rows.get(p.job_id)
        if row is not None:
            row.show_progress(p)

    def _on_end(self, end: JobEnd) -> None:
        if not end.job_id and end.error:
            self._show_message(end.error)  # the runner itself failed, not a job
        self.reload()

    def _cancel(self, job_id: str) -> None:
        self.message.hide()
        row = self.rows.get(job_id)
        if row is not None:
            row.cancel_button.setEnabled(False)
            row.status.setText(self.tr("Cancelling…"))
        self.runner.cancel(job_id)

    def _show_message(self, text: str) -> None:
        self.message.setText(text)
        self.message.show()
