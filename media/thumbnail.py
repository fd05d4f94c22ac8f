"""Small JPEG pictures of a still photo or of one frame of a video, made in memory.

Both functions take bytes or a seekable file object (a decrypting reader) and return
JPEG bytes; nothing is written anywhere. The picture is turned upright (EXIF
orientation for photos, the display matrix for video) and scaled so that its
longer side is at most `size` pixels.
"""

from __future__ import annotations

import typing

import av
import cv2
import numpy as np

from core.i18n import _
from core.errors import MediaError

from media.transcode_video import clockwise_rotation

QUALITY = 82
_MAX_FRAMES = 12    # frames decoded at most, from the key frame found by seeking
_SPAN = 0.3         # seconds past the wanted time that are still looked at
_TURN = {90: cv2.ROTATE_90_CLOCKWISE, 180: cv2.ROTATE_180, 270: cv2.ROTATE_90_COUNTERCLOCKWISE}
# Errors of a damaged or unexpected file (as opposed to errors of the reader itself).
DECODE_ERRORS = (av.FFmpegError, cv2.error, ValueError, EOFError, IndexError, MediaError)


def fit(width: int, height: int, size: int) -> tuple[int, int]:
    """(width, height) scaled down so that the longer side is at most `size` (even numbers)."""
    scale = min(1.0, size / max(width, height, 1))
    return max(2, int(width * scale) // 2 * 2), max(2, int(height * scale) // 2 * 2)


def encode_jpeg(bgr: np.ndarray) -> bytes:
    """A BGR picture as JPEG bytes."""
    ok, data = cv2.imencode(".jpg", bgr, [cv2.IMWRITE_JPEG_QUALITY, QUALITY])
    if not ok:
        raise MediaError(_("could not encode the thumbnail"))
    return data.tobytes()


def image_thumbnail(data: bytes, size: int = 240, width_hint: int | None = None) -> bytes:
    """A JPEG thumbnail of an encoded image (JPEG, PNG, WebP...).

    `width_hint` (the catalogue's width) lets a large photo be decoded at a
    fraction of its resolution, which is several times faster.
    """
    flag = cv2.IMREAD_COLOR
    if width_hint:
        for factor, reduced in ((8, cv2.IMREAD_REDUCED_COLOR_8), (4, cv2.IMREAD_REDUCED_COLOR_4),
                                (2, cv2.IMREAD_REDUCED_COLOR_2)):
            if width_hint // factor >= size:
                flag = reduced
                break
    picture = cv2.imdecode(np.frombuffer(data, np.uint8), flag)
    if picture is None:
        raise MediaError(_("the picture could not be decoded"))
    h, w = picture.shape[:2]
    tw, th = fit(w, h, size)
    return encode_jpeg(cv2.resize(picture, (tw, th), interpolation=cv2.INTER_AREA))


def video_thumbnail(source: typing.BinaryIO, size: int = 240, at: float = 1.2) -> bytes:
    """A JPEG thumbnail of a video frame about `at` seconds in.

    A camera's first frames are often dark, hence a second in. The decoder seeks to
    the key frame before `at` and decodes at most `_MAX_FRAMES` frames from there, so
    a long 4K video costs a handful of frames, not every frame up to `at`.
    """
    with av.open(source, mode="r") as container:
        if not container.streams.video:
            raise MediaError(_("the file has no picture"))
        stream = container.streams.video[0]
        duration = None
        if stream.duration is not None and stream.time_base:
            duration = float(stream.duration * stream.time_base)
        elif container.duration:
            duration = container.duration / av.time_base
        if duration is not None:
            at = min(at, duration / 2)
        picked = None
        if at > 0 and stream.time_base:
            try:
                container.seek(int(at / stream.time_base), stream=stream, backward=True)
                picked = _frame_near(container, stream, at)
            except DECODE_ERRORS:
                picked = None  # not every file can seek: start from the top instead
        if picked is None:
            container.seek(0, stream=stream, backward=True)
            picked = _frame_near(container, stream, at)
        if picked is None:
            raise MediaError(_("the video has no frame"))
        tw, th = fit(picked.width, picked.height, size)
        turn = clockwise_rotation(picked)
        bgr = picked.to_ndarray(format="bgr24", width=tw, height=th)
    if turn in _TURN:
        bgr = cv2.rotate(bgr, _TURN[turn])
    return encode_jpeg(bgr)


def _frame_near(container: typing.Any, stream: typing.Any, at: float) -> typing.Any:
    """The most detailed of the frames decoded from here to `_SPAN` past `at` (at most
    `_MAX_FRAMES` of them).

    "Most detailed" (the largest spread of brightness) passes over the black frames a
    camera starts with, fades, and the white flash frames of the synthetic source.
    """
    stream.codec_context.flush_buffers()
    best, best_score = None, -1.0
    for count, frame in enumerate(container.decode(stream), 1):
        score = float(frame.to_ndarray(format="gray", width=32, height=18).std())
        if score > best_score:
            best, best_score = frame, score
        if frame.time is None or frame.time >= at + _SPAN or count >= _MAX_FRAMES:
            break
    return best
