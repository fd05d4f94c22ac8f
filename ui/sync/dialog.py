"""The Sync dialog: copy the encrypted vault to a trusted drive, with progress and a report.

The drives come from `ui/runtime/drives.py` (re-read every two seconds, so a drive plugged in
while the dialog is open appears); "Choose a folder…" adds any folder. The sync runs
`app.sync.sync` as a long operation through `ctx.op`; a pulled drive, a full or
read-only one, or another vault's replica ends it with one message in the dialog
(the command line's words), and the dialog stays ready to try again.
"""

from __future__ import annotations

import html
from dataclasses import dataclass, replace
from pathlib import Path

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QFileDialog, QLabel, QListWidget, QListWidgetItem, QProgressBar, QWidget

from app import sync as sync_service
from app import sync_targets
from app.sync import LastSync, SyncReport
from app.sync_targets import SyncTarget
from core.errors import Cancelled, VaultLocked
from core.work import Progress

from ui.runtime.context import AppContext
from ui.runtime import drives as drive_list
from ui.runtime.formats import format_datetime, format_size
from ui.runtime.errors import message_for, title_for
from ui.runtime.ops import Op
from ui.widgets.basics import STRETCH, button_row, heading, note, paragraph, push_button
from ui.widgets.dialog import Dialog

REFRESH_MS = 2000


@dataclass(frozen=True, slots=True)
class Place:
    """A row of the list: a drive or a chosen folder, and what a sync there would find."""

    path: Path
    drive: bool
    name: str
    free_bytes: int | None
    target: SyncTarget | None = None


class SyncDialog(Dialog):
    """Choose a drive or folder, sync, see the progress and a report in plain words."""

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent, "syncDialog")
        self.ctx = ctx
        self.setWindowTitle(self.tr("Sync to a trusted drive"))
        self.places: list[Place] = []
        self._folders: list[Path] = []
        self._op: Op | None = None
        self._selected: Path | None = None  # kept by path: the rows change as drives come and go
        self._cancel_requested = False
        self._build()
        self._timer = QTimer(self)
        self._timer.setInterval(REFRESH_MS)
        self._timer.timeout.connect(self.refresh_drives)
        self._timer.start()
        self.refresh_drives()
        self._load_last_sync()

    # -- building ---------------------------------------------------------------

    def _build(self) -> None:
        layout = self.column
        layout.addWidget(heading(self.tr("Copy the vault to a trusted drive"), 1.3))
        layout.addWidget(paragraph(self.tr(
            "Sync puts an encrypted copy of the whole vault on a drive you trust; without "
            "the passphrase, the drive alone reveals nothing.")))
        self.last_sync = QLabel(self.tr("Checking the last sync…"))
        self.last_sync.setObjectName("lastSync")
        layout.addWidget(self.last_sync)
        layout.addWidget(QLabel(self.tr("Where should the copy go?")))
        self.targets = QListWidget()
        self.targets.setObjectName("syncTargets")
        self.targets.setWordWrap(True)
        self.targets.setSpacing(3)
        self.targets.setMinimumHeight(self.fontMetrics().height() * 8)
        self.targets.currentRowChanged.connect(self._row_changed)
        self.targets.itemDoubleClicked.connect(lambda _item: self.start_sync())
        layout.addWidget(self.targets, 1)
        self.no_drive = note("noDrive",
                             self.tr("No drive found. Plug in a USB drive, or choose a folder."))
        layout.addWidget(self.no_drive)
        self.choose_button = push_button(self.tr("Choose a folder…"), "chooseFolder",
                                         self.choose_folder)
        layout.addWidget(self.choose_button, 0, Qt.AlignmentFlag.AlignLeft)
        self.progress = QProgressBar()
        self.progress.setObjectName("syncProgress")
        self.progress.setRange(0, 1000)
        self.progress.setTextVisible(False)
        self.progress_text = QLabel()
        self.progress_text.setObjectName("syncProgressText")
        layout.addWidget(self.progress)
        layout.addWidget(self.progress_text)
        self.result = note("syncResult", selectable=True)
        self.result.setTextFormat(Qt.TextFormat.RichText)
        layout.addWidget(self.result)
        self.close_button = self.make_close_button()
        self.cancel_button = push_button(self.tr("Stop the sync"), "cancelSync",
                                         self.cancel_sync, auto_default=False)
        self.sync_button = push_button(self.tr("Sync now"), "syncButton", self.start_sync,
                                       default=True)
        layout.addLayout(button_row(self.close_button, STRETCH, self.cancel_button,
                                    self.sync_button))
        self.setMinimumWidth(520)
        self._show_running(False)
        self.result.hide()

    # -- the list of places -------------------------------------------------------

    @property
    def syncing(self) -> bool:
        """True while a sync started here runs."""
        return self._op is not None

    def refresh_drives(self) -> None:
        """Re-read the mounted drives; rebuild the list if they changed."""
        if self.syncing:
            return
        drives = drive_list.list_drives()
        drive_paths = {d.root for d in drives}
        places = [Place(d.root, True, d.name, d.free_bytes) for d in drives]
        places += [Place(f, False, str(f), None) for f in self._folders if f not in drive_paths]
        changed = [(p.path, p.drive, p.name) for p in places] != [
            (p.path, p.drive, p.name) for p in self.places]
        known = {p.path: p.target for p in self.places}
        self.places = [replace(p, target=known.get(p.path)) for p in places]
        self._render()
        if changed:
            self._check_places()

    def _check_places(self) -> None:
        """Find out, on the vault thread, where each sync would go and what is there."""
        asked = [(p.path, p.drive) for p in self.places]
        if not asked:
            return
        (self.ctx.op(self, lambda vault: sync_targets.sync_targets(vault, asked))
         .success(self._got_targets).failure(lambda error: None).run())

    def _got_targets(self, found: list[SyncTarget]) -> None:
        by_path = {t.chosen: t for t in found}
        self.places = [replace(p, target=by_path.get(p.path, p.target)) for p in self.places]
        self._render()

    def _render(self) -> None:
        texts = [self._describe(p) for p in self.places]
        tips = [str(p.target.folder if p.target else p.path) for p in self.places]
        self.no_drive.setVisible(not any(p.drive for p in self.places))
        if texts == [self.targets.item(i).text() for i in range(self.targets.count())]:
            for i, tip in enumerate(tips):  # keep the list still under the mouse
                self.targets.item(i).setToolTip(tip)
            self._update_buttons()
            return
        self.targets.blockSignals(True)
        self.targets.clear()
        for text, tip in zip(texts, tips):
            item = QListWidgetItem(text)
            item.setToolTip(tip)
            self.targets.addItem(item)
        row = next((i for i, p in enumerate(self.places) if p.path == self._selected), -1)
        if row < 0 and len(self.places) == 1:
            row = 0
        self.targets.setCurrentRow(row)
        self.targets.blockSignals(False)
        self._row_changed(row)

    def _row_changed(self, row: int) -> None:
        self._selected = self.places[row].path if 0 <= row < len(self.places) else None
        self._update_buttons()

    def _describe(self, place: Place) -> str:
        if place.drive:
            first = place.name
            second = self.tr("{size} free").format(size=format_size(place.free_bytes or 0))
        else:
            first = str(place.path)
            second = self.tr("a folder")
        state = place.target.state if place.target else None
        if state == sync_targets.OURS:
            second += " · " + self.tr("already holds a copy of this vault")
        elif state == sync_targets.OTHER:
            second += " · " + self.tr("holds a copy of another vault")
        return first + "\n" + second

    def selected_place(self) -> Place | None:
        """The drive or folder chosen in the list (None: nothing chosen)."""
        row = self.targets.currentRow()
        return self.places[row] if 0 <= row < len(self.places) else None

    def choose_folder(self) -> None:
        """Ask for a folder and add it to the list, chosen."""
        folder = QFileDialog.getExistingDirectory(self, self.tr("Choose a folder for the copy"))
        if not folder:
            return
        path = Path(folder)
        if path not in self._folders and not any(p.path == path for p in self.places):
            self._folders.append(path)
            self.places.append(Place(path, False, str(path), None))
            self._render()
            self._check_places()
        row = next(i for i, p in enumerate(self.places) if p.path == path)
        self.targets.setCurrentRow(row)

    # -- last sync ------------------------------------------------------------------

    def _load_last_sync(self) -> None:
        (self.ctx.op(self, sync_service.last_sync)
         .success(self._show_last_sync).failure(lambda error: None).run())

    def _show_last_sync(self, last: LastSync | None) -> None:
        if last is None:
            self.last_sync.setText(self.tr("Never synced"))
            return
        self.last_sync.setText(self.tr("Last synced: {when}").format(
            when=format_datetime(last.at)))

    # -- syncing --------------------------------------------------------------------

    def start_sync(self) -> None:
        """Sync to the chosen drive or folder."""
        place = self.selected_place()
        if place is None or self.syncing:
            return
        chosen, drive = place.path, place.drive

        def run(vault, work):
            folder = sync_targets.replica_folder(chosen, drive=drive)
            report = sync_service.sync(vault, folder, progress=work.progress, cancel=work.token)
            return folder, report

        self._cancel_requested = False
        self.result.hide()
        self.progress.setValue(0)
        self.progress_text.setText(self.tr("Getting ready…"))
        self._op = (self.ctx.op(self, run, long=True).with_progress(self._on_progress)
                    .success(self._finished).failure(self._failed))
        self._show_running(True)
        self._op.run()

    def cancel_sync(self) -> None:
        """Stop the running sync at its next check; the drive keeps its last complete copy."""
        op = self._op
        if op is None:
            return
        self._cancel_requested = True
        self.cancel_button.setEnabled(False)
        self.progress_text.setText(self.tr("Stopping…"))
        if op.work is not None:
            op.cancel()
        elif op.task is not None and op.task.token is not None:
            op.task.token.cancel()  # still waiting for another job to finish

    def _on_progress(self, p: Progress) -> None:
        self.progress.setValue(1000 if p.per_mille is None else p.per_mille)
        if p.steps:
            self.progress_text.setText(self.tr("{done} of %n item", "{done} of %n items",
                                               p.steps).format(done=p.step))

    def _finished(self, result: tuple[Path, SyncReport]) -> None:
        folder, report = result
        self._op = None
        self._show_running(False)
        self._show_result(self.report_text(folder, report), problem=bool(report.damaged))
        self._after_sync()
        self.ctx.catalogue_changed.emit("")  # the library's "synced" badges

    def _failed(self, error: BaseException) -> None:
        self._op = None
        self._show_running(False)
        if self._cancel_requested and isinstance(error, (Cancelled, VaultLocked)):
            self.progress_text.setText("")
            self._show_result(html.escape(self.tr(
                "Sync stopped. The copy on the drive is still the last complete one.")))
        else:
            self._show_result("<b>{title}</b><br>{message}".format(
                title=html.escape(title_for(error)), message=html.escape(message_for(error))),
                problem=True)
        self._after_sync()

    def _after_sync(self) -> None:
        self._load_last_sync()
        self._check_places()

    def report_text(self, folder: Path, r: SyncReport) -> str:
        """The report of a finished sync, in plain words (rich text)."""
        if r.damaged:
            lines = [self.tr("The sync finished, but not every item could be copied.")]
        else:
            lines = [self.tr("Done. The copy on the drive is complete and up to date.")]
        lines.append(self.tr("Copy: {folder}").format(folder=folder))
        if r.copied_items == 0 and r.deleted_items == 0 and not r.damaged:
            lines.append(self.tr("Nothing new to copy: the %n item was already on the drive.",
                                 "Nothing new to copy: all %n items were already on the drive.",
                                 r.skipped_items))
        else:
            lines.append(self.tr("Items copied: {n} ({size})").format(
                n=r.copied_items, size=format_size(r.copied_bytes)))
            lines.append(self.tr("Items already on the drive: {n}").format(n=r.skipped_items))
            if r.deleted_items:
                lines.append(self.tr("Items removed from the drive (erased from the vault): "
                                     "{n}").format(n=r.deleted_items))
        if r.damaged:
            lines.append(self.tr("Not copied, because they are damaged in this vault:"))
            lines += ["• " + problem for problem in r.damaged]
        return "<br>".join(html.escape(line) for line in lines)

    def _show_result(self, rich_text: str, problem: bool = False) -> None:
        self.result.setProperty("problem", problem)
        self.result.setText(("⚠ " if problem else "") + rich_text)
        self.result.show()

    def _show_running(self, running: bool) -> None:
        self.progress.setVisible(running)
        self.progress_text.setVisible(running)
        self.cancel_button.setVisible(running)
        self.cancel_button.setEnabled(running)
        self.targets.setEnabled(not running)
        self.choose_button.setEnabled(not running)
        self.close_button.setEnabled(not running)
        self._update_buttons()

    def _update_buttons(self) -> None:
        self.sync_button.setEnabled(not self.syncing and self.selected_place() is not None)

    # -- closing --------------------------------------------------------------------

    def reject(self) -> None:
        """Closing stops a running sync (the drive keeps its last complete copy)."""
        self._timer.stop()
        if self._op is not None:
            self.cancel_sync()
        super().reject()

    def done(self, result: int) -> None:
        """Stop looking for drives once the dialog is closed."""
        self._timer.stop()
        super().done(result)
