"""What each face-safety measure costs, and what it buys, on the hardest face clip.

    .venv/bin/python bench/faces.py            # the table for the README
    .venv/bin/python bench/faces.py --json

For each detection cadence (upright pass every N frames, turned pass every M frames)
the masker (media/faces_mask.py) runs over harness/face_truth.py's hardest clip
(720p30, 4 s, 300 face instances) in this process: CPU milliseconds per frame (all
threads: `time.process_time`), and coverage: the share of face instances of which at
least 90 % of the box was changed, and the worst instance. Coverage here compares
with the frames before encoding (tests/media/test_face_coverage.py does it through
the real encoder). The 720p frame's decode, scaling and H.264 encoding come on top
(bench/transcode.py measures the whole job). scikit-image (a test dependency)
provides the photo.
"""

from __future__ import annotations

import argparse
import json
import sys
import time

import rig
from harness.face_truth import coverage, hardest_clip
from media.faces import FaceDetector
from media.faces_mask import FaceMasker, MaskSettings

CADENCES = [(1, 2), (1, 4), (2, 4), (2, 0), (3, 6), (4, 8)]


def run(clip, detector: FaceDetector, every: int, turned_every: int) -> dict[str, object]:
    """Mask the clip with one cadence; CPU per frame and coverage."""
    masker: FaceMasker[int] = FaceMasker(detector, MaskSettings(every=every,
                                                                turned_every=turned_every))
    start = time.process_time()
    out = []
    for index, frame in enumerate(clip.frames):
        out += masker.push(frame.copy(), index)
    out += masker.flush()
    cpu = time.process_time() - start
    rows = coverage(clip.frames, [image for image, _ in out], clip.truth)
    covered = sum(r[2] >= 0.9 for r in rows)
    return {"every": every, "turned_every": turned_every,
            "cpu_ms_per_frame": round(1000 * cpu / len(clip.frames), 1),
            "passes": masker.detections, "covered_90": f"{covered}/{len(rows)}",
            "worst": round(min(r[2] for r in rows), 3)}


def main() -> int:
    """Print the table (or JSON)."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()
    clip = hardest_clip()
    detector = FaceDetector()
    image = clip.frames[0]
    passes = {}
    for name, call in (("upright 640", lambda: detector.detect(image, 0.1)),
                       ("turned 360", lambda: detector.detect_turned(image, 25, 360, 0.1))):
        call()
        start = time.process_time()
        for _ in range(10):
            call()
        passes[name] = round(100 * (time.process_time() - start), 1)
    rows = [run(clip, detector, every, turned) for every, turned in CADENCES]
    report = {"load": float(rig.machine()["load"]), "cpu_ms_per_pass": passes, "cadences": rows}
    if args.json:
        print(json.dumps(report, indent=2))
        return 0
    print(f"CPU ms per pass: {passes}; load {report['load']}")
    print(f"{'upright every':>14}{'turned every':>14}{'cpu ms/frame':>14}{'passes':>8}"
          f"{'>=90% covered':>15}{'worst':>8}")
    for r in rows:
        print(f"{r['every']:>14}{r['turned_every']:>14}{r['cpu_ms_per_frame']:>14}{r['passes']:>8}"
              f"{r['covered_90']:>15}{r['worst']:>8}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
