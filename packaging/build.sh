#!/usr/bin/env bash
# Build Kua as a standalone app and a Debian package, in one command:
#
#   packaging/build.sh            # -> dist/kua/ (the app) and dist/kua_VERSION_ARCH.deb
#
# 1. scripts/setup.sh (the .venv), then PyInstaller into it from PyPI;
# 2. PyInstaller, one folder (packaging/kua.spec): the executable `kua` (also the
#    transcode worker), Qt with its plugins (multimedia included), PyAV's FFmpeg, the
#    face model and the translations;
# 3. dpkg-deb: /opt/kua, /usr/bin/kua, a desktop entry and an icon.
# Each failure ends with one line starting "build:"; a failed build leaves no package
# (the .deb is written under a temporary name and renamed when complete).
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)

fail() { echo "build: $*" >&2; exit 1; }
log=build/build.log
mkdir -p build dist || fail "cannot create build/ and dist/ (disk full or read-only?)"
why() {  # the reason a step logged in $log failed
  if grep -qiE "No space left|Errno 28|ENOSPC" "$log"; then echo "the disk is full"
  elif grep -qiE "NewConnectionError|Temporary failure in name resolution|Network is unreachable" "$log"; then echo "no network"
  else echo "see $log"; fi
}
step() {  # step WHAT CMD...: run quietly, one line if it fails
  local what=$1; shift
  "$@" >"$log" 2>&1 || fail "$what failed ($(why))"
}

scripts/setup.sh || fail "scripts/setup.sh failed (its message is above)"
if ! .venv/bin/python -c "import PyInstaller" 2>/dev/null; then
  echo "Installing PyInstaller into .venv"
  step "installing PyInstaller" .venv/bin/python -m pip install -q 'pyinstaller>=6.10,<7'
fi

version=$(.venv/bin/python -c 'import tomllib; print(tomllib.load(open("pyproject.toml", "rb"))["project"]["version"])')
arch=$(dpkg --print-architecture 2>/dev/null || echo amd64)

echo "Building dist/kua (PyInstaller; a few minutes)"
rm -rf dist/kua
step "PyInstaller" .venv/bin/python -m PyInstaller --noconfirm --clean --log-level WARN \
  --distpath dist --workpath build/pyinstaller packaging/kua.spec
# The build must run and find everything it carries, before it is packaged.
step "the built app's self-check (dist/kua/kua --help)" env -u DISPLAY -u WAYLAND_DISPLAY dist/kua/kua --help

echo "Packaging dist/kua_${version}_${arch}.deb"
stage=build/deb
rm -rf "$stage"
mkdir -p "$stage/DEBIAN" "$stage/opt" "$stage/usr/bin" "$stage/usr/share/applications" \
  "$stage/usr/share/icons/hicolor/scalable/apps" "$stage/usr/share/icons/hicolor/256x256/apps" \
  || fail "cannot create $stage (disk full?)"
cp -a dist/kua "$stage/opt/kua" || fail "copying the app failed (disk full?)"
ln -s /opt/kua/kua "$stage/usr/bin/kua"
cp packaging/kua.desktop "$stage/usr/share/applications/kua.desktop"
cp packaging/kua.svg "$stage/usr/share/icons/hicolor/scalable/apps/kua.svg"
step "drawing the icon" env QT_QPA_PLATFORM=offscreen .venv/bin/python -c '
import sys
from PySide6.QtGui import QGuiApplication, QImage, QPainter, QColor
from PySide6.QtSvg import QSvgRenderer
app = QGuiApplication([])
image = QImage(256, 256, QImage.Format.Format_ARGB32)
image.fill(QColor(0, 0, 0, 0))
painter = QPainter(image)
QSvgRenderer(sys.argv[1]).render(painter)
painter.end()
sys.exit(0 if image.save(sys.argv[2]) else 1)
' packaging/kua.svg "$stage/usr/share/icons/hicolor/256x256/apps/kua.png"
size_kib=$(du -sk "$stage" | cut -f1)
# The system libraries Qt loads at run time (scripts/setup.sh installs the same).
depends="libegl1, libgl1, libxkbcommon0, libxkbcommon-x11-0, libfontconfig1, libdbus-1-3,
 libglib2.0-0t64 | libglib2.0-0, libpulse0, libxcb-cursor0, libxcb-icccm4, libxcb-keysyms1,
 libxcb-shape0, libxcb-xinerama0, libxcb-randr0, libxcb-render-util0, libxcb-image0,
 libwayland-cursor0, libwayland-egl1, libxrandr2, libgssapi-krb5-2"
cat >"$stage/DEBIAN/control" <<CONTROL
Package: kua
Version: $version
Architecture: $arch
Maintainer: Kua developers <kua@localhost>
Installed-Size: $size_kib
Depends: $(echo $depends)
Section: video
Priority: optional
Description: offline-first recorder for video testimonies, with an encrypted vault
 Kua records video testimonies into an encrypted local vault, makes shareable and
 anonymized copies, syncs to a trusted drive and exports encrypted bundles for
 organizers. It never opens a network connection. A standalone build: it needs no
 Python on the system.
CONTROL
deb=dist/kua_${version}_${arch}.deb
rm -f "$deb" "$deb.partial"
step "dpkg-deb" dpkg-deb --root-owner-group -Zxz --build "$stage" "$deb.partial"
mv "$deb.partial" "$deb"
rm -rf "$stage"
echo "Built $deb ($(du -h "$deb" | cut -f1)); the app alone: dist/kua ($(du -sh dist/kua | cut -f1))"
