"""Where Kua keeps its data and its settings, per system.

The same places as Qt's `QStandardPaths` GenericDataLocation / GenericConfigLocation
followed by "kua" (tests/ui/test_platform_folders.py compares them), without Qt, so that
the command line and the app agree:

| system  | data (the default vault's parent)    | settings                      |
|---------|--------------------------------------|-------------------------------|
| Linux   | $XDG_DATA_HOME or ~/.local/share/kua | $XDG_CONFIG_HOME or ~/.config/kua |
| macOS   | ~/Library/Application Support/kua   | ~/Library/Preferences/kua     |
| Windows | %LOCALAPPDATA%\\kua                  | %LOCALAPPDATA%\\kua           |
"""

from __future__ import annotations

import os
from pathlib import Path

from core.platform import system

APP = "kua"


def _windows_local() -> Path:
    local = os.environ.get("LOCALAPPDATA")
    return Path(local) if local else Path.home() / "AppData" / "Local"


def data_dir() -> Path:
    """The folder for Kua's data (the default vault is its `vault` sub-folder)."""
    if system.NAME == "windows":
        return _windows_local() / APP
    if system.NAME == "macos":
        return Path.home() / "Library" / "Application Support" / APP
    base = os.environ.get("XDG_DATA_HOME") or str(Path.home() / ".local" / "share")
    return Path(base) / APP


def config_dir() -> Path:
    """The folder for Kua's settings (never anything about a testimony)."""
    if system.NAME == "windows":
        return _windows_local() / APP
    if system.NAME == "macos":
        return Path.home() / "Library" / "Preferences" / APP
    base = os.environ.get("XDG_CONFIG_HOME") or str(Path.home() / ".config")
    return Path(base) / APP
