"""Sound in step with the picture through the whole pipeline (issue 19).

A live recording of the synthetic source (paced in real time, the recorder's threads,
the encoder's own preset) goes into the vault; every profile is made from it by the
transcoding service (the worker process, reading and writing sealed objects). Each
file is read back from the vault and measured as a player presents it: each stream's
own timestamps, edit lists applied, nothing else (tests/media/avsync.py). A recording
paused and resumed is measured in tests/app/test_recording.py, one recovered after
kill -9 in tests/e2e/test_record_cli.py, the app's recorder in tests/ui/test_recorder.py
and the camera path in tests/media/test_camera_avsync.py.
"""

from __future__ import annotations

import pytest

from app.transcode import runner as transcoding
from app.recording import RecordingSession
from media.source_spec import open_source
from media.transcode_profiles import get_profile
from storage.vault import Vault
from tests.media.avsync import assert_in_step

PROFILES = [("share", 0.0), ("proxy", 0.0), ("audio", 0.0), ("anonymized", 0.0),
            ("anonymized", 5.0)]


def _record(vault: Vault, seconds: float | None) -> RecordingSession:
    source = open_source("synthetic", width=320, height=180, fps=30)
    session = RecordingSession(vault, source, title="in step", max_seconds=seconds)
    session.start()
    return session


@pytest.mark.slow
def test_every_copy_of_a_recording_is_in_step(vault: Vault) -> None:
    session = _record(vault, 3.2)
    session._recorder._stopping.wait(10)  # set when max_seconds is reached
    master = session.stop().item_id
    with vault.reader(master) as reader:
        offsets = {"master": assert_in_step(reader, 4)}
        for name, shift in PROFILES:
            item, _ = transcoding.transcode(vault, master, get_profile(name, voice_shift=shift))
            with vault.reader(item.id) as copy:
                label = f"{name}{' voice shift' if shift else ''}"
                offsets[label] = assert_in_step(copy, 4, reader if name == "audio" else None)
    assert len(offsets) == 1 + len(PROFILES), offsets
