"""The Qt binding keeps Python's reference counts straight (PySide6 6.12.0 did not).

PySide6 6.12.0 released a reference to None at every call of a method returning void;
on Python 3.11 (where None is not immortal) the app then aborted with "deallocating
None" after a few thousand calls, e.g. a minute of recording. pyproject.toml excludes it
there. From Python 3.12 None is immortal (PEP 683): its count never moves, so these tests
would prove nothing and are skipped.
"""

from __future__ import annotations

import sys

import pytest
from PySide6.QtCore import QCoreApplication, QTimer

pytestmark = pytest.mark.skipif(sys.version_info >= (3, 12),
                                reason="None is immortal from Python 3.12: no count to keep")


def test_void_calls_keep_none_alive(qapp):
    timer = QTimer()
    before = sys.getrefcount(None)
    for _ in range(2000):
        timer.setInterval(5)
        QCoreApplication.processEvents()
    assert sys.getrefcount(None) - before > -100  # other threads may move it a little


def test_python_slots_keep_none_alive(qapp, qtbot):
    calls = []
    timer = QTimer()
    timer.setInterval(0)
    timer.timeout.connect(lambda: calls.append(1))
    before = sys.getrefcount(None)
    timer.start()
    qtbot.waitUntil(lambda: len(calls) >= 2000, timeout=20_000)
    timer.stop()
    assert sys.getrefcount(None) - before > -100
