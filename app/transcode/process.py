"""Run one transcode in a worker process and serve it: source bytes out, output in.

The worker is `python -m app.transcode.worker` (a plain subprocess, not a fork of the app:
it inherits no vault, key, file descriptor or thread of it). Its environment is the
app's without any `KUA_*` variable (KUA_PASSPHRASE must not reach it), its working
folder is `/`, its stdin, stdout and stderr go nowhere (KUA_DEBUG=1 keeps stderr).
It talks over a socket pair (app/transcode/protocol.py). Secrets never travel: the worker
gets the job's profile, the source's size and a neutral name such as `input.mp4`.

The app's side is a loop on the calling thread: it answers reads from the source,
hands output bytes to `sink`, passes progress on, and checks its `CancelToken` at least
every 0.2 s. Stopping, a watchdog timeout or a dead worker end in killing it.
"""

from __future__ import annotations

import os
import select
import signal
import socket
import subprocess
import sys
from pathlib import Path
from typing import Any, BinaryIO, Callable, Protocol

from core.i18n import _, current_language
from core.errors import (KuaError, MissingStream, SourceDamaged, TranscodeFailed,
                            WorkerFailed)
from core.work import SECONDS, CancelToken, MediaProgress

from app.transcode import protocol as wire
WATCHDOG = 300.0   # seconds without a word from the worker before it is given up
_POLL = 0.2
_CODE_ROOT = Path(__file__).resolve().parent.parent  # where `app`, `media`... live


class OutputSink(Protocol):
    """Where the worker's output goes: appended bytes and a few rewrites."""

    def write(self, data: bytes) -> Any: ...

    def patch(self, offset: int, data: bytes) -> None: ...


def _environment() -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("KUA_")}
    path = env.get("PYTHONPATH")
    env["PYTHONPATH"] = str(_CODE_ROOT) + (os.pathsep + path if path else "")
    env["LANGUAGE"] = current_language()  # the worker's messages in the app's language
    return env


def worker_command(fd: int, parent_pid: int) -> list[str]:
    """The worker's command line: this Python with `-m app.transcode.worker`, or, in the
    standalone app (PyInstaller sets `sys.frozen`), the app's own executable with the
    hidden `--kua-transcode-worker` argument (packaging/kua_main.py)."""
    if getattr(sys, "frozen", False):
        return [sys.executable, wire.WORKER_FLAG, str(fd), str(parent_pid)]
    return [sys.executable, "-m", "app.transcode.worker", str(fd), str(parent_pid)]


class Worker:
    """One worker process; `run()` serves it to the end, `kill()` stops it."""

    def __init__(self) -> None:
        ours, theirs = socket.socketpair()
        debug = bool(os.environ.get("KUA_DEBUG"))
        try:
            self._proc = subprocess.Popen(
                worker_command(theirs.fileno(), os.getpid()),
                pass_fds=(theirs.fileno(),), env=_environment(), cwd="/",
                stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
                stderr=None if debug else subprocess.DEVNULL)
        except OSError as exc:
            ours.close()
            raise WorkerFailed(None, _("the transcoding process could not start ({strerror})").format(strerror=exc.strerror)) from None
        finally:
            theirs.close()
        self._channel = wire.Channel(ours)
        self.read_error: KuaError | None = None  # a source read the app refused
        self._position = 0.0  # media time the worker last reported

    @property
    def pid(self) -> int:
        return self._proc.pid

    def kill(self) -> None:
        """Stop the worker now (SIGKILL) and reap it."""
        if self._proc.poll() is None:
            self._proc.send_signal(signal.SIGKILL)
        self._proc.wait()
        self._channel.close()

    def run(self, spec: dict[str, Any], source: BinaryIO, source_size: int, sink: OutputSink,
            on_progress: Callable[[MediaProgress], None],
            stop: CancelToken) -> dict[str, Any]:
        """Serve the job to its end; returns the worker's result (kills it on any error).

        `stop.check()` raises (e.g. `Cancelled`) to stop. The worker's own failures
        come back as the matching TranscodeFailed subclass, without an item id.
        """
        try:
            self._channel.send_json(wire.START, {**spec, "size": source_size})
            return self._serve(source, source_size, sink, on_progress, stop)
        except (ConnectionError, BrokenPipeError):
            raise self._died() from None
        finally:
            self.kill()

    def _serve(self, source: BinaryIO, size: int, sink: OutputSink,
               on_progress: Callable[[MediaProgress], None],
               stop: CancelToken) -> dict[str, Any]:
        quiet = 0.0
        while True:
            stop.check()
            readable, _unused, _unused = select.select([self._channel.sock], [], [], _POLL)
            if not readable:
                quiet += _POLL
                if self._proc.poll() is not None:
                    raise self._died()
                if quiet >= WATCHDOG:
                    raise WorkerFailed(None, _("the transcoding process stopped answering for "
                                               "{WATCHDOG:.0f} s").format(WATCHDOG=WATCHDOG), self._position)
                continue
            quiet = 0.0
            kind, payload = self._channel.receive()
            if kind == wire.READ:
                self._answer_read(source, size, *wire.unpack_read(payload))
            elif kind == wire.WRITE:
                sink.write(payload)
            elif kind == wire.PATCH:
                sink.patch(*wire.unpack_patch(payload))
            elif kind == wire.PROGRESS:
                p = wire.load_json(payload)
                report = MediaProgress(float(p["media_time"]),
                                       None if p["duration"] is None else float(p["duration"]),
                                       SECONDS, rate=float(p["speed"]), frames=int(p["frames"]),
                                       fps=float(p["fps"]))
                self._position = report.done
                on_progress(report)
            elif kind == wire.DONE:
                if self.read_error is not None:  # FFmpeg may take a failed read for the end
                    raise SourceDamaged(None, getattr(self.read_error, "reason",
                                                      str(self.read_error)), self._position)
                return wire.load_json(payload)
            elif kind == wire.ERROR:
                raise self._error(wire.load_json(payload))
            else:
                raise WorkerFailed(None, _("the transcoding process sent an unknown message"),
                                   self._position)

    def _answer_read(self, source: BinaryIO, size: int, offset: int, length: int) -> None:
        if self.read_error is not None or offset > size:
            self._channel.send(wire.READ_FAILED, _("the source was refused").encode())
            return
        try:
            source.seek(offset)
            data = source.read(min(length, size - offset))
        except KuaError as exc:  # e.g. a segment failed authentication: named by the caller
            self.read_error = exc
            self._channel.send(wire.READ_FAILED, str(exc).encode())
            return
        self._channel.send(wire.DATA, data)

    def _error(self, data: dict[str, Any]) -> TranscodeFailed:
        kinds = {"SourceDamaged": SourceDamaged, "MissingStream": MissingStream,
                 "WorkerFailed": WorkerFailed}
        at = data.get("at")
        at = float(at) if isinstance(at, (int, float)) else None
        reason = str(data.get("reason", "unknown"))[:300]
        if self.read_error is not None:  # the source's own fault, found by the app
            return SourceDamaged(None, getattr(self.read_error, "reason", str(self.read_error)), at)
        return kinds.get(str(data.get("type")), TranscodeFailed)(None, reason, at)

    def _died(self) -> WorkerFailed:
        code = self._proc.wait()
        text = (_("the transcoding process stopped unexpectedly (killed by signal {signal})")
                .format(signal=-code) if code < 0 else
                _("the transcoding process stopped unexpectedly (exit code {code})")
                .format(code=code))
        return WorkerFailed(None, text, self._position)

