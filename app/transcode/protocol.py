"""The wire between the app and its transcoding worker: framed messages on a socket.

The app keeps the vault, every key and every catalogue row; the worker gets nothing
but what it must decode. It asks for source bytes (`READ` offset, size → `DATA`) and
hands back output bytes (`WRITE` appends; `PATCH` rewrites a few bytes already sent,
the MP4 muxer's size fix-up), progress and a result.

A message is a type byte, a 4-byte big-endian length and the payload: raw bytes, a
struct, or JSON. Never pickle: the worker decodes untrusted media, and a worker taken
over by a hostile file must not be able to run code in the app by what it sends.
"""

from __future__ import annotations

import json
import socket
import struct
from typing import Any

from core.i18n import _
from core.errors import WorkerFailed

# app -> worker
START, DATA, READ_FAILED = 1, 2, 3
# worker -> app
READ, WRITE, PATCH, PROGRESS, DONE, ERROR = 11, 12, 13, 14, 15, 16

MAX_PAYLOAD = 16 * 1024 * 1024
# The hidden argument that makes the standalone app's executable run as the worker.
WORKER_FLAG = "--kua-transcode-worker"
_HEADER = struct.Struct(">BI")
_READ = struct.Struct(">QI")
_PATCH = struct.Struct(">Q")


class Channel:
    """Send and receive whole messages on a connected stream socket."""

    def __init__(self, sock: socket.socket) -> None:
        self.sock = sock
        self._header = bytearray(_HEADER.size)

    def send(self, kind: int, payload: bytes | bytearray | memoryview = b"") -> None:
        """Send one message."""
        self.sock.sendall(_HEADER.pack(kind, len(payload)))
        if payload:
            self.sock.sendall(payload)

    def send_json(self, kind: int, data: Any) -> None:
        """Send one message whose payload is JSON."""
        self.send(kind, json.dumps(data).encode())

    def receive(self) -> tuple[int, bytes]:
        """The next message (type, payload); WorkerFailed if the other end is gone."""
        self._fill(memoryview(self._header))
        kind, length = _HEADER.unpack(self._header)
        if length > MAX_PAYLOAD:
            raise WorkerFailed(None, _("the transcoding process sent a malformed message"))
        payload = bytearray(length)
        self._fill(memoryview(payload))
        return kind, bytes(payload)

    def _fill(self, view: memoryview) -> None:
        while view:
            n = self.sock.recv_into(view)
            if n == 0:
                raise ConnectionResetError("the other end of the job channel closed")
            view = view[n:]

    def close(self) -> None:
        """Close the socket."""
        self.sock.close()


def pack_read(offset: int, size: int) -> bytes:
    """The payload of a READ request."""
    return _READ.pack(offset, size)


def unpack_read(payload: bytes) -> tuple[int, int]:
    """(offset, size) from a READ payload."""
    if len(payload) != _READ.size:
        raise WorkerFailed(None, _("the transcoding process sent a malformed read request"))
    return _READ.unpack(payload)


def pack_patch(offset: int, data: bytes) -> bytes:
    """The payload of a PATCH: where, then the bytes."""
    return _PATCH.pack(offset) + data


def unpack_patch(payload: bytes) -> tuple[int, bytes]:
    """(offset, bytes) from a PATCH payload."""
    if len(payload) < _PATCH.size:
        raise WorkerFailed(None, _("the transcoding process sent a malformed patch"))
    return _PATCH.unpack_from(payload)[0], payload[_PATCH.size:]


def load_json(payload: bytes) -> dict[str, Any]:
    """A JSON object from a payload; WorkerFailed if it is anything else."""
    try:
        data = json.loads(payload)
    except (ValueError, UnicodeDecodeError):
        data = None
    if not isinstance(data, dict):
        raise WorkerFailed(None, _("the transcoding process sent a malformed message"))
    return data
