#!/usr/bin/env python3
"""Extract Kua's strings into core/i18n/po/kua.pot and update the kk, ru, ug and zh catalogues.

    .venv/bin/python scripts/translations.py          # extract, update, print counts
    .venv/bin/python scripts/translations.py --check  # also exit 1 on any unfinished entry
    .venv/bin/python scripts/translations.py --fill FILE.json  # then set these translations

A fill file maps each msgid to its translations: {"Save a copy…": {"kk": "…", "ru": "…",
"ug": "…", "zh": "…"}}; a plural's languages take a list, one text per plural form.
Engineers working in parallel keep their new strings' fill file, so catalogues that
conflict in a merge are rebuilt by extracting again and filling each file.

What is extracted (one msgid = one translation; Qt's contexts are not used):
- ui/: `self.tr("text")`, `self.tr("%n singular", "%n plural", n)` (a plural), `_tr("text")`,
  `QCoreApplication.translate("Ctx", "text")`, `QT_TRANSLATE_NOOP("Ctx", "text")`;
- app/, storage/, media/, core/: `_("text")`, `N_("text")`, `ngettext("one", "many", n)`.

Updating keeps every translation whose msgid is still used; a msgid that changed a little
gets the old translation marked fuzzy (Babel's update, like msgmerge), and a fuzzy entry
counts as unfinished. Entries no longer in the code are dropped.
"""

from __future__ import annotations

import ast
import json
import sys
from pathlib import Path

from babel.messages.catalog import Catalog
from babel.messages.pofile import read_po, write_po

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from core.i18n.catalogues import (CATALOGUE_LANGUAGES, TEMPLATE, finished,  # noqa: E402
                                  po_path)

QT_SOURCES = ("ui",)
GETTEXT_SOURCES = ("app", "storage", "media", "core")
PLURAL_FORMS = {  # the gettext header of each language
    "kk": "nplurals=2; plural=(n != 1);",
    "ru": "nplurals=3; plural=(n%10==1 && n%100!=11 ? 0 : n%10>=2 && n%10<=4 && "
          "(n%100<10 || n%100>=20) ? 1 : 2);",
    "ug": "nplurals=2; plural=(n != 1);",
    "zh": "nplurals=1; plural=0;",
}
LOCALES = {"kk": "kk", "ru": "ru", "ug": "ug", "zh": "zh_Hans_CN"}


def _literal(node: ast.AST) -> str | None:
    """The text of a string literal (implicit concatenation included), else None."""
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return node.value
    return None


def _call_name(call: ast.Call) -> str:
    func = call.func
    if isinstance(func, ast.Name):
        return func.id
    return func.attr if isinstance(func, ast.Attribute) else ""


def _messages(call: ast.Call, qt: bool) -> tuple[str, str | None] | None:
    """(msgid, msgid_plural) of a marked call, or None."""
    name, args = _call_name(call), call.args
    texts = [_literal(a) for a in args]
    if qt:
        if name in ("tr", "_tr") and texts and texts[0]:  # _tr: a module's own translate()
            if len(args) >= 3 and texts[1]:
                return texts[0], texts[1]
            return texts[0], None
        if name in ("translate", "QT_TRANSLATE_NOOP") and len(texts) >= 2 and texts[1]:
            return texts[1], None
        return None
    if name in ("_", "N_", "gettext") and texts and texts[0]:
        return texts[0], None
    if name == "ngettext" and len(texts) >= 2 and texts[0] and texts[1]:
        return texts[0], texts[1]
    return None


def extract() -> Catalog:
    """A template catalogue of every marked string in the code."""
    template = Catalog(project="Kua", msgid_bugs_address="", charset="utf-8",
                       copyright_holder="Kua", fuzzy=False)
    for folder, qt in [(f, True) for f in QT_SOURCES] + [(f, False) for f in GETTEXT_SOURCES]:
        for path in sorted((ROOT / folder).rglob("*.py")):
            rel = str(path.relative_to(ROOT))
            for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
                if isinstance(node, ast.Call):
                    found = _messages(node, qt)
                    if found:
                        msgid, plural = found
                        key = (msgid, plural) if plural else msgid
                        flags = ("python-brace-format",) if "{" in msgid else ()
                        template.add(key, None, [(rel, node.lineno)], flags=flags)
    return template


def _write(catalog: Catalog, path: Path) -> None:
    with path.open("wb") as f:
        write_po(f, catalog, width=96, sort_output=False, omit_header=False,
                 include_lineno=False)  # line numbers would make every edit a merge conflict


def new_catalogue(language: str) -> Catalog:
    """An empty catalogue for `language` with its plural rule."""
    catalog = Catalog(locale=LOCALES[language], project="Kua", charset="utf-8", fuzzy=False)
    catalog.mime_headers = [*catalog.mime_headers] + [("Plural-Forms", PLURAL_FORMS[language])]
    return catalog


def update(template: Catalog, language: str) -> Catalog:
    """`language`'s catalogue brought up to `template`, translations kept."""
    path = po_path(language)
    if path.exists():
        with path.open("rb") as f:
            catalog = read_po(f)
    else:
        catalog = new_catalogue(language)
    catalog.update(template, no_fuzzy_matching=False, update_header_comment=False)
    catalog.obsolete.clear()
    return catalog


def unfinished(catalog: Catalog) -> list[str]:
    """The msgids of `catalog` that are untranslated or fuzzy."""
    return [m.id if isinstance(m.id, str) else m.id[0] for m in catalog
            if m.id and not finished(m)]


def fill(catalog: Catalog, language: str, translations: dict) -> int:
    """Set `language`'s text of each msgid in `translations` found in `catalog`; the count."""
    done = 0
    for message in catalog:
        key = message.id if isinstance(message.id, str) else message.id[0] if message.id else ""
        text = translations.get(key, {}).get(language) if key else None
        if text is None:
            continue
        message.string = tuple(text) if isinstance(text, list) else text
        message.flags.discard("fuzzy")
        done += 1
    return done


def main(argv: list[str]) -> int:
    """Extract, update every catalogue, report counts; with --check fail on gaps."""
    fills: dict = {}
    if "--fill" in argv:
        fills = json.loads(Path(argv[argv.index("--fill") + 1]).read_text(encoding="utf-8"))
    template = extract()
    _write(template, TEMPLATE)
    print(f"{TEMPLATE.relative_to(ROOT)}: {len([m for m in template if m.id])} strings")
    status = 0
    for language in CATALOGUE_LANGUAGES:
        catalog = update(template, language)
        if fills:
            print(f"{language}: {fill(catalog, language, fills)} filled")
        _write(catalog, po_path(language))
        missing = unfinished(catalog)
        print(f"{po_path(language).relative_to(ROOT)}: {len(missing)} unfinished")
        if "--check" in argv and missing:
            for text in missing[:10]:
                print(f"  unfinished: {text!r}")
            status = 1
    return status


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
