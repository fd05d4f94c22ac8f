"""core.platform.process and devices: hardening and device names on each system.

Linux's hardening runs for real in a child process (it is one-way); macOS's and
Windows's calls run against fake libraries.
"""

from __future__ import annotations

import ctypes
import subprocess
import sys
from pathlib import Path
from types import SimpleNamespace

import cv2
import pytest

from core import platform
from core.platform import process, system

ROOT = Path(__file__).resolve().parents[2]


def _child(code: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True,
                          text=True, timeout=60)


@pytest.mark.skipif(system.NAME != "linux", reason="the real Linux calls")
def test_linux_process_is_not_dumpable_and_makes_no_core():
    result = _child(
        "import ctypes, resource\n"
        "from core import platform\n"
        "print(platform.harden_process())\n"
        "print(ctypes.CDLL(None).prctl(3, 0, 0, 0, 0), resource.getrlimit(resource.RLIMIT_CORE))\n")
    assert result.stdout.splitlines() == ["['no-core', 'not-dumpable']", "0 (0, 0)"], result.stderr


@pytest.mark.skipif(system.NAME != "linux", reason="the real Linux calls")
def test_the_cli_hardens_itself():
    result = _child("import ctypes\nfrom app.cli.main import main\n"
                    "main(['keys', 'device', '--vault', '/nonexistent'])\n"
                    "print(ctypes.CDLL(None).prctl(3, 0, 0, 0, 0))\n")
    assert result.stdout.strip().splitlines()[-1] == "0", result.stderr


@pytest.mark.skipif(system.NAME != "linux", reason="the real Linux calls")
def test_the_worker_exits_when_its_parent_is_already_gone():
    assert _child("from core import platform\nplatform.die_with_parent(1)\nprint('alive')").returncode == 1
    alive = _child("import os\nfrom core import platform\n"
                   "platform.die_with_parent(os.getppid())\nprint('alive')")
    assert alive.stdout.strip() == "alive"


def test_macos_denies_debuggers(monkeypatch):
    calls = []
    libc = SimpleNamespace(ptrace=lambda *a: calls.append(("ptrace", a)) or 0,
                           prctl=lambda *a: calls.append(("prctl", a)) or 0)
    monkeypatch.setattr(system, "NAME", "macos")
    monkeypatch.setattr(process, "_libc", lambda: libc)
    monkeypatch.setattr(process, "_no_core_files", lambda: calls.append(("rlimit", ())))
    assert platform.harden_process() == ["no-core", "deny-attach"]
    assert calls == [("rlimit", ()), ("ptrace", (31, 0, 0, 0))]


def test_windows_turns_off_crash_dialogs_and_heap_dumps(monkeypatch):
    calls = []
    kernel32 = SimpleNamespace(SetErrorMode=lambda m: calls.append(("SetErrorMode", m)),
                               WerSetFlags=lambda f: calls.append(("WerSetFlags", f)))
    monkeypatch.setattr(system, "NAME", "windows")
    monkeypatch.setattr(ctypes, "WinDLL", lambda name: kernel32, raising=False)
    monkeypatch.setattr(process, "_no_core_files", lambda: pytest.fail("no rlimit on Windows"))
    assert platform.harden_process() == ["no-crash-dialog", "wer-no-heap"]
    assert calls == [("SetErrorMode", 0x3), ("WerSetFlags", 1)]


def test_device_names_per_system(monkeypatch):
    expected = {
        "linux": ([("default", "alsa"), ("default", "pulse")], ("/dev/video2", "v4l2"), "CAP_V4L2"),
        "macos": ([(":0", "avfoundation")], ("2:none", "avfoundation"), "CAP_AVFOUNDATION"),
        "windows": ([], ("video=Integrated Camera", "dshow"), "CAP_MSMF"),
    }
    for name, (mics, camera, backend) in expected.items():
        monkeypatch.setattr(system, "NAME", name)
        found = platform.microphone_inputs()
        assert [(d.url, d.format) for d in found] == mics, name
        assert all(d.options == {"sample_rate": "48000", "channels": "1"} for d in found)
        cam = platform.camera_input(2, "Integrated Camera")
        assert (cam.url, cam.format) == camera
        assert isinstance(getattr(cv2, platform.opencv_backend()), int)
    monkeypatch.setattr(system, "NAME", "windows")
    assert [(d.url, d.format) for d in platform.microphone_inputs("Microphone (USB)")] == \
        [("audio=Microphone (USB)", "dshow")]


def test_camera_present(monkeypatch, tmp_path):
    (tmp_path / "video0").touch()
    assert platform.camera_present(0, tmp_path) and not platform.camera_present(1, tmp_path)
    monkeypatch.setattr(system, "NAME", "windows")
    assert platform.camera_present(1, tmp_path)  # only opening it can tell


def test_the_microphone_falls_back_to_the_next_input(monkeypatch):
    """ALSA fails (no ALSA device): PulseAudio's input is tried next; none: no microphone."""
    import av

    from media import camera
    tried, working = [], {"pulse"}

    def fake_open(url, format, options):
        tried.append(format)
        if format in working:
            return "container"
        raise av.FFmpegError(5, "Input/output error")
    monkeypatch.setattr(system, "NAME", "linux")
    monkeypatch.setattr(av, "open", fake_open)
    assert camera._open_microphone() == "container" and tried == ["alsa", "pulse"]
    working.clear()
    assert camera._open_microphone() is None
