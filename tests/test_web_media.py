"""The output folder's files as the server sends them: exact Range answers (the first bytes, a middle
range, the last bytes, several at once, one past the end), validators, content types, 50 requests at
once, and nothing outside the folder."""

from __future__ import annotations

import concurrent.futures

import httpx
import pytest
from helpers import FAKE, MINIMAL, output_and_cache, raw_request, running

from voicekit.web.media import find, ranges


@pytest.fixture(scope="module")
def folder(warm_store, tmp_path_factory):
    """An output folder: a 3-minute MP3 and an M4A that voicekit built, a 20-second MP3, a text file, a hidden file, a
    folder, and a link that leads out of it; and beside it, a file that must never be served."""
    from voicekit.pipeline import build

    out, cache = output_and_cache(tmp_path_factory.mktemp("media"), warm_store)
    tmp = out.parent
    seq = tmp / "s.yaml"
    seq.write_text(MINIMAL.replace("hold: 10s", "hold: 3m"))
    build(seq, FAKE, output=out / "session.mp3", cache_dir=cache)
    build(seq, FAKE, output=out / "session.m4a", cache_dir=cache, companions=False)
    seq.write_text(MINIMAL)
    build(seq, FAKE, output=out / "short.mp3", cache_dir=cache, companions=False)
    (tmp / "secret.mp3").write_bytes(b"not yours")
    (out / "notes.txt").write_text("a note")
    (out / ".hidden.mp3").write_bytes(b"hidden")
    (out / "sub").mkdir()
    (out / "sub" / "inner.mp3").write_bytes(b"inner")
    (out / "away.mp3").symlink_to(tmp / "secret.mp3")
    (out / "inside.mp3").symlink_to(out / "session.mp3")
    return out


@pytest.fixture(scope="module")
def site(folder):
    from voicekit.web.app import make_app
    from voicekit.web.settings import Settings

    with (
        running(make_app(Settings(output=folder, defaults=FAKE))) as url,
        httpx.Client(base_url=url, timeout=30) as client,
    ):
        yield client


@pytest.mark.parametrize(
    ("header", "size", "answer"),
    [
        ("bytes=0-99", 1000, "bytes=0-99"),
        ("bytes=-100", 1000, "bytes=-100"),
        ("bytes=990-", 1000, "bytes=990-"),
        ("BYTES = 0-1", 1000, "bytes=0-1"),
        ("bytes=0-1, 2000-3000", 1000, "bytes=0-1"),  # the unsatisfiable one is dropped
        ("bytes=2000-3000", 1000, "bytes=2000-3000"),  # none satisfiable: answered 416
        ("bytes=-0", 1000, "bytes=-0"),
        ("bytes=0-", 0, "bytes=0-"),  # an empty file has no bytes to give
        ("bytes=5-2", 1000, None),  # ends before it starts: the header is invalid, so ignored
        ("items=0-1", 1000, None),
        ("bytes=", 1000, None),
        ("bytes=,", 1000, None),
        ("bytes=+5-", 1000, None),
        ("bytes=1_0-20", 1000, None),
        ("bytes=0-1;2-3", 1000, None),
    ],
)
def test_a_range_header_is_answered_as_rfc_9110_says(header, size, answer):
    assert ranges(header, size) == answer


def test_only_plain_names_of_files_in_the_folder_are_found(folder):
    assert find(folder, "session.mp3") == (folder / "session.mp3").resolve()
    assert find(folder, "inside.mp3") == (folder / "session.mp3").resolve()  # a link within the folder
    for name in ("away.mp3", ".hidden.mp3", "sub", "notes.txt", "..", ".", "", "sub/inner.mp3", "/etc/passwd"):
        assert find(folder, name) is None, name


def test_the_first_bytes_a_middle_range_and_the_last_bytes(site, folder):
    body = (folder / "session.mp3").read_bytes()
    size = len(body)
    for header, start, end in [
        ("bytes=0-1", 0, 1),
        ("bytes=0-65535", 0, 65535),
        (f"bytes={size // 3}-{size // 2}", size // 3, size // 2),
        ("bytes=-1000", size - 1000, size - 1),
        (f"bytes={size - 10}-", size - 10, size - 1),
        (f"bytes=100-{size * 2}", 100, size - 1),
    ]:
        answer = site.get("/media/session.mp3", headers={"range": header})
        assert answer.status_code == 206, header
        assert answer.headers["content-range"] == f"bytes {start}-{end}/{size}"
        assert answer.headers["content-length"] == str(end - start + 1)
        assert answer.content == body[start : end + 1]


def test_a_range_past_the_end_gets_416_with_the_size(site, folder):
    size = (folder / "session.mp3").stat().st_size
    for header in (f"bytes={size}-", f"bytes={size + 5}-{size + 10}", "bytes=-0"):
        answer = site.get("/media/session.mp3", headers={"range": header})
        assert answer.status_code == 416
        assert answer.headers["content-range"] == f"bytes */{size}"


def test_several_ranges_come_as_multipart_byteranges(site, folder):
    body = (folder / "session.mp3").read_bytes()
    answer = site.get("/media/session.mp3", headers={"range": "bytes=0-9, 100-119"})
    assert answer.status_code == 206
    kind, _, boundary = answer.headers["content-type"].partition("; boundary=")
    assert kind == "multipart/byteranges"
    parts = answer.content.split(b"--" + boundary.encode())
    assert parts[-1] == b"--"
    assert parts[1].endswith(b"\r\n\r\n" + body[0:10] + b"\r\n")
    assert f"Content-Range: bytes 100-119/{len(body)}".encode() in parts[2]
    assert parts[2].endswith(b"\r\n\r\n" + body[100:120] + b"\r\n")


def test_an_invalid_range_header_gets_the_whole_file(site, folder):
    body = (folder / "session.mp3").read_bytes()
    for header in ("bytes=5-2", "lines=1-2", "bytes=x-y"):
        answer = site.get("/media/session.mp3", headers={"range": header})
        assert answer.status_code == 200
        assert answer.content == body


def test_validators_types_and_if_range(site, folder):
    whole = site.get("/media/session.mp3")
    assert whole.status_code == 200
    assert whole.headers["content-type"] == "audio/mpeg"
    assert whole.headers["accept-ranges"] == "bytes"
    assert whole.headers["content-length"] == str((folder / "session.mp3").stat().st_size)
    etag, modified = whole.headers["etag"], whole.headers["last-modified"]
    assert etag.startswith('"') and modified.endswith(" GMT")
    same = site.get("/media/session.mp3", headers={"range": "bytes=0-3", "if-range": etag})
    assert same.status_code == 206
    changed = site.get("/media/session.mp3", headers={"range": "bytes=0-3", "if-range": '"another"'})
    assert changed.status_code == 200 and len(changed.content) == len(whole.content)
    head = site.head("/media/session.mp3", headers={"range": "bytes=0-3"})
    assert head.status_code == 206 and head.content == b""
    m4a = site.get("/media/session.m4a", headers={"range": "bytes=0-7"})
    assert m4a.status_code == 206 and m4a.headers["content-type"] == "audio/mp4"
    assert m4a.content[4:8] == b"ftyp"
    assert site.get("/media/session.md").headers["content-type"] == "text/markdown; charset=utf-8"
    download = site.get("/media/session.mp3?download=1")
    assert download.headers["content-disposition"] == 'attachment; filename="session.mp3"'


@pytest.mark.slow  # 50 clients at once: 2 to 4 s here
def test_fifty_requests_at_once_all_get_the_whole_file(site, folder):
    body = (folder / "short.mp3").read_bytes()

    def fetch(i: int) -> bytes:
        with httpx.Client(base_url=site.base_url, timeout=60) as own:
            return own.get("/media/short.mp3").content

    with concurrent.futures.ThreadPoolExecutor(50) as pool:
        got = list(pool.map(fetch, range(50)))
    assert all(g == body for g in got)


@pytest.mark.parametrize(
    "path",
    [
        "/media/..%2F..%2Fsecret.mp3",
        "/media/%2e%2e%2fsecret.mp3",
        "/media/%2E%2E/secret.mp3",
        "/media/../secret.mp3",
        "/media/..%5Csecret.mp3",
        "/media//etc/passwd",
        "/media/%2Fetc%2Fpasswd",
        "/media/away.mp3",
        "/media/.hidden.mp3",
        "/media/sub",
        "/media/sub/inner.mp3",
        "/media/sub%2Finner.mp3",
        "/media/notes.txt",
        "/media/session.mp3%00.txt",
        "/chapters/..%2Fsecret.mp3.json",
        "/static/..%2F..%2Fpipeline.py",
        "/static/%2e%2e/app.py",
        "/../secret.mp3",
        "/secret.mp3",
        "/output/session.mp3",
    ],
)
def test_nothing_outside_the_output_folder_can_be_reached(site, path):
    status, _, body = raw_request(str(site.base_url), "GET", path)
    assert status == 404, path
    assert b"not yours" not in body and b"<" not in body  # a short answer, never a page or a listing
