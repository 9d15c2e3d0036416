"""The pages in a real browser: Debian's Chromium, headless, driven by Playwright (its own browser
download is never used), at a phone's viewports (390×844, 360×740, and both at 200% zoom). The real
server runs on a loopback port with the fake engine; one browser serves every test of the module, each
test a fresh context (a new phone, storage empty) of it.

Without /usr/bin/chromium these tests skip; ./scripts/test installs it with apt when run as root, in
the background while the other tests run, and these wait for it ($VOICEKIT_CHROMIUM_INSTALL names the
file that says how the install went). Screenshots go to the test's folder, or to
$VOICEKIT_SCREENSHOTS when it is set (to look at them)."""

from __future__ import annotations

import itertools
import os
import re
import time
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pytest
from audio_tools import decode
from helpers import running, site_of, web_settings

from voicekit.plan.grid import SAMPLE_RATE

if TYPE_CHECKING:
    from collections.abc import Callable

    from playwright.sync_api import Page

    from voicekit.pipeline import BuildResult
    from voicekit.web.settings import Settings

CHROMIUM = "/usr/bin/chromium"
ARGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
    "--autoplay-policy=no-user-gesture-required",
]  # fmt: skip
PHONE = {"width": 390, "height": 844}
SMALL_PHONE = {"width": 360, "height": 740}

INSTALL_WAIT_S = 600
# Records the Media Session's handlers as the page sets them, so a test can press the lock screen's
# buttons (Chromium has no other way in); set before the page's own script runs.
HANDLERS = """
window.__actions = {};
if (navigator.mediaSession) {
  const set = navigator.mediaSession.setActionHandler.bind(navigator.mediaSession);
  navigator.mediaSession.setActionHandler = (action, handler) => {
    window.__actions[action] = handler;
    set(action, handler);
  };
}
"""


def chromium() -> str:
    """The browser: there already, or once ./scripts/test's install of it has ended (skip without it)."""
    status = os.environ.get("VOICEKIT_CHROMIUM_INSTALL")
    if status and not Path(CHROMIUM).exists():
        deadline = time.monotonic() + INSTALL_WAIT_S
        while not Path(status).exists() and time.monotonic() < deadline:
            time.sleep(0.5)
        said = Path(status).read_text().strip() if Path(status).exists() else "still running"
        if not Path(CHROMIUM).exists():
            pytest.fail(f"./scripts/test could not install Chromium: {said}")
    if not Path(CHROMIUM).exists():
        pytest.skip("needs Chromium: `apt-get install chromium` (./scripts/test does it when run as root)")
    return CHROMIUM


pytestmark = [
    pytest.mark.slow,  # a browser and a few builds: about 20 s
    pytest.mark.usefixtures("shelf_practice"),
]


@pytest.fixture(scope="module")
def site(shelf_store, tmp_path_factory):
    """The real server on a loopback port: the fake engine, a warm store, an output folder of its own;
    with the server's own objects (its builder counts its builds)."""
    from voicekit.web.app import make_app

    tmp = tmp_path_factory.mktemp("browser")
    settings = web_settings(tmp, shelf_store)
    app = make_app(settings)
    with running(app) as url:
        yield url, settings, site_of(app)


@pytest.fixture(scope="module")
def browser():
    executable = chromium()
    sync_api = pytest.importorskip("playwright.sync_api")
    with sync_api.sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=executable, headless=True, args=ARGS)
        yield launched
        launched.close()


@pytest.fixture
def phone(browser):
    """A new phone: ``phone(viewport, javascript=True, zoom=1)`` gives a tab that records every console
    error and uncaught exception; at ``zoom`` 2 the page is laid out in half the CSS pixels, as a phone
    zoomed to 200% lays it out."""
    contexts = []

    def make(viewport=PHONE, javascript=True, zoom=1):
        size = {"width": viewport["width"] // zoom, "height": viewport["height"] // zoom}
        context = browser.new_context(viewport=size, device_scale_factor=zoom, java_script_enabled=javascript)
        context.add_init_script(HANDLERS)
        contexts.append(context)
        tab = context.new_page()
        tab.errors = []
        tab.on("console", lambda m: tab.errors.append(m.text) if m.type == "error" else None)
        tab.on("pageerror", lambda e: tab.errors.append(str(e)))
        return tab

    yield make
    for context in contexts:
        context.close()


def shot(page: Page, tmp_path: Path, name: str) -> Path:
    folder = Path(os.environ.get("VOICEKIT_SCREENSHOTS") or tmp_path)
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"{name}.png"
    page.screenshot(path=str(path))
    assert path.stat().st_size > 5_000
    return path


def until(page: Page, expression: str, timeout: float = 30.0) -> Any:
    """Poll ``expression`` in the page until it is truthy (the page's CSP forbids Playwright's eval-based
    wait_for_function, and stays on: the page is tested as served)."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        value = page.evaluate(expression)
        if value:
            return value
        time.sleep(0.05)
    raise AssertionError(f"not true after {timeout}s: {expression}")


PLAYER = "document.getElementById('player')"
TITLE = "navigator.mediaSession.metadata && navigator.mediaSession.metadata.title"


def play(page: Page) -> float:
    """Press Play, wait for the file to play; the audio element's duration."""
    before = page.evaluate(f"{PLAYER}.currentSrc")
    page.click("button[type=submit]")
    until(page, f"{PLAYER}.currentSrc && {PLAYER}.currentSrc !== {before!r} && {PLAYER}.duration > 0")
    until(page, f"!{PLAYER}.paused && {PLAYER}.currentTime > 0")
    return page.evaluate(f"{PLAYER}.duration")


def file_seconds(settings: Settings, name: str) -> float:
    return len(decode(settings.output / name)) / SAMPLE_RATE


def starts(page: Page) -> list[float]:
    return page.evaluate("Array.from(document.querySelectorAll('#chapters a'), a => Number(a.dataset.start))")


def test_a_phone_plays_a_practice_follows_it_on_the_lock_screen_and_jumps_by_part(site, phone, tmp_path):
    url, settings, _ = site
    page = phone(SMALL_PHONE)
    page.goto(url + "/")
    with page.expect_navigation(wait_until="domcontentloaded"):  # under load the click returns before it
        page.click("text=Mini flow")
    assert page.url.endswith("/practice/mini-flow")
    medium = play(page)
    assert medium == pytest.approx(file_seconds(settings, "mini-flow-medium.mp3"), abs=0.1)
    box = page.locator("#now").bounding_box()  # brought into view, and kept there while playing
    assert box["y"] >= -1 and box["y"] + box["height"] <= SMALL_PHONE["height"]
    assert page.locator("#now-pose").inner_text() == "Introduction"
    assert page.locator("#now-next").inner_text() == "Next: Knees to chest"
    assert page.evaluate(TITLE) == "Introduction"  # the lock screen names the part playing
    assert page.evaluate("navigator.mediaSession.metadata.artist") == "Mini flow"
    assert page.evaluate("navigator.mediaSession.metadata.artwork.length") == 3
    actions = page.evaluate("Object.fromEntries(Object.entries(window.__actions).map(([k, v]) => [k, v === null]))")
    assert actions["seekbackward"] is True and actions["seekforward"] is True  # null: previous/next show
    assert {"play", "pause", "previoustrack", "nexttrack", "seekto"} <= {k for k, v in actions.items() if not v}

    marks = starts(page)
    assert len(marks) == 5  # introduction, knees to chest, twist right and left, closing
    page.evaluate(f"{PLAYER}.currentTime = {marks[2] - 0.6}")  # just before a boundary, playing on over it
    until(page, f"{TITLE} === 'Twist (right)'", timeout=10)
    assert page.evaluate("document.getElementById('now-count').textContent") == "part 3 of 5"
    page.evaluate("window.__actions.nexttrack()")
    assert page.evaluate(f"{PLAYER}.currentTime") == pytest.approx(marks[3], abs=0.3)
    until(page, f"{TITLE} === 'Twist (left)'")
    page.evaluate("window.__actions.previoustrack()")  # near a part's start: the part before
    assert page.evaluate(f"{PLAYER}.currentTime") == pytest.approx(marks[2], abs=0.3)
    page.evaluate(f"window.__actions.seekto({{seekTime: {marks[1] + 1}}})")
    until(page, f"{TITLE} === 'Knees to chest'")
    page.locator("#chapters a").nth(4).click()  # a tapped chapter plays from there
    until(page, f"{PLAYER}.currentTime >= {marks[4]} && {TITLE} === 'Closing'")
    assert page.locator("#chapters li[aria-current=true]").inner_text().endswith("Closing")
    assert page.locator("#chapters a").nth(2).bounding_box()["height"] >= 44  # a tap target a thumb finds
    shot(page, tmp_path, "playing-360x740")

    page.check("input[value=long]", force=True)
    long = play(page)
    assert long > medium + 5
    assert page.url.endswith("/practice/mini-flow?holds=long")
    assert page.locator("#save").get_attribute("download") == "mini-flow-long.mp3"
    page.fill("input[name=length]", "3")
    assert page.locator("input[name=holds]:checked").count() == 0  # the length sets every hold
    assert play(page) == pytest.approx(180, abs=1.0)
    assert page.errors == []


def test_play_on_a_version_built_goes_on_where_it_stopped_and_a_new_visit_offers_to_resume(site, phone, tmp_path):
    url, _, server = site
    page = phone(PHONE)
    page.goto(url + "/practice/mini-flow?holds=short")
    play(page)
    count = server.builder.count
    page.evaluate(f"{PLAYER}.currentTime = 40")
    until(page, f"{PLAYER}.currentTime >= 40.2")
    page.evaluate(f"{PLAYER}.pause()")
    stopped = page.evaluate(f"{PLAYER}.currentTime")
    page.click("button[type=submit]")  # Play again, the same choices: on from there, nothing built
    until(page, f"!{PLAYER}.paused")
    assert page.evaluate(f"{PLAYER}.currentTime") == pytest.approx(stopped, abs=1.0)
    assert server.builder.count == count
    page.evaluate(f"{PLAYER}.pause()")

    page.reload()  # the phone comes back to the page: it offers to go on
    resume = page.locator("#resume-at")
    until(page, "!document.getElementById('resume').hidden")
    assert re.fullmatch(r"Resume at 0:4\d", resume.inner_text())
    shot(page, tmp_path, "resume-390x844")
    resume.click()
    until(page, f"!{PLAYER}.paused && {PLAYER}.currentTime >= 40")
    page.click("button[type=submit]")
    until(page, f"!{PLAYER}.paused")
    assert page.evaluate(f"{PLAYER}.currentTime") >= 40  # Play went on, it did not start again
    assert server.builder.count == count
    assert page.errors == []


def slowed(run: Callable[..., BuildResult], pause_s: float) -> Callable[..., BuildResult]:
    """The server's build, each of its progress reports held back ``pause_s``: a cold build that lasts."""

    def run_slowly(job, path, cache_dir, watch):
        step = watch.step

        def step_slowly(label, done, total):
            time.sleep(pause_s)
            step(label, done, total)

        watch.step = step_slowly
        return run(job, path, cache_dir, watch)

    return run_slowly


PROGRESS = "document.getElementById('progress').value"


def rising(page: Page, until_s: float, enough: int) -> list[float]:
    """The progress bar's values, sampled while the page follows the build: until ``enough`` rises were
    seen, the file is playing, or ``until_s`` seconds."""
    seen = [page.evaluate(PROGRESS)]
    deadline = time.monotonic() + until_s
    while sum(b > a for a, b in itertools.pairwise(seen)) < enough and time.monotonic() < deadline:
        if page.evaluate(f"{PLAYER}.currentSrc.includes('.mp3')"):
            break
        time.sleep(0.1)
        seen.append(page.evaluate(PROGRESS))
    return seen


def test_a_cold_build_shows_its_progress_moving_even_after_a_reload(site, phone, tmp_path, monkeypatch):
    url, _, server = site
    monkeypatch.setattr(server.builder, "_run", slowed(server.builder._run, 0.3))
    page = phone(PHONE)
    page.goto(url + "/practice/mini-flow?holds=long&voice=fake:high&bed=drone")
    page.click("button[type=submit]")
    before = rising(page, 20, enough=2)
    assert sum(b > a for a, b in itertools.pairwise(before)) >= 2, before  # it moves
    assert before == sorted(before)  # and never goes back
    status = page.locator("#status").inner_text()
    assert re.match(r"(Getting the voice ready|Speaking the cues: \d+ of \d+|Writing the audio: \d+%)", status), status
    shot(page, tmp_path, "building-390x844")
    page.reload()  # the build goes on; the page finds it and follows it again
    after = rising(page, 20, enough=1)
    assert after[0] >= before[-1] - 0.01, (before, after)  # where it was, not back at the start
    done = page.evaluate(f"{PLAYER}.currentSrc.includes('.mp3')")
    assert done or after[-1] > after[0], after  # moving on after the reload, or through
    until(page, f"{PLAYER}.currentSrc.includes('mini-flow-long-drone-fake-high.mp3')", timeout=60)
    assert page.errors == []


# The words of every button and choice whose text is wider than its box (cut off or spilling out).
CLIPPED = """Array.from(document.querySelectorAll('.segments span, button, .button'),
  e => e.scrollWidth > e.clientWidth + 1 ? e.textContent.trim() : null).filter(Boolean)"""


@pytest.mark.parametrize("viewport", [PHONE, SMALL_PHONE], ids=["390", "360"])
def test_at_200_percent_zoom_nothing_is_wider_than_the_phone(site, phone, tmp_path, viewport):
    url, _, _ = site
    page = phone(viewport, zoom=2)
    for path in ("/", "/practice/mini-flow", "/practice/lumbar-release", "/practice/lumbar-release-de"):
        page.goto(url + path)
        page.evaluate("document.querySelectorAll('details').forEach(d => { d.open = true; })")
        wide = page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")
        assert wide <= 0, (path, wide)
        clipped = page.evaluate(CLIPPED)
        assert clipped == [], (path, clipped)
    page.locator("fieldset").nth(1).scroll_into_view_if_needed()
    shot(page, tmp_path, f"german-200pc-{viewport['width']}")
    assert page.errors == []


def test_without_javascript_play_builds_and_the_page_plays_it(site, phone, tmp_path):
    url, settings, _ = site
    page = phone(PHONE, javascript=False)
    page.goto(url + "/practice/mini-flow?holds=medium&chimes=on")
    assert page.locator("#now").is_hidden()  # nothing built yet: no player
    with page.expect_navigation():
        page.click("button[type=submit]")
    deadline = time.monotonic() + 30
    while page.locator("audio[src]").count() == 0:  # the page reloads itself while it is built
        assert time.monotonic() < deadline, page.content()[:2000]
        page.wait_for_timeout(300)
    audio = page.locator("#player")
    assert audio.get_attribute("autoplay") is not None
    assert "mini-flow-medium-chimes.mp3" in audio.get_attribute("src")
    assert page.request.get(url + audio.get_attribute("src")).status == 200
    assert (settings.output / "mini-flow-medium-chimes.mp3").exists()
    shot(page, tmp_path, "no-javascript-390x844")


ENGLISH = re.compile(
    r"\b(play|holds?|short|medium|long|voice|minutes?|now|resume|save|subscribe|chapters?|cue|sheet|practices?"
    r"|background|bell|chime|default|download|length|keep|screen|ready|none|yes|next|left|part|the|and|of|with"
    r"|guidance|guided|quiet|full)\b",
    re.IGNORECASE,
)
# The page's chrome: everything but the practice's own texts (marked with their language), names the
# engines give their voices, file names and the command that downloads a voice.
CHROME = """(() => {
  const copy = document.body.cloneNode(true);
  copy.querySelectorAll('[lang], select[name=voice], code, .file, script, audio').forEach(e => e.remove());
  return copy.textContent + ' ' + document.title + ' ' + Object.values(JSON.parse(
    document.getElementById('page-data').textContent).words).join(' ');
})()"""


def test_a_german_practice_gets_a_german_page(site, phone, tmp_path):
    url, _, _ = site
    page = phone(PHONE)
    page.goto(url + "/practice/lumbar-release-de")
    assert page.evaluate("document.documentElement.lang") == "de"
    chrome = page.evaluate(CHROME)
    assert "Abspielen" in chrome and "Haltedauern" in chrome and "Aufs Handy laden" in chrome
    assert "Anleitung" in chrome and "Ausführlich" in chrome  # the guidance choice too
    assert ENGLISH.findall(chrome) == []
    shot(page, tmp_path, "german-390x844")
    assert page.errors == []


BACKGROUND = "getComputedStyle(document.body).backgroundColor"
TEXT = "getComputedStyle(document.querySelector('h1')).color"


def luminance(css: str) -> float:
    r, g, b = (int(v) for v in css[css.index("(") + 1 : css.index(")")].split(",")[:3])
    return (0.2126 * r + 0.7152 * g + 0.0722 * b) / 255


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_the_pages_follow_the_phone_s_light_or_dark_setting(site, phone, tmp_path, scheme):
    url, _, _ = site
    page = phone(PHONE)
    page.emulate_media(color_scheme=scheme)
    for path in ("/", "/practice/mini-flow"):
        page.goto(url + path)
        background, text = luminance(page.evaluate(BACKGROUND)), luminance(page.evaluate(TEXT))
        assert (background > 0.9 and text < 0.2) if scheme == "light" else (background < 0.1 and text > 0.85)
    shot(page, tmp_path, f"practice-{scheme}")
    assert page.errors == []


def test_a_phone_makes_a_practice_lands_on_its_page_and_plays_it(site, phone, tmp_path, monkeypatch, compose_day):
    """Make me a practice at 390×844: the form filled as a thumb fills it (labels, not boxes), every field
    labelled and grouped, then the composed practice's page, and Play plays it (short: 6 minutes)."""
    url, settings, _ = site
    monkeypatch.setenv("VOICEKIT_CONFIG_DIR", str(tmp_path / "config"))  # the server writes here, not the shelf
    page = phone(PHONE)
    page.goto(url + "/")
    page.click("summary:has-text('Make me a practice')")
    unlabelled = page.evaluate("""Array.from(document.querySelectorAll('form[action$="/compose"] input'))
        .filter(i => !i.closest('label') || !i.closest('label').textContent.trim()).map(i => i.name)""")
    assert unlabelled == []
    assert page.evaluate("""Array.from(document.querySelectorAll('.compose fieldset'))
        .every(f => f.querySelector('legend') && f.querySelector('legend').textContent.trim())""")
    page.get_by_role("spinbutton", name="or another length").fill("6")
    page.get_by_text("Rest", exact=True).click()
    page.get_by_text("Gentle", exact=True).click()
    page.get_by_text("Blanket", exact=True).click()
    page.locator(".compose summary").scroll_into_view_if_needed()
    shot(page, tmp_path, "compose-form-390x844")
    page.locator(".compose button[type=submit]").scroll_into_view_if_needed()
    shot(page, tmp_path, "compose-390x844")
    with page.expect_navigation():
        page.click(".compose button[type=submit]")
    assert page.url == url + "/practice/composed-6m-rest"
    assert (tmp_path / "config" / "practices" / "composed-6m-rest.yaml").exists()
    assert page.locator("h1").inner_text() == "Rest, 6 minutes"
    play(page)
    before = page.evaluate(f"{PLAYER}.currentTime")
    until(page, f"{PLAYER}.currentTime > {before} + 0.5", timeout=10)
    shot(page, tmp_path, "composed-playing-390x844")
    assert (settings.output / "composed-6m-rest-medium.mp3").exists()  # built like any other practice's version
    assert page.errors == []
