"""Publishing to Uwazi: a CSV for its CSV import and a ZIP with that CSV and the attachments
it names, chosen by each testimony's consent.

- public: its share copies; anonymous: its reviewed anonymized copies, and no name or
  contact of the speaker anywhere (app/uwazi_fields.py); restricted: nothing at all.
  Masters never; photos and documents only through their share or anonymized copies.
- A public testimony without a share copy, or an anonymous one without a reviewed
  anonymized copy, is left out and named with the command that makes the copy.

The output is plaintext by design (like `kua extract`). Media stream from the vault into
the ZIP (never whole in memory, never a temporary file elsewhere); both files are written
owner-only under temporary names inside the folder and put in place at the end, so a
failure leaves nothing half-written (and removes a folder it made).
"""

from __future__ import annotations

import csv
import hashlib
import io
import os
import time
import zipfile
from dataclasses import dataclass
from pathlib import Path

from core.i18n import _
from core.errors import HashMismatch, ObjectTruncated, TargetNotEmpty
from core.work import CancelToken, ProgressFn, byte_counter, no_progress
from storage.fsio import disk_full_as_error, fsync_dir, is_empty_dir
from storage.models import MediaItem, Testimony
from storage.outfiles import open_temp, place
from storage.vault import Vault

from app import uwazi_fields
from app.transcode.review import is_reviewed

CSV_NAME = "import.csv"       # the name Uwazi looks for at the root of the ZIP
ZIP_NAME = "uwazi-import.zip"
CHUNK = 1024 * 1024
_USABLE = ("complete", "recovered")
_EXTENSIONS = {"video": ".mp4", "audio": ".mp4", "image": ".jpg"}


@dataclass(frozen=True, slots=True)
class LeftOut:
    """A testimony whose row was left out, why, and the command that would let it in."""

    testimony_id: str
    reason: str
    command: str


@dataclass(frozen=True, slots=True)
class PublishReport:
    """What `publish_uwazi` wrote."""

    folder: Path
    csv_path: Path
    zip_path: Path
    rows: tuple[str, ...]            # testimony ids, one row each
    attachments: tuple[str, ...]     # item ids in the ZIP
    media_bytes: int
    left_out: tuple[LeftOut, ...]
    restricted: int                  # testimonies kept out by restricted consent
    notes: tuple[str, ...] = ()


def _usable(t: Testimony, kind: str) -> list[MediaItem]:
    return [i for i in t.items if i.kind == kind and i.state in _USABLE and i.sha256]


def _about_speaker(t: Testimony, item: MediaItem) -> bool:
    """Whether `item` or an item it was made from shows the speaker (an identity document)."""
    if not t.speaker:
        return False
    by_id = {i.id: i for i in t.items}
    seen: set[str] = set()
    current: MediaItem | None = item
    while current is not None and current.id not in seen:
        seen.add(current.id)
        if current.person_id == t.speaker.id or current.id in t.speaker.documents:
            return True
        current = by_id.get(current.parent) if current.parent else None
    return False


def choose(t: Testimony) -> tuple[list[MediaItem], LeftOut | None, list[str]]:
    """The items of `t` that may be published, or why its row is left out; and notes."""
    if t.consent == "public":
        items = _usable(t, "share")
        if not items:
            return [], LeftOut(t.id, _("public, but it has no share copy"),
                               f"kua transcode {t.id} --profile share"), []
        return items, None, []
    if t.consent != "anonymous":
        return [], None, []
    copies = _usable(t, "anonymized")
    reviewed = [i for i in copies if is_reviewed(i)]
    if not reviewed:
        if copies:
            return [], LeftOut(t.id, _("anonymous, and its anonymized copy has not been"
                                       " reviewed"), f"kua review {copies[0].id}"), []
        return [], LeftOut(t.id, _("anonymous, but it has no anonymized copy"),
                           f"kua transcode {t.id} --profile anonymized"), []
    notes = []
    kept = [i for i in reviewed if not _about_speaker(t, i)]
    if len(kept) < len(reviewed):
        notes.append(_("testimony {id}: the anonymized copy of the speaker's own document is"
                       " not published").format(id=t.id))
    if not kept:
        return [], LeftOut(t.id, _("anonymous, and its only anonymized copies show the"
                                   " speaker's documents"),
                           f"kua transcode {t.id} --profile anonymized"), notes
    return kept, None, notes


def attachment_name(item: MediaItem) -> str:
    """The file name of an item in the ZIP: its testimony and its own id, no other word."""
    return f"{item.testimony_id}-{item.id}{_EXTENSIONS.get(item.media_type, '.bin')}"


def _prepare_folder(to: Path) -> bool:
    """Make `to` ready; True if it was made here (then a failure removes it)."""
    if to.exists() or to.is_symlink():
        if not is_empty_dir(to) or to.is_symlink():
            raise TargetNotEmpty(_("{to} is not an empty folder: choose a new or empty folder")
                                 .format(to=to))
        return False
    to.mkdir(parents=True, mode=0o700)
    return True


def _csv_bytes(head: list[str], rows: list[list[str]]) -> bytes:
    text = io.StringIO()
    writer = csv.writer(text, lineterminator="\r\n")
    writer.writerow(head)
    writer.writerows(rows)
    return text.getvalue().encode("utf-8")


def _copy_into(vault: Vault, item: MediaItem, archive: zipfile.ZipFile, tick) -> None:
    info = zipfile.ZipInfo(attachment_name(item), time.localtime()[:6])
    info.compress_type = zipfile.ZIP_STORED  # already compressed media
    info.file_size = item.size               # so a copy over 2 GiB gets ZIP64 headers
    info.external_attr = 0o600 << 16
    digest, done = hashlib.sha256(), 0
    with vault.reader(item.id) as reader, archive.open(info, "w", force_zip64=True) as out:
        while chunk := reader.read(CHUNK):
            out.write(chunk)
            digest.update(chunk)
            done += len(chunk)
            tick(len(chunk))
    if done != item.size:
        raise ObjectTruncated(item.id, _("{size} bytes instead of {size2}").format(
            size=done, size2=item.size))
    if digest.hexdigest() != item.sha256:
        raise HashMismatch(item.id, _("its SHA-256 differs from the catalogue"))


def publish_uwazi(vault: Vault, to: Path, mapping_file: Path | None = None, *,
                  progress: ProgressFn = no_progress,
                  cancel: CancelToken | None = None) -> PublishReport:
    """Write `import.csv` and `uwazi-import.zip` into `to` (a new or empty folder) for
    Uwazi's CSV import, by consent; record the publication in the audit log."""
    mapping = uwazi_fields.load_mapping(mapping_file)  # bad input stops before anything
    to = Path(to)
    rows: list[list[str]] = []
    chosen: list[MediaItem] = []
    row_ids: list[str] = []
    left_out: list[LeftOut] = []
    notes: list[str] = []
    restricted = 0
    for t in sorted(vault.catalogue.all(), key=lambda t: (t.created_at, t.id)):
        items, missing, said = choose(t)
        notes += said
        if t.consent == "restricted":
            restricted += 1
        elif missing:
            left_out.append(missing)
        else:
            rows.append(uwazi_fields.row(t, mapping, [attachment_name(i) for i in items]))
            row_ids.append(t.id)
            chosen += items
    made = _prepare_folder(to)
    total = sum(i.size for i in chosen)
    tick = byte_counter(total, ZIP_NAME, progress, cancel)
    csv_data = _csv_bytes(uwazi_fields.header(mapping), rows)
    csv_path, zip_path = to / CSV_NAME, to / ZIP_NAME
    temps: list[Path] = []
    placed: list[Path] = []
    try:
        with disk_full_as_error():
            fd, zip_tmp = open_temp(zip_path)
            temps.append(zip_tmp)
            with os.fdopen(fd, "wb") as raw:
                with zipfile.ZipFile(raw, "w", allowZip64=True) as archive:
                    archive.writestr(zipfile.ZipInfo(CSV_NAME, time.localtime()[:6]), csv_data,
                                     compress_type=zipfile.ZIP_DEFLATED)
                    for item in chosen:
                        _copy_into(vault, item, archive, tick)
                raw.flush()
                os.fsync(raw.fileno())
            fd, csv_tmp = open_temp(csv_path)
            temps.append(csv_tmp)
            with os.fdopen(fd, "wb") as out:
                out.write(csv_data)
                out.flush()
                os.fsync(out.fileno())
            for tmp, final in ((zip_tmp, zip_path), (csv_tmp, csv_path)):
                place(tmp, final)
                placed.append(final)
        fsync_dir(to)
        with vault.transaction():
            vault.audit.append("publish.uwazi", None, rows=len(row_ids), items=len(chosen),
                               bytes=total, left_out=len(left_out), restricted=restricted)
    except BaseException:
        for path in [*temps, *placed]:
            path.unlink(missing_ok=True)
        if made:
            try:
                to.rmdir()
            except OSError:
                pass  # something else appeared in it: not ours to remove
        raise
    return PublishReport(to, csv_path, zip_path, tuple(row_ids), tuple(i.id for i in chosen),
                         total, tuple(left_out), restricted, tuple(notes))
