"""The archive at a glance, as plain numbers for the overview's charts: testimonies per
month, detained people by kind of detention and by year detained, testimonies per device.

The screen only draws what `archive_overview` returns. Devices are named by
`device_label` (the label an organizer gave, once the devices table exists) or by their
fingerprint; testimonies made in this vault count under this vault's own device.
"""

from __future__ import annotations

from dataclasses import dataclass

from storage.overview import counts
from storage.vault import Vault


@dataclass(frozen=True, slots=True)
class Bar:
    """One bar of a chart: what it counts (empty: not recorded) and how many."""

    label: str
    count: int


@dataclass(frozen=True, slots=True)
class DeviceBar:
    """Testimonies that came from one device."""

    fingerprint: str
    label: str          # the organizer's label for the device, or "" when it has none
    this_device: bool   # made in this vault
    count: int


@dataclass(frozen=True, slots=True)
class ArchiveOverview:
    """Every figure the overview draws."""

    testimonies: int
    detained: int
    per_month: tuple[Bar, ...]        # every month from the first to the last, gaps as 0
    by_kind: tuple[Bar, ...]          # most first; label "" = not recorded
    by_year: tuple[Bar, ...]          # oldest first; label "" = not recorded, last
    per_device: tuple[DeviceBar, ...]  # most first

    @property
    def empty(self) -> bool:
        """Nothing to draw yet."""
        return self.testimonies == 0


def device_label(vault: Vault, fingerprint: str) -> str:
    """The label an organizer gave the device with this fingerprint ("" if none).

    The one place the overview asks for it: it will read the devices table when that
    lands (issue 18's intake); until then no device has a label."""
    del vault, fingerprint
    return ""


def _months(found: list[tuple[str, int]]) -> tuple[Bar, ...]:
    known = {m: n for m, n in found if len(m) == 7 and m[:4].isdigit() and m[5:].isdigit()}
    if not known:
        return ()
    year, month = int(min(known)[:4]), int(min(known)[5:])
    last = max(known)
    bars = []
    while True:
        key = f"{year:04d}-{month:02d}"
        bars.append(Bar(key, known.get(key, 0)))
        if key >= last:
            return tuple(bars)
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)


def archive_overview(vault: Vault) -> ArchiveOverview:
    """The figures of the whole archive."""
    c = counts(vault)
    by_year = [Bar(y, n) for y, n in c.detained_by_year() if y]
    unknown = sum(n for y, n in c.detained_by_year() if not y)
    if unknown:
        by_year.append(Bar("", unknown))
    own = vault.device_key().fingerprint
    per_device: dict[str, int] = {}
    for fingerprint, n in c.testimonies_by_device():
        per_device[fingerprint or own] = per_device.get(fingerprint or own, 0) + n
    devices = [DeviceBar(f, device_label(vault, f), f == own, n)
               for f, n in sorted(per_device.items(), key=lambda fn: (-fn[1], fn[0]))]
    by_kind = tuple(Bar(k, n) for k, n in c.detained_by_kind())
    return ArchiveOverview(c.testimonies(), sum(b.count for b in by_kind),
                           _months(c.testimonies_by_month()), by_kind, tuple(by_year),
                           tuple(devices))
