#!/usr/bin/env bash
# Set up Kua (system libraries, .venv, Kua itself) if needed, then run it.
# Arguments go to `kua`: ./run.sh list, ./run.sh --help.
set -euo pipefail
cd "$(dirname "$0")"
scripts/setup.sh
exec .venv/bin/kua "$@"
