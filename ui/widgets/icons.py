"""Standard icons, with the ones that point somewhere mirrored in a right-to-left language.

In Uyghur the layout runs right to left (ui/runtime/translator.py sets the direction), so "play",
"back" and "frame forward" must point the other way too. Buttons and actions get their
icon through `set_icon`, which remembers the icon's name; `refresh_icons` sets them again
when the language (and so the direction) changes.
"""

from __future__ import annotations

from PySide6.QtCore import QObject, QSize, Qt
from PySide6.QtGui import QAction, QGuiApplication, QIcon, QPixmap, QTransform
from PySide6.QtWidgets import QAbstractButton, QApplication, QStyle, QWidget

SP = QStyle.StandardPixmap
# Icons that show a direction; SP_ArrowBack is drawn as a left arrow and mirrored here.
DIRECTIONAL = {SP.SP_MediaPlay, SP.SP_ArrowLeft, SP.SP_ArrowRight, SP.SP_MediaSkipBackward,
               SP.SP_MediaSkipForward, SP.SP_MediaSeekBackward, SP.SP_MediaSeekForward}
_ALIASES = {SP.SP_ArrowBack: SP.SP_ArrowLeft, SP.SP_ArrowForward: SP.SP_ArrowRight}
_PROPERTY = "kuaStandardIcon"
_SIZES = (16, 22, 24, 32, 48, 64)


def right_to_left() -> bool:
    """True when the application lays out right to left (Uyghur)."""
    return QGuiApplication.layoutDirection() == Qt.LayoutDirection.RightToLeft


def standard_icon(pixmap: QStyle.StandardPixmap) -> QIcon:
    """The style's icon, mirrored if it points somewhere and the layout is right to left."""
    pixmap = _ALIASES.get(pixmap, pixmap)
    icon = QApplication.style().standardIcon(pixmap)
    if pixmap not in DIRECTIONAL or not right_to_left():
        return icon
    mirrored = QIcon()
    flip = QTransform.fromScale(-1, 1)
    for size in icon.availableSizes() or [QSize(s, s) for s in _SIZES]:
        image: QPixmap = icon.pixmap(size)
        if not image.isNull():
            mirrored.addPixmap(image.transformed(flip))
    return mirrored


def set_icon(target: QAbstractButton | QAction, pixmap: QStyle.StandardPixmap) -> None:
    """Give a button or an action a standard icon that follows the layout direction."""
    target.setProperty(_PROPERTY, int(pixmap.value))
    target.setIcon(standard_icon(pixmap))


def refresh_icons(top: QWidget) -> None:
    """Set again every icon given by `set_icon` under `top` (after a change of direction)."""
    objects: list[QObject] = [top, *top.findChildren(QAbstractButton),
                              *top.findChildren(QAction)]
    for obj in objects:
        value = obj.property(_PROPERTY)
        if value is not None:
            obj.setIcon(standard_icon(SP(value)))
