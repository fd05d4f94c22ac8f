"""An anonymized copy opens in the player with its review: the record strip, a cover
drawn on the paused picture for a span, a new render with it, and "Mark reviewed"."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QPoint, Qt

from app.transcode import review
from app.transcode import runner as transcoding
from media.transcode_profiles import get_profile
from tests.disk_scan import files_holding
from tests.media.transcode_clips import marked_clip
from tests.ui.conftest import run_in_vault

pytestmark = pytest.mark.qt_log_ignore("No audio device detected", "QRhi.*No RHI backend.*",
                                       "Couldn.t (load|resolve) va.*")
MARKER = "KUAREVIEWUI3c9"


def _anonymized(ctx) -> tuple[str, str]:
    data = marked_clip(320, 240, seconds=3.0, fps=15) + MARKER.encode()

    def task(vault):
        tid = vault.catalogue.create_testimony(MARKER)
        with vault.transaction():
            ref = vault.items.create(tid, "master", media_type="video")
        writer = vault.writer(ref)
        writer.write(data)
        writer.close()
        with vault.transaction():
            vault.items.update(ref.item_id, state="complete", size=writer.size,
                               sha256=writer.sha256, duration=3.0, width=320, height=240)
        made, _ = transcoding.transcode(vault, ref.item_id, get_profile("anonymized"))
        return ref.item_id, made.id
    return run_in_vault(ctx, task)


@pytest.mark.slow
def test_review_strip_cover_and_mark(unlocked, ctx, qtbot, tmp_path: Path) -> None:
    window = unlocked
    source, copy = _anonymized(ctx)
    window.ctx.play_item.emit(copy)
    screen = window.player
    panel = screen.review
    qtbot.waitUntil(lambda: panel.isVisible() and panel.info is not None, timeout=15_000)
    assert panel.info.spans and panel.info.source_size == (320, 240)
    assert panel.strip.spans == panel.info.spans
    qtbot.waitUntil(lambda: screen.player is not None and screen.player.position() > 300,
                    timeout=10_000)

    qtbot.mouseClick(panel.draw, Qt.MouseButton.LeftButton)
    assert screen.view.currentWidget() is panel.canvas
    qtbot.waitUntil(lambda: not panel.canvas.image.isNull(), timeout=5_000)
    canvas = panel.canvas
    frame = canvas._frame()
    a = QPoint(int(frame.x() + frame.width() * 0.25), int(frame.y() + frame.height() * 0.25))
    b = QPoint(int(frame.x() + frame.width() * 0.75), int(frame.y() + frame.height() * 0.5))
    qtbot.mousePress(canvas, Qt.MouseButton.LeftButton, pos=a)
    qtbot.mouseMove(canvas, b)
    qtbot.mouseRelease(canvas, Qt.MouseButton.LeftButton, pos=b)
    panel.start.setValue(0.5)
    panel.end.setValue(1.5)
    window.grab().save(str(tmp_path / "review-drawing.png"))
    qtbot.mouseClick(panel.add, Qt.MouseButton.LeftButton)
    [cover] = panel.pending
    assert (cover.start, cover.end) == (0.5, 1.5)
    assert abs(cover.x - 80) <= 4 and abs(cover.y - 60) <= 4
    assert abs(cover.width - 160) <= 6 and abs(cover.height - 60) <= 6
    assert screen.view.currentWidget() is screen.video_page
    with qtbot.waitSignal(ctx.jobs_changed, timeout=10_000):
        qtbot.mouseClick(panel.again, Qt.MouseButton.LeftButton)
    jobs = run_in_vault(ctx, lambda vault: transcoding.service.list_jobs(vault))
    assert any(job.source_id == source
               and [0.5, 1.5] in [c[:2] for c in job.params.values.get("covers", ())]
               for job in jobs)

    qtbot.mouseClick(panel.mark, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: "Reviewed on" in panel.status.text(), timeout=10_000)
    assert run_in_vault(ctx, lambda vault: review.is_reviewed(vault.items.get(copy)))
    window.grab().save(str(tmp_path / "review.png"))
    assert not files_holding([MARKER.encode()], tmp_path / "vault", tmp_path / "tmp")
