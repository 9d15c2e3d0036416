"""compose: a new practice made from the pose library to a person's request, written, then planned (or built)."""

from __future__ import annotations

from pathlib import Path

import click


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
    from voicekit.cli.practice import fitted_holds, summary
    from voicekit.compose import Request, save
    from voicekit.compose import compose as make
    from voicekit.pipeline import build, check
    from voicekit.plan.options import parse_length_option
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
