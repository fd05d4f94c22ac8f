"""Auto-lock: a timer restarted by every key press and mouse action in the application."""

from __future__ import annotations

from typing import Callable

from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QApplication

_ACTIVITY = {QEvent.Type.KeyPress, QEvent.Type.MouseButtonPress, QEvent.Type.MouseMove,
             QEvent.Type.Wheel, QEvent.Type.TouchBegin}


class IdleLock(QObject):
    """Calls `lock()` after `minutes` without input, unless `postpone()` says not now."""

    def __init__(self, lock: Callable[[], None], postpone: Callable[[], bool],
                 parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._lock, self._postpone = lock, postpone
        self.minutes = 0.0
        self.timer = QTimer(self)
        self.timer.setSingleShot(True)
        self.timer.timeout.connect(self._fire)
        QApplication.instance().installEventFilter(self)

    def set_minutes(self, minutes: float) -> None:
        """Set the idle delay (0 turns auto-lock off) and restart the count."""
        self.minutes = minutes
        self.timer.stop()
        if minutes > 0:
            self.timer.setInterval(int(minutes * 60_000))
            self.timer.start()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt's name)
        """Any input restarts the count."""
        if event.type() in _ACTIVITY and self.timer.isActive():
            self.timer.start()
        return False

    def arm(self) -> None:
        """Start counting (after unlock)."""
        if self.minutes > 0:
            self.timer.start()

    def disarm(self) -> None:
        """Stop counting (while locked)."""
        self.timer.stop()

    def _fire(self) -> None:
        if self._postpone():
            self.timer.start()  # e.g. a recording: check again after another delay
        else:
            self._lock()
