"""The whole first session through the window: first run → record → form → play →
transcode → export, then the organizer opens the bundle. Nothing in clear on disk."""

from __future__ import annotations


from app import bundles
from harness import ui_flow
from storage.vault import Vault
from tests.disk_scan import files_holding

MARKER = "Zhanargul Qasymqyzy"  # typed as the detained person's name


def test_first_session_end_to_end(window, ctx, qtbot, tmp_path):
    def wait(condition, timeout):
        qtbot.waitUntil(condition, timeout=timeout)

    shots = []
    shot = lambda name, widget: shots.append(name)  # noqa: E731
    key = ui_flow.first_run(window, wait, shot)
    assert len(key.split("-")) == 8
    tid = ui_flow.record(window, wait, shot, seconds=2.0)
    ui_flow.fill_form(window, wait, shot, "Appeal for my sister", (MARKER, "Жанаргүл Қасымқызы"))
    ui_flow.play(window, wait, shot)
    ui_flow.transcode(window, wait, shot, tid)
    org_key = tmp_path / "organizer.key"
    recipient = bundles.new_organizer_identity(org_key, None)
    bundle = ui_flow.export(window, wait, shot, tid, str(recipient), tmp_path / "stick")
    assert shots == ["01-first-run", "02-recovery-key", "03-library-empty", "04-recorder",
                     "05-testimony", "06-player", "07-jobs", "08-export", "09-export-done"]

    window.ctx.show_library.emit()
    qtbot.waitUntil(lambda: window.library.model.rowCount() == 1, timeout=10_000)
    window.lock_now()
    # The panic lock left nothing of the session in any view.
    assert window.root.currentWidget() is window.unlock_screen
    assert window.library.model.rowCount() == 0 and len(window.library.thumbnails) == 0
    assert window.library.search.text() == ""
    everything = ui_flow.visible_texts(window.workspace)
    assert not [t for t in everything if MARKER in t or "Appeal for my sister" in t or tid in t]
    assert window.jobs.rows == {}
    assert window.recorder.driver.session is None
    assert ctx.executor.wait_idle()
    # What the vault holds after the session.
    with Vault.open(ctx.vault_path, ui_flow.PASSPHRASE) as vault:
        t = vault.catalogue.get(tid)
        assert t.title == "Appeal for my sister" and t.status == "exported"
        assert t.consent == "public"
        assert [n.text for n in t.detained[0].names] == [MARKER, "Жанаргүл Қасымқызы"]
        kinds = sorted(i.kind for i in vault.items.of_testimony(tid))
        assert kinds == ["master", "share", "still"]
    # The organizer opens the bundle with their key alone.
    report = bundles.verify_bundle(bundle, bundles.load_identities(org_key, lambda: ""))
    assert report.testimonies == (tid,)  # verify_bundle raises on any damage
    assert sorted(i.kind for i in report.items) == ["master", "still"]
    # Nothing readable anywhere on disk: vault, temp dir, the stick.
    for needle in (MARKER.encode(), MARKER.encode("utf-16-le"), b"ftyp", b"mdat",
                   b"Appeal for my sister"):
        for root in (ctx.vault_path, tmp_path / "tmp", tmp_path / "stick"):
            assert files_holding([needle], root) == [], (needle, root)
