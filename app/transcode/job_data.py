"""A transcode job as app/ sees it: its parameters and its result, decoded once.

The vault keeps a job's parameters (what `Profile.params()` asked for: profile, version,
voice shift, covers) and its result (the item it made, and counts from the worker) as
JSON text (storage/jobs.py). `TranscodeJob.of` decodes both, once, into `JobParams` and
`JobResult`; every reader (the queue, the CLI's `kua jobs`, the GUI's list) takes those.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from types import MappingProxyType
from typing import Mapping

from media.transcode_profiles import Profile, profile_from_params
from storage.jobs import Job


@dataclass(frozen=True, slots=True)
class JobParams:
    """What a job asks for: the stored parameters, read-only (empty when unreadable)."""

    values: Mapping[str, object]
    readable: bool = True      # False: the stored text is not a JSON object

    @classmethod
    def decode(cls, text: str | None) -> "JobParams":
        """The parameters in `text` (stored JSON); unreadable text gives empty ones."""
        try:
            data = json.loads(text or "{}")
        except ValueError:
            return cls(MappingProxyType({}), readable=False)
        if not isinstance(data, dict):
            return cls(MappingProxyType({}), readable=False)
        return cls(MappingProxyType(data))

    @property
    def profile_name(self) -> str:
        """The name of the profile asked for ("" if none is readable)."""
        return str(self.values.get("profile", ""))

    def as_dict(self) -> dict[str, object]:
        """The parameters as stored, as a new dict (for JSON output)."""
        return dict(self.values)

    def as_profile(self) -> Profile:
        """The profile these parameters describe; InvalidValue if this Kua cannot tell."""
        return profile_from_params(self.as_dict())


@dataclass(frozen=True, slots=True)
class JobResult:
    """What a done job made: the new item and the worker's counts."""

    item: str | None
    frames: int | None = None
    faces_covered: int | None = None
    detections: int | None = None

    @classmethod
    def decode(cls, text: str | None) -> "JobResult | None":
        """The result in `text` (stored JSON); None when there is none or it is unreadable."""
        try:
            data = json.loads(text) if text else None
        except ValueError:
            return None
        if not isinstance(data, dict):
            return None
        return cls(data.get("item"), data.get("frames"), data.get("faces_covered"),
                   data.get("detections"))

    def encode(self) -> str:
        """The result as the vault stores it (JSON)."""
        return json.dumps({"item": self.item, "frames": self.frames,
                           "faces_covered": self.faces_covered, "detections": self.detections})


@dataclass(frozen=True, slots=True)
class TranscodeJob:
    """One job of the queue with its parameters and result decoded."""

    id: str
    kind: str
    source_id: str             # the item it transcodes
    params: JobParams
    state: str                 # queued, running, done, failed, cancelled
    progress: float            # percent, as last saved
    result: JobResult | None   # once done
    error: str | None          # the CLI's words, for a failed or cancelled job
    created_at: str
    updated_at: str

    @classmethod
    def of(cls, job: Job) -> "TranscodeJob":
        """`job` as the vault stores it, decoded."""
        return cls(job.id, job.kind, job.item_id, JobParams.decode(job.params), job.state,
                   job.progress, JobResult.decode(job.result), job.error, job.created_at,
                   job.updated_at)

    @property
    def output_id(self) -> str | None:
        """The item a done job made (None before, or if its result is unreadable)."""
        return self.result.item if self.result is not None else None
