"""Counts over the whole archive for the overview's charts: testimonies per month and per
device, detained people by kind of detention and by year detained.

Plain (label, count) pairs: app/overview.py turns them into the figures the screen draws.
"""

from __future__ import annotations

from storage.repository import Repository
from storage.vault import Vault


class ArchiveCounts(Repository):
    """Grouped counts of testimonies and detained people."""

    def testimonies(self) -> int:
        """How many testimonies the archive holds."""
        return self._conn.execute("SELECT count(*) FROM testimonies").fetchone()[0]

    def testimonies_by_month(self) -> list[tuple[str, int]]:
        """(YYYY-MM, count), oldest first: by the date recorded, else the date created."""
        return self._conn.execute(
            "SELECT substr(coalesce(nullif(recorded_at, ''), created_at), 1, 7) AS month,"
            " count(*) FROM testimonies GROUP BY month ORDER BY month").fetchall()

    def detained_by_kind(self) -> list[tuple[str, int]]:
        """(kind of detention as written, or '' when not recorded, count), most first."""
        return self._conn.execute(
            "SELECT trim(detention_kind) AS kind, count(*) AS n FROM people"
            " WHERE role = 'detained' GROUP BY kind ORDER BY n DESC, kind").fetchall()

    def detained_by_year(self) -> list[tuple[str, int]]:
        """(year detained, or '' when not recorded, count), oldest first."""
        return self._conn.execute(
            "SELECT substr(detained_on, 1, 4) AS year, count(*) FROM people"
            " WHERE role = 'detained' GROUP BY year ORDER BY year").fetchall()

    def testimonies_by_device(self) -> list[tuple[str | None, int]]:
        """(fingerprint of the device a testimony was imported from, or None when it was
        made in this vault, count), most first."""
        return self._conn.execute(
            "SELECT (SELECT min(device) FROM bundle_testimonies b"
            "        WHERE b.testimony_id = t.id AND b.direction = 'import') AS device,"
            " count(*) AS n FROM testimonies t GROUP BY device ORDER BY n DESC, device"
        ).fetchall()


def counts(vault: Vault) -> ArchiveCounts:
    """The counts of `vault`'s catalogue."""
    return ArchiveCounts(vault.conn)
