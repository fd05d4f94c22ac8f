"""scripts/screenshots.py saves every screen at 1366×768 and at 200 % (a person looks at them;
this test checks they are made, full size, and not blank)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from PySide6.QtGui import QImage

ROOT = Path(__file__).resolve().parents[2]
SCREENS = ["01-first-run", "02-recovery-key", "03-library-empty", "04-recorder", "05-testimony",
           "06-player", "07-jobs", "08-export", "09-export-done", "10-library",
           "11-library-grid", "12-library-search", "13-recorder-ready", "14-sync",
           "15-settings", "16-unlock-wrong-passphrase"]
WINDOW = ("01-first-run", "03-library-empty", "04-recorder", "10-library", "16-unlock-wrong-passphrase")


@pytest.mark.slow
@pytest.mark.parametrize("scale", [1, 2])
def test_screenshots_of_every_screen(tmp_path, scale, qapp):
    out = tmp_path / "shots"
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", TMPDIR=str(tmp_path / "tmp"))
    (tmp_path / "tmp").mkdir(exist_ok=True)
    proc = subprocess.run([sys.executable, "scripts/screenshots.py", str(out), "--scale", str(scale)],
                          cwd=ROOT, env=env, capture_output=True, text=True, timeout=240)
    assert proc.returncode == 0, proc.stderr[-3000:]
    assert sorted(p.stem for p in out.glob("*.png")) == SCREENS
    for name in WINDOW:
        image = QImage(str(out / f"{name}.png"))
        assert (image.width(), image.height()) == (1366 * scale, 768 * scale), name
        # Not blank: more than a handful of distinct colours on a grid over the picture
        # (a fixed row can fall between lines of text, depending on the fonts installed).
        colours = {image.pixel(x, y) for x in range(0, image.width(), 5)
                   for y in range(0, image.height(), 5)}
        assert len(colours) > 3, name
    # The demo vault went away with its temp folder (the sound library may leave an empty
    # pulse-* folder behind: no file).
    assert [p for p in (tmp_path / "tmp").rglob("*") if not p.is_dir()] == []
