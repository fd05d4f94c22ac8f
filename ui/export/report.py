"""The last page of the export dialog: what was written, and what to do next."""

from __future__ import annotations

from PySide6.QtWidgets import QVBoxLayout, QWidget

from app.bundles import ExportReport

from ui.runtime.formats import format_size
from ui.widgets.basics import STRETCH, button_row, heading, note, paragraph, push_button


class ReportPage(QWidget):
    """Bundle id, folder, parts, items and size; then the next step in plain words."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        layout = QVBoxLayout(self)
        layout.addWidget(heading(self.tr("The bundle is ready")))
        self.details = note("exportReport", selectable=True)
        layout.addWidget(self.details)
        self.notes = note("exportNotes")
        layout.addWidget(self.notes)
        layout.addWidget(heading(self.tr("What to do next"), 1.1))
        self.next_steps = paragraph(self.tr(
            "Give the drive to the organizer. Only their key opens the bundle: your "
            "passphrase is not needed, and nobody else can read it. Before you unplug the "
            "drive, use “Eject” or “Safely remove” so that nothing is lost."))
        self.next_steps.setObjectName("exportNextSteps")
        layout.addWidget(self.next_steps)
        layout.addStretch(1)
        self.close_button = push_button(self.tr("Close"), "closeReport", default=True)
        layout.addLayout(button_row(STRETCH, self.close_button))

    def show_report(self, report: ExportReport) -> None:
        """Fill the page from what export_bundle returned."""
        lines = [
            self.tr("Bundle {id}").format(id=report.bundle_id),
            self.tr("In the folder {folder}").format(folder=str(report.folder)),
            self.tr("Testimonies: {n} · files: {items} · pieces: {parts} · size: {size}").format(
                parts=len(report.parts), items=len(report.items), n=len(report.testimonies),
                size=format_size(report.encrypted_bytes)),
            self.tr("Signed by this computer: {device}").format(device=report.device),
            self.tr("These testimonies are now marked “exported”."),
        ]
        self.details.setText("\n".join(lines))
        self.notes.setText("\n".join(report.notes))
        self.notes.setVisible(bool(report.notes))
