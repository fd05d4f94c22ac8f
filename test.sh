#!/usr/bin/env bash
# Set up everything the tests need, then run the whole suite.
# Extra arguments go to pytest (./test.sh -k vault). No tests collected is a failure.
set -uo pipefail
cd "$(dirname "$0")"
scripts/setup.sh || exit 1
export QT_QPA_PLATFORM=offscreen
.venv/bin/python -m pytest "$@"
status=$?
if [ $status -eq 5 ]; then
  echo "test.sh: no tests were collected" >&2
  exit 1
fi
exit $status
