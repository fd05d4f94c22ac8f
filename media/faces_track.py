"""Face tracks between detections, and the boxes that cover a frame, known in hindsight.

The masker holds frames back, so when a frame is covered the detections of a few
frames after it are known too. A `Track` is one face's sightings (frame number, box)
within one scene. The cover of a track on frame `j` (`Tracker.covers`):

- between two sightings: the box interpolated between them, grown by the distance the
  face moves per frame (so a face off its straight path by a frame is still inside);
  a long gap (the face was lost and found again) covers the hull of both boxes;
- before its first sighting, for `lead` frames (a face that appears between two
  detections, or is first found a frame late): the first box, moved back along the
  track's motion and grown;
- after its last sighting (lost without a scene cut: the fail-safe): where it was
  heading, at its last speed for `coast` frames, growing `drift` of its size per
  frame over those frames, together with where it was last seen, until it is found
  again or `timeout` frames have passed. A scene cut ends every track: nothing is carried across it.

Every box is then padded (hair, ears) by the masker.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from media.faces import Box, iou


@dataclass(frozen=True, slots=True)
class TrackSettings:
    """How far in time a sighting covers (frames)."""

    lead: int = 4           # frames before a first sighting
    timeout: int = 45       # frames a lost face stays covered (1.5 s at 30 fps)
    coast: int = 10         # frames it is followed at its last speed
    drift: float = 0.03     # growth per frame while lost, as a fraction of its size
    long_gap: int = 4       # gaps above this many frames cover the hull of both ends
    max_speed: float = 0.8  # face sizes per frame a new track may have moved


@dataclass(slots=True)
class Track:
    """One face within one scene: its sightings, oldest first."""

    scene: int
    sightings: list[tuple[int, Box]] = field(default_factory=list)

    @property
    def last(self) -> tuple[int, Box]:
        return self.sightings[-1]

    def velocity(self, at_end: bool = True) -> tuple[float, float]:
        """Pixels per frame of its centre, from the last (or first) two sightings."""
        if len(self.sightings) < 2:
            return 0.0, 0.0
        (fa, a), (fb, b) = self.sightings[-2:] if at_end else self.sightings[:2]
        dt = max(1, fb - fa)
        return (b.centre[0] - a.centre[0]) / dt, (b.centre[1] - a.centre[1]) / dt

    def predict(self, frame: int) -> Box:
        """Where it should be on `frame`, at its last speed."""
        f, box = self.last
        vx, vy = self.velocity()
        dt = frame - f
        return _moved(box, vx * dt, vy * dt)


def _moved(box: Box, dx: float, dy: float) -> Box:
    return Box(box.x1 + dx, box.y1 + dy, box.x2 + dx, box.y2 + dy, box.score)


def _grown(box: Box, by: float) -> Box:
    return Box(box.x1 - by, box.y1 - by, box.x2 + by, box.y2 + by, box.score)


def hull(a: Box, b: Box) -> Box:
    """The smallest box holding both."""
    return Box(min(a.x1, b.x1), min(a.y1, b.y1), max(a.x2, b.x2), max(a.y2, b.y2))


def _lerp(a: Box, b: Box, t: float) -> Box:
    return Box(a.x1 + (b.x1 - a.x1) * t, a.y1 + (b.y1 - a.y1) * t,
               a.x2 + (b.x2 - a.x2) * t, a.y2 + (b.y2 - a.y2) * t)


class Tracker:
    """Links detections into tracks and says what covers each frame."""

    def __init__(self, settings: TrackSettings = TrackSettings()) -> None:
        self.s = settings
        self.tracks: list[Track] = []

    def add(self, frame: int, scene: int, found: list[Box], new_score: float = 0.0) -> None:
        """The boxes a detection found on `frame` (all passes merged); a box that is no
        known face starts a track only with a score of `new_score` or more."""
        live = [t for t in self.tracks if t.scene == scene and frame - t.last[0] <= self.s.timeout
                and t.last[0] < frame]
        pairs = sorted(((self._distance(t, frame, b), n, m) for n, t in enumerate(live)
                        for m, b in enumerate(found)), key=lambda p: p[0])
        used_t: set[int] = set()
        used_b: set[int] = set()
        for distance, n, m in pairs:
            if distance is None or distance > 1.0 or n in used_t or m in used_b:
                continue
            used_t.add(n)
            used_b.add(m)
            live[n].sightings.append((frame, found[m]))
        for m, box in enumerate(found):
            if m not in used_b and box.score >= new_score:
                self.tracks.append(Track(scene, [(frame, box)]))

    def _distance(self, track: Track, frame: int, box: Box) -> float:
        """0 (same place as predicted) .. 1 (as far as plausible); > 1: another face."""
        predicted = track.predict(frame)
        if iou(predicted, box) > 0.1:
            return 0.0
        (px, py), (bx, by) = predicted.centre, box.centre
        vx, vy = track.velocity()
        dt = frame - track.last[0]
        size = max(predicted.width, predicted.height, box.width, box.height)
        if len(track.sightings) < 2:  # speed unknown: up to `max_speed` sizes per frame
            reach = size * (0.8 + self.s.max_speed * min(dt, 3))
        else:  # off its straight path by up to half of its motion
            reach = size * 0.8 + 0.5 * (vx * vx + vy * vy) ** 0.5 * dt
        return ((px - bx) ** 2 + (py - by) ** 2) ** 0.5 / reach

    def covers(self, frame: int, scene: int) -> list[Box]:
        """Boxes (unpadded) that cover `frame` of `scene`."""
        boxes = []
        for track in self.tracks:
            if track.scene == scene:
                box = self._cover(track, frame)
                if box is not None:
                    boxes.append(box)
        return boxes

    def _cover(self, track: Track, frame: int) -> Box | None:
        before = after = None
        for f, box in track.sightings:
            if f <= frame:
                before = (f, box)
            elif after is None:
                after = (f, box)
        s = self.s
        if before is not None and before[0] == frame:
            vx, vy = track.velocity()
            return _grown(before[1], max(abs(vx), abs(vy)) * 0.5)
        if before is not None and after is not None:
            (fa, a), (fb, b) = before, after
            if fb - fa > s.long_gap:
                return hull(self._lost(track, a, fa, frame), hull(a, b))
            step = max(abs(b.centre[0] - a.centre[0]), abs(b.centre[1] - a.centre[1])) / (fb - fa)
            return _grown(_lerp(a, b, (frame - fa) / (fb - fa)), step)
        if after is not None:
            fb, b = after
            if fb - frame > s.lead:
                return None
            vx, vy = track.velocity(at_end=False)
            dt = fb - frame
            back = _moved(b, -vx * dt, -vy * dt)
            return _grown(hull(back, b), b.height * s.drift * dt)
        assert before is not None
        if frame - before[0] > s.timeout:
            return None
        return self._lost(track, before[1], before[0], frame)

    def _lost(self, track: Track, box: Box, seen: int, frame: int) -> Box:
        """Fail-safe cover of a face last seen on `seen`: where it was and where it went."""
        vx, vy = track.velocity() if track.last[0] == seen else (0.0, 0.0)
        dt = frame - seen
        ahead = min(dt, self.s.coast)
        heading = _moved(box, vx * ahead, vy * ahead)
        return _grown(hull(box, heading), max(box.width, box.height) * self.s.drift * ahead)

    def forget_before(self, frame: int) -> None:
        """Drop what can no longer cover `frame` or later (memory stays flat)."""
        keep = []
        for track in self.tracks:
            if track.last[0] + self.s.timeout < frame:
                continue
            older = [i for i, (f, _) in enumerate(track.sightings) if f < frame]
            if len(older) > 2:
                del track.sightings[:older[-2]]
            keep.append(track)
        self.tracks = keep
