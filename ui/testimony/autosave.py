"""Autosave for the testimony form: field edits become `kua edit` assignments.

A field that changes is marked dirty; ~700 ms after typing stops (or at once when
the person leaves the field, clicks a choice, hides the form or locks) the dirty
fields' assignments go to `app.fields.apply_edit_groups` through `ctx.op`, so the
form is checked exactly as `kua edit` is and shows the same words when a value is
refused. Saves run on the one vault thread in the order they were asked for, which
is what makes `detained.N` (a position) safe to use across adds and removes.
"""

from __future__ import annotations

import itertools
from typing import Sequence

import shiboken6
from PySide6.QtCore import QObject, QTimer, Signal
from PySide6.QtWidgets import QWidget

from app import fields as edits

from ui.runtime.context import AppContext
from ui.testimony.fields import Field

DELAY_MS = 700


class Autosaver(QObject):
    """Saves the dirty fields of one testimony, shortly after each edit."""

    state_changed = Signal()
    saved = Signal(str, list)  # testimony id, the field keys just saved
    # testimony id, the error, and whether it was a change of structure (add/remove a
    # person): a save failed for another reason than a refused value (disk full, ...)
    failed = Signal(str, object, bool)

    def __init__(self, ctx: AppContext, owner: QWidget, delay_ms: int = DELAY_MS) -> None:
        super().__init__(owner)
        self._ctx, self._owner = ctx, owner
        self.testimony_id: str | None = None
        self._dirty: dict[Field, None] = {}
        self._errors: set[Field] = set()
        self._in_flight: set[int] = set()
        self._tokens = itertools.count()
        self._saved_once = False
        self._retry: set[Field] = set()  # their save failed (disk full...): sent again later
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(delay_ms)
        self._timer.timeout.connect(self.flush)

    # -- what the form calls -----------------------------------------------

    def start(self, testimony_id: str | None) -> None:
        """Save what is pending, then follow another testimony (None: none)."""
        self.flush()
        self.reset()
        self.testimony_id = testimony_id

    def reset(self) -> None:
        """Forget every edit, error and save in flight (after flushing, at lock)."""
        self._timer.stop()
        self._dirty.clear()
        self._errors.clear()
        self._in_flight.clear()
        self._saved_once = False
        self._retry.clear()
        self.testimony_id = None
        self.state_changed.emit()

    def touch(self, field: Field) -> None:
        """A field changed: save it after a pause in typing."""
        if self.testimony_id is None:
            return
        self._dirty[field] = None
        self._timer.start()
        self.state_changed.emit()

    def commit(self, field: Field) -> None:
        """The person is done with a field: save now if anything is pending."""
        self.flush()

    def forget(self, field: Field) -> None:
        """A field is going away (its person was removed): drop what it had pending."""
        self._dirty.pop(field, None)
        self._errors.discard(field)
        self._retry.discard(field)

    def flush(self) -> None:
        """Send every pending edit to the vault now."""
        self._timer.stop()
        tid = self.testimony_id
        if tid is None or not self._dirty:
            return
        fields = [f for f in self._dirty if shiboken6.isValid(f)]
        self._dirty.clear()
        groups = [f.assignments() for f in fields]
        keys = [f.key() for f in fields]
        token = next(self._tokens)
        self._in_flight.add(token)
        (self._ctx.op(self._owner, lambda vault: edits.apply_edit_groups(vault, tid, groups))
         .success(lambda errors: self._saved(token, tid, fields, keys, errors))
         .failure(lambda error: self._failed(token, tid, error, fields))
         .run())
        self.state_changed.emit()

    def apply(self, assignments: list[str], removals: Sequence[str] = ()) -> None:
        """Save pending edits, then make a change of structure (add or remove a person)."""
        self.flush()
        tid = self.testimony_id
        if tid is None:
            return
        token = next(self._tokens)
        self._in_flight.add(token)
        keys = [a.split("=", 1)[0] for a in assignments] + [f"remove {r}" for r in removals]

        (self._ctx.op(self._owner,
                      lambda vault: edits.apply_edits(vault, tid, list(assignments), list(removals)))
         .success(lambda _value: self._saved(token, tid, [], keys, []))
         .failure(lambda error: self._failed(token, tid, error, None)).run())
        self.state_changed.emit()

    # -- state -------------------------------------------------------------

    @property
    def pending(self) -> bool:
        """True while an edit waits for the pause or for the vault."""
        return bool(self._dirty or self._in_flight)

    def status(self) -> str:
        """"error" (a value was refused), "failed" (a save failed otherwise), "saving",
        "saved", or "" (nothing done yet)."""
        if any(shiboken6.isValid(f) for f in self._errors):
            return "error"
        if any(shiboken6.isValid(f) for f in self._retry):
            return "failed"
        if self.pending:
            return "saving"
        return "saved" if self._saved_once else ""

    # -- results (GUI thread) ----------------------------------------------

    def _saved(self, token: int, tid: str, fields: list[Field], keys: list[str],
               errors: list) -> None:
        current = tid == self.testimony_id and token in self._in_flight
        self._in_flight.discard(token)
        saved_keys = [k for k, e in itertools.zip_longest(keys, errors) if e is None]
        if current:
            for field, error in zip(fields, errors):
                if not shiboken6.isValid(field):
                    continue
                field.set_error(str(error) if error is not None else None)
                if error is None:
                    self._errors.discard(field)
                    self._retry.discard(field)
                else:
                    self._errors.add(field)
            if saved_keys:
                self._saved_once = True
            self.state_changed.emit()
        if saved_keys:
            self.saved.emit(tid, saved_keys)

    def _failed(self, token: int, tid: str, error: BaseException,
                fields: list[Field] | None) -> None:
        current = tid == self.testimony_id and token in self._in_flight
        self._in_flight.discard(token)
        if not current:
            return
        for field in fields or ():
            if shiboken6.isValid(field):
                self._dirty[field] = None  # kept: the next save tries them again
                self._retry.add(field)
        self.state_changed.emit()
        self.failed.emit(tid, error, fields is None)
