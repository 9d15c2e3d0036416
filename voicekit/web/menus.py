"""What the practice page's form offers, in the page's words: each hold with its length, the menus of
the sounds, the final rest and the voices (the practice's own choice first and named as such, the
voices of its language before the others, none twice), and what the page's script is told."""

from __future__ import annotations

from typing import TYPE_CHECKING

from voicekit.language.page import Words
from voicekit.plan.options import HOLD_LENGTHS
from voicekit.sequence.model import BED_KINDS, BELLS, GUIDANCE, Sequence
from voicekit.speech.piper_voices import recommended
from voicekit.web.built import clock
from voicekit.web.choices import NO_BED, REST_MINUTES, Choice
from voicekit.web.voices import VoiceChoice, voice_label

if TYPE_CHECKING:
    from starlette.requests import Request

    from voicekit.plan.speaker import Speaker
    from voicekit.web.built import Built
    from voicekit.web.site import Site
    from voicekit.web.waiting import Building


def hold_lengths(w: Words, lengths_ms: tuple[int, ...]) -> list[str]:
    """Each hold's length as the page shows it: whole minutes, or minutes and seconds where two would
    read the same in minutes (they differ, and the page says by how much)."""
    minutes = [round(ms / 60_000) for ms in lengths_ms]
    if len(set(minutes)) == len(minutes):
        return [w("holds.minutes", n=m) for m in minutes]
    return [clock(round(ms / 1000) * 1000) for ms in lengths_ms]


def of(
    w: Words,
    sequence: Sequence,
    choice: Choice,
    lengths_ms: tuple[int, ...],
    voices: tuple,
    default: Speaker,
    guidance: str | None = None,
) -> dict:
    """The template's menus: (value, text) pairs, '' being the practice's own; ``guidance`` is the
    server's (``serve --guidance``), the practice's own when None."""
    own_bed = sequence.bed.name if sequence.bed and sequence.bed.file else None
    bed_now = own_bed or (sequence.bed.kind if sequence.bed else NO_BED)
    beds = [("", w("choices.own", what=own_bed or w(f"bed.{bed_now}")))]
    beds += [(kind, w(f"bed.{kind}")) for kind in (NO_BED, *BED_KINDS) if kind != bed_now or own_bed]
    chimes_now = "on" if sequence.chimes else "off"
    chimes = [("", w("choices.own", what=w(f"chimes.{chimes_now}")))]
    chimes += [(v, w(f"chimes.{v}")) for v in ("on", "off") if v != chimes_now]
    bells = [("", w("choices.own", what=w(f"bell.{sequence.bell}")))]
    bells += [(b, w(f"bell.{b}")) for b in BELLS if b != sequence.bell]
    last = sequence.poses[-1]
    rests: list[tuple[str, str]] = []
    in_round = any(len(sequence.poses) - 1 in r.poses for r in sequence.rounds)
    if not last.hold.breaths and not last.sides and not in_round:  # a rest, as a practice ends
        written = last.hold.pick(choice.holds) / 60_000
        rests = [("", w("choices.own", what=w("rest.minutes", n=f"{written:g}".replace(".", w("decimal")))))]
        rests += [(str(n), w("rest.minutes", n=n)) for n in REST_MINUTES if n != written]
    return {
        "holds": list(zip(HOLD_LENGTHS, hold_lengths(w, lengths_ms), strict=True)),
        "same_lengths": len(set(lengths_ms)) == 1,
        "guidance": [(said, w(f"guidance.{said}")) for said in GUIDANCE],
        "guidance_now": choice.guidance or guidance or sequence.guidance,
        "beds": beds,
        "chimes": chimes,
        "bells": bells,
        "rests": rests,
        "rest_pose": last.name,
        "more_chosen": any(v is not None for v in (choice.bed, choice.chimes, choice.bell, choice.rest, choice.voice)),
        "voices": voice_menu(w, sequence.language, voices, default),
        "download_voice": natural_voice(sequence.language, default),
    }


def voice_menu(w: Words, language: str, voices: tuple[VoiceChoice, ...], default: Speaker) -> list:
    """(group, [(value, text)]): the practice's voice first (value ''), then the other voices of its
    language, then those of the other languages under a heading of their own."""
    first = [("", w("voice.default", voice=voice_label(default, voices)))]
    others = [v for v in voices if (v.engine, v.id) != (default.engine, default.id)]
    own = [(v.value, v.label) for v in others if v.speaks(language)]
    rest = [(v.value, v.label) for v in others if not v.speaks(language)]
    return [("", first + own)] + ([(w("voice.others"), rest)] if rest else [])


def natural_voice(language: str, default: Speaker) -> str | None:
    """The Piper voice to download for a practice whose language has none installed (None: it has one)."""
    tag = language.lower()
    if default.engine == "piper" or tag.split("-")[0] == "en":  # English: Piper's own voice comes with it
        return None
    return recommended(tag)


def page_data(
    w: Words, request: Request, site: Site, name: str, title: str, built: Built | None, building: Building | None
) -> dict:
    """What the page's script is told: its words, the practice and its artwork for the lock screen, the
    file playing, and the build under way."""
    base = site.base(request)
    covers = f"{base}/practice/{site.quote(name)}/cover"
    keys = [k for k in w.table if k.split(".")[0] in ("status", "now", "resume")] + ["play"]
    return {
        "words": {k: w(k) for k in keys},
        "title": title,
        "artwork": [{"src": f"{covers}-{n}.png", "sizes": f"{n}x{n}", "type": "image/png"} for n in (96, 256, 512)],
        "file": built.name if built else None,
        "version": built.version if built else None,
        "building": following(site, request, building, w.tag),
        "lang": w.tag,
    }


def following(site: Site, request: Request, building: Building | None, lang: str) -> dict | None:
    """A build under way as the page's script follows it: how far it has come, and where to ask."""
    if building is None or building.finished:
        return None
    return {**building.report(), "events": site.events_url(site.root(request), building.file_name, lang)}
