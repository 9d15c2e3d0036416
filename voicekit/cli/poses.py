"""poses: the pose library, listed (filtered by what each pose is), shown one by one, or as JSON."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

import click

from voicekit.errors import BAD_FILE, OptionsError, describe

if TYPE_CHECKING:
    from voicekit.language.phrases import Phrases
    from voicekit.sequence.model import Pose, Step


def _values(option: str, given: tuple[str, ...], allowed: tuple[str, ...]) -> tuple[str, ...]:
    """An option's values (repeated, or with commas), each one of ``allowed``."""
    found = tuple(v.strip().lower() for value in given for v in value.split(",") if v.strip())
    for value in found:
        if value not in allowed:
            raise OptionsError(f"--{option} {value!r}: choose from {', '.join(allowed)}")
    return found


@click.command()
@click.argument("word", required=False)
@click.option("--show", "show", metavar="ID", help="Print one pose in full.")
@click.option("--json", "as_json", is_flag=True, help="Print the poses as JSON: id, name and every field.")
@click.option("--focus", multiple=True, metavar="AREA", help="Only poses that work on it (lower-back, hips, ...).")
@click.option("--position", multiple=True, metavar="POSITION", help="Only poses done there (supine, chair, ...).")
@click.option("--kind", multiple=True, metavar="KIND", help="Only poses of this kind (stretch, rest, ...).")
@click.option("--level", multiple=True, metavar="LEVEL", help="Only poses this strong (gentle, moderate, strong).")
@click.option("--avoid", multiple=True, metavar="CONDITION", help="Leave out poses to avoid with it (pregnancy, ...).")
@click.option("--language", metavar="TAG", help="Texts in this language (de, pt-BR, ...).")
def poses(word, show, as_json, focus, position, kind, level, avoid, language):
    """List the pose library (shipped and your own), or the poses whose id, name or props have WORD; the
    filters take a value or several (repeated, or with commas)."""
    from voicekit.language.phrases import normal_tag, phrases_for
    from voicekit.places import SHIPPED_DIR
    from voicekit.sequence import catalogue
    from voicekit.sequence.library import Library, Wanted, default_sources, record
    from voicekit.sequence.translations import tags_for

    wanted = Wanted(
        _values("focus", focus, catalogue.FOCUS),
        _values("position", position, catalogue.POSITIONS),
        _values("kind", kind, catalogue.KINDS),
        _values("level", level, catalogue.LEVELS),
        _values("avoid", avoid, catalogue.AVOID),
    )
    tag = normal_tag(language or "en")
    if tag is None:
        raise OptionsError(f"--language {language!r}: give a language tag such as de, fr or pt-BR")
    library = Library(default_sources())
    for each in tags_for(tag):
        library.translated(each)  # a translation file that cannot be read is an error, here as in a build
    if show:
        if show not in library.entries:
            raise OptionsError(f"no pose {show!r} in the library; {library.suggest(show)}`voicekit poses` lists them")
        pose = library.pose(show, language=tag)
        click.echo(_pose_text(pose, Path(pose.file), SHIPPED_DIR))
        return
    rows, bad = [], {str(file): why for file, why in library.unreadable.items()}  # one bad entry: one line
    for pose_id in library.ids():
        try:
            rows.append(library.pose(pose_id, language=tag))
        except BAD_FILE as e:
            bad[pose_id] = describe(e, library.entries[pose_id].file)
    if word:
        w = word.lower()
        rows = [p for p in rows if w in " ".join([p.id or "", p.name, *p.names, *p.props]).lower()]
    rows = [p for p in rows if wanted.admits(p)]
    if as_json:
        import json

        errors = [{"id": what, "error": why} for what, why in bad.items()]
        click.echo(json.dumps([record(p) for p in rows] + errors, indent=2, ensure_ascii=False))
        return
    said = phrases_for(tag)
    for p in rows:
        click.echo(f"{p.id:<34} {p.name:<40} {_hold(p, said)}  ({_props(p, said)})")
    for what, why in bad.items():
        click.echo(f"{what:<34} (cannot be read: {why})")
    unread = f"; {len(bad)} cannot be read" if bad else ""
    click.echo(f"{len(rows)} pose{'s' * (len(rows) != 1)}{unread}; `voicekit poses --show ID` prints one in full")


def _props(pose: Pose, said: Phrases) -> str:
    """The props in the listing's language, as the pages name them ("Gurt, Decke"; "Hilfsmittel: keine");
    English as ids."""
    if said.tag == "en":
        return ", ".join(pose.props) or "no props"
    from voicekit.language.page import words

    w = words(said.tag)
    return ", ".join(w(f"prop.{p}") for p in pose.props) or f"{said.text('label.props')}: {said.text('label.no_props')}"


def _hold(pose: Pose, said: Phrases) -> str:
    """The hold in the words of the listing's language: "5-8 respiraciones", "6 rondas"."""
    return pose.hold.shown("rounds" if pose.flow else "breaths", said)


def _pose_text(pose: Pose, file: Path, root: Path) -> str:
    from voicekit.language.phrases import phrases_for

    said = phrases_for(pose.language)
    where = file.relative_to(root) if file.is_relative_to(root) else file
    out = [f"{pose.name}  [{pose.id}, {where}]"]
    if pose.names:
        out.append(f"  also: {', '.join(pose.names)}")
    kinds = [f"{k}: {v}" for k, v in (("position", pose.position), ("kind", pose.kind), ("level", pose.level)) if v]
    out += [f"  {'    '.join(kinds)}"] if kinds else []
    lists = (("focus", pose.focus), ("avoid", pose.avoid), ("counter", pose.counter))
    out += [f"  {key}: {', '.join(values)}" for key, values in lists if values]
    out.append(f"  props: {', '.join(pose.props) or 'none'}    hold: {_hold(pose, said)}")
    if pose.sides:
        sides = ", ".join(said.side(s) for s in pose.sides)
        out.append(f"  sides: {sides}    transition: {pose.transition or said.text('transition')}")
    if pose.transition_in is False:
        out.append("  moves in by its own first steps (transition_in: false)")
    elif isinstance(pose.transition_in, str):
        out.append(f"  moving in: {pose.transition_in}")
    out += ["  set-up:"] + [f"    {i}. {_step(s)}" for i, s in enumerate(pose.setup, 1)]
    if pose.second_side:
        out += ["  second side:"] + [f"    {i}. {_step(s)}" for i, s in enumerate(pose.second_side, 1)]
    moves = pose.flow.movements if pose.flow else ()
    out += (
        ["  flow:"] + [f"    {m.phase}: {m.say}" + (f" / {m.short}" if m.short else "") for m in moves] if moves else []
    )
    out += ["  reminders:"] + [f"    - {r}" for r in pose.reminders] if pose.reminders else []
    out += [f"  release: {pose.release}"] if pose.release else []
    marks = [f"    ! {c.text}{' (spoken)' if c.spoken else ''}" for c in pose.cautions]
    out += ["  cautions:", *marks] if marks else []
    return "\n".join(out)


def _step(step: Step) -> str:
    notes = [f"move {step.move_ms / 1000:g}s"] * bool(step.move_ms) + ["first side only"] * step.first_side
    return step.text + (f"  ({', '.join(notes)})" if notes else "")
