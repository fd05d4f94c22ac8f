"""`kua` speaks the language of LANG / LANGUAGE: its one-line errors and its reports.

The expected words come from the catalogue (core/i18n/po/), and must differ from the
English: an untranslated message would pass the first check but fail the second.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from core import i18n
from core.i18n.kazakh_latin import to_kazakh_latin
from tests.e2e.cli import check, init_vault, run_kua

WRONG = "wrong passphrase or recovery key"
VAULT_OK = "vault ok"

# (environment, language code): the usual ways a system says which language it speaks
CASES = [
    ({"LANG": "ru_RU.UTF-8"}, "ru"),
    ({"LANG": "kk_KZ.UTF-8"}, "kk"),
    ({"LANGUAGE": "kk@latin"}, "kk_Latn"),
    ({"LC_ALL": "ug_CN.UTF-8"}, "ug"),
    ({"LANGUAGE": "zh_CN:en", "LANG": "en_US.UTF-8"}, "zh"),
]


def _in(language: str, message: str) -> str:
    previous = i18n.current_language()
    i18n.set_language(language)
    try:
        return i18n._(message)
    finally:
        i18n.set_language(previous)


@pytest.fixture(scope="module")
def vault(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("lang") / "vault"
    init_vault(path)
    return path


@pytest.mark.parametrize("env, language", CASES, ids=[c[1] for c in CASES])
def test_errors_and_reports_in_the_language(vault, env, language):
    clean = {"LANGUAGE": None, "LC_ALL": None, "LC_MESSAGES": None, "LANG": None}
    wrong = run_kua("list", vault=vault, env_extra={**clean, **env, "KUA_PASSPHRASE": "no"})
    assert wrong.returncode == 3
    expected = _in(language, WRONG)
    assert wrong.stderr.strip() == f"kua: {expected}"
    assert expected != WRONG, f"{WRONG!r} has no {language} translation"
    report = check(run_kua("verify", vault=vault, env_extra={**clean, **env})).stdout
    assert _in(language, VAULT_OK) in report.splitlines()
    assert _in(language, VAULT_OK) != VAULT_OK, f"{VAULT_OK!r} has no {language} translation"


def test_english_when_the_system_asks_for_english_or_nothing(vault):
    for env in ({"LANG": "C.UTF-8"}, {"LANG": "de_DE.UTF-8"}, {}):
        clean = {"LANGUAGE": None, "LC_ALL": None, "LC_MESSAGES": None, "LANG": None}
        wrong = run_kua("list", vault=vault, env_extra={**clean, **env, "KUA_PASSPHRASE": "no"})
        assert wrong.stderr.strip() == f"kua: {WRONG}"


def test_the_language_is_read_as_gettext_reads_it():
    pick = i18n.system_language
    assert pick({"LANG": "ru_RU.UTF-8"}) == "ru"
    assert pick({"LANGUAGE": "ug:ru", "LANG": "ru_RU.UTF-8"}) == "ug"
    assert pick({"LANGUAGE": "fr:kk", "LANG": "C"}) == "kk"           # first known one
    assert pick({"LC_ALL": "kk_KZ.UTF-8@latin"}) == "kk_Latn"
    assert pick({"LANGUAGE": "kk-Latn"}) == "kk_Latn"
    assert pick({"LC_MESSAGES": "zh_CN.GB18030", "LANG": "ru_RU"}) == "zh"
    assert pick({"LANG": "C"}) == "en" and pick({}) == "en"


def test_kazakh_latin_is_the_cyrillic_catalogue_transliterated():
    cyrillic = _in("kk", "Passphrase")
    assert cyrillic != "Passphrase"
    assert _in("kk_Latn", "Passphrase") == to_kazakh_latin(cyrillic)
