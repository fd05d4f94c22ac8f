"""What every benchmark shares: its work folder, timing and statistics, the `[bench]`
progress lines on stderr, the machine's description, dropping files from the page cache
and the table of results.

A benchmark runs as `.venv/bin/python bench/NAME.py`: Python puts bench/ first on
sys.path, so `import rig` works from there and, first of all, puts the repository on
sys.path too (Kua's packages and harness/, which the benchmarks share with the tests;
the editable install lists only Kua's own packages).
"""

from __future__ import annotations

import argparse
import datetime as _dt
import math
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from contextlib import contextmanager
from pathlib import Path
from typing import Any, Callable, Iterable, Iterator

REPO = Path(__file__).resolve().parent.parent
if str(REPO) not in sys.path:
    sys.path.insert(0, str(REPO))

MiB = 1024 * 1024


# -- progress and work folder --------------------------------------------------


def log(msg: str) -> None:
    """One progress line on stderr, `[bench] msg` (the results go to stdout)."""
    print(f"[bench] {msg}", file=sys.stderr, flush=True)


def add_work_options(parser: argparse.ArgumentParser) -> None:
    """The options of the work folder: --dir DIR (where it is made) and --keep."""
    parser.add_argument("--dir", type=Path, default=REPO / "bench",
                        help="make the temporary work folder inside DIR (default: bench/, i.e. "
                             "the repository's disk)")
    parser.add_argument("--keep", action="store_true", help="keep the work folder")


@contextmanager
def work_folder(parent: Path, name: str, keep: bool = False) -> Iterator[Path]:
    """A new folder `.work-NAME-*` inside `parent` for the block; removed afterwards
    unless `keep`."""
    parent.mkdir(parents=True, exist_ok=True)
    work = Path(tempfile.mkdtemp(prefix=f".work-{name}-", dir=parent))
    try:
        yield work
    finally:
        if keep:
            log(f"kept {work}")
        else:
            shutil.rmtree(work, ignore_errors=True)


# -- timing and statistics -------------------------------------------------------


def timed(fn: Callable[[], Any]) -> tuple[float, Any]:
    """(seconds `fn()` took, its result)."""
    t0 = time.perf_counter()
    result = fn()
    return time.perf_counter() - t0, result


def median(xs: Iterable[float]) -> float:
    """The median."""
    return statistics.median(xs)


def percentile(xs: list[float], p: float) -> float:
    """Nearest-rank percentile (p in 0..100)."""
    s = sorted(xs)
    k = max(0, min(len(s) - 1, math.ceil(p / 100 * len(s)) - 1))
    return s[k]


# -- the machine -------------------------------------------------------------------


def cores() -> int:
    """The CPU cores this process may run on."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:
        return os.cpu_count() or 1


def machine() -> dict[str, str]:
    """This machine: cores, CPU model, Python, date, platform and load average."""
    cpu = "unknown"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    return {"nproc": str(cores()), "cpu": cpu, "python": platform.python_version(),
            "date": _dt.date.today().isoformat(), "platform": platform.platform(),
            "load": f"{os.getloadavg()[0]:.2f}"}


def headline(title: str, info: dict[str, str], *details: str) -> str:
    """The first line of a result: `title — date, cores × CPU, details...`."""
    return ", ".join((f"{title} — {info['date']}", f"{info['nproc']} × {info['cpu']}", *details))


def filesystem(path: Path) -> str:
    """`df -T` of path: device and file system type."""
    try:
        out = subprocess.run(["df", "-T", str(path)], capture_output=True, text=True,
                             check=True).stdout.splitlines()[-1].split()
        return f"{out[1]} on {out[0]}"
    except (OSError, subprocess.CalledProcessError, IndexError):
        return "unknown"


# -- files -----------------------------------------------------------------------


def files_under(folder: Path) -> list[Path]:
    """Every regular file below `folder`, sorted."""
    return sorted(p for p in folder.rglob("*") if p.is_file())


def drop_cache(paths: Iterable[Path]) -> None:
    """fsync, then drop files from the page cache, so the next read comes from the disk."""
    for path in paths:
        fd = os.open(path, os.O_RDONLY)
        try:
            os.fsync(fd)
            os.posix_fadvise(fd, 0, 0, os.POSIX_FADV_DONTNEED)
        finally:
            os.close(fd)


# -- the table of results ----------------------------------------------------------


def print_table(title: str, rows: list[dict[str, Any]], result_width: int | None = None,
                target_width: int = 9) -> None:
    """Print rows of measure, result, target, ok and note under `title`; the result
    column is `result_width` wide (None: as wide as the widest result)."""
    print(title)
    w = max(len(r["measure"]) for r in rows)
    v = result_width if result_width is not None else max(len(r["result"]) for r in rows)
    print(f"{'measure':<{w}}  {'result':>{v}}  {'target':<{target_width}} ok")
    print("-" * (w + v + target_width + 9))
    for r in rows:
        ok = "" if r["ok"] is None else ("yes" if r["ok"] else "MISSED")
        print(f"{r['measure']:<{w}}  {r['result']:>{v}}  {r['target']:<{target_width}} {ok}"
              + (f"  ({r['note']})" if r["note"] else ""))
