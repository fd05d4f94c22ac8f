"""The media items of a testimony in the form: what each is, play it, make copies."""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, Signal
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QFrame, QLabel, QVBoxLayout, QWidget

from app.transcode.runner import TranscodeRequest
from storage.models import MediaItem

from ui.testimony.fields import HINT_STYLE
from ui.runtime.formats import format_duration
from ui.widgets.basics import STRETCH, button_row, paragraph, push_button

_KINDS = {
    "master": QT_TRANSLATE_NOOP("MediaList", "Recording"),
    "share": QT_TRANSLATE_NOOP("MediaList", "Copy to share"),
    "proxy": QT_TRANSLATE_NOOP("MediaList", "Small copy for review"),
    "audio": QT_TRANSLATE_NOOP("MediaList", "Sound only"),
    "anonymized": QT_TRANSLATE_NOOP("MediaList", "Anonymized copy"),
    "still": QT_TRANSLATE_NOOP("MediaList", "Photo"),
    "imported": QT_TRANSLATE_NOOP("MediaList", "Added file"),
    "document": QT_TRANSLATE_NOOP("MediaList", "Document"),
}
_STATES = {
    "complete": QT_TRANSLATE_NOOP("MediaList", "complete"),
    "recording": QT_TRANSLATE_NOOP("MediaList", "still recording"),
    "recovered": QT_TRANSLATE_NOOP("MediaList", "recovered after an interruption"),
    "failed": QT_TRANSLATE_NOOP("MediaList", "failed"),
}
SOURCE_KINDS = ("master", "imported")


def _tr(text: str) -> str:
    return QCoreApplication.translate("MediaList", text)


def kind_name(kind: str) -> str:
    """A media item's kind in plain words."""
    return _tr(_KINDS.get(kind, kind))


def is_copy_source(item: MediaItem) -> bool:
    """True for a finished recording or added video/sound that copies can be made of."""
    return (item.kind in SOURCE_KINDS and item.media_type in ("video", "audio")
            and item.state in ("complete", "recovered"))


class MediaList(QWidget):
    """Each item with its kind, length and state; Play and copy buttons; Record more."""

    play = Signal(str)                  # item id
    copy_requested = Signal(str, str)   # item id, profile name (share, anonymized)
    record_more = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self._items_layout = QVBoxLayout()
        layout.addLayout(self._items_layout)
        self.empty = paragraph(self.tr("Nothing recorded for this testimony yet."))
        layout.addWidget(self.empty)
        self.message = paragraph("")
        self.message.setObjectName("mediaMessage")
        self.message.hide()
        layout.addWidget(self.message)
        self.record_button = push_button(self.tr("Record"), "recordMore", self.record_more)
        layout.addLayout(button_row(self.record_button, STRETCH))
        self.rows: dict[str, QFrame] = {}

    def show_items(self, items: tuple[MediaItem, ...], refused: frozenset[str],
                   consent: str) -> None:
        """List `items`; `refused` are those consent keeps from being shared as they are."""
        self._drop_rows()
        for item in items:
            row = self._row(item, item.id in refused, consent)
            self._items_layout.addWidget(row)
            self.rows[item.id] = row
        self.empty.setVisible(not items)
        self.record_button.setText(self.tr("Record more") if items else self.tr("Record"))

    def _row(self, item: MediaItem, refused: bool, consent: str) -> QFrame:
        frame = QFrame()
        frame.setObjectName("mediaItem")
        frame.setFrameShape(QFrame.Shape.StyledPanel)
        layout = QVBoxLayout(frame)
        parts = [kind_name(item.kind)]
        if item.duration is not None:
            parts.append(format_duration(item.duration))
        parts.append(_tr(_STATES.get(item.state, item.state)))
        if item.label:
            parts.append(item.label)
        title = QLabel(" · ".join(parts))
        title.setObjectName("mediaTitle")
        title.setWordWrap(True)
        font = title.font()
        font.setWeight(QFont.Weight.DemiBold)
        title.setFont(font)
        layout.addWidget(title)
        play = push_button(self.tr("Play") if item.media_type != "image" else self.tr("Show"),
                           "playItem", lambda: self.play.emit(item.id))
        play.setEnabled(item.media_type in ("video", "audio", "image")
                        and item.state in ("complete", "recovered"))
        buttons = [play]
        if is_copy_source(item):
            share = push_button(self.tr("Make a copy to share"), "makeShareCopy",
                                lambda: self.copy_requested.emit(item.id, "share"))
            if consent == "anonymous":
                share.setEnabled(False)
                share.setToolTip(self.tr("The person agreed to be shown only anonymized: "
                                         "make an anonymized copy instead."))
            anonymized = push_button(self.tr("Make an anonymized copy"), "makeAnonymizedCopy",
                                     lambda: self.copy_requested.emit(item.id, "anonymized"))
            anonymized.setToolTip(self.tr("A copy with every face blurred."))
            buttons += [share, anonymized]
        layout.addLayout(button_row(*buttons, STRETCH))
        if refused:
            text = self.tr("Do not share this as it is: the person agreed to be shown only "
                           "anonymized.")
            if is_copy_source(item):
                text += " " + self.tr("Share its anonymized copy instead.")
            note = paragraph(text)
            note.setObjectName("consentNote")
            note.setStyleSheet(HINT_STYLE)
            layout.addWidget(note)
        return frame

    def show_request(self, asked: TranscodeRequest) -> bool:
        """Say what became of a copy that was asked for; True if a job waits for it."""
        if asked.existing is not None:
            self.set_message(self.tr("This copy exists already: it is in the list above."))
            return False
        if asked.reused_job:
            self.set_message(self.tr("This copy is already waiting in Jobs."))
        else:
            self.set_message(self.tr("The copy will be made in the background: follow it in Jobs."))
        return True

    def set_message(self, text: str) -> None:
        """A line under the list (what happened to a copy that was asked for)."""
        self.message.setText(text)
        self.message.setVisible(bool(text))

    def _drop_rows(self) -> None:
        for row in self.rows.values():
            row.setParent(None)
            row.deleteLater()
        self.rows.clear()

    def clear(self) -> None:
        """Forget every item and message."""
        self._drop_rows()
        self.set_message("")
        self.empty.setVisible(True)
        self.record_button.setText(self.tr("Record"))
