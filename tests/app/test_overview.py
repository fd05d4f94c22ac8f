"""The overview's figures (app/overview.py) from a seeded archive."""

from __future__ import annotations

from app.overview import Bar, archive_overview
from harness.archive_seed import FOREIGN_DEVICE, OTHER_DEVICE, seed_archive


def test_figures_of_a_seeded_archive(archive):
    seed_archive(archive)
    f = archive_overview(archive)
    assert (f.testimonies, f.detained, f.empty) == (5, 6, False)
    assert f.per_month == (Bar("2024-01", 2), Bar("2024-02", 0), Bar("2024-03", 2),
                           Bar("2024-04", 1))
    assert f.by_kind == (Bar("camp", 3), Bar("prison", 2), Bar("", 1))
    assert f.by_year == (Bar("2017", 2), Bar("2018", 2), Bar("2019", 1), Bar("", 1))
    own = archive.device_key().fingerprint
    assert [(d.fingerprint, d.this_device, d.count) for d in f.per_device] == [
        (FOREIGN_DEVICE, False, 2), (own, True, 2), (OTHER_DEVICE, False, 1)] \
        or [(d.fingerprint, d.this_device, d.count) for d in f.per_device] == [
        (own, True, 2), (FOREIGN_DEVICE, False, 2), (OTHER_DEVICE, False, 1)]


def test_an_empty_archive_is_empty(archive):
    f = archive_overview(archive)
    assert f.empty and f.per_month == () and f.by_kind == () and f.per_device == ()
