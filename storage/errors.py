"""The error hierarchy of Kua, with a stable exit code and a one-line message each.

Every failure a user can meet is a `KuaError` subclass. The command line prints
`str(error)` on one line and exits with `error.exit_code`; the GUI shows the same
words in a dialog. Messages never contain a passphrase, a person's name or a path
inside the vault: items are named by their id.
"""

from __future__ import annotations


class KuaError(Exception):
    """Base of every error that Kua reports to a person."""

    exit_code = 1

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message

    def __str__(self) -> str:
        return self.message


class UsageError(KuaError):
    """The command was given wrong or missing arguments."""

    exit_code = 2


class WrongPassphrase(KuaError):
    """No keyslot opens with the secret given."""

    exit_code = 3

    def __init__(self, message: str = "wrong passphrase or recovery key") -> None:
        super().__init__(message)


class NotAVault(KuaError):
    """The folder is not a Kua vault."""

    exit_code = 4


class VaultCorrupt(KuaError):
    """A vault file is damaged or was altered (keys file, catalogue)."""

    exit_code = 5


class KeysReplayed(VaultCorrupt):
    """The keys file is an older copy than the one the catalogue expects."""


class VaultInUse(KuaError):
    """Another process holds the vault."""

    exit_code = 6

    def __init__(self, message: str = "vault is in use by another Kua process") -> None:
        super().__init__(message)


class VaultExists(KuaError):
    """`init` was pointed at a folder that is not empty."""

    exit_code = 7


class NotFound(KuaError):
    """No testimony, item or person has that id."""

    exit_code = 8


class DiskFull(KuaError):
    """The disk filled up; what was being written was rolled back."""

    exit_code = 9

    def __init__(self, message: str = "the disk is full: nothing was changed") -> None:
        super().__init__(message)


class ObjectTampered(KuaError):
    """A sealed media object failed authentication: damaged, truncated or altered."""

    exit_code = 10

    def __init__(self, item: str, reason: str) -> None:
        super().__init__(f"item {item} is damaged or was altered: {reason}")
        self.item = item
        self.reason = reason


class SegmentAuthFailed(ObjectTampered):
    """One segment's tag did not verify (bit flip, reorder or splice)."""


class ObjectTruncated(ObjectTampered):
    """The object ends before its final segment."""


class ObjectMissing(ObjectTampered):
    """A file of the object is missing from the vault."""


class HashMismatch(ObjectTampered):
    """The plaintext decrypts but its SHA-256 differs from the catalogue."""


class AuditChainBroken(VaultCorrupt):
    """The hash chain of the audit log does not verify."""


class InvalidValue(UsageError):
    """A field value given to `edit` (or a form) is not acceptable."""


class RefusedByConsent(KuaError):
    """The testimony's consent does not allow this action."""

    exit_code = 11


class Cancelled(KuaError):
    """The user cancelled a long operation."""

    exit_code = 12

    def __init__(self, message: str = "cancelled") -> None:
        super().__init__(message)


class MediaError(KuaError):
    """A media file could not be read or decoded."""

    exit_code = 13


class VaultTooNew(KuaError):
    """The vault was written by a newer version of Kua."""

    exit_code = 4


class VerificationFailed(KuaError):
    """`kua verify` found at least one problem (the report lists them all)."""

    exit_code = 10
