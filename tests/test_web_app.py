"""The app over HTTP, served for real on a loopback port (fake engine, warm store): the library and
practice pages, Play with and without the page's script, and every way a request may be refused."""

from __future__ import annotations

import os
import re
from pathlib import Path

import httpx
import pytest
from audio_tools import decode, mp3_seconds
from helpers import ACCEPT_JSON, earlier_build, finished, raw_request, running, site_of, web_settings

from voicekit.pipeline import check, plan_of
from voicekit.places import SHIPPED_DIR
from voicekit.plan.grid import SAMPLE_RATE
from voicekit.plan.options import HOLD_LENGTHS, BuildOptions
from voicekit.web.built import clock
from voicekit.web.guard import Guard
from voicekit.web.settings import Settings
from voicekit.web.site import Site
from voicekit.web.voices import voice_label

pytestmark = pytest.mark.usefixtures("shelf_practice")


@pytest.fixture(scope="module")
def app(shelf_store, tmp_path_factory):
    from voicekit.web.app import make_app

    tmp = tmp_path_factory.mktemp("app")
    settings = web_settings(tmp, shelf_store)
    return make_app(settings), settings


@pytest.fixture(scope="module")
def site(app):
    guarded, settings = app
    with running(guarded) as url, httpx.Client(base_url=url, timeout=60) as client:
        yield client, settings


@pytest.fixture
def server(app: tuple[Guard, Settings]) -> Site:
    """What the server holds (its builder, the one whose builds it counts)."""
    return site_of(app[0])


def play(client: httpx.Client, holds: str = "medium", **form: str) -> httpx.Response:
    return play_practice(client, "mini-flow", holds, **form)


def play_practice(client: httpx.Client, name: str, holds: str = "medium", **form: str) -> httpx.Response:
    return client.post(f"/practice/{name}/play", data={"holds": holds, **form}, headers=ACCEPT_JSON)


def test_the_library_lists_every_practice_with_its_props_and_lengths(site):
    client, _ = site
    page = client.get("/")
    assert page.status_code == 200
    assert page.headers["content-type"].startswith("text/html")
    html = page.text
    assert 'href="/practice/mini-flow"' in html and "Mini flow" in html
    assert "A short practice for the server&#39;s tests." in html
    assert re.search(r"props: <span[^>]*>blanket</span>", html)
    assert re.search(r"1–2 min \(about 2 at medium holds\)", html)
    assert 'href="/practice/lumbar-release"' in html  # the shipped ones too
    assert '<meta name="viewport" content="width=device-width, initial-scale=1">' in html
    assert "<script" not in html  # the library needs none


def cards(html: str) -> list[str]:
    """The practices a library page lists, by name."""
    return re.findall(r'<a class="card-link" href="/practice/([^"]+)">', html)


def test_the_library_lists_the_practices_in_the_browser_s_language_with_links_to_switch(site):
    """In German: the German practices, each with the languages it is also in (links to them), the page's
    own words German; a link per language to switch (the page then speaks it too), and one to all."""
    client, _ = site
    html = client.get("/", headers={"accept-language": "de-AT,de;q=0.9,en;q=0.5"}).text
    listed = cards(html)
    assert "lumbar-release-de" in listed and "lumbar-release" not in listed and "mini-flow" not in listed
    assert all(client.get(f"/practice/{name}").text.count('<html lang="de">') for name in listed[:2])
    assert "<h1>Übungen</h1>" in html and "Auch auf: " in html
    assert re.search(r'Auch auf: <a href="/practice/lumbar-release" lang="en" hreflang="en">English</a> · ', html)
    assert '<a href="/?language=fr" lang="fr" hreflang="fr">Français</a>' in html
    assert '<a href="/?language=de" lang="de" hreflang="de" aria-current="page">Deutsch</a>' in html
    french = client.get("/?language=fr", headers={"accept-language": "de"}).text
    assert "lumbar-release-fr" in cards(french) and "Aussi en" in french and '<html lang="fr">' in french
    english = cards(client.get("/").text)
    assert "lumbar-release" in english and "mini-flow" in english and "lumbar-release-de" not in english
    every = cards(client.get("/?language=all").text)
    assert {"lumbar-release", "lumbar-release-de", "lumbar-release-pt", "mini-flow"} <= set(every)
    assert set(english) < set(every) and len(every) > 6 * len(english)  # every practice in seven languages
    portuguese = client.get("/", headers={"accept-language": "pt-BR"}).text
    assert "lumbar-release-pt" in cards(portuguese) and re.search(r'<a href="/\?language=all">Mais \d+ em', portuguese)


def test_the_practice_page_offers_the_versions_and_shows_the_cue_sheet(site, shelf_practice):
    client, settings = site
    html = client.get("/practice/mini-flow?holds=short").text
    assert re.search(r'value="short" checked', html)
    assert '<option value="fake:high">Test tone: Fake high tone</option>' in html
    assert """<option value="" selected>Test tone: Fake low tone (the practice&#39;s voice)</option>""" in html
    assert html.count("Fake low tone") == 1  # the practice's own voice, named once
    # Minutes would read 1, 2 and 2: the page shows the lengths to the second instead.
    planned = [check(shelf_practice, BuildOptions(holds=h), settings.cache_dir) for h in HOLD_LENGTHS]
    lengths = [clock(plan_of(practice, settings.cache_dir).total) for practice in planned]
    assert len(set(lengths)) == 3
    assert re.findall(r"<small>([\d:]+)</small>", html) == lengths
    steps = ["Lie on your back.", "Hug your knees.", "Lower your knees to the right.", "Lower your knees to the left."]
    assert all(f"<li>{step}</li>" in html for step in steps)
    titles = re.findall(r"<time>[\d:]+</time> <span>([^<]+)</span></a>", html)
    assert titles == ["Introduction", "Knees to chest", "Twist (right)", "Twist (left)", "Closing"]


def test_play_builds_the_version_and_answers_with_its_file_and_chapters(site):
    from mutagen.id3 import ID3

    client, settings = site
    built = finished(client, play(client, "long"))
    path = settings.output / "mini-flow-long.mp3"
    assert built["file"] == path.name
    assert built["duration"] == pytest.approx(len(decode(path)) / SAMPLE_RATE, abs=0.05)
    marks = sorted(ID3(path).getall("CHAP"), key=lambda c: c.start_time)
    assert [(c["title"], c["start"]) for c in built["chapters"]] == [
        (str(m.sub_frames["TIT2"]), m.start_time / 1000) for m in marks
    ]
    assert client.get(built["audio"]).content == path.read_bytes()
    assert path.with_suffix(".md").exists()  # with its cue sheet
    short = finished(client, play(client, "short"))
    assert short["duration"] < built["duration"] - 5
    assert built["page"] == "/practice/mini-flow?holds=long"


def test_a_length_in_minutes_fits_the_holds_to_it(site):

    client, settings = site
    answer = play(client, "medium", length="3")
    finished(client, answer)
    path = settings.output / "mini-flow-3min.mp3"
    assert abs(mp3_seconds(path) - 180) <= 1.0
    assert abs(len(decode(path)) / SAMPLE_RATE - 180) <= 1.0
    assert answer.json()["page"] == "/practice/mini-flow?length=3"  # built or under way, the page to go to
    html = client.get("/practice/mini-flow?length=3").text
    assert 'name="length" min="1" max="720" step="1" inputmode="numeric" value="3"' in html
    assert not re.search(r'name="holds" value="\w+" checked', html)  # a length sets every hold: none chosen
    assert play(client, "medium", length="").status_code in (200, 202)  # the box left empty: the holds as chosen


def test_a_guidance_chosen_builds_its_own_version_with_holds_left_silent(site):
    client, settings = site
    html = client.get("/practice/mini-flow").text
    assert re.search(r'name="guidance" value="guided" checked', html)  # the practice's own, until chosen
    assert "Quiet: the holds in silence." in html
    answer = play(client, "medium", guidance="quiet")
    made = finished(client, answer)
    assert made["file"] == "mini-flow-medium-quiet.mp3"
    assert answer.json()["page"] == "/practice/mini-flow?holds=medium&guidance=quiet"
    sheet = (settings.output / "mini-flow-medium-quiet.lrc").read_text()
    assert "Lie on your back." in sheet and "Breathe into your back." not in sheet  # a reminder: not said
    assert re.search(r'name="guidance" value="quiet" checked', client.get(answer.json()["page"]).text)
    assert play(client, "medium", guidance="loud").status_code == 400
    own = play(client, "medium", guidance="guided")  # the practice's own: no choice, the default version
    assert own.json()["page"] == "/practice/mini-flow?holds=medium"


def test_play_without_the_script_builds_and_returns_to_the_page_with_the_player(site):
    client, settings = site
    answer = client.post("/practice/mini-flow/play", data={"holds": "medium", "voice": "fake:high"})
    assert answer.status_code == 303
    assert answer.headers["location"] == "/practice/mini-flow?holds=medium&voice=fake%3Ahigh&play"
    html = client.get(answer.headers["location"]).text
    assert re.search(
        r'<audio id="player" controls preload="metadata" src="/media/mini-flow-medium-fake-high\.mp3\?v=', html
    )
    assert (settings.output / "mini-flow-medium-fake-high.mp3").exists()
    assert "selected>Test tone: Fake high tone" in html


@pytest.mark.parametrize(
    ("form", "reason"),
    [
        ({"holds": "forever"}, "holds must be one of short, medium, long, not 'forever'"),
        ({"holds": "long", "voice": "/etc/passwd"}, "is not one of the voices offered; choose one from the menu"),
        ({"holds": "long", "voice": "piper:../../model.onnx"}, "is not one of the voices offered"),
        ({"holds": "long", "output": "/tmp/x.mp3"}, "unknown choice 'output'"),
        ({"holds": "long", "scale": "20"}, "unknown choice 'scale'"),
        ({"holds": "long", "length": "ten"}, "length must be a whole number of minutes from 1 to 720"),
        ({"holds": "long", "length": "-3"}, "length must be a whole number of minutes"),
        ({"holds": "long", "length": "600"}, "minutes: that is how long this practice can be made to last"),
    ],
)
def test_a_bad_choice_gets_400_with_the_reason(site, form, reason):
    client, settings = site
    before = sorted(os.listdir(settings.output))
    answer = client.post("/practice/mini-flow/play", data=form, headers=ACCEPT_JSON)
    assert answer.status_code == 400
    assert reason in answer.json()["error"]
    assert client.get("/practice/mini-flow", params=form).status_code == 400
    assert sorted(os.listdir(settings.output)) == before


def test_a_length_the_practice_cannot_last_names_the_minutes_it_can(site):
    client, _ = site
    answer = client.get("/practice/mini-flow", params={"length": "600"})
    words = r"choose (\d+) to (\d+) minutes: that is how long this practice can be made to last\n"
    found = re.fullmatch(words, answer.text)
    assert answer.status_code == 400 and found, answer.text
    low, high = int(found[1]), int(found[2])
    assert 1 <= low < high < 600
    for length, status in ((low, 200), (high, 200), (high + 1, 400), (low - 1, 400)):
        assert client.get("/practice/mini-flow", params={"length": str(length)}).status_code == status, length


def test_a_form_that_is_not_the_pages_own_gets_400(site):
    client, _ = site
    url = "/practice/mini-flow/play"
    assert "given twice" in client.post(url, content="holds=long&holds=short", headers=_form()).text
    assert "too long" in client.post(url, content="holds=" + "x" * 5000, headers=_form()).text
    assert client.post(url, json={"holds": "long"}).status_code == 400
    assert client.post(url, content="a=1&b=2&c=3&d=4", headers=_form()).status_code == 400


def _form() -> dict[str, str]:
    return {"content-type": "application/x-www-form-urlencoded"}


@pytest.mark.parametrize(
    "name",
    ["nope", "%2e%2e", "..%2Fsequences%2Flumbar-release", "lumbar-release.yaml", "%2Fetc%2Fpasswd", "mini-flow%00"],
)
def test_only_practices_on_the_shelf_can_be_opened(site, name):
    client, _ = site
    base = str(client.base_url)
    assert raw_request(base, "GET", f"/practice/{name}")[0] == 404
    form = {**_form(), "content-length": "10"}
    assert raw_request(base, "POST", f"/practice/{name}/play", form)[0] == 404


def test_a_file_the_user_wrote_is_never_overwritten(site):
    client, settings = site
    mine = settings.output / "mini-flow-short.mp3"
    mine.write_bytes(b"my own recording")
    try:
        answer = play(client, "short")
        assert answer.status_code == 409
        assert "was not made by voicekit" in answer.json()["error"]
        assert mine.read_bytes() == b"my own recording"
    finally:
        mine.unlink()


def test_a_link_in_the_output_folder_that_leads_out_is_not_followed(site, tmp_path):
    client, settings = site
    outside = tmp_path / "elsewhere.mp3"
    before = earlier_build(outside)  # a file voicekit made, which a build would otherwise replace
    link = settings.output / "mini-flow-long-fake-high.mp3"
    link.symlink_to(outside)
    try:
        answer = play(client, "long", voice="fake:high")
        assert answer.status_code == 409
        assert "leads out of it" in answer.json()["error"]
        assert outside.read_bytes() == before
    finally:
        link.unlink()


def test_requests_for_one_version_share_one_build(site, server):
    """Five requests at once for the same new version: all get the same file, built once."""
    import concurrent.futures

    client, _ = site
    before = server.builder.count
    with concurrent.futures.ThreadPoolExecutor(5) as pool:
        answers = list(pool.map(lambda _: play(client, "short", voice="fake:high"), range(5)))
    assert {a.status_code for a in answers} <= {200, 202}
    made = [finished(client, a) for a in answers]
    assert len({m["audio"] for m in made}) == 1
    # one build's own time, reported to all that waited for it (one that came after it ended finds the file)
    assert len({m["seconds"] for m in made if m["built"]}) == 1 and any(m["built"] for m in made)
    assert server.builder.count == before + 1


def test_writes_come_only_from_the_servers_own_pages(site):
    client, _ = site
    for headers in ({"origin": "http://evil.example"}, {"sec-fetch-site": "cross-site"}):
        answer = client.post("/practice/mini-flow/play", data={"holds": "long"}, headers=headers)
        assert answer.status_code == 403
    same = {"origin": str(client.base_url).rstrip("/"), "sec-fetch-site": "same-origin", **ACCEPT_JSON}
    assert client.post("/practice/mini-flow/play", data={"holds": "long"}, headers=same).status_code in (200, 202)


def test_other_methods_and_listings_are_refused(site):
    client, _ = site
    assert client.delete("/media/mini-flow-long.mp3").status_code == 405
    assert client.put("/practice/mini-flow/play").status_code in (403, 405)
    for path in ("/media/", "/media", "/static/", "/chapters/", "/practice/"):
        answer = client.get(path)
        assert answer.status_code == 404 and "<" not in answer.text


def test_what_a_practice_says_is_shown_as_text_never_as_markup(site, tmp_path, monkeypatch):
    """The loader already drops well-formed tags from texts; what is left (a lone '<', '&', quotes) is
    escaped on every page."""
    from helpers import SHELF_PRACTICE

    client, _ = site
    (tmp_path / "practices").mkdir()
    odd = SHELF_PRACTICE.replace("title: Mini flow", """title: 'Knees < hips & "more" <b onclick=x'""")
    (tmp_path / "practices" / "odd.yaml").write_text(odd)
    monkeypatch.setenv("VOICEKIT_CONFIG_DIR", str(tmp_path))
    for html in (client.get("/").text, client.get("/practice/odd").text):
        assert "Knees &lt; hips &amp; &#34;more&#34; &lt;b onclick=x" in html
        assert "<b onclick" not in html


def test_one_bad_file_among_the_practices_is_one_card_saying_why(site, tmp_path, monkeypatch):
    from helpers import BAD_FILES, SHELF_PRACTICE

    client, _ = site
    (tmp_path / "practices").mkdir()
    (tmp_path / "practices" / "mini-flow.yaml").write_text(SHELF_PRACTICE)
    for kind, data in BAD_FILES.items():
        (tmp_path / "practices" / f"{kind}.yaml").write_bytes(data)
    monkeypatch.setenv("VOICEKIT_CONFIG_DIR", str(tmp_path))
    page = client.get("/")
    assert page.status_code == 200, page.text
    cards = re.findall(r'<span class="card-title">([^<]+)</span>\s*<p class="problem">Cannot be read: ', page.text)
    assert sorted(cards) == sorted(BAD_FILES)
    assert 'href="/practice/mini-flow"' in page.text and 'href="/practice/lumbar-release"' in page.text


def test_a_practice_in_another_language_shows_its_cue_sheet_in_that_language(site):
    client, _ = site
    html = client.get("/practice/lumbar-release-de").text
    assert '<html lang="de">' in html
    assert "<h3>Hilfsmittel</h3>" in html and "Haltedauer" in html and "<h2>Kapitel <small" in html
    assert "Hold " not in html and "Reminders" not in html


# The menu's "Default" names the voice a version gets when none is chosen: the practice's own (here its
# language's), not what the server's defaults alone would give.
def test_the_default_voice_named_is_the_one_the_practice_speaks_with(shelf_store, tmp_path):
    from voicekit.pipeline import check
    from voicekit.plan.options import BuildOptions
    from voicekit.web.app import make_app
    from voicekit.web.settings import Settings

    out, cache = tmp_path / "out", tmp_path / "cache"
    out.mkdir()
    settings = Settings(output=out, cache_dir=cache, defaults=BuildOptions(), engines=("fake",))
    german = check("lumbar-release-de", BuildOptions(), cache).voice
    english = check("lumbar-release", BuildOptions(), cache).voice
    assert german.id != english.id
    with running(make_app(settings)) as url, httpx.Client(base_url=url, timeout=60) as client:
        for query in ("", "?voice=fake:low"):  # also when another voice is chosen for this version
            html = client.get(f"/practice/lumbar-release-de{query}").text
            assert re.search(f'<option value=""( selected)?>{voice_label(german)} \\(die Stimme der Übung\\)', html)
        html = client.get("/practice/lumbar-release").text
        assert f'<option value="" selected>{voice_label(english)} (the practice&#39;s voice)</option>' in html


FLAG = re.compile(r"(?<![\w-])--?[a-z]|`voicekit")


def test_no_answer_names_a_server_folder_or_a_flag(site, tmp_path, monkeypatch):
    """Every way a request can fail, on a phone: words it can act on, never a path of the server or an
    option of the command line (the library's messages name both)."""
    from helpers import SHELF_PRACTICE

    client, settings = site
    config = tmp_path / "config"
    (config / "practices").mkdir(parents=True)
    (config / "practices" / "mini-flow.yaml").write_text(SHELF_PRACTICE)
    broken = "title: Broken\nposes:\n  - name: X\n    setup: Sit.\n    hold: 5 parsecs\n"
    (config / "practices" / "broken.yaml").write_text(broken)
    monkeypatch.setenv("VOICEKIT_CONFIG_DIR", str(config))
    folder = settings.output / "mini-flow-2min.md"  # a companion the build cannot replace
    folder.mkdir()
    mine = settings.output / "mini-flow-short.mp3"
    mine.write_bytes(b"my own recording")
    try:
        answers = {
            "length": play(client, "long", length="600"),
            "holds": play(client, "forever"),
            "voice": play(client, "long", voice="nobody:nothing"),
            "unknown practice": client.get("/practice/nope"),
            "unreadable practice": client.get("/practice/broken"),
            "unreadable practice, Play": play_practice(client, "broken"),
            "file in the way": play(client, "short"),
            "folder in the way": play(client, "medium", length="2"),
        }
        library = client.get("/").text
    finally:
        folder.rmdir()
        mine.unlink()
    expected = {
        "length": 400,
        "holds": 400,
        "voice": 400,
        "unknown practice": 404,
        "unreadable practice": 500,
        "unreadable practice, Play": 500,
        "file in the way": 409,
        "folder in the way": 409,
    }
    assert {why: a.status_code for why, a in answers.items()} == expected
    shown = {why: a.text for why, a in answers.items()}
    assert "broken.yaml:5:" in shown["unreadable practice"] and "5 parsecs" in shown["unreadable practice"]
    assert "mini-flow-short.mp3 exists and was not made by voicekit" in shown["file in the way"]
    assert "mini-flow-2min.md is a folder" in shown["folder in the way"]
    assert "broken.yaml:5:" in library
    server = [settings.output, settings.cache_dir, config, SHIPPED_DIR, Path.home()]
    for text in [*shown.values(), library]:
        assert not any(str(folder) in text for folder in server), text
        assert not FLAG.search(text.replace("<!doctype", "")), text


def test_the_library_opens_a_built_session_on_its_practice_page_with_that_version(site):
    client, _ = site
    finished(client, play(client, "long", bell="double"))  # a version no other test builds: the newest
    html = client.get("/").text
    recent = html[html.index("<h1>Built lately</h1>") : html.index("<h1>Practices</h1>")]
    assert 'href="/practice/mini-flow?holds=long&amp;bell=double"' in recent
    assert "/media/" not in recent  # never the bare file
    page = client.get("/practice/mini-flow?holds=long&bell=double").text
    assert '<audio id="player" controls preload="metadata" src="/media/mini-flow-long-bell-double.mp3?v=' in page


def test_a_practice_whose_language_has_no_natural_voice_says_which_to_download(site):
    client, _ = site
    html = client.get("/practice/lumbar-release-de").text
    assert "Eine natürliche Stimme für Deutsch" in html
    assert "<code>voicekit voices --download de_DE-thorsten-medium</code>" in html
    assert "voices --download" not in client.get("/practice/lumbar-release").text  # English: Piper's own
