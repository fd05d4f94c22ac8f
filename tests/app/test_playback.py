"""Opening items for playback: which items play, the reader, neutral names, photos."""

from __future__ import annotations

import threading

import pytest

from app import library, playback
from core.errors import HashMismatch, MediaError, NotFound, ObjectTampered
from harness.vaults import new_testimony, seal_item
from storage.sealed import Layout
from tests.media.synth import make_audio, make_jpeg, make_video

SMALL = Layout.for_segment_size(4096)


def _add(vault, tmp_path, data: bytes, name: str) -> str:
    path = tmp_path / "outside" / name
    path.parent.mkdir(exist_ok=True)
    path.write_bytes(data)
    return library.add_files(vault, [path]).item_ids[0]


def _seal(vault, data: bytes, *, state: str = "complete", media_type: str = "video") -> str:
    return seal_item(vault, new_testimony(vault), "master", data, state=state, layout=SMALL,
                     media_type=media_type)


def test_a_video_opens_as_a_seekable_reader_named_by_its_container(vault, tmp_path):
    data = make_video(1.0)
    item_id = _add(vault, tmp_path, data, "secret name of a person.mp4")
    item, reader = playback.open_for_playback(vault, item_id)
    with reader:
        assert item.id == item_id and item.media_type == "video"
        assert playback.source_name(reader) == "item.mp4"  # never the original name
        assert reader.tell() == 0 and reader.size == len(data)
        reader.seek(len(data) - 100)
        assert reader.read() == data[-100:]
        reader.seek(0)
        assert reader.read() == data


def test_a_testimony_id_plays_its_main_item(vault, tmp_path):
    item_id = _add(vault, tmp_path, make_audio(0.5), "a.m4a")
    testimony_id = vault.items.get(item_id).testimony_id
    item, reader = playback.open_for_playback(vault, testimony_id)
    reader.close()
    assert item.id == item_id


def test_reading_needs_no_catalogue_and_works_from_another_thread(vault_dir, vault, tmp_path):
    """What the player relies on: after opening, reads are file I/O and AES only."""
    data = bytes(range(256)) * 200
    item_id = _seal(vault, data)
    _, reader = playback.open_for_playback(vault, item_id)
    vault.close()  # the catalogue connection is gone
    got: list[bytes] = []
    worker = threading.Thread(target=lambda: (reader.seek(30_000), got.append(reader.read(5000))))
    worker.start()
    worker.join(10)
    assert got == [data[30_000:35_000]]
    reader.close()


@pytest.mark.parametrize(("state", "words"), [("recording", "it is still being recorded"),
                                              ("failed", "its recording failed")])
def test_unfinished_items_do_not_play(vault, state, words):
    item_id = _seal(vault, b"x" * 10, state=state)
    with pytest.raises(MediaError, match=f"item {item_id} cannot be played: {words}"):
        playback.open_for_playback(vault, item_id)


def test_a_document_does_not_play(vault, tmp_path):
    item_id = _add(vault, tmp_path, b"just some notes, not media\n" * 10, "notes.txt")
    with pytest.raises(MediaError, match=f"item {item_id} is a document"):
        playback.open_for_playback(vault, item_id)


def test_unknown_and_truncated_items(vault):
    with pytest.raises(NotFound):
        playback.open_for_playback(vault, "m0000000")
    item_id = _seal(vault, bytes(20_000))
    path = vault.object_files(item_id)[0]
    path.write_bytes(path.read_bytes()[:SMALL.sealed_size * 2])
    with pytest.raises(ObjectTampered, match=f"item {item_id} is damaged"):
        playback.open_for_playback(vault, item_id)


@pytest.mark.parametrize(("head", "ext"), [
    (b"\0\0\0\x1cftypiso5\0\0\2\0", "mp4"), (b"\0\0\0\x20ftypM4A \0\0\0\0", "m4a"),
    (b"\0\0\0\x14ftypqt  ", "mov"), (b"OggS\0\2", "ogg"), (b"\x1a\x45\xdf\xa3\x9f\x42\x82\x84webm", "webm"),
    (b"\x1a\x45\xdf\xa3\x9f\x42\x82\x88matroska", "mkv"), (b"RIFF\0\0\0\0WAVEfmt ", "wav"),
    (b"RIFF\0\0\0\0AVI LIST", "avi"), (b"fLaC\0\0", "flac"), (b"ID3\4\0", "mp3"), (b"\xff\xfb\x90", "mp3"),
    (b"\xff\xd8\xff\xe0", "jpg"), (b"\x89PNG\r\n", "png"), (b"hello", "bin"), (b"", "bin"),
])
def test_container_extension(head, ext):
    assert playback.container_extension(head) == ext


def test_a_photo_is_read_whole_and_checked(vault, tmp_path):
    jpeg = make_jpeg(32, 24)
    item_id = _add(vault, tmp_path, jpeg, "id card.jpg")
    item, data = playback.read_still(vault, item_id)
    assert (item.media_type, data) == ("image", jpeg)
    with vault.transaction():
        vault.items.update(item_id, sha256="0" * 64)
    with pytest.raises(HashMismatch, match=item_id):
        playback.read_still(vault, item_id)
    video = _add(vault, tmp_path, make_video(0.5), "v.mp4")
    with pytest.raises(MediaError, match="is not a photo"):
        playback.read_still(vault, video)
