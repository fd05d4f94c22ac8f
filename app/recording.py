"""Record a testimony: a source, the live encoder and the vault's sealing writer.

The object file is created durably, then the item row is committed (state
`recording`), then media is written: a crash at any moment leaves an item that the
next unlock recovers (app/recovery.py), or an empty file that it removes. While recording, what the
encoder produced is flushed to the file about once a second and fsynced every few
seconds. `stop()` finishes the file, hashes and probes it, and marks it complete;
if the disk fills, the recording stops and is ended at its last whole fragment.
"""

from __future__ import annotations

import json
import time
from dataclasses import dataclass

from core.i18n import _
from media.encoder import EncodeSettings, choose_preset
from media.probe import probe
from media.recorder import Chapter, Recorder, RecordStatus
from media.source_spec import open_source
from media.sources import Frame, Source
from core.errors import DiskFull, KuaError, NotFound
from storage.sealed import Layout
from storage.vault import Vault

from app.recovery import finish_interrupted

# Small segments: a crash loses at most a fraction of a second of sealed data.
RECORDING_LAYOUT = Layout.for_segment_size(64 * 1024)
SYNC_EVERY = 5.0


@dataclass(frozen=True, slots=True)
class RecordingResult:
    """What a finished (or stopped-by-fault) recording left in the vault."""

    testimony_id: str
    item_id: str
    state: str               # complete, or recovered after a full disk
    duration: float | None
    dropped_frames: int
    chapters: tuple[Chapter, ...]
    error: str | None = None
    disk_full: bool = False


class RecordingSession:
    """One recording into a vault; the GUI and `kua record` both drive this."""

    def __init__(self, vault: Vault, source: Source, *, title: str = "",
                 consent: str = "restricted", testimony_id: str | None = None,
                 settings: EncodeSettings | None = None, max_seconds: float | None = None) -> None:
        self._vault = vault
        self._source = source
        info = source.info
        self.settings = settings or choose_preset(info.width, info.height, info.fps)
        if testimony_id is not None and not vault.catalogue.exists(testimony_id):
            raise NotFound(_("no testimony with id {testimony_id}").format(testimony_id=testimony_id))
        # The object file first (created and made durable by the writer), then the row:
        # a crash in between leaves an empty file that the next unlock removes, never a
        # `recording` row whose file is missing.
        self._ref = vault.items.new_ref(RECORDING_LAYOUT)
        self._writer = vault.writer(self._ref)
        try:
            with vault.transaction():
                if testimony_id is None:
                    testimony_id = vault.catalogue.create_testimony(title, consent)
                    vault.audit.append("testimony.create", testimony_id)
                vault.items.create(
                    testimony_id, "master", state="recording", ref=self._ref,
                    media_type="video", codec="h264", width=self.settings.width,
                    height=self.settings.height,
                    params=json.dumps({"source": info.description, "preset": self.settings.preset}))
                vault.audit.append("item.record", self._ref.item_id, testimony=testimony_id)
        except BaseException:
            self._writer.abort()
            raise
        self.testimony_id = testimony_id
        self.item_id = self._ref.item_id
        self._last_sync = time.monotonic()
        self._recorder = Recorder(source, self._writer, self.settings, on_flush=self._flush,
                                  max_seconds=max_seconds)

    def _flush(self) -> None:
        """Called from the encoding thread about once a second."""
        self._writer.flush()
        if time.monotonic() - self._last_sync >= SYNC_EVERY:
            self._writer.sync()
            self._last_sync = time.monotonic()

    def start(self) -> None:
        """Start capturing and encoding."""
        self._recorder.start()

    def pause(self) -> None:
        """Pause (the file stays one recording; the pause becomes a chapter mark)."""
        self._recorder.pause()

    def resume(self) -> None:
        """Resume after a pause."""
        self._recorder.resume()

    def status(self) -> RecordStatus:
        """Elapsed time, audio level, dropped frames, bytes written."""
        return self._recorder.status()

    @property
    def running(self) -> bool:
        """False once the source ended or a fault stopped the recording."""
        return self._recorder.running

    def latest_frame(self) -> Frame | None:
        """The last picture captured, for a live preview (any thread; touches no vault)."""
        return self._recorder.latest_frame()

    def take_still(self, label: str = "") -> str:
        """Save the current picture as a JPEG `still` item of this testimony; returns its id."""
        data = self._recorder.still_jpeg()
        vault = self._vault
        with vault.transaction():
            ref = vault.items.create(self.testimony_id, "still", media_type="image",
                                     codec="mjpeg", label=label, parent=self.item_id)
        writer = vault.writer(ref)
        try:
            writer.write(data)
            writer.close()
        except BaseException:
            writer.abort()
            vault.erase_item(ref.item_id, "item.erase-unfinished")
            raise
        info = self._source.info
        with vault.transaction():
            vault.items.update(ref.item_id, state="complete", size=writer.size,
                               sha256=writer.sha256, width=info.width, height=info.height)
            vault.audit.append("item.still", ref.item_id, testimony=self.testimony_id)
        return ref.item_id

    def stop(self) -> RecordingResult:
        """Finish the recording and record what it is in the catalogue."""
        try:
            chapters = self._recorder.stop()
        except DiskFull as exc:
            return self._after_fault(str(exc), disk_full=True)
        except KuaError as exc:  # the encoder failed: keep what was written
            return self._after_fault(str(exc))
        try:
            self._writer.close()
        except DiskFull as exc:
            return self._after_fault(str(exc), disk_full=True)
        dropped = self.status().dropped_frames
        source_error = self._recorder.source_error
        with self._vault.reader(self.item_id) as reader:
            info = probe(reader)
        vault = self._vault
        params = {"source": self._source.info.description, "preset": self.settings.preset,
                  "chapters": [[c.start, c.end] for c in chapters]}
        with vault.transaction():
            vault.items.update(self.item_id, state="complete", size=self._writer.size,
                               sha256=self._writer.sha256, duration=info.duration,
                               codec=info.codec, audio_codec=info.audio_codec,
                               width=info.width, height=info.height,
                               dropped_frames=dropped, params=json.dumps(params))
            vault.audit.append("item.complete", self.item_id, dropped=dropped)
        return RecordingResult(self.testimony_id, self.item_id, "complete", info.duration,
                               dropped, tuple(chapters),
                               None if source_error is None else str(source_error))

    def _after_fault(self, message: str, disk_full: bool = False) -> RecordingResult:
        """Keep everything up to the last whole fragment, as after a crash."""
        dropped = self.status().dropped_frames
        self._writer.abandon()
        item = finish_interrupted(self._vault, self.item_id, dropped_frames=dropped)
        return RecordingResult(self.testimony_id, self.item_id, item.state, item.duration,
                               dropped, (), message, disk_full)


def start_recording(vault: Vault, source_spec: str, *, width: int, height: int,
                    fps: float = 30.0, testimony_id: str | None = None,
                    title: str = "") -> RecordingSession:
    """Open `source_spec` (see media.source_spec.open_source) and start recording it.

    A new testimony is created unless `testimony_id` is given. The caller ends the
    session with `stop()`; the source is released if the session cannot be created.
    """
    source = open_source(source_spec, width=width, height=height, fps=fps)
    try:
        session = RecordingSession(vault, source, title=title, testimony_id=testimony_id)
    except BaseException:
        source.close()
        raise
    session.start()
    return session
