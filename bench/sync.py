"""Sync benchmark: first and later syncs of a vault to a replica, against `cp -r`.

    .venv/bin/python bench/sync.py                          # full run: 200 items, 4 GiB
    .venv/bin/python bench/sync.py --items 20 --size-mib 256  # quick run
    .venv/bin/python bench/sync.py --json                   # machine-readable output

What it measures. A vault of --items items totalling --size-mib MiB of sealed random
data is made through `Vault.writer` (a cheap KDF: unlocking is not measured here).
Then, --repeat rounds, alternating which goes first:

1. first sync: `storage.replica.sync.sync` of the whole vault to a new folder: every object
   read, every segment authenticated, written under a temporary name, fsynced,
   renamed; then the catalogue snapshot, keys and manifest. Timed end to end.
2. `cp -r` of the same vault folder to a new folder on the same disk, timed, then
   `sync` (the kernel's), timed apart: cp does not make its copy durable, Kua's sync
   does (a drive may be pulled as soon as it says "done"), so the fair baseline is
   cp -r followed by sync; both figures are printed.

Before each timed copy the page cache is flushed (`os.sync()`), the vault's files are
dropped from it (posix_fadvise DONTNEED), so both read from the disk, and the bench
waits --settle seconds (default 10): on this virtual machine, whichever copy runs
right after another 4 GiB were written runs up to 2x slower (the host is still
flushing), so without a pause the order decides the ratio. Ratios are the median of
the per-round ratios. Then, on the last replica:

3. a sync with no change (median of 5): what a person waits for when nothing is new;
4. a sync after adding one item of the average size: must copy that item only;
5. `kua sync` from the command line with no change (process start, unlock with the
   cheap KDF, sync), median of 3, for information.

The work folder is a fresh temporary folder inside bench/ (same file system as the
repository), or inside --dir; it is deleted at the end unless --keep is given.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import rig
from harness.kua_command import KUA, kua_env
from harness.vaults import PASSPHRASE, new_testimony, new_vault, seal_item
from rig import MiB, drop_cache, files_under, log, median
from storage.replica.sync import sync
from storage.vault import Vault

DATA_MIB = 64
TARGETS = {"ratio_durable": ("≥ 0.8", lambda v: v >= 0.8),
           "nochange_s": ("< 1 s", lambda v: v < 1.0)}


def add_item(vault: Vault, data: memoryview, size: int, offset: int) -> str:
    """One item of `size` bytes of (cycled) random data, sealed through the writer."""
    def pieces():
        for done in range(0, size, MiB):
            start = (offset + done) % (len(data) - MiB)
            yield data[start:start + min(MiB, size - done)]

    return seal_item(vault, new_testimony(vault, "bench"), "imported", pieces())


def make_vault(path: Path, items: int, size_mib: int) -> Vault:
    """A vault of `items` items of sealed random data, `size_mib` MiB in all (open)."""
    log(f"making a vault of {items} items, {size_mib} MiB")
    data = memoryview(os.urandom(DATA_MIB * MiB))
    vault = new_vault(path)
    each = size_mib * MiB // items
    t0 = time.perf_counter()
    for i in range(items):
        add_item(vault, data, each, i * 7919)
    log(f"sealed in {time.perf_counter() - t0:.1f} s")
    return vault


def evict(folder: Path) -> None:
    """Flush, then drop a folder's files from the page cache."""
    os.sync()
    drop_cache(files_under(folder))


def timed_cp(src: Path, dst: Path) -> tuple[float, float]:
    """`cp -r src dst`, then `sync`: both times in seconds."""
    t0 = time.perf_counter()
    subprocess.run(["cp", "-r", str(src), str(dst)], check=True)
    t1 = time.perf_counter()
    subprocess.run(["sync"], check=True)
    return t1 - t0, time.perf_counter() - t1


def timed_sync(vault: Vault, dst: Path) -> tuple[float, Any]:
    """(seconds, report) of one sync of the vault to `dst`."""
    t0 = time.perf_counter()
    report = sync(vault, dst)
    return time.perf_counter() - t0, report


def cli_nochange(vault_dir: Path, replica: Path) -> float:
    """Median seconds of 3 `kua sync --to replica` with nothing new (the whole process)."""
    times = []
    for _ in range(3):
        t0 = time.perf_counter()
        subprocess.run(KUA + ["sync", "--to", str(replica)], env=kua_env(vault_dir), check=True,
                       capture_output=True)
        times.append(time.perf_counter() - t0)
    return median(times)


def run(work: Path, items: int, size_mib: int, repeat: int, settle: float) -> dict[str, Any]:
    """Every measure; the raw figures."""
    vault_dir = work / "vault"
    vault = make_vault(vault_dir, items, size_mib)
    try:
        vault.close()  # cp -r copies a closed vault; the sync reopens it
        vault = Vault.open(vault_dir, PASSPHRASE)
        objects = sum(p.stat().st_size for p in files_under(vault_dir / "objects"))
        rounds = []
        replica = None
        for r in range(repeat):
            for leftover in work.glob("copy-*"):
                shutil.rmtree(leftover)
            if replica is not None:
                shutil.rmtree(replica)
            replica, copy = work / f"replica-{r}", work / f"copy-{r}"
            got: dict[str, float] = {}
            for what in (("kua", "cp") if r % 2 == 0 else ("cp", "kua")):
                evict(vault_dir)
                time.sleep(settle)
                if what == "kua":
                    got["kua_s"], report = timed_sync(vault, replica)
                    assert report.copied_bytes == objects, (report.copied_bytes, objects)
                else:
                    got["cp_s"], got["cp_sync_s"] = timed_cp(vault_dir, copy)
            rounds.append(got)
            log(f"round {r + 1}/{repeat}: kua sync {objects / got['kua_s'] / 1e6:.0f} MB/s,"
                f" cp -r {objects / got['cp_s'] / 1e6:.0f} MB/s,"
                f" cp -r + sync {objects / (got['cp_s'] + got['cp_sync_s']) / 1e6:.0f} MB/s")
        for leftover in work.glob("copy-*"):
            shutil.rmtree(leftover)
        nochange = []
        for _ in range(5):
            t, report = timed_sync(vault, replica)
            assert report.copied_bytes == 0
            nochange.append(t)
        data = memoryview(os.urandom(DATA_MIB * MiB))
        new_id = add_item(vault, data, size_mib * MiB // items, 12345)
        t_one, report = timed_sync(vault, replica)
        assert report.copied_items == 1, report
        one_bytes = report.copied_bytes
        log(f"no-change sync {median(nochange) * 1000:.0f} ms;"
            f" one new item ({new_id}) {one_bytes / MiB:.1f} MiB in {t_one:.2f} s")
    finally:
        vault.close()
    cli = cli_nochange(vault_dir, replica)
    return {"items": items, "object_bytes": objects, "rounds": rounds,
            "nochange_s": median(nochange), "one_item_s": t_one,
            "one_item_bytes": one_bytes, "cli_nochange_s": cli}


def summarize(res: dict[str, Any]) -> dict[str, float]:
    """The figures printed, from the raw ones."""
    n = res["object_bytes"]
    rs = res["rounds"]
    med = median
    return {
        "kua_mbps": med(n / r["kua_s"] / 1e6 for r in rs),
        "cp_mbps": med(n / r["cp_s"] / 1e6 for r in rs),
        "cp_sync_mbps": med(n / (r["cp_s"] + r["cp_sync_s"]) / 1e6 for r in rs),
        "ratio_durable": med((r["cp_s"] + r["cp_sync_s"]) / r["kua_s"] for r in rs),
        "ratio_cp_only": med(r["cp_s"] / r["kua_s"] for r in rs),
        "nochange_s": res["nochange_s"],
        "one_item_s": res["one_item_s"],
        "one_item_mib": res["one_item_bytes"] / MiB,
        "cli_nochange_s": res["cli_nochange_s"],
    }


def main() -> int:
    """Run the measures and print them (or JSON)."""
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--items", type=int, default=200)
    ap.add_argument("--size-mib", type=int, default=4096)
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--settle", type=float, default=10.0,
                    help="seconds to wait before each timed copy (default 10)")
    rig.add_work_options(ap)
    ap.add_argument("--json", action="store_true")
    args = ap.parse_args()
    with rig.work_folder(args.dir, "sync", args.keep) as work:
        res = run(work, args.items, args.size_mib, args.repeat, args.settle)
    s = summarize(res)
    if args.json:
        print(json.dumps({"raw": res, "summary": s}, indent=2))
        return 0
    print(f"{args.items} items, {res['object_bytes'] / MiB:.0f} MiB of objects,"
          f" median of {args.repeat} rounds")
    print(f"first sync (kua)          {s['kua_mbps']:8.0f} MB/s")
    print(f"cp -r                     {s['cp_mbps']:8.0f} MB/s")
    print(f"cp -r, then sync          {s['cp_sync_mbps']:8.0f} MB/s")
    for key, label, value in (
            ("ratio_durable", "kua / (cp -r + sync)", f"{s['ratio_durable']:.2f}"),
            ("nochange_s", "no-change sync", f"{s['nochange_s'] * 1000:.0f} ms")):
        target, ok = TARGETS[key]
        print(f"{label:<26}{value:>9}   target {target}: {'met' if ok(s[key]) else 'NOT MET'}")
    print(f"kua / cp -r (not durable) {s['ratio_cp_only']:9.2f}")
    print(f"one item added            {s['one_item_s'] * 1000:8.0f} ms,"
          f" {s['one_item_mib']:.1f} MiB copied")
    print(f"`kua sync`, no change     {s['cli_nochange_s'] * 1000:8.0f} ms"
          " (process, cheap unlock, sync)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
