"""The pages: the library (every practice on the shelf and every built session) and a practice (its
versions, the player, the chapters and the cue sheet), and Play, which builds the version chosen.
Each handler reads the request, asks the library (``pipeline``, ``shelf``) and renders a template."""

from __future__ import annotations

from urllib.parse import parse_qsl, urlencode

from starlette.requests import Request
from starlette.responses import JSONResponse, RedirectResponse, Response

from voicekit.output.cue_sheet import props, sections
from voicekit.web import choices, words
from voicekit.web.builds import BuildRequest
from voicekit.web.built import clock

MAX_FORM = 2048  # bytes: the page's form is a few dozen


async def library(request: Request) -> Response:
    site = request.app.state.site
    shelf = await site.in_thread(site.shelf)
    sessions = await site.in_thread(site.folder.sessions)
    context = {"root": site.root(request), "practices": shelf, "sessions": sessions, "site": site}
    return site.templates.TemplateResponse(request, "library.html", context)


async def practice(request: Request) -> Response:
    site = request.app.state.site
    name = request.path_params["name"]
    source = site.practice(name)
    voices = await site.in_thread(site.voices)
    choice = choices.parse(request.query_params.multi_items(), voices)
    listing = await site.in_thread(site.listing, source)
    checked, timeline = await site.in_thread(site.preview, source, choice)
    default_voice = await site.in_thread(site.default_voice, source, choice, checked)
    built = await site.in_thread(site.folder.get, choice.file_name(name))
    root = site.root(request)
    context = {
        "root": root,
        "site": site,
        "name": name,
        "listing": listing,
        "choice": choice,
        "voices": voices,
        "holds": zip(choices.HOLD_LENGTHS, listing.lengths_ms, strict=True),
        "guidance": choices.GUIDANCE_CHOICES,
        "built": built,
        "audio": site.media_url(root, built) if built else None,
        "chapters": built.meta.chapters if built else timeline.chapters,
        "total": built.meta.length_ms if built else timeline.total,
        "sections": sections(checked, timeline),
        "props": props(checked),
        "clock": clock,
        "default_voice": default_voice,
        "label": checked.phrases.label,  # the cue sheet in the practice's language
    }
    return site.templates.TemplateResponse(request, "practice.html", context)


async def play(request: Request) -> Response:
    """Build the version the form names; JSON for the page's script, else back to the page to play it."""
    site = request.app.state.site
    name = request.path_params["name"]
    source = site.practice(name)
    voices = await site.in_thread(site.voices)
    choice = choices.parse(await _form(request), voices)
    result = await site.builder.build(
        BuildRequest(name, source, choice.options(site.settings.defaults), choice.file_name(name))
    )
    root = site.root(request)
    page = f"{root}/practice/{site.quote(name)}?{_query(choice)}"
    if "application/json" not in request.headers.get("accept", ""):
        return RedirectResponse(page, 303)
    built = await site.in_thread(site.folder.get, result.output.name)
    if built is None:  # it was replaced or removed at once; nothing to play
        return JSONResponse({"error": f"{result.output.name} is gone from the output folder"}, 409)
    return JSONResponse(
        {
            "file": built.name,
            "audio": site.media_url(root, built),
            "download": site.media_url(root, built, download=True),
            "duration": built.meta.length_ms / 1000,
            "chapters": [{"title": c.title, "start": c.start / 1000} for c in built.meta.chapters],
            "page": page,
            "seconds": round(result.seconds, 3),
            "new_clips": result.synthesized,
            "warnings": [words.scrub(w) for w in result.warnings],
        }
    )


async def _form(request: Request) -> list[tuple[str, str]]:
    """The fields of a small URL-encoded form (the page's own); BadChoice for anything else."""
    if not request.headers.get("content-type", "").startswith("application/x-www-form-urlencoded"):
        raise choices.BadChoice("send the page's form (application/x-www-form-urlencoded)")
    body = b""
    async for chunk in request.stream():
        body += chunk
        if len(body) > MAX_FORM:
            raise choices.BadChoice("the form is too long")
    try:
        return parse_qsl(body.decode("utf-8"), keep_blank_values=True, max_num_fields=len(choices.FIELDS) + 1)
    except (UnicodeDecodeError, ValueError):
        raise choices.BadChoice("the form cannot be read") from None


def _query(choice: choices.Choice) -> str:
    return urlencode(choice.query())
