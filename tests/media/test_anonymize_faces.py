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
    """A stand-in detector that reports given boxes on given calls (tracking logic)."""

    def __init__(self, answers: list[list[Box]]) -> None:
        self._answers = answers
        self.calls = 0

    def detect(self, image: np.ndarray, threshold: float | None = None) -> list[Box]:
        answer = self._answers[min(self.calls, len(self._answers) - 1)]
        self.calls += 1
        return answer


def _covered(image: np.ndarray, x: int, y: int) -> bool:
    return bool(image[y, x].max() < 250)  # white frames: the mosaic quantises 255 to 240


def test_frames_between_detections_are_covered_at_both_positions() -> None:
    """A face seen at (10,10) then (60,10) three frames later: the frames in between are
    covered over both places; a face the detector then misses stays covered."""
    a, b = Box(10, 10, 30, 30, 0.9), Box(60, 10, 80, 30, 0.9)
    scripted = _Scripted([[a], [b], [], [], [], []])
    masker: FaceMasker[int] = FaceMasker(scripted, MaskSettings(interval=3, hold=2))  # type: ignore[arg-type]
    out = []
    for i in range(13):
        out += masker.push(np.full((60, 120, 3), 255, dtype=np.uint8), i)
    out += masker.flush()
    assert [p for _, p in out] == list(range(13))
    first, between, second = out[0][0], out[1][0], out[3][0]
    assert _covered(first, 20, 20) and not _covered(first, 70, 20)
    assert _covered(between, 20, 20) and _covered(between, 70, 20)
    assert _covered(second, 70, 20)
    assert _covered(out[6][0], 70, 20) and _covered(out[9][0], 70, 20)  # missed: held twice
    assert not _covered(out[12][0], 70, 20)  # missed beyond `hold`: let go


def test_scene_cut_triggers_a_detection() -> None:
    """A cut (the picture changes wholesale) is detected at once, not frames later."""
    scripted = _Scripted([[]])
    masker: FaceMasker[int] = FaceMasker(scripted, MaskSettings(interval=30))  # type: ignore[arg-type]
    for i in range(5):
        masker.push(np.full((60, 120, 3), 20, dtype=np.uint8), i)
    calls = scripted.calls
    masker.push(np.full((60, 120, 3), 230, dtype=np.uint8), 5)
    assert scripted.calls == calls + 2  # closes the old scene and opens the new one


def test_mosaic_is_coarse() -> None:
    """A covered 100x100 face has at most 5x5 distinct cells of few colours."""
    rng = np.random.default_rng(3)
    image = rng.integers(0, 256, (200, 200, 3), dtype=np.uint8)
    mosaic(image, (50, 50, 150, 150), 5)
    region = image[50:150, 50:150].reshape(-1, 3)
    assert len({tuple(c) for c in region}) <= 25
