"""The export dialog: testimonies, organizer, drive or folder, piece size, what to include.

The bundle is written by app.bundles.export_bundle as a long operation, with a
progress bar and a Stop button in the dialog; it goes into a new, empty folder on the
drive, which is removed again if the export fails or is stopped (the service itself
removes every part it wrote). Problems appear inside the dialog in the command line's
words. At the end the dialog shows what was written and what to do next.
"""

from __future__ import annotations

from PySide6.QtCore import QSize, Qt, QTimer
from PySide6.QtWidgets import (QCheckBox, QFrame, QLabel, QListWidget, QListWidgetItem,
                               QProgressBar, QScrollArea, QStackedWidget, QVBoxLayout, QWidget)

from app import library
from app.bundles import ConsentChoice, ExportReport
from app.export_estimate import Estimate, estimate
from core.errors import Cancelled, NotFound, RefusedByConsent
from core.work import Progress
from storage.models import TestimonySummary

from ui.runtime.context import AppContext
from ui.runtime.formats import format_date, format_size
from ui.runtime.errors import message_for, title_for
from ui.export.report import ReportPage
from ui.export.target import ExportTarget
from ui.export.work import run_export
from ui.runtime.ops import Op
from ui.export.organizer_picker import OrganizerPicker
from ui.widgets.basics import (STRETCH, button_row, compact_combo, heading, note, paragraph,
                                push_button)
from ui.widgets.dialog import Dialog

ID_ROLE = Qt.ItemDataRole.UserRole
SUMMARY_ROLE = Qt.ItemDataRole.UserRole + 1  # the TestimonySummary, to describe it again
GiB, MiB = 1024 ** 3, 1024 ** 2
SPLIT_SIZES = (2 * GiB, 1 * GiB, 700 * MiB)


class ExportDialog(Dialog):
    """Export testimonies for an organizer (non-modal for the app; window-modal when opened)."""

    def __init__(self, ctx: AppContext, parent: QWidget | None,
                 testimony_ids: list[str] | None = None) -> None:
        super().__init__(parent, "exportDialog")
        self.ctx = ctx
        self._preselected = list(testimony_ids or [])
        self._op: Op | None = None
        self._stopping = False
        self._estimate: Estimate | None = None
        self._estimate_error: str | None = None
        self._previews = 0
        self.setWindowTitle(self.tr("Export for an organizer"))
        self.pages = QStackedWidget()
        self.pages.addWidget(self._build_form())
        self.report = ReportPage()
        self.report.close_button.clicked.connect(self.accept)
        self.pages.addWidget(self.report)
        self.column.addWidget(self.pages)
        self._preview_timer = QTimer(self)
        self._preview_timer.setSingleShot(True)
        self._preview_timer.setInterval(150)
        self._preview_timer.timeout.connect(self._preview)
        self.organizer.changed.connect(self._update)
        self.target.changed.connect(self._update)
        for signal in (self.include.currentIndexChanged, self.identifiable.toggled,
                       self.testimonies.itemChanged):
            signal.connect(lambda *_: self._schedule_preview())
        self._load_testimonies()
        self._update()
        self._fit_screen(parent)

    def _fit_screen(self, parent: QWidget | None) -> None:
        """A comfortable size that still fits a small (or 200 %-scaled) screen."""
        screen = (parent.screen() if parent is not None else None) or self.screen()
        room = screen.availableGeometry().size() if screen is not None else QSize(1366, 768)
        self.resize(min(720, int(room.width() * 0.9)), min(680, int(room.height() * 0.9)))

    # -- building ----------------------------------------------------------------

    def _build_form(self) -> QWidget:
        body = QWidget()
        layout = QVBoxLayout(body)
        layout.addWidget(heading(self.tr("Export for an organizer"), 1.4))
        layout.addWidget(paragraph(self.tr(
            "Kua writes the testimonies you choose into an encrypted bundle. Only the "
            "organizer you choose can open it, with their own key.")))
        layout.addWidget(heading(self.tr("Testimonies"), 1.1))
        self.testimonies = QListWidget()
        self.testimonies.setObjectName("exportTestimonies")
        self.testimonies.setMinimumHeight(self.fontMetrics().height() * 6)
        self.testimonies.setWordWrap(True)
        self.testimonies.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        layout.addWidget(self.testimonies)
        self.no_testimonies = QLabel(self.tr("There is nothing to export yet."))
        self.no_testimonies.hide()
        layout.addWidget(self.no_testimonies)
        layout.addWidget(heading(self.tr("For which organizer"), 1.1))
        self.organizer = OrganizerPicker(self.ctx)
        layout.addWidget(self.organizer)
        layout.addWidget(heading(self.tr("Where"), 1.1))
        self.target = ExportTarget()
        layout.addWidget(self.target)
        layout.addWidget(heading(self.tr("What to include"), 1.1))
        self.include = compact_combo("includeChoice", (
            ("master", self.tr("The original recordings, photos and documents")),
            ("share", self.tr("Only the copies made to share (small)")),
            ("anonymized", self.tr("Only the anonymized copies (faces blurred)")),
            ("all", self.tr("Everything: the originals and every copy"))))
        layout.addWidget(self.include)
        layout.addWidget(heading(self.tr("Size of the pieces"), 1.1))
        self.split = compact_combo("splitChoice", (
            (SPLIT_SIZES[0], self.tr("2 GB pieces: for any USB stick (usual)")),
            (SPLIT_SIZES[1], self.tr("1 GB pieces")),
            (SPLIT_SIZES[2], self.tr("700 MB pieces: to burn on CDs"))))
        layout.addWidget(self.split)
        layout.addWidget(paragraph(self.tr(
            "A large bundle is cut into pieces no bigger than this; the organizer needs all "
            "of them. USB sticks formatted with FAT32 cannot hold a file over 4 GB.")))
        layout.addWidget(heading(self.tr("Consent"), 1.1))
        layout.addWidget(paragraph(self.tr(
            "Restricted testimonies go in too: a bundle is only for the organizers, and "
            "restricted means only the organizers may see it.")))
        self.identifiable = QCheckBox(self.tr("Include originals of anonymous testimonies"))
        self.identifiable.setObjectName("includeIdentifiable")
        layout.addWidget(self.identifiable)
        layout.addWidget(paragraph(self.tr(
            "Otherwise only the anonymized copies (faces blurred) of those testimonies are "
            "exported. Tick this only if the person agreed that the organizer may see them.")))
        layout.addStretch(1)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        scroll.setWidget(body)
        page = QWidget()
        outer = QVBoxLayout(page)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.addWidget(scroll, 1)
        self.summary = note("exportSummary")
        outer.addWidget(self.summary)
        self.problem = note("exportProblem", problem=True, selectable=True)
        self.problem.hide()
        outer.addWidget(self.problem)
        self.bar = QProgressBar()
        self.bar.setObjectName("exportProgress")
        self.bar.setRange(0, 1000)
        self.bar.hide()
        outer.addWidget(self.bar)
        self.export_button = push_button(self.tr("Export"), "exportButton", self.start,
                                         default=True)
        self.cancel_button = push_button(self.tr("Cancel"), "cancelButton", self._cancel_clicked,
                                         auto_default=False)
        outer.addLayout(button_row(STRETCH, self.export_button, self.cancel_button))
        self.form_widgets = [body]
        return page

    # -- testimonies -------------------------------------------------------------

    def _load_testimonies(self) -> None:
        self.ctx.op(self, library.list_summaries).success(self._show_testimonies).run()

    def _show_testimonies(self, summaries: list[TestimonySummary]) -> None:
        chosen = set(self._preselected)
        self.testimonies.blockSignals(True)
        self.testimonies.clear()
        for s in summaries:
            if s.status not in ("draft", "ready") and s.id not in chosen:
                continue
            item = QListWidgetItem(self._describe(s))
            item.setData(ID_ROLE, s.id)
            item.setData(SUMMARY_ROLE, s)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Checked if s.id in chosen
                               else Qt.CheckState.Unchecked)
            self.testimonies.addItem(item)
        self.testimonies.blockSignals(False)
        self.no_testimonies.setVisible(self.testimonies.count() == 0)
        self._schedule_preview()

    def retranslate(self) -> None:
        """The list and the summary again in the current language (ui/runtime/translator.py)."""
        for row in range(self.testimonies.count()):
            item = self.testimonies.item(row)
            item.setText(self._describe(item.data(SUMMARY_ROLE)))
        if self.pages.currentWidget() is not self.report:
            self._update()

    def _describe(self, s: TestimonySummary) -> str:
        title = s.title.strip().splitlines()[0] if s.title.strip() else self.tr(
            "Untitled ({id})").format(id=s.id)
        status = {"draft": self.tr("draft"), "ready": self.tr("ready"),
                  "exported": self.tr("exported before"),
                  "delivered": self.tr("delivered before")}.get(s.status, s.status)
        text = self.tr("{title} · {date} · {status}").format(
            title=title, date=format_date(s.recorded_at or s.created_at), status=status)
        if s.consent == "restricted":
            text += self.tr(" · restricted consent")
        elif s.consent == "anonymous":
            text += self.tr(" · anonymous")
        return text

    def checked_ids(self) -> list[str]:
        """The ids of the testimonies ticked in the list."""
        out = []
        for row in range(self.testimonies.count()):
            item = self.testimonies.item(row)
            if item.checkState() == Qt.CheckState.Checked:
                out.append(item.data(ID_ROLE))
        return out

    # -- choices -----------------------------------------------------------------

    def consent(self) -> ConsentChoice:
        """The consent overrides ticked."""
        return ConsentChoice(include_identifiable=self.identifiable.isChecked())

    def _schedule_preview(self) -> None:
        self._previews += 1  # results of earlier choices are ignored from now on
        self._estimate, self._estimate_error = None, None
        self._update()
        self._preview_timer.start()

    def _preview(self) -> None:
        ids, include, consent = self.checked_ids(), self.include.currentData(), self.consent()
        if not ids:
            return
        ticket = self._previews
        (self.ctx.op(self, lambda vault: estimate(vault, ids, include, consent))
         .success(lambda found: self._previewed(ticket, found, None))
         .failure(lambda error: self._previewed(ticket, None, error)).run())

    def _previewed(self, ticket: int, found: Estimate | None, error: BaseException | None) -> None:
        if ticket != self._previews:
            return
        self._estimate = found
        self._estimate_error = None if error is None else self._explain(error)
        self._update()

    def _explain(self, error: BaseException) -> str:
        """The command line's words, and a plain hint where one helps."""
        text = message_for(error)
        if isinstance(error, RefusedByConsent):
            text += "\n" + self.tr(
                "See “Consent” above: tick a box there only if the person agreed.")
        elif isinstance(error, NotFound) and self.include.currentData() != "master":
            text += "\n" + self.tr("Make that copy first, or choose what to include above.")
        return text

    def _update(self) -> None:
        """Say what would be written, and whether it can be; enable Export accordingly."""
        if self._op is not None:
            return
        problem, summary = None, ""
        free = self.target.free_bytes()
        if not self.checked_ids():
            summary = self.tr("Tick the testimonies to export.")
        elif self._estimate_error is not None:
            problem = self._estimate_error
        elif self._estimate is None:
            summary = self.tr("Counting…")
        else:
            e = self._estimate
            summary = self.tr("Testimonies: {n} · files: {items} · about {size}.").format(
                items=e.items, n=e.testimonies, size=format_size(e.bytes_needed))
            if free is not None:
                summary += " " + self.tr("{free} free there.").format(free=format_size(free))
                if free < e.bytes_needed:
                    problem = self.tr(
                        "There is not enough free space there: choose another drive, or fewer "
                        "testimonies.")
            summary += "".join("\n" + note for note in e.notes)
        if self.organizer.recipient() is None and problem is None:
            summary += ("\n" if summary else "") + self.tr("Choose or add the organizer.")
        if self.target.base() is None and problem is None:
            summary += ("\n" if summary else "") + self.tr("Choose where the bundle goes.")
        self.summary.setText(summary)
        self._show_problem(problem)
        self.export_button.setEnabled(
            problem is None and self._estimate is not None and bool(self.checked_ids())
            and self.organizer.recipient() is not None and self.target.base() is not None)

    def _show_problem(self, text: str | None) -> None:
        self.problem.setText(text or "")
        self.problem.setVisible(bool(text))

    # -- exporting ---------------------------------------------------------------

    @property
    def exporting(self) -> bool:
        """True while the bundle is being written."""
        return self._op is not None

    def start(self) -> None:
        """Write the bundle with the current choices."""
        if not self.export_button.isEnabled() or self._op is not None:
            return
        ids, base, recipient = self.checked_ids(), self.target.base(), self.organizer.recipient()
        assert base is not None and recipient is not None
        split, include, consent = self.split.currentData(), self.include.currentData(), self.consent()
        self._stopping = False
        self._set_running(True)
        self.summary.setText(self.tr(
            "Getting ready… If a copy of a recording is being made, the export starts when "
            "it is done."))
        self._op = (self.ctx.op(self, lambda vault, work: run_export(
            vault, work, ids, base, recipient, split_size=split, include=include,
            consent=consent), long=True)
            .with_progress(self._progress).success(self._finished).failure(self._failed))
        self._op.run()

    def _set_running(self, running: bool) -> None:
        for widget in self.form_widgets:
            widget.setEnabled(not running)
        self.export_button.setEnabled(not running)
        self.cancel_button.setText(self.tr("Stop") if running else self.tr("Cancel"))
        self.cancel_button.setEnabled(True)
        self.bar.setVisible(running)
        self.bar.setValue(0)
        self._show_problem(None)

    def _progress(self, p: Progress) -> None:
        if self._stopping:
            return
        if p.per_mille is not None:
            self.bar.setValue(p.per_mille)
        self.summary.setText(self.tr("Writing the bundle: {done} of {total}…").format(
            done=format_size(int(p.done)), total=format_size(int(p.total or 0))))

    def _finished(self, report: ExportReport) -> None:
        self._op = None
        self.report.show_report(report)
        self.pages.setCurrentWidget(self.report)
        self.report.close_button.setFocus()
        self.ctx.catalogue_changed.emit("")

    def _failed(self, error: BaseException) -> None:
        self._op = None
        self._set_running(False)
        if isinstance(error, Cancelled) and self._stopping:
            self.summary.setText("")
            self._show_problem(self.tr("The export was stopped. Nothing was left on the drive."))
        else:
            self.summary.setText("")
            self._show_problem(self.tr("{title}: {message}").format(
                title=title_for(error), message=self._explain(error)))
        self.export_button.setEnabled(True)

    def _cancel_clicked(self) -> None:
        if self._op is not None:
            self._stopping = True
            self._op.cancel()
            self.summary.setText(self.tr("Stopping…"))
            self.cancel_button.setEnabled(False)
            return
        self.reject()

    def reject(self) -> None:
        """Close; an export still running is stopped (and cleans up after itself)."""
        if self._op is not None:
            self._stopping = True
            self._op.cancel()
        super().reject()
