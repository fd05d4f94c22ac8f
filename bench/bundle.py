"""Bundle benchmark: export and import of --size-mib MiB of media, against `cp`.

    .venv/bin/python bench/bundle.py                  # full run: 2 GiB in 4 items
    .venv/bin/python bench/bundle.py --size-mib 256   # quick run
    .venv/bin/python bench/bundle.py --json           # machine-readable output
    .venv/bin/python bench/bundle.py --classic        # an X25519 organizer key (default: --pq)

What it measures (medians of --repeat rounds, default 3):

1. export: `app.bundles.export_bundle` of one testimony holding --items items of
   random data (--size-mib MiB in all) from a vault into a new folder, default 2 GiB
   parts; the time includes reading and unsealing the objects, hashing, tar, age
   encryption, writing the parts with fsync and the rename of each. Baseline: `cp`
   of the vault's sealed object files (the same number of bytes) into a new folder,
   then `sync -f` on it (export makes its parts durable, so cp must too).
2. import: `app.bundle_import.import_bundle` of that bundle into a new, empty vault:
   decryption, tar, signature and hash checks, sealing under fresh keys, fsync of
   every object and the catalogue commit. Baseline: `cp` of the bundle's parts into
   a new folder, then `sync -f`.
   Before every timed run (Kua's and cp's alike) the source files are dropped from
   the page cache (fsync, then posix_fadvise DONTNEED), so each reads from the disk.
3. memory: a fresh process (the vault is filled by another one) does one export and
   one import, at one eighth of --size-mib and at the full size. Reported: its RSS
   before, its peak RSS during each (VmHWM, reset before each through
   /proc/self/clear_refs), and `resource.getrusage` ru_maxrss at the end. Flat
   memory means the peaks are about equal whatever the bundle size.

4. header: the one thing a post-quantum key changes. The age header of a bundle for
   the chosen key (its size in bytes) and the time to wrap and to unwrap its file key
   (mean of 200), for both kinds of key, so the difference can be read off.

--pq (the default) encrypts the bundles to a hybrid ML-KEM-768 + X25519 key
(`age1pq1…`), --classic to an X25519 key (`age1…`), as `kua keys organizer-new` makes.

Ratios are Kua's speed over cp's speed in the same round (the median of the
per-round ratios). The work folder is a temporary folder inside bench/ (the same
file system as the repository) or inside --dir; it is deleted unless --keep.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import shutil
import subprocess
import sys
import time
from pathlib import Path

import rig
from app import bundles
from app.bundle_import import import_bundle
from harness.vaults import PASSPHRASE, new_testimony, new_vault, seal_item
from rig import MiB, drop_cache, files_under, log, median
from storage.bundles import age, age_keys
from storage.bundles.age_pq import HybridIdentity
from storage.vault import Vault

TARGETS = {"export_ratio": 0.5, "import_ratio": 0.4}


def make_volunteer(path: Path, size_mib: int, items: int) -> tuple[str, int]:
    """A vault with one public testimony of `items` items of random data; returns its id."""
    block = memoryview(os.urandom(64 * MiB))
    size = size_mib * MiB // items

    def pieces():
        for start in range(0, size, len(block)):
            yield block[:min(len(block), size - start)]

    with new_vault(path) as vault:
        tid = new_testimony(vault, "bench", "public")
        for index in range(items):
            seal_item(vault, tid, "imported", pieces(), original_name=f"part{index}.mp4",
                      media_type="video")
    return tid, size * items


def timed_cp(sources: list[Path], dest: Path) -> float:
    """Seconds to `cp` the files (dropped from the cache first) into `dest`, then `sync -f`."""
    dest.mkdir()
    drop_cache(sources)
    t0 = time.perf_counter()
    subprocess.run(["cp", *map(str, sources), str(dest)], check=True)
    subprocess.run(["sync", "-f", str(dest)], check=True)
    elapsed = time.perf_counter() - t0
    shutil.rmtree(dest)
    return elapsed


def export_once(volunteer: Path, tid: str, out: Path, recipient: str) -> float:
    """Seconds to export the testimony to `recipient` into `out`, the objects read from disk."""
    with Vault.open(volunteer, PASSPHRASE) as vault:
        drop_cache(files_under(vault.objects_dir))
        t0 = time.perf_counter()
        bundles.export_bundle(vault, [tid], out, [recipient])
        return time.perf_counter() - t0


def new_identity(kind: str) -> age_keys.AnyIdentity:
    """An organizer identity of `kind` ("pq" or "classic")."""
    return HybridIdentity.generate() if kind == "pq" else age.Identity.generate()


def header_cost(kind: str, n: int = 200) -> dict:
    """Bytes of the age header for one recipient of `kind`; ms to wrap and to unwrap its key."""
    identity = new_identity(kind)
    recipient, key = identity.recipient, os.urandom(16)
    t0 = time.perf_counter()
    for _ in range(n):
        stanza = recipient.stanza(key)
    wrap = (time.perf_counter() - t0) / n
    t0 = time.perf_counter()
    for _ in range(n):
        assert identity.unwrap(stanza) == key
    unwrap = (time.perf_counter() - t0) / n
    return {"header_bytes": len(age.write_header([stanza], key)), "wrap_ms": wrap * 1e3,
            "unwrap_ms": unwrap * 1e3}


def import_once(bundle: Path, archive: Path, identity: age_keys.AnyIdentity) -> float:
    """Seconds to import the bundle (read from disk) into a new vault at `archive`."""
    with new_vault(archive) as vault:
        drop_cache(files_under(bundle))
        t0 = time.perf_counter()
        import_bundle(vault, bundle, [identity])
        elapsed = time.perf_counter() - t0
    shutil.rmtree(archive)
    return elapsed


def rounds(work: Path, size_mib: int, items: int, repeat: int, kind: str) -> dict:
    """Measures 1 and 2: `repeat` rounds of export and import against cp; speeds, ratios."""
    identity = new_identity(kind)
    recipient = str(identity.recipient)
    volunteer = work / "volunteer"
    log(f"writing {size_mib} MiB of media into a vault ({items} items)")
    tid, total = make_volunteer(volunteer, size_mib, items)
    objects = files_under(volunteer / "objects")
    rows = []
    for r in range(repeat):
        out = work / "bundle"
        t_export = export_once(volunteer, tid, out, recipient)
        t_cp_export = timed_cp(objects, work / "cp-objects")
        parts = sorted(out.glob("*.age"))
        t_import = import_once(out, work / "archive", identity)
        t_cp_import = timed_cp(parts, work / "cp-parts")
        rows.append((t_export, t_cp_export, t_import, t_cp_import))
        log(f"round {r + 1}: export {t_export:.2f} s (cp {t_cp_export:.2f} s), import"
            f" {t_import:.2f} s (cp {t_cp_import:.2f} s)")
        shutil.rmtree(out)
    shutil.rmtree(volunteer)
    mb = total / 1e6
    med = lambda i: median(row[i] for row in rows)  # noqa: E731
    return {
        "bytes": total, "items": items, "rounds": repeat, "key": kind,
        "export_mb_s": mb / med(0), "cp_export_mb_s": mb / med(1),
        "import_mb_s": mb / med(2), "cp_import_mb_s": mb / med(3),
        "export_ratio": median(row[1] / row[0] for row in rows),
        "import_ratio": median(row[3] / row[2] for row in rows),
    }


def memory_phase(work: Path, size_mib: int, items: int, kind: str) -> None:
    """Run in a fresh process: one export and one import; print peak RSS in KiB.

    The vault is filled by yet another process, so that its 64 MiB buffer of random
    data does not count here.
    """
    identity = new_identity(kind)
    made = subprocess.run([sys.executable, __file__, "--make-volunteer", str(work),
                           "--size-mib", str(size_mib), "--items", str(items)],
                          check=True, capture_output=True, text=True)
    tid = made.stdout.strip().splitlines()[-1]
    base = _status("VmRSS")
    _reset_peak()
    export_once(work / "volunteer", tid, work / "bundle", str(identity.recipient))
    export_peak = _status("VmHWM")
    _reset_peak()
    import_once(work / "bundle", work / "archive", identity)
    import_peak = _status("VmHWM")
    print(json.dumps({"before": base, "export": export_peak, "import": import_peak,
                      "ru_maxrss": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss}))


def _status(field: str) -> int:
    """A KiB figure from /proc/self/status (VmRSS: now; VmHWM: peak since the last reset)."""
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith(field + ":"):
            return int(line.split()[1])
    raise KeyError(field)


def _reset_peak() -> None:
    """Start a new peak: Linux resets VmHWM when 5 is written to clear_refs."""
    Path("/proc/self/clear_refs").write_text("5")


def memory(work: Path, size_mib: int, items: int, kind: str) -> dict:
    """Measure 3: peak memory of an export and an import at two sizes, each in a fresh process."""
    out = {}
    for label, size in (("small", max(items, size_mib // 8)), ("full", size_mib)):
        folder = work / f"mem-{label}"
        folder.mkdir()
        log(f"peak memory of export + import at {size} MiB, in a fresh process")
        proc = subprocess.run([sys.executable, __file__, "--memory-phase", str(folder),
                               "--size-mib", str(size), "--items", str(items), f"--{kind}"],
                              check=True, capture_output=True, text=True)
        out[label] = {"size_mib": size, **json.loads(proc.stdout.strip().splitlines()[-1])}
        shutil.rmtree(folder)
    return out


def main() -> None:
    """Run the measures and print them (or JSON)."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--size-mib", type=int, default=2048, help="media in all (default 2048)")
    parser.add_argument("--items", type=int, default=4, help="number of items (default 4)")
    parser.add_argument("--repeat", type=int, default=3, help="timed rounds (default 3)")
    rig.add_work_options(parser)
    parser.add_argument("--json", action="store_true", help="print JSON")
    kinds = parser.add_mutually_exclusive_group()
    kinds.add_argument("--pq", dest="kind", action="store_const", const="pq",
                       help="a post-quantum organizer key, age1pq1… (the default)")
    kinds.add_argument("--classic", dest="kind", action="store_const", const="classic",
                       help="an X25519 organizer key, age1…")
    parser.set_defaults(kind="pq")
    parser.add_argument("--memory-phase", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--make-volunteer", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.make_volunteer:
        print(make_volunteer(args.make_volunteer / "volunteer", args.size_mib, args.items)[0])
        return
    if args.memory_phase:
        memory_phase(args.memory_phase, args.size_mib, args.items, args.kind)
        return
    with rig.work_folder(args.dir, "bundle", args.keep) as work:
        result = {"machine": rig.machine(),
                  **rounds(work, args.size_mib, args.items, args.repeat, args.kind),
                  "peak_rss_kib": memory(work, args.size_mib, args.items, args.kind),
                  "header": {k: header_cost(k) for k in ("pq", "classic")}}
    if args.json:
        print(json.dumps(result, indent=2))
        return
    mem = result["peak_rss_kib"]
    print(f"{result['bytes'] / MiB:.0f} MiB in {result['items']} items, {result['key']} key,"
          f" median of {result['rounds']} rounds")
    print(f"export  {result['export_mb_s']:7.0f} MB/s   cp {result['cp_export_mb_s']:7.0f} MB/s"
          f"   ratio {result['export_ratio']:.2f} (target >= {TARGETS['export_ratio']})")
    print(f"import  {result['import_mb_s']:7.0f} MB/s   cp {result['cp_import_mb_s']:7.0f} MB/s"
          f"   ratio {result['import_ratio']:.2f} (target >= {TARGETS['import_ratio']})")
    for label in ("small", "full"):
        m = mem[label]
        print(f"RSS at {m['size_mib']:5d} MiB: {m['before'] / 1024:.0f} MiB before, peak"
              f" {m['export'] / 1024:.0f} MiB during export, {m['import'] / 1024:.0f} MiB during"
              f" import (ru_maxrss {m['ru_maxrss'] / 1024:.0f} MiB)")
    for kind, h in result["header"].items():
        print(f"header, {kind:7} key: {h['header_bytes']:5d} bytes, wrap {h['wrap_ms']:.3f} ms,"
              f" unwrap {h['unwrap_ms']:.3f} ms")


if __name__ == "__main__":
    main()
