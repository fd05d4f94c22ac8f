"""Recording benchmark: the live pipeline at 720p30 and 1080p30, into a vault.

    .venv/bin/python bench/capture.py                 # full run (2 x 60 s, plus re-encodes)
    .venv/bin/python bench/capture.py --seconds 10    # quick run
    .venv/bin/python bench/capture.py --only 720p --json

What it measures. For each size (1280x720 and 1920x1080, 30 fps), in a fresh
temporary vault inside bench/ (cheap Argon2id, deleted afterwards):

1. the real pipeline: `app.recording.RecordingSession(vault, SyntheticSource(w, h, 30,
   realtime=True), title="bench", max_seconds=--seconds)`, i.e. the synthetic capture
   thread delivering frames on the wall clock, the bounded queue (frames dropped and
   counted when the encoder is behind), the libx264 + AAC encoding thread, and the
   fragmented MP4 going into the vault's sealing writer (flushed every second,
   fsynced every 5). Constructing the session runs `choose_preset` (the calibration,
   timed separately); the run is timed from `start()` until `session.running` is
   False, then `stop()` (finishing, hashing and probing the file) is timed apart.
   Reported: the preset and output size chosen (and whether 1080p was scaled down),
   frames encoded / media seconds (the probed duration of the item), dropped frames
   (of frames captured = encoded + dropped), the process's CPU time
   (`resource.getrusage`, user + sys) over the run as a share of one core and of all
   cores, split by thread (capture, encode, other: x264's and the writer's helper
   threads) from /proc/self/task, and the bitrate of the item (size / duration).
2. encode headroom, twice: the speed `choose_preset` measured when calibrating
   (`settings.measured_fps / 30`: 16 frames of moving noise, the worst case), and an
   independent figure: the same number of synthetic frames (and their audio),
   produced NON-realtime and pushed through `media.encoder.LiveEncoder` with the
   same settings into a sink that only counts bytes, on one Python thread: media
   seconds / wall seconds. Drawing the test pattern is part of that loop (in the
   live pipeline it runs on the capture thread, concurrently), so the time spent in
   the encoder calls alone is given too.

Targets: 720p30 with no dropped frame and an encode headroom of at least 1.3x (held
against both headroom figures); 1080p30 with under 1 % dropped, or the automatic
downscale to 720p stated.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import shutil
import sys
import threading
import time
from pathlib import Path
from typing import Any

import rig
from app.recording import RecordingSession
from harness.vaults import new_vault
from media.encoder import HEADROOM, EncodeSettings, LiveEncoder
from media.sources import Frame
from media.synthetic import SyntheticSource
from rig import log

FPS = 30
SIZES = {"720p": (1280, 720), "1080p": (1920, 1080)}
POLL = 0.5  # seconds between looks at the running session
CLK_TCK = os.sysconf("SC_CLK_TCK")


# -- helpers -----------------------------------------------------------------


def cpu_seconds() -> float:
    """CPU seconds (user + sys) this process has used."""
    ru = resource.getrusage(resource.RUSAGE_SELF)
    return ru.ru_utime + ru.ru_stime


def machine_busy() -> float:
    """CPU seconds the whole machine has spent busy (all cores, /proc/stat; not iowait)."""
    try:
        with open("/proc/stat") as f:
            fields = [int(x) for x in f.readline().split()[1:]]
    except (OSError, ValueError):
        return float("nan")
    idle = fields[3] + (fields[4] if len(fields) > 4 else 0)
    guest = sum(fields[8:10])  # already counted in user and nice
    return (sum(fields) - idle - guest) / CLK_TCK


def machine() -> dict[str, str]:
    """rig.machine() and the PyAV version."""
    import av
    return {**rig.machine(), "pyav": av.__version__}


def task_times() -> dict[int, float]:
    """CPU seconds (user + sys) of every thread of this process, by native thread id."""
    out: dict[int, float] = {}
    try:
        tids = os.listdir("/proc/self/task")
    except OSError:
        return out
    for tid in tids:
        try:
            stat = Path(f"/proc/self/task/{tid}/stat").read_text()
        except OSError:
            continue  # the thread just ended
        fields = stat[stat.rfind(")") + 2:].split()
        out[int(tid)] = (int(fields[11]) + int(fields[12])) / CLK_TCK  # utime, stime
    return out


class ThreadCpu:
    """CPU time per thread over a run; threads that end keep their last sampled time."""

    def __init__(self) -> None:
        self.base = task_times()
        self.last: dict[int, float] = dict(self.base)
        self.names: dict[int, str] = {}

    def sample(self) -> None:
        """Read every thread's CPU time now (and learn the capture and encode threads)."""
        for t in threading.enumerate():
            if t.name in ("kua-capture", "kua-encode") and t.native_id is not None:
                self.names[t.native_id] = t.name
        self.last.update(task_times())

    def split(self) -> dict[str, float]:
        """CPU seconds since the start: capture, encode, main and other threads."""
        parts = {"capture": 0.0, "encode": 0.0, "main": 0.0, "other": 0.0}
        main = threading.main_thread().native_id
        for tid, t in self.last.items():
            used = t - self.base.get(tid, 0.0)
            name = self.names.get(tid)
            key = ("capture" if name == "kua-capture" else "encode" if name == "kua-encode"
                   else "main" if tid == main else "other")
            parts[key] += used
        return parts


class CountingSink:
    """A write-only file object that keeps nothing but the number of bytes."""

    def __init__(self) -> None:
        self.size = 0

    def write(self, data) -> int:
        """Count the bytes; keep nothing."""
        n = memoryview(data).nbytes
        self.size += n
        return n

    def tell(self) -> int:
        """Bytes written so far."""
        return self.size

    def flush(self) -> None:
        """Nothing to flush."""
        pass


# -- the measures ------------------------------------------------------------


def record(work: Path, label: str, width: int, height: int,
           seconds: float) -> tuple[dict[str, Any], EncodeSettings]:
    """One live recording into a fresh vault through RecordingSession."""
    path = work / f"vault-{label}"
    vault = new_vault(path)
    try:
        source = SyntheticSource(width, height, FPS, realtime=True)
        t0 = time.perf_counter()
        session = RecordingSession(vault, source, title="bench", max_seconds=seconds)
        calibrate_s = time.perf_counter() - t0
        s = session.settings
        log(f"{label}: calibrated in {calibrate_s:.1f} s: preset {s.preset}, "
            f"{s.width}x{s.height}, measured {s.measured_fps:.1f} fps; recording {seconds:g} s")
        threads = ThreadCpu()
        cpu0, busy0, wall0 = cpu_seconds(), machine_busy(), time.perf_counter()
        session.start()
        next_log = wall0 + 10
        while session.running:
            time.sleep(POLL)
            threads.sample()
            if time.perf_counter() >= next_log:
                st = session.status()
                log(f"{label}: {st.elapsed:5.1f} s recorded, {st.frames} frames, "
                    f"{st.dropped_frames} dropped")
                next_log += 10
        threads.sample()
        run_wall, run_cpu = time.perf_counter() - wall0, cpu_seconds() - cpu0
        others = machine_busy() - busy0 - run_cpu
        t1 = time.perf_counter()
        result = session.stop()
        stop_s = time.perf_counter() - t1
        status = session.status()
        item = vault.items.get(session.item_id)
    finally:
        vault.close()
    captured = status.frames + status.dropped_frames
    duration = result.duration or status.elapsed
    res = {
        "label": label, "source": [width, height], "fps": FPS, "seconds": seconds,
        "preset": s.preset, "output": [s.width, s.height],
        "downscaled": (s.width, s.height) != (width, height),
        "calibration_fps": s.measured_fps, "calibrate_s": calibrate_s,
        "state": result.state, "error": result.error,
        "frames": status.frames, "dropped": status.dropped_frames, "captured": captured,
        "dropped_pct": 100 * status.dropped_frames / captured if captured else 0.0,
        "duration": duration, "elapsed": status.elapsed,
        "achieved_fps": status.frames / duration if duration else 0.0,
        "run_wall_s": run_wall, "run_cpu_s": run_cpu, "stop_s": stop_s,
        "others_cpu_s": max(0.0, others),
        "cpu_threads_s": threads.split(),
        "size": item.size, "bitrate_mbps": item.size * 8 / duration / 1e6 if duration else 0.0,
    }
    log(f"{label}: {res['frames']} frames, {res['dropped']} dropped, {duration:.2f} s, "
        f"CPU {100 * run_cpu / run_wall:.0f} % of one core; stop() {stop_s:.2f} s")
    return res, s


def reencode(settings: EncodeSettings, width: int, height: int, seconds: float) -> dict[str, Any]:
    """The same synthetic frames, as fast as possible, through LiveEncoder into a counter."""
    source = SyntheticSource(width, height, FPS, realtime=False, duration=seconds)
    sink = CountingSink()
    frames, in_encoder = 0, 0.0
    cpu0, busy0, wall0 = cpu_seconds(), machine_busy(), time.perf_counter()
    encoder = LiveEncoder(sink, source.info, settings)
    source.start()
    while (item := source.read()) is not None:
        t = time.perf_counter()
        if isinstance(item, Frame):
            encoder.video(item, item.pts)
            frames += 1
        else:
            encoder.audio(item, item.pts)
        in_encoder += time.perf_counter() - t
    t = time.perf_counter()
    encoder.close()
    in_encoder += time.perf_counter() - t
    source.close()
    wall, cpu = time.perf_counter() - wall0, cpu_seconds() - cpu0
    others = max(0.0, machine_busy() - busy0 - cpu)
    media = frames / FPS
    return {"frames": frames, "media_s": media, "wall_s": wall, "cpu_s": cpu,
            "encoder_s": in_encoder, "bytes": sink.size, "others_cpu_s": others,
            "factor": media / wall, "encoder_factor": media / in_encoder}


# -- report ------------------------------------------------------------------


def summarize(runs: list[dict[str, Any]], cores: int) -> list[dict[str, Any]]:
    """The table's rows (measure, result, target, ok, note) from the raw runs."""
    rows: list[dict[str, Any]] = []

    def row(measure: str, result: str, target: str = "—", ok: bool | None = None,
            note: str = "") -> None:
        rows.append({"measure": measure, "result": result, "target": target, "ok": ok,
                     "note": note})

    for r in runs:
        lb = r["label"] + "30"
        w, h = r["output"]
        scaled = " (scaled down from %dx%d)" % tuple(r["source"]) if r["downscaled"] else ""
        row(f"{lb}: preset / output chosen by choose_preset", f"{r['preset']} {w}x{h}{scaled}",
            note=f"calibration {r['calibrate_s']:.1f} s")
        row(f"{lb}: achieved fps (frames encoded / media seconds)",
            f"{r['achieved_fps']:.2f} fps",
            note=f"{r['frames']} frames in {r['duration']:.2f} s")
        pct = r["dropped_pct"]
        if r["label"] == "720p":
            target, ok = "0", r["dropped"] == 0
        else:
            target, ok = "< 1 %", pct < 1.0
        row(f"{lb}: dropped frames", f"{r['dropped']} ({pct:.2f} %)", target, ok,
            note=f"of {r['captured']} captured" + (f"; downscaled to {h}p" if r["downscaled"]
                                                   else ""))
        one = 100 * r["run_cpu_s"] / r["run_wall_s"]
        t = r["cpu_threads_s"]
        wall = r["run_wall_s"]
        row(f"{lb}: CPU of the process over the run (getrusage)",
            f"{one:.0f} % of 1 core", note=f"{one / cores:.0f} % of {cores} cores; threads: "
            f"capture {100 * t['capture'] / wall:.0f} %, encode {100 * t['encode'] / wall:.0f} %,"
            f" other (x264, writer) {100 * t['other'] / wall:.0f} %; other processes "
            f"{100 * r['others_cpu_s'] / wall:.0f} % of 1 core")
        cal = r["calibration_fps"] / FPS
        row(f"{lb}: encode headroom, calibration (measured_fps / 30)", f"{cal:.2f}x",
            f"≥ {HEADROOM}x" if r["label"] == "720p" else "—",
            (cal >= HEADROOM) if r["label"] == "720p" else None,
            note=f"{r['calibration_fps']:.1f} fps, 16 frames of noise, {r['preset']}")
        re = r["reencode"]
        row(f"{lb}: encode headroom, non-realtime re-encode (media s / wall s)",
            f"{re['factor']:.2f}x", f"≥ {HEADROOM}x" if r["label"] == "720p" else "—",
            (re["factor"] >= HEADROOM) if r["label"] == "720p" else None,
            note=f"{re['frames']} frames in {re['wall_s']:.1f} s; encoder calls alone "
                 f"{re['encoder_factor']:.2f}x; CPU {100 * re['cpu_s'] / re['wall_s']:.0f} % "
                 f"of 1 core; other processes {100 * re['others_cpu_s'] / re['wall_s']:.0f} %")
        row(f"{lb}: bitrate of the recording (item size / duration)",
            f"{r['bitrate_mbps']:.2f} Mbit/s", note=f"{r['size'] / 1e6:.1f} MB")
    return rows


def main(argv: list[str] | None = None) -> int:
    """Run the measures and print a table (or JSON)."""
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--seconds", type=float, default=60.0,
                   help="length of each recording, in media seconds (default 60)")
    p.add_argument("--only", choices=tuple(SIZES), help="run one size only")
    p.add_argument("--json", action="store_true", help="print JSON instead of a table")
    rig.add_work_options(p)
    args = p.parse_args(argv)
    if args.seconds <= 0:
        p.error("--seconds must be positive")

    info = machine()
    runs = []
    with rig.work_folder(args.dir, "capture", args.keep) as work:
        log(f"work folder {work}")
        for label, (w, h) in SIZES.items():
            if args.only and label != args.only:
                continue
            res, settings = record(work, label, w, h, args.seconds)
            shutil.rmtree(work / f"vault-{label}", ignore_errors=True)
            log(f"{label}: re-encoding {args.seconds:g} s of frames non-realtime")
            res["reencode"] = reencode(settings, w, h, args.seconds)
            log(f"{label}: re-encode {res['reencode']['factor']:.2f}x realtime")
            runs.append(res)
    rows = summarize(runs, rig.cores())
    if args.json:
        print(json.dumps({"machine": info, "parameters": {"seconds": args.seconds, "fps": FPS},
                          "results": rows, "raw": runs}, indent=2, ensure_ascii=False))
    else:
        rig.print_table(rig.headline("Kua recording benchmark", info, f"Python {info['python']}",
                                     f"PyAV {info['pyav']}"), rows, target_width=7)
    return 0


if __name__ == "__main__":
    sys.exit(main())
