#!/usr/bin/env python3
"""Check one or more .po catalogues: untranslated or fuzzy entries, placeholders, plural forms.

    .venv/bin/python scripts/check_po.py core/i18n/po/ru.po [...]   # exit 1 on any problem

Read-only: it never changes a file (translators run it on their own catalogue).
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from core.i18n.catalogues import read_catalogue  # noqa: E402
from core.i18n.checks import catalogue_problems  # noqa: E402


def main(paths: list[str]) -> int:
    """Print the problems of each catalogue; 1 if there is any."""
    status = 0
    for path in paths:
        catalog = read_catalogue(Path(path))
        problems = catalogue_problems(catalog)
        total = len([m for m in catalog if m.id])
        print(f"{path}: {total} entries, {len(problems)} problems")
        for problem in problems:
            print("  " + problem)
        status |= bool(problems)
    return status


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:] or sorted(str(p) for p in
                                         (Path(__file__).resolve().parent.parent
                                          / "core" / "i18n" / "po").glob("*.po"))))
