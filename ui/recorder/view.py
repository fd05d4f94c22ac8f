"""The recorder: live preview, source pickers, big record/pause/stop, level, space left, guide.

The screen shows and asks; ui/recorder/controls.py (RecordingDriver) runs the
recording through the vault thread. Pictures are converted to QImage in memory
(ui/recorder/preview.py) ~12 times a second while the screen is visible; the recording
itself never depends on the window being shown.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QSize, QStorageInfo, Qt, QTimer
from PySide6.QtGui import QColor, QFont, QIcon, QPainter, QPixmap
from PySide6.QtWidgets import (QHBoxLayout, QLabel, QPushButton, QSizePolicy, QSplitter,
                               QStyle, QVBoxLayout, QWidget)

from app.capture_devices import MEASURE_AFTER_SECONDS, expected_bytes_per_second
from app.recording import RecordingResult
from core.i18n.formats import whole_minutes
from media.recorder import RecordStatus

from ui.runtime.context import AppContext
from ui.recorder.guide import InterviewGuide
from ui.recorder.level_meter import LevelMeter
from ui.recorder.preview import PreviewView
from ui.recorder.controls import IDLE, PAUSED, RECORDING, STARTING, STOPPING, RecordingDriver
from ui.recorder.sources import SourcePicker
from ui.widgets.screen import Screen
from ui.runtime.formats import format_duration
from ui.widgets.basics import PROBLEM_STYLE, STRETCH, button_row, heading, note, push_button

FRAME_MS = 80            # ~12 pictures a second on screen
PHOTO_NOTE_MS = 3000
LOW_SPACE_SECONDS = 15 * 60


def _tr(text: str) -> str:
    return QCoreApplication.translate("RecorderScreen", text)


def format_space_left(seconds: float) -> str:
    """'About 3 h 20 min of recording space left', in plain words."""
    if seconds < 60:
        return _tr("Less than a minute of recording space left")
    hours, rest = whole_minutes(seconds)
    if not hours:
        return _tr("About {m} min of recording space left").format(m=rest)
    rest -= rest % 10
    if rest == 0:
        return _tr("About {h} h of recording space left").format(h=hours)
    return _tr("About {h} h {m} min of recording space left").format(h=hours, m=rest)


def _dot_icon(colour: str) -> QIcon:
    pixmap = QPixmap(64, 64)
    pixmap.fill(Qt.GlobalColor.transparent)
    painter = QPainter(pixmap)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setPen(Qt.PenStyle.NoPen)
    painter.setBrush(QColor(colour))
    painter.drawEllipse(8, 8, 48, 48)
    painter.end()
    return QIcon(pixmap)


def _big_button(text: str, name: str, icon: QIcon) -> QPushButton:
    button = QPushButton(icon, text)
    button.setObjectName(name)
    font = button.font()
    font.setPointSizeF(font.pointSizeF() * 1.3)
    font.setWeight(QFont.Weight.DemiBold)
    button.setFont(font)
    metrics = button.fontMetrics()
    height = metrics.height()
    button.setIconSize(QSize(height, height))
    button.setMinimumHeight(int(height * 2.8))
    button.setMinimumWidth(metrics.horizontalAdvance(text.replace("&", "")) + 4 * height)
    button.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Fixed)
    button.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
    return button


class RecorderScreen(Screen):
    """Record a testimony (or one more recording of an existing one)."""

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        self.driver = RecordingDriver(ctx, self)
        self._target = ""          # testimony to add to; "" makes a new one
        self._recorded_into = ""   # testimony of the last recording
        self._polls = 0
        self._photo_notes = 0
        layout = QVBoxLayout(self)
        layout.addLayout(self._build_header())
        self.sources = SourcePicker()
        self.sources.set_quality(ctx.prefs.quality)
        self.sources.changed.connect(self._source_changed)
        layout.addWidget(self.sources)
        self.preview = PreviewView()
        self.guide = InterviewGuide(ctx)
        self.splitter = QSplitter(Qt.Orientation.Horizontal)
        self.splitter.setChildrenCollapsible(False)
        self.splitter.addWidget(self.preview)
        self.splitter.addWidget(self.guide)
        self.splitter.setStretchFactor(0, 3)
        self.splitter.setStretchFactor(1, 1)
        layout.addWidget(self.splitter, 1)
        layout.addLayout(self._build_controls())
        layout.addLayout(self._build_status())
        layout.addLayout(self._build_outcome())
        self._frame_timer = QTimer(self)
        self._frame_timer.setInterval(FRAME_MS)
        self._frame_timer.timeout.connect(self._show_frame)
        d = self.driver
        d.state_changed.connect(self._state_changed)
        d.status.connect(self._show_status)
        d.finished.connect(self._finished)
        d.failed.connect(self._say_problem)
        d.still_saved.connect(lambda _: self._photo_note(self.tr("Photo saved")))
        d.still_failed.connect(lambda text: self._photo_note(
            self.tr("The photo could not be saved: {reason}").format(reason=text), warn=True))
        self.sources.refresh()
        self._state_changed(IDLE)

    # -- building -------------------------------------------------------------

    def _build_header(self) -> QHBoxLayout:
        row = QHBoxLayout()
        self.target_label = heading(self.tr("Record a new testimony"), 1.3)
        self.target_label.setObjectName("recordTarget")
        row.addWidget(self.target_label, 1)
        self.guide_toggle = push_button(self.tr("Hide the &guide"), "guideToggle",
                                        self._toggle_guide)
        self.guide_toggle.setToolTip(self.tr("Show or hide the interview questions beside the "
                                             "picture"))
        row.addWidget(self.guide_toggle, 0, Qt.AlignmentFlag.AlignTop)
        return row

    def _toggle_guide(self) -> None:
        shown = not self.guide.isVisibleTo(self)
        self.guide.setVisible(shown)
        self.guide_toggle.setText(self.tr("Hide the &guide") if shown
                                  else self.tr("Show the &guide"))

    def _build_controls(self) -> QHBoxLayout:
        icon = self.style().standardIcon
        sp = QStyle.StandardPixmap
        self.record_button = _big_button(self.tr("&Record"), "recordButton", _dot_icon("#c62828"))
        self.record_button.setToolTip(self.tr("Start recording (Alt+R)"))
        self.record_button.clicked.connect(self._record)
        self.pause_button = _big_button(self.tr("&Pause"), "pauseButton", icon(sp.SP_MediaPause))
        self.pause_button.clicked.connect(self._pause_or_resume)
        self.stop_button = _big_button(self.tr("&Stop"), "stopButton", icon(sp.SP_MediaStop))
        self.stop_button.setToolTip(self.tr("Stop and save the recording (Alt+S)"))
        self.stop_button.clicked.connect(self.driver.stop)
        self.still_button = _big_button(self.tr("Take a p&hoto"), "stillButton",
                                        _dot_icon("#455a64"))
        self.still_button.setToolTip(self.tr("Save the picture now as a photo, e.g. of an "
                                             "identity document (Alt+H)"))
        self.still_button.clicked.connect(lambda: self.driver.take_still())
        self.state_label = heading("", 1.2)
        self.state_label.setWordWrap(False)
        self.state_label.setObjectName("recordState")
        self.elapsed = heading(format_duration(0), 2.4)
        self.elapsed.setObjectName("elapsed")
        self.elapsed.setWordWrap(False)
        self.elapsed.setAccessibleName(self.tr("Time recorded"))
        return button_row(self.record_button, self.pause_button, self.stop_button,
                          self.still_button, STRETCH, self.state_label, self.elapsed)

    def _build_status(self) -> QHBoxLayout:
        row = QHBoxLayout()
        sound = QLabel(self.tr("Sound:"))
        row.addWidget(sound)
        self.meter = LevelMeter()
        row.addWidget(self.meter, 2)
        self.dropped_label = QLabel()
        self.dropped_label.setObjectName("droppedFrames")
        self.dropped_label.setStyleSheet(PROBLEM_STYLE)
        self.dropped_label.hide()
        row.addWidget(self.dropped_label)
        self.space_label = QLabel()
        self.space_label.setObjectName("spaceLeft")
        row.addWidget(self.space_label, 1, Qt.AlignmentFlag.AlignRight)
        return row

    def _build_outcome(self) -> QHBoxLayout:
        row = QHBoxLayout()
        self.message = note("recordMessage")
        row.addWidget(self.message, 1)
        self.photo_label = QLabel()
        self.photo_label.setObjectName("photoNote")
        row.addWidget(self.photo_label)
        self.more_button = push_button(self.tr("Record more for this testimony"), "recordMore",
                                       lambda: self.prepare(self._recorded_into))
        self.details_button = push_button(self.tr("Fill in the details"), "fillDetails",
                                          lambda: self.ctx.open_testimony.emit(self._recorded_into))
        for button in (self.more_button, self.details_button):
            button.hide()
            row.addWidget(button)
        return row

    # -- Screen ---------------------------------------------------------------

    def prepare(self, testimony_id: str) -> None:
        """Get ready to record into `testimony_id` ("" = a new testimony)."""
        if self.driver.busy:
            return  # a recording runs: it goes on into its own testimony
        self._target = testimony_id
        self.target_label.setText(self.tr("Add a recording to this testimony") if testimony_id
                                  else self.tr("Record a new testimony"))
        self._clear_outcome()
        self.elapsed.setText(format_duration(0))
        self.sources.set_quality(self.ctx.prefs.quality)
        self.guide.untick_all()
        self.sources.refresh()

    def activate(self) -> None:
        """Load the guide, show the space left, start the preview."""
        self.guide.load()
        self._update_space()
        QTimer.singleShot(0, self._maybe_preview)

    def retranslate(self) -> None:
        """Say the space left in the new language (the label is made from pieces)."""
        if self.space_label.text():
            self._update_space()

    def busy_reason(self) -> str | None:
        """A plain sentence while recording."""
        if self.driver.busy:
            return self.tr("A recording is running. Quitting stops it; what was recorded so far "
                           "is kept.")
        return None

    def clear(self) -> None:
        """At lock: stop preview and recording (kept), forget the guide and every label."""
        self.driver.abandon()
        self._frame_timer.stop()
        self.preview.clear()
        self.guide.clear()
        self.meter.clear()
        self._clear_outcome()
        self._target = ""
        self.target_label.setText(self.tr("Record a new testimony"))
        self.elapsed.setText(format_duration(0))
        self.space_label.clear()
        self.sources.clear()

    def showEvent(self, event) -> None:  # noqa: N802 (Qt's name)
        """Pictures on screen again; the preview starts once the screen really stays."""
        super().showEvent(event)
        self._frame_timer.start()
        QTimer.singleShot(0, self._maybe_preview)

    def hideEvent(self, event) -> None:  # noqa: N802 (Qt's name)
        """Left or minimised: no preview, no painting; a recording goes on."""
        super().hideEvent(event)
        self._frame_timer.stop()
        self.driver.want_preview(False)

    # -- sources ----------------------------------------------------------------

    def _source_changed(self) -> None:
        self.driver.set_source(self.sources.spec(), self.sources.frame_size())
        self.sources.show_sound(self.driver.preview_info())
        self._update_space()

    def _maybe_preview(self) -> None:
        if self.isVisible() and self.ctx.is_unlocked:
            self.driver.want_preview(True)

    # -- recording ----------------------------------------------------------------

    def _record(self) -> None:
        self._clear_outcome()
        self.elapsed.setText(format_duration(0))
        self.driver.record(self._target)

    def _pause_or_resume(self) -> None:
        if self.driver.state == PAUSED:
            self.driver.resume()
        else:
            self.driver.pause()

    def _state_changed(self, state: str) -> None:
        recording = state in (RECORDING, PAUSED)
        self.record_button.setEnabled(state == IDLE)
        self.pause_button.setEnabled(recording)
        self.stop_button.setEnabled(recording)
        self.still_button.setEnabled(recording)
        self.sources.set_choosing(state == IDLE)
        self.pause_button.setText(self.tr("&Resume") if state == PAUSED else self.tr("&Pause"))
        self.pause_button.setToolTip(self.tr("Go on recording (Alt+R)") if state == PAUSED
                                     else self.tr("Pause; the recording stays one file (Alt+P)"))
        texts = {IDLE: "", STARTING: self.tr("Starting…"), RECORDING: self.tr("● Recording"),
                 PAUSED: self.tr("Paused"), STOPPING: self.tr("Saving…")}
        self.state_label.setText(texts[state])
        self.state_label.setStyleSheet(PROBLEM_STYLE if state == RECORDING else "")
        if state == RECORDING and not self.pause_button.hasFocus() and (
                self.record_button.hasFocus() or self.focusWidget() is None):
            self.pause_button.setFocus()
        elif state == IDLE:
            self.meter.clear()
            self.dropped_label.hide()

    def _show_status(self, status: RecordStatus) -> None:
        self.elapsed.setText(format_duration(int(status.elapsed)))  # a clock: whole seconds
        self.meter.set_levels(status.peak_dbfs, status.rms_dbfs)
        if status.dropped_frames:
            self.dropped_label.setText(self.tr(
                "%n picture skipped (the computer is busy)",
                "%n pictures skipped (the computer is busy)", status.dropped_frames))
        self.dropped_label.setVisible(status.dropped_frames > 0)
        self._polls += 1
        if self._polls % 10 == 1:
            self._update_space(status)

    def _finished(self, result: RecordingResult) -> None:
        self._recorded_into = result.testimony_id
        length = format_duration(result.duration or 0)
        if result.disk_full:
            text = self.tr("The disk is full, so the recording stopped. It was kept up to its "
                           "last whole second ({length}). Free some space before recording "
                           "again.").format(length=length)
        elif result.error and result.state == "complete":
            text = self.tr("The camera stopped sending pictures (was it unplugged?), so the "
                           "recording stopped. What was recorded is kept ({length}).").format(
                               length=length)
        elif result.error:
            text = self.tr("The recording stopped because of a problem: {reason}. What was "
                           "recorded is kept ({length}).").format(reason=result.error,
                                                                  length=length)
        else:
            text = self.tr("Recorded {length}. Saved in the vault.").format(length=length)
        if result.dropped_frames:
            text += " " + self.tr("%n picture was skipped because the computer was busy.",
                                  "%n pictures were skipped because the computer was busy.",
                                  result.dropped_frames)
        self.elapsed.setText(length)
        self.message.setText(text)
        self.message.setStyleSheet(PROBLEM_STYLE if result.error else "")
        self.details_button.show()
        self.more_button.show()
        self.details_button.setFocus()
        self._update_space()
        self.ctx.catalogue_changed.emit(result.testimony_id)

    def _say_problem(self, text: str) -> None:
        self.message.setText(text)
        self.message.setStyleSheet(PROBLEM_STYLE)

    def _photo_note(self, text: str, warn: bool = False) -> None:
        self._photo_notes += 1
        note = self._photo_notes
        self.photo_label.setText(text)
        self.photo_label.setStyleSheet(PROBLEM_STYLE if warn else "")
        QTimer.singleShot(PHOTO_NOTE_MS, self, lambda: note == self._photo_notes
                          and self.photo_label.clear())

    def _clear_outcome(self) -> None:
        self.message.clear()
        self.photo_label.clear()
        self.details_button.hide()
        self.more_button.hide()
        self.dropped_label.hide()
        self._polls = 0

    # -- pictures and space ---------------------------------------------------

    def _show_frame(self) -> None:
        frame = self.driver.latest_frame()
        if frame is not None:
            self.preview.show_frame(frame, frame.image)
        elif self.driver.state == IDLE:
            preview = self.driver.preview
            if preview is not None and preview.lost:
                self.preview.show_text(self.tr("The camera stopped sending pictures. Is it still "
                                               "plugged in? Then press “Look again”."))
            elif preview is not None and preview.error:
                self.preview.show_text(self.tr("The camera could not be opened: {reason}")
                                       .format(reason=preview.error))
            elif preview is not None and self.preview.frame is None:
                self.preview.show_text(self.tr("Waiting for the picture…"))
        if self.driver.state == IDLE and self.driver.preview is not None:
            info = self.driver.preview.info
            if info is not None and info.sample_rate:
                self.meter.set_levels(*self.driver.preview.levels())
            self.sources.show_sound(info)

    def _update_space(self, status: RecordStatus | None = None) -> None:
        storage = QStorageInfo(str(self.ctx.vault_path))
        free = storage.bytesAvailable() if storage.isValid() else -1
        if free < 0 or not self.ctx.is_unlocked:
            self.space_label.clear()
            return
        rate = float(expected_bytes_per_second(self.sources.resolution()))
        if status is not None and status.elapsed >= MEASURE_AFTER_SECONDS and status.bytes_written:
            rate = status.bytes_written / status.elapsed
        seconds = free / rate
        self.space_label.setText(format_space_left(seconds))
        self.space_label.setStyleSheet(PROBLEM_STYLE if seconds < LOW_SPACE_SECONDS else "")
