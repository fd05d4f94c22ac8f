"""No import circles inside any of Kua's packages: each module stands above what it imports.

Every import counts, also one inside a function or under TYPE_CHECKING: a circle that
only a lazy import keeps from failing is still two modules that need each other.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


def _module_name(path: Path) -> str:
    parts = path.relative_to(ROOT).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _imported(path: Path, module: str, known: set[str]) -> set[str]:
    """The modules of `known` that `path` imports (a package's name for its __init__)."""
    package = module if path.name == "__init__.py" else module.rpartition(".")[0]
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            names = [a.name for a in node.names]
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                anchor = package.split(".")[:len(package.split(".")) - (node.level - 1)]
                base = ".".join(anchor + ([base] if base else []))
            names = [f"{base}.{a.name}" if f"{base}.{a.name}" in known else base
                     for a in node.names]
        else:
            continue
        for name in names:
            while name and name not in known:
                name = name.rpartition(".")[0]
            if name and name != module:
                found.add(name)
    return found


def _reaches(graph: dict[str, set[str]], start: str) -> set[str]:
    seen, todo = set(), [start]
    while todo:
        for nxt in graph[todo.pop()] - seen:
            seen.add(nxt)
            todo.append(nxt)
    return seen


def _circles(layer: str) -> list[tuple[str, ...]]:
    """Each set of modules of `layer` that import each other, directly or not."""
    paths = {_module_name(p): p for p in (ROOT / layer).rglob("*.py")}
    graph = {m: _imported(p, m, set(paths)) for m, p in paths.items()}
    reach = {m: _reaches(graph, m) for m in graph}
    return sorted({tuple(sorted(n for n in reach[m] if m in reach[n])) for m in graph
                   if m in reach[m]})


@pytest.mark.parametrize("layer", ["core", "storage", "media", "app", "ui", "harness"])
def test_no_import_circles(layer):
    assert _circles(layer) == []
