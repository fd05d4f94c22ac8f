"""The recorder's live picture: numpy frames shown scaled to fit, in memory only."""

from __future__ import annotations

import numpy as np
from PySide6.QtCore import QRectF, QSize, Qt
from PySide6.QtGui import QColor, QImage, QPainter
from PySide6.QtWidgets import QSizePolicy, QWidget


def frame_to_image(image: np.ndarray, size: QSize, ratio: float = 1.0) -> QImage:
    """An RGB24 frame as a QImage fitting `size` (logical pixels), aspect kept.

    The result owns its pixels: the numpy array may go away afterwards.
    """
    h, w = image.shape[:2]
    if not image.flags.c_contiguous:
        image = np.ascontiguousarray(image)
    wrapped = QImage(image.data, w, h, image.strides[0], QImage.Format.Format_RGB888)
    target = QSize(max(1, round(size.width() * ratio)), max(1, round(size.height() * ratio)))
    scaled = wrapped.scaled(target, Qt.AspectRatioMode.KeepAspectRatio,
                            Qt.TransformationMode.SmoothTransformation)
    if scaled.size() == wrapped.size():
        scaled = wrapped.copy()  # scaled() shares an unchanged image: detach from numpy
    scaled.setDevicePixelRatio(ratio)
    return scaled


class PreviewView(QWidget):
    """Shows the latest picture on black, or a line of text when there is none."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("preview")
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.setAccessibleName(self.tr("Camera picture"))
        self._image = QImage()
        self._text = ""
        self.frame: object | None = None  # the frame shown, to skip repeats

    def sizeHint(self) -> QSize:  # noqa: N802 (Qt's name)
        """16:9, comfortably large."""
        return QSize(640, 360)

    def minimumSizeHint(self) -> QSize:  # noqa: N802 (Qt's name)
        """Small windows still get a picture."""
        return QSize(160, 90)

    def show_frame(self, frame: object, image: np.ndarray) -> None:
        """Show `image` (RGB24) unless `frame` is the one already shown."""
        if frame is self.frame:
            return
        self.frame = frame
        self._image = frame_to_image(image, self.size(), self.devicePixelRatioF())
        self._text = ""
        self.update()

    def show_text(self, text: str) -> None:
        """Show a message instead of a picture (no camera, starting…)."""
        self._text = text
        self._image = QImage()
        self.frame = None
        self.update()

    def text(self) -> str:
        """The message shown ("" while a picture is shown)."""
        return self._text

    def has_picture(self) -> bool:
        """True while a picture is shown."""
        return not self._image.isNull()

    def clear(self) -> None:
        """Forget the picture and the message."""
        self.show_text("")

    def paintEvent(self, event) -> None:  # noqa: N802 (Qt's name)
        """Black background, the picture centred, or the message."""
        painter = QPainter(self)
        painter.fillRect(self.rect(), QColor("#111111"))
        if not self._image.isNull():
            # Fitted again here: after a resize the next frame comes within 100 ms.
            fit = self._image.size().scaled(self.size(), Qt.AspectRatioMode.KeepAspectRatio)
            target = QRectF((self.width() - fit.width()) / 2, (self.height() - fit.height()) / 2,
                            fit.width(), fit.height())
            painter.drawImage(target, self._image)
        elif self._text:
            painter.setPen(QColor("#eeeeee"))
            painter.drawText(self.rect().adjusted(12, 12, -12, -12),
                             Qt.AlignmentFlag.AlignCenter | Qt.TextFlag.TextWordWrap, self._text)
