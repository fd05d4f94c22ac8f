"""The recorder's source pickers: camera (or the test picture), picture quality, sound.

Sound comes from the system's default microphone (the capture backend cannot choose
another), so the sound line only says which one is used, or that there is none.
"""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QVBoxLayout, QWidget

from app.capture_devices import SYNTHETIC, camera_spec, list_cameras, list_microphones
from media.sources import RESOLUTIONS, SourceInfo

from ui.widgets.basics import PROBLEM_STYLE, combo, note, push_button


class SourcePicker(QWidget):
    """Camera, picture quality and the sound source, in one row (plus a note if no camera)."""

    changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._sound: tuple[str, bool, str] = ("", False, "")
        self._microphones: list[str] = []
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        row = QHBoxLayout()
        outer.addLayout(row)
        self.camera = combo("cameraPicker", fit_contents=True)
        self.camera.currentIndexChanged.connect(lambda _: self.changed.emit())
        camera_label = QLabel(self.tr("&Camera:"))
        camera_label.setBuddy(self.camera)
        self.look_again = push_button(self.tr("Look again"), "lookAgain", self.refresh)
        self.look_again.setToolTip(self.tr("Look for cameras again (after plugging one in)"))
        self.quality = combo("qualityPicker", (("480p", self.tr("Low (480p), smallest files")),
                                               ("720p", self.tr("Medium (720p)")),
                                               ("1080p", self.tr("High (1080p), largest files"))))
        self.quality.currentIndexChanged.connect(lambda _: self.changed.emit())
        quality_label = QLabel(self.tr("Picture &quality:"))
        quality_label.setBuddy(self.quality)
        self.sound_label = note("soundSource")
        for widget in (camera_label, self.camera, self.look_again, quality_label, self.quality):
            row.addWidget(widget)
        row.addWidget(self.sound_label, 1)
        self.no_camera = note("noCamera", self.tr(
            "No camera was found. Plug one in and press “Look again”, or record the test "
            "picture to try Kua out."), problem=True)
        self.no_camera.hide()
        outer.addWidget(self.no_camera)

    def spec(self) -> str:
        """The chosen source for media.source_spec.open_source: camera:N or synthetic."""
        return self.camera.currentData() or SYNTHETIC

    def resolution(self) -> str:
        """480p, 720p or 1080p."""
        return self.quality.currentData()

    def frame_size(self) -> tuple[int, int]:
        """Width and height asked of the camera."""
        return RESOLUTIONS[self.resolution()]

    def refresh(self) -> None:
        """Look for cameras (and microphones) again, keeping the choice if it is still there."""
        current = self.camera.currentData()
        cameras = list_cameras()
        self._microphones = list_microphones()
        self.camera.blockSignals(True)
        self.camera.clear()
        for cam in cameras:
            self.camera.addItem(cam.name, camera_spec(cam.index))
        self.camera.addItem(self.tr("Test picture (no camera)"), SYNTHETIC)
        index = self.camera.findData(current)
        self.camera.setCurrentIndex(index if index >= 0 else 0)
        self.camera.blockSignals(False)
        self.no_camera.setVisible(not cameras)
        self.changed.emit()

    def set_quality(self, quality: str) -> None:
        """Choose a resolution (the preference's default, for instance)."""
        index = self.quality.findData(quality)
        self.quality.setCurrentIndex(index if index >= 0 else self.quality.findData("720p"))

    def set_choosing(self, enabled: bool) -> None:
        """Allow changing the source (not while recording)."""
        for widget in (self.camera, self.quality, self.look_again):
            widget.setEnabled(enabled)

    def show_sound(self, info: SourceInfo | None) -> None:
        """Say where the sound comes from; `info` is the opened source's, if any yet."""
        warn, tip = False, ""
        if self.spec() == SYNTHETIC:
            text = self.tr("Sound: a test tone (no microphone)")
        elif info is not None and info.sample_rate is None:
            text = self.tr("No microphone found: the video will be recorded without sound.")
            warn = True
        else:
            text = self.tr("Sound: the computer’s default microphone")
            tip = "\n".join(self._microphones)
        if (text, warn, tip) != self._sound:  # called ~12 times a second: change only news
            self._sound = (text, warn, tip)
            self.sound_label.setText(text)
            self.sound_label.setToolTip(tip)
            self.sound_label.setStyleSheet(PROBLEM_STYLE if warn else "")

    def clear(self) -> None:
        """Forget the sound line (at lock)."""
        self._sound = ("", False, "")
        self.sound_label.clear()
        self.sound_label.setToolTip("")
