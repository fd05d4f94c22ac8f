"""Shareable copies of photos: a clean JPEG of at most 2048 px, faces hidden if asked.

`transcode_photo(data, faces=...)` takes the photo's bytes (JPEG, PNG or WebP) and
returns a new JPEG made from its pixels only: OpenCV's encoder writes a bare JFIF
header, so nothing of the source's EXIF, XMP, IPTC or comments (GPS position, camera
make and serial number, dates, names) can come along. The picture is turned upright
by its EXIF orientation first (OpenCV's decoder applies it).

The size is read from the file's header before anything is decoded, and a photo of
more than `MAX_INPUT_SIDE` px a side or `MAX_INPUT_PIXELS` pixels is refused (a
20,000-px image would need gigabytes); a large JPEG is decoded at a reduced scale
(the decoder's 1/2, 1/4, 1/8), never bigger than needed. A JPEG without its end
marker after the image data is truncated: refused as damaged, not padded with grey.

With `faces`, every face is covered with the video's dark mosaic: photos have no
neighbouring frames to lean on, so the detector runs at several scales (640 px wide
for big faces, the whole picture for small ones, in overlapping tiles of at most
1024 px) and turned by ±25° for tilted heads, all at the low new-face threshold.
"""

from __future__ import annotations

import struct
from dataclasses import dataclass

import cv2
import numpy as np

from core.i18n import _
from core.errors import MissingStream, SourceDamaged, TranscodeFailed

from media.faces import Box
from media.faces_mask import Detector, MaskSettings, mosaic, padded

MAX_SIDE = 2048                 # output: longest side
MAX_INPUT_SIDE = 16384
MAX_INPUT_PIXELS = 120_000_000  # a 108 MP phone photo passes
MAX_INPUT_BYTES = 128 * 1024 * 1024
QUALITY = 88
TILE = 1024


@dataclass(frozen=True, slots=True)
class PhotoResult:
    """The new JPEG and what it is."""

    jpeg: bytes
    width: int
    height: int
    faces_covered: int


def header_size(data: bytes) -> tuple[str, int, int]:
    """(format, width, height) from the header alone; MissingStream if not a photo."""
    if data[:3] == b"\xff\xd8\xff":
        return ("jpeg", *_jpeg_size(data))
    if data[:8] == b"\x89PNG\r\n\x1a\n" and data[12:16] == b"IHDR" and len(data) >= 24:
        width, height = struct.unpack(">II", data[16:24])
        return "png", width, height
    if data[:4] == b"RIFF" and data[8:12] == b"WEBP" and len(data) >= 30:
        return ("webp", *_webp_size(data))
    raise MissingStream(None, _("it is not a JPEG, PNG or WebP photo"))


def _jpeg_size(data: bytes) -> tuple[int, int]:
    offset = 2
    while offset + 4 <= len(data):
        if data[offset] != 0xFF:
            break
        marker = data[offset + 1]
        if marker == 0xFF:  # fill byte
            offset += 1
            continue
        length = struct.unpack(">H", data[offset + 2:offset + 4])[0]
        if 0xC0 <= marker <= 0xCF and marker not in (0xC4, 0xC8, 0xCC):
            if offset + 9 > len(data):
                break
            height, width = struct.unpack(">HH", data[offset + 5:offset + 9])
            return width, height
        offset += 2 + length
    raise SourceDamaged(None, _("the JPEG has no readable frame header (damaged or truncated)"))


def _webp_size(data: bytes) -> tuple[int, int]:
    chunk = data[12:16]
    if chunk == b"VP8X":
        width = 1 + int.from_bytes(data[24:27], "little")
        height = 1 + int.from_bytes(data[27:30], "little")
        return width, height
    if chunk == b"VP8L":
        bits = int.from_bytes(data[21:25], "little")
        return 1 + (bits & 0x3FFF), 1 + ((bits >> 14) & 0x3FFF)
    if chunk == b"VP8 ":
        width, height = struct.unpack("<HH", data[26:30])
        return width & 0x3FFF, height & 0x3FFF
    raise SourceDamaged(None, _("the WebP header is not readable"))


def _check_whole(kind: str, data: bytes) -> None:
    """Refuse a photo cut short (its decoder would paint the rest grey)."""
    if kind == "jpeg":
        start = data.find(b"\xff\xda")  # start of scan: the image data follows
        if start < 0 or data.find(b"\xff\xd9", start) < 0:
            raise SourceDamaged(None, _("the JPEG is truncated (its image data has no end)"))
    elif kind == "png" and b"IEND" not in data[-64:]:
        raise SourceDamaged(None, _("the PNG is truncated (it has no end chunk)"))


def _decode(kind: str, data: bytes, width: int) -> np.ndarray:
    flag = cv2.IMREAD_COLOR
    if kind == "jpeg":
        for factor, reduced in ((8, cv2.IMREAD_REDUCED_COLOR_8), (4, cv2.IMREAD_REDUCED_COLOR_4),
                                (2, cv2.IMREAD_REDUCED_COLOR_2)):
            if width // factor >= MAX_SIDE:
                flag = reduced
                break
    try:
        picture = cv2.imdecode(np.frombuffer(data, np.uint8), flag)
    except cv2.error:
        picture = None
    if picture is None:
        raise SourceDamaged(None, _("the {kind} could not be decoded").format(kind=kind.upper()))
    return cv2.cvtColor(picture, cv2.COLOR_BGR2RGB)


def transcode_photo(data: bytes, faces: bool = False, detector: Detector | None = None,
                    settings: MaskSettings = MaskSettings()) -> PhotoResult:
    """A clean JPEG of the photo in `data` (see the module doc)."""
    if len(data) > MAX_INPUT_BYTES:
        raise TranscodeFailed(None, _("the photo is larger than {size} MiB").format(
            size=MAX_INPUT_BYTES >> 20))
    kind, width, height = header_size(data)
    if not width or not height:
        raise SourceDamaged(None, _("the photo's header gives it no size"))
    if max(width, height) > MAX_INPUT_SIDE or width * height > MAX_INPUT_PIXELS:
        raise TranscodeFailed(None, _("the photo is {width}x{height} pixels: Kua takes photos of"
                                      " at most {side} px a side and {megapixels}"
                                      " megapixels").format(
            width=width, height=height, side=MAX_INPUT_SIDE,
            megapixels=MAX_INPUT_PIXELS // 1_000_000))
    _check_whole(kind, data)
    picture = _decode(kind, data, width)
    h, w = picture.shape[:2]
    scale = min(1.0, MAX_SIDE / max(w, h))
    if scale < 1:
        picture = cv2.resize(picture, (max(1, round(w * scale)), max(1, round(h * scale))),
                             interpolation=cv2.INTER_AREA)
    covered = 0
    if faces:
        if detector is None:
            from media.faces import FaceDetector
            detector = FaceDetector()
        boxes = find_faces(picture, detector, settings)
        h, w = picture.shape[:2]
        for box in boxes:
            mosaic(picture, padded(box, settings.pad, w, h), settings.blocks)
        covered = len(boxes)
    ok, jpeg = cv2.imencode(".jpg", cv2.cvtColor(picture, cv2.COLOR_RGB2BGR),
                            [cv2.IMWRITE_JPEG_QUALITY, QUALITY])
    if not ok:
        raise TranscodeFailed(None, _("the JPEG encoder refused the picture"))
    return PhotoResult(jpeg.tobytes(), picture.shape[1], picture.shape[0], covered)


def find_faces(picture: np.ndarray, detector: Detector, settings: MaskSettings) -> list[Box]:
    """Faces at every scale and tilt in one still picture (RGB)."""
    h, w = picture.shape[:2]
    found = list(detector.detect(picture, settings.threshold))
    for tilt in settings.tilts:
        found += detector.detect_turned(picture, tilt, 640, settings.threshold)
    if max(w, h) > 640:  # the whole picture at full size, in overlapping tiles
        step = TILE * 3 // 4
        for y in range(0, max(1, h - TILE // 4), step):
            for x in range(0, max(1, w - TILE // 4), step):
                tile = np.ascontiguousarray(picture[y:y + TILE, x:x + TILE])
                for b in _full_size(detector, tile, settings.threshold):
                    found.append(Box(b.x1 + x, b.y1 + y, b.x2 + x, b.y2 + y, b.score))
    return found


def _full_size(detector: Detector, tile: np.ndarray, threshold: float) -> list[Box]:
    """Detect on `tile` without scaling it down (the detector's width set to the tile's)."""
    width = getattr(detector, "width", None)
    if width is None:
        return detector.detect(tile, threshold)
    detector.width = tile.shape[1]  # type: ignore[attr-defined]
    try:
        return detector.detect(tile, threshold)
    finally:
        detector.width = width  # type: ignore[attr-defined]
