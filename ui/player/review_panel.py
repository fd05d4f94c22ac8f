"""The review of an anonymized copy, under the player: where faces were covered, covers
drawn by hand, and "Mark reviewed" (app/transcode/review.py does the work).

The strip shows the copy's record: runs of frames with a face covered (orange) and
with none found (grey), the covers drawn by hand (blue) and the playhead; a click
seeks. "Draw a cover" pauses and shows the current picture, on which a rectangle is
dragged; it is added for the span typed in the two time fields. "Make it again with
these covers" queues a new render; "Mark reviewed" lets export take this copy.
"""

from __future__ import annotations

from PySide6.QtCore import QPointF, QRectF, Qt, Signal
from PySide6.QtGui import QColor, QImage, QPainter, QPen
from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

from app.transcode import review, runner
from media.transcode_profiles import Cover

from ui.runtime.context import AppContext
from ui.widgets.basics import STRETCH, DoubleSpinBox, button_row, push_button

COVERED, NO_FACE, DRAWN = QColor("#e8710a"), QColor("#c9c9c9"), QColor("#1a73e8")


class FaceStrip(QWidget):
    """Covered / no-face runs and drawn covers along the timeline; a click seeks."""

    seek_requested = Signal(int)   # milliseconds

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("faceStrip")
        self.setMinimumHeight(22)
        self.duration = 0.0
        self.spans: tuple[review.FaceSpan, ...] = ()
        self.covers: tuple[Cover, ...] = ()
        self.position = 0.0

    def show_record(self, duration: float, spans, covers) -> None:
        """What to draw (seconds)."""
        self.duration, self.spans, self.covers = max(duration, 0.001), tuple(spans), tuple(covers)
        self.update()

    def set_position(self, seconds: float) -> None:
        """Move the playhead."""
        self.position = seconds
        self.update()

    def paintEvent(self, event) -> None:  # noqa: N802 (Qt's name)
        """Draw the runs, the covers and the playhead."""
        painter = QPainter(self)
        w, h = self.width(), self.height()
        painter.fillRect(self.rect(), QColor("#f1f1f1"))
        x = lambda t: w * t / self.duration  # noqa: E731
        for span in self.spans:
            painter.fillRect(QRectF(x(span.start), 0, max(1.0, x(span.end) - x(span.start)),
                                    h * 0.7), COVERED if span.covered else NO_FACE)
        for cover in self.covers:
            painter.fillRect(QRectF(x(cover.start), h * 0.7, max(1.0, x(cover.end) - x(cover.start)),
                                    h * 0.3), DRAWN)
        painter.setPen(QPen(Qt.GlobalColor.black, 2))
        painter.drawLine(QPointF(x(self.position), 0), QPointF(x(self.position), h))

    def mousePressEvent(self, event) -> None:  # noqa: N802 (Qt's name)
        """Seek to where the strip was clicked."""
        if self.width() > 0:
            self.seek_requested.emit(int(1000 * self.duration * event.position().x() / self.width()))


class CoverCanvas(QWidget):
    """The paused picture; a rectangle dragged on it is the region to cover."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.image = QImage()
        self.region: QRectF | None = None   # in image pixels
        self._start: QPointF | None = None

    def set_image(self, image: QImage) -> None:
        """Show `image` and forget the last region."""
        self.image, self.region = image, None
        self.update()

    def _frame(self) -> QRectF:
        if self.image.isNull():
            return QRectF(self.rect())
        size = self.image.size().scaled(self.size(), Qt.AspectRatioMode.KeepAspectRatio)
        return QRectF((self.width() - size.width()) / 2, (self.height() - size.height()) / 2,
                      size.width(), size.height())

    def _to_image(self, point: QPointF) -> QPointF:
        frame = self._frame()
        iw = self.image.width() or frame.width()
        ih = self.image.height() or frame.height()
        return QPointF(min(max(0.0, (point.x() - frame.x()) * iw / frame.width()), iw),
                       min(max(0.0, (point.y() - frame.y()) * ih / frame.height()), ih))

    def mousePressEvent(self, event) -> None:  # noqa: N802 (Qt's name)
        """Start a rectangle."""
        self._start = self._to_image(event.position())

    def mouseMoveEvent(self, event) -> None:  # noqa: N802 (Qt's name)
        """Grow it."""
        if self._start is not None:
            self.region = QRectF(self._start, self._to_image(event.position())).normalized()
            self.update()

    def mouseReleaseEvent(self, event) -> None:  # noqa: N802 (Qt's name)
        """Finish it."""
        self.mouseMoveEvent(event)
        self._start = None

    def paintEvent(self, event) -> None:  # noqa: N802 (Qt's name)
        """The picture, and the region over it."""
        painter = QPainter(self)
        painter.fillRect(self.rect(), Qt.GlobalColor.black)
        frame = self._frame()
        if not self.image.isNull():
            painter.drawImage(frame, self.image)
        if self.region is not None:
            iw = self.image.width() or frame.width()
            ih = self.image.height() or frame.height()
            r = self.region
            shown = QRectF(frame.x() + r.x() * frame.width() / iw, frame.y() + r.y() * frame.height() / ih,
                           r.width() * frame.width() / iw, r.height() * frame.height() / ih)
            painter.fillRect(shown, QColor(26, 115, 232, 110))
            painter.setPen(QPen(DRAWN, 2))
            painter.drawRect(shown)


class ReviewPanel(QWidget):
    """Under the player, for anonymized copies only."""

    draw_requested = Signal(bool)   # True: show the canvas with the paused picture
    seek_requested = Signal(int)

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.info: review.ReviewInfo | None = None
        self.pending: list[Cover] = []
        self.canvas = CoverCanvas()
        self.strip = FaceStrip()
        self.strip.seek_requested.connect(self.seek_requested)
        self.legend = QLabel(self.tr("Orange: a face was covered. Grey: no face was found. "
                                     "Blue: covers you drew."))
        self.status = QLabel()
        self.status.setObjectName("reviewStatus")
        self.draw = push_button(self.tr("Draw a cover"), "drawCover")
        self.draw.setCheckable(True)
        self.draw.toggled.connect(self.draw_requested)
        self.start = DoubleSpinBox()
        self.end = DoubleSpinBox()
        for spin in (self.start, self.end):
            spin.setDecimals(1)
            spin.setSuffix(" s")
            spin.setRange(0.0, 24 * 3600.0)
        self.add = push_button(self.tr("Add this cover"), "addCover", self.add_cover)
        self.again = push_button(self.tr("Make the copy again with these covers"),
                                 "renderWithCovers", self.render_again)
        self.mark = push_button(self.tr("Mark reviewed"), "markReviewed", self.mark_reviewed)
        row = button_row(self.draw, QLabel(self.tr("from")), self.start, QLabel(self.tr("to")),
                         self.end, self.add, self.again, STRETCH, self.mark)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.strip)
        layout.addWidget(self.legend)
        layout.addLayout(row)
        layout.addWidget(self.status)

    def load(self, item_id: str) -> None:
        """Read the copy's record and mark."""
        self.ctx.op(self, lambda vault: review.review_info(vault, item_id)).success(self._show).run()

    def _show(self, info: review.ReviewInfo) -> None:
        self.info, self.pending = info, []
        self.end.setMaximum(info.duration or 24 * 3600.0)
        self._redraw()
        self.status.setText(self.tr("Reviewed on {date}.").format(date=info.reviewed[:10])
                            if info.reviewed else
                            self.tr("Not reviewed yet: watch it to the end, cover what was missed."))
        self.mark.setEnabled(info.reviewed is None)

    def _redraw(self) -> None:
        if self.info is not None:
            self.strip.show_record(self.info.duration or 0.0, self.info.spans,
                                   self.info.covers + tuple(self.pending))
        self.again.setEnabled(bool(self.pending))

    def at(self, seconds: float) -> None:
        """The player's position: the playhead, and where a new cover starts."""
        self.strip.set_position(seconds)
        if not self.draw.isChecked():
            self.start.setValue(seconds)
            self.end.setValue(seconds + 2.0)

    def add_cover(self) -> None:
        """The region drawn, for the span typed, in the source's pixels."""
        region, info = self.canvas.region, self.info
        if region is None or info is None or self.canvas.image.isNull() or info.source_size is None:
            self.status.setText(self.tr("Draw a rectangle on the picture first."))
            return
        sw, sh = info.source_size
        fx, fy = sw / self.canvas.image.width(), sh / self.canvas.image.height()
        x, y = int(region.x() * fx), int(region.y() * fy)
        w = max(1, min(sw - x, int(round(region.width() * fx))))
        h = max(1, min(sh - y, int(round(region.height() * fy))))
        if self.end.value() <= self.start.value():
            self.status.setText(self.tr("The cover must end after it starts."))
            return
        self.pending.append(Cover(self.start.value(), self.end.value(), x, y, w, h))
        self.draw.setChecked(False)
        self._redraw()

    def render_again(self) -> None:
        """Queue the copy again with the new covers (the job runner makes it)."""
        info, covers = self.info, tuple(self.pending)
        if info is None or not covers:
            return

        def queued(asked) -> None:
            self.pending = []
            self._redraw()
            self.status.setText(self.tr("A new copy with your covers is being made (see Jobs). "
                                        "Review that one."))
            self.ctx.jobs_changed.emit()

        self.ctx.op(self, lambda vault: runner.rerender(vault, info.item_id, covers)).success(
            queued).run()

    def mark_reviewed(self) -> None:
        """Mark the copy reviewed: export of anonymous testimonies may take it."""
        if self.info is not None:
            item_id = self.info.item_id
            self.ctx.op(self, lambda vault: (review.mark_reviewed(vault, item_id),
                                             review.review_info(vault, item_id))[1]).success(
                self._show).run()

    def clear(self) -> None:
        """Forget everything (lock, another item)."""
        self.info, self.pending = None, []
        self.canvas.set_image(QImage())
        self.strip.show_record(0.0, (), ())
        self.status.clear()
