"""Kua's error hierarchy, re-exported for app/ and ui/ (defined in storage/errors.py)."""

from storage.errors import *  # noqa: F401,F403
from storage.errors import KuaError  # noqa: F401
