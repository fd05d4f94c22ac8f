"""The transcoding worker process: `python -m app.transcode.worker FD PARENT_PID`
(in the standalone app: `kua --kua-transcode-worker FD PARENT_PID`, packaging/kua_main.py).

Started by app/transcode/process.py with one end of a socket pair as FD. It never sees the
vault, a key or a catalogue row: it reads the source through `RemoteSource` (every
read is a request to the app, which decrypts), writes the output through
`RemoteSink` and reports progress, then exits. A codec crash ends only this process.

It hardens itself first: no core dumps (a core file would hold decoded frames), not
dumpable or traceable by other processes of the user, and killed when the app dies.
"""

from __future__ import annotations

import io
import socket
import sys

from core import platform
from core.seekable import SeekableReader
from core.i18n import _, set_language, system_language
from media.faces_mask import ManualCover
from media.photo import MAX_INPUT_BYTES, transcode_photo
from media.transcode import transcode
from media.transcode_profiles import profile_from_params
from core.errors import KuaError, SourceDamaged, TranscodeFailed
from core.work import MediaProgress

from app.transcode import protocol as wire
SEND_EVERY = 256 * 1024


def harden(parent_pid: int) -> None:
    """No core dumps, not dumpable, die with the parent (and exit if it is gone)."""
    platform.harden_process()
    platform.die_with_parent(parent_pid)


class RemoteSource(SeekableReader):
    """A seekable, read-only file whose bytes come from the app on request."""

    def __init__(self, channel: wire.Channel, size: int) -> None:
        super().__init__(size)
        self._channel = channel

    def _read_at(self, offset: int, out: memoryview) -> int:
        """One request to the app: up to a message's worth of bytes at `offset`."""
        want = min(len(out), wire.MAX_PAYLOAD)
        self._channel.send(wire.READ, wire.pack_read(offset, want))
        kind, payload = self._channel.receive()
        if kind == wire.READ_FAILED:
            raise SourceDamaged(None, payload.decode("utf-8", "replace"))
        if kind != wire.DATA or len(payload) > want:
            raise TranscodeFailed(None, _("the app answered a read with something else"))
        out[:len(payload)] = payload
        return len(payload)


class RemoteSink(io.RawIOBase):
    """Write-only, seekable in what it has been given: appends go to the app in batches,
    rewrites of bytes already sent go as PATCH messages."""

    def __init__(self, channel: wire.Channel) -> None:
        super().__init__()
        self._channel = channel
        self._sent = 0                 # bytes the app has
        self._pending = bytearray()    # bytes after them, not sent yet
        self._pos = 0

    def writable(self) -> bool:
        return True

    def seekable(self) -> bool:
        return True

    def tell(self) -> int:
        return self._pos

    def seek(self, offset: int, whence: int = io.SEEK_SET) -> int:
        end = self._sent + len(self._pending)
        position = {io.SEEK_SET: 0, io.SEEK_CUR: self._pos, io.SEEK_END: end}[whence] + offset
        if not 0 <= position <= end:
            raise OSError("seek outside the output written so far")
        self._pos = position
        return position

    def write(self, data) -> int:  # type: ignore[override]
        data = bytes(data)
        n = len(data)
        if self._pos < self._sent:  # a rewrite of bytes already sent
            head = data[:self._sent - self._pos]
            self._channel.send(wire.PATCH, wire.pack_patch(self._pos, head))
            self._pos += len(head)
            data = data[len(head):]
        if data:
            at = self._pos - self._sent
            self._pending[at:at + len(data)] = data
            self._pos += len(data)
        if len(self._pending) >= SEND_EVERY and self._pos == self._sent + len(self._pending):
            self.flush()
        return n

    def flush(self) -> None:
        """Send every pending byte."""
        if self._pending:
            self._channel.send(wire.WRITE, self._pending)
            self._sent += len(self._pending)
            self._pending = bytearray()


def _progress(channel: wire.Channel):
    def send(p: MediaProgress) -> None:
        channel.send_json(wire.PROGRESS, {"media_time": p.done, "duration": p.total,
                                          "frames": p.frames, "fps": p.fps, "speed": p.rate})
    return send


def serve(channel: wire.Channel) -> None:
    """Run the one job the app sends, then report DONE or ERROR."""
    kind, payload = channel.receive()
    if kind != wire.START:
        raise TranscodeFailed(None, _("the worker expected a job to start"))
    spec = wire.load_json(payload)
    try:
        profile = profile_from_params(spec["profile"])
        source = RemoteSource(channel, int(spec["size"]))
        sink = RemoteSink(channel)
        if spec.get("still"):
            _photo(channel, source, sink, int(spec["size"]), profile.faces)
            return
        covers = tuple(ManualCover(float(c[0]), float(c[1]), tuple(float(v) for v in c[2:6]))
                       for c in spec.get("covers", ()))
        result = transcode(source, sink, profile, name_hint=str(spec.get("name", "")),
                           progress=_progress(channel), covers=covers)
        sink.flush()
    except KuaError as exc:
        at = exc.at if isinstance(exc, TranscodeFailed) else None
        reason = exc.reason if isinstance(exc, TranscodeFailed) else str(exc)
        channel.send_json(wire.ERROR, {"type": type(exc).__name__, "reason": reason, "at": at})
        return
    channel.send_json(wire.DONE, {"duration": result.duration, "frames": result.frames,
                                  "width": result.width, "height": result.height,
                                  "faces_covered": result.faces_covered,
                                  "detections": result.detections,
                                  "spans": [[round(a, 3), round(b, 3), int(c)]
                                            for a, b, c in result.face_spans]})


def _photo(channel: wire.Channel, source: RemoteSource, sink: RemoteSink, size: int,
           faces: bool) -> None:
    """A still: read it whole (it is small), make the clean JPEG, report DONE."""
    if size > MAX_INPUT_BYTES:
        raise TranscodeFailed(None, _("the photo is larger than {mib} MiB").format(
            mib=MAX_INPUT_BYTES >> 20))
    data = bytearray()
    while chunk := source.read(wire.MAX_PAYLOAD):
        data += chunk
    result = transcode_photo(bytes(data), faces=faces)
    sink.write(result.jpeg)
    sink.flush()
    channel.send_json(wire.DONE, {"duration": 0.0, "frames": 1, "width": result.width,
                                  "height": result.height, "faces_covered": result.faces_covered,
                                  "detections": 1 if faces else 0})


def main(argv: list[str]) -> int:
    """Entry point: `python -m app.transcode.worker FD PARENT_PID`."""
    fd, parent = int(argv[0]), int(argv[1])
    harden(parent)
    set_language(system_language())  # LANGUAGE: the app's language (jobs_process)
    channel = wire.Channel(socket.socket(fileno=fd))
    try:
        serve(channel)
    except (ConnectionError, BrokenPipeError):
        return 1  # the app went away: nothing to report to
    except Exception as exc:  # noqa: BLE001 - reported to the app, which names the item
        try:
            channel.send_json(wire.ERROR, {"type": "TranscodeFailed", "at": None,
                                           "reason": _("unexpected {name} in the worker").format(
                                               name=type(exc).__name__)})
        except OSError:
            return 1
    finally:
        channel.close()
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
