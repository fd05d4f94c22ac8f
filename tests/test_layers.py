"""The layers: imports only go ui -> app -> storage/media -> core, and come from this checkout.

`core` (languages, platform) is the bottom: every layer may import it; it imports nothing
else of Kua's and no Qt.
"""

from __future__ import annotations

import ast
import importlib
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
# For each layer, the top-level packages it must not import.
FORBIDDEN = {
    # core is the bottom layer (core.platform): every layer may import it, it imports none.
    "core": {"app", "ui", "storage", "media", "PySide6"},
    "storage": {"app", "ui", "media", "PySide6"},
    "media": {"app", "ui", "PySide6", "storage.vault", "storage.catalogue", "storage.db"},
    "app": {"ui", "PySide6"},
    # The GUI opens, reads and changes the vault only through app/ (its values may come
    # from storage.models).
    "ui": {"storage.vault", "storage.sealed", "storage.db", "storage.catalogue"},
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


# `kua gui` starts the desktop app: the one place app/ reaches up, inside a function.
LAUNCHER = (ROOT / "app" / "cli" / "gui.py", "ui.main")


def _top_level_imports(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    found = set()
    for node in tree.body:
        if isinstance(node, ast.Import):
            found |= {a.name for a in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            found.add(node.module)
    return found


def test_the_gui_launcher_imports_ui_lazily():
    path, module = LAUNCHER
    assert module in _imports(path)
    assert not any(n == "ui" or n.startswith("ui.") for n in _top_level_imports(path))


def test_core_layers_load_without_qt():
    """Importing every module of storage, media (but its qt_ backend) and app loads no PySide6."""
    code = ("import importlib, pathlib, sys\n"
            "for layer in ('core', 'storage', 'media', 'app'):\n"
            "    for p in sorted(pathlib.Path(layer).rglob('*.py')):\n"
            "        if p.name.startswith('qt_'):\n"
            "            continue\n"
            "        importlib.import_module('.'.join(p.with_suffix('').parts).removesuffix('.__init__'))\n"
            "bad = sorted(m for m in sys.modules if m.split('.')[0] in ('PySide6', 'shiboken6', 'ui'))\n"
            "assert not bad, bad\n")
    import subprocess
    import sys
    result = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True)
    assert result.returncode == 0, result.stderr[-2000:]


@pytest.mark.parametrize("layer", sorted(FORBIDDEN))
def test_layer_imports(layer):
    bad = []
    for path in (ROOT / layer).rglob("*.py"):
        if layer == "media" and path.name.startswith("qt_"):
            continue  # the lazily imported Qt capture backend
        for name in _imports(path):
            if (path, name) == LAUNCHER:
                continue
            if any(name == f or name.startswith(f + ".") for f in FORBIDDEN[layer]):
                bad.append(f"{path.relative_to(ROOT)} imports {name}")
    assert not bad, "\n".join(bad)


@pytest.mark.parametrize("layer", ["app", "ui", "media", "core"])
def test_only_storage_touches_the_catalogue_connection(layer):
    """The vault owns its SQL: outside storage/, no code reaches for a connection (`.conn`)
    but calls the Vault's named methods. tests/ and bench/ may, for white-box checks."""
    bad = []
    for path in sorted((ROOT / layer).rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Attribute) and node.attr == "conn":
                bad.append(f"{path.relative_to(ROOT)}:{node.lineno} uses .conn")
    assert not bad, "\n".join(bad)


@pytest.mark.parametrize("package", ["core", "app", "ui", "storage", "media"])
def test_packages_come_from_this_checkout(package):
    module = importlib.import_module(package)
    assert Path(module.__file__).resolve().parent == ROOT / package
