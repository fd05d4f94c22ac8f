"""Everything that differs between Linux, Windows and macOS, in one package (as borg
keeps `platform/`). Nothing else in Kua asks which system it is on.

- files: the vault lock, directory fsync, atomic replace
- folders: where data and settings live
- drives: which mounted volumes are a person's drives
- process: making the process undumpable, the worker dying with the app
- devices: the capture backend's names for the camera and the microphone

`system.NAME` says which system this is; tests set it to drive each branch with fakes.
"""

from __future__ import annotations

from core.platform import system
from core.platform.devices import DeviceInput, camera_input, camera_present, microphone_inputs, opencv_backend
from core.platform.drives import is_system_volume
from core.platform.files import LocksUnsupported, fsync_dir, lock, replace
from core.platform.folders import config_dir, data_dir
from core.platform.process import die_with_parent, harden_process

__all__ = ["system", "DeviceInput", "camera_input", "camera_present", "microphone_inputs",
           "opencv_backend", "is_system_volume", "LocksUnsupported", "fsync_dir", "lock",
           "replace", "config_dir", "data_dir", "die_with_parent", "harden_process"]
