"""The `kua` command line as tests and benchmarks run it: which program, what environment.

Every run gets a clean environment: the caller's KUA_* variables are dropped, the vault
and passphrase come from KUA_VAULT and KUA_PASSPHRASE, and TMPDIR can point at a folder
the caller inspects afterwards. `init` and `passwd` get the tiny Argon2 cost.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

from harness.vaults import FAST_KDF_ARGS, PASSPHRASE

_SCRIPT = Path(sys.executable).with_name("kua")
# The installed `kua` next to this Python, else the same program run as a module.
KUA = [str(_SCRIPT)] if _SCRIPT.is_file() else [sys.executable, "-m", "app.cli.main"]


def kua_env(vault: Path | str, env_extra: dict[str, str | None] | None = None,
            tmpdir: Path | str | None = None) -> dict[str, str]:
    """os.environ without KUA_*, plus the vault, the passphrase and TMPDIR.

    A value of None in `env_extra` removes that variable.
    """
    env = {k: v for k, v in os.environ.items() if not k.startswith("KUA_")}
    env["KUA_VAULT"] = str(vault)
    env["KUA_PASSPHRASE"] = PASSPHRASE
    if tmpdir is not None:
        env["TMPDIR"] = str(tmpdir)
    for key, value in (env_extra or {}).items():
        if value is None:
            env.pop(key, None)
        else:
            env[key] = value
    return env


def kua_argv(*args: str) -> list[str]:
    """The full argv; `init` and `passwd` get the fast KDF unless a cost is given."""
    argv = [str(a) for a in args]
    if argv and argv[0] in ("init", "passwd") and "--kdf-memory" not in argv:
        argv += FAST_KDF_ARGS
    return KUA + argv
