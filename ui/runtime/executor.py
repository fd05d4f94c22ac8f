"""The one thread that owns the vault, and the queue the GUI submits work to.

SQLCipher connections belong to the thread that opened them, so every call that
touches the vault runs here (Anki's single collection executor). Two kinds of task:

- *short* tasks (queries, form saves, a still photo): run in order;
- *long* tasks (a transcode job, an export, a sync): run one at a time, and check
  their cancel token often. That check is where the executor runs the short tasks
  that arrived meanwhile (`pump`), so browsing and editing stay live during a
  five-minute transcode while one thread still owns the connection.

Results come back to the GUI thread through a Qt signal. Locking bumps a
*generation*: results of work submitted before the lock are dropped, so nothing
from an unlocked vault can reappear in a cleared view.
"""

from __future__ import annotations

import collections
import threading
from dataclasses import dataclass, field
from typing import Any, Callable

from PySide6.QtCore import QObject, Signal

from app.transcode.service import StopToken
from core.errors import VaultLocked
from app.session import Vault


class PumpingToken(StopToken):
    """A cancel token whose `check()` also lets waiting short tasks run."""

    def __init__(self, executor: "VaultExecutor") -> None:
        super().__init__()
        self._executor = executor

    def check(self) -> None:
        """Raise if cancelled; otherwise run the short tasks that are waiting."""
        super().check()
        self._executor.pump()


@dataclass(eq=False)
class Task:
    """One unit of work for the vault thread."""

    fn: Callable[..., Any]
    long: bool
    generation: int
    done: Callable[[bool, Any], None] | None
    token: PumpingToken | None = None
    wants_token: bool = False
    barrier: bool = False  # closes the vault: never run from inside a long task
    finished: threading.Event = field(default_factory=threading.Event)


class _Relay(QObject):
    """Carries finished tasks to the GUI thread (a queued signal)."""

    finished = Signal(object, bool, object)


class VaultExecutor:
    """Owns the open vault (or none) on a single worker thread."""

    def __init__(self) -> None:
        self.vault: Vault | None = None
        self.generation = 0
        self._short: collections.deque[Task] = collections.deque()
        self._long: collections.deque[Task] = collections.deque()
        self._cv = threading.Condition()
        self._current: Task | None = None
        self._pumping = False
        self._closed = False
        self._relay = _Relay()
        self._relay.finished.connect(self._deliver)
        self._thread = threading.Thread(target=self._loop, name="kua-vault", daemon=True)
        self._thread.start()

    # -- submitting (GUI thread) -------------------------------------------

    def submit(self, fn: Callable[..., Any], done: Callable[[bool, Any], None] | None = None,
               *, long: bool = False, wants_token: bool = False) -> Task:
        """Queue `fn(vault)` (or `fn(vault, token)`); `done(ok, value)` runs on the GUI thread."""
        task = Task(fn, long, self.generation, done, wants_token=wants_token)
        if long or wants_token:
            task.token = PumpingToken(self)
        with self._cv:
            (self._long if long else self._short).append(task)
            self._cv.notify()
        return task

    @property
    def busy_with_long_task(self) -> bool:
        """True while a long task (job, export, sync) is running."""
        current = self._current
        return current is not None and current.long

    def lock(self, on_closed: Callable[[], None] | None = None, *, requeue: bool = True) -> None:
        """Drop results of earlier work, stop the long task, close the vault.

        A running job is put back in the queue (`requeue`) rather than cancelled.
        """
        self.generation += 1
        with self._cv:
            current = self._current
            if current is not None and current.token is not None:
                if requeue:
                    current.token.interrupt()
                else:
                    current.token.cancel()
            for task in self._long:
                if task.token is not None:
                    task.token.cancel()
            close = Task(self._close_vault, False, self.generation,
                         (lambda ok, value: on_closed()) if on_closed else None, barrier=True)
            # Ahead of everything but after the short tasks already queued (a
            # recorder's stop is one of them: it must still reach the vault).
            self._short.append(close)
            self._cv.notify()

    def shutdown(self, timeout: float = 10.0) -> None:
        """Close the vault and end the thread (at exit)."""
        if self._closed:
            return
        self.lock()
        with self._cv:
            self._closed = True
            self._cv.notify()
        self._thread.join(timeout)

    def wait_idle(self, timeout: float = 10.0) -> bool:
        """Block until every queued task ran (tests and shutdown only)."""
        marker = Task(lambda vault: None, False, self.generation, None)
        if not self._thread.is_alive():
            return not self._short and not self._long
        with self._cv:
            self._short.append(marker)
            self._cv.notify()
        return marker.finished.wait(timeout)

    def open_with(self, opener: Callable[[], Vault]) -> Callable[[Vault | None], None]:
        """A task body that closes any open vault, then opens one with `opener`."""
        def task(previous: Vault | None) -> None:
            self._close_vault(previous)
            self.vault = opener()
        return task

    # -- the vault thread --------------------------------------------------

    def _close_vault(self, vault: Vault | None) -> None:
        self.vault = None
        if vault is not None:
            vault.close()

    def _loop(self) -> None:
        while True:
            with self._cv:
                while not self._short and not self._long and not self._closed:
                    self._cv.wait()
                if self._short:
                    task = self._short.popleft()
                elif self._long:
                    task = self._long.popleft()
                else:
                    return
                self._current = task
            try:
                self._run(task)
            finally:
                self._current = None

    def _run(self, task: Task) -> None:
        try:
            if task.token is not None and task.token.cancelled:
                raise VaultLocked()
            if task.wants_token:
                value = task.fn(self.vault, task.token)
            else:
                value = task.fn(self.vault)
            ok = True
        except BaseException as exc:  # delivered to the GUI as the task's failure
            ok, value = False, exc
        task.finished.set()
        if task.done is not None:
            self._relay.finished.emit(task, ok, value)

    def pump(self) -> None:
        """Run waiting short tasks now (called by a long task between chunks)."""
        if threading.current_thread() is not self._thread or self._pumping:
            return
        vault = self.vault
        if vault is not None and vault.in_transaction:
            return
        self._pumping = True
        try:
            while True:
                with self._cv:
                    current = self._current
                    if not self._short or self._short[0].barrier or (
                            current is not None and current.token is not None
                            and current.token.cancelled):
                        return
                    task = self._short.popleft()
                self._run(task)
        finally:
            self._pumping = False

    # -- back on the GUI thread --------------------------------------------

    def _deliver(self, task: Task, ok: bool, value: Any) -> None:
        if task.generation != self.generation or task.done is None:
            return
        task.done(ok, value)
