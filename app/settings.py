"""Preferences: the few that must be known before unlocking, and those kept in the vault.

Outside the vault (`$XDG_CONFIG_HOME/kua/settings.json`, written atomically) live only
things that say nothing about anyone: the interface language, the auto-lock delay and
the default recording quality. No vault path, no recent files. The interview guide's
prompts can hold names, so they live in the encrypted catalogue.
"""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass, replace
from pathlib import Path

from core import platform
from core import i18n
from core.i18n import N_, _
from storage.fsio import atomic_write
from storage.vault import Vault

LANGUAGES = i18n.LANGUAGES
QUALITIES = ("480p", "720p", "1080p")
DEFAULT_GUIDE = (  # shown in the interface's language until the volunteer edits the guide
    N_("Who is detained? Full name in every spelling you know."),
    N_("Your relation to them, and your own name."),
    N_("Since when are they detained, and where?"),
    N_("What are they accused of? Any sentence?"),
    N_("When did you last hear from them?"),
    N_("What do you ask for?"),
)
_GUIDE_KEY = "interview_guide"


@dataclass(frozen=True, slots=True)
class Preferences:
    """What the user chose in Settings that is needed before unlocking."""

    language: str = "en"
    auto_lock_minutes: int = 10      # 0: never
    quality: str = "720p"

    def with_(self, **changes: object) -> "Preferences":
        """A copy with some fields changed (values checked)."""
        new = replace(self, **changes)
        return new._checked()

    def _checked(self) -> "Preferences":
        language = self.language if self.language in LANGUAGES else "en"
        quality = self.quality if self.quality in QUALITIES else "720p"
        minutes = max(0, min(24 * 60, int(self.auto_lock_minutes)))
        return Preferences(language, minutes, quality)


def config_path() -> Path:
    """Where the preferences file lives."""
    return platform.config_dir() / "settings.json"


def load_preferences(path: Path | None = None) -> Preferences:
    """The saved preferences, or the defaults (the system's language) if there are none."""
    path = path or config_path()
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        known = {k: data[k] for k in ("language", "auto_lock_minutes", "quality") if k in data}
        return Preferences(**{"language": i18n.system_language(), **known})._checked()
    except (OSError, ValueError, TypeError):
        return Preferences(language=i18n.system_language())


def save_preferences(prefs: Preferences, path: Path | None = None) -> None:
    """Write the preferences atomically (folder created with owner-only access)."""
    path = path or config_path()
    path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
    atomic_write(path, json.dumps(asdict(prefs), indent=1).encode())


def default_guide() -> list[str]:
    """The default interview guide in the current language."""
    return [_(prompt) for prompt in DEFAULT_GUIDE]


def interview_guide(vault: Vault) -> list[str]:
    """The interview guide's prompts (the defaults until edited)."""
    stored = vault.setting(_GUIDE_KEY)
    if stored is None:
        return default_guide()
    try:
        prompts = json.loads(stored)
    except ValueError:
        return default_guide()
    return [str(p) for p in prompts if str(p).strip()]


def set_interview_guide(vault: Vault, prompts: list[str]) -> None:
    """Save the interview guide's prompts in the vault."""
    vault.set_setting(_GUIDE_KEY, json.dumps([p.strip() for p in prompts if p.strip()]))
