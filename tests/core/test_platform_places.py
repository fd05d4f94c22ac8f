"""core.platform folders and drives on each system (the system set by the test)."""

from __future__ import annotations

from pathlib import Path

import pytest

from core import platform
from core.platform import system


@pytest.fixture
def home(monkeypatch, tmp_path):
    monkeypatch.setenv("HOME", str(tmp_path))
    for name in ("XDG_DATA_HOME", "XDG_CONFIG_HOME", "LOCALAPPDATA"):
        monkeypatch.delenv(name, raising=False)
    return tmp_path


def test_linux_folders_follow_xdg(monkeypatch, home):
    monkeypatch.setattr(system, "NAME", "linux")
    assert platform.data_dir() == home / ".local/share/kua"
    assert platform.config_dir() == home / ".config/kua"
    monkeypatch.setenv("XDG_DATA_HOME", "/data")
    monkeypatch.setenv("XDG_CONFIG_HOME", "/conf")
    assert (platform.data_dir(), platform.config_dir()) == (Path("/data/kua"), Path("/conf/kua"))


def test_macos_folders(monkeypatch, home):
    monkeypatch.setattr(system, "NAME", "macos")
    monkeypatch.setenv("XDG_DATA_HOME", "/ignored")
    assert platform.data_dir() == home / "Library/Application Support/kua"
    assert platform.config_dir() == home / "Library/Preferences/kua"


def test_windows_folders(monkeypatch, home):
    monkeypatch.setattr(system, "NAME", "windows")
    assert platform.data_dir() == home / "AppData/Local/kua"
    monkeypatch.setenv("LOCALAPPDATA", "/users/amina/AppData/Local")
    assert platform.data_dir() == platform.config_dir() == Path("/users/amina/AppData/Local/kua")


def test_the_default_vault_and_settings_live_there(monkeypatch, home):
    from app.session import default_vault_path
    from app.settings import config_path
    monkeypatch.setattr(system, "NAME", "macos")
    assert default_vault_path() == home / "Library/Application Support/kua/vault"
    assert config_path() == home / "Library/Preferences/kua/settings.json"


@pytest.mark.parametrize("name, root, fs, system_volume", [
    ("linux", "/", "ext4", True),
    ("linux", "/boot/efi", "vfat", True),
    ("linux", "/run/user/1000/doc", "fuse.portal", True),
    ("linux", "/run/media/amina/USB", "vfat", False),
    ("linux", "/media/amina/USB", "exfat", False),
    ("linux", "/mnt/backup", "ext4", False),
    ("linux", "/dev/shm", "tmpfs", True),
    ("macos", "/", "apfs", True),
    ("macos", "/System/Volumes/Data", "apfs", True),
    ("macos", "/Volumes/USB", "msdos", False),
    ("windows", "C:\\", "NTFS", True),
    ("windows", "E:\\", "exFAT", False),
])
def test_system_volumes(monkeypatch, name, root, fs, system_volume):
    monkeypatch.setattr(system, "NAME", name)
    monkeypatch.delenv("SystemDrive", raising=False)
    assert platform.is_system_volume(root, fs) is system_volume


def test_windows_system_drive_from_the_environment(monkeypatch):
    monkeypatch.setattr(system, "NAME", "windows")
    monkeypatch.setenv("SystemDrive", "D:")
    assert platform.is_system_volume("D:\\", "NTFS") and not platform.is_system_volume("C:\\", "NTFS")
