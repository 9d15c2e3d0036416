"""The pages in a real browser: Debian's Chromium, headless, driven by Playwright (its own browser
download is never used). The real server runs on a loopback port with the fake engine; one browser
session serves every test of the module.

Without /usr/bin/chromium these tests skip; ./scripts/test installs it with apt when run as root, in
the background while the other tests run, and these wait for it ($VOICEKIT_CHROMIUM_INSTALL names the
file that says how the install went)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from playwright.sync_api import Page

    from voicekit.web.app import Settings

import os
import time
from pathlib import Path

import pytest
from audio_tools import RATE, decode
from helpers import running, web_settings

CHROMIUM = "/usr/bin/chromium"
ARGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
]  # fmt: skip
PHONE = {"width": 390, "height": 844}

INSTALL_WAIT_S = 600


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
    pytest.mark.slow,  # a browser session and a build: about 8 s
    pytest.mark.usefixtures("shelf_practice"),
]


@pytest.fixture(scope="module")
def site(shelf_store, tmp_path_factory):
    """The real server on a loopback port: the fake engine, a warm store, an output folder of its own."""
    from voicekit.web.app import make_app

    tmp = tmp_path_factory.mktemp("browser")
    settings = web_settings(tmp, shelf_store)
    with running(make_app(settings)) as url:
        yield url, settings


@pytest.fixture(scope="module")
def browser(tmp_path_factory):
    """One Chromium for the module, a new empty profile, a phone's viewport."""
    executable = chromium()
    sync_api = pytest.importorskip("playwright.sync_api")
    profile = tmp_path_factory.mktemp("chromium-profile")
    with sync_api.sync_playwright() as playwright:
        context = playwright.chromium.launch_persistent_context(
            str(profile), executable_path=executable, headless=True, args=ARGS, viewport=PHONE
        )
        yield context
        context.close()


@pytest.fixture
def page(browser):
    """A tab that records every console error and uncaught exception."""
    tab = browser.new_page()
    tab.errors = []
    tab.on("console", lambda m: tab.errors.append(m.text) if m.type == "error" else None)
    tab.on("pageerror", lambda e: tab.errors.append(str(e)))
    yield tab
    tab.close()


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


def play(page: Page) -> float:
    """Press Play, wait for the build and the new file's metadata; the audio element's duration."""
    before = page.evaluate(f"{PLAYER}.currentSrc")
    page.click("button[type=submit]")
    until(page, f"{PLAYER}.currentSrc && {PLAYER}.currentSrc !== {before!r} && {PLAYER}.duration > 0")
    until(page, "document.getElementById('status').textContent.startsWith('Ready')")
    return page.evaluate(f"{PLAYER}.duration")


def file_seconds(settings: Settings, name: str) -> float:
    return len(decode(settings.output / name)) / RATE


def test_a_phone_opens_the_library_plays_a_practice_and_jumps_by_chapter(site, page, tmp_path):
    url, settings = site
    page.goto(url + "/")
    assert page.viewport_size == PHONE
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]  # nothing wider than a phone
    page.click("text=Mini flow")
    assert page.url.endswith("/practice/mini-flow")
    assert page.locator("h1").inner_text() == "Mini flow"

    medium = play(page)
    assert medium == pytest.approx(file_seconds(settings, "mini-flow-medium.mp3"), abs=0.1)
    chapters = page.locator("#chapters a")
    assert chapters.count() == 5  # introduction, knees to chest, twist right and left, closing
    third = chapters.nth(2)
    start = float(third.get_attribute("data-start"))
    assert start > 0
    clicked = time.monotonic()
    third.click()
    until(page, f"!{PLAYER}.seeking")
    now, since = page.evaluate(f"{PLAYER}.currentTime"), time.monotonic() - clicked
    assert start - 0.05 <= now <= start + since + 0.05  # there, and playing on from there at most
    assert page.locator("#chapters li[aria-current=true]").inner_text().endswith("Twist (right)")
    box = third.bounding_box()
    assert box["height"] >= 44  # a tap target a thumb finds

    page.check("input[value=long]", force=True)
    long = play(page)
    assert long > medium + 5
    assert long == pytest.approx(file_seconds(settings, "mini-flow-long.mp3"), abs=0.1)
    assert page.url.endswith("/practice/mini-flow?holds=long")
    assert page.locator("#download").get_attribute("download") == "mini-flow-long.mp3"

    page.fill("input[name=length]", "3")
    assert page.locator("input[name=holds]:checked").count() == 0  # the length sets every hold
    fitted = play(page)
    assert fitted == pytest.approx(180, abs=1.0)
    assert fitted == pytest.approx(file_seconds(settings, "mini-flow-3min.mp3"), abs=0.1)

    page.screenshot(path=str(tmp_path / "practice-390x844.png"))
    assert (tmp_path / "practice-390x844.png").stat().st_size > 10_000
    page.check("input[value=short]", force=True)
    assert page.input_value("input[name=length]") == ""  # choosing holds again clears the length
    assert page.errors == []


BACKGROUND = "getComputedStyle(document.body).backgroundColor"
TEXT = "getComputedStyle(document.querySelector('h1')).color"


def luminance(css: str) -> float:
    r, g, b = (int(v) for v in css[css.index("(") + 1 : css.index(")")].split(",")[:3])
    return (0.2126 * r + 0.7152 * g + 0.0722 * b) / 255


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_the_pages_follow_the_phone_s_light_or_dark_setting(site, page, tmp_path, scheme):
    url, _ = site
    page.emulate_media(color_scheme=scheme)
    for path in ("/", "/practice/mini-flow"):
        page.goto(url + path)
        background, text = luminance(page.evaluate(BACKGROUND)), luminance(page.evaluate(TEXT))
        assert (background > 0.9 and text < 0.2) if scheme == "light" else (background < 0.1 and text > 0.85)
    page.screenshot(path=str(tmp_path / f"practice-{scheme}.png"))
    assert page.errors == []
