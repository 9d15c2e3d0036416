"""practices, new, compose, schema, phrases and import: the shelf, and ways to start a practice (poses:
``poses.py``)."""

from __future__ import annotations

import os
from pathlib import Path

import click

from voicekit.errors import OptionsError


@click.command()
@click.option("--language", metavar="TAG|all", help="The practices in this language (de, pt-BR, ...), or all "
              "[default: your locale's where voicekit speaks it, else English].")  # fmt: skip
def practices(language):
    """List the practices you can build by name, the shipped ones and your own, in one language: each with
    the languages it is also in."""
    from voicekit.language.phrases import normal_tag
    from voicekit.language.preferred import of_locale
    from voicekit.plan.listing import ALL, in_language, shelf

    tag = ALL if language and language.strip().lower() == ALL else normal_tag(language or of_locale(os.environ))
    if tag is None:
        raise OptionsError(f"--language {language!r}: give a language tag such as de, fr or pt-BR, or all")
    listed, elsewhere = in_language(shelf(), tag)
    for row in listed:
        name, p = row.name, row.listing
        if p is None:
            click.echo(f"{name:<22} (cannot be read: {row.why})")
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
        if row.also_in and tag != ALL:
            click.echo(f"{'':<22} also in: {' '.join(dict.fromkeys(lang for lang, _ in row.also_in))}")
    if elsewhere:
        some = f"{elsewhere} practice{'s' * (elsewhere != 1)}"
        click.echo(f"{some} only in other languages: `voicekit practices --language all` lists every one")


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
@click.option("--length", required=True, metavar="DURATION", help="How long, 5 to 90 minutes, e.g. 20m.")
@click.option("--focus", multiple=True, metavar="AREA", help="What to work on (lower-back, hips, ...). Repeatable.")
@click.option("--level", default="moderate", show_default=True, metavar="gentle|moderate|strong", help="How strong.")
@click.option("--props", "props", default="none", show_default=True, metavar="none|all|LIST", help="Props you have.")
@click.option("--no-floor", is_flag=True, help="Standing and on a chair only.")
@click.option("--lying", is_flag=True, help="Lying only (nothing standing): for bed or a tired body.")
@click.option("--avoid", multiple=True, metavar="CONDITION", help="No pose to avoid with it (pregnancy, ...).")
@click.option("--exclude", multiple=True, metavar="POSE", help="Never this pose. Repeatable.")
@click.option("--include", multiple=True, metavar="POSE", help="Always this pose. Repeatable.")
@click.option("--breath", metavar="PATTERN", help="Open with breathing: box, 4-7-8, coherent, extended-exhale, calm.")
@click.option("--language", metavar="TAG", help="Write it in this language where the library has its poses.")
@click.option("--seed", type=int, help="Make this very practice again [default: from the date and the request].")
@click.option("-o", "--output", type=click.Path(path_type=Path), help="Where to write it [default: your practices].")
@click.option("--build", "and_build", is_flag=True, help="Build it at once (as `voicekit build` would).")
def compose(length, focus, level, props, no_floor, lying, avoid, exclude, include, breath, language, seed, output,
            and_build):  # fmt: skip
    """Compose a new practice from the pose library: the length, focus and level you ask for, nothing you
    rule out. Writes it (never over a file), prints its path and its plan; a new one each day."""
    from voicekit.cli.report import fitted_holds, summary
    from voicekit.pipeline import build, check
    from voicekit.plan.compose import Request, save
    from voicekit.plan.compose import compose as make
    from voicekit.plan.option_text import parse_length_option
    from voicekit.progress import Progress

    request = Request(
        parse_length_option(length), focus, level.strip().lower(), (props,), no_floor, lying, avoid, exclude,
        include, breath and breath.strip().lower(), language, seed,
    )  # fmt: skip
    composed = make(request)
    for warning in composed.warnings:
        click.echo(f"warning: {warning}", err=True)
    path = save(composed, output)
    click.echo(str(path))
    if and_build:
        click.echo(summary(build(path, progress=Progress(enabled=None))))
        return
    practice = check(path)
    click.echo(fitted_holds(practice))
    click.echo(f"`voicekit plan {path}` shows every cue; `voicekit build {path}` makes the audio")


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
@click.option("--translation", "kind", flag_value="translation", help="The schema of a pose file's translation.")
@click.option("--sequence", "kind", flag_value="sequence", default=True, help="The schema of a sequence file.")
def schema(kind):
    """Print the JSON Schema of sequence files (or pose files, or their translations), for editors that complete
    keys."""
    from voicekit.sequence import schema as schemas

    click.echo(schemas.text(kind), nl=False)


@click.command(name="import")
@click.argument("file", type=click.Path(path_type=Path))
@click.option("-o", "--output", type=click.Path(path_type=Path), help="The sequence to write [default: NAME.yaml].")
def import_(file, output):
    """Convert a simple program (lines of `text; seconds`, `text | seconds`, or plain lines) to a sequence."""
    from voicekit.files import printable
    from voicekit.pipeline.sample import imported

    text = imported(file)
    path = output or file.with_suffix(".yaml")
    if path.exists():
        raise OptionsError(f"{printable(path)} already exists; choose another -o")
    with open(path, "x", encoding="utf-8") as f:
        f.write(text)
    click.echo(str(path))
