"""`last_sync` reads the latest sync from the audit log."""

from app import sync


def test_last_sync_is_none_then_the_latest(vault, tmp_path):
    assert sync.last_sync(vault) is None
    first = sync.sync(vault, tmp_path / "drive")
    second = sync.sync(vault, tmp_path / "drive")
    found = sync.last_sync(vault)
    assert found is not None
    assert found.label == second.label == first.label
    assert found.generation == second.generation > first.generation
    assert found.at
