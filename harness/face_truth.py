"""Clips whose faces are known by construction, and how much of each face an output hides.

The face is the one in scikit-image's `astronaut` photograph (a test-only dependency):
its box in the photo is fixed below. A clip is a list of `Face` paths over a textured
background; each frame pastes every face visible at that frame, scaled to its height
and turned by its tilt, and records where its face box went (a rotated rectangle,
rasterised as a mask). No detector is involved: the truth is where the pixels were put.

`coverage(reference, output, truth)` says, for every face on every frame, the fraction
of its box whose pixels the output changed, compared with the unanonymized render of
the same clip (the `share` profile: same scaler and encoder, no cover).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Callable

import cv2
import numpy as np

# The face's box in the 512x512 astronaut photo (forehead to chin, ear to ear).
PHOTO_FACE = (182, 58, 270, 178)
CHANGED = 12  # a pixel is changed when a channel differs by more than this (encoder noise ~3)

Path = Callable[[int], "tuple[float, float] | None"]  # frame -> face centre, or None: not shown


@dataclass(frozen=True)
class Face:
    """One face: where its centre is on each frame (None: absent), its height and tilt."""

    centre: Path
    height: float                      # face box height in pixels, 720p
    tilt: float = 0.0                  # degrees, counter-clockwise
    grow: float = 0.0                  # height added per frame (leaning in)


@dataclass(frozen=True)
class Scene:
    """Frames [start, end) on one background."""

    start: int
    end: int
    seed: int


@dataclass
class Clip:
    """Rendered frames and, per frame, a mask of each face box shown on it."""

    frames: list[np.ndarray]
    truth: list[list[np.ndarray]] = field(default_factory=list)  # frame -> [bool mask]


def _photo() -> tuple[np.ndarray, tuple[int, int, int, int]]:
    from skimage import data
    photo = data.astronaut()
    x1, y1, x2, y2 = PHOTO_FACE
    # the sprite: the face with hair, ears and some neck, so the detector sees a head
    sx1, sy1, sx2, sy2 = x1 - 40, y1 - 45, x2 + 40, y2 + 35
    return photo[sy1:sy2, sx1:sx2].copy(), (x1 - sx1, y1 - sy1, x2 - sx1, y2 - sy1)


def background(width: int, height: int, seed: int) -> np.ndarray:
    """A textured, faceless picture: colour gradients, blocks and fine noise."""
    rng = np.random.default_rng(seed)
    yy, xx = np.mgrid[0:height, 0:width].astype(np.float32)
    low, high = rng.integers(20, 120, 3), rng.integers(140, 235, 3)  # each scene its palette
    ramp = (xx / width + yy / height)[..., None] / 2
    base = low + (high - low) * (ramp if seed % 2 else 1 - ramp)
    for _ in range(12):
        x, y = rng.integers(0, width), rng.integers(0, height)
        w, h = rng.integers(40, 300), rng.integers(40, 300)
        base[y:y + h, x:x + w] = rng.integers(30, 220, 3)
    base += rng.normal(0, 6, base.shape)
    return np.clip(base, 0, 255).astype(np.uint8)


def render(faces: list[Face], scenes: list[Scene], size: tuple[int, int] = (1280, 720)) -> Clip:
    """Draw every frame of the scenes with the faces visible on it; record their boxes."""
    sprite, (fx1, fy1, fx2, fy2) = _photo()
    width, height = size
    clip = Clip([])
    for scene in scenes:
        ground = background(width, height, scene.seed)
        for index in range(scene.start, scene.end):
            image = ground.copy()
            masks = []
            for face in faces:
                centre = face.centre(index)
                if centre is None:
                    continue
                face_h = face.height + face.grow * index
                masks.append(_paste(image, sprite, (fx1, fy1, fx2, fy2), centre, face_h,
                                    face.tilt))
            clip.frames.append(image)
            clip.truth.append(masks)
    return clip


def _paste(image: np.ndarray, sprite: np.ndarray, box: tuple[int, int, int, int],
           centre: tuple[float, float], face_h: float, tilt: float) -> np.ndarray:
    """Paste the sprite so its face box is `face_h` tall, centred at `centre`, turned by
    `tilt`; returns the mask of the face box in the image."""
    height, width = image.shape[:2]
    x1, y1, x2, y2 = box
    scale = face_h / (y2 - y1)
    face_centre = ((x1 + x2) / 2, (y1 + y2) / 2)
    matrix = cv2.getRotationMatrix2D(face_centre, tilt, scale)
    matrix[0, 2] += centre[0] - face_centre[0]
    matrix[1, 2] += centre[1] - face_centre[1]
    sh, sw = sprite.shape[:2]
    outline = cv2.transform(np.array([[[0, 0], [sw, 0], [sw, sh], [0, sh]]], np.float32), matrix)[0]
    rx1, ry1 = np.maximum(0, np.floor(outline.min(axis=0)).astype(int))
    rx2, ry2 = np.minimum([width, height], np.ceil(outline.max(axis=0)).astype(int) + 1)
    local = matrix.copy()
    local[:, 2] -= (rx1, ry1)
    roi = (int(rx2 - rx1), int(ry2 - ry1))
    alpha = np.zeros((sh, sw), np.float32)
    cv2.ellipse(alpha, (sw // 2, sh // 2), (sw // 2 - 2, sh // 2 - 2), 0, 0, 360, 1.0, -1)
    if roi[0] > 0 and roi[1] > 0:
        warped = cv2.warpAffine(sprite, local, roi, flags=cv2.INTER_LINEAR)
        alpha = cv2.warpAffine(cv2.GaussianBlur(alpha, (9, 9), 0), local, roi)[..., None]
        region = image[ry1:ry2, rx1:rx2]
        region[:] = (region * (1 - alpha) + warped * alpha).astype(np.uint8)
    corners = np.array([[x1, y1], [x2, y1], [x2, y2], [x1, y2]], np.float32)
    placed = cv2.transform(corners[None], matrix)[0]
    mask = np.zeros((height, width), np.uint8)
    cv2.fillConvexPoly(mask, np.round(placed).astype(np.int32), 1)
    return mask.astype(bool)


def linear(start: tuple[float, float], velocity: tuple[float, float], frames: range,
           bounds: tuple[float, float, float, float] = (80, 80, 1200, 640)) -> Path:
    """A centre moving at `velocity` px/frame, bouncing inside `bounds`, on `frames` only."""
    def at(index: int) -> tuple[float, float] | None:
        if index not in frames:
            return None
        t = index - frames.start
        return (_bounce(start[0] + velocity[0] * t, bounds[0], bounds[2]),
                _bounce(start[1] + velocity[1] * t, bounds[1], bounds[3]))
    return at


def _bounce(value: float, low: float, high: float) -> float:
    span = high - low
    phase = (value - low) % (2 * span)
    return low + (phase if phase <= span else 2 * span - phase)


def jumping(first: tuple[float, float], second: tuple[float, float], at: int,
            frames: range) -> Path:
    """A still centre that jumps to another place at frame `at`, without a cut."""
    return lambda index: None if index not in frames else (first if index < at else second)


def hardest_clip() -> Clip:
    """4 s of 720p30: fast, tilted, small, jumping faces, two or more at once, a cut.

    Scene 1 (frames 0-59): a small face (70 px) tilted 25° crossing at 40 px/frame; a
    big face (160 px) tilted -20° that jumps across the picture at frame 30; a face of
    60 px tilted 30° drifting. Scene 2 (60-119, other background): a face leaning in
    from 90 to 200 px while moving 12 px/frame, and a 60 px face tilted -30° moving
    diagonally at 30 px/frame.
    """
    one, two = range(0, 60), range(60, 120)
    faces = [
        Face(linear((150, 220), (40, 0), one), 70, tilt=25),
        Face(jumping((950, 450), (300, 480), 30, one), 160, tilt=-20),
        Face(linear((640, 120), (3, 2), one), 60, tilt=30),
        Face(linear((300, 400), (12, -3), two), 90, grow=1.0),
        Face(linear((1000, 150), (-21, 21), two), 60, tilt=-30),
    ]
    return render(faces, [Scene(0, 60, 1), Scene(60, 120, 2)])


def coverage(reference: list[np.ndarray], output: list[np.ndarray],
             truth: list[list[np.ndarray]]) -> list[tuple[int, int, float]]:
    """(frame, face, fraction of its box changed) for every face on every frame."""
    rows = []
    for index, (ref, out, masks) in enumerate(zip(reference, output, truth)):
        changed = np.abs(ref.astype(np.int16) - out.astype(np.int16)).max(axis=2) > CHANGED
        for number, mask in enumerate(masks):
            rows.append((index, number, float(changed[mask].mean())))
    return rows
