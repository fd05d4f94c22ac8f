"""Testimony thumbnails, in memory only: asked for when a row is painted, forgotten at lock.

The vault thread makes a small JPEG from sealed media (app/thumbnails.py) and turns it
into a QImage (QImage, unlike QPixmap, may be made off the GUI thread). One request
runs at a time, the most recently painted row first, so a search typed meanwhile
waits for at most one picture. A bounded LRU keeps the images: at 240 pixels, 256
of them are about 40 MB.
"""

from __future__ import annotations

from collections import OrderedDict

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QImage
from PySide6.QtWidgets import QWidget

from app.session import Vault
from app.thumbnails import SIZE, thumbnail_jpeg

from ui.runtime.context import AppContext

CAPACITY = 256
MAX_PENDING = 64


def load_image(vault: Vault, testimony_id: str, size: int = SIZE) -> QImage:
    """The testimony's thumbnail as a QImage (a null image: it has none). Vault thread."""
    data = thumbnail_jpeg(vault, testimony_id, size)
    if data is None:
        return QImage()
    return QImage.fromData(data, "JPG")


class ThumbnailCache(QObject):
    """Loads thumbnails one at a time and keeps the latest `capacity` of them."""

    ready = Signal(str)  # a testimony id whose picture (or its absence) is now known

    def __init__(self, ctx: AppContext, owner: QWidget, capacity: int = CAPACITY) -> None:
        super().__init__(owner)
        self._ctx = ctx
        self._owner = owner
        self._capacity = capacity
        self._images: OrderedDict[str, QImage] = OrderedDict()
        self._pending: OrderedDict[str, None] = OrderedDict()
        self._busy = False
        self._epoch = 0  # bumped by clear(): late results of an older epoch are dropped

    def __len__(self) -> int:
        return len(self._images)

    @property
    def pending(self) -> int:
        """Requests waiting or running."""
        return len(self._pending) + int(self._busy)

    def image(self, testimony_id: str) -> QImage | None:
        """The cached picture (null: the testimony has none), or None if not loaded yet."""
        image = self._images.get(testimony_id)
        if image is not None:
            self._images.move_to_end(testimony_id)
        return image

    def request(self, testimony_id: str) -> None:
        """Load a picture soon (the latest request goes first)."""
        if testimony_id in self._images:
            return
        self._pending[testimony_id] = None
        self._pending.move_to_end(testimony_id)
        while len(self._pending) > MAX_PENDING:
            self._pending.popitem(last=False)  # long scrolled past
        self._next()

    def forget(self, testimony_id: str) -> None:
        """Drop one picture (the testimony changed): it is loaded again when painted."""
        self._images.pop(testimony_id, None)

    def clear(self) -> None:
        """Forget every picture and request (at lock)."""
        self._epoch += 1
        self._images.clear()
        self._pending.clear()
        self._busy = False

    def _next(self) -> None:
        if self._busy or not self._pending or not self._ctx.is_unlocked:
            return
        testimony_id, _ = self._pending.popitem(last=True)
        self._busy = True
        epoch = self._epoch
        (self._ctx.op(self._owner, lambda vault: load_image(vault, testimony_id))
         .success(lambda image: self._arrived(epoch, testimony_id, image))
         .failure(lambda error: self._arrived(epoch, testimony_id, QImage()))
         .run())

    def _arrived(self, epoch: int, testimony_id: str, image: QImage) -> None:
        if epoch != self._epoch:
            return
        self._busy = False
        self._images[testimony_id] = image
        self._images.move_to_end(testimony_id)
        while len(self._images) > self._capacity:
            self._images.popitem(last=False)
        self.ready.emit(testimony_id)
        self._next()
