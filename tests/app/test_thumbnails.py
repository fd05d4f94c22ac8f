"""Thumbnails made in memory from sealed stills and videos: which item, which way up,
what size, and nothing written anywhere."""

from __future__ import annotations

import secrets
from pathlib import Path

import cv2
import numpy as np
import pytest

from app.thumbnails import thumbnail_jpeg
from harness.vaults import new_testimony, seal_item
from storage.vault import Vault
from tests.media.synth import make_jpeg, make_video


def store(vault: Vault, tid: str, kind: str, media_type: str, data: bytes,
          state: str = "complete", **meta) -> str:
    """An item of `kind` holding `data`, in `state`."""
    return seal_item(vault, tid, kind, data, state=state, media_type=media_type, **meta)


def decode(jpeg: bytes) -> np.ndarray:
    picture = cv2.imdecode(np.frombuffer(jpeg, np.uint8), cv2.IMREAD_COLOR)
    assert picture is not None
    return picture


def solid_jpeg(width: int, height: int, bgr: tuple[int, int, int], comment: bytes = b"") -> bytes:
    ok, data = cv2.imencode(".jpg", np.full((height, width, 3), bgr, np.uint8))
    assert ok
    data = data.tobytes()
    if comment:
        data = data[:2] + b"\xff\xfe" + (len(comment) + 2).to_bytes(2, "big") + comment + data[2:]
    return data


def test_the_first_still_is_preferred_to_the_video(vault):
    tid = new_testimony(vault)
    store(vault, tid, "master", "video", make_video(1.0, 320, 240))
    store(vault, tid, "still", "image", solid_jpeg(640, 480, (255, 0, 0)), width=640)
    store(vault, tid, "still", "image", solid_jpeg(640, 480, (0, 255, 0)), width=640)
    picture = decode(thumbnail_jpeg(vault, tid))
    assert picture.shape == (180, 240, 3)
    b, g, r = picture[90, 120]
    assert b > 200 and g < 60 and r < 60  # the first still (blue), not the second


def test_a_video_gives_a_frame_scaled_to_240(vault):
    tid = new_testimony(vault)
    store(vault, tid, "imported", "video", make_video(2.0, 640, 360, fps=15))
    picture = decode(thumbnail_jpeg(vault, tid))
    assert picture.shape == (134, 240, 3)
    assert picture.std() > 10  # a picture, not a flat grey frame
    assert max(decode(thumbnail_jpeg(vault, tid, size=100)).shape[:2]) == 100


def test_portrait_video_and_photo_come_out_upright(vault):
    tid = new_testimony(vault)
    store(vault, tid, "master", "video", make_video(1.0, 320, 240, rotate=90))
    assert decode(thumbnail_jpeg(vault, tid)).shape[:2] == (240, 180)
    photo = new_testimony(vault)
    store(vault, photo, "still", "image", make_jpeg(64, 48, orientation=6))
    assert decode(thumbnail_jpeg(vault, photo)).shape[:2] == (64, 48)  # never enlarged


def test_a_large_photo_is_decoded_reduced_and_still_fills_240(vault):
    tid = new_testimony(vault)
    store(vault, tid, "still", "image", solid_jpeg(2000, 1500, (0, 0, 255)), width=2000)
    assert decode(thumbnail_jpeg(vault, tid)).shape == (180, 240, 3)


def test_no_usable_media_means_no_thumbnail(vault):
    tid = new_testimony(vault)
    assert thumbnail_jpeg(vault, tid) is None
    store(vault, tid, "still", "image", solid_jpeg(64, 48, (0, 0, 255)), state="failed")
    store(vault, tid, "master", "video", make_video(1.0, 160, 120), state="recording")
    store(vault, tid, "audio", "audio", b"not looked at")
    assert thumbnail_jpeg(vault, tid) is None


def test_an_undecodable_still_falls_back_to_the_video(vault):
    tid = new_testimony(vault)
    store(vault, tid, "still", "image", b"\xff\xd8 this is not a JPEG at all" * 20)
    store(vault, tid, "master", "video", make_video(1.0, 320, 240))
    assert decode(thumbnail_jpeg(vault, tid)).shape == (180, 240, 3)


def test_thumbnails_leave_no_plaintext_on_disk(vault, vault_dir: Path, tmp_path: Path,
                                               monkeypatch: pytest.MonkeyPatch):
    tmp = tmp_path / "tmp"
    tmp.mkdir()
    monkeypatch.setenv("TMPDIR", str(tmp))
    monkeypatch.setattr("tempfile.tempdir", str(tmp))
    marker = f"KUAMARK{secrets.token_hex(6)}".encode()
    still = new_testimony(vault, marker.decode())
    store(vault, still, "still", "image", solid_jpeg(320, 240, (0, 0, 255), comment=marker))
    video = new_testimony(vault)
    clip = make_video(1.0, 320, 240)
    store(vault, video, "master", "video", clip)
    made = [thumbnail_jpeg(vault, still), thumbnail_jpeg(vault, video)]
    needles = [marker, clip[len(clip) // 2:len(clip) // 2 + 64]]
    needles += [jpeg[len(jpeg) // 2:len(jpeg) // 2 + 48] for jpeg in made]
    for path in [*vault_dir.rglob("*"), *tmp.rglob("*")]:
        if path.is_file():
            data = path.read_bytes()
            assert not any(n in data for n in needles), path
    assert list(tmp.iterdir()) == []
