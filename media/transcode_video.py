"""The picture path of a transcode: upright, scaled, frame rate capped, H.264.

Phones store portrait video as landscape pictures with a display rotation; every
output is turned upright here (FFmpeg's `transpose`/`hflip,vflip` filters) and carries
no rotation. Scaling and pixel-format conversion happen in the same filter graph, in
C, so a frame only becomes a numpy array when faces must be found in it.
"""

from __future__ import annotations

from fractions import Fraction

import av

from media.transcode_profiles import VideoSpec, output_size

TIME_BASE = Fraction(1, 90000)
_TURN = {90: [("transpose", "clock")], 180: [("hflip", ""), ("vflip", "")],
         270: [("transpose", "cclock")]}


def clockwise_rotation(frame: av.VideoFrame) -> int:
    """The clockwise turn (0, 90, 180, 270) that shows `frame` upright."""
    degrees = -float(frame.rotation or 0)
    return int(round(degrees / 90.0)) * 90 % 360


class FrameRateCap:
    """Keeps at most `fps` frames per second of media time (drops the rest evenly).

    A frame is kept when it is no earlier than a quarter of a frame before its slot,
    so a source at the cap keeps every frame despite timestamp jitter.
    """

    def __init__(self, fps: float) -> None:
        self._step = 1.0 / fps
        self._next: float | None = None

    def keep(self, t: float) -> bool:
        """True if the frame at media time `t` is kept."""
        if self._next is None or t >= self._next - self._step / 4:
            late = self._next is None or t > self._next + self._step
            self._next = (t if late else self._next) + self._step
            return True
        return False


class VideoPath:
    """Turns decoded frames into upright, scaled frames for the encoder (lazily built)."""

    def __init__(self, spec: VideoSpec, pix_fmt: str) -> None:
        self._spec = spec
        self._pix_fmt = pix_fmt  # yuv420p for the encoder, rgb24 to find faces
        self._graph: av.filter.Graph | None = None
        self._key: tuple | None = None
        self.size: tuple[int, int] | None = None  # output width, height

    def plan(self, frame: av.VideoFrame) -> tuple[int, int]:
        """The output size for frames like `frame` (upright, fitted to the profile)."""
        turn = clockwise_rotation(frame)
        width, height = (frame.height, frame.width) if turn in (90, 270) else (frame.width, frame.height)
        return output_size(width, height, self._spec)

    def process(self, frame: av.VideoFrame) -> list[av.VideoFrame]:
        """The output frame(s) for one decoded frame (pts left as decoded)."""
        key = (frame.width, frame.height, frame.format.name, clockwise_rotation(frame))
        if key != self._key:
            self._build(frame, key)
        assert self._graph is not None
        self._graph.vpush(frame)
        out = []
        while True:
            try:
                out.append(self._graph.vpull())
            except (av.BlockingIOError, av.EOFError):
                return out

    def _build(self, frame: av.VideoFrame, key: tuple) -> None:
        width, height = self.size or self.plan(frame)  # the first size stays for the file
        self.size = (width, height)
        graph = av.filter.Graph()
        source = graph.add_buffer(width=frame.width, height=frame.height, format=frame.format,
                                  time_base=frame.time_base or Fraction(1, 90000))
        chain = [graph.add(name, args) for name, args in _TURN.get(key[3], [])]
        chain.append(graph.add("scale", f"{width}:{height}:flags=bicubic"))
        chain.append(graph.add("setsar", "1"))
        chain.append(graph.add("format", self._pix_fmt))
        chain.append(graph.add("buffersink"))
        node = source
        for nxt in chain:
            node.link_to(nxt)
            node = nxt
        graph.configure()
        self._graph, self._key = graph, key


def add_video_stream(output: av.container.OutputContainer, spec: VideoSpec,
                     size: tuple[int, int], fps: float) -> av.VideoStream:
    """An H.264 stream for `spec`: CRF quality, capped by VBV, a keyframe every 2 s.

    Frames keep their own timestamps (`TIME_BASE` ticks): the encoder's time base is
    set to it too. Left unset, PyAV makes it 1/`rate` and rounds every frame onto that
    grid; `rate` is only the source's nominal rate (its average, lowered by dropped
    frames or a short clip: 29.4 for a 30 fps master rounds to 29), so two frames
    could land on one tick, and x264's repeated timestamps then made the muxer refuse
    the packets ("non monotonically increasing dts").
    """
    rate = max(1, min(int(round(fps)), int(spec.max_fps)))
    stream = output.add_stream("libx264", rate=rate, time_base=TIME_BASE)
    stream.width, stream.height = size
    stream.pix_fmt = "yuv420p"
    stream.time_base = TIME_BASE
    stream.options = {
        "preset": spec.preset, "crf": str(spec.crf), "profile": spec.profile,
        "level": spec.level, "maxrate": f"{spec.maxrate_kbps}k",
        "bufsize": f"{2 * spec.maxrate_kbps}k", "g": str(2 * rate),
    }
    return stream
