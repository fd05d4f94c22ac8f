"""The main window: first run or unlock, then the workspace; panic lock and auto-lock.

The title is always "Kua": no testimony content in titles, notifications or recent files.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QCloseEvent, QKeySequence
from PySide6.QtWidgets import (QApplication, QDialog, QMainWindow, QMessageBox,
                               QSizePolicy, QStackedWidget, QStyle, QToolBar, QWidget)

from app.session import vault_exists

from ui.runtime.context import AppContext
from ui.export.dialog import ExportDialog
from ui.unlock.first_run import FirstRunScreen
from ui.widgets.icons import set_icon
from ui.runtime.idle import IdleLock
from ui.jobs.view import JobsScreen
from ui.library.view import LibraryScreen
from ui.overview.view import OverviewScreen
from ui.player.view import PlayerScreen
from ui.recorder.view import RecorderScreen
from ui.widgets.dialog import message_box
from ui.widgets.screen import Screen
from ui.dialogs.settings import SettingsDialog
from ui.sync.dialog import SyncDialog
from ui.testimony.form import TestimonyForm
from ui.unlock.screen import UnlockScreen

PANIC_SHORTCUTS = ("Ctrl+L", "F12")


class MainWindow(QMainWindow):
    """Kua's one window."""

    def __init__(self, ctx: AppContext) -> None:
        super().__init__()
        self.ctx = ctx
        self.setWindowTitle("Kua")
        self.setMinimumSize(800, 560)
        self.root = QStackedWidget()
        self.setCentralWidget(self.root)
        self.first_run = FirstRunScreen(ctx)
        self.first_run.finished.connect(self._enter_workspace)
        self.unlock_screen = UnlockScreen(ctx)
        self.unlock_screen.unlocked.connect(self._enter_workspace)
        self.workspace = QStackedWidget()
        self.library = LibraryScreen(ctx)
        self.form = TestimonyForm(ctx)
        self.recorder = RecorderScreen(ctx)
        self.player = PlayerScreen(ctx)
        self.jobs = JobsScreen(ctx)
        self.overview = OverviewScreen(ctx)
        self.screens: list[Screen] = [self.library, self.form, self.recorder, self.player,
                                      self.jobs, self.overview]
        for screen in self.screens:
            self.workspace.addWidget(screen)
        for page in (self.first_run, self.unlock_screen, self.workspace):
            self.root.addWidget(page)
        self._build_toolbar()
        self.idle = IdleLock(self.lock_now, lambda: self.ctx.recording_active, self)
        self.idle.set_minutes(ctx.prefs.auto_lock_minutes)
        self.idle.disarm()
        ctx.preferences_changed.connect(self._preferences_changed)
        ctx.open_testimony.connect(self._open_testimony)
        ctx.play_item.connect(self._play)
        ctx.record_into.connect(self._record)
        ctx.show_library.connect(lambda: self.show_screen(self.library))
        self._quit_confirmed = False
        self._start_page()

    # -- pages -----------------------------------------------------------------

    def _start_page(self) -> None:
        self.toolbar.setVisible(False)
        if vault_exists(self.ctx.vault_path):
            self.root.setCurrentWidget(self.unlock_screen)
            self.unlock_screen.passphrase.setFocus()
        else:
            self.root.setCurrentWidget(self.first_run)

    def _build_toolbar(self) -> None:
        bar = QToolBar(self.tr("Main"))
        bar.setObjectName("mainToolbar")
        bar.setMovable(False)
        bar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        self.addToolBar(Qt.ToolBarArea.TopToolBarArea, bar)
        self.toolbar = bar
        sp = QStyle.StandardPixmap
        self.actions_by_name: dict[str, QAction] = {}

        def add(name: str, text: str, pixmap: QStyle.StandardPixmap, slot) -> QAction:
            action = QAction(text, self)
            set_icon(action, pixmap)
            action.setObjectName(name)
            action.triggered.connect(slot)
            bar.addAction(action)
            self.actions_by_name[name] = action
            return action

        add("actionLibrary", self.tr("Testimonies"), sp.SP_DirHomeIcon,
            lambda: self.show_screen(self.library))
        add("actionRecord", self.tr("Record"), sp.SP_MediaPlay, lambda: self._record(""))
        add("actionJobs", self.tr("Jobs"), sp.SP_BrowserReload, lambda: self.show_screen(self.jobs))
        add("actionOverview", self.tr("Overview"), sp.SP_FileDialogContentsView,
            lambda: self.show_screen(self.overview))
        bar.addSeparator()
        add("actionExport", self.tr("Export…"), sp.SP_DialogSaveButton,
            lambda: self.open_export(self.library.selected_ids()))
        add("actionSync", self.tr("Sync…"), sp.SP_DriveHDIcon, self.open_sync)
        add("actionSettings", self.tr("Settings"), sp.SP_FileDialogDetailedView, self.open_settings)
        spacer = QWidget()
        spacer.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
        bar.addWidget(spacer)
        lock = add("actionLock", self.tr("Lock"), sp.SP_DialogCloseButton, self.lock_now)
        lock.setShortcuts([QKeySequence(s) for s in PANIC_SHORTCUTS])
        lock.setShortcutContext(Qt.ShortcutContext.ApplicationShortcut)
        # The shortcut must work on the lock screen too (it does nothing there).
        self.addAction(lock)
        self.retranslate()

    def retranslate(self) -> None:
        """The texts made from pieces, again in the current language (ui/runtime/translator.py)."""
        self.actions_by_name["actionLock"].setToolTip(self.tr(
            "Lock now: stops the camera, closes the vault, hides everything ({keys})").format(
            keys=" / ".join(PANIC_SHORTCUTS)))

    def show_screen(self, screen: Screen) -> None:
        """Bring a workspace screen to the front and let it load."""
        self.workspace.setCurrentWidget(screen)
        screen.activate()

    def _enter_workspace(self) -> None:
        self.ctx.is_unlocked = True
        self.root.setCurrentWidget(self.workspace)
        self.toolbar.setVisible(True)
        self.idle.arm()
        self.ctx.unlocked.emit()
        self.show_screen(self.library)

    def _open_testimony(self, testimony_id: str) -> None:
        self.form.load(testimony_id)
        self.show_screen(self.form)

    def _play(self, item_id: str) -> None:
        self.show_screen(self.player)
        self.player.play(item_id)

    def _record(self, testimony_id: str) -> None:
        self.recorder.prepare(testimony_id)
        self.show_screen(self.recorder)

    # -- dialogs ---------------------------------------------------------------

    def open_export(self, testimony_ids: list[str]) -> ExportDialog:
        """The export dialog for the chosen testimonies (non-modal)."""
        dialog = ExportDialog(self.ctx, self, testimony_ids)
        dialog.open()
        return dialog

    def open_sync(self) -> SyncDialog:
        """The sync dialog (non-modal)."""
        dialog = SyncDialog(self.ctx, self)
        dialog.open()
        return dialog

    def open_settings(self) -> SettingsDialog:
        """The settings dialog (non-modal)."""
        dialog = SettingsDialog(self.ctx, self)
        dialog.open()
        return dialog

    def _preferences_changed(self) -> None:
        self.idle.set_minutes(self.ctx.prefs.auto_lock_minutes)
        if not self.ctx.is_unlocked:
            self.idle.disarm()

    # -- locking and quitting --------------------------------------------------

    def lock_now(self) -> None:
        """Panic lock: stop the camera, forget every view, close the vault, show the lock screen."""
        if not self.ctx.is_unlocked:
            return
        for child in self.findChildren(QDialog):
            child.reject()
            child.deleteLater()
        for screen in self.screens:
            screen.clear()
        self.ctx.executor.lock()
        self.ctx.is_unlocked = False
        self.ctx.recording_active = False
        QApplication.clipboard().clear()
        self.idle.disarm()
        self.toolbar.setVisible(False)
        self.first_run.clear()
        self.unlock_screen.clear()
        self.root.setCurrentWidget(self.unlock_screen)
        self.unlock_screen.passphrase.setFocus()
        self.ctx.locked.emit()

    def busy_reasons(self) -> list[str]:
        """What quitting now would interrupt."""
        reasons = [r for r in (s.busy_reason() for s in self.screens) if r]
        if self.ctx.executor.busy_with_long_task and not reasons:
            reasons.append(self.tr("A job is running; it will continue the next time Kua opens."))
        return reasons

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802 (Qt's name)
        """Ask before quitting in the middle of a recording or a job; keep the recording.

        The question is a non-blocking box (no nested event loop): the close is
        refused now and done again when the user answers Quit.
        """
        reasons = self.busy_reasons()
        if reasons and self.ctx.is_unlocked and not self._quit_confirmed:
            event.ignore()
            self._ask_to_quit(reasons)
            return
        self.lock_now()
        self.ctx.executor.shutdown()
        event.accept()

    def _ask_to_quit(self, reasons: list[str]) -> QMessageBox:
        box = message_box(self, QMessageBox.Icon.Question, self.tr("Quit Kua?"),
                          "\n".join(reasons) + "\n\n"
                          + self.tr("Quit anyway? Whatever was recorded is kept."),
                          "quitQuestion", QMessageBox.StandardButton.NoButton)
        quit_button = box.addButton(self.tr("Quit"), QMessageBox.ButtonRole.AcceptRole)
        box.addButton(self.tr("Keep working"), QMessageBox.ButtonRole.RejectRole)

        def answered(_result: int) -> None:
            if box.clickedButton() is quit_button:
                self._quit_confirmed = True
                self.close()

        box.finished.connect(answered)
        box.open()
        return box
