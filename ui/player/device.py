"""A QIODevice over a decrypting vault reader, and how to hand it to Qt Multimedia.

Qt Multimedia reads the device on its own threads (loading and demuxing), while the
GUI thread may ask its size or close it: every access to the reader goes through one
lock, because a `SealedReader` has a single position and segment buffer. The device
is opened unbuffered so Qt's position and the reader's never drift apart.

A read that meets damage (a segment failing authentication, a file vanishing) does
not raise into Qt: the device remembers the error, reports end of data from then on
(Qt's FFmpeg backend retries a failed read forever but stops at end of data), and
emits `damaged` with the byte offset, which reaches the GUI thread queued.

Replacing or clearing a player's source makes the player wait for its reading
threads, which may be waiting for the GIL to call this device: from Python, that is a
deadlock (PySide keeps the GIL during `setSource`). `release_source` goes through the
meta-object instead, which releases the GIL. Qt Multimedia itself is imported lazily
(`load_multimedia`): it is slow to load and may be missing. `open_item` is what the
player asks of the vault thread.
"""

from __future__ import annotations

import ctypes
import os
import threading
from dataclasses import dataclass
from pathlib import Path
from types import SimpleNamespace
from typing import Any

from PySide6.QtCore import (Q_ARG, QBuffer, QIODevice, QLibraryInfo, QMetaObject, QObject, Qt,
                            QUrl, Signal)
from PySide6.QtGui import QImage, QImageReader

from app import playback
from app.playback import SealedReader
from core.errors import KuaError, MediaError
from storage.models import MediaItem

AV_LOG_ERROR = 16


class VaultDevice(QIODevice):
    """Read-only, random-access device over an item's sealed object."""

    damaged = Signal(int)  # byte offset of the damage; the error is in `error`

    def __init__(self, reader: SealedReader, item_id: str = "",
                 parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._reader = reader
        self._item_id = item_id
        self._size = reader.size
        self._lock = threading.Lock()
        self.error: KuaError | None = None
        self.error_offset: int | None = None
        self.bytes_read = 0  # plaintext handed to the player (how much it needed)

    # -- QIODevice -------------------------------------------------------------

    def open(self, mode: QIODevice.OpenModeFlag = QIODevice.OpenModeFlag.ReadOnly) -> bool:  # type: ignore[override]
        """Open for reading only (any write mode is refused)."""
        if mode & QIODevice.OpenModeFlag.WriteOnly or self._reader.closed:
            return False
        return super().open(QIODevice.OpenModeFlag.ReadOnly | QIODevice.OpenModeFlag.Unbuffered)

    def isSequential(self) -> bool:  # noqa: N802 (Qt's name)
        """Random access: the player may seek anywhere."""
        return False

    def size(self) -> int:
        """Plaintext length in bytes."""
        return self._size

    def seek(self, pos: int) -> bool:
        """Move to `pos` (no decryption happens until the next read)."""
        with self._lock:
            if self._reader.closed or pos < 0 or pos > self._size:
                return False
            self._reader.seek(pos)
            return super().seek(pos)

    def atEnd(self) -> bool:  # noqa: N802 (Qt's name)
        """True at the end, and after damage or close (so the player stops reading)."""
        with self._lock:
            return (self.error is not None or self._reader.closed
                    or self._reader.tell() >= self._size)

    def bytesAvailable(self) -> int:  # noqa: N802 (Qt's name)
        """Bytes left to read from the current position."""
        with self._lock:
            if self.error is not None or self._reader.closed:
                return 0
            return max(0, self._size - self._reader.tell())

    def readData(self, maxlen: int) -> bytes | int:  # noqa: N802 (Qt's name)
        """Up to `maxlen` decrypted bytes; -1 after damage or close."""
        with self._lock:
            if self.error is not None or self._reader.closed:
                return -1
            offset = self._reader.tell()
            try:
                data = self._reader.read(maxlen)
            except KuaError as exc:
                self.error = exc
            except OSError as exc:  # the file vanished or the disk failed under us
                self.error = MediaError(f"item {self._item_id} could not be read from the"
                                        f" disk ({exc.strerror or type(exc).__name__})")
            else:
                self.bytes_read += len(data)
                return data
            # The reader stopped at the start of the segment that failed: that is where.
            offset = self.error_offset = max(offset, self._reader.tell())
        self.damaged.emit(offset)
        return -1

    def writeData(self, data: bytes) -> int:  # noqa: N802 (Qt's name)
        """Never: the vault is not written through a player."""
        return -1

    def close(self) -> None:
        """Close the device and the reader (its file descriptors and decrypted segment)."""
        with self._lock:
            self._reader.close()
        super().close()


def load_multimedia() -> SimpleNamespace | None:
    """Qt Multimedia's classes, or None when this machine has no Qt Multimedia."""
    try:
        from PySide6.QtMultimedia import (QAudio, QAudioOutput, QMediaMetaData, QMediaPlayer,
                                          QVideoFrame)
        from PySide6.QtMultimediaWidgets import QVideoWidget
    except ImportError:
        return None
    return SimpleNamespace(QAudio=QAudio, QAudioOutput=QAudioOutput, QMediaMetaData=QMediaMetaData,
                           QMediaPlayer=QMediaPlayer, QVideoFrame=QVideoFrame,
                           QVideoWidget=QVideoWidget)


def release_source(player: QObject) -> None:
    """Stop a QMediaPlayer and drop its source without holding the GIL (see above)."""
    QMetaObject.invokeMethod(player, "setSource", Qt.ConnectionType.DirectConnection,
                             Q_ARG(QUrl, QUrl()))


def quiet_qt_ffmpeg() -> None:
    """Stop the FFmpeg inside Qt from printing each file's tags (titles, names) to stderr.

    Its default log level prints them at every open, and stderr of a desktop session
    often ends up in a file. Qt offers no switch for it; PyAV's FFmpeg is another copy.
    Call it once Qt has loaded its FFmpeg (after creating a QMediaPlayer): the library
    is only looked up, never loaded a second time.
    """
    mode = getattr(os, "RTLD_NOLOAD", 0) | getattr(os, "RTLD_LAZY", 0)
    folders = {QLibraryInfo.path(QLibraryInfo.LibraryPath.LibrariesPath),
               QLibraryInfo.path(QLibraryInfo.LibraryPath.BinariesPath)}
    for folder in folders:
        for pattern in ("libavutil.so.[0-9]*", "libavutil.[0-9]*.dylib", "avutil-[0-9]*.dll"):
            for path in sorted(Path(folder).glob(pattern), key=lambda p: len(p.name))[:1]:
                try:
                    ctypes.CDLL(str(path), mode=mode).av_log_set_level(AV_LOG_ERROR)
                except (OSError, AttributeError):
                    pass  # not the library Qt uses: its output is only noisier


@dataclass(frozen=True, slots=True)
class Opened:
    """What the vault thread hands back: a reader to play, or a decoded photo."""

    item: MediaItem
    reader: SealedReader | None = None
    name: str = ""
    image: QImage | None = None


def open_item(vault: Any, item_id: str) -> Opened:
    """Runs on the vault thread: open the item; decode a photo in memory."""
    item, reader = playback.open_for_playback(vault, item_id)
    if item.media_type == "image":
        reader.close()
        item, data = playback.read_still(vault, item.id)
        buffer = QBuffer()
        buffer.setData(data)
        buffer.open(QIODevice.OpenModeFlag.ReadOnly)
        decoder = QImageReader(buffer)
        decoder.setAutoTransform(True)  # phone photos of documents carry their rotation in EXIF
        return Opened(item, image=decoder.read())
    try:
        return Opened(item, reader, playback.source_name(reader))
    except BaseException:
        reader.close()
        raise
