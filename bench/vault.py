"""Vault benchmark: sealing, unsealing, random reads, unlock, list and search.

    .venv/bin/python bench/vault.py                      # full run (1 GiB, 10,000 testimonies)
    .venv/bin/python bench/vault.py --size-mib 64 --testimonies 500   # quick run
    .venv/bin/python bench/vault.py --json               # machine-readable output

What it measures. Throughput figures are the median of --repeat rounds (default 5),
list and search the median of 5 calls, unlock the median of 3. This is meant for
noisy 2-core laptops, so the encrypted figures are also given as a ratio to a
plain-file baseline measured in the same run, on the same disk, with the plain and
sealed runs interleaved (alternating which goes first):

1. seal: `Vault.writer(ref)` fed --size-mib MiB in 1 MiB chunks of pre-generated
   random data, timed from opening the writer to `close()` (which fsyncs), against
   a plain file written with the same chunks (os.open, os.write, fsync, close; the
   folder is fsynced after creating and after closing, as the writer does). The page
   cache is flushed (`os.sync()`) before every timed write.
2. unseal: `vault.reader(item_id).read(1 MiB)` to the end, against
   `open(plain, "rb", buffering=0).read(1 MiB)`, twice over. From the disk: both
   files are dropped from the page cache (posix_fadvise DONTNEED, after fsync)
   before every timed read; this is the ratio held to the target, since it compares
   reading the same bytes from the same disk. From a warm cache: both files cached;
   that ratio only shows AES-GCM's speed against memcpy (one core decrypts at about
   2.5 GB/s, a cached read runs at 10 GB/s) and is reported for information.
3. random reads: 500 reads of 64 KiB at random offsets from an open sealed reader
   (median and p95 of the individual reads; the plain file's pread for reference).
4. unlock: `Vault.open()` + `close()` of a small vault made with the default
   Argon2id cost (storage.keyslots.DEFAULT_PASSPHRASE_KDF), 3 times.
5. catalogue: a vault with --testimonies testimonies (title, notes, place, a speaker,
   a detained person with two names in two scripts out of Kazakh Cyrillic, Latin,
   Uyghur Arabic and Chinese, tags, one complete item row without an object), built
   in one transaction through the Catalogue/Items API, then closed and reopened
   (as `kua list` would find it). Timed: `app.library.list_summaries` (what `kua list`
   and the GUI's library show: held to the target), `app.library.list_testimonies`
   (every field, people and items: what `kua list --json` prints), the `--json`
   rendering of that list, and `app.library.search_summaries` for a few queries,
   each 5 times.

For reading the seal/unseal figures, it also times in memory (no disk) the parts
the writer and reader are made of: SHA-256, AES-256-GCM over 1 MiB segments, a copy.
`--profile` prints cProfile tables of list, its JSON rendering and search.

The work folder is a fresh temporary folder inside bench/ (same file system as the
repository), or inside --dir; it is deleted at the end unless --keep is given.
"""

from __future__ import annotations

import argparse
import cProfile
import datetime as _dt
import json
import math
import os
import platform
import pstats
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any, Callable

REPO = Path(__file__).resolve().parent.parent
if str(REPO) not in sys.path:
    sys.path.insert(0, str(REPO))

from app import library
from app.cli import output
from storage import keyslots  # noqa: E402
from storage.fsio import fsync_dir, write_all  # noqa: E402
from storage.keyslots import KdfParams  # noqa: E402
from storage.vault import Vault  # noqa: E402

MiB = 1024 * 1024
CHUNK = MiB
DATA_MIB = 64  # size of the random buffer that the writes cycle through
PASSPHRASE = "correct horse battery staple"
CHEAP_KDF = KdfParams(8 * 1024, 1, 1)
RANDOM_READS = 500
RANDOM_READ_SIZE = 64 * 1024
CATALOGUE_REPEAT = 5
UNLOCK_REPEAT = 3

TARGETS = {
    "seal_ratio": ("≥ 0.6", lambda v: v >= 0.6),
    "unseal_ratio": ("≥ 0.6", lambda v: v >= 0.6),
    "random_read_median_ms": ("< 5 ms", lambda v: v < 5),
    "unlock_s": ("0.5–1 s", lambda v: 0.5 <= v <= 1.0),
    "list_ms": ("< 200 ms", lambda v: v < 200),
    "search_ms": ("< 200 ms", lambda v: v < 200),
}


# -- helpers -----------------------------------------------------------------


def log(msg: str) -> None:
    print(f"[bench] {msg}", file=sys.stderr, flush=True)


def median(xs: list[float]) -> float:
    return statistics.median(xs)


def percentile(xs: list[float], p: float) -> float:
    """Nearest-rank percentile (p in 0..100)."""
    s = sorted(xs)
    k = max(0, min(len(s) - 1, math.ceil(p / 100 * len(s)) - 1))
    return s[k]


def timed(fn: Callable[[], Any]) -> tuple[float, Any]:
    t0 = time.perf_counter()
    result = fn()
    return time.perf_counter() - t0, result


def machine() -> dict[str, str]:
    cpu = "unknown"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    try:
        ncpu = len(os.sched_getaffinity(0))
    except AttributeError:
        ncpu = os.cpu_count() or 0
    return {"nproc": str(ncpu), "cpu": cpu, "python": platform.python_version(),
            "date": _dt.date.today().isoformat()}


def filesystem(path: Path) -> str:
    """`df -T` of path: device and file system type."""
    try:
        out = subprocess.run(["df", "-T", str(path)], capture_output=True, text=True,
                             check=True).stdout.splitlines()[-1].split()
        return f"{out[1]} on {out[0]}"
    except (OSError, subprocess.CalledProcessError, IndexError):
        return "unknown"


def chunks(data: memoryview, total_mib: int):
    n = len(data) // CHUNK
    for i in range(total_mib):
        k = i % n
        yield data[k * CHUNK:(k + 1) * CHUNK]


def new_item(vault: Vault):
    with vault.transaction():
        tid = vault.catalogue.create_testimony("bench item")
        return vault.items.create(tid, "imported")


# -- 1 & 2: seal / unseal ----------------------------------------------------


def plain_write(path: Path, data: memoryview, size_mib: int) -> float:
    t0 = time.perf_counter()
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    fsync_dir(path.parent)
    try:
        for chunk in chunks(data, size_mib):
            write_all(fd, chunk)
        os.fsync(fd)
    finally:
        os.close(fd)
    fsync_dir(path.parent)
    return time.perf_counter() - t0


def sealed_write(vault: Vault, ref, data: memoryview, size_mib: int) -> tuple[float, Any]:
    t0 = time.perf_counter()
    writer = vault.writer(ref)
    for chunk in chunks(data, size_mib):
        writer.write(chunk)
    writer.close()
    elapsed = time.perf_counter() - t0
    with vault.transaction():
        vault.items.update(ref.item_id, state="complete", size=writer.size, sha256=writer.sha256)
    return elapsed, writer


def evict(paths: list[Path]) -> None:
    """Drop files from the page cache, so the next read comes from the disk."""
    for path in paths:
        fd = os.open(path, os.O_RDONLY)
        try:
            os.fsync(fd)
            os.posix_fadvise(fd, 0, 0, os.POSIX_FADV_DONTNEED)
        finally:
            os.close(fd)


def plain_read(path: Path) -> tuple[float, int]:
    t0 = time.perf_counter()
    n = 0
    with open(path, "rb", buffering=0) as f:
        while chunk := f.read(CHUNK):
            n += len(chunk)
    return time.perf_counter() - t0, n


def sealed_read(vault: Vault, item_id: str) -> tuple[float, int]:
    t0 = time.perf_counter()
    n = 0
    with vault.reader(item_id) as reader:
        while chunk := reader.read(CHUNK):
            n += len(chunk)
    return time.perf_counter() - t0, n


def bench_stream(work: Path, size_mib: int, repeat: int) -> dict[str, Any]:
    log(f"generating {DATA_MIB} MiB of random data")
    data = memoryview(os.urandom(DATA_MIB * MiB))
    vault_dir = work / "stream-vault"
    vault, _ = Vault.create(vault_dir, PASSPHRASE, kdf=CHEAP_KDF)
    plain_dir = work / "plain"
    plain_dir.mkdir()
    nbytes = size_mib * MiB
    res: dict[str, Any] = {"bytes": nbytes, "rounds": []}
    plain_path = item_id = None
    try:
        for r in range(repeat):
            # Drop the previous round's files and flush, so no write-back is pending.
            if plain_path is not None:
                plain_path.unlink()
                vault.erase_item(item_id)
            os.sync()
            plain_path = plain_dir / f"plain-{r}.bin"
            ref = new_item(vault)
            item_id = ref.item_id
            order = ("plain", "sealed") if r % 2 == 0 else ("sealed", "plain")
            times = {}
            for what in order:
                os.sync()
                if what == "plain":
                    times["plain"] = plain_write(plain_path, data, size_mib)
                else:
                    times["sealed"], _ = sealed_write(vault, ref, data, size_mib)
            log(f"write round {r + 1}/{repeat}: plain {nbytes / times['plain'] / 1e6:.0f} MB/s,"
                f" sealed {nbytes / times['sealed'] / 1e6:.0f} MB/s")
            res["rounds"].append({"plain_write_s": times["plain"],
                                  "sealed_write_s": times["sealed"]})

        # Reads of the last round's files: first from the disk, then from the cache.
        sealed_files = vault.object_files(item_id)
        for mode in ("cold", "warm"):
            if mode == "warm":  # untimed warm-up read of both
                plain_read(plain_path)
                sealed_read(vault, item_id)
            for r in range(repeat):
                order = ("plain", "sealed") if r % 2 == 0 else ("sealed", "plain")
                times = {}
                for what in order:
                    if mode == "cold":
                        evict([plain_path] if what == "plain" else sealed_files)
                    if what == "plain":
                        times["plain"], n = plain_read(plain_path)
                    else:
                        times["sealed"], n = sealed_read(vault, item_id)
                    assert n == nbytes, (what, n, nbytes)
                log(f"{mode} read round {r + 1}/{repeat}: plain"
                    f" {nbytes / times['plain'] / 1e6:.0f} MB/s,"
                    f" sealed {nbytes / times['sealed'] / 1e6:.0f} MB/s")
                res["rounds"][r].update({f"plain_{mode}_read_s": times["plain"],
                                         f"sealed_{mode}_read_s": times["sealed"]})

        # 3: random 64 KiB reads, reader already open.
        rng = random.Random(20240601)
        offsets = [rng.randrange(0, nbytes - RANDOM_READ_SIZE + 1) for _ in range(RANDOM_READS)]
        lat_sealed, lat_plain = [], []
        with vault.reader(item_id) as reader:
            for off in offsets:
                t0 = time.perf_counter()
                reader.seek(off)
                got = reader.read(RANDOM_READ_SIZE)
                lat_sealed.append(time.perf_counter() - t0)
                assert len(got) == RANDOM_READ_SIZE
        fd = os.open(plain_path, os.O_RDONLY)
        try:
            for off in offsets:
                t0 = time.perf_counter()
                os.pread(fd, RANDOM_READ_SIZE, off)
                lat_plain.append(time.perf_counter() - t0)
        finally:
            os.close(fd)
        res["random_read_sealed_s"] = lat_sealed
        res["random_read_plain_s"] = lat_plain
    finally:
        vault.close()
    return res


def bench_primitives(size_mib: int = 256) -> dict[str, float]:
    """In-memory cost of the writer's and reader's parts (MB/s), no disk."""
    import hashlib

    from cryptography.hazmat.primitives.ciphers.aead import AESGCM

    buf = os.urandom(CHUNK)
    aead = AESGCM(os.urandom(32))
    nonce, aad = bytes(12), b"m0000000"
    sealed = aead.encrypt(nonce, buf, aad)
    n = size_mib * CHUNK

    def sha():
        h = hashlib.sha256()
        for _ in range(size_mib):
            h.update(buf)

    def enc():
        for _ in range(size_mib):
            aead.encrypt(nonce, buf, aad)

    def dec():
        for _ in range(size_mib):
            aead.decrypt(nonce, sealed, aad)

    def copy():
        for _ in range(size_mib):
            bytes(memoryview(buf))

    out = {}
    for name, fn in (("sha256", sha), ("aes_gcm_encrypt", enc), ("aes_gcm_decrypt", dec),
                     ("memcpy_1mib", copy)):
        out[name] = n / median([timed(fn)[0] for _ in range(3)]) / 1e6
    return out


# -- 4: unlock -----------------------------------------------------------------


def bench_unlock(work: Path, repeat: int) -> dict[str, Any]:
    path = work / "unlock-vault"
    t_create, (vault, _) = timed(lambda: Vault.create(path, PASSPHRASE))
    vault.close()
    times = []
    for _ in range(repeat):
        t0 = time.perf_counter()
        Vault.open(path, PASSPHRASE).close()
        times.append(time.perf_counter() - t0)
    kdf = keyslots.DEFAULT_PASSPHRASE_KDF
    return {"create_s": t_create, "open_close_s": times,
            "kdf": {"memory_kib": kdf.memory_kib, "iterations": kdf.iterations,
                    "lanes": kdf.lanes}}


# -- 5: catalogue ----------------------------------------------------------------

# Aligned spellings of the same name: (Kazakh Cyrillic, Latin, Uyghur Arabic, Chinese).
SURNAMES = [
    ("Байжанов", "Bayzhanov", "بايجانوف", "拜扎诺夫"),
    ("Қасымов", "Kasymov", "قاسىموف", "卡瑟莫夫"),
    ("Тұрғанбаев", "Turganbayev", "تۇرغانبايېف", "图尔甘巴耶夫"),
    ("Нұрланов", "Nurlanov", "نۇرلانوف", "努尔兰诺夫"),
    ("Серікбаев", "Serikbayev", "سېرىكبايېف", "谢里克巴耶夫"),
    ("Жақыпов", "Zhakypov", "جاقىپوف", "扎克波夫"),
    ("Абдурехимов", "Abdurehimov", "ئابدۇرېھىموف", "阿不都热依木"),
    ("Тұрсынов", "Tursunov", "تۇرسۇنوف", "吐尔逊"),
]
GIVEN = [
    ("Ерлан", "Erlan", "ئېرلان", "叶尔兰"),
    ("Әлия", "Aliya", "ئالىيە", "阿丽亚"),
    ("Бауыржан", "Baurzhan", "باۋىرجان", "包尔江"),
    ("Гүлнар", "Gulnar", "گۈلنار", "古丽娜尔"),
    ("Қайрат", "Kairat", "قايرات", "凯拉特"),
    ("Жанар", "Zhanar", "جانار", "加娜尔"),
    ("Мақсұтхан", "Maksutkhan", "ماقسۇتخان", "马克苏提汗"),
    ("Сәуле", "Saule", "ساۋلە", "绍列"),
    ("Ильхам", "Ilham", "ئىلھام", "伊力哈木"),
]
# A Han Chinese name, written whole in each script (surname first).
HAN_NAME = ("Ван Вэй", "Wang Wei", "ۋاڭ ۋېي", "王伟")
SCRIPT_PAIRS = [(0, 1), (1, 3), (2, 1), (2, 3), (0, 3), (0, 2)]
PLACES = ["Үрімші", "Ghulja", "Алматы", "喀什", "Қорғас", "Turpan", "ئۈرۈمچی", "Tacheng"]
RELATIONS = ["mother", "father", "sister", "brother", "wife", "husband", "daughter", "son"]
TAGS = ["camp", "prison", "missing", "released", "forced-labour", "urgent", "sentence",
        "family-separated", "passport-confiscated", "re-education"]
NOTES = [
    "Detained after returning from Kazakhstan; no contact with the family since.",
    "Отбасымен байланыс жоқ. Соңғы рет лагерьде көрген.",
    "家人没有收到任何通知。",
    "ئائىلىسى بىلەن ئالاقە ئۈزۈلدى.",
    "Sentenced without a trial; the family received no papers.",
]


def full_name(given: tuple | None, surname: tuple, script: int) -> str:
    """A name in one script: 0 Cyrillic, 1 Latin, 2 Uyghur Arabic, 3 Chinese."""
    if given is None:
        return HAN_NAME[script]
    if script == 3:  # minority names in Chinese: given·surname
        return f"{given[3]}·{surname[3]}"
    return f"{given[script]} {surname[script]}"


def build_catalogue(vault: Vault, n: int, seed: int = 7) -> None:
    rng = random.Random(seed)
    cat, items = vault.catalogue, vault.items
    with vault.transaction():
        for i in range(n):
            s_given, s_sur = rng.choice(GIVEN), rng.choice(SURNAMES)
            d_given, d_sur = rng.choice(GIVEN), rng.choice(SURNAMES)
            if rng.random() < 0.05:
                d_given = None  # Wang Wei / 王伟
            a, b = rng.choice(SCRIPT_PAIRS)
            tid = cat.create_testimony(
                f"Appeal for {full_name(d_given, d_sur, 1)} ({i})",
                rng.choice(("public", "anonymous", "restricted")),
                recorded_at=f"20{rng.randint(18, 24)}-{rng.randint(1, 12):02d}-"
                            f"{rng.randint(1, 28):02d}")
            cat.update_testimony(tid, notes=rng.choice(NOTES), place=rng.choice(PLACES),
                                 language=rng.choice(("kk", "ug", "ru", "zh")),
                                 volunteer=f"volunteer {rng.randint(1, 40)}")
            sp = cat.add_person(tid, "speaker")
            cat.set_names(sp, [full_name(s_given, d_sur, rng.choice((0, 1, 2)))])
            cat.update_person(sp, relation=rng.choice(RELATIONS), contact="+7 701 000 00 00")
            dp = cat.add_person(tid, "detained")
            cat.set_names(dp, [full_name(d_given, d_sur, a), full_name(d_given, d_sur, b)])
            cat.update_person(dp, birth_year=rng.randint(1950, 2000),
                              hometown=rng.choice(PLACES), detention_place=rng.choice(PLACES),
                              detained_on=f"{rng.randint(2017, 2020)}")
            cat.set_tags(tid, rng.sample(TAGS, rng.randint(1, 3)))
            items.create(tid, "imported", state="complete", size=rng.randint(10, 900) * MiB,
                         sha256=f"{rng.getrandbits(256):064x}", media_type="video",
                         codec="h264", audio_codec="aac", width=1280, height=720,
                         duration=rng.uniform(60, 1800), original_name=f"appeal-{i}.mp4")


SEARCHES = ["Bayzhanov", "Байжанов", "王伟", "Gulnar Kasymov", "camp"]


def render_list_json(found) -> str:
    return output.dumps([output.testimony_json(t) for t in found], indent=False)


def bench_catalogue(work: Path, n: int, profile: bool) -> dict[str, Any]:
    path = work / "catalogue-vault"
    vault, _ = Vault.create(path, PASSPHRASE, kdf=CHEAP_KDF)
    log(f"building a catalogue of {n} testimonies (one transaction)")
    t_build, _ = timed(lambda: build_catalogue(vault, n))
    vault.close()
    db_bytes = (path / "vault.db").stat().st_size
    log(f"built in {t_build:.1f} s; vault.db is {db_bytes / MiB:.1f} MiB")
    res: dict[str, Any] = {"testimonies": n, "build_s": t_build, "db_bytes": db_bytes}
    vault = Vault.open(path, PASSPHRASE)
    try:
        # The first call on a freshly opened vault (what `kua list` pays), then 5 more.
        t_first, summaries = timed(lambda: library.list_summaries(vault))
        assert len(summaries) == n, len(summaries)
        res["summaries_first_s"] = t_first
        res["summaries_s"] = [timed(lambda: library.list_summaries(vault))[0]
                              for _ in range(CATALOGUE_REPEAT)]
        t_first, found = timed(lambda: library.list_testimonies(vault))
        assert len(found) == n, len(found)
        res["list_first_s"] = t_first
        res["list_s"] = [timed(lambda: library.list_testimonies(vault))[0]
                         for _ in range(CATALOGUE_REPEAT)]
        json_times = []
        for _ in range(CATALOGUE_REPEAT):
            t, text = timed(lambda: render_list_json(found))
            json_times.append(t)
        res["list_json_s"] = json_times
        res["list_json_bytes"] = len(text.encode())
        res["search"] = {}
        for q in SEARCHES:
            hits = library.search_summaries(vault, q)
            times = [timed(lambda: library.search_summaries(vault, q))[0]
                     for _ in range(CATALOGUE_REPEAT)]
            res["search"][q] = {"hits": len(hits), "s": times}
        if profile:
            for label, fn in (("list", lambda: library.list_testimonies(vault)),
                              ("list --json rendering", lambda: render_list_json(found)),
                              (f"search {SEARCHES[0]}", lambda: library.search(vault, SEARCHES[0]))):
                prof = cProfile.Profile()
                prof.enable()
                fn()
                prof.disable()
                print(f"\n== cProfile: {label} (top 15 by internal time) ==", file=sys.stderr)
                pstats.Stats(prof, stream=sys.stderr).sort_stats("tottime").print_stats(15)
    finally:
        vault.close()
    return res


# -- report ----------------------------------------------------------------------


def summarize(stream: dict | None, prims: dict | None, unlock: dict | None,
              cat: dict | None) -> list[dict[str, Any]]:
    rows: list[dict[str, Any]] = []

    def row(key: str | None, measure: str, value: float, unit: str, fmt: str = "{:.2f}",
            target: str | None = None, note: str = "") -> None:
        t, ok = None, None
        if key in TARGETS:
            t, check = TARGETS[key]
            ok = bool(check(value))
        rows.append({"key": key, "measure": measure, "value": value, "unit": unit,
                     "result": (fmt.format(value) + (f" {unit}" if unit else "")),
                     "target": target or t or "—", "ok": ok, "note": note})

    if stream:
        nb = stream["bytes"]
        rounds = stream["rounds"]
        mib = nb // MiB
        pw = median([r["plain_write_s"] for r in rounds])
        sw = median([r["sealed_write_s"] for r in rounds])
        wr = median([r["plain_write_s"] / r["sealed_write_s"] for r in rounds])
        row(None, f"seal {mib} MiB, Vault.writer, 1 MiB writes, incl. fsync", nb / sw / 1e6,
            "MB/s", "{:.0f}")
        row(None, "plain file write, same bytes and disk, incl. fsync", nb / pw / 1e6, "MB/s",
            "{:.0f}")
        row("seal_ratio", "seal / plain write (median of per-round ratios)", wr, "",
            note=f"ratio of the medians {pw / sw:.2f}")
        for mode, label, key in (("cold", "from the disk", "unseal_ratio"),
                                 ("warm", "page cache warm", None)):
            pr = median([r[f"plain_{mode}_read_s"] for r in rounds])
            sr = median([r[f"sealed_{mode}_read_s"] for r in rounds])
            rr = median([r[f"plain_{mode}_read_s"] / r[f"sealed_{mode}_read_s"] for r in rounds])
            row(None, f"unseal {mib} MiB, vault.reader, 1 MiB reads ({label})", nb / sr / 1e6,
                "MB/s", "{:.0f}")
            row(None, f"plain file read, same bytes ({label})", nb / pr / 1e6, "MB/s", "{:.0f}")
            row(key, f"unseal / plain read, {label} (median of per-round ratios)", rr, "",
                note=f"ratio of the medians {pr / sr:.2f}")
        ls = [x * 1e3 for x in stream["random_read_sealed_s"]]
        lp = [x * 1e3 for x in stream["random_read_plain_s"]]
        row("random_read_median_ms", f"64 KiB read at a random offset, sealed, median of "
            f"{len(ls)}", median(ls), "ms", "{:.2f}")
        row(None, "64 KiB read at a random offset, sealed, p95", percentile(ls, 95), "ms",
            "{:.2f}", target="< 5 ms")
        row(None, "64 KiB pread at a random offset, plain file, median", median(lp), "ms",
            "{:.3f}")
    if prims:
        for name, label in (("sha256", "SHA-256 (writer hashes the plaintext)"),
                            ("aes_gcm_encrypt", "AES-256-GCM encrypt, 1 MiB segments"),
                            ("aes_gcm_decrypt", "AES-256-GCM decrypt, 1 MiB segments"),
                            ("memcpy_1mib", "bytes() copy of 1 MiB")):
            row(None, f"in memory: {label}", prims[name], "MB/s", "{:.0f}")
    if unlock:
        k = unlock["kdf"]
        row("unlock_s", f"unlock: Vault.open + close, Argon2id {k['memory_kib'] // 1024} MiB,"
            f" t={k['iterations']}, p={k['lanes']} (median of {len(unlock['open_close_s'])})",
            median(unlock["open_close_s"]), "s", "{:.2f}")
    if cat:
        n = cat["testimonies"]
        row(None, f"build {n} testimonies via the API, one transaction", cat["build_s"], "s",
            "{:.1f}")
        row("list_ms", f"list_summaries (kua list, GUI), {n} testimonies (median of"
            f" {len(cat['summaries_s'])})", median(cat["summaries_s"]) * 1e3, "ms", "{:.0f}")
        row("list_ms", "list_summaries, first call after open", cat["summaries_first_s"] * 1e3,
            "ms", "{:.0f}")
        row(None, f"list_testimonies (every field, for --json), {n} testimonies",
            median(cat["list_s"]) * 1e3, "ms", "{:.0f}")
        row(None, f"list --json rendering (testimony_json + dumps), {n} testimonies",
            median(cat["list_json_s"]) * 1e3, "ms", "{:.0f}",
            note=f"{cat['list_json_bytes'] / MiB:.1f} MiB of JSON")
        for q, r in cat["search"].items():
            row("search_ms", f'search_summaries "{q}" ({r["hits"]} hits)', median(r["s"]) * 1e3, "ms",
                "{:.0f}")
    return rows


def print_table(rows: list[dict[str, Any]], info: dict[str, str]) -> None:
    print(f"Kua vault benchmark — {info['date']}, {info['nproc']} × {info['cpu']}, "
          f"{info['filesystem']}, Python {info['python']}")
    w = max(len(r["measure"]) for r in rows)
    print(f"{'measure':<{w}}  {'result':>12}  {'target':<9} ok")
    print("-" * (w + 30))
    for r in rows:
        ok = "" if r["ok"] is None else ("yes" if r["ok"] else "MISSED")
        print(f"{r['measure']:<{w}}  {r['result']:>12}  {r['target']:<9} {ok}"
              + (f"  ({r['note']})" if r["note"] else ""))


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--dir", type=Path, default=REPO / "bench",
                   help="make the temporary work folder inside DIR (default: bench/, i.e. the "
                        "repository's disk; the disk matters for the write ratio)")
    p.add_argument("--size-mib", type=int, default=1024, help="size of the sealed item (MiB)")
    p.add_argument("--testimonies", type=int, default=10000, help="testimonies in the catalogue")
    p.add_argument("--repeat", type=int, default=5, help="rounds of each throughput measure")
    p.add_argument("--only", choices=("stream", "unlock", "catalogue"), action="append",
                   help="run only some parts (may be repeated)")
    p.add_argument("--profile", action="store_true",
                   help="print cProfile tables of list, its JSON rendering and search to stderr")
    p.add_argument("--json", action="store_true", help="print JSON instead of a table")
    p.add_argument("--keep", action="store_true", help="keep the work folder")
    args = p.parse_args(argv)
    parts = set(args.only or ("stream", "unlock", "catalogue"))
    if args.size_mib < 1:
        p.error("--size-mib must be at least 1")

    args.dir.mkdir(parents=True, exist_ok=True)
    work = Path(tempfile.mkdtemp(prefix=".work-", dir=args.dir))
    info = machine()
    info["filesystem"] = filesystem(work)
    log(f"work folder {work} ({info['filesystem']})")
    stream = prims = unlock = cat = None
    try:
        if "stream" in parts:
            stream = bench_stream(work, args.size_mib, args.repeat)
            log("in-memory primitives")
            prims = bench_primitives()
        if "unlock" in parts:
            log("unlock with the default Argon2id cost")
            unlock = bench_unlock(work, UNLOCK_REPEAT)
        if "catalogue" in parts:
            cat = bench_catalogue(work, args.testimonies, args.profile)
    finally:
        if args.keep:
            log(f"kept {work}")
        else:
            shutil.rmtree(work, ignore_errors=True)
    rows = summarize(stream, prims, unlock, cat)
    if args.json:
        print(json.dumps({"machine": info,
                          "parameters": {"size_mib": args.size_mib,
                                         "testimonies": args.testimonies,
                                         "repeat": args.repeat},
                          "results": rows,
                          "raw": {"stream": stream, "primitives": prims, "unlock": unlock,
                                  "catalogue": cat}}, indent=2, ensure_ascii=False))
    else:
        print_table(rows, info)
    return 0


if __name__ == "__main__":
    sys.exit(main())
