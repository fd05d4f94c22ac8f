"""The layers: imports only go ui -> app -> storage/media, and come from this checkout."""

from __future__ import annotations

import ast
import importlib
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
# For each layer, the top-level packages it must not import.
FORBIDDEN = {
    "storage": {"app", "ui", "media", "PySide6"},
    "media": {"app", "ui", "storage.vault", "storage.catalogue", "storage.db"},
    "app": {"ui", "PySide6"},
}


def _imports(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    found = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found |= {a.name for a in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            found.add(node.module)
    return found


@pytest.mark.parametrize("layer", sorted(FORBIDDEN))
def test_layer_imports(layer):
    bad = []
    for path in (ROOT / layer).rglob("*.py"):
        if layer == "media" and path.name.startswith("qt_"):
            continue  # the lazily imported Qt capture backend
        for name in _imports(path):
            if any(name == f or name.startswith(f + ".") for f in FORBIDDEN[layer]):
                bad.append(f"{path.relative_to(ROOT)} imports {name}")
    assert not bad, "\n".join(bad)


@pytest.mark.parametrize("package", ["app", "ui", "storage", "media"])
def test_packages_come_from_this_checkout(package):
    module = importlib.import_module(package)
    assert Path(module.__file__).resolve().parent == ROOT / package
