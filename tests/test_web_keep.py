"""What clients can make the server keep: the versions built on demand within a size, the least
recently played removed first, and never a file the server did not build."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from helpers import ACCEPT_JSON

from voicekit.errors import OptionsError
from voicekit.web.keep import LEDGER, Kept, parse_size


class Clock:
    def __init__(self) -> None:
        self.now = 1_000_000.0

    def __call__(self) -> float:
        return self.now

    def tick(self, seconds: float = 120) -> None:
        self.now += seconds


def version(folder: Path, name: str, size: int) -> tuple[Path, tuple[Path, ...]]:
    """An audio file of ``size`` bytes and its cue sheet of 100, as a build leaves them."""
    audio, sheet = folder / f"{name}.mp3", folder / f"{name}.md"
    audio.write_bytes(b"a" * size)
    sheet.write_bytes(b"m" * 100)
    return audio, (sheet,)


def names(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if p.name != LEDGER)


def test_past_the_limit_the_least_recently_played_versions_go_first(tmp_path):
    clock = Clock()
    kept = Kept(tmp_path, limit=3_500, clock=clock)
    for name in ("a", "b", "c"):
        assert kept.built(*version(tmp_path, name, 1_000)) == []
        clock.tick()
    kept.played("a.mp3")  # a is now the most recently played; b the least
    clock.tick()
    assert kept.size() == 3_300
    assert kept.built(*version(tmp_path, "d", 1_000)) == ["b.mp3", "b.md"]
    assert names(tmp_path) == ["a.md", "a.mp3", "c.md", "c.mp3", "d.md", "d.mp3"]
    assert kept.size() == 3_300 <= kept.limit
    clock.tick()
    assert kept.built(*version(tmp_path, "e", 3_000)) == ["c.mp3", "c.md", "a.mp3", "a.md", "d.mp3", "d.md"]
    assert names(tmp_path) == ["e.md", "e.mp3"]  # the one just built stays, even alone over the limit


def test_a_file_the_server_did_not_build_is_never_removed_nor_counted(tmp_path):
    clock = Clock()
    mine = version(tmp_path, "mine", 50_000)  # built with `voicekit build`: not in the ledger
    kept = Kept(tmp_path, limit=2_500, clock=clock)
    kept.built(*version(tmp_path, "a", 1_000))
    clock.tick()
    b = version(tmp_path, "b", 1_000)
    kept.built(*b)
    clock.tick()
    b[0].write_bytes(b"rebuilt from the command line")  # no longer as the server built it
    assert kept.built(*version(tmp_path, "c", 1_300)) == ["a.mp3", "a.md"]  # b.mp3 counts no more
    assert kept.size() == 100 + 1_400
    assert names(tmp_path) == ["b.md", "b.mp3", "c.md", "c.mp3", "mine.md", "mine.mp3"]
    assert b[0].read_bytes() == b"rebuilt from the command line" and mine[0].stat().st_size == 50_000
    assert kept.theirs(mine[0]) and kept.theirs(b[0])
    assert not kept.theirs(tmp_path / "c.mp3") and not kept.theirs(tmp_path / "new.mp3")


def test_the_ledger_outlives_the_server_and_a_file_of_that_name_not_its_own_is_kept(tmp_path):
    clock = Clock()
    Kept(tmp_path, limit=10_000, clock=clock).built(*version(tmp_path, "a", 1_000))
    again = Kept(tmp_path, limit=1_000, clock=clock)  # a new run with a smaller limit
    clock.tick()
    assert again.built(*version(tmp_path, "b", 500)) == ["a.mp3", "a.md"]

    other = tmp_path / "other"
    other.mkdir()
    (other / LEDGER).write_text('{"versions": {"x.mp3": "mine"}}')
    (other / "x.mp3").write_bytes(b"x")
    kept = Kept(other, limit=0, clock=clock)
    kept.built(*version(other, "a", 10))
    assert (other / LEDGER).read_text() == '{"versions": {"x.mp3": "mine"}}'
    assert (other / "x.mp3").exists()
    assert json.loads((tmp_path / LEDGER).read_text())["versions"].keys() == {"b.mp3"}


@pytest.mark.parametrize(("text", "size"), [("2GB", 2 * 10**9), ("500mb", 500 * 10**6), ("1.5G", 15 * 10**8), ("0", 0)])
def test_a_size_is_read_in_bytes(text, size):
    assert parse_size(text) == size


@pytest.mark.parametrize("text", ["", "lots", "-1GB", "2 GiB", "1e9"])
def test_a_size_that_is_not_one_is_refused(text):
    with pytest.raises(OptionsError, match=r"--keep .*: write a size such as 500MB or 2GB"):
        parse_size(text)


def test_serve_refuses_a_keep_that_is_not_a_size(run_cli, tmp_path):
    from helpers import assert_one_line_error

    ran = run_cli("serve", "--port", "0", "--output-dir", tmp_path, "--keep", "lots")
    assert_one_line_error(ran, "--keep 'lots': write a size such as 500MB or 2GB")


@pytest.mark.usefixtures("shelf_practice")
def test_the_server_keeps_what_clients_ask_for_within_its_limit(shelf_store, shelf_config, tmp_path):
    """Served for real, with room for one version: each Play leaves the version it built and removes
    the others it built; the files built from the command line stay, even one the server built again."""
    import httpx
    from helpers import FAKE, finished, running, web_settings

    from voicekit.pipeline import build
    from voicekit.web.app import make_app

    settings = web_settings(tmp_path, shelf_store, keep=1)
    out = settings.output
    source = shelf_config / "practices" / "mini-flow.yaml"
    build(source, FAKE, output=out / "mini-flow-long.mp3", cache_dir=settings.cache_dir)  # the user's
    build(source, FAKE, output=out / "mine.mp3", cache_dir=settings.cache_dir)
    mine = (out / "mine.mp3").read_bytes()
    with running(make_app(settings)) as url, httpx.Client(base_url=url, timeout=60) as client:
        for form in ({"length": "1"}, {"length": "2"}, {"holds": "long"}, {"length": "3"}):
            answer = client.post("/practice/mini-flow/play", data=form, headers=ACCEPT_JSON)
            assert client.get(finished(client, answer)["audio"]).status_code == 200
    assert names(out) == sorted(
        f"{stem}.{suffix}"
        for stem in ("mini-flow-3min", "mini-flow-long", "mine")
        for suffix in ("json", "lrc", "md", "mp3", "vtt")
    )
    assert (out / "mine.mp3").read_bytes() == mine
