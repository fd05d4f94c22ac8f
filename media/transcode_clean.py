"""Outputs carry nothing but what playback needs: no encoder strings, tags or names.

The MP4 muxer already runs `bitexact` (no `encoder` tag) and copies no metadata from
the source. Three things remained, found in a `share` copy's bytes:

- x264 writes its version and every option ("x264 - core 165 - H.264/MPEG-4 AVC
  codec - Copyleft... options: cabac=1 ...") as an SEI message in the first key
  frame: `filter_units=remove_types=6` drops SEI NAL units (x264 writes no other SEI
  for these settings);
- FFmpeg's AAC encoder writes "Lavc<version>" into the stream unless the encoder
  itself runs `bitexact`;
- the muxer names each track's handler ("VideoHandler", "SoundHandler"): emptied by
  media/transcode_mp4.py when it writes the index, with any `udta` box dropped.
"""

from __future__ import annotations

import av
from av.bitstream import BitStreamFilterContext

_DROP_SEI = "filter_units=remove_types=6"


def quiet_encoders(video: av.VideoStream | None, audio: av.AudioStream | None) -> None:
    """Before the first frame: encoders that write no name or version of their own."""
    for stream in (video, audio):
        if stream is not None:
            stream.options = {**dict(stream.options or {}), "flags": "+bitexact"}


class SeiFilter:
    """H.264 packets without SEI messages (x264's version and options string)."""

    def __init__(self, stream: av.VideoStream) -> None:
        self._stream = stream
        self._bsf: BitStreamFilterContext | None = None

    def filter(self, packets: list[av.Packet]) -> list[av.Packet]:
        """The packets, filtered (the filter is opened once the encoder has its headers)."""
        out = []
        for packet in packets:
            if self._bsf is None:
                self._bsf = BitStreamFilterContext(_DROP_SEI, self._stream)
            out += self._bsf.filter(packet)
        for packet in out:
            packet.stream = self._stream
        return out

    def flush(self) -> list[av.Packet]:
        """What the filter still holds, at the end."""
        if self._bsf is None:
            return []
        out = list(self._bsf.filter(None))
        for packet in out:
            packet.stream = self._stream
        return out
