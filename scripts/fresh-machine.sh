#!/usr/bin/env bash
# Prove the README's two commands on a truly fresh Debian: debootstrap a minimal root
# from Debian's package registry (kept between runs, untouched), copy it, clone this
# checkout's committed HEAD into the copy, then run `./run.sh --help` (there is no
# display) and `./test.sh` in it as root, with /proc, /sys, a devpts and /dev/shm mounted.
#
#   scripts/fresh-machine.sh debian12|debian13 [--deb FILE.deb] [--keep]
#
# --deb FILE: instead of the checkout, install the standalone package with
# `apt install ./FILE` and run the packaging/smoke.sh checks in the root.
# Roots live in $KUA_FRESH_ROOTS (default: ~/.cache/kua-fresh-roots). Needs root.
# The last line says what passed; the exit code is that of the failing step.
set -euo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)

die() { echo "fresh-machine: $*" >&2; exit 2; }
case "${1:-}" in
  debian12) suite=bookworm ;;
  debian13) suite=trixie ;;
  *) die "usage: scripts/fresh-machine.sh debian12|debian13 [--deb FILE.deb] [--keep]" ;;
esac
name=$1; shift
deb=""; keep=0
while [ $# -gt 0 ]; do
  case "$1" in
    --deb) deb=$(realpath "${2:?--deb needs a file}"); [ -f "$deb" ] || die "no such package: $2"; shift 2 ;;
    --keep) keep=1; shift ;;
    *) die "unknown argument: $1" ;;
  esac
done
[ "$(id -u)" -eq 0 ] || die "needs root (debootstrap, chroot and mounts)"

roots=${KUA_FRESH_ROOTS:-${XDG_CACHE_HOME:-$HOME/.cache}/kua-fresh-roots}
mkdir -p "$roots"
base=$roots/$name.base
run=$roots/$name.run

# 1. The pristine root: made once (into a temporary name, renamed when complete).
if [ ! -f "$base/.complete" ]; then
  command -v debootstrap >/dev/null || { apt-get update -qq && apt-get install -y -qq debootstrap >/dev/null; } \
    || die "cannot install debootstrap"
  rm -rf "$base.partial"
  echo "fresh-machine: debootstrap $suite into $base (several minutes)"
  debootstrap --variant=minbase "$suite" "$base.partial" http://deb.debian.org/debian >"$roots/$name.debootstrap.log" 2>&1 \
    || die "debootstrap failed (network? disk?): see $roots/$name.debootstrap.log"
  touch "$base.partial/.complete"
  rm -rf "$base"; mv "$base.partial" "$base"
fi

# 2. A fresh copy for this run.
mounted=()
cleanup() {
  local m
  for ((i=${#mounted[@]}-1; i>=0; i--)); do m=${mounted[i]}; umount -l "$m" 2>/dev/null || true; done
  if [ "$keep" -eq 0 ] && [ -d "$run" ]; then rm -rf "$run"; fi
}
trap cleanup EXIT
trap 'exit 130' INT TERM
for m in $(awk -v r="$run/" 'index($2, r) == 1 {print $2}' /proc/mounts | sort -r); do umount -l "$m"; done
rm -rf "$run"
cp -a "$base" "$run"
cp /etc/resolv.conf "$run/etc/resolv.conf"
mnt() { mkdir -p "$run$2"; mount "${@:3}" "$1" "$run$2"; mounted+=("$run$2"); }
mnt proc /proc -t proc
mnt sysfs /sys -t sysfs -o ro
mnt devpts /dev/pts -t devpts -o newinstance,ptmxmode=0666
mnt tmpfs /dev/shm -t tmpfs
[ -e "$run/dev/ptmx" ] || ln -sf pts/ptmx "$run/dev/ptmx"
# Loop devices, as any machine has: a test mounts an ext4 image as a USB drive.
[ -e "$run/dev/loop-control" ] || mknod -m 600 "$run/dev/loop-control" c 10 237
for i in 0 1 2 3 4 5 6 7; do [ -e "$run/dev/loop$i" ] || mknod -m 600 "$run/dev/loop$i" b 7 "$i"; done

# This machine's way to PyPI: a certificate authority that pip must trust (a proxy's),
# passed on as the same file; nothing else of the host's pip set-up goes in.
env_pass=()
ca=${PIP_CERT:-${REQUESTS_CA_BUNDLE:-}}
if [ -n "$ca" ] && [ -f "$ca" ]; then
  cp "$ca" "$run/etc/ssl-host-ca.crt"; env_pass+=(PIP_CERT=/etc/ssl-host-ca.crt)
fi
in_root() { chroot "$run" /usr/bin/env -i HOME=/root TERM=xterm PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin LANG=C.UTF-8 "${env_pass[@]}" "$@"; }
python_line=$(in_root sh -c 'python3 --version 2>/dev/null || echo "no python3"')
echo "fresh-machine: $name ($(cat "$run/etc/debian_version")), $python_line before setup"

if [ -n "$deb" ]; then
  cp "$deb" "$run/root/"
  cp "$here/packaging/smoke.sh" "$run/root/smoke.sh"
  in_root sh -c 'apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq ./root/'"$(basename "$deb")" \
    >"$roots/$name.apt.log" 2>&1 || die "$name: apt install of $(basename "$deb") failed (log: $roots/$name.apt.log)"
  echo "fresh-machine: apt install ./$(basename "$deb"): $(grep -c '^Setting up' "$roots/$name.apt.log") packages set up"
  in_root sh -c 'dpkg -l | grep -c "^ii  python3" || true' | sed 's/^/fresh-machine: python3 packages installed: /'
  in_root bash /root/smoke.sh /root/smoke || die "$name: package smoke test failed"
  cp "$run/root/smoke/first-run.png" "$roots/$name-first-run.png"
  echo "fresh-machine: $name: package installed, smoke test passed"
  exit 0
fi

git clone -q --no-hardlinks "$here" "$run/root/kua"
echo "fresh-machine: cloned $(git -C "$here" rev-parse --short HEAD) into /root/kua"
in_root sh -c 'cd /root/kua && ./run.sh --help' >"$roots/$name.run.log" 2>&1 \
  || { tail -5 "$roots/$name.run.log"; cp "$run/root/kua/.setup.log" "$roots/$name.setup.log" 2>/dev/null; die "$name: ./run.sh --help failed (log: $roots/$name.run.log)"; }
echo "fresh-machine: $name: ./run.sh --help ok, $(in_root /root/kua/.venv/bin/python --version)"
set +e
in_root sh -c 'cd /root/kua && ./test.sh -q -p no:cacheprovider' >"$roots/$name.test.log" 2>&1
status=$?
set -e
summary=$(grep -E '^(=+ )?[0-9]+ (passed|failed|error).*' "$roots/$name.test.log" | tail -1 || true)
echo "fresh-machine: $name: ./test.sh exit $status: ${summary:-no summary} (log: $roots/$name.test.log)"
exit $status
