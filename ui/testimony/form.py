"""The testimony form: catalogue fields, people, consent and media of one testimony.

Everything typed is saved to the vault by itself (ui/testimony/autosave.py): there is no Save
button, only a quiet "Saving…" / "Saved" line. Values are checked exactly as `kua
edit` checks them; a refused value keeps what was typed and shows the CLI's words
under the field. Hiding the form or locking saves what is pending first.
"""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP, Qt
from PySide6.QtGui import QHideEvent
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QScrollArea, QVBoxLayout, QWidget

from app import library, testimony_editing as editing
from app.testimony_editing import EditView
from app.transcode.runner import TranscodeRequest
from core.errors import NotFound
from storage.models import CONSENT_ELEMENTS

from ui.testimony.autosave import Autosaver
from ui.testimony.consent_editor import ConsentEditor, element_name
from ui.runtime.context import AppContext
from ui.runtime.errors import show_error
from ui.testimony.fields import ChoiceField, Field, LineField, TextField
from ui.testimony.person_editor import PersonEditor
from ui.widgets.screen import Screen
from ui.testimony.media import MediaList
from ui.widgets.basics import PROBLEM_STYLE, form_layout, heading, paragraph, push_button
from ui.widgets.dialog import ask_yes_no

# (field, label, placeholder) of the testimony's own text fields, in form order.
_TEXT_FIELDS = (
    ("title", QT_TRANSLATE_NOOP("TestimonyForm", "Title"),
     QT_TRANSLATE_NOOP("TestimonyForm", "A short title, e.g. the detained person's name")),
    ("recorded_at", QT_TRANSLATE_NOOP("TestimonyForm", "Recorded on"),
     QT_TRANSLATE_NOOP("TestimonyForm", "Date, and time if you like: 2024-03-01 14:30")),
    ("place", QT_TRANSLATE_NOOP("TestimonyForm", "Place of recording"),
     QT_TRANSLATE_NOOP("TestimonyForm", "Town or village")),
    ("language", QT_TRANSLATE_NOOP("TestimonyForm", "Language spoken"),
     QT_TRANSLATE_NOOP("TestimonyForm", "e.g. Kazakh, Uyghur, Russian")),
    ("volunteer", QT_TRANSLATE_NOOP("TestimonyForm", "Recorded by"),
     QT_TRANSLATE_NOOP("TestimonyForm", "Your name or initials")),
    ("tags", QT_TRANSLATE_NOOP("TestimonyForm", "Tags"),
     QT_TRANSLATE_NOOP("TestimonyForm", "Words to find it by, separated by commas")),
)
_MUTED = "color: palette(placeholder-text);"


class TestimonyForm(Screen):
    """Shows and edits one testimony; saves as the person types."""

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        self.testimony_id: str | None = None
        self._load_seq = 0
        self._emitting = False
        self.saver = Autosaver(ctx, self)
        self.saver.state_changed.connect(self._show_save_state)
        self.saver.saved.connect(self._after_save)
        self.saver.failed.connect(self._save_failed)
        self.detained: list[PersonEditor] = []
        self._build()
        ctx.catalogue_changed.connect(self._catalogue_changed)

    # -- building ----------------------------------------------------------

    def _build(self) -> None:
        outer = QVBoxLayout(self)
        top = QHBoxLayout()
        top.addWidget(heading(self.tr("Testimony")), 1)
        self.save_state = QLabel()
        self.save_state.setObjectName("saveState")
        self.save_state.setStyleSheet(_MUTED)
        top.addWidget(self.save_state, 0, Qt.AlignmentFlag.AlignBottom)
        outer.addLayout(top)
        self.hints = QLabel()
        self.hints.setObjectName("readinessHints")
        self.hints.setWordWrap(True)
        self.hints.setFrameShape(QFrame.Shape.StyledPanel)
        self.hints.setContentsMargins(8, 6, 8, 6)
        self.hints.setStyleSheet("QLabel#readinessHints { background: #fff4e0; color: #4a3000;"
                                 " border: 1px solid #e6c27a; border-radius: 4px; }")
        self.hints.hide()
        outer.addWidget(self.hints)
        self.scroll = QScrollArea()
        self.scroll.setObjectName("formScroll")
        self.scroll.setWidgetResizable(True)
        self.scroll.setFrameShape(QFrame.Shape.NoFrame)
        wrapper = QWidget()
        centre = QHBoxLayout(wrapper)
        self.content = QWidget()
        self.content.setMaximumWidth(960)  # logical pixels: long lines are hard to read
        centre.addWidget(self.content, 1)
        self.scroll.setWidget(wrapper)
        outer.addWidget(self.scroll, 1)
        body = QVBoxLayout(self.content)
        self._build_about(self._section(body, self.tr("About the recording")))
        consent = self._section(body, self.tr("Consent"))
        self.consent = ConsentEditor()
        consent.addWidget(self.consent)
        self._connect(self.consent)
        speaker = self._section(body, self.tr("Who is speaking"))
        self.speaker = PersonEditor("speaker")
        speaker.addWidget(self.speaker)
        self._connect(self.speaker)
        people = self._section(body, self.tr("Detained people"))
        people.addWidget(paragraph(self.tr(
            "Everyone this testimony is about. Write each name in every spelling you know.")))
        self._detained_layout = QVBoxLayout()
        people.addLayout(self._detained_layout)
        self.add_detained_button = push_button(self.tr("Add a detained person"), "addDetained",
                                               self.add_detained)
        people.addWidget(self.add_detained_button, 0, Qt.AlignmentFlag.AlignLeft)
        self.media = MediaList()
        self._section(body, self.tr("Recordings and photos")).addWidget(self.media)
        self.media.play.connect(self.ctx.play_item.emit)
        self.media.record_more.connect(self._record_more)
        self.media.copy_requested.connect(self.make_copy)
        danger = self._section(body, self.tr("Delete"))
        danger.addWidget(paragraph(self.tr(
            "Deleting erases this testimony and all its recordings from this computer for good.")))
        self.delete_button = push_button(self.tr("Delete this testimony…"), "deleteTestimony",
                                         self.delete_testimony)
        danger.addWidget(self.delete_button, 0, Qt.AlignmentFlag.AlignLeft)
        body.addStretch(1)

    def _section(self, body: QVBoxLayout, title: str) -> QVBoxLayout:
        label = heading(title, 1.3)
        label.setObjectName("sectionHeading")
        body.addSpacing(12)
        body.addWidget(label)
        layout = QVBoxLayout()
        body.addLayout(layout)
        return layout

    def _build_about(self, layout: QVBoxLayout) -> None:
        form = form_layout(wrap_long_rows=True)
        self.fields: dict[str, Field] = {}
        for name, label, placeholder in _TEXT_FIELDS:
            self.fields[name] = LineField(name, self.tr(placeholder))
            form.addRow(self.tr(label), self.fields[name])
        self.fields["notes"] = TextField("notes", self.tr("Anything else worth knowing"))
        form.addRow(self.tr("Notes"), self.fields["notes"])
        self.status = ChoiceField("status", [("draft", self.tr("Draft"), None),
                                             ("ready", self.tr("Ready"), None),
                                             ("exported", self.tr("Exported"), None)],
                                  horizontal=True)
        self.status.buttons["exported"].hide()
        form.addRow(self.tr("Status"), self.status)
        layout.addLayout(form)
        for field in [*self.fields.values(), self.status]:
            self._connect(field)

    def _connect(self, source: QWidget) -> None:
        """Route a field's (or an editor's) edits to the autosaver and the hints."""
        source.edited.connect(self.saver.touch)
        source.edited.connect(lambda _f: self._refresh_readiness())
        source.committed.connect(self.saver.commit)

    # -- loading -----------------------------------------------------------

    def load(self, testimony_id: str) -> None:
        """Show a testimony (saving what was pending for the one shown before)."""
        self.saver.start(testimony_id)
        self.testimony_id = testimony_id
        self._load_seq += 1
        seq = self._load_seq
        self._empty_widgets()
        self.content.setEnabled(False)
        (self.ctx.op(self, lambda vault: editing.load_for_editing(vault, testimony_id))
         .success(lambda view: self._show(seq, view))
         .failure(lambda error: self._load_failed(seq, error)).run())

    def _show(self, seq: int, view: EditView) -> None:
        if seq != self._load_seq:
            return
        t = view.testimony
        for name, field in self.fields.items():
            value = ", ".join(t.tags) if name == "tags" else getattr(t, name)
            field.set_value(value or "")
        self.status.buttons["exported"].setVisible(t.status == "exported")
        self.status.set_value(t.status)
        self.consent.set_consent(t.consent, t.consent_elements)
        self.speaker.set_person(t.speaker)
        for person in t.detained:
            self._add_editor().set_person(person)
        self.media.show_items(t.items, view.refused, t.consent)
        self.content.setEnabled(True)
        self._refresh_readiness()

    def _load_failed(self, seq: int, error: BaseException) -> None:
        if seq != self._load_seq:
            return
        show_error(self, error)
        self.saver.start(None)
        self.testimony_id = None
        self.ctx.show_library.emit()

    def _empty_widgets(self) -> None:
        for field in self.fields.values():
            field.clear_value()
        self.status.set_value("")
        self.consent.clear_values()
        self.speaker.clear_values()
        for editor in self.detained:
            self._drop_editor(editor)
        self.detained.clear()
        self.media.clear()
        self.hints.clear()
        self.hints.hide()

    # -- detained people ---------------------------------------------------

    def _add_editor(self) -> PersonEditor:
        editor = PersonEditor("detained")
        self._connect(editor)
        editor.remove_requested.connect(self._remove_requested)
        self.detained.append(editor)
        editor.set_number(len(self.detained))
        self._detained_layout.addWidget(editor)
        return editor

    def _drop_editor(self, editor: PersonEditor) -> None:
        for field in editor.editables():
            self.saver.forget(field)
        editor.setParent(None)
        editor.deleteLater()

    def add_detained(self) -> None:
        """A new, empty detained person, saved at once."""
        if self.testimony_id is None:
            return
        editor = self._add_editor()
        self.saver.apply([f"{editor.prefix}.names="])
        editor.names.edits[0].setFocus()
        self._refresh_readiness()

    def _remove_requested(self, editor: PersonEditor) -> None:
        if not editor.is_empty() and not ask_yes_no(
                self, self.tr("Remove this person?"),
                self.tr("Everything written about this detained person will be removed.")):
            return
        number = self.detained.index(editor) + 1
        for field in editor.editables():
            self.saver.forget(field)
        self.saver.apply([], [f"detained.{number}"])  # saves the others under their old numbers
        self.detained.remove(editor)
        self._drop_editor(editor)
        for n, other in enumerate(self.detained, 1):
            other.set_number(n)
        self._refresh_readiness()

    # -- hints and save state ----------------------------------------------

    def missing(self) -> tuple[str, ...]:
        """What the testimony still needs before it can be marked ready (codes)."""
        names = [n for editor in self.detained for n in editor.names.names()]
        return editing.missing_for_ready(self.fields["title"].value(), names,
                                         self.consent.level.value(), self.consent.answers())

    def retranslate(self) -> None:
        """What the testimony still needs, again in the current language (ui/runtime/translator.py)."""
        self._refresh_readiness()

    def _refresh_readiness(self) -> None:
        if self.testimony_id is None:
            return
        missing = self.missing()
        lines = []
        if editing.TITLE_OR_NAME in missing:
            lines.append(self.tr("a title, or the name of a detained person"))
        if editing.CONSENT_LEVEL in missing:
            lines.append(self.tr("who may see it (the consent level)"))
        questions = [element_name(e) for e in CONSENT_ELEMENTS if f"consent.{e}" in missing]
        if questions:
            lines.append(self.tr("an answer to each consent question: {names}").format(
                names=", ".join(questions)))
        if lines:
            self.hints.setText(self.tr("Before it can be marked ready, it needs:") + "\n"
                               + "\n".join("• " + line for line in lines))
        self.hints.setVisible(bool(lines))
        ready = self.status.buttons["ready"]
        ready.setEnabled(not lines or ready.isChecked())
        ready.setToolTip(self.tr("Fill in what the box at the top asks for first.") if lines else "")

    def _show_save_state(self) -> None:
        state = self.saver.status()
        self.save_state.setText({
            "error": self.tr("Not saved: check the field marked in red"),
            "failed": self.tr("Not saved yet"),
            "saving": self.tr("Saving…"),
            "saved": self.tr("Saved"),
        }.get(state, ""))
        self.save_state.setStyleSheet(PROBLEM_STYLE if state in ("error", "failed")
                                      else _MUTED)

    def _save_failed(self, testimony_id: str, error: BaseException, structural: bool) -> None:
        show_error(self, error)
        if isinstance(error, NotFound):  # erased meanwhile (another window, a sync)
            self.saver.reset()
            self.clear()
            self.ctx.show_library.emit()
        elif structural:
            self.load(testimony_id)  # show the people as they are stored
        # Otherwise what was typed stays, marked unsaved, and is sent again with the next edit.

    def _after_save(self, testimony_id: str, keys: list[str]) -> None:
        self._emitting = True
        try:
            self.ctx.catalogue_changed.emit(testimony_id)
        finally:
            self._emitting = False
        if "consent" in keys and testimony_id == self.testimony_id:
            self._refresh_media()  # what may be shared depends on consent

    # -- media -------------------------------------------------------------

    def _catalogue_changed(self, testimony_id: str) -> None:
        if not self._emitting and self.testimony_id and testimony_id in ("", self.testimony_id):
            self._refresh_media()

    def _refresh_media(self) -> None:
        tid, seq = self.testimony_id, self._load_seq
        if tid is None:
            return

        def show(view: EditView) -> None:
            if seq == self._load_seq:
                self.media.show_items(view.testimony.items, view.refused, view.testimony.consent)

        (self.ctx.op(self, lambda vault: editing.load_for_editing(vault, tid))
         .success(show).failure(lambda _error: None).run())

    def _record_more(self) -> None:
        if self.testimony_id is not None:
            self.ctx.record_into.emit(self.testimony_id)

    def make_copy(self, item_id: str, profile: str) -> None:
        """Queue a share or anonymized copy of an item for the job runner."""
        seq = self._load_seq

        def done(asked: TranscodeRequest) -> None:
            if seq == self._load_seq and self.media.show_request(asked):
                self.ctx.jobs_changed.emit()  # the job runner starts it

        (self.ctx.op(self, lambda vault: editing.request_copy(vault, item_id, profile))
         .success(done).run())

    # -- deleting ----------------------------------------------------------

    def delete_testimony(self) -> None:
        """Erase the testimony and its items after asking; then show the library."""
        tid = self.testimony_id
        if tid is None or not ask_yes_no(
                self, self.tr("Delete this testimony?"),
                self.tr("This testimony, its recordings and photos and everything written here "
                        "will be erased for good. It cannot be undone.")):
            return
        self.saver.reset()  # nothing pending should reach a testimony being erased
        self.content.setEnabled(False)

        def done(_value: object) -> None:
            self.clear()
            self.ctx.catalogue_changed.emit(tid)
            self.ctx.show_library.emit()

        def failed(error: BaseException) -> None:
            show_error(self, error)
            self.load(tid)

        self.ctx.op(self, lambda vault: library.remove(vault, tid)).success(done).failure(failed).run()

    # -- screen ------------------------------------------------------------

    def hideEvent(self, event: QHideEvent) -> None:  # noqa: N802 (Qt's name)
        """Leaving the form saves what was typed, without waiting for the pause."""
        self.saver.flush()
        super().hideEvent(event)

    def clear(self) -> None:
        """At lock: save what is pending, then empty every field."""
        self.saver.start(None)
        self.testimony_id = None
        self._load_seq += 1
        self._empty_widgets()
        self.content.setEnabled(True)
