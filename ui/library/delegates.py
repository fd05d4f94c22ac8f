"""How library rows are painted: thumbnails (list and grid) and the consent badge.

Painting a thumbnail is what asks for it: a row that is never on screen never has
its media decrypted. Sizes are logical pixels or font heights, so they follow the
screen's scale factor and the user's font.
"""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QRect, QRectF, QSize, Qt
from PySide6.QtGui import QColor, QFont, QFontMetrics, QImage, QPainter, QPalette
from PySide6.QtWidgets import QStyle, QStyledItemDelegate, QStyleOptionViewItem, QWidget

from storage.models import TestimonySummary

from ui.library.model import SUMMARY_ROLE, consent_label
from ui.library.thumbnails import ThumbnailCache

TABLE_THUMB = QSize(80, 45)
GRID_WIDTH = 184
MARGIN = 4
_CONSENT_COLOURS = {"public": QColor(46, 125, 50), "anonymous": QColor(106, 27, 154),
                    "restricted": QColor(178, 106, 0)}

Index = QModelIndex | QPersistentModelIndex


def _fit(image: QImage, rect: QRect) -> QRectF:
    """The largest rectangle of the image's shape that fits in `rect`, centred."""
    w, h = image.width(), image.height()
    scale = min(rect.width() / w, rect.height() / h)
    tw, th = w * scale, h * scale
    return QRectF(rect.x() + (rect.width() - tw) / 2, rect.y() + (rect.height() - th) / 2, tw, th)


def _panel(painter: QPainter, option: QStyleOptionViewItem, index: Index,
           delegate: QStyledItemDelegate) -> QStyleOptionViewItem:
    """Draw the item's background (selection, hover) and return its style option."""
    opt = QStyleOptionViewItem(option)
    delegate.initStyleOption(opt, index)
    opt.text = ""
    style = opt.widget.style() if opt.widget else None
    if style is not None:
        style.drawPrimitive(QStyle.PrimitiveElement.PE_PanelItemViewItem, opt, painter, opt.widget)
    return opt


class ThumbnailDelegate(QStyledItemDelegate):
    """The picture of a testimony (a table cell), or a whole grid tile with title and name."""

    def __init__(self, cache: ThumbnailCache, *, grid: bool, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._cache = cache
        self._grid = grid

    def thumb_rect(self, rect: QRect) -> QRect:
        """Where the picture goes inside an item's rectangle."""
        inner = rect.adjusted(MARGIN, MARGIN, -MARGIN, -MARGIN)
        if not self._grid:
            return inner
        return QRect(inner.x(), inner.y(), inner.width(), inner.width() * 9 // 16)

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: Index) -> None:
        """Background, picture (or a placeholder while it loads), and for tiles the text."""
        summary = index.data(SUMMARY_ROLE)
        if summary is None:
            return
        opt = _panel(painter, option, index, self)
        painter.save()
        painter.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        area = self.thumb_rect(opt.rect)
        image = self._picture(summary)
        if image is None or image.isNull():
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(opt.palette.color(QPalette.ColorRole.Mid).lighter(130))
            painter.drawRoundedRect(QRectF(area), 4, 4)
        else:
            painter.drawImage(_fit(image, area), image)
        if self._grid:
            self._paint_text(painter, opt, summary, area)
        painter.restore()

    def _picture(self, summary: TestimonySummary) -> QImage | None:
        if not summary.item_count:
            return None
        image = self._cache.image(summary.id)
        if image is None:
            self._cache.request(summary.id)
        return image

    def _paint_text(self, painter: QPainter, opt: QStyleOptionViewItem,
                    summary: TestimonySummary, area: QRect) -> None:
        selected = bool(opt.state & QStyle.StateFlag.State_Selected)
        role = QPalette.ColorRole.HighlightedText if selected else QPalette.ColorRole.Text
        bold = QFont(opt.font)
        bold.setWeight(QFont.Weight.DemiBold)
        fm_bold, fm = QFontMetrics(bold), QFontMetrics(opt.font)
        width = area.width()
        y = area.bottom() + MARGIN
        title = summary.title or self.tr("Untitled")
        painter.setPen(opt.palette.color(role))
        painter.setFont(bold)
        painter.drawText(QRect(area.x(), y, width, fm_bold.height()),
                         int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter),
                         fm_bold.elidedText(title, Qt.TextElideMode.ElideRight, width))
        y += fm_bold.height()
        name = ", ".join(summary.detained_names)
        if name:
            painter.setFont(opt.font)
            painter.drawText(QRect(area.x(), y, width, fm.height()),
                             int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter),
                             fm.elidedText(name, Qt.TextElideMode.ElideRight, width))

    def sizeHint(self, option: QStyleOptionViewItem, index: Index) -> QSize:  # noqa: N802
        """A table cell fits the small picture; a tile fits the picture and two lines."""
        if not self._grid:
            return QSize(TABLE_THUMB.width() + 2 * MARGIN, TABLE_THUMB.height() + 2 * MARGIN)
        fm = QFontMetrics(option.font)
        inner = GRID_WIDTH - 2 * MARGIN
        return QSize(GRID_WIDTH, inner * 9 // 16 + 2 * fm.height() + 4 * MARGIN)


class ConsentBadgeDelegate(QStyledItemDelegate):
    """The consent level as a tinted, rounded label (the word, not only a colour)."""

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: Index) -> None:
        """Background, then the badge."""
        summary = index.data(SUMMARY_ROLE)
        if summary is None:
            return
        opt = _panel(painter, option, index, self)
        text = consent_label(summary.consent)
        fm = QFontMetrics(opt.font)
        pad = fm.height() // 2
        width = min(fm.horizontalAdvance(text) + 2 * pad, opt.rect.width() - 2 * MARGIN)
        height = fm.height() + pad // 2
        badge = QRectF(opt.rect.x() + MARGIN, opt.rect.center().y() - height / 2, width, height)
        tint = QColor(_CONSENT_COLOURS.get(summary.consent, QColor(120, 120, 120)))
        tint.setAlpha(60)
        painter.save()
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(tint)
        painter.drawRoundedRect(badge, height / 2, height / 2)
        selected = bool(opt.state & QStyle.StateFlag.State_Selected)
        painter.setPen(opt.palette.color(QPalette.ColorRole.HighlightedText if selected
                                         else QPalette.ColorRole.Text))
        painter.setFont(opt.font)
        painter.drawText(badge, int(Qt.AlignmentFlag.AlignCenter),
                         fm.elidedText(text, Qt.TextElideMode.ElideRight, int(width)))
        painter.restore()
