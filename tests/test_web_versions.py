"""A version is one thing, and waiting for one is never blind: Play on a version already built plays it
(nothing built, the same bytes, time, ETag and feed guid), a client that holds a file gets 304, a
build under way answers 202 and its events tell how far it has come, and the server prepares the
shipped practices while idle, giving way at once to a request."""

from __future__ import annotations

import os
import signal
import time
from concurrent.futures import ThreadPoolExecutor
from typing import Any

import feedparser
import httpx
import pytest
from helpers import ACCEPT_JSON, FAKE, events, finished, running, site_of, web_settings

pytestmark = pytest.mark.usefixtures("shelf_practice")


@pytest.fixture(scope="module")
def served(shelf_store, tmp_path_factory):
    from voicekit.web.app import make_app

    settings = web_settings(tmp_path_factory.mktemp("versions"), shelf_store)
    app = make_app(settings)
    with running(app) as url, httpx.Client(base_url=url, timeout=60) as client:
        yield client, settings, site_of(app)


def play(client: httpx.Client, **form: str) -> httpx.Response:
    return client.post("/practice/mini-flow/play", data=form, headers=ACCEPT_JSON)


def guids(client: httpx.Client) -> dict[str, str]:
    feed = feedparser.parse(client.get("/feed.xml").text)
    return {e.enclosures[0].href.rsplit("/", 1)[-1]: e.id for e in feed.entries}


def test_play_on_a_version_built_plays_it_and_changes_nothing(served):
    client, settings, site = served
    first = finished(client, play(client, holds="long"))
    path = settings.output / first["file"]
    before = (path.read_bytes(), path.stat().st_mtime_ns, client.get(first["audio"]).headers["etag"], guids(client))
    count = site.builder.count
    again = play(client, holds="long")
    assert again.status_code == 200 and again.json()["built"] is False
    assert again.json()["audio"] == first["audio"]
    after = (path.read_bytes(), path.stat().st_mtime_ns, client.get(first["audio"]).headers["etag"], guids(client))
    assert after == before
    assert site.builder.count == count
    # Other choices make another version; the practice's own choice named is the same version.
    assert finished(client, play(client, holds="long", bell="chime"))["file"] == "mini-flow-long-bell-chime.mp3"
    assert play(client, holds="long", bell="bowl", bed="none", chimes="off").json()["file"] == first["file"]
    assert site.builder.count == count + 1


def test_a_version_built_again_after_its_file_was_touched_is_the_same_episode(served):
    """A practice's plan that changes (here: the file's companion gone) builds again; the same bytes come
    out, so the file, its time, its ETag and its feed guid stay."""
    client, settings, site = served
    first = finished(client, play(client, holds="short"))
    path = settings.output / first["file"]
    stamp, guid = path.stat().st_mtime_ns, guids(client)[first["file"]]
    path.with_suffix(".json").unlink()
    count = site.builder.count
    again = finished(client, play(client, holds="short"))
    assert site.builder.count == count + 1 and again["built"] is True
    assert path.stat().st_mtime_ns == stamp and guids(client)[first["file"]] == guid


@pytest.mark.parametrize("what", ["media", "style.css", "player.js", "cover"])
def test_a_client_that_holds_a_file_gets_304(served, what):
    client, _, _ = served
    if what == "media":
        url = finished(client, play(client, holds="medium"))["audio"]
    elif what == "cover":
        url = "/practice/mini-flow/cover-192.png"
    else:
        page = client.get("/practice/mini-flow").text
        url = page[page.index(f"/static/{what}?v=") :].split('"')[0]
    whole = client.get(url)
    assert whole.status_code == 200 and whole.content
    etag = whole.headers["etag"]
    assert client.get(url, headers={"if-none-match": etag}).status_code == 304
    assert client.get(url, headers={"if-none-match": f'"other", W/{etag}'}).status_code == 304
    assert client.get(url, headers={"if-none-match": '"other"'}).status_code == 200
    if "last-modified" in whole.headers:
        assert client.get(url, headers={"if-modified-since": whole.headers["last-modified"]}).status_code == 304
        assert client.get(url, headers={"if-modified-since": "Mon, 01 Jan 2001 00:00:00 GMT"}).status_code == 200
    if what in ("style.css", "player.js"):  # named by their version: kept a year, and asked about otherwise
        assert whole.headers["cache-control"] == "public, max-age=31536000, immutable"
        assert client.get(f"/static/{what}").headers["cache-control"] == "no-cache"


def test_a_build_under_way_answers_202_and_its_events_follow_it_to_the_end(served, monkeypatch):
    client, _, site = served
    real = site.builder._run

    def slow(job, path, cache_dir, watch):
        step = watch.step

        def step_slowly(*a: object) -> None:
            time.sleep(0.05)
            step(*a)

        watch.step = step_slowly
        return real(job, path, cache_dir, watch)

    monkeypatch.setattr(site.builder, "_run", slow)
    started = time.monotonic()
    answer = play(client, holds="medium", voice="fake:high", bed="drone")
    assert answer.status_code == 202, answer.text
    assert answer.json()["file"] == "mini-flow-medium-drone-fake-high.mp3"
    stream = events(client, answer.json()["events"])
    assert time.monotonic() - started < 30
    kinds = [kind for kind, _ in stream]
    assert kinds[-1] == "done" and set(kinds[:-1]) == {"progress"}
    reports = [data for kind, data in stream if kind == "progress"]
    fractions = [r["fraction"] for r in reports]
    assert fractions == sorted(fractions) and fractions[-1] > fractions[0]  # never going back
    assert {"speech", "encoding"} <= {r["phase"] for r in reports}
    assert stream[-1][1]["file"] == "mini-flow-medium-drone-fake-high.mp3" and stream[-1][1]["built"] is True
    # Asked again after it ended: what it made, at once.
    assert events(client, answer.json()["events"]) == [("done", stream[-1][1])]
    assert events(client, "/builds/nothing-here.mp3/events") == [("none", {"file": "nothing-here.mp3"})]


def test_play_without_the_script_comes_back_to_the_page_building_then_playing(served, monkeypatch):
    client, _, site = served
    real = site.builder._run

    def slow(*a: Any) -> Any:
        time.sleep(2.5)
        return real(*a)

    monkeypatch.setattr(site.builder, "_run", slow)
    answer = client.post("/practice/mini-flow/play", data={"holds": "short", "chimes": "on"})
    assert answer.status_code == 303
    assert answer.headers["location"] == "/practice/mini-flow?holds=short&chimes=on"  # not built yet
    page = client.get(answer.headers["location"]).text
    assert '<noscript><meta http-equiv="refresh" content="2"></noscript>' in page
    assert '<div id="waiting" class="waiting">' in page
    assert '<audio id="player" controls preload="metadata"></audio>' in page  # nothing to play yet
    deadline = time.monotonic() + 90  # a fake-engine build: a second alone, far more on a loaded machine
    while 'src="/media/mini-flow-short-chimes.mp3' not in client.get("/practice/mini-flow?holds=short&chimes=on").text:
        assert time.monotonic() < deadline
        time.sleep(0.2)
    page = client.get("/practice/mini-flow?holds=short&chimes=on&play").text
    assert 'src="/media/mini-flow-short-chimes.mp3?v=' in page and " autoplay>" in page
    assert "http-equiv" not in page


def test_the_feed_carries_covers_transcripts_and_a_podcast_guid(served):
    client, _, _ = served
    finished(client, play(client, holds="medium"))
    answer = client.get("/feed.xml")
    feed = feedparser.parse(answer.text)
    assert not feed.bozo, feed.get("bozo_exception")
    base = str(client.base_url).rstrip("/")
    assert feed.feed.image.href == f"{base}/cover-1400.png"
    assert feed.feed.podcast_guid and len(feed.feed.podcast_guid) == 36
    assert "<itunes:owner><itunes:name>voicekit</itunes:name></itunes:owner>" in answer.text
    entry = next(e for e in feed.entries if e.enclosures[0].href.endswith("/mini-flow-medium.mp3"))
    assert entry.image.href == f"{base}/sessions/mini-flow-medium.mp3/cover-1400.png"
    transcript = next(t for t in answer.text.split("<podcast:transcript ")[1:] if "mini-flow-medium.vtt" in t)
    assert 'type="text/vtt"' in transcript
    vtt = client.get("/media/mini-flow-medium.vtt")
    assert vtt.status_code == 200 and vtt.text.startswith("WEBVTT")
    for url in (feed.feed.image.href, entry.image.href):
        art = client.get(url)
        assert art.headers["content-type"] == "image/png" and art.content[:8] == b"\x89PNG\r\n\x1a\n"
    manifest = client.get("/practice/mini-flow/manifest.webmanifest").json()
    assert manifest["name"] == "Mini flow" and manifest["start_url"] == "/practice/mini-flow"
    assert {i["sizes"] for i in manifest["icons"]} == {"192x192", "512x512"}
    assert client.get(manifest["icons"][0]["src"]).status_code == 200
    assert client.get("/practice/mini-flow/cover-500.png").status_code == 404  # only the sizes drawn


def test_errors_are_in_the_practice_s_language(served):
    client, _, _ = served
    answer = client.post("/practice/lumbar-release-de/play", data={"length": "600"}, headers=ACCEPT_JSON)
    assert answer.status_code == 400
    said = answer.json()["error"]
    assert said.startswith("wähle ") and said.endswith(" Minuten: So lange kann diese Übung dauern"), said
    answer = client.post("/practice/lumbar-release-es/play", data={"bell": "gong"}, headers=ACCEPT_JSON)
    assert answer.json()["error"] == "esta página no ofrece esa opción; vuelve a cargarla y elige de nuevo"


@pytest.mark.slow  # builds of shipped practices, as processes: about 4 s
def test_the_server_prepares_the_shipped_practices_while_idle_and_gives_way_to_a_request(
    shelf_cache, tmp_path, monkeypatch
):
    """With preparing on, it builds the default versions in the background, each a process of its own at
    the lowest priority; a request kills the one under way at once, and it goes on once idle again."""
    from voicekit.sequence.shelf import practice_files
    from voicekit.web.app import make_app
    from voicekit.web.settings import Settings

    stored = {name: path for name, path in practice_files().items() if name in ("desk-break", "neck-and-shoulders")}
    monkeypatch.setattr("voicekit.web.prepare.practice_files", lambda: stored)  # those whose clips are stored
    (tmp_path / "output").mkdir()  # the store holds the shipped practices' clips: each build is quick
    settings = Settings(tmp_path / "output", shelf_cache, FAKE, engines=("fake",), prepare=True, idle_s=0.3)
    app = make_app(settings)
    preparer = site_of(app).preparer
    assert preparer is not None
    with running(app) as url, httpx.Client(base_url=url, timeout=60) as client:
        deadline = time.monotonic() + 120  # at the lowest priority, on a busy machine it may wait a while
        while preparer.process is None:
            assert time.monotonic() < deadline
            time.sleep(0.01)
        process = preparer.process
        assert os.getpriority(os.PRIO_PROCESS, process.pid) == 19
        asked = time.monotonic()
        with ThreadPoolExecutor(1) as pool:  # the page takes what it takes; the build is killed when it comes
            page = pool.submit(client.get, "/")
            assert process.wait(5) == -signal.SIGKILL and time.monotonic() - asked < 3.0  # killed, not finished
            assert page.result().status_code == 200
        while preparer.stopped < 1:
            time.sleep(0.01)
        assert preparer.prepared == []
        while not preparer.prepared:  # idle again: it takes the practice up again, and makes it
            assert time.monotonic() < deadline
            time.sleep(0.05)
        name = preparer.prepared[0]
        assert (settings.output / name).exists() and not list(settings.output.glob(".*.part"))
        count = site_of(app).builder.count
        practice = name.removesuffix("-medium.mp3")
        answer = client.post(f"/practice/{practice}/play", data={"holds": "medium"}, headers=ACCEPT_JSON)
        assert answer.status_code == 200 and answer.json()["built"] is False  # prepared: played at once
        assert site_of(app).builder.count == count


def test_a_request_being_answered_keeps_the_server_from_counting_as_idle():
    """A page that takes seconds to answer (a busy machine) is not idle time: the preparation waits for
    its end, and counts the idle seconds from there."""
    import asyncio
    from types import SimpleNamespace

    from voicekit.web.prepare import Poke, Preparer

    settings, builder = SimpleNamespace(idle_s=0.05), SimpleNamespace(busy=False)
    preparer = Preparer(settings, builder, None)  # type: ignore[arg-type]
    seen: list[bool] = []

    async def slow_page(scope, receive, send):
        await asyncio.sleep(0.2)  # four times the idle time
        seen.append(preparer.idle())

    asyncio.run(Poke(slow_page, preparer)({"type": "http"}, None, None))  # type: ignore[arg-type]
    assert seen == [False] and not preparer.idle()  # still answering, then just answered
    time.sleep(0.06)
    assert preparer.idle()
