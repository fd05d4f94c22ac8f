"""The transcoding worker (a separate process) speaks the app's language, not the shell's."""

from __future__ import annotations

from app.transcode import process as jobs_process
from core import i18n


def test_the_worker_is_started_in_the_apps_language(monkeypatch):
    monkeypatch.setenv("LANG", "zh_CN.UTF-8")
    for language in ("ru", "kk_Latn", "en"):
        i18n.set_language(language)
        try:
            env = jobs_process._environment()
        finally:
            i18n.set_language("en")
        assert i18n.system_language(env) == language
