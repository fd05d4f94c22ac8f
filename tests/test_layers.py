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


# Tools and the code they share with the tests (harness/) never import the tests; Kua's
# own packages import none of them.
TOOLS = ("bench", "scripts", "harness", "packaging")
KUA_PACKAGES = ("app", "storage", "media", "core", "ui")
NOT_KUA = ("harness", "bench", "scripts", "tests")


def _python_files(folder: str) -> list[Path]:
    """The Python sources under a top-level folder (with PyInstaller's .spec files)."""
    return sorted(p for p in (ROOT / folder).rglob("*")
                  if p.suffix in (".py", ".spec") and p.is_file())


def _modules_named(source: str, package: tuple[str, ...] = ()) -> set[str]:
    """Every module an import anywhere in `source` names (`from a import b`: a and a.b),
    relative imports resolved against `package`."""
    found = set()
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Import):
            found |= {a.name for a in node.names}
        elif isinstance(node, ast.ImportFrom):
            base = package[:len(package) - node.level + 1] if node.level else ()
            module = ".".join((*base, *(node.module.split(".") if node.module else ())))
            found |= {module} | {f"{module}.{a.name}" for a in node.names}
    return found


def _importing(folders: tuple[str, ...], banned: tuple[str, ...]) -> list[str]:
    """A line `PATH imports NAME` for every import of a `banned` name under `folders`."""
    bad = []
    for folder in folders:
        for path in _python_files(folder):
            package = path.relative_to(ROOT).parent.parts
            named = _modules_named(path.read_text(encoding="utf-8"), package)
            shown = {n for n in named if n.split(".")[0] in banned}
            bad += [f"{path.relative_to(ROOT)} imports {name}" for name in sorted(shown)
                    if name.rpartition(".")[0] not in shown]  # `from a import b`: a alone
    return bad


def test_the_import_scan_sees_every_form():
    """Plain, from, nested and relative imports are all seen."""
    source = ("import tests.ui\nfrom tests import disks\n"
              "def f():\n    from tests.media.synth import make_video\n"
              "from . import rig\n")
    named = _modules_named(source, ("bench",))
    assert {"tests.ui", "tests", "tests.disks", "tests.media.synth", "bench.rig"} <= named


def test_tools_never_import_the_tests():
    """bench/, scripts/, harness/ and packaging/ take what they share with the tests
    from harness/, never from tests/."""
    bad = _importing(TOOLS, ("tests",))
    assert not bad, "\n".join(bad)


def test_kua_never_imports_tools_or_tests():
    """Kua's own packages import nothing of harness/, bench/, scripts/ or tests/."""
    bad = _importing(KUA_PACKAGES, NOT_KUA)
    assert not bad, "\n".join(bad)


def test_harness_comes_from_this_checkout_and_is_not_installed():
    """The tests import harness/ from the checkout; the wheel lists Kua's packages only."""
    import fnmatch
    import tomllib

    import harness
    assert Path(harness.__file__).resolve().parent == ROOT / "harness"
    config = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    patterns = config["tool"]["setuptools"]["packages"]["find"]["include"]
    assert {p for p in (*KUA_PACKAGES, *NOT_KUA)
            if any(fnmatch.fnmatch(p, pattern) for pattern in patterns)} == set(KUA_PACKAGES)


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
