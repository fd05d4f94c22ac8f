"""A job's parameters and result, decoded once (app/transcode/job_data.py)."""

from __future__ import annotations

import json

import pytest

from app.transcode.job_data import JobParams, JobResult, TranscodeJob
from core.errors import InvalidValue
from media.transcode_profiles import Cover, get_profile
from storage.jobs import Job


def _job(params: str, result: str | None = None) -> Job:
    return Job("j1", "transcode", "m1", params, "done", 100.0, result, None,
               "2026-01-01T00:00:00Z", "2026-01-01T00:00:01Z")


def test_parameters_decode_to_the_profile_they_were_made_from():
    profile = get_profile("anonymized", voice_shift=-4.0, covers=(Cover(1.0, 2.0, 10, 20, 30, 40),))
    params = JobParams.decode(profile.params_json())
    assert params.readable and params.profile_name == "anonymized"
    assert params.as_dict() == profile.params()
    assert params.as_profile() == profile


@pytest.mark.parametrize("text", ["not json", "[1, 2]"])
def test_unreadable_parameters_are_empty_and_say_so(text):
    params = JobParams.decode(text)
    assert not params.readable and params.profile_name == "" and params.as_dict() == {}
    with pytest.raises(InvalidValue):
        params.as_profile()


def test_the_result_is_stored_as_before():
    """The JSON text the service stores is what it always was (old vaults read the same)."""
    result = JobResult("m2", 30, 4, 5)
    assert result.encode() == json.dumps({"item": "m2", "frames": 30, "faces_covered": 4,
                                          "detections": 5})
    assert JobResult.decode(result.encode()) == result
    assert JobResult.decode(None) is None and JobResult.decode("nonsense") is None


def test_a_job_is_decoded_once():
    job = TranscodeJob.of(_job('{"profile":"share","version":1}', '{"item": "m2"}'))
    assert (job.source_id, job.params.profile_name, job.output_id) == ("m1", "share", "m2")
    assert TranscodeJob.of(_job("{}")).output_id is None
