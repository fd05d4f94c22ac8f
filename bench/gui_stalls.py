"""Part 4 of bench/gui.py: GUI-thread stalls while recording with a transcode job running.

A 5 ms timer on the GUI thread stamps each tick; a gap between ticks longer than the
interval is time the window could not answer. Measured while the recorder screen
records the synthetic source at 720p30 (preview on) and the job runner transcodes a
60 s master to the anonymized, share and proxy profiles, one after the other.
"""

from __future__ import annotations

import time

from PySide6.QtCore import QTimer

TICK_MS = 5


def make_master(ctx, seconds: float = 60.0) -> str:
    """A `seconds`-long 720p master (encoded faster than real time); returns its item id."""
    from app.recording import RecordingSession
    from media.source_spec import open_source

    def record(vault) -> str:
        source = open_source("synthetic", width=1280, height=720, fps=30.0, realtime=False)
        session = RecordingSession(vault, source, title="bench master", max_seconds=seconds)
        session.start()
        while session.running:
            time.sleep(0.05)
        return session.stop().item_id

    box: dict[str, str] = {}
    ctx.executor.submit(lambda vault: box.setdefault("item", record(vault)))
    assert ctx.executor.wait_idle(600)
    return box["item"]


def bench_stalls(app, window, seconds: float) -> dict:
    """Record for `seconds` while transcode jobs run; the GUI timer's gaps and more."""
    from app.transcode import runner as transcoding
    from media.transcode_profiles import get_profile
    from harness import ui_flow  # noqa: PLC0415 - the same clicks the tests make

    ctx = window.ctx
    item = make_master(ctx)
    # Three copies one after the other (about 80 s of work here): a job runs all along.
    for name in ("anonymized", "share", "proxy"):
        ctx.executor.submit(lambda vault, n=name: transcoding.request(vault, item, get_profile(n)))
    assert ctx.executor.wait_idle(60)
    ctx.jobs_changed.emit()
    runner = window.jobs.runner
    ui_flow.wait_for(app, lambda: runner.latest is not None, 60)

    window.actions_by_name["actionRecord"].trigger()
    screen = window.recorder
    screen.sources.camera.setCurrentIndex(screen.sources.camera.findData("synthetic"))
    screen.sources.quality.setCurrentIndex(screen.sources.quality.findData("720p"))
    stamps: list[float] = []
    busy: list[bool] = []
    timer = QTimer()
    timer.setInterval(TICK_MS)
    timer.timeout.connect(lambda: (stamps.append(time.perf_counter()),
                                   busy.append(runner.running)))
    timer.start()
    ui_flow.click(screen.record_button)
    ui_flow.wait_for(app, lambda: screen.driver.state == "recording", 120)
    first_tick = len(stamps)
    ui_flow.wait_for(app, lambda: screen.driver.session.status().elapsed >= seconds, seconds + 120)
    dropped = screen.driver.session.status().dropped_frames
    while_recording = busy[first_tick:]
    job_share = 100.0 * sum(while_recording) / max(1, len(while_recording))
    ui_flow.click(screen.stop_button)
    ui_flow.wait_for(app, lambda: screen.driver.state == "idle", 120)
    timer.stop()
    gaps = [b - a for a, b in zip(stamps, stamps[1:])]
    ui_flow.wait_for(app, lambda: not runner.running, 600)
    return {"gaps": gaps, "dropped": dropped, "job_share": job_share}
