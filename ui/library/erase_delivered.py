""""Erase what the organizer has confirmed": the library's button that closes the hand-over.

Shown while some testimony reads `delivered` (an organizer's receipt confirmed every
item it was given). It asks first, naming how many testimonies go, then crypto-erases
them through `app.receipts` on the vault thread; a testimony holding an item no receipt
confirmed is kept.
"""

from __future__ import annotations

from PySide6.QtWidgets import QPushButton, QWidget

from app import receipts
from storage.models import DELIVERED, TestimonySummary

from ui.runtime.context import AppContext
from ui.runtime.errors import show_error
from ui.widgets.dialog import ask_yes_no


class EraseDeliveredButton(QPushButton):
    """Erases the testimonies an organizer confirmed, after a confirmation naming the count."""

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setText(self.tr("Erase what the organizer has confirmed"))
        self.setObjectName("eraseDelivered")
        self.ctx = ctx
        self.clicked.connect(self.ask)
        self.setVisible(False)

    def show_for(self, summaries: list[TestimonySummary]) -> None:
        """Visible only while some testimony is delivered."""
        self.setVisible(any(s.status == DELIVERED for s in summaries))

    def ask(self) -> None:
        """Find what may be erased (vault thread), then confirm."""
        self.setEnabled(False)
        (self.ctx.op(self, receipts.delivered_testimonies)
         .success(self._confirm).failure(self._failed).run())

    def _confirm(self, found: list[receipts.DeliveredTestimony]) -> None:
        self.setEnabled(True)
        chosen = [t for t in found if not t.kept_because]
        if not chosen:
            return
        if not ask_yes_no(self, self.tr("Erase delivered testimonies?"), self.tr(
                "The organizer has confirmed receiving {count} testimonies. Erase them from "
                "this computer for good? The organizer keeps them.").format(count=len(chosen))):
            return
        self.setEnabled(False)
        (self.ctx.op(self, lambda vault: receipts.erase_delivered(vault, chosen))
         .success(self._erased).failure(self._failed).run())

    def _erased(self, _erased: list[str]) -> None:
        self.setEnabled(True)
        self.ctx.catalogue_changed.emit("")

    def _failed(self, error: BaseException) -> None:
        self.setEnabled(True)
        show_error(self, error)
