"""Desktop app benchmark: launch, unlock with 10,000 testimonies, search, GUI stalls.

    .venv/bin/python bench/gui.py                 # full run (10,000 testimonies, 60 s recording)
    .venv/bin/python bench/gui.py --testimonies 2000 --record-seconds 15   # quick run

What it measures (offscreen Qt, the real Argon2id cost for unlocking):

1. launch → unlock screen: wall time from starting a new Python process to the
   unlock screen being shown and its first paint processed (`python -c` that builds
   the window and exits right after), median of 5. Includes interpreter start and
   importing Qt, PyAV and the vault code, as a user's double-click does.
2. unlock → library: from pressing Return in the passphrase field (Argon2id, SQLCipher
   open, crash recovery) to the library holding the first page of 10,000 testimonies
   with its rows painted. Median of 3 lock/unlock rounds. The Argon2id time alone is
   measured too, so the part Kua adds on top shows.
3. search keystroke → list: from one key typed in the search field to the list showing
   the hits (includes the 150 ms typing pause the search waits for), median over the
   queries of bench/vault.py.
4. GUI stalls: a 5 ms timer on the GUI thread records every gap between its ticks while
   the recorder screen records the synthetic source (720p30, live preview) for
   --record-seconds and transcode jobs of a 60 s master (anonymized, share, proxy) run
   meanwhile (the table says for what share of the recording a job ran). The longest
   gap is the longest time the window could not respond (target < 50 ms); p99 and the
   count of gaps over 50 ms are given too.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import rig  # noqa: E402 - after the Qt platform is chosen
from harness.ui_flow import type_keys, wait_for  # noqa: E402 - the clicks and waits the tests use
from rig import REPO, log, median, percentile  # noqa: E402
from testimonies import build_catalogue  # noqa: E402

PASSPHRASE = "benchmark passphrase for the gui"
SEARCHES = ["Bayzhanov", "Байжанов", "王伟", "Kasymov", "camp"]

LAUNCH_SNIPPET = """
import os, sys, time
from pathlib import Path
from PySide6.QtCore import QTimer
from ui.main import make_application
from ui.runtime.context import AppContext
from ui.main_window import MainWindow
app = make_application()
ctx = AppContext(Path(sys.argv[1]), prefs_path=Path(sys.argv[2]))
window = MainWindow(ctx)
window.resize(1366, 768)
window.show()
def shown():
    on_unlock = window.root.currentWidget() is window.unlock_screen
    print(time.time() if on_unlock else "not-the-unlock-screen", flush=True)
    ctx.executor.shutdown()
    app.quit()
QTimer.singleShot(0, shown)
app.exec()
"""


def bench_launch(work: Path, vault: Path, repeat: int = 5) -> list[float]:
    """Seconds from process start to the unlock screen of `vault`, `repeat` times."""
    env = dict(os.environ, XDG_CONFIG_HOME=str(work / "config"))
    times = []
    for _ in range(repeat):
        start = time.time()
        out = subprocess.run([sys.executable, "-c", LAUNCH_SNIPPET, str(vault),
                              str(work / "launch-settings.json")], cwd=REPO, env=env,
                             capture_output=True, text=True, check=True, timeout=120)
        times.append(float(out.stdout.strip().splitlines()[-1]) - start)
    return times


def make_vault(work: Path, n: int) -> Path:
    """A vault with the real Argon2id cost and `n` testimonies."""
    from storage.vault import Vault
    path = work / "vault"
    vault, _ = Vault.create(path, PASSPHRASE)
    try:
        build_catalogue(vault, n)
    finally:
        vault.close()
    return path


def bench_argon2(path: Path, repeat: int = 3) -> list[float]:
    """Seconds to open and close the vault outside the GUI (the key derivation's share)."""
    from storage.vault import Vault
    times = []
    for _ in range(repeat):
        t0 = time.perf_counter()
        Vault.open(path, PASSPHRASE).close()
        times.append(time.perf_counter() - t0)
    return times


def unlock_once(app, window) -> float:
    """Seconds from Return in the passphrase field to a painted first page of the library."""
    from PySide6.QtCore import Qt
    from PySide6.QtTest import QTest
    field = window.unlock_screen.passphrase
    field.setText(PASSPHRASE)
    t0 = time.perf_counter()
    QTest.keyClick(field, Qt.Key.Key_Return)
    library = window.library
    wait_for(app, lambda: library.is_loaded and library.model.rowCount() > 0, 120)
    library.repaint()
    return time.perf_counter() - t0


def bench_unlock(app, window, repeat: int = 3) -> list[float]:
    """Unlock → library, `repeat` rounds with a lock in between."""
    times = []
    for _ in range(repeat):
        times.append(unlock_once(app, window))
        window.lock_now()
        assert window.ctx.executor.wait_idle(30)
    return times


def bench_search(app, window) -> dict[str, float]:
    """Seconds from the last key of each query to the list showing its hits."""
    library = window.library
    found = {}
    for query in SEARCHES:
        library.search.setText(query[:-1])
        wait_for(app, lambda: library.query == query[:-1].strip(), 60)
        t0 = time.perf_counter()
        type_keys(library.search, query[-1])
        wait_for(app, lambda: library.query == query, 60)
        library.repaint()
        found[query] = time.perf_counter() - t0
    library.search.clear()
    return found


def stall_rows(app, window, seconds: float) -> list[tuple[str, str]]:
    """Part 4 (bench/gui_stalls.py) as table rows."""
    from gui_stalls import bench_stalls  # noqa: PLC0415 (bench/gui_stalls.py)
    log(f"GUI stalls during a {seconds:.0f} s recording with a transcode job")
    stalls = bench_stalls(app, window, seconds)
    gaps = stalls["gaps"]
    return [("longest GUI stall while recording + transcoding", f"{max(gaps) * 1e3:.0f} ms"),
            ("  p99 timer gap / gaps over 50 ms",
             f"{percentile(gaps, 99) * 1e3:.0f} ms / {sum(g > 0.05 for g in gaps)}"),
            ("  share of the recording with a job running", f"{stalls['job_share']:.0f} %"),
            ("  frames dropped by the recorder", str(stalls["dropped"]))]


def main(argv: list[str] | None = None) -> int:
    """Run the measures and print a table."""
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--testimonies", type=int, default=10000)
    p.add_argument("--record-seconds", type=float, default=60.0)
    p.add_argument("--no-stalls", action="store_true", help="skip the recording + transcode part")
    rig.add_work_options(p)
    args = p.parse_args(argv)
    rows: list[tuple[str, str]] = []
    with rig.work_folder(args.dir, "gui", args.keep) as work:
        os.environ["XDG_CONFIG_HOME"] = str(work / "config")
        log(f"building a vault with {args.testimonies} testimonies")
        path = make_vault(work, args.testimonies)
        log("launch → unlock screen")
        launch = bench_launch(work, path)
        rows.append(("launch → unlock screen (median of 5)",
                     f"{median(launch) * 1e3:.0f} ms"))
        argon = bench_argon2(path)
        from ui.runtime.context import AppContext
        from ui.main import make_application
        from ui.main_window import MainWindow
        app = make_application()
        ctx = AppContext(path, prefs_path=work / "settings.json")
        window = MainWindow(ctx)
        window.resize(1366, 768)
        window.show()
        log("unlock → library")
        unlock = bench_unlock(app, window)
        rows.append((f"unlock → library of {args.testimonies} (median of 3)",
                     f"{median(unlock) * 1e3:.0f} ms"))
        rows.append(("  of which Vault.open + close (Argon2id 256 MiB)",
                     f"{median(argon) * 1e3:.0f} ms"))
        unlock_once(app, window)
        log("search keystroke → list")
        search = bench_search(app, window)
        for query, seconds in search.items():
            rows.append((f'search keystroke → list "{query}"', f"{seconds * 1e3:.0f} ms"))
        if not args.no_stalls:
            rows += stall_rows(app, window, args.record_seconds)
        window.lock_now()
        ctx.executor.shutdown()
    info = rig.machine()
    print(rig.headline("Kua GUI benchmark", info, f"Python {info['python']}",
                       f"QT_QPA_PLATFORM={os.environ['QT_QPA_PLATFORM']}"))
    width = max(len(r[0]) for r in rows)
    for measure, result in rows:
        print(f"{measure:<{width}}  {result:>12}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
