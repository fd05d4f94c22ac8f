"""Drives one recording for the recorder screen: preview, start, pause, stop, photos, faults.

Threads (see ui/runtime/ops.py): the session is created and stopped on the vault thread,
because its constructor and `stop()` write the catalogue; so is a still photo.
`pause()`, `resume()`, `status()` and `latest_frame()` touch no vault and are called
here, on the GUI thread: a 200 ms timer polls the status, which is also how a fault
is noticed (the camera vanished, the disk filled): the session stops running on its
own, and the driver then stops it properly so that the recording is kept. The
preview before recording reads its source on its own thread (app.capture_devices).
Nothing here depends on the window being visible: a minimised window keeps recording.
"""

from __future__ import annotations

import threading
from typing import Any

from PySide6.QtCore import QObject, QTimer, Signal

from app.capture_devices import SourcePreview
from app.recording import RecordingResult, RecordingSession, start_recording
from media.sources import Frame, SourceInfo

from ui.runtime.context import AppContext
from ui.runtime.errors import message_for

POLL_MS = 200

IDLE, STARTING, RECORDING, PAUSED, STOPPING = "idle", "starting", "recording", "paused", "stopping"


class _Slot:
    """The running session, handed over from the vault thread (set there, read here)."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._session: RecordingSession | None = None
        self.cancelled = False

    def put(self, session: RecordingSession) -> bool:
        """Keep `session`; False if the screen was locked meanwhile."""
        with self._lock:
            if self.cancelled:
                return False
            self._session = session
            return True

    def get(self) -> RecordingSession | None:
        """The session, if one runs."""
        return self._session

    def take(self) -> RecordingSession | None:
        """The session, handed to whoever stops it (only once)."""
        with self._lock:
            session, self._session = self._session, None
            return session

    def cancel(self) -> None:
        """No session may start after this."""
        with self._lock:
            self.cancelled = True


def _start_in_vault(vault: Any, slot: _Slot, preview: SourcePreview | None, spec: str,
                    size: tuple[int, int], testimony_id: str) -> RecordingSession | None:
    if preview is not None:
        preview.wait()  # the camera must be free before the recording opens it
    if slot.cancelled:
        return None
    session = start_recording(vault, spec, width=size[0], height=size[1],
                              testimony_id=testimony_id or None)
    if not slot.put(session):  # locked while starting: keep the few frames there are
        session.stop()
        return None
    return session


def _stop_in_vault(vault: Any, slot: _Slot) -> RecordingResult | None:
    session = slot.take()
    return None if session is None else session.stop()


class RecordingDriver(QObject):
    """The recorder's state machine: idle → starting → recording ⇄ paused → stopping → idle."""

    state_changed = Signal(str)
    status = Signal(object)      # media.recorder.RecordStatus, every POLL_MS while recording
    finished = Signal(object)    # app.recording.RecordingResult
    failed = Signal(str)         # a plain message: could not start, or stopping went wrong
    still_saved = Signal(str)    # the new still item's id
    still_failed = Signal(str)

    def __init__(self, ctx: AppContext, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.state = IDLE
        self.preview: SourcePreview | None = None
        self.testimony_id = ""
        self._slot = _Slot()
        self._preview_wanted = False
        self._spec = "synthetic"
        self._size = (1280, 720)
        self._poll = QTimer(self)
        self._poll.setInterval(POLL_MS)
        self._poll.timeout.connect(self._poll_status)

    # -- what to record from ------------------------------------------------

    def set_source(self, spec: str, size: tuple[int, int]) -> None:
        """Record (and preview) `spec` at `size` from now on."""
        self._spec, self._size = spec, size
        if self._preview_wanted and self.state == IDLE:
            self._open_preview()

    def want_preview(self, wanted: bool) -> None:
        """Show the source before recording (the screen is visible) or not."""
        self._preview_wanted = wanted
        if wanted and self.state == IDLE:
            self._open_preview()
        elif not wanted:
            self.stop_preview()

    def _open_preview(self) -> None:
        current = self.preview
        if (current is not None and current.running and current.spec == self._spec
                and (current.width, current.height) == self._size):
            return
        self.stop_preview()
        self.preview = SourcePreview(self._spec, width=self._size[0], height=self._size[1])
        self.preview.start()

    def stop_preview(self) -> None:
        """Release the preview's source (does not wait)."""
        if self.preview is not None:
            self.preview.stop()
            self.preview = None

    # -- what the screen shows ----------------------------------------------

    @property
    def session(self) -> RecordingSession | None:
        """The running session (GUI thread: read status and frames only)."""
        return self._slot.get() if self.state in (RECORDING, PAUSED) else None

    def latest_frame(self) -> Frame | None:
        """The picture to show now: the recording's, else the preview's."""
        session = self.session
        if session is not None:
            return session.latest_frame()
        return self.preview.latest_frame() if self.preview is not None else None

    def preview_info(self) -> SourceInfo | None:
        """What the previewed source delivers (None until it is open)."""
        return self.preview.info if self.preview is not None else None

    @property
    def busy(self) -> bool:
        """True from pressing Record until the recording is safely stopped."""
        return self.state != IDLE

    # -- recording ------------------------------------------------------------

    def record(self, testimony_id: str) -> None:
        """Start recording into `testimony_id` ("" = a new testimony)."""
        if self.state != IDLE:
            return
        self._slot = slot = _Slot()
        preview, self.preview = self.preview, None
        if preview is not None:
            preview.stop()
        spec, size = self._spec, self._size
        self._set_state(STARTING)
        self.ctx.recording_active = True
        (self.ctx.op(self.parent(), lambda vault: _start_in_vault(vault, slot, preview, spec, size,
                                                                  testimony_id))
         .success(self._started).failure(self._start_failed).run())

    def _started(self, session: RecordingSession | None) -> None:
        if session is None or self.state != STARTING:
            return
        self.testimony_id = session.testimony_id
        self._set_state(RECORDING)
        self._poll.start()

    def _start_failed(self, error: BaseException) -> None:
        self._back_to_idle()
        self.failed.emit(self.tr("Recording could not start: {reason}").format(
            reason=message_for(error)))

    def pause(self) -> None:
        """Pause; the recording stays one file."""
        session = self.session
        if session is not None and self.state == RECORDING:
            session.pause()
            self._set_state(PAUSED)

    def resume(self) -> None:
        """Go on recording after a pause."""
        session = self.session
        if session is not None and self.state == PAUSED:
            session.resume()
            self._set_state(RECORDING)

    def stop(self) -> None:
        """Finish the recording (on the vault thread); `finished` tells what was kept."""
        if self.state not in (RECORDING, PAUSED):
            return
        self._poll.stop()
        self._set_state(STOPPING)
        slot = self._slot
        (self.ctx.op(self.parent(), lambda vault: _stop_in_vault(vault, slot))
         .success(self._stopped).failure(self._stop_failed).run())

    def _stopped(self, result: RecordingResult | None) -> None:
        self._back_to_idle()
        if result is not None:
            self.finished.emit(result)

    def _stop_failed(self, error: BaseException) -> None:
        self._back_to_idle()
        self.failed.emit(self.tr("The recording stopped with a problem: {reason} What was "
                                 "recorded is kept and will be repaired the next time Kua is "
                                 "unlocked.").format(reason=message_for(error)))

    def take_still(self, label: str = "") -> None:
        """Save the current picture as a photo of this testimony."""
        session = self.session
        if session is None:
            return
        (self.ctx.op(self.parent(), lambda vault: session.take_still(label))
         .success(self.still_saved.emit)
         .failure(lambda error: self.still_failed.emit(message_for(error))).run())

    def _poll_status(self) -> None:
        session = self.session
        if session is None:
            return
        self.status.emit(session.status())
        if not session.running:  # the source ended or a fault stopped it: keep what there is
            self.stop()

    def _back_to_idle(self) -> None:
        self._poll.stop()
        self.ctx.recording_active = False
        self._set_state(IDLE)
        if self._preview_wanted:
            self._open_preview()

    def _set_state(self, state: str) -> None:
        if state != self.state:
            self.state = state
            self.state_changed.emit(state)

    # -- locking ----------------------------------------------------------------

    def abandon(self) -> None:
        """At lock: stop the preview, and stop any recording through the vault thread.

        Queued before the vault closes (VaultExecutor.lock runs waiting short tasks
        first), the stop joins the capture threads and finishes the file: it is kept.
        """
        self._preview_wanted = False
        self.stop_preview()
        self._poll.stop()
        slot = self._slot
        slot.cancel()
        if self.state != IDLE:
            self.ctx.executor.submit(lambda vault: _stop_in_vault(vault, slot))
        self.ctx.recording_active = False
        self.testimony_id = ""
        self._set_state(IDLE)
