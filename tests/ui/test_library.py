"""The library screen: lazy loading of 10,000 testimonies, search, filters, sort, states,
opening a testimony, thumbnails, and nothing left behind (on disk or in memory)."""

from __future__ import annotations

import secrets
import time
from pathlib import Path

import cv2
import numpy as np
import pytest
from PySide6.QtCore import QCoreApplication, QEvent, QLocale, QObject, QPoint, Qt
from PySide6.QtGui import QColor

from app.recording import RecordingSession
from app.sync import sync
from app.thumbnails import thumbnail_jpeg
from harness.vaults import PASSPHRASE
from media.source_spec import open_source
from storage.vault import Vault
from tests.disk_scan import files_holding
from tests.ui.conftest import run_in_vault, unlock
from ui.library.model import BATCH, Col

# -- data -----------------------------------------------------------------------------


def add(vault: Vault, title: str, names=(), *, consent="restricted", status=None,
        recorded_at=None, duration=None) -> str:
    """A testimony with one detained person (and an item row when `duration` is given)."""
    with vault.transaction():
        tid = vault.catalogue.create_testimony(title, consent, recorded_at=recorded_at)
        if names:
            vault.catalogue.set_names(vault.catalogue.add_person(tid, "detained"), list(names))
        if status:
            vault.catalogue.update_testimony(tid, status=status)
        if duration is not None:
            vault.items.create(tid, "imported", state="complete", media_type="audio",
                               duration=duration, size=1)
    return tid


def add_still(vault: Vault, tid: str, jpeg: bytes) -> str:
    """A still photo item holding `jpeg`."""
    with vault.transaction():
        ref = vault.items.create(tid, "still", media_type="image", codec="mjpeg")
    writer = vault.writer(ref)
    writer.write(jpeg)
    writer.close()
    with vault.transaction():
        vault.items.update(ref.item_id, state="complete", size=writer.size, sha256=writer.sha256,
                           width=320, height=240)
    return ref.item_id


def red_jpeg_with_comment(comment: bytes) -> bytes:
    """A plain red 320×240 JPEG carrying `comment` in a COM segment."""
    ok, data = cv2.imencode(".jpg", np.full((240, 320, 3), (0, 0, 255), np.uint8))
    assert ok
    data = data.tobytes()
    return data[:2] + b"\xff\xfe" + (len(comment) + 2).to_bytes(2, "big") + comment + data[2:]


def record_video(vault: Vault, title: str) -> str:
    """A one-second synthetic recording (fragmented MP4 master); returns the testimony id."""
    source = open_source("synthetic", width=320, height=240, fps=15, realtime=False)
    session = RecordingSession(vault, source, title=title, max_seconds=1.0)
    session.start()
    deadline = time.monotonic() + 30
    while session.running and time.monotonic() < deadline:
        session._recorder._stopping.wait(0.05)
    return session.stop().testimony_id


def open_vault(path: Path) -> Vault:
    return Vault.open(path, PASSPHRASE)


# -- helpers ----------------------------------------------------------------------------


def library_of(window, qtbot):
    lib = window.library
    qtbot.waitUntil(lambda: lib.is_loaded, timeout=15_000)
    return lib


def titles(lib) -> list[str]:
    return [lib.model.summary(r).title for r in range(lib.model.rowCount())]


def type_search(lib, qtbot, text: str) -> None:
    lib.search.clear()
    qtbot.keyClicks(lib.search, text)


def wait_rows(lib, qtbot, expected: list[str]) -> None:
    qtbot.waitUntil(lambda: sorted(titles(lib)) == sorted(expected), timeout=10_000)


@pytest.fixture
def quiet(window, ctx):
    """The other screens do not react to the library's requests in these tests."""
    ctx.open_testimony.disconnect(window._open_testimony)
    ctx.record_into.disconnect(window._record)
    return window


class PaintWatch(QObject):
    """Notes when a widget is first painted while the model has rows."""

    def __init__(self, model) -> None:
        super().__init__()
        self.model = model
        self.at: float | None = None

    def eventFilter(self, watched, event) -> bool:  # noqa: N802
        if self.at is None and event.type() == QEvent.Type.Paint and self.model.rowCount():
            self.at = time.perf_counter()
        return False


# -- tests -------------------------------------------------------------------------------


def test_empty_vault_shows_a_calm_start_and_records(existing_vault, quiet, ctx, qtbot):
    unlock(quiet, qtbot)
    lib = library_of(quiet, qtbot)
    assert lib.pages.currentIndex() == 1
    assert lib.empty.record_button.isVisible()
    assert lib.selected_ids() == []
    with qtbot.waitSignal(ctx.record_into) as signal:
        qtbot.mouseClick(lib.empty.record_button, Qt.MouseButton.LeftButton)
    assert signal.args == [""]


def test_ten_thousand_testimonies_load_lazily_and_search_fast(existing_vault, window, ctx, qtbot):
    with open_vault(existing_vault) as vault, vault.transaction():
        cat = vault.catalogue
        for i in range(10_000):
            day = f"20{10 + i % 15}-{1 + i % 12:02d}-{1 + i % 28:02d}"
            tid = cat.create_testimony(f"Appeal {i}", ("public", "anonymous", "restricted")[i % 3],
                                       recorded_at=day)
            name = {0: "Turgunbay Aliya", 1: "Байжанов Ерлан"}.get(i % 100, f"Person {i % 977}")
            cat.set_names(cat.add_person(tid, "detained"), [name])
    watch = PaintWatch(window.library.model)
    window.library.table.viewport().installEventFilter(watch)
    field = window.unlock_screen.passphrase
    field.setText(PASSPHRASE)
    t0 = time.perf_counter()
    qtbot.keyClick(field, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: watch.at is not None, timeout=20_000)
    lib = window.library
    unlock_to_paint = watch.at - t0
    assert lib.model.rowCount() == BATCH
    assert lib.model.match_count == 10_000
    assert QLocale().toString(10_000) in lib.count_label.text()
    lib.table.scrollToBottom()  # the view asks for the next batch
    qtbot.waitUntil(lambda: lib.model.rowCount() == 2 * BATCH)

    timings, typed = {}, []
    lib.search.textChanged.connect(lambda _: typed.append(time.perf_counter()))
    for query, expected, name in (("Turganbay", 100, "Turgunbay Aliya"),
                                  ("Bayzhanov", 100, "Байжанов Ерлан"),
                                  ("Appeal 4242", 1, "Person 334")):
        type_search(lib, qtbot, query)
        t0 = typed[-1]  # the last keystroke
        qtbot.waitUntil(lambda: lib.model.match_count == expected
                        and lib.query == query and lib.pages.currentIndex() == 0,
                        timeout=10_000)
        timings[query] = time.perf_counter() - t0
        names = {lib.model.summary(r).detained_names for r in range(lib.model.rowCount())}
        assert names == {(name,)}
    print(f"\n[library] unlock to painted list of 10,000: {unlock_to_paint * 1000:.0f} ms")
    for query, t in timings.items():
        print(f"[library] last keystroke to updated list, {query!r}: {t * 1000:.0f} ms"
              f" (of which {lib._search_timer.interval()} ms debounce)")


def test_cross_script_search_and_no_matches(existing_vault, quiet, ctx, qtbot):
    window = quiet
    with open_vault(existing_vault) as vault:
        first = add(vault, "First", ["Байжанов Ерлан"])
        add(vault, "Second", ["Turgunbay Aliya"])
        add(vault, "Third", ["Wang Wei"])
    unlock(window, qtbot)
    lib = library_of(window, qtbot)
    wait_rows(lib, qtbot, ["First", "Second", "Third"])
    window.activateWindow()
    type_search(lib, qtbot, "Bayzhanov")
    wait_rows(lib, qtbot, ["First"])
    # Down arrow goes from the search field to the list; Enter opens the testimony.
    qtbot.keyClick(lib.search, Qt.Key.Key_Down)
    assert lib.table.hasFocus() and lib.table.currentIndex().row() == 0
    with qtbot.waitSignal(ctx.open_testimony) as signal:
        qtbot.keyClick(lib.table, Qt.Key.Key_Return)
    assert signal.args == [first]
    type_search(lib, qtbot, "Turganbay")
    wait_rows(lib, qtbot, ["Second"])
    assert lib.count_label.text() == "1 of 3"
    type_search(lib, qtbot, "Nobody Atall")
    qtbot.waitUntil(lambda: lib.views.currentIndex() == 2)
    assert "Nobody Atall" in lib.no_matches.label.text()
    qtbot.mouseClick(lib.no_matches.show_all_button, Qt.MouseButton.LeftButton)
    wait_rows(lib, qtbot, ["First", "Second", "Third"])
    assert lib.search.text() == "" and lib.views.currentIndex() == 0


def test_status_consent_and_sync_filters(existing_vault, window, ctx, qtbot, tmp_path):
    with open_vault(existing_vault) as vault:
        add(vault, "draft public", consent="public")
        add(vault, "ready anonymous", consent="anonymous", status="ready")
        exported = add(vault, "exported restricted", status="exported")
        # Everything above was saved a while ago, then synced; one is changed after.
        vault.conn.execute("UPDATE testimonies SET updated_at = '2020-01-01T00:00:00Z'")
        sync(vault, tmp_path / "drive")
        with vault.transaction():
            vault.catalogue.update_testimony(exported, notes="changed after the sync")
    unlock(window, qtbot)
    lib = library_of(window, qtbot)
    wait_rows(lib, qtbot, ["draft public", "ready anonymous", "exported restricted"])
    status = {lib.model.summary(r).title: lib.model.index(r, Col.STATUS).data()
              for r in range(3)}
    assert status == {"draft public": "Draft · synced", "ready anonymous": "Ready · synced",
                      "exported restricted": "Exported"}
    lib.status_filter.setCurrentIndex(lib.status_filter.findData("ready"))
    assert titles(lib) == ["ready anonymous"]
    lib.status_filter.setCurrentIndex(lib.status_filter.findData("unsynced"))
    assert titles(lib) == ["exported restricted"]
    lib.status_filter.setCurrentIndex(0)
    lib.consent_filter.setCurrentIndex(lib.consent_filter.findData("public"))
    assert titles(lib) == ["draft public"]
    lib.status_filter.setCurrentIndex(lib.status_filter.findData("exported"))
    assert titles(lib) == [] and lib.views.currentIndex() == 2
    assert lib.count_label.text() == "0 of 3"
    qtbot.mouseClick(lib.no_matches.show_all_button, Qt.MouseButton.LeftButton)
    assert len(titles(lib)) == 3 and lib.consent_filter.currentIndex() == 0


def test_sort_by_combo_and_header(existing_vault, window, qtbot):
    with open_vault(existing_vault) as vault:
        add(vault, "Beta", recorded_at="2019-05-01", duration=30)
        add(vault, "alpha", recorded_at="2021-01-01", duration=600)
        add(vault, "Gamma", recorded_at="2017-02-03", duration=5)
        add(vault, "Delta")  # no recorded date: its creation (today) counts
    unlock(window, qtbot)
    lib = library_of(window, qtbot)
    qtbot.waitUntil(lambda: lib.model.rowCount() == 4)
    assert titles(lib) == ["Delta", "alpha", "Beta", "Gamma"]  # newest first
    combo = lib.sort_combo
    combo.setCurrentIndex(1)
    assert titles(lib) == ["Gamma", "Beta", "alpha", "Delta"]
    combo.setCurrentIndex(2)
    assert titles(lib) == ["alpha", "Beta", "Delta", "Gamma"]
    combo.setCurrentIndex(3)
    assert titles(lib) == ["alpha", "Beta", "Gamma", "Delta"]
    header = lib.table.horizontalHeader()
    x = header.sectionViewportPosition(Col.TITLE) + 5
    qtbot.mouseClick(header.viewport(), Qt.MouseButton.LeftButton,
                     pos=QPoint(x, 5))
    assert titles(lib) == ["alpha", "Beta", "Delta", "Gamma"]
    assert combo.currentIndex() == 2
    qtbot.mouseClick(header.viewport(), Qt.MouseButton.LeftButton,
                     pos=QPoint(x, 5))
    assert titles(lib) == ["Gamma", "Delta", "Beta", "alpha"]
    assert combo.currentIndex() == -1  # Z–A is not one of the combo's choices


def test_double_click_enter_and_selection_open_the_form(existing_vault, quiet, ctx, qtbot):
    with open_vault(existing_vault) as vault:
        first = add(vault, "One")
        second = add(vault, "Two")
    unlock(quiet, qtbot)
    lib = library_of(quiet, qtbot)
    qtbot.waitUntil(lambda: lib.model.rowCount() == 2)
    table = lib.table
    index = lib.model.index(1, Col.TITLE)  # oldest: "One"
    where = table.visualRect(index).center()
    with qtbot.waitSignal(ctx.open_testimony) as signal:
        # A real double click: press and release, then the double click.
        qtbot.mouseClick(table.viewport(), Qt.MouseButton.LeftButton, pos=where)
        qtbot.mouseDClick(table.viewport(), Qt.MouseButton.LeftButton, pos=where)
    assert signal.args == [first]
    table.selectAll()
    assert lib.selected_ids() == [second, first]
    lib.show_grid(True)
    assert lib.current_view() is lib.grid and lib.grid.isVisible()
    assert lib.selected_ids() == [second, first]  # one selection for both views
    lib.grid.setFocus()
    lib.grid.setCurrentIndex(lib.model.index(0, 0))
    with qtbot.waitSignal(ctx.open_testimony) as signal:
        qtbot.keyClick(lib.grid, Qt.Key.Key_Return)
    assert signal.args == [second]
    lib.show_grid(False)


def test_catalogue_changes_reload_and_keep_the_selection(existing_vault, window, ctx, qtbot):
    with open_vault(existing_vault) as vault:
        kept = add(vault, "Kept")
        add(vault, "Other")
    unlock(window, qtbot)
    lib = library_of(window, qtbot)
    qtbot.waitUntil(lambda: lib.model.rowCount() == 2)
    lib.table.selectRow(lib.model.row_of(kept))
    new = run_in_vault(ctx, lambda v: add(v, "Added elsewhere"))
    ctx.catalogue_changed.emit(new)
    qtbot.waitUntil(lambda: lib.model.rowCount() == 3)
    assert titles(lib)[0] == "Added elsewhere"
    assert lib.selected_ids() == [kept]
    # A still added to a listed testimony replaces its placeholder.
    assert lib.thumbnails.image(kept) is None
    run_in_vault(ctx, lambda v: add_still(v, kept, red_jpeg_with_comment(b"new")))
    ctx.catalogue_changed.emit(kept)
    qtbot.waitUntil(lambda: lib.thumbnails.image(kept) is not None, timeout=10_000)
    assert not lib.thumbnails.image(kept).isNull()


def test_only_painted_rows_ask_for_pictures(existing_vault, window, qtbot):
    jpeg = red_jpeg_with_comment(b"")
    with open_vault(existing_vault) as vault:
        ids = [add(vault, f"Photo {i:02d}", recorded_at=f"2020-01-{i + 1:02d}") for i in range(30)]
        for tid in ids:
            add_still(vault, tid, jpeg)
    unlock(window, qtbot)
    lib = library_of(window, qtbot)
    cache = lib.thumbnails
    qtbot.waitUntil(lambda: len(cache) > 0 and cache.pending == 0, timeout=10_000)
    table = lib.table
    visible = {lib.model.summary(r).id for r in range(lib.model.rowCount())
               if table.visualRect(lib.model.index(r, 0)).intersects(table.viewport().rect())}
    loaded = {tid for tid in ids if cache.image(tid) is not None}
    assert loaded == visible and len(loaded) < len(ids)
    table.scrollToBottom()
    qtbot.waitUntil(lambda: cache.image(ids[0]) is not None and cache.pending == 0,
                    timeout=10_000)  # the oldest, last row


def test_thumbnails_from_still_and_video_leave_nothing_behind(existing_vault, window, ctx,
                                                              qtbot, tmp_path):
    marker = f"KUAMARK{secrets.token_hex(6)}".encode()
    with open_vault(existing_vault) as vault:
        still = add(vault, f"Photo {marker.decode()}", ["Байжанов Ерлан"])
        add_still(vault, still, red_jpeg_with_comment(marker))
        video = record_video(vault, "Video only")
        bare = add(vault, "No media")
    unlock(window, qtbot)
    lib = library_of(window, qtbot)
    cache = lib.thumbnails
    qtbot.waitUntil(lambda: cache.image(still) is not None and cache.image(video) is not None,
                    timeout=20_000)
    red = cache.image(still)
    assert not red.isNull() and max(red.width(), red.height()) == 240
    pixel = QColor(red.pixel(red.width() // 2, red.height() // 2))
    assert pixel.red() > 200 and pixel.green() < 60 and pixel.blue() < 60
    frame = cache.image(video)
    assert not frame.isNull() and frame.width() == 240 and frame.height() == 180
    # The test pattern's colour bars, not one of the source's flat flash frames.
    assert QColor(frame.pixel(30, 60)) != QColor(frame.pixel(210, 60))
    assert cache.image(bare) is None  # nothing to decode: never asked for
    lib.show_grid(True)
    lib.grid.grab()  # the grid paints the pictures too
    # The thumbnail made in memory, and the marker, are nowhere on disk.
    jpeg = run_in_vault(ctx, lambda v: thumbnail_jpeg(v, still))
    needles = [marker, jpeg[len(jpeg) // 2:len(jpeg) // 2 + 48]]
    assert files_holding(needles, tmp_path) == []

    type_search(lib, qtbot, "Bayzhanov")
    lib.status_filter.setCurrentIndex(1)
    lib.table.selectAll()
    window.lock_now()  # the panic lock clears every screen
    assert lib.model.rowCount() == 0 and lib.model.match_count == 0 and len(cache) == 0
    assert cache.pending == 0
    assert lib.search.text() == "" and lib.status_filter.currentIndex() == 0
    assert lib.selected_ids() == []
    assert not lib._search_timer.isActive()
    assert ctx.executor.wait_idle()
    QCoreApplication.processEvents()  # results of work from before the lock are dropped
    assert lib.model.rowCount() == 0 and len(cache) == 0
    assert files_holding(needles, tmp_path) == []
    lib.show_grid(False)
