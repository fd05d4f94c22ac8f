"""The vault executor: one thread, short tasks pumped during long ones, lock drops results."""

from __future__ import annotations

import threading

import pytest

from core.errors import Cancelled
from ui.runtime.executor import VaultExecutor


@pytest.fixture
def executor(qapp):
    ex = VaultExecutor()
    yield ex
    ex.shutdown()


def test_every_task_runs_on_the_one_vault_thread(executor, qtbot):
    seen = []
    for _ in range(5):
        executor.submit(lambda vault: seen.append(threading.current_thread().name))
    executor.submit(lambda vault, token: seen.append(threading.current_thread().name),
                    long=True, wants_token=True)
    assert executor.wait_idle()
    assert set(seen) == {"kua-vault"} and len(seen) == 6


def test_short_tasks_run_while_a_long_task_checks_its_token(executor, qtbot):
    release = threading.Event()
    short_ran = threading.Event()
    order = []

    def long_task(vault, token):
        while not release.is_set():
            token.check()           # lets the short task in
            if short_ran.is_set():
                release.set()
        order.append("long done")

    results = []
    executor.submit(long_task, lambda ok, value: results.append(("long", ok)), long=True,
                    wants_token=True)
    executor.submit(lambda vault: (order.append("short"), short_ran.set()),
                    lambda ok, value: results.append(("short", ok)))
    qtbot.waitUntil(lambda: len(results) == 2, timeout=5000)
    assert order == ["short", "long done"]
    assert results == [("short", True), ("long", True)]


def test_results_from_before_a_lock_are_dropped(executor, qtbot):
    gate = threading.Event()
    delivered = []
    executor.submit(lambda vault: gate.wait(5), lambda ok, value: delivered.append("old"))
    executor.lock()
    executor.submit(lambda vault: None, lambda ok, value: delivered.append("new"))
    gate.set()
    qtbot.waitUntil(lambda: delivered == ["new"], timeout=5000)
    assert executor.wait_idle()
    assert delivered == ["new"]


class _FakeVault:
    """Stands for an open vault: records when it is closed."""

    in_transaction = False  # what the executor asks before pumping short tasks

    def __init__(self, events):
        self.events = events

    def close(self):
        self.events.append("closed")


def test_lock_interrupts_the_long_task_before_closing(executor, qtbot):
    started = threading.Event()
    events = []
    executor.vault = _FakeVault(events)

    def long_task(vault, token):
        started.set()
        try:
            while True:
                token.check()
        except Cancelled:
            events.append(("unwound", token.requeue, executor.vault is vault))
            raise

    executor.submit(long_task, None, long=True, wants_token=True)
    assert started.wait(5)
    executor.lock()
    assert executor.wait_idle()
    assert events == [("unwound", True, True), "closed"]
    assert executor.vault is None


def test_a_failure_is_delivered_as_the_exception(executor, qtbot):
    got = []

    def boom(vault):
        raise ValueError("x")

    executor.submit(boom, lambda ok, value: got.append((ok, type(value).__name__)))
    qtbot.waitUntil(lambda: got == [(False, "ValueError")], timeout=5000)
