"""The long-work contract (core/work.py): frozen progress reports and the cancel token."""

from __future__ import annotations

import dataclasses

import pytest

from core.errors import Cancelled
from core.work import SECONDS, CancelToken, MediaProgress, Progress, no_progress


def test_progress_is_frozen_and_read_by_attribute():
    p = Progress(5, 10, message="3/10 items", step=3, steps=10)
    assert (p.done, p.total, p.unit, p.message, p.step, p.steps) == (5, 10, "bytes",
                                                                      "3/10 items", 3, 10)
    with pytest.raises(dataclasses.FrozenInstanceError):
        p.done = 6  # type: ignore[misc]
    no_progress(p)


def test_per_mille():
    assert Progress(1, 3).per_mille == 333
    assert Progress(10, 10).per_mille == 1000
    assert Progress(11, 10).per_mille == 1000
    assert Progress(5).per_mille is None and Progress(5, 0).per_mille is None


def test_media_progress_is_a_progress():
    p = MediaProgress(1.5, 3.0, SECONDS, rate=2.0, frames=45, fps=30.0)
    assert isinstance(p, Progress)
    assert (p.per_mille, p.frames, p.fps, p.rate, p.unit) == (500, 45, 30.0, 2.0, "seconds")


def test_cancel_token():
    token = CancelToken()
    token.check()
    assert not token.cancelled
    token.cancel()
    assert token.cancelled
    with pytest.raises(Cancelled):
        token.check()
