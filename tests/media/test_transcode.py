"""Transcoding in memory (media/transcode*.py): each profile's codecs, size and length,
upright output from rotated phone video, phone formats, bad input with its time."""

from __future__ import annotations

import io
from pathlib import Path

import av
import numpy as np
import pytest

from media.transcode import transcode
from media.transcode_mp4 import faststart, top_level_boxes
from media.transcode_profiles import get_profile, output_size
from core.errors import InvalidValue, MissingStream, SourceDamaged
from tests.media.synth import make_audio, make_video
from tests.media.transcode_clips import decode_all, marked_clip, run_profile

EXPECTED = {  # profile: (container, video codec or None, audio codec, max width, max height)
    "share": ("mov,mp4,m4a,3gp,3g2,mj2", "h264", "aac", 1280, 720),
    "proxy": ("mov,mp4,m4a,3gp,3g2,mj2", "h264", "aac", 640, 360),
    "audio": ("ogg", None, "opus", None, None),
    "anonymized": ("mov,mp4,m4a,3gp,3g2,mj2", "h264", "aac", 1280, 720),
}


@pytest.fixture(scope="module")
def hd_clip() -> bytes:
    """3 s of 1920x1080 at 30 fps with sound: every video profile must scale it down."""
    return make_video(seconds=3.0, width=1920, height=1080, fps=30)


@pytest.mark.parametrize("name", ["share", "proxy", "audio", "anonymized"])
def test_each_profile_codecs_size_and_duration(hd_clip: bytes, name: str) -> None:
    """The output decodes with the profile's codecs, fits its size (aspect kept), lasts
    as long as the source (±0.2 s), and carries no metadata from the source."""
    container, vcodec, acodec, max_w, max_h = EXPECTED[name]
    facts, frames = decode_all(run_profile(hd_clip, get_profile(name)))
    assert facts["format"] == container
    assert abs(facts["duration"] - 3.0) <= 0.2, facts
    kinds = dict(facts["streams"])
    assert kinds.get("audio") == acodec and kinds.get("video") == vcodec, facts
    if vcodec:
        assert facts["size"] == (max_w, max_h) and facts["rotation"] == 0
        assert len(frames) == 90
        assert "encoder" not in facts["metadata"] and "creation_time" not in facts["metadata"]
    else:
        assert facts["audio"][2] == 1  # mono, for transcription


def test_share_and_proxy_are_faststart() -> None:
    """`moov` comes before `mdat`, and the relocated chunk offsets decode the same frames."""
    data = make_video(seconds=1.0, width=320, height=240, fps=15)
    sink = io.BytesIO()
    transcode(io.BytesIO(data), sink, get_profile("share"))
    raw = sink.getvalue()
    assert [b[0] for b in top_level_boxes(io.BytesIO(raw), len(raw))][-1] == b"moov"
    out = io.BytesIO()
    faststart(io.BytesIO(raw), len(raw), out)
    kinds = [b[0] for b in top_level_boxes(out, len(out.getvalue()))]
    assert kinds.index(b"moov") < kinds.index(b"mdat") and kinds[0] == b"ftyp"
    _, before = decode_all(raw)
    _, after = decode_all(out.getvalue())
    assert len(after) == len(before) == 15
    assert all(np.array_equal(a, b) for a, b in zip(before, after))


def test_faststart_widens_chunk_offsets_past_4_gib(monkeypatch: pytest.MonkeyPatch) -> None:
    """When shifted offsets would not fit 32 bits, `stco` becomes `co64` (tried here
    with a lowered limit) and the file still decodes to the same frames."""
    import media.transcode_mp4 as mp4
    data = make_video(seconds=1.0, width=320, height=240, fps=15)
    sink = io.BytesIO()
    transcode(io.BytesIO(data), sink, get_profile("proxy"))
    raw = sink.getvalue()
    monkeypatch.setattr(mp4, "STCO_LIMIT", 1000)
    out = io.BytesIO()
    mp4.faststart(io.BytesIO(raw), len(raw), out)
    assert b"co64" in out.getvalue() and b"stco" not in out.getvalue()
    _, before = decode_all(raw)
    _, after = decode_all(out.getvalue())
    assert len(after) == len(before) and all(np.array_equal(a, b) for a, b in zip(before, after))


@pytest.mark.parametrize("rotate", [90, 180, 270])
def test_rotated_phone_video_comes_out_upright(rotate: int) -> None:
    """A clip stored turned with a display rotation comes out upright (white square
    top-left), with the upright size and no rotation left in the file."""
    facts, frames = decode_all(run_profile(marked_clip(320, 240, rotate=rotate), get_profile("share")))
    assert facts["size"] == (320, 240) and facts["rotation"] == 0
    first = frames[0].astype(int)
    assert first[:20, :20].mean() > 230 and first[-20:, -20:].mean() < 130
    assert first[:20, -20:].mean() < 130 and first[-20:, :20].mean() < 130


def test_portrait_stays_portrait_and_fits() -> None:
    """A 1080x1920 portrait picture becomes 720x1280 (share) and 360x640 (proxy)."""
    data = marked_clip(1080, 1920, seconds=0.5, fps=10)
    for name, size in (("share", (720, 1280)), ("proxy", (360, 640))):
        facts, frames = decode_all(run_profile(data, get_profile(name)))
        assert facts["size"] == size
        assert frames[0][:10, :10].mean() > 230


@pytest.mark.parametrize("fmt", [
    dict(container="mov", vcodec="libx265"),                     # iPhone: HEVC in MOV
    dict(container="mp4", vcodec="libx265", rotate=90),          # Android: HEVC portrait
    dict(fixture="phone-amr.3gp"),  # old phones: 3GP with AMR (made by marked_clip(container="3gp",
                                    # acodec="libopencore_amrnb"); PyAV 19's FFmpeg cannot encode AMR)
    dict(container="webm", vcodec="libvpx-vp9", acodec="libopus"),
])
def test_phone_formats(fmt: dict) -> None:
    """HEVC/MOV, portrait HEVC, 3GP with AMR sound and WebM become H.264 + AAC MP4."""
    if "fixture" in fmt:
        data = (Path(__file__).parent.parent / "fixtures" / fmt["fixture"]).read_bytes()
    else:
        data = marked_clip(**fmt)
    facts, frames = decode_all(run_profile(data, get_profile("share")))
    assert dict(facts["streams"]) == {"video": "h264", "audio": "aac"}
    assert abs(facts["duration"] - 2.0) <= 0.2 and len(frames) == 30
    assert frames[0][:10, :10].mean() > 230


def test_audio_only_input() -> None:
    """Sound alone: the audio profile works; video profiles say there is no video."""
    data = make_audio(seconds=2.0, codec="aac")
    facts, _ = decode_all(run_profile(data, get_profile("audio")))
    assert dict(facts["streams"]) == {"audio": "opus"} and abs(facts["duration"] - 2.0) <= 0.2
    for name in ("share", "proxy", "anonymized"):
        with pytest.raises(MissingStream, match="has no video"):
            transcode(io.BytesIO(data), io.BytesIO(), get_profile(name))


def test_voice_shift_on_sound_alone_and_its_pitch() -> None:
    """Anonymized with --voice-shift works on sound alone, and the tone's pitch moves
    by the asked semitones (440 Hz down 12 is 220 Hz), the length unchanged."""
    data = make_audio(seconds=2.0, codec="aac")
    out = run_profile(data, get_profile("anonymized", voice_shift=-12))
    with av.open(io.BytesIO(out)) as c:
        assert [s.type for s in c.streams] == ["audio"]
        samples = np.concatenate([f.to_ndarray().reshape(-1) for f in c.decode(audio=0)])
        rate = c.streams.audio[0].codec_context.sample_rate
        assert abs(c.duration / av.time_base - 2.0) <= 0.2
    middle = samples[rate // 2: rate // 2 + rate]
    spectrum = np.abs(np.fft.rfft(middle * np.hanning(len(middle))))
    peak = np.argmax(spectrum) * rate / len(middle)
    assert abs(peak - 220) < 10, peak


def test_video_without_sound_for_the_audio_profile() -> None:
    """A silent video has nothing for the audio profile: MissingStream, clearly worded."""
    data = make_video(seconds=1.0, audio=False)
    with pytest.raises(MissingStream, match="has no sound"):
        transcode(io.BytesIO(data), io.BytesIO(), get_profile("audio"))


def test_truncated_source_names_the_time() -> None:
    """A faststart file cut at 60 %: SourceDamaged at about 1.8 s of 3 (the demuxer
    either fails there or the stream ends early: both name the time)."""
    full = run_profile(make_video(seconds=3.0, width=320, height=240, fps=15), get_profile("proxy"))
    cut = full[:int(len(full) * 0.6)]
    with pytest.raises(SourceDamaged) as caught:
        transcode(io.BytesIO(cut), io.BytesIO(), get_profile("share"))
    assert caught.value.at is not None and 0.5 <= caught.value.at <= 2.6, caught.value
    assert f"at 0:0{int(caught.value.at)}." in str(caught.value)


def test_garbage_inside_the_media_names_the_time() -> None:
    """Noise written over the media data of a file: SourceDamaged with a media time."""
    data = bytearray(make_video(seconds=3.0, width=320, height=240, fps=15, audio=False))
    boxes = {k: (o, n) for k, o, n in top_level_boxes(io.BytesIO(bytes(data)), len(data))}
    start, length = boxes[b"mdat"]
    at = start + length // 2
    data[at:at + 4096] = np.random.default_rng(5).integers(0, 256, 4096, dtype=np.uint8).tobytes()
    with pytest.raises(SourceDamaged) as caught:
        transcode(io.BytesIO(bytes(data)), io.BytesIO(), get_profile("share"))
    assert caught.value.at is not None and 0.5 <= caught.value.at <= 3.0, caught.value


def test_not_media_at_all() -> None:
    """Text is not media: SourceDamaged at 0:00.0 saying it cannot be opened."""
    with pytest.raises(SourceDamaged, match="at 0:00.0: it cannot be opened as media"):
        transcode(io.BytesIO(b"hello " * 1000), io.BytesIO(), get_profile("share"))


def test_share_bitrate_is_capped_on_hard_content() -> None:
    """Noise at 720p (the hardest picture to compress) stays within the share budget:
    (340 + 64) kb/s x 3 s, plus the 680 kb VBV buffer and 5 % container overhead."""
    rng = np.random.default_rng(1)
    frames = [rng.integers(0, 256, (720, 1280, 3), dtype=np.uint8) for _ in range(90)]
    buffer = io.BytesIO()
    with av.open(buffer, "w", format="mp4") as out:
        stream = out.add_stream("libx264", rate=30, options={"preset": "ultrafast", "qp": "0"})
        stream.width, stream.height, stream.pix_fmt = 1280, 720, "yuv420p"
        for index, image in enumerate(frames):
            frame = av.VideoFrame.from_ndarray(image, format="rgb24")
            frame.pts = index
            out.mux(stream.encode(frame))
        out.mux(stream.encode(None))
    output = run_profile(buffer.getvalue(), get_profile("share"))
    budget = ((340_000 + 64_000) * 3 + 680_000) / 8 * 1.05
    assert len(output) <= budget, (len(output), budget)


def test_profiles_and_options() -> None:
    """Unknown profiles and misplaced or extreme voice shifts are refused; sizes are even,
    never upscaled, aspect kept."""
    with pytest.raises(InvalidValue):
        get_profile("tiny")
    with pytest.raises(InvalidValue):
        get_profile("share", voice_shift=-3)
    with pytest.raises(InvalidValue):
        get_profile("anonymized", voice_shift=20)
    assert get_profile("anonymized", voice_shift=-3).params()["voice_shift"] == -3.0
    assert get_profile("share").params_json() == '{"profile":"share","version":1}'
    spec = get_profile("share").video
    assert spec is not None
    assert output_size(320, 240, spec) == (320, 240)
    assert output_size(3840, 2160, spec) == (1280, 720)
    assert output_size(1081, 1921, spec) == (720, 1280)
    assert output_size(641, 2000, spec) == (410, 1280)


def test_source_that_ends_early_is_called_truncated() -> None:
    """An MP3 cut in half still claims its full length (its Xing header); the stream ends
    early without a decoding error, and that is reported as truncated, where it ended."""
    mp3 = make_audio(seconds=3.0, codec="mp3")
    cut = mp3[:len(mp3) // 2]
    with pytest.raises(SourceDamaged, match="truncated") as caught:
        transcode(io.BytesIO(cut), io.BytesIO(), get_profile("audio"))
    assert caught.value.at is not None and 1.2 <= caught.value.at <= 1.8, caught.value


@pytest.mark.parametrize("fps, kept", [(60, 60), (50, 60), (30, 60), (24, 48), (15, 30)])
def test_frame_rate_is_capped_at_30(fps: int, kept: int) -> None:
    """Two seconds at 60, 50, 30, 24 and 15 fps keep 60, 60, 60, 48 and 30 frames."""
    from media.transcode_video import FrameRateCap
    cap = FrameRateCap(30.0)
    jitter = np.random.default_rng(fps).uniform(-0.002, 0.002, 2 * fps)
    assert sum(cap.keep(i / fps + jitter[i] * (i > 0)) for i in range(2 * fps)) == kept


def test_sixty_fps_source_becomes_thirty() -> None:
    """A 60 fps phone clip: the share copy has 30 fps, the same length."""
    facts, frames = decode_all(run_profile(make_video(seconds=1.0, fps=60), get_profile("share")))
    assert len(frames) == 30 and abs(facts["duration"] - 1.0) <= 0.2
