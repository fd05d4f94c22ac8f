"""The error hierarchy of Kua, with a stable exit code and a one-line message each.

Every failure a user can meet is a `KuaError` subclass. The command line prints
`str(error)` on one line and exits with `error.exit_code`; the GUI shows the same
words in a dialog. Messages never contain a passphrase, a person's name or a path
inside the vault: items are named by their id.
"""

from __future__ import annotations

from core.i18n import _
from core.i18n.formats import format_media_time


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

    def __init__(self, message: str | None = None) -> None:
        super().__init__(message or _("wrong passphrase or recovery key"))


class VaultLocked(UsageError):
    """A task reached the vault after it was locked (the GUI's panic lock or auto-lock)."""

    def __init__(self) -> None:
        super().__init__(_("the vault is locked"))


class WeakPassphrase(UsageError):
    """A new passphrase that the strength meter calls weak (app/passphrase.py)."""

    def __init__(self, message: str | None = None) -> None:
        super().__init__(message or _("the passphrase is too easy to guess: use at least 10"
                                      " characters, four or more words is best"
                                      " (--weak-passphrase to insist)"))


class RecoveryKeyTooOld(UsageError):
    """The vault's recovery slot predates public-key recovery slots (keyslots v2)."""

    def __init__(self, message: str | None = None) -> None:
        super().__init__(message or _("this vault's recovery key was made by an older Kua and"
                                      " cannot follow a new vault key: make a new one too"
                                      " (kua passwd --new-recovery-key)"))


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

    def __init__(self, message: str | None = None) -> None:
        super().__init__(message or _("vault is in use by another Kua process"))


class VaultExists(KuaError):
    """`init` was pointed at a folder that is not empty."""

    exit_code = 7


class NotFound(KuaError):
    """No testimony, item or person has that id."""

    exit_code = 8


class DiskFull(KuaError):
    """The disk filled up; what was being written was rolled back."""

    exit_code = 9

    def __init__(self, message: str | None = None) -> None:
        super().__init__(message or _("the disk is full: nothing was changed"))


class ObjectTampered(KuaError):
    """A sealed media object failed authentication: damaged, truncated or altered."""

    exit_code = 10

    def __init__(self, item: str, reason: str) -> None:
        super().__init__(_("item {item} is damaged or was altered: {reason}").format(item=item,
                           reason=reason))
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


class OutputExists(UsageError):
    """A file Kua was asked to create for the user is already there (or is a link)."""


class RefusedByConsent(KuaError):
    """The testimony's consent does not allow this action."""

    exit_code = 11


class Cancelled(KuaError):
    """The user cancelled a long operation."""

    exit_code = 12

    def __init__(self, message: str | None = None) -> None:
        super().__init__(message or _("cancelled"))


class MediaError(KuaError):
    """A media file could not be read or decoded."""

    exit_code = 13


class VaultTooNew(KuaError):
    """The vault was written by a newer version of Kua."""

    exit_code = 4


class VerificationFailed(KuaError):
    """`kua verify` found at least one problem (the report lists them all)."""

    exit_code = 10


# -- bundles for organizers (storage/bundles/) ---------------------------------


class TamperedBundle(KuaError):
    """A bundle is damaged, altered or unsafe; `where` names the part, file or item."""

    exit_code = 14

    def __init__(self, where: str, reason: str) -> None:
        super().__init__(_("{where} {reason}").format(where=where, reason=reason))
        self.where = where
        self.reason = reason


class BundleIncomplete(TamperedBundle):
    """A part of a bundle is missing or cut short."""


class NotABundle(KuaError):
    """The folder holds no Kua bundle, or one made by a newer Kua."""

    exit_code = 4


class WrongIdentity(KuaError):
    """The bundle is not encrypted to the identity given."""

    exit_code = 15


class InvalidIdentity(UsageError):
    """The key file is not an age identity file."""


class TargetNotEmpty(KuaError):
    """`export --to` was pointed at a folder that is not empty."""

    exit_code = 7


# -- replicas on a trusted drive (storage/replica*.py) -------------------------


class DriveError(KuaError):
    """The drive holding a replica failed or refused while Kua was using it."""

    exit_code = 20


class DriveRemoved(DriveError):
    """The drive was unplugged or stopped answering (EIO, ENOENT, ...) during a sync."""

    def __init__(self, detail: str = "") -> None:
        what = f" ({detail})" if detail else ""
        super().__init__(_("the drive was removed or stopped answering{what}: the replica on it "
                           "is still the last complete one; plug it in and sync again").format(what=what))


class DriveReadOnly(DriveError):
    """The replica's folder cannot be written (read-only drive or no permission)."""

    exit_code = 21

    def __init__(self, path: object) -> None:
        super().__init__(_("{path} is on a read-only drive or cannot be written: make it "
                           "writable or choose another folder").format(path=path))


class DriveFull(DiskFull):
    """The drive has too little free space for the sync; nothing on it was changed."""

    def __init__(self, needed: int | None = None, free: int | None = None) -> None:
        if needed is not None and free is not None:
            more = -(-(needed - free) // (1024 * 1024))
            super().__init__(_("the drive is full: {more} MiB more are needed; the replica on "
                               "it was not changed").format(more=more))
        else:
            super().__init__(_("the drive is full: the replica on it is still the last complete "
                               "one"))


class ReplicaMismatch(KuaError):
    """The folder holds a replica of another vault."""

    exit_code = 22

    def __init__(self, path: object, theirs: str, ours: str) -> None:
        super().__init__(_("{path} holds a replica of another vault ({theirs}), not of this one "
                           "({ours}): use another folder").format(path=path,
                           theirs=theirs[:12],
                           ours=ours[:12]))
        self.theirs = theirs
        self.ours = ours


class ReplicaOlder(KuaError):
    """The replica on the drive is older than the last sync this vault made to it."""

    exit_code = 24

    def __init__(self, label: str, generation: int, remembered: int) -> None:
        super().__init__(_("replica {label} is generation {generation}, older than the last"
                           " sync (generation {remembered}): it was replaced or rolled back;"
                           " give --accept-older to use it anyway").format(
                               label=label, generation=generation, remembered=remembered))
        self.label, self.generation, self.remembered = label, generation, remembered


class ReplicaInUse(VaultInUse):
    """Another Kua process is syncing to or reading the replica."""

    def __init__(self, message: str | None = None) -> None:
        super().__init__(message or _("the replica is in use by another Kua process"
                                      " (syncing, reading or restoring it)"))


class ReplicaCorrupt(VaultCorrupt):
    """No generation of the replica is intact (manifests, catalogue snapshot or keys)."""


class VaultReadOnly(KuaError):
    """A change was asked of a vault opened read-only (a replica on a trusted drive)."""

    exit_code = 23

    def __init__(self, message: str | None = None) -> None:
        super().__init__(message or _("this vault is open read-only: nothing in it can be"
                                      " changed"))


# -- transcoding jobs (app/jobs*.py, media/transcode*.py) ------------------------


class TranscodeFailed(MediaError):
    """A transcoding job could not finish; names the item and, when known, the media time."""

    def __init__(self, item: str | None, reason: str, at: float | None = None) -> None:
        where = _(" at {time}").format(time=format_media_time(at)) if at is not None else ""
        what = _("item {item}").format(item=item) if item else _("the source")
        super().__init__(_("{what} could not be transcoded{where}: {reason}").format(what=what,
                           where=where,
                           reason=reason))
        self.item = item
        self.reason = reason
        self.at = at


class SourceDamaged(TranscodeFailed):
    """The source is corrupt or truncated, or its sealed data failed authentication."""

    exit_code = 10  # like ObjectTampered: an item is damaged (the message names it)


class MissingStream(TranscodeFailed):
    """The source lacks what the profile needs (a picture for video, sound for audio)."""


class WorkerFailed(TranscodeFailed):
    """The transcoding process died (a codec crash, kill -9) or stopped answering."""


class ReceiptRefused(KuaError):
    """An organizer's receipt that this vault does not accept: altered, cut short, for a
    bundle it did not make, or naming items it no longer has. Nothing was marked."""

    exit_code = 17
