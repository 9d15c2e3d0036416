"""poses, practices, new, schema, phrases and import: the library, the shelf, and ways to start a practice."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

import click

from voicekit.errors import BAD_FILE, OptionsError, describe

if TYPE_CHECKING:
    from voicekit.sequence.model import Pose


@click.command()
@click.argument("word", required=False)
@click.option("--show", "show", metavar="ID", help="Print one pose in full.")
def poses(word, show):
    """List the pose library (shipped and your own), or the poses whose id, name or props have WORD."""
    from voicekit.places import SHIPPED_DIR
    from voicekit.sequence.library import Library, default_sources

    library = Library(default_sources())
    if show:
        if show not in library.entries:
            raise OptionsError(f"no pose {show!r} in the library; {library.suggest(show)}`voicekit poses` lists them")
        click.echo(_pose_text(library.pose(show), library.entries[show].file, SHIPPED_DIR))
        return
    rows, bad = [], {str(file): why for file, why in library.unreadable.items()}  # one bad entry: one line
    for pose_id in library.ids():
        try:
            rows.append(library.pose(pose_id))
        except BAD_FILE as e:
            bad[pose_id] = describe(e, library.entries[pose_id].file)
    if word:
        w = word.lower()
        rows = [p for p in rows if w in " ".join([p.id or "", p.name, *p.names, *p.props]).lower()]
    for p in rows:
        props = ", ".join(p.props) or "no props"
        click.echo(f"{p.id:<34} {p.name:<40} {_hold(p)}  ({props})")
    for what, why in bad.items():
        click.echo(f"{what:<34} (cannot be read: {why})")
    unread = f"; {len(bad)} cannot be read" if bad else ""
    click.echo(f"{len(rows)} pose{'s' * (len(rows) != 1)}{unread}; `voicekit poses --show ID` prints one in full")


def _hold(pose: Pose) -> str:
    from voicekit.sequence.durations import format_ms

    h = pose.hold
    if h.phase:
        return h.phase
    if h.breaths:
        counted = "rounds" if pose.flow else "breaths"
        return f"{h.low:g}-{h.high:g} {counted}" if h.low != h.high else f"{h.low:g} {counted}"
    return f"{format_ms(h.low)}-{format_ms(h.high)}" if h.low != h.high else format_ms(h.low)


def _pose_text(pose: Pose, file: Path, root: Path) -> str:
    from voicekit.language.phrases import phrases_for

    where = file.relative_to(root) if file.is_relative_to(root) else file
    out = [f"{pose.name}  [{pose.id}, {where}]"]
    if pose.names:
        out.append(f"  also: {', '.join(pose.names)}")
    out.append(f"  props: {', '.join(pose.props) or 'none'}    hold: {_hold(pose)}")
    if pose.sides:
        said = phrases_for(pose.language)
        sides = ", ".join(said.side(s) for s in pose.sides)
        out.append(f"  sides: {sides}    transition: {pose.transition or said.text('transition')}")
    out += ["  set-up:"] + [f"    {i}. {s}" for i, s in enumerate(pose.setup, 1)]
    moves = pose.flow.movements if pose.flow else ()
    out += (
        ["  flow:"] + [f"    {m.phase}: {m.say}" + (f" / {m.short}" if m.short else "") for m in moves] if moves else []
    )
    out += ["  reminders:"] + [f"    - {r}" for r in pose.reminders] if pose.reminders else []
    out += [f"  release: {pose.release}"] if pose.release else []
    out += ["  cautions (not spoken):"] + [f"    ! {c}" for c in pose.cautions] if pose.cautions else []
    return "\n".join(out)


@click.command()
def practices():
    """List the practices you can build by name: the shipped ones and your own."""
    from voicekit.plan.listing import shelf

    for name, p, why in shelf():
        if p is None:
            click.echo(f"{name:<22} (cannot be read: {why})")
            continue
        short, medium, long = (round(ms / 60_000) for ms in p.lengths_ms)
        mine = "  (yours)" if p.mine else ""
        mine += f"  [{p.language}]" if p.language != "en" else ""
        span = (
            f"about {medium} minutes"
            if short == long
            else f"{short} to {long} minutes (about {medium} at medium holds)"
        )
        click.echo(f"{name:<22} {p.title}{mine}\n{'':<22} {span}; props: {', '.join(p.props) or 'none'}")


@click.command()
@click.argument("name")
@click.option("--from", "source", metavar="PRACTICE", help="Start from a copy of this practice (name or file).")
@click.option("-o", "--output", type=click.Path(path_type=Path), help="Where to write it [default: your practices].")
def new(name, source, output):
    """Write a new practice NAME to edit: a commented starter, or a copy of a practice; never over a file."""
    from voicekit.files import printable
    from voicekit.places import config_dir
    from voicekit.sequence import schema
    from voicekit.sequence.shelf import find
    from voicekit.sequence.starter import copy_of, starter

    if not name.replace("-", "").replace("_", "").isalnum():
        raise OptionsError(f"{name!r}: a practice's name is letters, digits, - and _ (it names its file)")
    path = output or config_dir() / "practices" / f"{name}.yaml"
    if path.exists() or path.is_symlink():
        raise OptionsError(f"{printable(path)} already exists; choose another name or -o")
    schema_file = schema.FOLDER / schema.FILES["sequence"]
    text = copy_of(find(source), name, schema_file, path) if source else starter(name, schema_file)
    path.parent.mkdir(parents=True, exist_ok=True)
    try:
        with open(path, "x", encoding="utf-8") as f:  # "x": never over a file that appeared meanwhile
            f.write(text)
    except FileExistsError:
        raise OptionsError(f"{printable(path)} already exists; choose another name or -o") from None
    click.echo(str(path))


@click.command()
@click.argument("language", default="en")
def phrases(language):
    """Print what voicekit says and writes in LANGUAGE (a tag: de, es, fr, it, nl, pt, pt-BR; default en) as a
    phrases: block: copy the ones to change into a practice, or translate them all for a language of your own."""
    import json

    from voicekit.language import en
    from voicekit.language.phrases import BUILT_IN, normal_tag, phrases_for
    from voicekit.language.phrases import language as table_of

    if normal_tag(language) is None:
        raise OptionsError(f"phrases {language!r}: not a language tag; give one such as {', '.join(BUILT_IN)} or pt-BR")
    language = language.strip().replace("_", "-")  # as written, in BCP 47's form
    table = table_of(language)
    said = phrases_for(language if table else "en")
    if table:
        head = f"# What voicekit says and writes in {table.name} ({language}); a practice's phrases: overrides any."
    else:
        head = f"# voicekit's phrases in English, to translate: a practice in {language} writes them all in phrases:."
    out = [head, "phrases:"]
    out += [f"  {key}: {json.dumps(said.text(key), ensure_ascii=False)}" for key in said.table.phrases]
    out += [f"  side.{s}: {json.dumps(said.side(s), ensure_ascii=False)}" for s in ("right", "left")]
    if table and table.tag != "en":  # its rules, shown by what they say; an override is a template of digits
        examples = [said.count(1), said.count(21), said.round(2, 3), said.time_left(60_000), said.time_left(90_000)]
        out.append(f"  # count, round and time_left follow {table.name} grammar: {' / '.join(examples)}")
    else:
        out += [f"  {key}: {json.dumps(text)}" for key, text in en.TEMPLATES.items()]
    click.echo("\n".join(out))


@click.command()
@click.option("--poses", "kind", flag_value="poses", help="The schema of a pose file.")
@click.option("--sequence", "kind", flag_value="sequence", default=True, help="The schema of a sequence file.")
def schema(kind):
    """Print the JSON Schema of sequence files (or pose files), for editors that complete keys."""
    from voicekit.sequence import schema as schemas

    click.echo(schemas.text(kind), nl=False)


@click.command(name="import")
@click.argument("file", type=click.Path(path_type=Path))
@click.option("-o", "--output", type=click.Path(path_type=Path), help="The sequence to write [default: NAME.yaml].")
def import_(file, output):
    """Convert a simple program (lines of `text; seconds`, `text | seconds`, or plain lines) to a sequence."""
    from voicekit.files import printable
    from voicekit.pipeline import imported

    text = imported(file)
    path = output or file.with_suffix(".yaml")
    if path.exists():
        raise OptionsError(f"{printable(path)} already exists; choose another -o")
    with open(path, "x", encoding="utf-8") as f:
        f.write(text)
    click.echo(str(path))
