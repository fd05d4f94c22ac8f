"""The player: any item straight from the vault, with seek, volume and frame steps.

Video and sound go through a `VaultDevice` given to `QMediaPlayer.setSourceDevice`:
Qt Multimedia reads the sealed object through the decrypting reader, so no plaintext
file ever exists. Photos are read whole into memory and shown as a QImage. Qt
Multimedia is loaded the first time something plays (it is slow to load and may be
missing on a machine): if it cannot play, the screen says so in plain words.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QRectF, QSize, Qt, QUrl
from PySide6.QtGui import QImage, QKeySequence, QPainter, QShortcut
from PySide6.QtWidgets import (QAbstractSlider, QApplication, QHBoxLayout, QLabel, QPushButton,
                               QSizePolicy, QSlider, QStackedWidget, QStyle, QVBoxLayout, QWidget)

from app.playback import SealedReader
from storage.models import MediaItem

from ui.runtime.context import AppContext
from ui.runtime.errors import message_for, title_for
from ui.runtime.formats import format_date, format_duration
from ui.widgets.icons import set_icon
from ui.player.review_panel import ReviewPanel
from ui.widgets.screen import Screen
from ui.player.device import (Opened, VaultDevice, load_multimedia, open_item, quiet_qt_ffmpeg,
                           release_source)
from ui.widgets.basics import heading, note, paragraph, push_button

DEFAULT_FRAME_MS = 40
SKIP_MS = 5000


class ImageView(QWidget):
    """A photo, scaled to fit and centred, on a dark background."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.image = QImage()
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)

    def set_image(self, image: QImage) -> None:
        """Show `image` (a null image blanks the view)."""
        self.image = image
        self.update()

    def paintEvent(self, event) -> None:  # noqa: N802 (Qt's name)
        """Draw the image at the largest size that fits."""
        painter = QPainter(self)
        painter.fillRect(self.rect(), Qt.GlobalColor.black)
        if self.image.isNull():
            return
        size = self.image.size().scaled(self.size(), Qt.AspectRatioMode.KeepAspectRatio)
        x, y = (self.width() - size.width()) / 2, (self.height() - size.height()) / 2
        painter.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform)
        painter.drawImage(QRectF(x, y, size.width(), size.height()), self.image)


class PlayerScreen(Screen):
    """Plays one item; `play(item_id)` opens it, `clear()` forgets it."""

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        self.mm = None                  # Qt Multimedia, loaded at first use
        self.player = self.audio = self.video = None
        self.device: VaultDevice | None = None
        self.item: MediaItem | None = None
        self.frame_ms = DEFAULT_FRAME_MS
        self._request = 0               # results of an earlier play() are dropped
        self._build()

    # -- layout ----------------------------------------------------------------

    def _build(self) -> None:
        sp = QStyle.StandardPixmap
        top = QHBoxLayout()
        self.back_button = push_button(self.tr("Back to the testimony"), "backToTestimony",
                                       self._back)
        set_icon(self.back_button, sp.SP_ArrowBack)
        top.addWidget(self.back_button)
        self.title = heading("", 1.3)
        self.title.setObjectName("playerTitle")
        top.addWidget(self.title, 1)
        self.details = QLabel()
        top.addWidget(self.details)
        self.view = QStackedWidget()
        self.view.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.message = paragraph("")
        self.message.setObjectName("playerMessage")
        self.message.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.image_view = ImageView()
        self.sound_only = QLabel(self.tr("This recording has sound only."))
        self.sound_only.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.video_page = QWidget()
        QVBoxLayout(self.video_page).setContentsMargins(0, 0, 0, 0)
        for page in (self.sound_only, self.video_page):  # the "screen" stays dark, as in any player
            page.setObjectName("playerSurface")
            page.setStyleSheet("#playerSurface { background: black; color: white; }")
        for page in (self.message, self.image_view, self.sound_only, self.video_page):
            self.view.addWidget(page)
        self.problem = note("playerProblem", problem=True, selectable=True)
        self.problem.hide()
        outer = QVBoxLayout(self)
        outer.addLayout(top)
        outer.addWidget(self.view, 1)
        outer.addWidget(self.problem)
        self.controls = QWidget()
        outer.addWidget(self.controls)
        self._build_controls(self.controls)
        self.review = ReviewPanel(self.ctx)  # anonymized copies only (ui/player/review_panel.py)
        self.review.seek_requested.connect(self.seek)
        self.review.draw_requested.connect(self._draw_cover)
        self.view.addWidget(self.review.canvas)
        self.review.hide()
        outer.addWidget(self.review)
        self._build_shortcuts()
        self._show_message("")

    def _build_controls(self, box: QWidget) -> None:
        icon, sp = self.style().standardIcon, QStyle.StandardPixmap
        row = QHBoxLayout(box)
        row.setContentsMargins(0, 0, 0, 0)
        self.frame_back = QPushButton(self.tr("Frame"))
        set_icon(self.frame_back, sp.SP_MediaSkipBackward)
        self.frame_back.setToolTip(self.tr("Pause and go back one frame (,)"))
        self.frame_back.clicked.connect(lambda: self.step_frame(-1))
        self.play_button = QPushButton()
        self.play_button.setObjectName("playPause")
        font = self.play_button.font()
        font.setPointSizeF(font.pointSizeF() * 1.4)
        self.play_button.setFont(font)
        metrics = self.play_button.fontMetrics()  # room for either word, in any language
        self.play_button.setMinimumSize(
            metrics.height() * 3 + max(metrics.horizontalAdvance(w) for w in (self.tr("Play"),
                                                                               self.tr("Pause"))),
            metrics.height() * 2)
        self.play_button.setIconSize(QSize(metrics.height(), metrics.height()))
        self.play_button.clicked.connect(self.toggle_play)
        self.frame_forward = QPushButton(self.tr("Frame"))
        set_icon(self.frame_forward, sp.SP_MediaSkipForward)
        self.frame_forward.setToolTip(self.tr("Pause and go forward one frame (.)"))
        self._icon_after_word()
        self.frame_forward.clicked.connect(lambda: self.step_frame(1))
        self.position_label = QLabel(format_duration(0))
        self.seek_slider = QSlider(Qt.Orientation.Horizontal)
        self.seek_slider.setObjectName("seekSlider")
        self.seek_slider.setAccessibleName(self.tr("Position in the recording"))
        self.seek_slider.actionTriggered.connect(self._slider_action)
        self.seek_slider.sliderMoved.connect(self._show_position)
        self.seek_slider.sliderReleased.connect(lambda: self.seek(self.seek_slider.value()))
        self.duration_label = QLabel(format_duration(0))
        volume_icon = QLabel()
        volume_icon.setPixmap(icon(sp.SP_MediaVolume).pixmap(20, 20))
        self.volume_slider = QSlider(Qt.Orientation.Horizontal)
        self.volume_slider.setObjectName("volumeSlider")
        self.volume_slider.setAccessibleName(self.tr("Volume"))
        self.volume_slider.setRange(0, 100)
        self.volume_slider.setValue(80)
        self.volume_slider.setMaximumWidth(160)
        self.volume_slider.valueChanged.connect(self._apply_volume)
        for widget, stretch in ((self.frame_back, 0), (self.play_button, 0), (self.frame_forward, 0),
                                (self.position_label, 0), (self.seek_slider, 1),
                                (self.duration_label, 0), (volume_icon, 0), (self.volume_slider, 0)):
            row.addWidget(widget, stretch)
        self._show_playing(False)

    def _build_shortcuts(self) -> None:
        keys = ((Qt.Key.Key_Space, self.toggle_play), (Qt.Key.Key_Left, lambda: self.skip(-SKIP_MS)),
                (Qt.Key.Key_Right, lambda: self.skip(SKIP_MS)),
                (Qt.Key.Key_Comma, lambda: self.step_frame(-1)),
                (Qt.Key.Key_Period, lambda: self.step_frame(1)))
        for key, slot in keys:
            shortcut = QShortcut(QKeySequence(key), self)
            shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            shortcut.activated.connect(slot)

    # -- opening ---------------------------------------------------------------

    def play(self, item_id: str) -> None:
        """Open an item (or a testimony's main item) from the vault and start it."""
        self._forget()
        self._request += 1
        request = self._request
        self._show_message(self.tr("Opening…"))
        self.ctx.op(self, lambda vault: open_item(vault, item_id)).success(
            lambda opened: self._opened(request, opened)).failure(
            lambda error: self._open_failed(request, error)).run()

    def _opened(self, request: int, opened: Opened) -> None:
        if request != self._request:  # another item was asked for, or the screen was cleared
            if opened.reader is not None:
                opened.reader.close()
            return
        item = self.item = opened.item
        self.title.setText(self._kind_words(item.kind))
        self.details.setText(" · ".join(t for t in (item.label, format_date(item.created_at),
                                                    format_duration(item.duration)) if t))
        self.back_button.setEnabled(True)
        if opened.image is not None:
            self._show_image(opened.image)
        else:
            self._start(opened.reader, opened.name)
        self.review.setVisible(item.kind == "anonymized" and item.media_type == "video")
        if self.review.isVisible():
            self.review.load(item.id)

    def _kind_words(self, kind: str) -> str:
        return {"master": self.tr("Original recording"), "share": self.tr("Copy for sharing"),
                "proxy": self.tr("Small copy for review"), "audio": self.tr("Sound-only copy"),
                "anonymized": self.tr("Anonymized copy"), "still": self.tr("Photo"),
                "imported": self.tr("Added file")}.get(kind, self.tr("Recording"))

    def _open_failed(self, request: int, error: BaseException) -> None:
        if request == self._request:
            self._show_message(title_for(error) + "\n\n" + message_for(error))

    def _show_image(self, image: QImage) -> None:
        if image.isNull():
            self._show_message(self.tr("This photo cannot be shown: Kua does not know its format."))
            return
        self.image_view.set_image(image)
        self.view.setCurrentWidget(self.image_view)
        self.controls.hide()

    def _ensure_engine(self) -> bool:
        """Create the media player the first time; False if this machine cannot play."""
        if self.player is not None:
            return True
        self.mm = mm = load_multimedia()
        if mm is None:
            return False
        player = mm.QMediaPlayer(self)
        if not player.isAvailable():
            player.deleteLater()
            return False
        quiet_qt_ffmpeg()
        self.player, self.audio = player, mm.QAudioOutput(self)
        player.setAudioOutput(self.audio)
        self.video = mm.QVideoWidget()
        self.video_page.layout().addWidget(self.video)
        player.setVideoOutput(self.video)
        player.positionChanged.connect(self._position_changed)
        player.durationChanged.connect(self._duration_changed)
        player.playbackStateChanged.connect(
            lambda state: self._show_playing(state == mm.QMediaPlayer.PlaybackState.PlayingState))
        player.metaDataChanged.connect(self._metadata_changed)
        player.errorOccurred.connect(self._player_error)
        self._apply_volume(self.volume_slider.value())
        return True

    def _start(self, reader: SealedReader, name: str) -> None:
        if not self._ensure_engine():
            reader.close()
            self._show_message(self.tr("This computer cannot play recordings: the video and sound"
                                       " part of Qt (Qt Multimedia) is missing or does not work"
                                       " here. The recording itself is safe in the vault."))
            return
        device = self.device = VaultDevice(reader, self.item.id, self)
        device.damaged.connect(self._damaged, Qt.ConnectionType.QueuedConnection)
        device.open()
        self.frame_ms = DEFAULT_FRAME_MS
        self._duration_changed(int((self.item.duration or 0) * 1000))
        self.view.setCurrentWidget(self.video_page if self.item.media_type == "video"
                                   else self.sound_only)
        self.controls.show()
        for widget in (self.frame_back, self.frame_forward):
            widget.setEnabled(self.item.media_type == "video")
        self.player.setSourceDevice(device, QUrl(name))
        self.player.play()
        self.play_button.setFocus()  # so the keys (Space, arrows, "," and ".") work at once

    # -- controls --------------------------------------------------------------

    def toggle_play(self) -> None:
        """Play if paused or stopped, pause if playing."""
        if self.player is None or self.device is None:
            return
        if self.player.playbackState() == self.mm.QMediaPlayer.PlaybackState.PlayingState:
            self.player.pause()
        else:
            self.player.play()

    def seek(self, ms: int) -> None:
        """Go to `ms` milliseconds from the start."""
        if self.player is not None and self.device is not None:
            self.player.setPosition(max(0, min(int(ms), self.seek_slider.maximum())))

    def skip(self, ms: int) -> None:
        """Jump forward (or back, if negative) by `ms` milliseconds."""
        if self.player is not None:
            self.seek(self.player.position() + ms)

    def step_frame(self, direction: int) -> None:
        """Pause, then move one frame forward (1) or back (-1)."""
        if self.player is None or self.device is None or self.item.media_type != "video":
            return
        self.player.pause()
        self.seek(self.player.position() + direction * self.frame_ms)

    def _slider_action(self, action: int) -> None:
        # Clicks and keys on the slider seek at once; a drag seeks when released.
        if action != QAbstractSlider.SliderAction.SliderMove.value:
            self.seek(self.seek_slider.sliderPosition())

    def _apply_volume(self, value: int) -> None:
        if self.audio is not None:
            scale = self.mm.QAudio.VolumeScale
            self.audio.setVolume(self.mm.QAudio.convertVolume(
                value / 100, scale.LogarithmicVolumeScale, scale.LinearVolumeScale))

    # -- what the player reports -----------------------------------------------

    def _draw_cover(self, drawing: bool) -> None:
        """Show the paused picture to draw a cover on, or the video again."""
        if drawing and self.player is not None:
            self.player.pause()
            self.review.canvas.set_image(self.video.videoSink().videoFrame().toImage())
        self.view.setCurrentWidget(self.review.canvas if drawing else self.video_page)

    def _position_changed(self, ms: int) -> None:
        self.review.at(ms / 1000)
        if not self.seek_slider.isSliderDown():
            self.seek_slider.setValue(ms)
            self._show_position(ms)

    def _show_position(self, ms: int) -> None:
        self.position_label.setText(format_duration(ms / 1000))

    def _duration_changed(self, ms: int) -> None:
        if ms > 0:
            self.seek_slider.setRange(0, ms)
            self.seek_slider.setPageStep(max(1000, ms // 20))
            self.duration_label.setText(format_duration(ms / 1000))

    def _metadata_changed(self) -> None:
        fps = self.player.metaData().value(self.mm.QMediaMetaData.Key.VideoFrameRate)
        if isinstance(fps, (int, float)) and 1 <= fps <= 240:
            self.frame_ms = round(1000 / fps)

    def _icon_after_word(self) -> None:
        """The forward button's icon after its word, in either reading direction."""
        rtl = QApplication.layoutDirection() == Qt.LayoutDirection.RightToLeft
        self.frame_forward.setLayoutDirection(Qt.LayoutDirection.LeftToRight if rtl
                                              else Qt.LayoutDirection.RightToLeft)

    def retranslate(self) -> None:
        """After a change of language: the play/pause word and the forward button's side."""
        self._icon_after_word()
        self._show_playing(self.player is not None and self.player.playbackState()
                           == self.mm.QMediaPlayer.PlaybackState.PlayingState)

    def _show_playing(self, playing: bool) -> None:
        sp = QStyle.StandardPixmap.SP_MediaPause if playing else QStyle.StandardPixmap.SP_MediaPlay
        set_icon(self.play_button, sp)
        self.play_button.setText(self.tr("Pause") if playing else self.tr("Play"))
        self.play_button.setToolTip(self.tr("Play or pause (Space)"))

    def _damaged(self, offset: int) -> None:
        device = self.device
        if device is None or device.error is None or self.sender() is not device:
            return
        seconds = (self.item.duration or 0) * offset / max(1, device.size())
        self.problem.setText(self.tr("This recording is damaged at about {time}.").format(
            time=format_duration(seconds)) + "\n" + message_for(device.error))
        self.problem.show()

    def _player_error(self, error: Any, text: str) -> None:
        if self.device is None or self.device.error is not None:
            return  # the damage message already says what happened
        self.problem.setText(self.tr("Kua could not play this recording. It may be in a format"
                                     " this computer cannot play."))
        self.problem.show()

    # -- leaving ---------------------------------------------------------------

    def _back(self) -> None:
        if self.item is not None:
            self.ctx.open_testimony.emit(self.item.testimony_id)

    def hideEvent(self, event) -> None:  # noqa: N802 (Qt's name)
        """Pause when another screen comes to the front (minimising the window does not)."""
        super().hideEvent(event)
        if self.player is not None and self.device is not None and not event.spontaneous():
            self.player.pause()

    def _release(self) -> None:
        """Stop the player and close the device and its reader."""
        if self.player is not None:
            release_source(self.player)
            self.video.videoSink().setVideoFrame(self.mm.QVideoFrame())  # blank the last picture
        if self.device is not None:
            self.device.close()
            self.device.deleteLater()
            self.device = None

    def _forget(self) -> None:
        self._release()
        self.item = None
        self.image_view.set_image(QImage())
        self.title.clear()
        self.details.clear()
        self.problem.clear()
        self.problem.hide()
        self.seek_slider.setRange(0, 0)
        self.position_label.setText(format_duration(0))
        self.duration_label.setText(format_duration(0))
        self.back_button.setEnabled(False)
        self.review.clear()
        self.review.draw.setChecked(False)
        self.review.hide()

    def _show_message(self, text: str) -> None:
        self.message.setText(text)
        self.view.setCurrentWidget(self.message)
        self.controls.setVisible(False)

    def clear(self) -> None:
        """At lock: stop, close the reader, blank the picture and every label."""
        self._request += 1
        self._forget()
        self._show_message("")
