"""Each language's catalogue is complete and faithful; the code's strings are all in it.

Fails until the translators have filled kk, ug and zh (see /work/wt/I18N-STATUS.md for
how): an unfinished or fuzzy entry, a lost `{placeholder}` or a wrong number of plural
forms is a failure, and each is named.
"""

from __future__ import annotations

import pytest
from babel.messages.catalog import Catalog, Message

from core.i18n.catalogues import CATALOGUE_LANGUAGES, TEMPLATE, po_path, read_catalogue
from core.i18n.checks import catalogue_problems, entry_problems
from scripts.translations import PLURAL_FORMS, extract

PLURALS = {"kk": 2, "ru": 3, "ug": 2, "zh": 1}


def _ids(catalog: Catalog) -> set:
    return {m.id for m in catalog if m.id}


@pytest.fixture(scope="module")
def code_strings() -> set:
    return _ids(extract())


def test_the_template_holds_every_string_of_the_code(code_strings):
    template = _ids(read_catalogue(TEMPLATE))
    assert code_strings == template, (
        f"run scripts/translations.py: new {sorted(code_strings - template, key=str)[:5]}, "
        f"gone {sorted(template - code_strings, key=str)[:5]}")
    assert len(code_strings) > 700


@pytest.mark.parametrize("language", CATALOGUE_LANGUAGES)
def test_catalogue_is_complete(language, code_strings):
    catalog = read_catalogue(po_path(language))
    assert catalog.num_plurals == PLURALS[language]
    assert PLURAL_FORMS[language].startswith(f"nplurals={PLURALS[language]};")
    assert _ids(catalog) >= code_strings, "run scripts/translations.py"
    problems = catalogue_problems(catalog)
    assert not problems, f"{len(problems)} problems in {language}.po:\n" + "\n".join(problems[:40])


def test_the_checks_catch_what_they_should():
    ok = Message("{n} files of {total}", "{n} файлов из {total}")
    assert entry_problems(ok, 3) == []
    assert entry_problems(Message("Save", ""), 3) == ["untranslated: 'Save'"]
    assert entry_problems(Message("Save", "Сохранить", flags=["fuzzy"]), 3)[0].startswith("fuzzy")
    lost = entry_problems(Message("{n} of {total}", "{n} из {all}"), 3)
    assert lost and "placeholders" in lost[0]
    plural = Message(("%n item", "%n items"), ("%n файл", "%n файла"))
    assert "2 plural forms instead of 3" in entry_problems(plural, 3)[0]
    empty_form = Message(("%n item", "%n items"), ("%n файл", "", "%n файлов"))
    assert any("empty" in p for p in entry_problems(empty_form, 3))
    no_count = Message(("%n item", "%n items"), ("%n файл", "%n файла", "файлов"))
    assert any("%n" in p for p in entry_problems(no_count, 3))
