"""The anonymized profile hides every face on every frame (media/faces*.py).

The clip pans and zooms over scikit-image's `astronaut` photograph. The same detector
the profile uses must find the face in every frame of the source (so the test can
fail), and in no frame of the output, even at a lower threshold than the profile's
own; the face regions must differ strongly from the source.
"""

from __future__ import annotations

import numpy as np
import pytest

from media.faces import Box, FaceDetector, iou
from media.faces_mask import FaceMasker, MaskSettings, mosaic
from media.transcode_profiles import get_profile
from tests.media.transcode_clips import decode_all, face_clip, run_profile

pytest.importorskip("skimage", reason="scikit-image (a test dependency) provides the photo")


@pytest.fixture(scope="module")
def detector() -> FaceDetector:
    return FaceDetector(width=640)


@pytest.fixture(scope="module")
def clips() -> tuple[list[np.ndarray], list[np.ndarray]]:
    source = face_clip(seconds=2.0, fps=15)
    _, before = decode_all(source)
    facts, after = decode_all(run_profile(source, get_profile("anonymized")))
    assert facts["size"] == (640, 480) and len(after) == len(before) == 30
    return before, after


@pytest.mark.slow
def test_no_face_in_any_frame(detector: FaceDetector, clips) -> None:
    """Every source frame shows a face (score > 0.5); no output frame shows one at the
    detector's threshold, and even at 0.2 nothing is found where the face was."""
    before, after = clips
    faces = [detector.detect(frame, 0.5) for frame in before]
    assert all(faces), [i for i, f in enumerate(faces) if not f]
    leaks = {i: detector.detect(frame, 0.5) for i, frame in enumerate(after)}
    assert not any(leaks.values()), {i: b for i, b in leaks.items() if b}
    for i, frame in enumerate(after):
        near = [b for b in detector.detect(frame, 0.2) if any(iou(b, f) > 0 for f in faces[i])]
        assert not near, (i, near)


@pytest.mark.slow
def test_face_regions_differ_strongly(detector: FaceDetector, clips) -> None:
    """Where the source shows the face, the output differs by > 25 grey levels on
    average (a coarse mosaic, not a light blur), while the picture away from it is kept."""
    before, after = clips
    for src, out in zip(before, after):
        box = max(detector.detect(src, 0.5), key=lambda b: b.score)
        x1, y1, x2, y2 = int(box.x1), int(box.y1), int(box.x2), int(box.y2)
        face = np.abs(src[y1:y2, x1:x2].astype(int) - out[y1:y2, x1:x2].astype(int)).mean()
        assert face > 25, face
        rest = np.abs(src[-80:, :].astype(int) - out[-80:, :].astype(int)).mean()
        assert rest < 12, rest


class _Scripted:
    """A stand-in detector that reports given boxes on given frames (tracking logic)."""

    def __init__(self, answers: dict[int, list[Box]]) -> None:
        self._answers = answers
        self.calls: list[int] = []

    def detect(self, image: np.ndarray, threshold: float | None = None) -> list[Box]:
        frame = int(image[0, 0, 0])  # the frame number is written into the picture
        self.calls.append(frame)
        return self._answers.get(frame, [])

    def detect_turned(self, image: np.ndarray, degrees: float, width: int,
                      threshold: float | None = None) -> list[Box]:
        return []


def _covered(image: np.ndarray, x: int, y: int) -> bool:
    return bool(image[y, x, 1] < 200)  # white frames: the dark mosaic makes 255 about 150


def _run(answers: dict[int, list[Box]], count: int, settings: MaskSettings,
         cut_at: int | None = None) -> list[np.ndarray]:
    masker: FaceMasker[int] = FaceMasker(_Scripted(answers), settings)  # type: ignore[arg-type]
    out = []
    for i in range(count):
        image = np.full((100, 400, 3), 255 if cut_at is None or i < cut_at else 235, np.uint8)
        if cut_at is not None and i >= cut_at:
            image[:, :, 2] = 0  # another scene
        image[0, 0, 0] = i
        out += masker.push(image, i)
    out += masker.flush()
    assert [p for _, p in out] == list(range(count))
    return [image for image, _ in out]


def _box(x: float) -> Box:
    return Box(x, 20, x + 60, 80, 0.9)


def test_a_fast_face_is_covered_between_detections_along_its_path() -> None:
    """Seen at x=10 on frame 0 and x=90 on frame 2 (40 px/frame): frame 1 is covered
    where it was in between (centre x=80), though neither detection saw it there."""
    frames = _run({0: [_box(10)], 2: [_box(90)], 4: [_box(170)]}, 5,
                  MaskSettings(every=2, turned_every=0, pad=0.0))
    assert _covered(frames[1], 80, 50) and _covered(frames[3], 160, 50)
    assert not _covered(frames[1], 300, 50)


def test_a_face_is_covered_before_it_is_first_found() -> None:
    """First found on frame 6: the frames before it are covered there too (`lead`)."""
    frames = _run({6: [_box(200)]}, 9, MaskSettings(every=1, turned_every=0, pad=0.0))
    assert all(_covered(frames[i], 230, 50) for i in range(2, 9))
    assert not _covered(frames[0], 230, 50)


def test_a_lost_face_stays_covered_where_it_was_heading_until_the_timeout() -> None:
    """Seen moving right at 10 px/frame on frames 0-4, then never again: it is covered
    ahead of its last box for a while, and let go after the timeout."""
    seen = {i: [_box(20 + 10 * i)] for i in range(5)}
    settings = MaskSettings(every=1, turned_every=0, pad=0.0)
    frames = _run(seen, 60, settings)
    assert _covered(frames[10], 90, 50) and _covered(frames[10], 170, 50)  # last seen 60-120
    assert _covered(frames[4 + settings.track.timeout], 90, 50)
    assert not _covered(frames[5 + settings.track.timeout], 90, 50)


def test_a_scene_cut_ends_every_track_and_is_detected_at_once() -> None:
    """A face lost at a cut is not carried into the new scene; both sides of the cut
    get a detection although the cadence would skip them."""
    seen = {i: [_box(100)] for i in range(0, 10, 5)}
    scripted = _Scripted(seen)
    masker: FaceMasker[int] = FaceMasker(scripted, MaskSettings(every=5, turned_every=0))  # type: ignore[arg-type]
    out = []
    for i in range(14):
        image = np.full((100, 400, 3), 255 if i < 12 else 20, np.uint8)
        image[0, 0, 0] = i
        out += masker.push(image, i)
    out += masker.flush()
    assert 11 in scripted.calls and 12 in scripted.calls
    frames = [image for image, _ in out]
    assert _covered(frames[11], 130, 50)
    assert frames[12][50, 130, 1] == 20 and frames[13][50, 130, 1] == 20  # untouched


def test_mosaic_is_coarse() -> None:
    """A covered 100x100 face has at most 5x5 distinct cells of few colours."""
    rng = np.random.default_rng(3)
    image = rng.integers(0, 256, (200, 200, 3), dtype=np.uint8)
    mosaic(image, (50, 50, 150, 150), 5)
    region = image[50:150, 50:150].reshape(-1, 3)
    assert len({tuple(c) for c in region}) <= 25
