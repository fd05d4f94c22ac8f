#!/usr/bin/env python3
"""Update ui/translations/kua_<lang>.ts from the strings in ui/ and report what is missing.

    .venv/bin/python scripts/translations.py          # update ru and kk, print counts
    .venv/bin/python scripts/translations.py --check  # exit 1 if Russian has gaps

Uses pyside6-lupdate (in the venv); existing translations are kept, strings no longer
in the code are dropped. Translate with Qt Linguist (`pyside6-linguist FILE.ts`) or by
editing the XML. Kua reads the .ts files directly (ui/translator.py): no .qm step.
"""

from __future__ import annotations

import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
TS_DIR = ROOT / "ui" / "translations"
LANGUAGES = ("ru", "kk")
REQUIRED = ("ru",)


def sources() -> list[str]:
    """The Python files whose strings are translated."""
    return sorted(str(p.relative_to(ROOT)) for p in (ROOT / "ui").rglob("*.py"))


def lupdate(ts: Path, *, extra: tuple[str, ...] = ()) -> None:
    """Run pyside6-lupdate on ui/ into `ts`."""
    tool = Path(sys.executable).parent / "pyside6-lupdate"
    subprocess.run([str(tool), *sources(), "-no-obsolete", *extra, "-ts", str(ts)],
                   cwd=ROOT, check=True, capture_output=True)


def unfinished(ts: Path) -> list[str]:
    """Source texts of `ts` that have no finished translation."""
    missing = []
    for message in ET.parse(ts).getroot().iter("message"):
        node = message.find("translation")
        if node is None or node.get("type") == "unfinished" or not (node.text or "").strip():
            missing.append(message.findtext("source") or "")
    return missing


def known_translations(ts: Path) -> dict[str, str]:
    """{source: translation} of the finished entries of `ts`, whatever their context."""
    known = {}
    for message in ET.parse(ts).getroot().iter("message"):
        node = message.find("translation")
        if node is not None and node.get("type") is None and (node.text or "").strip():
            known[message.findtext("source") or ""] = node.text
    return known


def carry_over(ts: Path, known: dict[str, str]) -> None:
    """Fill entries lupdate left unfinished (a string moved to another class) from `known`."""
    tree = ET.parse(ts)
    changed = False
    for message in tree.getroot().iter("message"):
        node = message.find("translation")
        source = message.findtext("source") or ""
        if node is not None and node.get("type") == "unfinished" and source in known:
            node.text = known[source]
            del node.attrib["type"]
            changed = True
    if changed:
        tree.write(ts, encoding="utf-8", xml_declaration=True)


def main(argv: list[str]) -> int:
    """Update every language file; with --check, fail when a required one has gaps."""
    status = 0
    for language in LANGUAGES:
        ts = TS_DIR / f"kua_{language}.ts"
        known = known_translations(ts) if ts.exists() else {}
        lupdate(ts, extra=("-target-language", language))
        carry_over(ts, known)
        lupdate(ts, extra=("-target-language", language))  # back to lupdate's own layout
        missing = unfinished(ts)
        print(f"{ts.relative_to(ROOT)}: {len(missing)} untranslated")
        if "--check" in argv and language in REQUIRED and missing:
            for text in missing[:20]:
                print(f"  missing: {text!r}")
            status = 1
    return status


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
