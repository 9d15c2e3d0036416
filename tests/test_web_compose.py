"""The library page's "Make me a practice" over HTTP (the real server on a loopback port, fake engine):
the form's values checked as a hostile client may send them, the practice composed into the user's
practices folder and never over a file, its page and its plan, and a request the library cannot meet
said in the page's language, with nothing written."""

from __future__ import annotations

import html
import re
from datetime import date
from pathlib import Path
from urllib.parse import urlencode

import httpx
import pytest
from helpers import running, web_settings

from voicekit.language.page import words
from voicekit.sequence.loader import load_sequence

FORM = {"length": "10", "focus": "hips", "level": "gentle", "where": "anywhere"}


@pytest.fixture(autouse=True)
def one_day(compose_day: date) -> date:
    return compose_day


@pytest.fixture(scope="module")
def app(shelf_store, tmp_path_factory):
    from voicekit.web.app import make_app

    return make_app(web_settings(tmp_path_factory.mktemp("compose"), shelf_store))


@pytest.fixture
def client(app, config_dir):
    """A client of the server, whose user practices folder is the test's own (``config_dir``)."""
    with running(app) as url, httpx.Client(base_url=url, timeout=60) as c:
        yield c


def post(client: httpx.Client, form: dict | list, language: str = "en") -> httpx.Response:
    """The form as a browser sends it (a field ticked twice, twice), in a phone's ``language``."""
    body = urlencode(form, doseq=True)
    headers = {"content-type": "application/x-www-form-urlencoded", "accept-language": language}
    return client.post("/compose", content=body, headers=headers, follow_redirects=False)


def practices(config_dir: Path) -> list[str]:
    folder = config_dir / "practices"
    return sorted(p.name for p in folder.iterdir()) if folder.exists() else []


def test_the_library_offers_the_form_with_labels_in_its_language(client):
    html = client.get("/", headers={"accept-language": "de"}).text
    assert '<form method="post" action="/compose">' in html
    assert "Stell mir eine Praxis zusammen" in html and "Unterer Rücken" in html and "Schwangerschaft" in html
    assert html.count("<fieldset>") == html.count("<legend>") >= 6
    for name in ("length", "focus", "level", "where", "props", "avoid"):  # every box and button in its label
        assert re.search(rf'<label><input type="(radio|checkbox)" name="{name}"', html), name
    assert re.search(
        r'<label class="length">oder eine andere Dauer\s*<input type="number" name="minutes" min="5" max="90"', html
    )


@pytest.mark.parametrize(
    ("form", "said"),
    [
        ({**FORM, "length": "3"}, "length must be a whole number of minutes from 5 to 90, not '3'"),
        ({**FORM, "length": "91"}, "length must be a whole number of minutes from 5 to 90, not '91'"),
        ({**FORM, "minutes": "1e3"}, "length must be a whole number of minutes from 5 to 90, not '1e3'"),
        ({**FORM, "focus": "elbows"}, "focus must be one of lower-back, hips,"),
        ({**FORM, "props": "../../etc/passwd"}, "props must be one of bolster, blanket,"),
        ({**FORM, "level": "extreme"}, "level must be one of gentle, moderate, strong, not 'extreme'"),
        ({**FORM, "where": "roof"}, "where must be one of anywhere, no-floor, lying, not 'roof'"),
        ({**FORM, "path": "/tmp/x.yaml"}, "unknown choice 'path'; the choices are"),
        ({**FORM, "seed": "7"}, "unknown choice 'seed'"),
        ([*FORM.items(), ("level", "strong")], "level is given twice"),
        ([*FORM.items(), ("focus", "hips")], "focus hips is given twice"),
        ({**FORM, "avoid": "x" * 300}, "avoid is too long"),
    ],
)
def test_a_bad_value_is_refused_with_a_plain_line_and_nothing_composed(client, config_dir, form, said):
    answer = post(client, form)
    assert answer.status_code == 400, answer.text
    assert answer.headers["content-type"].startswith("text/plain")
    assert said in answer.text and answer.text.count("\n") == 1, answer.text
    assert str(config_dir) not in answer.text and "--" not in answer.text
    assert practices(config_dir) == []


def test_a_bad_length_in_another_language_is_said_in_it(client, config_dir):
    answer = post(client, {**FORM, "minutes": "200"}, "fr")
    assert answer.status_code == 400
    assert answer.text == words("fr")("error.bad_minutes", least=5, most=90) + "\n"


def test_a_practice_is_composed_into_the_practices_folder_and_a_second_never_over_it(client, config_dir):
    first = post(client, FORM)
    assert first.status_code == 303 and first.headers["location"] == "/practice/composed-10m-hips"
    written = (config_dir / "practices" / "composed-10m-hips.yaml").read_bytes()
    assert written.startswith(b"# voicekit compose --length 10m --focus hips --level gentle --props none --seed ")
    second = post(client, FORM)
    assert second.headers["location"] == "/practice/composed-10m-hips-2"
    assert practices(config_dir) == ["composed-10m-hips-2.yaml", "composed-10m-hips.yaml"]
    assert (config_dir / "practices" / "composed-10m-hips.yaml").read_bytes() == written
    page = client.get(first.headers["location"])  # its page, with its cue sheet, as every practice's
    assert page.status_code == 200 and "Hips, 10 minutes" in page.text and "Cue sheet" in page.text
    library = client.get("/").text  # on the library, with its plan: the poses it chose, in order
    card = library[library.index('href="/practice/composed-10m-hips"') :]
    plan = re.search(r'<details class="plan"><summary>Its poses</summary>\s*<ol[^>]*>(.*?)</ol>', card)
    assert plan is not None
    names = re.findall(r"<li>(.*?)</li>", plan[1])
    written_poses = load_sequence(config_dir / "practices" / "composed-10m-hips.yaml").poses
    assert names == [html.escape(p.name) for p in written_poses] and len(names) >= 3


def test_the_box_s_minutes_win_over_the_button_and_a_lying_practice_lies(client, config_dir):
    form = {"length": "45", "minutes": "12", "focus": "rest", "where": "lying", "props": "blanket"}
    answer = post(client, form)
    assert answer.headers["location"] == "/practice/composed-12m-rest"
    text = (config_dir / "practices" / "composed-12m-rest.yaml").read_text()
    assert text.startswith("# voicekit compose --length 12m --focus rest --level moderate --props blanket --lying")


@pytest.mark.parametrize("language", ["en", "de", "pt-BR"])
def test_a_request_that_cannot_be_met_says_why_in_the_page_s_language(client, config_dir, language):
    w = words(language)
    lying = post(client, {"length": "20", "focus": "balance", "where": "lying"}, language)
    assert lying.status_code == 422
    assert 'role="alert"' in lying.text and f'<html lang="{w.tag}">' in lying.text
    said = re.search(r'<p class="problem" role="alert">(.*?)</p>', lying.text)
    assert said is not None and w("focus.balance") in said[1], said  # none in the library, or none lying
    assert "--" not in said[1] and "/" not in said[1]
    assert re.search(r'value="lying" checked', lying.text)  # the form as it was sent
    chairless = post(client, {"length": "20", "where": "no-floor"}, language)  # no chair: nowhere to rest
    assert chairless.status_code == 422
    assert f'<p class="problem" role="alert">{w("compose.no_rest")}</p>' in chairless.text
    assert practices(config_dir) == []


@pytest.mark.parametrize("language", ["en", "de", "nl"])
def test_a_length_too_short_names_the_minutes_that_would_do(language):
    from voicekit.plan.compose import Refusal, Request, compose
    from voicekit.sequence.catalogue import PROPS
    from voicekit.web.composing import refusal

    with pytest.raises(Refusal) as refused:
        compose(Request(5 * 60_000, ("hips",), props=PROPS), date(2025, 3, 1))
    least = refused.value.fields["least"]
    assert isinstance(least, int) and 5 < least <= 10
    said = refusal(words(language), refused.value)
    assert said == words(language)("compose.too_short", least=least) and f" {least} " in said
