"""Hide every face on every frame: detect, track, cover with a coarse mosaic.

Detection costs tens of milliseconds, so it runs every `interval` frames and at every
scene cut. No face may show even for the frames between two detections, so frames are
held back until the next detection is known, and each frame in between is covered with
what *both* detections found: for a face seen at both ends, the box spanning both
positions; for a face that appears, its new box; for one the detector lost, its last
box, kept for `hold` more detections (detectors flicker). Every box is padded (hair,
ears, motion). A face visible for less than `interval` frames between two detections,
without a scene cut, can be missed: at 30 fps that is under a tenth of a second.

The cover is a mosaic of at most `blocks` cells across the padded box, colours
quantised: far too little left to recognise, or to rebuild from many frames
(temporal super-resolution works on fine pixelation, not on five cells).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Generic, TypeVar

import cv2
import numpy as np

from .faces import Box, FaceDetector, iou

T = TypeVar("T")


@dataclass(frozen=True, slots=True)
class MaskSettings:
    """How faces are found and covered."""

    interval: int = 3          # frames between detections
    hold: int = 3              # detections a lost face stays covered
    threshold: float = 0.3     # detector score: recall over precision
    pad: float = 0.3           # added on each side, as a fraction of the box size
    blocks: int = 5            # mosaic cells across the longer side of a box
    cut: float = 30.0          # mean grey difference of thumbnails that means a scene cut


@dataclass(slots=True)
class _Track:
    box: Box
    previous: Box | None       # where it was at the detection before, if seen there
    misses: int = 0


def _union(a: Box, b: Box) -> Box:
    return Box(min(a.x1, b.x1), min(a.y1, b.y1), max(a.x2, b.x2), max(a.y2, b.y2))


def _padded(box: Box, pad: float, width: int, height: int) -> tuple[int, int, int, int]:
    dx, dy = box.width * pad, box.height * pad
    return (max(0, int(box.x1 - dx)), max(0, int(box.y1 - dy * 1.2)),
            min(width, int(np.ceil(box.x2 + dx))), min(height, int(np.ceil(box.y2 + dy))))


def mosaic(image: np.ndarray, rect: tuple[int, int, int, int], blocks: int) -> None:
    """Replace `rect` (x1, y1, x2, y2) of `image` in place by a coarse, quantised mosaic."""
    x1, y1, x2, y2 = rect
    if x2 - x1 < 2 or y2 - y1 < 2:
        return
    region = image[y1:y2, x1:x2]
    h, w = region.shape[:2]
    cell = max(h, w) / blocks
    small = cv2.resize(region, (max(1, round(w / cell)), max(1, round(h / cell))),
                       interpolation=cv2.INTER_AREA)
    small = (small // 32) * 32 + 16
    image[y1:y2, x1:x2] = cv2.resize(small, (w, h), interpolation=cv2.INTER_NEAREST)


def _thumb(image: np.ndarray) -> np.ndarray:
    grey = cv2.cvtColor(cv2.resize(image, (32, 18), interpolation=cv2.INTER_AREA), cv2.COLOR_RGB2GRAY)
    return grey.astype(np.int16)


class FaceMasker(Generic[T]):
    """Feed RGB frames in order with `push`; masked frames come out in order, delayed.

    Each frame travels with a payload of the caller's (e.g. its timestamp). Call
    `flush()` at the end for the frames still held back.
    """

    def __init__(self, detector: FaceDetector, settings: MaskSettings = MaskSettings()) -> None:
        self._detector = detector
        self._s = settings
        self._tracks: list[_Track] = []
        self._pending: list[tuple[np.ndarray, T]] = []
        self._last_thumb: np.ndarray | None = None
        self.frames = 0
        self.detections = 0
        self.faces_covered = 0  # frame-face pairs covered

    def push(self, image: np.ndarray, payload: T) -> list[tuple[np.ndarray, T]]:
        """Take one frame; returns the frames whose masks are now known."""
        self.frames += 1
        thumb = _thumb(image)
        cut = (self._last_thumb is not None
               and float(np.mean(np.abs(thumb - self._last_thumb))) > self._s.cut)
        self._last_thumb = thumb
        out: list[tuple[np.ndarray, T]] = []
        if cut and self._pending:  # close the old scene at its last frame
            out += self._close_segment()
        if self.detections == 0 or cut:
            self._detect(image)
            out += self._emit(self._pending, self._covers(spanning=False))
            self._pending = []
            out += self._emit([(image, payload)], self._covers(spanning=False))
            return out
        self._pending.append((image, payload))
        if len(self._pending) >= self._s.interval:
            out += self._close_segment()
        return out

    def flush(self) -> list[tuple[np.ndarray, T]]:
        """The frames still held back, masked (detecting on the last one)."""
        return self._close_segment() if self._pending else []

    def _close_segment(self) -> list[tuple[np.ndarray, T]]:
        *between, last = self._pending
        self._pending = []
        self._detect(last[0])
        return self._emit(between, self._covers(spanning=True)) + \
            self._emit([last], self._covers(spanning=False))

    def _detect(self, image: np.ndarray) -> None:
        self.detections += 1
        found = self._detector.detect(image, self._s.threshold)
        tracks = sorted(self._tracks, key=lambda t: t.misses)
        unmatched = list(found)
        kept: list[_Track] = []
        for track in tracks:
            best = max(unmatched, key=lambda b: self._closeness(track.box, b), default=None)
            if best is not None and self._closeness(track.box, best) > 0:
                unmatched.remove(best)
                kept.append(_Track(best, track.box))
            elif track.misses < self._s.hold:
                kept.append(_Track(track.box, track.box, track.misses + 1))
        kept += [_Track(box, None) for box in unmatched]
        self._tracks = kept

    @staticmethod
    def _closeness(a: Box, b: Box) -> float:
        """> 0 when `b` is plausibly the same face as `a` one detection later."""
        if iou(a, b) > 0.05:
            return 1.0 + iou(a, b)
        (ax, ay), (bx, by) = a.centre, b.centre
        reach = max(a.width, a.height, b.width, b.height)
        distance = ((ax - bx) ** 2 + (ay - by) ** 2) ** 0.5
        return 1.0 - distance / reach if distance < reach else 0.0

    def _covers(self, spanning: bool) -> list[Box]:
        """Boxes to cover: at the detection, or (`spanning`) on the frames before it."""
        if not spanning:
            return [t.box for t in self._tracks]
        return [_union(t.box, t.previous) if t.previous is not None else t.box
                for t in self._tracks]

    def _emit(self, frames: list[tuple[np.ndarray, T]], boxes: list[Box]) -> list[tuple[np.ndarray, T]]:
        for image, _ in frames:
            height, width = image.shape[:2]
            for box in boxes:
                mosaic(image, _padded(box, self._s.pad, width, height), self._s.blocks)
            self.faces_covered += len(boxes)
        return frames
