"""A composed practice written as a sequence file: an ordinary sequence of library poses (``- use: ID``),
with comments saying the request, the seed and why each part is there, so a person can read and change it."""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from voicekit.errors import OptionsError
from voicekit.files import printable
from voicekit.language.en import number
from voicekit.language.page import words
from voicekit.language.phrases import phrases_for
from voicekit.places import config_dir
from voicekit.sequence.breath import PATTERNS
from voicekit.sequence.durations import format_ms
from voicekit.sequence.library import Library
from voicekit.sequence.model import Pose


@dataclass(frozen=True)
class Composed:
    """A practice composed for a request: its file's text, a name for the file, and what to tell the person."""

    text: str
    name: str
    """A file name without folder or suffix: ``composed-20m-lower-back``."""
    seed: int
    warnings: tuple[str, ...] = ()
    """Lines to print: poses only in English in a practice asked for in another language."""


GUIDED_HOLDS = 6
"""Holds counted in breaths whose breaths are guided; later ones are silent (by then the listener has the
rhythm, and "Breathe in." said more than eight times lulls: the teaching check's limit)."""


@dataclass(frozen=True)
class Item:
    """A pose of the practice, with what it is there for and what the composer changes of it."""

    pose: Pose | None
    """A library pose (written ``- use: ID``); None: the opening breath, written out."""
    why: str
    """The comment above it: its part of the practice, and why."""
    hold: str | None = None
    """A hold of its own (the final rest's share of the length)."""


def opening_breath(pattern: str, position: str) -> list[str]:
    """An opening breathing practice on ``pattern``, done where the practice starts: its YAML lines."""
    breath = PATTERNS[pattern]
    said = [f"breathe in for {_seconds(breath.inhale_ms)}"]
    said += [f"hold for {_seconds(breath.hold_ms)}"] * bool(breath.hold_ms)
    said += [f"breathe out for {_seconds(breath.exhale_ms)}"]
    said += [f"and hold for {_seconds(breath.hold_out_ms)}"] * bool(breath.hold_out_ms)
    count = (", ".join(said[:-1]) + (", " if len(said) > 2 else " ") + said[-1]).capitalize()
    steps = [
        "Let your body be still and comfortable, your spine long and easy.",
        "Close your eyes, or let your gaze rest softly down.",
        f"We begin with a few slow breaths. {count}.",
        "Follow the cues with me, and let the rest of the body be quiet.",
    ]
    return [
        f"  - name: {json.dumps(f'Opening breath ({pattern})')}",
        f"    position: {position}",
        "    kind: breathing",
        "    focus: [breath]",
        f"    breath: {pattern}",
        "    setup:",
        *[f"      - {json.dumps(s)}" for s in steps],
        "    hold: 4-6 breaths",
        f"    release: {json.dumps('Let the breath go, and breathe as you like.')}",
    ]


def title(focus: tuple[str, ...], length: str, language: str | None) -> str:
    """The practice's title in its language, from the focus areas as the library page names them: "Lower back
    and hips, 20 minutes", "Unterer Rücken und Hüften, 20 Minuten", "Zona lumbar y caderas, 20 minutos"."""
    tag = language or "en"
    w = words(tag)
    names = [w(f"focus.{area}") for area in focus] or [w("compose.whole_body")]
    if tag.split("-")[0] != "de":  # only German writes a noun with a capital inside a title
        names[1:] = [name[:1].lower() + name[1:] for name in names[1:]]
    said = phrases_for(tag).listed(names)
    return w("compose.named", focus=said, n=int(length[:-1])) if length[:-1].isdigit() else said


def description(focus: tuple[str, ...], level: str, props: tuple[str, ...], language: str | None) -> str:
    """What the practice is, in its language, as the library page shows it: "Composed for you. Focus: Lower
    back. Level: Gentle. Props: strap, blanket." ("Für dich zusammengestellt. Schwerpunkt: ...")."""
    tag = language or "en"
    w, said = words(tag), phrases_for(tag)
    german = tag.split("-")[0] == "de"  # German writes its nouns with a capital anywhere

    def inside(name: str) -> str:
        return name if german else name[:1].lower() + name[1:]

    names = [w(f"focus.{area}") for area in focus] or [w("compose.whole_body")]
    kit = ", ".join(inside(w(f"prop.{p}")) for p in props) or said.text("label.no_props")
    colon = " : " if tag.split("-")[0] == "fr" else ": "  # French sets a colon off with a space
    return (
        f"{w('compose.described')} {w('compose.focus')}{colon}{said.listed([names[0], *map(inside, names[1:])])}. "
        f"{w('compose.level')}{colon}{w(f'level.{level}')}. {said.text('label.props')}{colon}{kit}."
    )


def _seconds(ms: int) -> str:
    whole, half = divmod(ms, 1000)
    return number(whole) + (" and a half" if half else "")


def text(
    command: str,
    title: str,
    description: str,
    length: str,
    items: list[Item],
    language: str | None,
    breath: tuple[str, str] | None,
) -> str:
    """The sequence file: its header (the command that makes it again), its settings and its poses, each
    with its reason; ``breath``: (pattern, position) of an opening breathing practice written out."""
    out = [
        f"# {command}",
        "# Composed from the pose library by `voicekit compose`: the same command makes this same file.",
        "# An ordinary practice: change anything, then `voicekit check`, `plan` or `build` it.",
        f"title: {json.dumps(title, ensure_ascii=False)}",
        f"description: {json.dumps(description, ensure_ascii=False)}",
    ]
    out += [f"language: {language}"] if language else []
    out += [
        f"length: {length}                 # the holds are fitted so it lasts this long",
    ]
    if not language:
        out += [
            "intro: >-",
            "  Welcome. Take a moment to arrive: let your breath slow down, and notice how your body feels today.",
            "  Move slowly, and never into pain.",
            "outro: >-",
            "  Take your time to come back. Thank you for practising.",
        ]
    out.append("poses:")
    guided = 0
    for item in items:
        out.append(f"  # {item.why}")
        if item.pose is None:
            assert breath is not None
            out += opening_breath(*breath)
            guided += 1
            continue
        out.append(f"  - use: {item.pose.id}")
        if item.hold:
            out.append(f"    hold: {item.hold}")
        if item.pose.hold.breaths and item.pose.flow is None and item.pose.breath_cues is None:
            guided += len(item.pose.sides) or 1
            if guided > GUIDED_HOLDS:
                out.append("    breath_cues: silent   # the breath is known by now: this hold is quiet")
    return "\n".join(out) + "\n"


def rest_hold(pose: Pose, length_ms: int, share: float) -> tuple[str, int]:
    """The final rest's hold: at least ``share`` of the length (never under its own short end where that
    fits in a sixth of the practice), up to a half again; and its middle, in milliseconds."""
    low = max(1.2 * share * length_ms, min(pose.hold.low, length_ms / 6))  # a margin: fitting may shorten it
    low = -(-low // 30_000) * 30_000
    high = max(pose.hold.high if pose.hold.high <= 1.5 * low else 0, low * 1.5)
    high = -(-high // 30_000) * 30_000
    return f"{format_ms(low)}-{format_ms(high)}", round((low + high) / 2)


def language(asked: str | None, items: list[Item]) -> tuple[str | None, tuple[str, ...]]:
    """The practice's language: the one asked for where the library has every pose in it, else English
    with a line naming the poses it has only in English."""
    if asked is None:
        return None, ()
    english = [
        i.pose.id or "" if i.pose else "the opening breath" for i in items if i.pose is None or not _in(i.pose, asked)
    ]
    if not english:
        return asked, ()
    line = (
        f"--language {asked}: the library has {', '.join(dict.fromkeys(english))} in English only; "
        "the practice is written in English"
    )
    return None, (line,)


def _in(pose: Pose, tag: str) -> bool:
    """Whether the library has ``pose`` in ``tag``: written in it, or translated beside its file (``poses/de/``)."""
    if pose.language == tag:
        return True
    return (
        bool(pose.id and pose.file) and _beside(str(Path(pose.file).parent)).translation(pose.id or "", tag) is not None
    )


@lru_cache(maxsize=8)
def _beside(folder: str) -> Library:
    """The poses of one library folder, with the translations beside them."""
    return Library([Path(folder)])


def save(composed: Composed, output: Path | None = None) -> Path:
    """Write the practice: to ``output`` (refused if it exists), else to the user's practices folder under
    its name, or the name with -2, -3 ... where that is taken; never over a file."""
    if output is not None:
        return _write_new(output, composed.text, refuse=True)
    folder = config_dir() / "practices"
    for n in range(1, 1000):
        path = folder / (composed.name + (f"-{n}" if n > 1 else "") + ".yaml")
        if not path.exists() and not path.is_symlink():
            try:
                return _write_new(path, composed.text, refuse=False)
            except FileExistsError:  # made meanwhile: the next name
                continue
    raise OptionsError(f"{printable(folder)}: no free name for {composed.name}; give -o FILE")


def _write_new(path: Path, text: str, refuse: bool) -> Path:
    if refuse and (path.exists() or path.is_symlink()):
        raise OptionsError(f"{printable(path)} already exists; choose another -o")
    path.parent.mkdir(parents=True, exist_ok=True)
    try:
        with open(path, "x", encoding="utf-8") as f:  # "x": never over a file that appeared meanwhile
            f.write(text)
    except FileExistsError:
        if refuse:
            raise OptionsError(f"{printable(path)} already exists; choose another -o") from None
        raise
    return path
