#!/usr/bin/env bash
# Prove an installed Kua works, as a volunteer and an organizer would use it, from the
# `kua` on PATH (the Debian package's): help, a new vault, a 3-second synthetic recording,
# its anonymized copy (the transcode worker) marked reviewed, an export for an organizer, the bundle
# verified, and the desktop app drawing its first screen offscreen.
#
#   packaging/smoke.sh WORKDIR      (WORKDIR is created anew; scripts/fresh-machine.sh --deb)
set -euo pipefail
work=${1:?usage: smoke.sh WORKDIR}
rm -rf "$work"; mkdir -p "$work"
export KUA_VAULT=$work/vault KUA_PASSPHRASE="smoke test passphrase" KUA_IDENTITY_PASSPHRASE=""
say() { echo "smoke: $*"; }
last() { grep -v '^\s*$' | tail -1; }

say "kua is $(readlink -f "$(command -v kua)"); python3 on this system: $(command -v python3 || echo none)"
kua --help | head -1
kua init --kdf-memory 8 --kdf-iterations 1 >/dev/null
say "init ok"
testimony=$(kua record --source synthetic --seconds 3 --title "Smoke test" --consent anonymous | last)
say "record ok: $testimony"
copy=$(kua transcode "$testimony" --profile anonymized | last)
say "transcode --profile anonymized ok: $copy"
kua review "$copy" >/dev/null  # the volunteer watched it: an anonymous testimony leaves only reviewed
say "review ok"
recipient=$(kua keys organizer-new --out "$work/organizer.key" 2>/dev/null | last)
bundle=$(kua export "$testimony" --to "$work/bundle" --recipient "$recipient" --include anonymized | last)
say "export ok: bundle $bundle ($(ls "$work/bundle" | wc -l) parts)"
kua verify --bundle "$work/bundle" --identity "$work/organizer.key" | tail -1
say "verify --bundle ok"
QT_QPA_PLATFORM=offscreen kua gui --vault "$work/new-vault" --screenshot "$work/first-run.png"
[ "$(head -c 8 "$work/first-run.png" | od -An -tx1 | tr -d ' \n')" = 89504e470d0a1a0a ] \
  || { echo "smoke: the screenshot is not a PNG" >&2; exit 1; }
say "gui --screenshot ok: $work/first-run.png ($(stat -c %s "$work/first-run.png") bytes)"
