"""The pages: the library (the sessions built lately, every practice on the shelf) and a practice (its
player with the panel of what is playing, its versions, saving and subscribing, the chapters and the
cue sheet), and Play, which builds the version chosen. Each handler reads the request, asks the library
(``pipeline``, ``shelf``) and renders a template in the practice's language (``language.page``)."""

from __future__ import annotations

import asyncio
from urllib.parse import parse_qsl, urlencode

from starlette.requests import Request
from starlette.responses import JSONResponse, RedirectResponse, Response

from voicekit.errors import SequenceError
from voicekit.language.page import asked
from voicekit.language.phrases import normal_tag
from voicekit.output.cue_sheet import props, sections
from voicekit.plan.compose import Refusal
from voicekit.plan.listing import ALL, in_language
from voicekit.web import choices, composing, menus, words
from voicekit.web.built import clock

MAX_FORM = 2048  # bytes: the page's form is a few dozen
ANSWER_WITHIN_S = {"json": 0.3, "form": 2.0}
"""How long Play waits for its build before answering that it is under way (the page then follows it):
a warm build is done by then, and a page without its script comes back with the player."""


async def library(request: Request) -> Response:
    return await _library(request, composing.Asked())


async def _library(request: Request, form: composing.Asked, problem: str = "", status: int = 200) -> Response:
    """The library page; ``form``: what its "Make me a practice" shows chosen, ``problem``: why the last
    request of it could not be met."""
    site = request.app.state.site
    shelf = await site.in_thread(site.shelf)
    sessions = await site.in_thread(site.folder.sessions)
    await site.in_thread(site.voices)  # the sessions' pages are found by their voices too
    w = asked(request.headers.get("accept-language", ""))
    chosen = request.query_params.get("language", "").strip().lower()
    tag = ALL if chosen == ALL else (normal_tag(chosen) if chosen else None) or w.tag
    w = words.page_words(tag) if tag not in (ALL, w.tag) else w  # a language chosen: the page speaks it too
    listed, elsewhere = in_language(shelf, tag)
    context = {
        **site.common(request, w, site.root(request) + "/cover"),
        "practices": listed,
        "elsewhere": elsewhere,
        "language": tag,
        "languages": _languages(shelf, tag),
        "called": _called,
        "sessions": sessions,
        "clock": clock,
        "form": form,
        "problem": problem,
        **composing.menus(w),
    }
    return site.templates.TemplateResponse(request, "library.html", context, status_code=status)


def _languages(shelf: list, tag: str) -> list[tuple[str, str, bool]]:
    """The library's links to switch language: each language the shelf has a practice in (English first),
    named in itself, then all; (the link's language, its name, whether it is the one shown)."""
    found = sorted({item.language for _, item, _ in shelf if item}, key=lambda lang: (lang != "en", lang))
    return [(lang, _called(lang), lang == tag) for lang in found]


def _called(tag: str) -> str:
    """A language as it names itself ("Deutsch", "Português (Brasil)"); a tag voicekit has no words for, as written."""
    w = words.page_words(tag)
    return w("language.self") if w.tag == tag or w.tag == tag.split("-")[0] else tag


async def compose(request: Request) -> Response:
    """Make me a practice: compose what the form asks for into the user's practices folder and go to its
    page (Play builds it there); a request the library cannot meet: the library page again, saying why."""
    site = request.app.state.site
    w = asked(request.headers.get("accept-language", ""))
    form = composing.parse(await read_form(request, composing.MOST_FIELDS))
    try:
        name = await site.in_thread(site.compose, form, w.tag)
    except (Refusal, SequenceError) as e:
        return await _library(request, form, composing.refusal(w, e), 422)
    return RedirectResponse(f"{site.root(request)}/practice/{site.quote(name)}", 303)


async def practice(request: Request) -> Response:
    site = request.app.state.site
    defaults = site.settings.defaults
    name = request.path_params["name"]
    source = site.practice(name)
    asked = [(k, v) for k, v in request.query_params.multi_items() if k != "play"]  # play: just built, play it
    version = await site.version(name, source, asked)
    choice, job = version.choice, version.job
    listing = await site.in_thread(site.listing, source)
    checked, timeline = await site.in_thread(site.preview, job)
    built = await site.in_thread(site.folder.get, job.file_name)
    building = site.builder.building(job.file_name)
    root = site.root(request)
    w = words.page_words(version.sequence.language)
    audio = site.media_url(root, built) if built else None
    context = {
        **site.common(request, w, f"{root}/practice/{site.quote(name)}/cover", name),
        "name": name,
        "listing": listing,
        "content_lang": version.sequence.language,
        "choice": choice,
        "built": built,
        "audio": audio,
        "autoplay": bool(built) and request.query_params.get("play") is not None,
        "building": building,
        "status": words.status(w, building.report()) if building and not building.finished else "",
        "chapters": built.meta.chapters if built else timeline.chapters,
        "total": built.meta.length_ms if built else timeline.total,
        "sections": sections(checked, timeline),
        "props": props(checked),
        "clock": clock,
        "label": checked.phrases.label,  # the cue sheet in the practice's language
        "covers": f"{root}/practice/{site.quote(name)}/cover",
        "subscribe": site.subscribe_url(request),
        "feed": site.base(request) + "/feed.xml",
        **menus.of(
            w, version.sequence, choice, listing.lengths_ms, site.voices(), version.default_voice, defaults.guidance
        ),
        "colon": checked.phrases.table.colon,
    }
    context["data"] = menus.page_data(w, request, site, name, listing.title, built, building)
    return site.templates.TemplateResponse(request, "practice.html", context)


async def play(request: Request) -> Response:
    """Build the version the form names. For the page's script: the built file as JSON (200), or the build
    under way (202) to follow. Without it: back to the page, which plays the version or shows the build."""
    site = request.app.state.site
    name = request.path_params["name"]
    source = site.practice(name)
    version = await site.version(name, source, await read_form(request, len(choices.FIELDS)))
    scripted = "application/json" in request.headers.get("accept", "")
    root = site.root(request)
    page = f"{root}/practice/{site.quote(name)}?{_query(version.choice)}"
    under_way = site.builder.building(version.job.file_name)
    if under_way is None or under_way.finished:
        await site.in_thread(site.writable, version.job)  # what would refuse the build, answered now
    building = await site.builder.start(version.job)
    assert building.task is not None
    done, _ = await asyncio.wait([building.task], timeout=ANSWER_WITHIN_S["json" if scripted else "form"])
    if done:
        building.task.result()  # a failed build: its error is the answer
    if not scripted:
        return RedirectResponse(page + ("&play" if done else ""), 303)
    if not done:
        following = menus.following(site, request, building, version.sequence.language) or {}
        return JSONResponse({**following, "page": page}, 202)
    built = await site.in_thread(site.folder.get, version.job.file_name)
    if built is None:  # it was replaced or removed at once; nothing to play
        raise words.Gone()
    return JSONResponse(site.played(root, built, page, building.result))


async def read_form(request: Request, most: int) -> list[tuple[str, str]]:
    """The fields of a small URL-encoded form (the page's own, of ``most`` fields at most); BadChoice for
    anything else."""
    if not request.headers.get("content-type", "").startswith("application/x-www-form-urlencoded"):
        raise choices.BadChoice("send the page's form (application/x-www-form-urlencoded)", "bad.form")
    body = b""
    async for chunk in request.stream():
        body += chunk
        if len(body) > MAX_FORM:
            raise choices.BadChoice("the form is too long", "bad.form")
    try:
        return parse_qsl(body.decode("utf-8"), keep_blank_values=True, max_num_fields=most + 1)
    except (UnicodeDecodeError, ValueError):
        raise choices.BadChoice("the form cannot be read", "bad.form") from None


def _query(choice: choices.Choice) -> str:
    return urlencode(choice.query())
