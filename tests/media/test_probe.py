"""Tests of media.probe on synthetic media made in memory, and on things that are not media."""

from __future__ import annotations

import functools
import io
import random

import av
import pytest

from media.probe import ProbeResult, probe
from core.errors import MediaError, ObjectTampered
from tests.media import synth

MP4 = "mov,mp4,m4a,3gp,3g2,mj2"


@functools.cache
def video(**options: object) -> bytes:
    return synth.make_video(**options)  # type: ignore[arg-type]


@functools.cache
def audio(**options: object) -> bytes:
    return synth.make_audio(**options)  # type: ignore[arg-type]


def noise(seed: int) -> bytes:
    rng = random.Random(seed)
    return rng.randbytes(rng.choice([64, 512, 2048, 8192, 50000]))


class XorReader(io.RawIOBase):
    """Stands for the vault's decrypt-on-read object; `fail_after` simulates a bad segment."""

    def __init__(self, data: bytes, fail_after: int | None = None,
                 error: Exception | None = None) -> None:
        self._data = io.BytesIO(bytes(b ^ 0x5A for b in data))
        self._fail_after, self._error = fail_after, error

    def readable(self) -> bool:
        return True

    def seekable(self) -> bool:
        return True

    def seek(self, offset: int, whence: int = 0) -> int:
        return self._data.seek(offset, whence)

    def tell(self) -> int:
        return self._data.tell()

    def readinto(self, buffer: memoryview) -> int:  # type: ignore[override]
        if self._fail_after is not None and self.tell() + len(buffer) > self._fail_after:
            assert self._error is not None
            raise self._error
        chunk = self._data.read(len(buffer))
        buffer[:len(chunk)] = bytes(b ^ 0x5A for b in chunk)
        return len(chunk)


def test_mp4_video_with_audio() -> None:
    result = probe(io.BytesIO(video()))
    assert result.media_type == "video"
    assert result.container == MP4
    assert (result.codec, result.audio_codec) == ("h264", "aac")
    assert result.duration == pytest.approx(1.0, abs=0.15)
    assert (result.width, result.height, result.rotation) == (320, 240, 0)


def test_video_without_audio() -> None:
    result = probe(io.BytesIO(video(audio=False, width=176, height=144, seconds=0.5)))
    assert (result.media_type, result.codec, result.audio_codec) == ("video", "h264", None)
    assert (result.width, result.height) == (176, 144)
    assert result.duration == pytest.approx(0.5, abs=0.15)


@pytest.mark.parametrize("degrees", [90, 180, 270])
def test_rotation_is_clockwise_display_rotation(degrees: int) -> None:
    result = probe(io.BytesIO(video(rotate=degrees, audio=False)))
    assert result.rotation == degrees
    assert (result.width, result.height) == (320, 240)  # as coded, before rotation


@pytest.mark.parametrize("container, vcodec", [("webm", "libvpx-vp9"), ("webm", "libvpx")])
def test_webm(container: str, vcodec: str) -> None:
    if vcodec not in av.codecs_available or "libopus" not in av.codecs_available:
        pytest.skip(f"PyAV's FFmpeg has no {vcodec} or libopus encoder")
    result = probe(io.BytesIO(video(container=container, video_codec=vcodec)))
    assert (result.media_type, result.container) == ("video", "matroska,webm")
    assert result.codec == {"libvpx-vp9": "vp9", "libvpx": "vp8"}[vcodec]
    assert result.audio_codec == "opus"
    assert result.duration == pytest.approx(1.0, abs=0.15)


@pytest.mark.parametrize("codec, container", [
    ("aac", MP4), ("opus", "ogg"), ("pcm_s16le", "wav"), ("mp3", "mp3"),
])
def test_audio_only(codec: str, container: str) -> None:
    result = probe(io.BytesIO(audio(codec=codec)))
    assert (result.media_type, result.container) == ("audio", container)
    assert result.codec == result.audio_codec == codec
    assert result.duration == pytest.approx(1.0, abs=0.15)
    assert (result.width, result.height, result.rotation) == (None, None, 0)


def test_raw_adts_aac_is_audio() -> None:
    result = probe(io.BytesIO(audio(codec="aac", container="adts")))
    assert (result.media_type, result.container, result.codec) == ("audio", "aac", "aac")


def test_album_art_does_not_make_audio_a_video() -> None:
    result = probe(io.BytesIO(audio(codec="mp3", cover=True)))
    assert (result.media_type, result.codec) == ("audio", "mp3")


@pytest.mark.parametrize("make, codec, container", [
    (synth.make_jpeg, "mjpeg", "jpeg_pipe"), (synth.make_png, "png", "png_pipe"),
])
def test_still_images(make, codec: str, container: str) -> None:  # type: ignore[no-untyped-def]
    data = make(97, 61)
    for hint in (None, "photo.jpg"):
        result = probe(io.BytesIO(data), hint)
        assert result == ProbeResult("image", container, codec, None, None, 97, 61, 0)


@pytest.mark.parametrize("orientation, degrees", [(1, 0), (3, 180), (6, 90), (8, 270)])
def test_exif_orientation_gives_rotation(orientation: int, degrees: int) -> None:
    result = probe(io.BytesIO(synth.make_jpeg(64, 48, orientation=orientation)))
    assert (result.media_type, result.rotation) == ("image", degrees)
    assert (result.width, result.height) == (64, 48)


def test_name_hint_helps_formats_without_a_signature() -> None:
    tga = synth.make_image("targa", "bgr24", 40, 30)  # TGA has no magic number
    assert probe(io.BytesIO(tga)).media_type == "other"
    result = probe(io.BytesIO(tga), "Scan 1.TGA")
    assert (result.media_type, result.container, result.codec) == ("image", "image2", "targa")
    assert (result.width, result.height) == (40, 30)


# All seeds but 0 and 1 make noise that FFmpeg 8 itself opens: as lrc subtitles (209, 270),
# h263 video (1780, 6156), a Pictor image (2897), ADTS AAC (11044, 18204), CD+G (11256, 11856).
@pytest.mark.parametrize("data", [
    *(noise(seed) for seed in (0, 1, 209, 270, 1780, 2897, 6156, 11044, 11256, 11856, 18204)),
    b"", b"\0", "Témoignage du 3 mai.\nLigne deux.\n".encode() * 40,
    b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<< /Type /Catalog /Pages 2 0 R >>\nendobj\n"
    b"xref\n0 1\n0000000000 65535 f \ntrailer\n<< /Root 1 0 R >>\n%%EOF\n",
], ids=lambda data: f"{len(data)}B")
def test_not_media_is_other(data: bytes) -> None:
    assert probe(io.BytesIO(data)) == ProbeResult("other", None, None, None, None, None, None, 0)


@pytest.mark.parametrize("hint", ["notes.txt", "notes.ans", "photo.jpg", "song.mp3", "x", ""])
def test_a_name_hint_does_not_make_text_media(hint: str) -> None:
    assert probe(io.BytesIO(b"hello world\n" * 200), hint).media_type == "other"


def test_file_names_on_disk_are_not_trusted(tmp_path) -> None:  # type: ignore[no-untyped-def]
    (tmp_path / "notes.txt").write_bytes(b"hello world\n" * 200)  # FFmpeg: "tty" demuxer
    (tmp_path / "clip.txt").write_bytes(video(audio=False))
    with open(tmp_path / "notes.txt", "rb") as text, open(tmp_path / "clip.txt", "rb") as clip:
        assert probe(text).media_type == "other"
        assert probe(clip).media_type == "video"


def test_position_is_restored_and_probe_starts_at_byte_zero() -> None:
    for data, kind in ((video(), "video"), (b"plain text\n" * 10, "other")):
        source = io.BytesIO(data)
        source.seek(37)
        assert probe(source).media_type == kind
        assert source.tell() == 37
        source.seek(0, io.SEEK_END)
        assert probe(source).media_type == kind
        assert source.tell() == len(data)
        assert not source.closed


def test_decrypt_on_read_raw_io() -> None:
    reader = XorReader(audio(codec="opus"))
    assert probe(reader).media_type == "audio"
    assert not reader.closed and reader.tell() == 0


def test_errors_of_the_source_propagate() -> None:
    tampered = ObjectTampered("0123abcd", "segment 2 failed authentication")
    with pytest.raises(ObjectTampered):
        probe(XorReader(video(), fail_after=4096, error=tampered))
    with pytest.raises(MediaError, match="Input/output error"):
        probe(XorReader(video(), fail_after=4096, error=OSError(5, "Input/output error")))


def test_non_seekable_source_is_refused() -> None:
    class Pipe(io.BytesIO):
        def seekable(self) -> bool:
            return False

    with pytest.raises(MediaError):
        probe(Pipe(video()))


def test_damaged_media_never_raises() -> None:
    rng = random.Random(7)
    originals = [video(), audio(codec="mp3"), audio(codec="opus"), synth.make_jpeg(), synth.make_png()]
    for _ in range(120):
        data = bytearray(rng.choice(originals))
        if rng.random() < 0.5:
            del data[rng.randrange(len(data)):]
        for _ in range(rng.randint(1, 20)):
            if data:
                data[rng.randrange(len(data))] = rng.randrange(256)
        assert probe(io.BytesIO(bytes(data))).media_type in {"video", "audio", "image", "other"}


def test_probing_junk_prints_nothing(capfd: pytest.CaptureFixture[str]) -> None:
    for seed in range(30):
        probe(io.BytesIO(noise(seed)), "junk.txt")
    probe(io.BytesIO(b"hello\n" * 100), "notes.txt")
    assert capfd.readouterr() == ("", "")


@pytest.mark.parametrize("make", [
    lambda: synth.make_video(), lambda: synth.make_audio(codec="opus"), synth.make_jpeg,
])
def test_synth_is_fast_and_in_memory(make) -> None:  # type: ignore[no-untyped-def]
    import time

    start = time.perf_counter()
    assert isinstance(make(), bytes)
    assert time.perf_counter() - start < 2.0  # ~0.1 s here; loose for slow CI
