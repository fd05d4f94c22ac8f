"""The one arithmetic of clock-like times (core/i18n/formats.py) and its two digit forms."""

from __future__ import annotations

import pytest

from core.i18n.formats import clock_parts, format_duration, format_media_time, whole_minutes


@pytest.mark.parametrize("seconds, text", [
    (None, "-"), (0, "0:00"), (4.4, "0:04"), (59.5, "1:00"), (245, "4:05"),
    (3599.4, "59:59"), (3600, "1:00:00"), (3723, "1:02:03"), (100 * 3600, "100:00:00"),
])
def test_format_duration(seconds, text):
    assert format_duration(seconds) == text


@pytest.mark.parametrize("seconds, text", [
    (0, "0:00.0"), (-3, "0:00.0"), (12.34, "0:12.3"), (59.96, "1:00.0"), (62.05, "1:02.0"),
    (3723.46, "1:02:03.5"), (3599.99, "1:00:00.0"),
])
def test_format_media_time(seconds, text):
    assert format_media_time(seconds) == text


def test_clock_parts():
    assert clock_parts(3723.45) == (1, 2, 3, 0)
    assert clock_parts(3723.46, 1) == (1, 2, 3, 5)
    assert clock_parts(-1) == (0, 0, 0, 0)
    assert clock_parts(61.999, 2) == (0, 1, 2, 0)


def test_whole_minutes():
    assert whole_minutes(59) == (0, 0) and whole_minutes(59, up=True) == (0, 1)
    assert whole_minutes(95, up=True) == (0, 2)
    assert whole_minutes(3 * 3600 + 27 * 60 + 59) == (3, 27)
    assert whole_minutes(3 * 3600 + 5 * 60, up=True) == (3, 5)
