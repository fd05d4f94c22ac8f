"""A video file replayed at its own pace, as if it were live (`file:PATH`)."""

from __future__ import annotations

from pathlib import Path

import av
import numpy as np

from core.i18n import _
from core.errors import MediaError

from media.probe import probe
from media.sources import AudioChunk, Frame, Pacer, SourceInfo


class FileSource:
    """Decode a video file and deliver its frames and audio on the wall clock."""

    def __init__(self, path: str, realtime: bool = True) -> None:
        file = Path(path)
        if not file.is_file():
            raise MediaError(_("{path} is not a file").format(path=path))
        with open(file, "rb") as f:  # the same checks as `kua add`: no text-as-video
            if probe(f, file.name).media_type != "video":
                raise MediaError(_("{path} is not a video file Kua can read").format(path=path))
        try:
            self._container = av.open(str(file))
        except (av.FFmpegError, UnicodeDecodeError, ValueError):
            raise MediaError(_("{path} is not a video file Kua can read").format(path=path)) from None
        if not self._container.streams.video:
            self._container.close()
            raise MediaError(_("{path} has no video").format(path=path))
        video = self._container.streams.video[0]
        audio = self._container.streams.audio[0] if self._container.streams.audio else None
        fps = float(video.average_rate or video.guessed_rate or 30)
        self._video, self._audio = video, audio
        if audio is not None:
            self._resampler = av.AudioResampler(format="s16", layout="mono", rate=48000)
        self.info = SourceInfo(video.codec_context.width, video.codec_context.height, fps,
                               48000 if audio is not None else None, 1, f"file {file.name}")
        self._pacer = Pacer(realtime)
        self._packets = None
        self._pending: list[Frame | AudioChunk] = []
        self._stopped = False
        self._start: float | None = None
        self._check_decodes()

    def _check_decodes(self) -> None:
        """Fail now, with nothing created, if the first frame cannot be decoded."""
        try:
            for _unused in self._container.decode(self._video):
                break
            else:
                raise MediaError(_("the file has no decodable video frame"))
            self._container.seek(0)
        except av.FFmpegError:
            raise MediaError(_("the file is damaged: its video cannot be decoded")) from None

    def start(self) -> None:
        """Start demuxing from the beginning."""
        streams = [s for s in (self._video, self._audio) if s is not None]
        self._packets = self._container.demux(*streams)

    def stop(self) -> None:
        """End the stream at the next read."""
        self._stopped = True

    def close(self) -> None:
        """Close the file."""
        self._container.close()

    def read(self) -> Frame | AudioChunk | None:
        """The next frame or audio chunk, when its time has come."""
        while not self._pending:
            if self._stopped:
                return None
            try:
                packet = next(self._packets)
            except StopIteration:
                return None
            except av.FFmpegError:
                return None  # a damaged tail: the recording keeps what came before
            try:
                decoded = packet.decode()
            except av.FFmpegError:
                continue  # one damaged packet: skip it, as a live device would
            for frame in decoded:
                self._queue_frame(frame)
        item = self._pending.pop(0)
        self._pacer.wait_until(item.pts)
        return item

    def _queue_frame(self, frame) -> None:
        if frame.pts is None or frame.time_base is None:
            return
        pts = float(frame.pts * frame.time_base)
        if self._start is None:
            self._start = pts
        pts -= self._start
        if isinstance(frame, av.VideoFrame):
            self._pending.append(Frame(max(0.0, pts), frame.to_ndarray(format="rgb24")))
        else:
            for out in self._resampler.resample(frame):
                samples = out.to_ndarray().reshape(-1, 1).astype(np.int16)
                self._pending.append(AudioChunk(max(0.0, pts), samples))
