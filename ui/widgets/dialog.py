"""The skeleton every Kua dialog shares, and the message boxes.

`Dialog` is a QDialog found by its object name (tests look it up by that), deleted once
closed (dialogs hold vault data: nothing stays behind after lock), with a column layout
and a Close button made the one way. Message boxes are built by `message_box` (object
name, deleted once closed), shown without a nested event loop by `show_message`;
`ask_yes_no` is the modal yes/no question whose answer is No unless Yes is chosen.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QMessageBox, QPushButton, QVBoxLayout, QWidget

from ui.widgets.basics import push_button


class Dialog(QDialog):
    """A dialog found by `name`, deleted when closed, its widgets in `self.column`.

    The subclass sets its own title (`self.setWindowTitle(self.tr(...))`) and fills
    the column; `open()` shows it window-modal.
    """

    def __init__(self, parent: QWidget | None, name: str) -> None:
        super().__init__(parent)
        self.setObjectName(name)
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.column = QVBoxLayout(self)

    def make_close_button(self) -> QPushButton:
        """A "Close" button that rejects the dialog; never pressed by Return (Return in
        the dialog's fields means something else)."""
        return push_button(self.tr("Close"), "closeButton", self.reject, auto_default=False)


def message_box(parent: QWidget | None, icon: QMessageBox.Icon, title: str, text: str,
                name: str, buttons: QMessageBox.StandardButton =
                QMessageBox.StandardButton.Ok) -> QMessageBox:
    """A message box found by `name` that is deleted once closed (not shown yet)."""
    box = QMessageBox(icon, title, text, buttons, parent)
    box.setObjectName(name)
    box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    return box


def show_message(parent: QWidget | None, icon: QMessageBox.Icon, title: str, text: str,
                 name: str) -> QMessageBox:
    """Show a message with an OK button, without blocking, and return its box."""
    box = message_box(parent, icon, title, text, name)
    box.open()
    return box


def ask_yes_no(parent: QWidget, title: str, text: str) -> bool:
    """Ask a question in a modal box with Yes and No (No is the default); True for Yes."""
    answer = QMessageBox.question(parent, title, text,
                                  QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
                                  QMessageBox.StandardButton.No)
    return answer == QMessageBox.StandardButton.Yes
