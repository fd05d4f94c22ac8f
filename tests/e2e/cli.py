"""Drive the installed `kua` in a subprocess, as a person or a script would.

Every run gets a clean environment (harness/kua_command.py): the caller's KUA_*
variables are dropped, the vault and passphrase come from KUA_VAULT and KUA_PASSPHRASE,
and TMPDIR can point at a folder the test inspects afterwards. `init` and `passwd` get
the tiny Argon2 cost.
"""

from __future__ import annotations

import json
import signal
import subprocess
import time
from pathlib import Path
from typing import Any, Callable

from harness.kua_command import kua_argv, kua_env


def run_kua(*args: str, vault: Path | str, env_extra: dict[str, str | None] | None = None,
            input: str | None = None, timeout: float = 60, tmpdir: Path | str | None = None,
            cwd: Path | str | None = None,
            preexec_fn: Callable[[], None] | None = None) -> subprocess.CompletedProcess:
    """Run `kua ARGS` to completion; text output, never raises on a non-zero exit."""
    return subprocess.run(kua_argv(*args), env=kua_env(vault, env_extra, tmpdir),
                          input=input if input is not None else "", capture_output=True,
                          text=True, timeout=timeout, cwd=cwd, preexec_fn=preexec_fn)


def start_kua(*args: str, vault: Path | str, tmpdir: Path | str | None = None,
              cwd: Path | str | None = None, home: Path | str | None = None) -> subprocess.Popen:
    """Start `kua ARGS` without waiting (to kill it mid-way); `home` replaces HOME."""
    extra = {"HOME": str(home)} if home is not None else None
    return subprocess.Popen(kua_argv(*args), env=kua_env(vault, extra, tmpdir), cwd=cwd,
                            stdin=subprocess.DEVNULL, stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE)


def kill_when(proc: subprocess.Popen, ready: Callable[[], bool], timeout: float = 30) -> bool:
    """SIGKILL `proc` once `ready()` is true (or after `timeout` s); True if it was still
    running then."""
    start = time.monotonic()
    try:
        while time.monotonic() - start < timeout and proc.poll() is None and not ready():
            time.sleep(0.002)
        alive = proc.poll() is None
        proc.send_signal(signal.SIGKILL)
    finally:
        proc.communicate()
    return alive


def last_line(stdout: str) -> str:
    """The last non-empty line of an output, stripped (commands print new ids there)."""
    lines = [line.strip() for line in stdout.splitlines() if line.strip()]
    return lines[-1] if lines else ""


def check(proc: subprocess.CompletedProcess) -> subprocess.CompletedProcess:
    """`proc`, after asserting that it succeeded (with its output in the message)."""
    assert proc.returncode == 0, (proc.args, proc.returncode, proc.stdout, proc.stderr)
    return proc


def init_vault(path: Path | str, tmpdir: Path | str | None = None,
               cwd: Path | str | None = None) -> dict[str, Any]:
    """`kua init --json` with the fast KDF; returns its JSON (id, recovery_key)."""
    return json.loads(check(run_kua("init", "--json", vault=path, tmpdir=tmpdir, cwd=cwd)).stdout)


def add(vault: Path | str, *files: Path | str, title: str | None = None) -> str:
    """`kua add FILES`; returns the new testimony id."""
    extra = ("--title", title) if title is not None else ()
    return last_line(check(run_kua("add", *map(str, files), *extra, vault=vault)).stdout)


def list_json(vault: Path | str) -> list[dict[str, Any]]:
    """`kua list --json`, parsed."""
    return json.loads(check(run_kua("list", "--json", vault=vault)).stdout)


def assert_one_line_error(proc: subprocess.CompletedProcess, exit_code: int,
                          *fragments: str) -> str:
    """Assert a failure with `exit_code` and one `kua: ` line holding every fragment."""
    lines = [line for line in proc.stderr.splitlines() if line.strip()]
    assert proc.returncode == exit_code, (proc.args, proc.returncode, proc.stderr)
    assert len(lines) == 1, proc.stderr
    assert lines[0].startswith("kua: "), proc.stderr
    for fragment in fragments:
        assert fragment in lines[0], (fragment, lines[0])
    return lines[0]
