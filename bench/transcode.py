"""Transcoding benchmark: a synthetic 720p30 master through each profile.

    .venv/bin/python bench/transcode.py                 # full run: a 5-minute master
    .venv/bin/python bench/transcode.py --seconds 30    # quick run
    .venv/bin/python bench/transcode.py --json
    .venv/bin/python bench/transcode.py --seconds 30 --masters faces --profiles anonymized

Two masters: `pattern` and `faces` (both by default). The `pattern` master is made as `kua record` makes one (media/synthetic.py's test pattern with
its clock, flashes and a tone; H.264 veryfast CRF 23 + AAC in fragmented MP4), sealed
into a fresh vault in a temporary folder inside bench/ (or --dir), deleted at the end.
The `faces` master is the same but its picture is harness/face_truth.py's
hardest clip (five faces of 60-200 px, tilted up to 30°, up to 40 px/frame, a jump,
a cut every 2 s), looped: what the anonymized profile must cover (scikit-image, a
test dependency, provides the photo). Then each profile runs through the real job service (app/transcode/runner.py): worker
process, sealed reads and writes, faststart, hashing, probing. Timed from the request
to the complete item. Realtime factor = media seconds / wall seconds. Peak memory is
the highest VmHWM (resident high-water mark) of the worker, read while it runs, and
the app process's own peak RSS (ru_maxrss) over the whole run.

Targets (2-core laptop): share >= 2x, proxy >= 5x, audio >= 30x, anonymized >= 0.5x
realtime; peak memory < 1 GiB. On a shared machine the wall time says little, so the
worker's CPU time is measured too (its children's rusage): `idle x` = 2 x media
seconds / CPU seconds, the realtime factor two idle cores would give at best.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import sys
import time
from pathlib import Path

import rig
from app.transcode import runner as transcoding
from app.transcode.service import JobProgress
from harness.face_truth import hardest_clip
from harness.vaults import new_vault
from media.encoder import EncodeSettings, LiveEncoder
from media.sources import Frame
from media.synthetic import SyntheticSource
from media.transcode_profiles import PROFILES, get_profile
from storage.vault import Vault

TARGETS = {"share": 2.0, "proxy": 5.0, "audio": 30.0, "anonymized": 0.5}
MEMORY_TARGET_MIB = 1024


class FaceSource:
    """The synthetic source with the hardest face clip as its picture (looped)."""

    def __init__(self, seconds: float) -> None:
        self._inner = SyntheticSource(1280, 720, 30.0, realtime=False, duration=seconds)
        self.info = self._inner.info
        self._frames = hardest_clip().frames
        self._index = 0

    def read(self):
        """The next frame (the clip's picture) or audio chunk; None at the end."""
        item = self._inner.read()
        if isinstance(item, Frame):
            item = Frame(item.pts, self._frames[self._index % len(self._frames)])
            self._index += 1
        return item


def make_master(vault: Vault, seconds: float, kind: str = "pattern") -> tuple[str, float]:
    """Encode `seconds` of a 720p30 master (`pattern` or `faces`) into the vault;
    (id, seconds taken)."""
    start = time.perf_counter()
    source = (SyntheticSource(1280, 720, 30.0, realtime=False, duration=seconds)
              if kind == "pattern" else FaceSource(seconds))
    with vault.transaction():
        tid = vault.catalogue.create_testimony("bench")
        ref = vault.items.create(tid, "master", media_type="video")
    writer = vault.writer(ref)
    encoder = LiveEncoder(writer, source.info, EncodeSettings(1280, 720, 30.0, "veryfast"))
    while (item := source.read()) is not None:
        if hasattr(item, "image"):
            encoder.video(item, item.pts)
        else:
            encoder.audio(item, item.pts)
    encoder.close()
    writer.close()
    with vault.transaction():
        vault.items.update(ref.item_id, state="complete", size=writer.size, sha256=writer.sha256,
                           duration=seconds, codec="h264", audio_codec="aac", width=1280, height=720)
    return ref.item_id, time.perf_counter() - start


def _worker_hwm_kib() -> int:
    """The largest VmHWM among this process's transcoding workers now (KiB)."""
    best, me = 0, str(os.getpid())
    for entry in os.scandir("/proc"):
        if not entry.name.isdigit():
            continue
        try:
            status = Path(entry.path, "status").read_text()
            if f"PPid:\t{me}\n" not in status:
                continue
            for line in status.splitlines():
                if line.startswith("VmHWM:"):
                    best = max(best, int(line.split()[1]))
        except OSError:
            continue
    return best


def run_profile(vault: Vault, master: str, name: str, seconds: float,
                kind: str = "pattern") -> dict[str, object]:
    """Transcode the master into `name`; realtime factor, output size, worker memory."""
    peak = [0]
    last = [0.0]

    def progress(p: JobProgress) -> None:
        now = time.monotonic()
        if now - last[0] >= 0.5:
            last[0] = now
            peak[0] = max(peak[0], _worker_hwm_kib())

    start = time.perf_counter()
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    item, _ = transcoding.transcode(vault, master, get_profile(name), progress=progress)
    elapsed = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    factor = seconds / elapsed
    return {"profile": name, "master": kind, "seconds": round(elapsed, 2), "realtime": round(factor, 2),
            "target": TARGETS[name], "met": factor >= TARGETS[name],
            "output_mib": round(item.size / 2 ** 20, 2),
            "output_kbps": round(item.size * 8 / 1000 / seconds, 1),
            "size": f"{item.width}x{item.height}" if item.width else None,
            "duration": item.duration, "worker_peak_mib": round(peak[0] / 1024, 1),
            "worker_cpu_s": round(cpu, 1),
            "realtime_2_idle_cores": round(2 * seconds / cpu, 2) if cpu else None}


def main() -> int:
    """Run the benchmark and print a table (or JSON)."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=float, default=300.0, help="master length (default 300)")
    parser.add_argument("--profiles", nargs="+", choices=PROFILES, default=list(PROFILES))
    parser.add_argument("--masters", nargs="+", choices=("pattern", "faces"),
                        default=["pattern", "faces"],
                        help="faces: only share and anonymized run on it")
    rig.add_work_options(parser)
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()
    with rig.work_folder(args.dir, "transcode", args.keep) as work, new_vault(work / "vault") as vault:
        rows, made = [], 0.0
        for kind in args.masters:
            master, took = make_master(vault, args.seconds, kind)
            made += took
            names = [n for n in args.profiles if kind == "pattern" or n in ("share", "anonymized")]
            rows += [run_profile(vault, master, name, args.seconds, kind) for name in names]
    app_peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    info = rig.machine()
    report = {"machine": f"{info['cpu']}, {info['nproc']} cores, load {info['load']}",
              "seconds": args.seconds, "master_made_in": round(made, 1), "profiles": rows,
              "app_peak_mib": round(app_peak, 1),
              "memory_met": all(r["worker_peak_mib"] < MEMORY_TARGET_MIB for r in rows)
              and app_peak < MEMORY_TARGET_MIB}
    if args.json:
        print(json.dumps(report, indent=2))
        return 0
    print(f"masters: {args.seconds:.0f} s of 720p30 each, made in {made:.1f} s; {report['machine']}")
    print(f"{'master':<8}{'profile':<11}{'wall s':>8}{'realtime':>10}{'target':>8}  {'size':<10}"
          f"{'kb/s':>8}{'MiB':>8}{'worker MiB':>12}{'cpu s':>8}{'idle x':>8}")
    for r in rows:
        print(f"{r['master']:<8}{r['profile']:<11}{r['seconds']:>8}{r['realtime']:>9}x{r['target']:>7}x"
              f"{'' if r['met'] else ' MISSED':<2}  {str(r['size']):<10}{r['output_kbps']:>8}"
              f"{r['output_mib']:>8}{r['worker_peak_mib']:>12}{r['worker_cpu_s']:>8}"
              f"{r['realtime_2_idle_cores']:>7}x")
    print(f"app process peak RSS: {app_peak:.0f} MiB; memory target (< {MEMORY_TARGET_MIB} MiB):"
          f" {'met' if report['memory_met'] else 'MISSED'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
