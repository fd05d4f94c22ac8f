"""Where an export goes: a removable drive, or a folder the person chooses.

The bundle always goes into a new, empty folder there, named after the date and time
only (`kua-bundle-20261126-0944`): nothing of a testimony's content appears in a name
on the drive.
"""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

from PySide6.QtCore import QStorageInfo, Signal
from PySide6.QtWidgets import QFileDialog, QVBoxLayout, QWidget

from ui.runtime import drives
from ui.runtime.formats import format_size
from ui.widgets.basics import STRETCH, button_row, compact_combo, note, push_button

FOLDER_PREFIX = "kua-bundle-"


def new_bundle_folder(base: Path, when: datetime | None = None) -> Path:
    """A folder inside `base` that does not exist yet, named after the date and time."""
    stamp = (when or datetime.now()).strftime("%Y%m%d-%H%M")
    folder = Path(base) / f"{FOLDER_PREFIX}{stamp}"
    n = 2
    while folder.exists():
        folder = Path(base) / f"{FOLDER_PREFIX}{stamp}-{n}"
        n += 1
    return folder


def free_bytes(path: Path) -> int | None:
    """Bytes free for us at `path` (None if unknown)."""
    info = QStorageInfo(str(path))
    if not info.isValid() or not info.isReady():
        return None
    return max(0, info.bytesAvailable())


class ExportTarget(QWidget):
    """A drop-down of removable drives and chosen folders, and "Choose a folder…"."""

    changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.combo = compact_combo("exportTarget")
        self.combo.currentIndexChanged.connect(lambda _i: self._changed())
        layout.addWidget(self.combo)
        self.rescan_button = push_button(self.tr("Look again"), "rescanDrives", self.rescan,
                                         auto_default=False)
        self.rescan_button.setToolTip(self.tr("Look again for USB drives"))
        self.choose_button = push_button(self.tr("Choose a folder…"), "chooseFolder",
                                         self.choose_folder, auto_default=False)
        layout.addLayout(button_row(STRETCH, self.rescan_button, self.choose_button))
        self.hint = note("targetHint")
        layout.addWidget(self.hint)
        self._folders: list[Path] = []
        self.rescan()

    def base(self) -> Path | None:
        """The drive or folder chosen (the bundle goes into a new folder inside it)."""
        value = self.combo.currentData()
        return Path(value) if value else None

    def free_bytes(self) -> int | None:
        """Free space where the bundle would go (None if unknown or nothing chosen)."""
        base = self.base()
        return free_bytes(base) if base is not None else None

    def rescan(self) -> None:
        """List the mounted drives again, keeping the current choice if it is still there."""
        keep = self.combo.currentData()
        self.combo.blockSignals(True)
        self.combo.clear()
        for drive in drives.list_drives():
            self.combo.addItem(self.tr("{name} — {free} free").format(
                name=drive.name, free=format_size(drive.free_bytes)), str(drive.root))
        for folder in self._folders:
            self.combo.addItem(self.tr("Folder {path}").format(path=str(folder)), str(folder))
        index = self.combo.findData(keep) if keep else -1
        self.combo.setCurrentIndex(index if index >= 0 else (0 if self.combo.count() else -1))
        self.combo.setEnabled(self.combo.count() > 0)
        self.combo.blockSignals(False)
        self._changed()

    def choose_folder(self) -> None:
        """Ask for a folder (a drive not listed, or a folder on this computer)."""
        start = str(self.base() or Path.home())
        chosen = QFileDialog.getExistingDirectory(self, self.tr("Where should the bundle go?"),
                                                  start)
        if not chosen:
            return
        folder = Path(chosen)
        if folder not in self._folders:
            self._folders.append(folder)
        self.rescan()
        self.combo.setCurrentIndex(self.combo.findData(str(folder)))

    def _changed(self) -> None:
        base = self.base()
        if base is None:
            self.hint.setText(self.tr(
                "No USB drive found. Plug one in and press “Look again”, or choose a folder."))
        else:
            self.hint.setText(self.tr("The bundle goes into a new folder there: {name}").format(
                name=new_bundle_folder(base).name))
        self.changed.emit()
