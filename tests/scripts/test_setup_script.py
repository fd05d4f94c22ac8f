"""scripts/setup.sh's refusals: one line starting "setup:", and nothing created.

Run on a copy of the script in a fresh folder, with the system libraries already there
(as after any setup), so only the Python choice is under test.
"""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
PYTHON_NAMES = ("python3", "python3.11", "python3.12", "python3.13", "python3.14")


def _checkout(tmp_path: Path) -> Path:
    (tmp_path / "kua" / "scripts").mkdir(parents=True)
    shutil.copy(ROOT / "scripts" / "setup.sh", tmp_path / "kua" / "scripts" / "setup.sh")
    return tmp_path / "kua"


def _old_pythons(tmp_path: Path) -> Path:
    """A folder of `python3*` commands that are all Python 3.10."""
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    for name in PYTHON_NAMES:
        fake = bin_dir / name
        fake.write_text("#!/bin/sh\n[ \"$1\" = --version ] && { echo 'Python 3.10.12'; exit 0; }\nexit 1\n")
        fake.chmod(0o755)
    return bin_dir


def _setup(checkout: Path, bin_dir: Path, **env: str) -> subprocess.CompletedProcess:
    path = f"{bin_dir}:/usr/sbin:/usr/bin:/sbin:/bin"
    return subprocess.run(["bash", str(checkout / "scripts" / "setup.sh")], capture_output=True,
                          text=True, timeout=120, env={**os.environ, "PATH": path, **env})


@pytest.fixture
def libraries_installed():
    if shutil.which("dpkg-query") is None:
        pytest.skip("not a Debian system")
    probe = subprocess.run(["dpkg-query", "-W", "libxrandr2", "age"], capture_output=True)
    if probe.returncode != 0:
        pytest.skip("the system libraries are not installed here")


def test_no_supported_python_is_one_line_and_creates_nothing(tmp_path, libraries_installed):
    checkout = _checkout(tmp_path)
    result = _setup(checkout, _old_pythons(tmp_path), PYTHON="")
    assert result.returncode == 1
    assert result.stderr.strip().splitlines() == [
        "setup: Kua needs Python 3.11 to 3.14; this machine has Python 3.10.12 (install e.g. "
        "python3.12-venv, or set PYTHON=/path/to/python3.X)"]
    assert sorted(p.name for p in checkout.iterdir()) == ["scripts"]


def test_an_unsupported_python_asked_for_is_refused(tmp_path, libraries_installed):
    checkout = _checkout(tmp_path)
    bin_dir = _old_pythons(tmp_path)
    result = _setup(checkout, bin_dir, PYTHON=str(bin_dir / "python3.12"))
    assert result.returncode == 1
    assert result.stderr.strip() == f"setup: PYTHON={bin_dir}/python3.12 is not Python 3.14 3.13 3.12 3.11"
    assert not (checkout / ".venv").exists()
