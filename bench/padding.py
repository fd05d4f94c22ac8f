"""Padding benchmark: what Padmé size buckets cost on real recordings and their bundles.

    .venv/bin/python bench/padding.py                    # 10 s, 30 s, 60 s and 300 s at 720p
    .venv/bin/python bench/padding.py --seconds 5 20     # quick run
    .venv/bin/python bench/padding.py --json             # machine-readable output

For each length it records a testimony with `kua record --source synthetic --seconds N`
(the real pipeline: test pattern, libx264 + AAC, fragmented MP4 into the sealing
writer, in real time) into a fresh vault, then reports:

1. the item's plaintext size (`kua list --json`), the size its object would have on
   disk unpadded (AES-GCM tags only: `storage.sealed.part_sizes(..., padded=False)`),
   and the real size of its object files: the overhead of padding is real / unpadded;
2. a bundle of that testimony alone (`app.bundles.export_bundle`), written twice: as
   Kua writes it, and with the tar's end padding cut back to a whole tar record (what
   Kua wrote before padding); the overhead is the ratio of the two parts' sizes.

The synthetic picture compresses far better than a camera's, so its files are small;
Padmé's overhead depends only on the size (at most 12 %, less for larger files).
The work folder is a temporary folder inside bench/ (or --dir), deleted unless --keep.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
from pathlib import Path
from unittest import mock

import rig
from app import bundles
from harness.kua_command import kua_argv, kua_env
from harness.vaults import PASSPHRASE
from rig import log
from storage.bundles import age, tarstream
from storage.sealed import existing_parts, part_sizes
from storage.vault import Vault


def kua(vault: Path, *args: str) -> str:
    """The output of `kua ARGS` on `vault` (`init` with the tiny Argon2 cost)."""
    return subprocess.run(kua_argv(*args), env=kua_env(vault), check=True, capture_output=True,
                          text=True, stdin=subprocess.DEVNULL).stdout


def _stick(folder: Path) -> int:
    return sum(p.stat().st_size for p in folder.glob("bundle-*.age"))


def measure(work: Path, seconds: int, resolution: str) -> dict:
    """Record `seconds`, then the sizes of its object and of its bundle, padded and not."""
    vault = work / f"vault-{seconds}"
    kua(vault, "init")
    log(f"recording {seconds} s at {resolution}")
    kua(vault, "record", "--source", "synthetic", "--seconds", str(seconds),
        "--resolution", resolution, "--title", "bench", "--consent", "public")
    [testimony] = json.loads(kua(vault, "list", "--json"))
    item = testimony["items"][0]
    recipient = str(age.Identity.generate().recipient)
    with Vault.open(vault, PASSPHRASE) as v:
        ref = v.items.object_ref(item["id"])
        on_disk = sum(p.stat().st_size for p in existing_parts(v.objects_dir, ref.object_name))
        unpadded = sum(part_sizes(ref.size, ref.layout, padded=False))
        bundles.export_bundle(v, [testimony["id"]], work / f"stick-{seconds}", [recipient])
        with mock.patch.object(tarstream, "padded_stream_length",
                               lambda n, block: -(-n // block) * block):
            bundles.export_bundle(v, [testimony["id"]], work / f"plain-{seconds}", [recipient])
    padded_bundle, plain_bundle = _stick(work / f"stick-{seconds}"), _stick(work / f"plain-{seconds}")
    return {"seconds": seconds, "resolution": resolution, "plaintext": item["size"],
            "object_unpadded": unpadded, "object_padded": on_disk,
            "object_overhead_pct": round(100 * (on_disk / unpadded - 1), 2),
            "bundle_unpadded": plain_bundle, "bundle_padded": padded_bundle,
            "bundle_overhead_pct": round(100 * (padded_bundle / plain_bundle - 1), 2)}


def main() -> int:
    """Run the measures and print a table (or JSON)."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=int, nargs="+", default=[10, 30, 60, 300])
    parser.add_argument("--resolution", default="720p", choices=("480p", "720p", "1080p"))
    rig.add_work_options(parser)
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()
    with rig.work_folder(args.dir, "padding", args.keep) as work:
        rows = [measure(work, s, args.resolution) for s in args.seconds]
    if args.json:
        print(json.dumps(rows, indent=1))
        return 0
    print(f"{'length':>7} {'plaintext':>12} {'object':>12} {'padded':>12} {'+%':>6}"
          f" {'bundle':>12} {'padded':>12} {'+%':>6}")
    for r in rows:
        print(f"{r['seconds']:>6}s {r['plaintext']:>12,} {r['object_unpadded']:>12,}"
              f" {r['object_padded']:>12,} {r['object_overhead_pct']:>6.2f}"
              f" {r['bundle_unpadded']:>12,} {r['bundle_padded']:>12,}"
              f" {r['bundle_overhead_pct']:>6.2f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
