"""Service errors as one plain-language dialog, with the words the command line uses.

The message is `str(error)`: the same one line `kua` prints. The dialog's title says
in everyday words what kind of trouble it is. Anything that is not a `KuaError` is a
bug: the dialog names its type only (a traceback could hold names or paths).
"""

from __future__ import annotations

import sys

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication
from PySide6.QtWidgets import QMessageBox, QWidget

from core import errors as e

from ui.widgets.dialog import show_message

# (error class, title); the first class the error is an instance of wins.
_TITLES: tuple[tuple[type[BaseException], str], ...] = (
    (e.WrongPassphrase, QT_TRANSLATE_NOOP("errors", "Wrong passphrase")),
    (e.VaultInUse, QT_TRANSLATE_NOOP("errors", "Kua is already open")),
    (e.DriveFull, QT_TRANSLATE_NOOP("errors", "The drive is full")),
    (e.DiskFull, QT_TRANSLATE_NOOP("errors", "The disk is full")),
    (e.DriveError, QT_TRANSLATE_NOOP("errors", "Problem with the drive")),
    (e.TamperedBundle, QT_TRANSLATE_NOOP("errors", "The bundle is damaged")),
    (e.WrongIdentity, QT_TRANSLATE_NOOP("errors", "Wrong organizer key")),
    (e.ObjectTampered, QT_TRANSLATE_NOOP("errors", "Damaged recording")),
    (e.VaultCorrupt, QT_TRANSLATE_NOOP("errors", "The vault is damaged")),
    (e.NotAVault, QT_TRANSLATE_NOOP("errors", "Not a Kua vault")),
    (e.RefusedByConsent, QT_TRANSLATE_NOOP("errors", "Not allowed by the consent given")),
    (e.MediaError, QT_TRANSLATE_NOOP("errors", "Problem with the recording")),
    (e.Cancelled, QT_TRANSLATE_NOOP("errors", "Stopped")),
    (e.UsageError, QT_TRANSLATE_NOOP("errors", "Please check what you entered")),
    (e.KuaError, QT_TRANSLATE_NOOP("errors", "Kua could not do that")),
)


def _tr(text: str) -> str:
    return QCoreApplication.translate("errors", text)


def title_for(error: BaseException) -> str:
    """The dialog title for an error, translated."""
    for cls, title in _TITLES:
        if isinstance(error, cls):
            return _tr(title)
    return QCoreApplication.translate("errors", "Something went wrong")


def message_for(error: BaseException) -> str:
    """The one line shown to the user: the CLI's words, or the bug's type only."""
    if isinstance(error, e.KuaError):
        return str(error)
    print(f"kua: unexpected {type(error).__name__}", file=sys.stderr)
    return QCoreApplication.translate(
        "errors", "Kua met an unexpected problem ({name}). Nothing was deleted.").format(
        name=type(error).__name__)


def show_error(parent: QWidget | None, error: BaseException) -> QMessageBox:
    """Show `error` in a non-blocking message box and return it."""
    return show_message(parent, QMessageBox.Icon.Warning, title_for(error), message_for(error),
                        "errorDialog")
