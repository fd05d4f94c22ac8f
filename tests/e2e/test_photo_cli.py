"""`kua transcode ID --profile share|anonymized` of photos, through the CLI.

`share` gives a JPEG of at most 2048 px with none of the source's EXIF, XMP, IPTC or
comments; `anonymized` also hides every face (measured without a detector: the faces
are pasted where the test knows). Bad photos fail with one line and the exit code of
the README's table, and leave nothing in the vault.
"""

from __future__ import annotations

import json
import secrets
import struct
from pathlib import Path

import cv2
import numpy as np
import pytest

from harness.face_truth import CHANGED, Face, Scene, render
from tests.disk_scan import files_holding, files_under
from tests.e2e.cli import assert_one_line_error, check, init_vault, last_line, run_kua

pytest.importorskip("skimage", reason="scikit-image (a test dependency) provides the photo")


def _segment(marker: int, payload: bytes) -> bytes:
    return bytes([0xFF, marker]) + struct.pack(">H", len(payload) + 2) + payload


def _tagged_jpeg(rgb: np.ndarray, secret: str) -> bytes:
    """A JPEG carrying EXIF (make, serial, GPS), XMP, IPTC and a comment, each naming
    `secret`, as phones and editors write them."""
    ok, plain = cv2.imencode(".jpg", cv2.cvtColor(rgb, cv2.COLOR_RGB2BGR))
    assert ok
    text = secret.encode()
    entries = [(0x010F, 2, text + b"\0"), (0xA431, 2, b"SN-" + text + b"\0"),
               (0x8825, 4, b"GPS:" + text + b"\0")]  # make, body serial, GPS (as text here)
    head = b"MM\0*" + struct.pack(">I", 8)
    ifd = struct.pack(">H", len(entries))
    data_at = 8 + 2 + 12 * len(entries) + 4
    blob = b""
    for tag, kind, value in entries:
        ifd += struct.pack(">HHII", tag, kind, len(value), data_at + len(blob))
        blob += value
    exif = b"Exif\0\0" + head + ifd + b"\0\0\0\0" + blob
    xmp = b"http://ns.adobe.com/xap/1.0/\0<x:xmpmeta><rdf:Description dc:creator='" \
        + text + b"'/></x:xmpmeta>"
    iptc = b"Photoshop 3.0\08BIM\x04\x04\0\0" + struct.pack(">I", len(text) + 5) \
        + b"\x1c\x02\x50" + struct.pack(">H", len(text)) + text
    extra = _segment(0xE1, exif) + _segment(0xE1, xmp) + _segment(0xED, iptc) \
        + _segment(0xFE, b"comment " + text)
    return plain[:2].tobytes() + extra + plain[2:].tobytes()


def _markers(jpeg: bytes) -> list[int]:
    """The JPEG's marker segments before the image data."""
    found, offset = [], 2
    while offset + 4 <= len(jpeg) and jpeg[offset] == 0xFF:
        marker = jpeg[offset + 1]
        found.append(marker)
        if marker == 0xDA:
            break
        offset += 2 + struct.unpack(">H", jpeg[offset + 2:offset + 4])[0]
    return found


def _add(vault: Path, path: Path) -> str:
    """Add a file (public consent, so its share copy may be extracted); the id of its item."""
    tid = last_line(check(run_kua("add", str(path), "--consent", "public", vault=vault)).stdout)
    shown = json.loads(check(run_kua("show", tid, "--json", vault=vault)).stdout)
    return shown["items"][0]["id"]


def _extract(vault: Path, item: str, out: Path) -> bytes:
    check(run_kua("extract", item, "--out", str(out), vault=vault))
    return out.read_bytes()


@pytest.fixture(scope="module")
def photo() -> tuple[np.ndarray, list[np.ndarray]]:
    """A 3000x2000 picture with three faces (300 px upright, 80 px, 200 px tilted 25°)."""
    faces = [Face(lambda i: (800, 900), 300), Face(lambda i: (2200, 500), 80),
             Face(lambda i: (2300, 1400), 200, tilt=25)]
    clip = render(faces, [Scene(0, 1, 7)], size=(3000, 2000))
    return clip.frames[0], clip.truth[0]


@pytest.mark.slow
def test_share_and_anonymized_photo(tmp_path: Path, photo) -> None:
    """share: JPEG, <= 2048 px, no EXIF/XMP/IPTC/comment, secret nowhere in its bytes;
    anonymized: every face box >= 90 % changed against the share copy. The marker is
    in no file of the vault or TMPDIR, and in no output."""
    vault, tmpdir = tmp_path / "vault", tmp_path / "tmp"
    tmpdir.mkdir()
    init_vault(vault)
    secret = "KUAEXIF" + secrets.token_hex(5)
    rgb, truth = photo
    source = tmp_path / "in" / "IMG_0001.jpg"
    source.parent.mkdir()
    source.write_bytes(_tagged_jpeg(rgb, secret))
    item = _add(vault, source)
    outputs = {}
    for profile in ("share", "anonymized"):
        made = check(run_kua("transcode", item, "--profile", profile, vault=vault, tmpdir=tmpdir))
        new = last_line(made.stdout)
        shown = json.loads(check(run_kua("show", new, "--json", vault=vault)).stdout)
        assert (shown["width"], shown["height"]) == (2048, 1365), shown
        outputs[profile] = _extract(vault, new, tmp_path / f"{profile}.jpg")
    assert not files_holding([secret.encode()], vault, tmpdir)
    for jpeg in outputs.values():
        assert secret.encode() not in jpeg
        assert _markers(jpeg)[0] == 0xE0  # JFIF only
        assert not {0xE1, 0xED, 0xFE} & set(_markers(jpeg)), _markers(jpeg)
    share = cv2.cvtColor(cv2.imdecode(np.frombuffer(outputs["share"], np.uint8), 1), cv2.COLOR_BGR2RGB)
    anon = cv2.cvtColor(cv2.imdecode(np.frombuffer(outputs["anonymized"], np.uint8), 1), cv2.COLOR_BGR2RGB)
    changed = np.abs(share.astype(np.int16) - anon.astype(np.int16)).max(axis=2) > CHANGED
    for mask in truth:
        small = cv2.resize(mask.astype(np.uint8), (2048, 1365), interpolation=cv2.INTER_NEAREST) > 0
        assert changed[small].mean() >= 0.9, changed[small].mean()
    assert changed.mean() < 0.3  # the rest of the picture is kept
    assert files_under(tmpdir) == []


def _items_and_objects(vault: Path) -> tuple[int, int]:
    listed = json.loads(check(run_kua("list", "--json", vault=vault)).stdout)
    return sum(len(t["items"]) for t in listed), len(files_under(vault / "objects"))


@pytest.mark.slow
def test_bad_photos_fail_in_one_line_and_leave_nothing(tmp_path: Path) -> None:
    """Not an image (exit 13), a truncated JPEG (exit 10), 20,000 px wide (exit 13,
    read from the header): one line each, no new item or object in the vault."""
    vault = tmp_path / "vault"
    init_vault(vault)
    folder = tmp_path / "in"
    folder.mkdir()
    text = folder / "notes.jpg"
    text.write_bytes(b"not a picture at all\n" * 20)
    ok, whole = cv2.imencode(".jpg", np.full((600, 800, 3), 120, np.uint8) + np.arange(800, dtype=np.uint8)[None, :, None] // 4)
    cut = folder / "cut.jpg"
    cut.write_bytes(whole.tobytes()[:len(whole) * 2 // 3])
    wide = folder / "wide.png"
    ok, png = cv2.imencode(".png", np.zeros((4, 20000, 3), np.uint8))
    wide.write_bytes(png.tobytes())
    cases = [(text, 13, "document"), (cut, 10, "truncated"), (wide, 13, "20000x4")]
    for path, code, words in cases:
        item = _add(vault, path)
        before = _items_and_objects(vault)
        for profile in ("share", "anonymized"):
            failed = run_kua("transcode", item, "--profile", profile, vault=vault)
            assert_one_line_error(failed, code, words)
            assert _items_and_objects(vault) == before
