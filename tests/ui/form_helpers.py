"""Helpers shared by the testimony form's tests."""

from __future__ import annotations

import secrets

from PySide6.QtWidgets import QLabel, QLineEdit, QMessageBox, QPlainTextEdit, QWidget

from app import fields
from harness import ui_flow
from harness.vaults import seal_item
from storage.vault import Vault
from tests.ui.conftest import run_in_vault

WAIT = 10_000


def in_vault(ctx, fn):
    """`run_in_vault`, but an exception in `fn` fails the test instead of returning None."""
    box: dict = {}

    def task(vault: Vault):
        try:
            return fn(vault)
        except Exception as exc:  # noqa: BLE001 - handed back to the test below
            box["error"] = exc
    value = run_in_vault(ctx, task)
    if "error" in box:
        raise box["error"]
    return value


def create(ctx, title: str = "", consent: str = "restricted", edits: list[str] = ()) -> str:
    """A new testimony with `edits` applied (kua edit's FIELD=VALUE); its id."""
    def make(vault: Vault) -> str:
        with vault.transaction():
            tid = vault.catalogue.create_testimony(title, consent)
        if edits:
            fields.apply_edits(vault, tid, list(edits))
        return tid
    return in_vault(ctx, make)


def add_item(ctx, tid: str, kind: str = "master", media_type: str = "video",
              parent: str | None = None, params: str = "{}") -> str:
    """A complete item whose sealed object holds a few bytes (enough for the catalogue)."""
    data = b"not really a video " + secrets.token_bytes(16)
    return in_vault(ctx, lambda vault: seal_item(vault, tid, kind, data, parent=parent,
                                                 params=params, media_type=media_type,
                                                 duration=75.0))


def stored(ctx, tid: str):
    """The testimony as the vault holds it now."""
    return in_vault(ctx, lambda v: v.catalogue.get(tid))


def open_form(window, qtbot, tid: str):
    """Open the testimony's form and wait until it can be edited."""
    form = window.form
    window.ctx.open_testimony.emit(tid)
    assert window.workspace.currentWidget() is form
    qtbot.waitUntil(lambda: form.testimony_id == tid and form.content.isEnabled(), timeout=WAIT)
    return form


def type_text(widget: QWidget, text: str, focus: bool = True) -> None:
    """Type like a keyboard (or an input method) would: one key event per character."""
    if focus:
        widget.setFocus()
    ui_flow.type_keys(widget, text)


def texts(root: QWidget) -> list[str]:
    """Every text a line edit, text box or label under `root` holds."""
    out = [w.text() for w in root.findChildren(QLineEdit)]
    out += [w.placeholderText() for w in root.findChildren(QLineEdit)]
    out += [w.toPlainText() for w in root.findChildren(QPlainTextEdit)]
    out += [w.text() for w in root.findChildren(QLabel)]
    return out


def answer_with(monkeypatch, answer: QMessageBox.StandardButton) -> list[str]:
    """Every question box answers `answer`; the list collects their titles."""
    asked: list[str] = []

    def question(parent, title, text, *args, **kwargs):
        asked.append(title)
        return answer
    monkeypatch.setattr(QMessageBox, "question", staticmethod(question))
    return asked
