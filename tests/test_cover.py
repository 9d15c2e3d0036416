"""The cover drawn for a practice: a square PNG at each size, the same bytes for the same title, a
colour of its own, the title written where it can be read; and the one every MP3 and M4A carries."""

from __future__ import annotations

import io

import numpy as np
import pytest
from helpers import FAKE, MINIMAL
from PIL import Image

from voicekit.output import cover


def picture(data: bytes) -> Image.Image:
    image = Image.open(io.BytesIO(data))
    assert image.format == "PNG"
    return image.convert("RGB")


@pytest.mark.parametrize("size", [96, 192, 600])
def test_a_cover_is_a_square_png_of_its_size_and_the_same_every_time(size):
    data = cover.png("Lower back release", size)
    assert picture(data).size == (size, size)
    cover.png.cache_clear()
    assert cover.png("Lower back release", size) == data  # drawn again: the same bytes


def test_the_title_is_written_on_the_large_covers_and_its_colour_is_its_own():
    ground, _ = cover.colours("Entspannung für den unteren Rücken")
    big = picture(cover.png("Entspannung für den unteren Rücken", 600))
    sky = np.asarray(big)[:220]  # above the sun: the title, or nothing but the background
    assert np.count_nonzero(np.any(sky != ground, axis=2)) > 2000
    small = np.asarray(picture(cover.png("Entspannung für den unteren Rücken", 192)))
    assert np.all(small[:50] == ground)  # an icon: the picture only
    grounds = {cover.colours(t)[0] for t in ("Bedtime", "Desk break", "Morning mobility", "Neck and shoulders")}
    assert len(grounds) > 1
    with pytest.raises(ValueError, match="not 500"):
        cover.png("x", 500)


@pytest.mark.parametrize("fmt", ["mp3", "m4a"])
def test_every_built_file_carries_its_cover(tmp_path, warm_cache, fmt):
    from mutagen.id3 import ID3, PictureType
    from mutagen.mp4 import MP4, MP4Cover

    from voicekit.pipeline import build

    seq = tmp_path / "s.yaml"
    seq.write_text(MINIMAL)
    path = build(seq, FAKE, output=tmp_path / f"s.{fmt}", cache_dir=warm_cache, companions=False).output
    if fmt == "mp3":
        (frame,) = ID3(path).getall("APIC")
        assert (frame.mime, frame.type) == ("image/png", PictureType.COVER_FRONT)
        data = frame.data
    else:
        tags = MP4(str(path)).tags
        assert tags is not None
        (art,) = tags["covr"]
        assert art.imageformat == MP4Cover.FORMAT_PNG
        data = bytes(art)
    assert data == cover.png("Test practice", cover.EMBEDDED)
    assert picture(data).size == (cover.EMBEDDED, cover.EMBEDDED)


def test_a_cover_is_drawn_once_then_read_from_the_store(tmp_path, monkeypatch):
    from voicekit.store import COVER, Store

    store = Store(tmp_path / "cache")
    drawn = cover.png("Desk break", cover.EMBEDDED)
    assert cover.stored(store, "Desk break") == drawn
    assert len(list((tmp_path / "cache" / COVER).rglob("*"))) == 2  # a folder and the entry

    def never(title: str, size: int) -> bytes:
        raise AssertionError(f"drawn again: {title}")

    monkeypatch.setattr(cover, "png", never)
    assert cover.stored(store, "Desk break") == drawn
    with pytest.raises(AssertionError, match="drawn again: Bedtime"):  # another title is another cover
        cover.stored(store, "Bedtime")
    with pytest.raises(AssertionError, match="drawn again"):  # and another size
        cover.stored(store, "Desk break", 1400)


def test_a_rebuild_carries_the_stored_cover(tmp_path, warm_cache, monkeypatch):
    from mutagen.id3 import ID3

    from voicekit.pipeline import build

    seq = tmp_path / "s.yaml"
    seq.write_text(MINIMAL)
    build(seq, FAKE, output=tmp_path / "first.mp3", cache_dir=warm_cache, companions=False)
    expected = cover.png("Test practice", cover.EMBEDDED)
    monkeypatch.setattr(cover, "png", lambda title, size: b"not drawn again")
    path = build(seq, FAKE, output=tmp_path / "again.mp3", cache_dir=warm_cache, companions=False).output
    (frame,) = ID3(path).getall("APIC")
    assert frame.data == expected
