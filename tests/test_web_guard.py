"""What every request passes first: with a token (``--lan``), only URLs that start with it reach
anything; only the host names the server answers to; the headers that keep the token in the page."""

from __future__ import annotations

import re

import httpx
import pytest
from helpers import FAKE, MINIMAL, output_and_cache, raw_request, running

TOKEN = "k3y-Of_the-Day0123456789"


@pytest.fixture(scope="module")
def site(warm_store, tmp_path_factory):
    """A server with a token and a LAN address among its host names, and one built session."""
    from voicekit.pipeline import build
    from voicekit.web.app import make_app
    from voicekit.web.settings import LOOPBACK, Settings

    tmp = tmp_path_factory.mktemp("guard")
    out, cache = output_and_cache(tmp, warm_store)
    (tmp / "s.yaml").write_text(MINIMAL)
    build(tmp / "s.yaml", FAKE, output=out / "s.mp3", cache_dir=cache)
    settings = Settings(output=out, cache_dir=cache, defaults=FAKE, token=TOKEN, hosts=(*LOOPBACK, "10.1.2.3"))
    with running(make_app(settings)) as url:
        yield url


@pytest.mark.parametrize(
    "path",
    [
        "/",
        "/feed.xml",
        "/media/s.mp3",
        "/static/style.css",
        "/practice/lumbar-release",
        f"/{TOKEN[:-1]}/",
        f"/{TOKEN}x/",
        f"/{TOKEN.upper()}/",
        f"/x{TOKEN}/feed.xml",
        f"/feed.xml/{TOKEN}/",
        f"/%2F{TOKEN}/feed.xml",
        f"/media/{TOKEN}/s.mp3",
    ],
)
def test_a_url_without_the_token_gets_404_never_a_page(site, path):
    status, _, body = raw_request(site, "GET", path)
    assert status == 404
    assert body == b"Not Found"
    assert TOKEN.encode() not in body


def test_the_token_opens_every_page_and_every_url_in_them_carries_it(site):
    with httpx.Client(base_url=site, timeout=30) as client:
        assert client.get(f"/{TOKEN}").headers["location"] == f"/{TOKEN}/"
        page = client.get(f"/{TOKEN}/")
        assert page.status_code == 200
        links = [part.split('"')[0] for part in page.text.split('href="')[1:]]
        assert links and all(link.startswith(f"/{TOKEN}/") or link.startswith("data:") for link in links), links
        feed = client.get(f"/{TOKEN}/feed.xml").text
        assert f'url="{site}/{TOKEN}/media/s.mp3"' in feed
        assert f'url="{site}/{TOKEN}/chapters/s.mp3.json"' in feed
        assert client.get(f"/{TOKEN}/media/s.mp3", headers={"range": "bytes=0-1"}).status_code == 206
        assert client.get(f"/{TOKEN}/static/player.js").status_code == 200
        assert client.get(f"/{TOKEN}/media/..%2Fs.yaml").status_code == 404


def test_only_the_servers_own_host_names_are_answered(site):
    """A page another site points at this machine by a name of its own (DNS rebinding) gets nothing."""
    for host in ("evil.example", "evil.example:80", "127.0.0.1.evil.example", "localhost.", ""):
        status, _, body = raw_request(site, "GET", f"/{TOKEN}/feed.xml", {"host": host})
        assert status == 400 and b"<" not in body, host
    for host in ("127.0.0.1:9", "localhost", "10.1.2.3:8765", "[::1]:8765", "LOCALHOST:1"):
        assert raw_request(site, "GET", f"/{TOKEN}/feed.xml", {"host": host})[0] == 200, host


@pytest.mark.parametrize(
    "host",
    [
        "127.0.0.1:43339@evil.example",
        "127.0.0.1:80/evil.example",
        "127.0.0.1:80:81",
        "127.0.0.1:x",
        "127.0.0.1:",
        "127.0.0.1:99999",
        "[::1]evil.example",
        "localhost:80 evil.example",
        "user@127.0.0.1",
    ],
)
def test_a_host_is_one_of_the_servers_names_with_at_most_a_port(site, host):
    """The Host is what the feed's enclosure and chapters URLs are made of: only an allowed name with
    an optional numeric port gets an answer, so no other host can get into them."""
    status, _, body = raw_request(site, "GET", f"/{TOKEN}/feed.xml", {"host": host})
    assert (status, body) == (400, b"unknown host")


def test_two_host_headers_are_refused(site):
    """The guard and the feed must read the same Host: with two, a request could pass with one and
    put the other in the URLs (h11 refuses them itself; the guard would too)."""
    import http.client
    from urllib.parse import urlsplit

    where = urlsplit(site)
    conn = http.client.HTTPConnection(where.hostname, where.port, timeout=30)
    try:
        conn.putrequest("GET", f"/{TOKEN}/feed.xml", skip_host=True)
        conn.putheader("Host", "evil.example")
        conn.putheader("Host", "127.0.0.1")
        conn.endheaders()
        answer = conn.getresponse()
        assert answer.status == 400 and b"evil" not in answer.read()
    finally:
        conn.close()


def test_the_feeds_urls_are_made_of_the_host_the_request_named(site):
    status, _, body = raw_request(site, "GET", f"/{TOKEN}/feed.xml", {"host": "10.1.2.3:8765"})
    urls = re.findall(rb'(?:url|href)="([^"]+)"', body)
    assert status == 200 and urls
    assert all(url.startswith(f"http://10.1.2.3:8765/{TOKEN}/".encode()) for url in urls if b"://" in url), urls


def test_every_answer_keeps_the_token_and_the_page_to_itself(site):
    with httpx.Client(base_url=site, timeout=30) as client:
        for path in (f"/{TOKEN}/", f"/{TOKEN}/media/s.mp3", "/nothing"):
            headers = client.get(path).headers
            assert headers["referrer-policy"] == "same-origin"
            assert headers["x-content-type-options"] == "nosniff"
            assert "script-src 'self'" in headers["content-security-policy"]
            assert "frame-ancestors 'none'" in headers["content-security-policy"]
