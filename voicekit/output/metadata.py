"""What a built file says about itself: tags, chapters and the build settings. Plain data, no audio."""

from __future__ import annotations

import datetime
import os
from dataclasses import dataclass, field

from voicekit.language.base import iso639_2
from voicekit.language.phrases import ENGLISH_PHRASES, Phrases
from voicekit.output import cover
from voicekit.output.provenance import SIGNATURE
from voicekit.plan.options import Practice
from voicekit.plan.speaker import Speaker
from voicekit.plan.timeline import Chapter, Timeline
from voicekit.sequence.durations import format_ms
from voicekit.sequence.model import Bed, Breath
from voicekit.store import Store

DEFAULT_ARTIST = "voicekit"
SAMPLES_ALBUM = "voicekit samples"  # the album of every `voicekit say` sample


@dataclass(frozen=True)
class Metadata:
    """Tags and chapters for one output file."""

    title: str
    artist: str
    album: str
    genre: str
    year: str
    comment: str
    """The build settings in one line, so a listener can tell versions apart."""
    chapters: tuple[Chapter, ...]
    length_ms: int
    language: str = "und"
    """ISO 639-2, the language spoken ("eng", "deu"); "und": not known."""
    cover: bytes = field(default=b"", repr=False)
    """The cover as a PNG (``cover.png``); empty: none (a sample has none)."""


def settings(practice: Practice) -> dict:
    """The settings a build used, as plain JSON-ready values."""
    voice, sequence = practice.voice, practice.sequence
    fitted = {"fitted": practice.fitted_ms / 1000} if practice.fitted_ms is not None else {}
    return {
        **fitted,
        "holds": practice.holds,
        "hold": {pose: duration for pose, duration in practice.overrides},
        "scale": practice.scale,
        "breath": _breath(practice.breath),
        **({"guidance": practice.guidance} if practice.guidance != "guided" else {}),
        "voice": {"engine": voice.engine, "id": voice.id, "rate": voice.rate, "volume": voice.volume},
        "pose_rates": {p.pose.name: p.pose.rate for p in practice.poses if p.pose.rate},
        "bed": _bed(sequence.bed) if sequence.bed else None,
        "chimes": sequence.chimes,
    }


def _breath(breath: Breath) -> dict:
    """The practice's breath in seconds: in and out, and its holds where it has any."""
    holds = {"hold": breath.hold_ms / 1000, "hold_out": breath.hold_out_ms / 1000}
    plain = {"inhale": breath.inhale_ms / 1000, "exhale": breath.exhale_ms / 1000}
    return {**plain, **holds} if any(holds.values()) else plain


def _bed(bed: Bed) -> dict:
    """A made bed by its kind, a bed from a file by the file's name."""
    return {"file": bed.name, "level": bed.level} if bed.file else {"kind": bed.kind, "level": bed.level}


def describe(used: dict, said: Phrases = ENGLISH_PHRASES) -> str:
    """``settings()`` as one line in the practice's language: 'holds medium, scale 1, breath 4s in 6s out,
    voice pyttsx3 140 wpm'."""
    fitted = used.get("fitted")
    if fitted is not None:
        parts = [said.text("settings.fitted", length=format_ms(fitted * 1000))]
    else:
        parts = [said.text("settings.holds", holds=said.text(f"settings.{used['holds']}"))]
    parts += [said.text("settings.hold", pose=pose, duration=duration) for pose, duration in used["hold"].items()]
    parts.append(said.text("settings.scale", scale=f"{used['scale']:g}"))
    seconds = {phase: f"{s:g}" for phase, s in used["breath"].items()}
    parts.append(said.text("settings.breath.holds" if "hold" in seconds else "settings.breath", **seconds))
    if used.get("guidance"):
        parts.append(said.text(f"settings.guidance.{used['guidance']}"))
    voice = used["voice"]
    name = f"{voice['engine']} {voice['id']}" if voice["id"] else voice["engine"]
    volume = " " + said.text("settings.volume", volume=f"{voice['volume']:g}") if voice["volume"] != 1.0 else ""
    parts.append(said.text("settings.voice", voice=name, rate=voice["rate"]) + volume)
    parts += [
        said.text("settings.pose_rate", pose=pose, rate=rate) for pose, rate in used.get("pose_rates", {}).items()
    ]
    if used.get("bed"):
        bed = used["bed"]
        kind = bed["file"] if bed.get("file") else said.text(f"settings.{bed['kind']}")
        parts.append(said.text("settings.bed", kind=kind, level=f"{bed['level']:g}"))
    if used.get("chimes"):
        parts.append(said.text("settings.chimes"))
    return ", ".join(parts) + f" ({SIGNATURE})"


def build_year() -> str:
    """This year, or the year of $SOURCE_DATE_EPOCH (the reproducible-builds convention): the same input
    then gives the same file on any day."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    if epoch.isdigit():
        return str(datetime.datetime.fromtimestamp(int(epoch), datetime.timezone.utc).year)
    return str(datetime.date.today().year)


def for_build(practice: Practice, timeline: Timeline, store: Store | None = None) -> Metadata:
    """Tags for a build: title, author else "voicekit", collection else the title, and one chapter per
    section; the cover from ``store`` where it was drawn before."""
    sequence = practice.sequence
    return Metadata(
        title=sequence.title,
        artist=sequence.author or DEFAULT_ARTIST,
        album=sequence.collection or sequence.title,
        genre=sequence.genre,
        year=build_year(),
        comment=describe(settings(practice), practice.phrases),
        chapters=tuple(timeline.chapters),
        length_ms=timeline.total,
        language=iso639_2(sequence.language),
        cover=cover.stored(store, sequence.title) if store else cover.png(sequence.title, cover.EMBEDDED),
    )


def for_sample(text: str, voice: Speaker, timeline: Timeline) -> Metadata:
    """Tags for a short sample of one text (``voicekit say``): the text, and the voice that said it."""
    name = f"{voice.engine} {voice.id}" if voice.id else voice.engine
    comment = f"voice {name} {voice.rate} wpm ({SIGNATURE})"
    return Metadata(text[:200], DEFAULT_ARTIST, SAMPLES_ALBUM, "Speech", build_year(), comment, (), timeline.total)
