"""The Jobs screen and its runner: queued copies run in the background, progress shows,
cancel works, a lock or a crash puts the job back in the queue, failures are listed."""

from __future__ import annotations

import threading
import time

import pytest

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox

from app import library
from app.transcode import service as jobs
from app.transcode import runner as transcoding
from app.recording import RECORDING_LAYOUT
from harness.vaults import PASSPHRASE
from media.encoder import EncodeSettings, LiveEncoder
from media.synthetic import SyntheticSource
from media.transcode_profiles import get_profile
from storage.jobs import Jobs
from storage.vault import Vault
from tests.disk_scan import files_under
from tests.ui.conftest import run_in_vault, unlock
from ui.jobs.view import JobRow, time_left


def make_master(vault: Vault, seconds: float, size: tuple[int, int] = (1280, 720),
                title: str = "Appeal") -> tuple[str, str]:
    """A recorded master as the recorder writes it (fragmented MP4, synthetic pattern).

    The live encoder is fed directly, faster than real time: a `RecordingSession` on a
    non-real-time source drops frames, and such a master does not transcode yet.
    """
    width, height = size
    source = SyntheticSource(width, height, 30.0, realtime=False, duration=seconds)
    with vault.transaction():
        tid = vault.catalogue.create_testimony(title, "public")
        ref = vault.items.create(tid, "master", layout=RECORDING_LAYOUT, media_type="video")
    writer = vault.writer(ref)
    encoder = LiveEncoder(writer, source.info, EncodeSettings(width, height, 30.0, "ultrafast"))
    while (item := source.read()) is not None:
        (encoder.video if hasattr(item, "image") else encoder.audio)(item, item.pts)
    encoder.close()
    writer.close()
    with vault.transaction():
        vault.items.update(ref.item_id, state="complete", size=writer.size, sha256=writer.sha256,
                           duration=seconds)
    return tid, ref.item_id


def queue(ctx, item_id: str, profile: str) -> str:
    """Queue a transcode as another screen would, and tell the runner."""
    job_id = run_in_vault(ctx, lambda v: transcoding.request(v, item_id, get_profile(profile)).job.id)
    ctx.jobs_changed.emit()
    return job_id


def job_states(ctx) -> dict[str, str]:
    return run_in_vault(ctx, lambda v: {j.id: j.state for j in Jobs(v.conn).all()})


def _samples(ctx, item_id: str) -> list[bytes]:
    """Three 48-byte slices of an item's plaintext: a leak of it would contain them."""
    def read(vault):
        with vault.reader(item_id) as reader:
            return reader.read()
    data = run_in_vault(ctx, read)
    return [data[int(len(data) * f):int(len(data) * f) + 48] for f in (0.3, 0.5, 0.8)]


def test_a_queued_copy_runs_and_the_app_stays_usable(unlocked, ctx, qtbot, tmp_path):
    window = unlocked
    screen = window.jobs
    window.show_screen(screen)
    tid, master = run_in_vault(ctx, lambda v: make_master(v, 8, title="KUAMARKER title"))
    events: list[tuple] = []
    statuses: list[str] = []
    changed: list[str] = []
    ctx.catalogue_changed.connect(changed.append)
    runner = screen.runner

    def on_progress(p):
        row = screen.rows.get(p.job_id)
        if row is not None:
            statuses.append(row.status.text())
        if p.stage == "transcoding" and not any(e[0] == "asked" for e in events):
            events.append(("asked",))
            # A short vault task while the job runs: it must finish before the job does.
            ctx.op(screen, library.list_summaries).success(
                lambda found: events.append(("short", runner.current_job, len(found)))).run()

    runner.progressed.connect(on_progress)
    runner.ended.connect(lambda end: events.append(("ended", end.job_id, end.state, end.output_id)))
    job_id = queue(ctx, master, "share")
    qtbot.waitUntil(lambda: any(e[0] == "ended" for e in events), timeout=60_000)
    kinds = [e[0] for e in events]
    assert kinds.index("short") < kinds.index("ended"), events
    assert [e for e in events if e[0] == "short"] == [("short", job_id, 1)]
    [(_, ended_id, state, output)] = [e for e in events if e[0] == "ended"]
    assert (ended_id, state) == (job_id, "done")
    assert any("%" in s for s in statuses), statuses
    assert tid in changed
    item = run_in_vault(ctx, lambda v: v.items.get(output))
    assert (item.kind, item.state, item.parent, item.testimony_id) == ("share", "complete",
                                                                       master, tid)
    # The list shows it done, with a Play button that plays the new item.
    qtbot.waitUntil(lambda: job_id in screen.rows and screen.rows[job_id].entry.state == "done",
                    timeout=10_000)
    row = screen.rows[job_id]
    assert row.status.text() == "Done" and not row.cancel_button.isVisible()
    assert "Copy to share" in row.what.text() and tid in row.what.text()
    assert row.play_button.isVisible()
    ctx.play_item.disconnect(window._play)  # the player screen is tested on its own
    with qtbot.waitSignal(ctx.play_item, timeout=5_000) as played:
        qtbot.mouseClick(row.play_button, Qt.MouseButton.LeftButton)
    assert played.args == [output]
    # Nothing of the master, the copy or the title reached the disk in the clear.
    needles = _samples(ctx, master) + _samples(ctx, output) + [b"KUAMARKER"]
    checked = files_under(ctx.vault_path, tmp_path / "tmp")
    assert any(f.name == "vault.db" for f in checked)
    for f in checked:
        data = f.read_bytes()
        assert not any(n in data for n in needles), f


@pytest.fixture
def held(monkeypatch):
    """The first job pauses at its first progress report (still pumping, still
    cancellable) until the test sets the event: the GUI acts while it surely runs."""
    release = threading.Event()
    original = jobs.run_job

    def run_job(vault, job_id, *, progress, stop):
        holding = [not release.is_set()]

        def report(p):
            progress(p)
            if p.stage == "transcoding" and holding[0]:
                holding[0] = False
                deadline = time.monotonic() + 30
                while not release.wait(0.01) and time.monotonic() < deadline:
                    stop.check()  # runs the GUI's short tasks; raises once cancelled

        return original(vault, job_id, progress=report, stop=stop)

    monkeypatch.setattr(jobs, "run_job", run_job)
    yield release
    release.set()


def test_cancel_a_queued_and_a_running_job(unlocked, ctx, qtbot, held):
    window = unlocked
    screen = window.jobs
    window.show_screen(screen)
    tid, master = run_in_vault(ctx, lambda v: make_master(v, 8))
    objects = {p.name for p in (ctx.vault_path / "objects").rglob("*") if p.is_file()}
    ended = []
    screen.runner.ended.connect(ended.append)
    clicked = []

    def on_progress(p):
        if p.stage == "transcoding" and not clicked and p.job_id in screen.rows:
            clicked.append(p.job_id)
            waiting = next(j for j in screen.rows if j != p.job_id)
            assert screen.rows[waiting].entry.state == "queued"
            qtbot.mouseClick(screen.rows[waiting].cancel_button, Qt.MouseButton.LeftButton)
            qtbot.mouseClick(screen.rows[p.job_id].cancel_button, Qt.MouseButton.LeftButton)

    screen.runner.progressed.connect(on_progress)
    first = queue(ctx, master, "share")
    second = queue(ctx, master, "proxy")
    qtbot.waitUntil(lambda: len(ended) == 1, timeout=60_000)
    assert job_states(ctx) == {first: "cancelled", second: "cancelled"}
    assert clicked == [first]
    assert [(e.job_id, e.state) for e in ended] == [(first, "cancelled")]
    assert "cancelled" in ended[0].error
    # No output: only the master remains, and no object file was left behind.
    assert run_in_vault(ctx, lambda v: [i.id for i in v.items.of_testimony(tid)]) == [master]
    assert ctx.executor.wait_idle()
    assert {p.name for p in (ctx.vault_path / "objects").rglob("*") if p.is_file()} == objects
    qtbot.waitUntil(lambda: all(r.entry.state == "cancelled" for r in screen.rows.values())
                    and len(screen.rows) == 2, timeout=10_000)
    assert screen.rows[first].status.text() == "Cancelled"
    assert not screen.rows[first].cancel_button.isVisible()


def test_a_lock_puts_the_running_job_back_and_unlock_finishes_it(unlocked, ctx, qtbot, held):
    window = unlocked
    screen = window.jobs
    window.show_screen(screen)
    tid, master = run_in_vault(ctx, lambda v: make_master(v, 8))
    locked = []

    def on_progress(p):
        if p.stage == "transcoding" and not locked:
            locked.append(p.job_id)
            window.lock_now()

    screen.runner.progressed.connect(on_progress)
    job_id = queue(ctx, master, "proxy")
    qtbot.waitUntil(lambda: bool(locked), timeout=60_000)
    assert ctx.executor.wait_idle(30)
    assert screen.rows == {} and screen.runner.current_job is None and not screen.runner.running
    vault = Vault.open(ctx.vault_path, PASSPHRASE)
    try:
        [job] = Jobs(vault.conn).all()
        assert (job.id, job.state) == (job_id, "queued")
        assert [i.kind for i in vault.items.of_testimony(tid)] == ["master"]
    finally:
        vault.close()
    done = []
    screen.runner.ended.connect(done.append)
    held.set()
    unlock(window, qtbot)
    qtbot.waitUntil(lambda: bool(done), timeout=60_000)
    assert (done[0].job_id, done[0].state) == (job_id, "done")
    kinds = run_in_vault(ctx, lambda v: sorted(i.kind for i in v.items.of_testimony(tid)))
    assert kinds == ["master", "proxy"]


def test_a_crashed_job_is_requeued_at_unlock_and_a_failure_is_listed(existing_vault, ctx,
                                                                     window, qtbot):
    vault = Vault.open(existing_vault, PASSPHRASE)
    try:
        tid, master = make_master(vault, 2, (320, 240))
        crashed = transcoding.request(vault, master, get_profile("share")).job.id
        with vault.transaction():  # as a power cut in the middle of the job leaves it
            Jobs(vault.conn).set_state(crashed, "running", progress=40.0)
        gone_tid, gone = make_master(vault, 2, (320, 240), title="other")
        failing = transcoding.request(vault, gone, get_profile("audio")).job.id
        library.remove(vault, gone_tid)
    finally:
        vault.close()
    ended = []
    window.jobs.runner.ended.connect(ended.append)
    unlock(window, qtbot)
    qtbot.waitUntil(lambda: len(ended) == 2, timeout=60_000)
    assert [(e.job_id, e.state) for e in ended] == [(crashed, "done"), (failing, "failed")], ended
    assert gone in ended[1].error
    screen = window.jobs
    window.show_screen(screen)
    qtbot.waitUntil(lambda: set(screen.rows) == {crashed, failing}
                    and screen.rows[failing].entry.state == "failed", timeout=10_000)
    text = screen.rows[failing].status.text()
    assert text.startswith("Could not be made:") and gone in text
    assert "removed" in screen.rows[failing].what.text()
    assert window.findChildren(QMessageBox) == []  # listed, not a dialog per job
    assert run_in_vault(ctx, lambda v: sorted(i.kind for i in v.items.of_testimony(tid))) == [
        "master", "share"]


def test_clear_forgets_the_list(unlocked, ctx, qtbot):
    window = unlocked
    screen = window.jobs
    _, master = run_in_vault(ctx, lambda v: make_master(v, 1, (320, 240)))
    ended = []
    screen.runner.ended.connect(ended.append)
    queue(ctx, master, "audio")
    qtbot.waitUntil(lambda: bool(ended), timeout=60_000)
    window.show_screen(screen)
    qtbot.waitUntil(lambda: len(screen.rows) == 1, timeout=10_000)
    assert not screen.empty.isVisible()
    screen.clear()
    assert screen.rows == {} and screen.empty.isVisible()
    qtbot.waitUntil(lambda: screen.findChildren(JobRow) == [], timeout=5_000)


def test_time_left_in_plain_words():
    assert time_left(None) == ""
    assert time_left(20) == "less than a minute left"
    assert time_left(95) == "about 2 min left"
    assert time_left(3 * 3600 + 5 * 60) == "about 3 h 5 min left"
