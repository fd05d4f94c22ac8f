"""Files Kua creates for a person: extracts, organizer key files, bundle parts and notes.

One rule for all of them (`output_file`, and `place` for writers that stream parts
themselves):

- readable by the owner only (0600): a plaintext copy or a key must not be readable
  by the other accounts of a shared machine;
- an existing path is refused (`OutputExists`) unless the caller says to replace it:
  nothing is overwritten by mistake;
- a symbolic link at the path is never followed, also when replacing: the link itself
  is replaced, so a link planted at the output name cannot redirect a plaintext copy
  to a place of someone else's choosing (or make Kua overwrite another file);
- the data goes to a temporary name in the same folder, created with O_EXCL and
  O_NOFOLLOW, is fsynced, then put in place: with `link()` (which fails if anything
  appeared at the name meanwhile, and never follows a link there) or, when replacing,
  `rename()` (which replaces a link rather than following it). A failure removes
  the temporary file: nothing half-written is left under the final name.
"""

from __future__ import annotations

import errno
import os
import secrets
from contextlib import contextmanager
from pathlib import Path
from typing import BinaryIO, Iterator

from core.i18n import _

from core.errors import OutputExists, UsageError
from storage.fsio import disk_full_as_error, fsync_dir

MODE = 0o600
_NOFOLLOW = getattr(os, "O_NOFOLLOW", 0)
_CLOEXEC = getattr(os, "O_CLOEXEC", 0)
# link() is refused by file systems without hard links (FAT, exFAT: EPERM).
_NO_LINKS = {errno.EPERM, errno.ENOTSUP, errno.EOPNOTSUPP, errno.EMLINK, errno.ENOSYS}


def check_target(path: Path, replace: bool = False, hint: str = "") -> None:
    """Refuse `path` now (before long work) if it is a folder, or exists and not `replace`.

    `hint` ends the message, already translated (e.g. _(" or add --force to replace it")).
    """
    path = Path(path)
    if path.is_dir() and not path.is_symlink():
        raise UsageError(_("{path} is a folder: give a file name").format(path=path))
    if os.path.lexists(path) and not replace:
        if path.is_symlink():
            raise OutputExists(_("{path} is a link: give a new file name{hint}").format(
                path=path, hint=hint))
        raise OutputExists(_("{path} already exists: give a new file name{hint}").format(
            path=path, hint=hint))


def open_temp(path: Path) -> tuple[int, Path]:
    """A new, empty, owner-only temporary file beside `path`: (fd, its path)."""
    path = Path(path)
    tmp = path.with_name(f".{path.name}.{secrets.token_hex(4)}.tmp")
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL | _NOFOLLOW | _CLOEXEC, MODE)
    try:
        os.fchmod(fd, MODE)  # whatever the umask or the folder's default ACL
    except OSError:
        pass  # FAT and exFAT have no modes
    return fd, tmp


def place(tmp: Path, path: Path, replace: bool = False, hint: str = "") -> None:
    """Put the finished (fsynced) `tmp` at `path`; see the module's rules. Removes `tmp`."""
    path = Path(path)
    try:
        check_target(path, replace, hint)
        if replace:
            os.replace(tmp, path)
        else:
            try:
                os.link(tmp, path, follow_symlinks=False)
            except FileExistsError:
                raise OutputExists(_("{path} already exists: give a new file name{hint}").format(
                    path=path, hint=hint)) from None
            except OSError as exc:
                if exc.errno not in _NO_LINKS:
                    raise
                check_target(path, replace, hint)  # no hard links here: check, then rename
                os.rename(tmp, path)
        fsync_dir(path.parent)
    finally:
        Path(tmp).unlink(missing_ok=True)


@contextmanager
def output_file(path: Path, *, replace: bool = False, hint: str = "") -> Iterator[BinaryIO]:
    """A binary file to write a user-facing output into; it appears at `path` only when
    the block ends without an error (then fsynced, owner-only, nothing followed)."""
    path = Path(path)
    check_target(path, replace, hint)
    fd, tmp = open_temp(path)
    try:
        with os.fdopen(fd, "wb") as out, disk_full_as_error():
            yield out
            out.flush()
            os.fsync(out.fileno())
        place(tmp, path, replace, hint)
    finally:
        tmp.unlink(missing_ok=True)
