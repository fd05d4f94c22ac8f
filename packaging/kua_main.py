"""The standalone app's entry point (PyInstaller): `kua ARGS`, or the transcode worker.

The worker is this same executable started with the hidden argument
`--kua-transcode-worker FD PARENT_PID` (app/transcode/process.py's `worker_command`), since a
frozen app has no `python -m`.
"""

from __future__ import annotations

import sys


def main() -> int:
    """Dispatch to the worker or to the `kua` command line."""
    from app.transcode.protocol import WORKER_FLAG
    if sys.argv[1:2] == [WORKER_FLAG]:
        from app.transcode.worker import main as worker
        return worker(sys.argv[2:])
    from app.cli.main import main as cli
    return cli()


if __name__ == "__main__":
    sys.exit(main())
