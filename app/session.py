"""Where the vault is and how its secrets arrive: options, environment, prompt.

Secrets never come from argv: a passphrase is read from `--passphrase-file`, the
`KUA_PASSPHRASE` environment variable (for scripts) or a prompt without echo.
"""

from __future__ import annotations

import getpass
import os
import sys
from dataclasses import dataclass
from pathlib import Path

from core import platform
from core.i18n import N_, _
from storage import keyslots
from core.errors import UsageError
from storage.opening import open_vault_or_replica
from storage.vault import Vault, is_vault

from app.recovery import recover_interrupted


def default_vault_path() -> Path:
    """The vault used when neither --vault nor KUA_VAULT is given."""
    return platform.data_dir() / "vault"


def vault_path(option: str | None) -> Path:
    """The vault folder from the option, else KUA_VAULT, else the default."""
    chosen = option or os.environ.get("KUA_VAULT")
    return Path(chosen).expanduser() if chosen else default_vault_path()


def _read_secret_file(path: str, what: str) -> str:
    try:
        text = Path(path).read_text(encoding="utf-8")
    except OSError:
        raise UsageError(_("cannot read the {what} file {path}").format(what=what, path=path)) from None
    except UnicodeDecodeError:
        raise UsageError(_("the {what} file {path} is not UTF-8 text").format(what=what, path=path)) from None
    # A file written by `echo` ends with a newline that is not part of the secret.
    return text[:-1] if text.endswith("\n") else text


def _prompt(label: str, confirm: bool) -> str:
    if not sys.stdin.isatty():
        raise UsageError(_("no {label} given: use a {label} file or the environment variable").format(label=label))
    first = getpass.getpass(f"{label[:1].upper()}{label[1:]}: ")
    if confirm and getpass.getpass(_("Repeat the {label}: ").format(label=label)) != first:
        raise UsageError(_("the two {label}s differ").format(label=label))
    return first


def secret(file_option: str | None, env_name: str, label: str = N_("passphrase"),
           confirm: bool = False) -> str:
    """A secret from a file, the environment or a prompt, in that order; `label` names it
    in messages (an English text marked with N_, translated here)."""
    label = _(label)
    if file_option:
        value = _read_secret_file(file_option, label)
    elif os.environ.get(env_name) is not None:
        value = os.environ[env_name]
    else:
        value = _prompt(label, confirm)
    if not value:
        raise UsageError(_("the {label} is empty").format(label=label))
    return value


@dataclass(frozen=True, slots=True)
class KdfChoice:
    """Argon2 cost chosen on the command line (None: the default)."""

    memory_mib: int | None = None
    iterations: int | None = None

    def params(self) -> keyslots.KdfParams:
        """The KdfParams to use for a new passphrase slot (within what a keys file may hold)."""
        d = keyslots.DEFAULT_PASSPHRASE_KDF
        memory = d.memory_kib if self.memory_mib is None else self.memory_mib * 1024
        iterations = d.iterations if self.iterations is None else self.iterations
        params = keyslots.KdfParams(memory, iterations, d.lanes)
        if not params.in_bounds:
            raise UsageError(_("the key derivation takes {low} to {high} MiB and 1 to {most}"
                               " iterations").format(low=keyslots.MIN_MEMORY_KIB // 1024,
                                                     high=keyslots.MAX_MEMORY_KIB // 1024,
                                                     most=keyslots.MAX_ITERATIONS))
        return params

    def cheap_warning(self) -> str | None:
        """A warning when the cost asked for is below the default (tests use a tiny one)."""
        d, p = keyslots.DEFAULT_PASSPHRASE_KDF, self.params()
        if p.memory_kib >= d.memory_kib and p.iterations >= d.iterations:
            return None
        return _("warning: the passphrase's key derivation is cheaper than the default"
                 " ({mib} MiB and {n} iteration(s) instead of {default_mib} MiB and"
                 " {default_n}): meant for tests, it makes the passphrase faster to guess").format(
            mib=p.memory_kib // 1024, n=p.iterations, default_mib=d.memory_kib // 1024,
            default_n=d.iterations)


def open_vault(path: Path, passphrase: str, actor: str = "kua-cli") -> Vault:
    """Unlock a vault (or open a replica read-only) and finish what an earlier crash left
    unfinished."""
    vault = open_vault_or_replica(path, passphrase, actor=actor)
    try:
        recover_interrupted(vault)
    except BaseException:
        vault.close()
        raise
    return vault


def vault_exists(path: Path) -> bool:
    """True when `path` holds a Kua vault (to unlock), False when one is still to be made."""
    return is_vault(path)


def create_vault(path: Path, passphrase: str, kdf: keyslots.KdfParams,
                 actor: str = "kua-cli") -> tuple[Vault, str]:
    """Make a new vault at `path`, open; returns it and its recovery key (shown once)."""
    return Vault.create(path, passphrase, kdf=kdf, actor=actor)
