"""The podcast feed, read by feedparser as a podcast app reads it: one episode per built session, each
enclosure's length the file's size, and its chapters file the same chapters as the file's own marks."""

from __future__ import annotations

import xml.etree.ElementTree as ET

import feedparser
import httpx
import pytest
from helpers import FAKE, PRACTICE, output_and_cache, running

from voicekit.plan.options import BuildOptions
from voicekit.web.built import clock

PODCAST = "{https://podcastindex.org/namespace/1.0}"


@pytest.fixture(scope="module")
def site(warm_store, tmp_path_factory):
    """An output folder with two MP3 sessions and an M4A, a `say` sample, a WAV and a file of the user's."""
    from voicekit.pipeline import build
    from voicekit.pipeline.sample import say
    from voicekit.web.app import make_app
    from voicekit.web.settings import Settings

    out, cache = output_and_cache(tmp_path_factory.mktemp("feed"), warm_store)
    tmp = out.parent
    seq = tmp / "robust.yaml"
    seq.write_text(PRACTICE.format(hold="20-40s"))
    build(seq, FAKE, output=out / "robust-medium.mp3", cache_dir=cache)
    build(seq, BuildOptions(engine="fake", holds="long"), output=out / "robust-long.mp3", cache_dir=cache)
    build(seq, FAKE, output=out / "robust.m4a", cache_dir=cache, companions=False)
    build(seq, FAKE, output=out / "robust.wav", cache_dir=cache, companions=False)
    say("Hello.", FAKE, output=out / "say.mp3", cache_dir=cache)
    (out / "mine.mp3").write_bytes(b"ID3 my own recording")
    app = make_app(Settings(output=out, cache_dir=cache, defaults=FAKE))
    with running(app) as url, httpx.Client(base_url=url, timeout=30) as client:
        yield client, out


def test_the_feed_lists_each_built_session_with_its_enclosure_and_duration(site):
    client, out = site
    answer = client.get("/feed.xml")
    assert answer.headers["content-type"] == "application/rss+xml; charset=utf-8"
    feed = feedparser.parse(answer.text)
    assert not feed.bozo, feed.get("bozo_exception")
    assert feed.version == "rss20"
    assert feed.namespaces["itunes"] == "http://www.itunes.com/dtds/podcast-1.0.dtd"
    names = sorted(e.enclosures[0].href.rsplit("/", 1)[-1] for e in feed.entries)
    assert names == ["robust-long.mp3", "robust-medium.mp3", "robust.m4a"]  # no sample, WAV or user's file
    for entry in feed.entries:
        enclosure = entry.enclosures[0]
        path = out / enclosure.href.rsplit("/", 1)[-1]
        assert int(enclosure.length) == path.stat().st_size
        assert enclosure.type == ("audio/mpeg" if path.suffix == ".mp3" else "audio/mp4")
        assert entry.title == f"Robust practice ({clock(round(float(entry.itunes_duration) * 1000))})"
        assert "Built with: holds" in entry.description
        assert int(entry.itunes_duration) > 0 and entry.published_parsed
        assert client.get(enclosure.href).content == path.read_bytes()
    long, medium = (next(e for e in feed.entries if n in e.enclosures[0].href) for n in ("-long", "-medium"))
    assert int(long.itunes_duration) > int(medium.itunes_duration) + 5  # holds of 40s, not 30s
    assert long.id != medium.id


def test_each_chapters_file_holds_the_files_own_chapter_marks(site):
    from mutagen.id3 import ID3
    from mutagen.mp4 import MP4

    client, out = site
    channel = ET.fromstring(client.get("/feed.xml").content).find("channel")
    assert channel is not None
    items = channel.findall("item")
    assert len(items) == 3
    for item in items:
        marker, enclosure = item.find(f"{PODCAST}chapters"), item.find("enclosure")
        assert marker is not None and enclosure is not None
        assert marker.get("type") == "application/json+chapters"
        answer = client.get(marker.get("url", ""))
        assert answer.headers["content-type"] == "application/json+chapters"
        doc = answer.json()
        assert doc["version"] == "1.2.0"
        path = out / enclosure.get("url", "").rsplit("/", 1)[-1]
        if path.suffix == ".mp3":
            marks = sorted(ID3(path).getall("CHAP"), key=lambda c: c.start_time)
            expected = [(m.start_time / 1000, str(m.sub_frames["TIT2"])) for m in marks]
        else:
            expected = [(round(c.start, 3), c.title) for c in MP4(path).chapters or []]
        assert [(c["startTime"], c["title"]) for c in doc["chapters"]] == expected
        assert [c["title"] for c in doc["chapters"]] == ["Introduction", "Rest", "Closing"]


def test_chapters_only_for_sessions(site):
    client, _ = site
    for name in ("say.mp3", "mine.mp3", "robust.wav", "robust-long.md", "nothing.mp3"):
        assert client.get(f"/chapters/{name}.json").status_code == 404


def test_a_session_with_a_tag_written_by_hand_is_listed_the_rest_too(site):
    """A length tag of digits int() refuses ("²" is a digit to str.isdigit) is one odd entry, not a 500."""
    import shutil

    from mutagen.id3 import ID3, TLEN

    client, out = site
    odd = out / "odd-length.mp3"
    shutil.copy(out / "robust-medium.mp3", odd)
    tag = ID3(odd)
    tag.setall("TLEN", [TLEN(encoding=3, text=["²"])])
    tag.save(odd)
    try:
        feed = feedparser.parse(client.get("/feed.xml").text)
        names = sorted(e.enclosures[0].href.rsplit("/", 1)[-1] for e in feed.entries)
        assert names == ["odd-length.mp3", "robust-long.mp3", "robust-medium.mp3", "robust.m4a"]
        assert client.get("/").status_code == 200
    finally:
        odd.unlink()
