"""The overview screen: its charts show the seeded archive's counts; an empty archive
gets a sentence instead of empty axes; a lock forgets the numbers. Screenshots at
1366×768 and 1024×600 go to /work/logs/overview-shots when that folder can be made."""

from __future__ import annotations

from pathlib import Path

from harness.archive_seed import FOREIGN_DEVICE, OTHER_DEVICE, seed_archive
from tests.ui.conftest import run_in_vault, unlock

SHOTS = Path("/work/logs/overview-shots")


def _open_overview(window, qtbot):
    window.actions_by_name["actionOverview"].trigger()
    assert window.workspace.currentWidget() is window.overview
    qtbot.waitUntil(lambda: window.overview.figures is not None, timeout=10_000)
    return window.overview


def _shoot(window, qtbot, name: str) -> None:
    try:
        SHOTS.mkdir(parents=True, exist_ok=True)
    except OSError:
        return
    for size in ((1366, 768), (1024, 600)):
        window.resize(*size)
        qtbot.wait(50)  # let the layout settle before grabbing (no thread involved)
        window.grab().save(str(SHOTS / f"{name}-{size[0]}x{size[1]}.png"))


def test_charts_show_the_archive_counts(existing_vault, window, qtbot):
    unlock(window, qtbot)
    run_in_vault(window.ctx, seed_archive)
    own = run_in_vault(window.ctx, lambda v: v.device_key().fingerprint)
    screen = _open_overview(window, qtbot)
    assert not screen.empty.isVisible() and screen.scroll.isVisible()
    assert screen.per_month.counts() == [("Jan 2024", 2), ("Feb 2024", 0), ("Mar 2024", 2),
                                         ("Apr 2024", 1)]
    assert screen.by_kind.counts() == [("camp", 3), ("prison", 2), ("not recorded", 1)]
    assert screen.by_year.counts() == [("2017", 2), ("2018", 2), ("2019", 1),
                                       ("not recorded", 1)]
    assert sorted(screen.per_device.counts()) == sorted([
        (FOREIGN_DEVICE, 2), (f"this computer ({own})", 2), (OTHER_DEVICE, 1)])
    assert "5 testimonies" in screen.summary.text()
    assert "6 detained people" in screen.summary.text()
    _shoot(window, qtbot, "overview")
    window.lock_now()
    assert screen.figures is None and screen.per_month.counts() == []


def test_an_empty_archive_says_so(unlocked, qtbot):
    screen = _open_overview(unlocked, qtbot)
    assert screen.empty.isVisible() and not screen.scroll.isVisible()
    assert "Nothing to count yet" in screen.empty.text()
    _shoot(unlocked, qtbot, "overview-empty")
