"""Hide every face on every frame: detect, track, cover with a coarse, dark mosaic.

Frames go in one at a time (`push`) and come out in order, `hold` frames later: by the
time a frame is covered, the detections of the frames after it are known, so a face is
covered on the frames before it was first found (`lead`), and between two detections
by the box interpolated along its path (media/faces_track.py). Detection passes:

- upright, at the detector's width (640 px: a 60 px face of 720p is 30 px there), on
  every `every`-th frame, and always on both sides of a scene cut;
- turned by each of `tilts` in turn, at `turned_width`, every `turned_every` frames:
  heads tilted further than the upright pass tolerates;
- at a low score `threshold` (0.2) for a new face, and lower still (0.1) for one
  already tracked: a false cover costs little, a missed face a family. (A helmet's
  ring scored 0.1-0.16 on the astronaut photo; a 40 px face of 720p scores 0.08-0.3.)

A face lost without a scene cut stays covered where it was heading until it is found
again or `timeout` frames pass (the fail-safe). Memory holds `hold` frames and the
recent sightings: flat in the input's length.

The cover is a mosaic of at most `blocks` cells across the padded box, colours
quantised and darkened: too little left to recognise or to rebuild from many frames,
and no covered pixel keeps its value by chance (a light mosaic over smooth skin left
one pixel in ten within a few levels of the face's own).

`manual` covers (rectangles for spans of time, drawn in a review) are applied too.
"""

from __future__ import annotations

from collections import deque
from dataclasses import dataclass, field
from typing import Generic, Protocol, TypeVar

import cv2
import numpy as np

from media.faces import Box
from media.faces_track import Tracker, TrackSettings

T = TypeVar("T")


class Detector(Protocol):
    """What the masker needs of a face detector (media/faces.py's FaceDetector)."""

    def detect(self, image: np.ndarray, threshold: float | None = None) -> list[Box]: ...

    def detect_turned(self, image: np.ndarray, degrees: float, width: int,
                      threshold: float | None = None) -> list[Box]: ...


@dataclass(frozen=True, slots=True)
class MaskSettings:
    """How faces are found and covered."""

    every: int = 2               # frames between upright detections
    turned_every: int = 4        # frames between turned passes (0: none)
    tilts: tuple[float, ...] = (25.0, -25.0)
    turned_width: int = 360
    threshold: float = 0.2       # detector score of a new face: recall over precision
    keep_threshold: float = 0.1  # of a face already tracked (hysteresis: no flicker)
    pad: float = 0.3             # added on each side, as a fraction of the box size
    blocks: int = 5              # mosaic cells across the longer side of a box
    cut: float = 30.0            # mean grey difference of thumbnails that means a scene cut
    track: TrackSettings = field(default_factory=TrackSettings)

    @property
    def hold(self) -> int:
        """Frames held back: the lead, and at least one upright detection ahead."""
        return max(self.track.lead, self.every)


@dataclass(frozen=True, slots=True)
class ManualCover:
    """A rectangle covered from `start` to `end` (payload units: seconds), as fractions
    of the picture's width and height (so it fits any output size)."""

    start: float
    end: float
    rect: tuple[float, float, float, float]   # x1, y1, x2, y2 in 0..1


def padded(box: Box, pad: float, width: int, height: int) -> tuple[int, int, int, int]:
    """The box grown by `pad` of its size on each side (more above: hair), in the image."""
    dx, dy = box.width * pad, box.height * pad
    return (max(0, int(box.x1 - dx)), max(0, int(box.y1 - dy * 1.2)),
            min(width, int(np.ceil(box.x2 + dx))), min(height, int(np.ceil(box.y2 + dy))))


def mosaic(image: np.ndarray, rect: tuple[int, int, int, int], blocks: int) -> None:
    """Replace `rect` (x1, y1, x2, y2) of `image` in place by a coarse, dark mosaic."""
    x1, y1, x2, y2 = rect
    if x2 - x1 < 2 or y2 - y1 < 2:
        return
    region = image[y1:y2, x1:x2]
    h, w = region.shape[:2]
    cell = max(h, w) / blocks
    small = cv2.resize(region, (max(1, round(w / cell)), max(1, round(h / cell))),
                       interpolation=cv2.INTER_AREA)
    small = ((small // 32) * 32 + 16) // 2 + 24
    image[y1:y2, x1:x2] = cv2.resize(small, (w, h), interpolation=cv2.INTER_NEAREST)


def _thumb(image: np.ndarray) -> np.ndarray:
    grey = cv2.cvtColor(cv2.resize(image, (32, 18), interpolation=cv2.INTER_AREA), cv2.COLOR_RGB2GRAY)
    return grey.astype(np.int16)


@dataclass(slots=True)
class _Held(Generic[T]):
    index: int
    scene: int
    image: np.ndarray
    payload: T
    detected: bool = False


class FaceMasker(Generic[T]):
    """Feed RGB frames in order with `push`; covered frames come out in order, delayed.

    Each frame travels with a payload of the caller's (its time in seconds, for manual
    covers and the record). Call `flush()` at the end for the frames still held.
    `spans` records, in payload terms, the runs of frames with and without a cover:
    `[first, last, covered]`.
    """

    def __init__(self, detector: Detector, settings: MaskSettings = MaskSettings(),
                 manual: tuple[ManualCover, ...] = ()) -> None:
        self._detector = detector
        self._s = settings
        self._manual = manual
        self._tracker = Tracker(settings.track)
        self._held: deque[_Held[T]] = deque()
        self._last_thumb: np.ndarray | None = None
        self._scene = 0
        self._scene_start = 0
        self.frames = 0
        self.detections = 0     # detector passes
        self.faces_covered = 0  # frame-box pairs covered
        self.spans: list[list] = []

    def push(self, image: np.ndarray, payload: T) -> list[tuple[np.ndarray, T]]:
        """Take one frame; returns the frames whose covers are now known."""
        index = self.frames
        self.frames += 1
        thumb = _thumb(image)
        cut = (self._last_thumb is not None
               and float(np.mean(np.abs(thumb - self._last_thumb))) > self._s.cut)
        self._last_thumb = thumb
        if cut:
            if self._held and not self._held[-1].detected:
                self._detect(self._held[-1], upright=True)  # the old scene's last frame
            self._scene += 1
            self._scene_start = index
        held = _Held(index, self._scene, image, payload)
        self._held.append(held)
        upright = (index - self._scene_start) % self._s.every == 0
        turned = self._s.turned_every > 0 and index % self._s.turned_every == 0
        if upright or turned:
            self._detect(held, upright, turned)
        out = []
        while self._held and self._held[0].index <= index - self._s.hold:
            out.append(self._emit(self._held.popleft()))
        return out

    def flush(self) -> list[tuple[np.ndarray, T]]:
        """The frames still held back, covered (detecting on the last one)."""
        if self._held and not self._held[-1].detected:
            self._detect(self._held[-1], upright=True)
        out = [self._emit(held) for held in self._held]
        self._held.clear()
        return out

    def _detect(self, held: _Held[T], upright: bool, turned: bool = False) -> None:
        s = self._s
        found: list[Box] = []
        tilted: list[Box] = []
        if upright:
            found = self._detector.detect(held.image, s.keep_threshold)
            self.detections += 1
            held.detected = True
        if turned and s.tilts:
            tilt = s.tilts[(held.index // s.turned_every) % len(s.tilts)]
            tilted = self._detector.detect_turned(held.image, tilt, s.turned_width,
                                                  s.keep_threshold)
            self.detections += 1
        self._tracker.add(held.index, held.scene, _merged(found, tilted), s.threshold)

    def _emit(self, held: _Held[T]) -> tuple[np.ndarray, T]:
        image = held.image
        height, width = image.shape[:2]
        boxes = self._tracker.covers(held.index, held.scene)
        for rect in _joined([padded(box, self._s.pad, width, height) for box in boxes]):
            mosaic(image, rect, self._s.blocks)
        for cover in self._manual:
            if cover.start <= held.payload <= cover.end:  # type: ignore[operator]
                x1, y1, x2, y2 = cover.rect
                mosaic(image, (int(x1 * width), int(y1 * height), int(np.ceil(x2 * width)),
                               int(np.ceil(y2 * height))), self._s.blocks)
        self.faces_covered += len(boxes)
        self._record(held.payload, bool(boxes))
        self._tracker.forget_before(held.index + 1)
        return image, held.payload

    def _record(self, payload: T, covered: bool) -> None:
        if self.spans and self.spans[-1][2] == covered:
            self.spans[-1][1] = payload
        else:
            self.spans.append([payload, payload, covered])


def _joined(rects: list[tuple[int, int, int, int]]) -> list[tuple[int, int, int, int]]:
    """Rectangles that mostly overlap joined into the one around them (fewer mosaics)."""
    rects = list(rects)
    joined = True
    while joined:
        joined = False
        for i in range(len(rects)):
            for j in range(i + 1, len(rects)):
                a, b = rects[i], rects[j]
                w = min(a[2], b[2]) - max(a[0], b[0])
                h = min(a[3], b[3]) - max(a[1], b[1])
                smaller = min((a[2] - a[0]) * (a[3] - a[1]), (b[2] - b[0]) * (b[3] - b[1]))
                if w > 0 and h > 0 and w * h > 0.5 * smaller:
                    rects[i] = (min(a[0], b[0]), min(a[1], b[1]), max(a[2], b[2]), max(a[3], b[3]))
                    del rects[j]
                    joined = True
                    break
            if joined:
                break
    return rects


def _merged(upright: list[Box], turned: list[Box]) -> list[Box]:
    """One box per face: a turned pass's box (the upright box around a turned one, so
    larger) only where the upright pass found nothing."""
    out = list(upright)
    for box in turned:
        if all(_overlap(box, kept) <= 0.4 for kept in out):
            out.append(box)
    return out


def _overlap(a: Box, b: Box) -> float:
    """Intersection over the smaller box."""
    w = max(0.0, min(a.x2, b.x2) - max(a.x1, b.x1))
    h = max(0.0, min(a.y2, b.y2) - max(a.y1, b.y1))
    smaller = min(a.width * a.height, b.width * b.height)
    return w * h / smaller if smaller > 0 else 0.0
