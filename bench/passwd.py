"""Passphrase-change benchmark: `Vault.change_passphrase` on a vault of 10,000 testimonies.

    .venv/bin/python bench/passwd.py                    # full run (10,000 testimonies)
    .venv/bin/python bench/passwd.py --testimonies 500  # quick run
    .venv/bin/python bench/passwd.py --json

What it measures. A vault is filled like bench/vault.py's catalogue benchmark (each
testimony with a speaker, a detained person with names in two scripts, tags and one
item row), closed, then opened and given a new passphrase --repeat times (default 3,
the passphrase going back and forth), timing `change_passphrase` alone (the unlock is
not counted): a new vault key, the new keys file written beside the old one, SQLCipher's
`PRAGMA rekey` of the whole catalogue, the WAL folded in, the switch and the commit,
each fsynced. Two costs for the new passphrase slot: the default Argon2id (what `kua
passwd` does) and a cheap one (8 MiB, 1 pass), which leaves the re-key and the writes.
The phases are timed through storage.rekey.step_done. With --new-recovery-key, each
change also makes a new recovery key (one more cheap Argon2 for its slot).

The work folder is a fresh temporary folder inside bench/ (or --dir), deleted at the
end unless --keep is given.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

import rig
from harness.vaults import FAST_KDF, PASSPHRASE, new_vault
from rig import log, median
from storage import keyslots, rekey
from storage.vault import Vault
from testimonies import build_catalogue

PASSPHRASES = (PASSPHRASE, "another long passphrase here")


def one_change(path: Path, secret: str, new: str, kdf: keyslots.KdfParams,
               new_recovery: bool) -> dict[str, float]:
    """Open, change the passphrase (timed, with its phases), close."""
    marks: list[tuple[str, float]] = []
    rekey.step_done = lambda step: marks.append((step, time.perf_counter()))
    try:
        with Vault.open(path, secret) as vault:
            start = time.perf_counter()
            vault.change_passphrase(new, kdf, new_recovery_key=new_recovery)
            total = time.perf_counter() - start
    finally:
        rekey.step_done = lambda step: None
    times = dict(marks)
    return {"total": total,
            "keys_made": times["recorded"] - start,  # Argon2 of the new slot(s), the record
            "rekey": times["rekeyed"] - times["written"],
            "rest": total - (times["rekeyed"] - times["written"]) - (times["recorded"] - start)}


def bench(work: Path, n: int, repeat: int, new_recovery: bool) -> dict[str, object]:
    """A vault of `n` testimonies, then `repeat` passphrase changes at each cost."""
    path = work / "vault"
    vault = new_vault(path, PASSPHRASES[0])
    log(f"building a catalogue of {n} testimonies")
    build_catalogue(vault, n)
    vault.close()
    size = (path / "vault.db").stat().st_size
    out: dict[str, object] = {"testimonies": n, "catalogue_bytes": size}
    current = 0
    for name, kdf in (("default_kdf", keyslots.DEFAULT_PASSPHRASE_KDF), ("cheap_kdf", FAST_KDF)):
        rounds = []
        for r in range(repeat):
            log(f"{name}: round {r + 1}/{repeat}")
            new = 1 - current
            rounds.append(one_change(path, PASSPHRASES[current], PASSPHRASES[new], kdf,
                                     new_recovery))
            current = new
        out[name] = {key: median(r[key] for r in rounds) for key in rounds[0]}
        out[name + "_rounds"] = rounds
    with Vault.open(path, PASSPHRASES[current]) as vault:  # the change kept everything
        count = vault.conn.execute("SELECT count(*) FROM testimonies").fetchone()[0]
    assert count == n, (count, n)
    return out


def main(argv: list[str] | None = None) -> int:
    """Run the measures and print them (or JSON)."""
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    rig.add_work_options(p)
    p.add_argument("--testimonies", type=int, default=10000)
    p.add_argument("--repeat", type=int, default=3)
    p.add_argument("--new-recovery-key", action="store_true")
    p.add_argument("--json", action="store_true")
    args = p.parse_args(argv)
    with rig.work_folder(args.dir, "passwd", args.keep) as work:
        result = bench(work, args.testimonies, args.repeat, args.new_recovery_key)
    if args.json:
        print(json.dumps({"machine": rig.machine(), "result": result}, indent=2))
        return 0
    print(f"passwd on {result['testimonies']} testimonies, catalogue "
          f"{result['catalogue_bytes'] / 2**20:.1f} MiB, medians of {args.repeat}:")
    for name in ("default_kdf", "cheap_kdf"):
        r = result[name]
        print(f"  {name:12} total {r['total'] * 1000:7.0f} ms   new keys {r['keys_made'] * 1000:6.0f}"
              f" ms   rekey + checkpoint {r['rekey'] * 1000:6.0f} ms   other writes"
              f" {r['rest'] * 1000:5.0f} ms")
    return 0


if __name__ == "__main__":
    sys.exit(main())
