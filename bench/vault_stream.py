"""Parts 1-3 of bench/vault.py: sealing and unsealing against a plain file on the same
disk, random reads from an open sealed reader, and the in-memory primitives they are
made of (see bench/vault.py for what each measures)."""

from __future__ import annotations

import os
import random
import time
from pathlib import Path
from typing import Any

import rig
from harness.vaults import new_vault
from rig import MiB, log, median, timed
from storage.fsio import fsync_dir, write_all
from storage.vault import Vault

CHUNK = MiB
DATA_MIB = 64  # size of the random buffer that the writes cycle through
RANDOM_READS = 500
RANDOM_READ_SIZE = 64 * 1024


def chunks(data: memoryview, total_mib: int):
    """`total_mib` chunks of 1 MiB, cycling through `data`."""
    n = len(data) // CHUNK
    for i in range(total_mib):
        k = i % n
        yield data[k * CHUNK:(k + 1) * CHUNK]


def new_item(vault: Vault):
    """A new testimony's empty item, to be written; its ObjectRef."""
    with vault.transaction():
        tid = vault.catalogue.create_testimony("bench item")
        return vault.items.create(tid, "imported")


def plain_write(path: Path, data: memoryview, size_mib: int) -> float:
    """Seconds to write a plain file as the sealing writer writes (fsync, folder fsync)."""
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
    """(seconds to seal the item through Vault.writer up to its close, the writer)."""
    t0 = time.perf_counter()
    writer = vault.writer(ref)
    for chunk in chunks(data, size_mib):
        writer.write(chunk)
    writer.close()
    elapsed = time.perf_counter() - t0
    with vault.transaction():
        vault.items.update(ref.item_id, state="complete", size=writer.size, sha256=writer.sha256)
    return elapsed, writer


def plain_read(path: Path) -> tuple[float, int]:
    """(seconds, bytes) of reading a plain file to the end, 1 MiB at a time."""
    t0 = time.perf_counter()
    n = 0
    with open(path, "rb", buffering=0) as f:
        while chunk := f.read(CHUNK):
            n += len(chunk)
    return time.perf_counter() - t0, n


def sealed_read(vault: Vault, item_id: str) -> tuple[float, int]:
    """(seconds, bytes) of reading an item to the end through vault.reader, 1 MiB at a time."""
    t0 = time.perf_counter()
    n = 0
    with vault.reader(item_id) as reader:
        while chunk := reader.read(CHUNK):
            n += len(chunk)
    return time.perf_counter() - t0, n


def bench_stream(work: Path, size_mib: int, repeat: int) -> dict[str, Any]:
    """Measures 1-3 of bench/vault.py: seal and unseal against a plain file, random reads."""
    log(f"generating {DATA_MIB} MiB of random data")
    data = memoryview(os.urandom(DATA_MIB * MiB))
    vault_dir = work / "stream-vault"
    vault = new_vault(vault_dir)
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
                        rig.drop_cache([plain_path] if what == "plain" else sealed_files)
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
