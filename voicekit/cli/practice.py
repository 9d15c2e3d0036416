"""build, plan and check: a practice made, shown, or validated."""

from __future__ import annotations

import gc
from pathlib import Path
from typing import TYPE_CHECKING

import click

from voicekit.cli.common import EXAMPLES, build_options, cache_dir_option, options_of, variants_of

if TYPE_CHECKING:
    from voicekit.plan.options import BuildOptions


@click.command(epilog=EXAMPLES)
@click.argument("sequences", nargs=-1, required=True, type=click.Path(dir_okay=True, path_type=Path))
@build_options
@click.option("-o", "--output", type=click.Path(path_type=Path), help="Output file [default: output/NAME.mp3].")
@click.option(
    "--format", "fmt", type=click.Choice(["mp3", "m4a", "wav"]), help="Audio format [default: from -o, else mp3]."
)
@click.option(
    "--companions/--no-companions",
    default=True,
    show_default=True,
    help="Also write NAME.md (cue sheet), NAME.lrc, NAME.vtt and NAME.json beside the audio.",
)
@click.option("--watch", is_flag=True, help="Build again whenever the sequence or a pose file it uses changes.")
@click.option("-q", "--quiet", is_flag=True, help="No progress and no summary, only errors.")
def build(sequences, output, fmt, companions, watch, quiet, cache_dir, **opts):
    """Build the audio file for each SEQUENCE (a file, or a practice's name), one per version asked for."""
    versions = variants_of(**opts)
    if output is not None and len(sequences) * len(versions) > 1:
        raise click.UsageError("-o names one file; several files go to output/NAME-VERSION.mp3")
    if watch:
        from voicekit.cli.watching import watch_and_build

        if len(sequences) > 1:
            raise click.UsageError("--watch follows one sequence")
        watch_and_build(sequences[0], lambda: _build_all(sequences, versions, output, fmt, companions, quiet,
                                                         cache_dir, True))  # fmt: skip
        return
    _build_all(sequences, versions, output, fmt, companions, quiet, cache_dir, False)


def _build_all(
    sequences: tuple[Path, ...],
    versions: list[tuple[str, BuildOptions]],
    output: Path | None,
    fmt: str | None,
    companions: bool,
    quiet: bool,
    cache_dir: Path | None,
    brief: bool,
) -> None:
    """Each sequence in each version, every one checked before any is built: the full summary for one
    file, a line each for several."""
    from voicekit.cli.report import line, summary
    from voicekit.output.targets import check_apart
    from voicekit.pipeline import load, make, prepare
    from voicekit.progress import Progress

    if not brief:  # one build, then the process ends (--watch builds on, and its garbage must go)
        gc.freeze()  # what is imported lives as long as the process: the collector skips it (3% of a warm rebuild)
    several = brief or len(sequences) * len(versions) > 1
    jobs = []
    for sequence in sequences:
        loaded = load(sequence, cache_dir)
        for name, options in versions:
            job = prepare(loaded, options, output, fmt, cache_dir, companions, name)
            jobs.append((f"{sequence} ({name})" if name else str(sequence), job))
    check_apart([(what, job.outputs) for what, job in jobs])
    for _, job in jobs:
        result = make(job, Progress(enabled=None if not quiet else False))
        for warning in result.warnings:
            click.echo(f"warning: {warning}", err=True)
        if not quiet:
            click.echo(line(result) if several else summary(result))


@click.command(epilog=EXAMPLES)
@click.argument("sequence", type=click.Path(dir_okay=True, path_type=Path))
@build_options
@click.option("--json", "as_json", is_flag=True, help="Print the cues as JSON.")
def plan(sequence, as_json, cache_dir, **opts):
    """Show the timeline a build would play, without synthesizing."""
    from voicekit.pipeline import check, plan_of

    practice = check(sequence, options_of(**opts), cache_dir)
    timeline = plan_of(practice, cache_dir)
    if as_json:
        from voicekit.output.companions import plan_document, to_json
        from voicekit.output.metadata import settings

        click.echo(to_json(plan_document(timeline, settings(practice))), nl=False)
    else:
        if practice.fitted_ms is not None:
            from voicekit.cli.report import fitted_holds

            click.echo(fitted_holds(practice) + "\n")
        click.echo(timeline.table())


@click.command()
@click.argument("sequence", type=click.Path(dir_okay=True, path_type=Path))
@cache_dir_option
@click.option("--strict", is_flag=True, help="Exit with status 1 when there is any warning (2: an error).")
def check(sequence, cache_dir, strict):
    """Validate SEQUENCE (its holds, texts, engine and voice) and report the first problem; then what a
    listener would stumble on, a warning a line (file:line: warning: ...)."""
    from voicekit.pipeline import check as run
    from voicekit.pipeline import teaching

    practice = run(sequence, cache_dir=cache_dir)
    found = teaching(practice, cache_dir)
    for finding in found:
        click.echo(str(finding), err=True)
    n, voice = len(practice.poses), practice.voice
    spoken = f"{voice.engine} {voice.id}" if voice.id else f"{voice.engine} (the system's default voice)"
    warned = f", {len(found)} warning{'s' * (len(found) != 1)}" if found else ""
    click.echo(f"{sequence}: ok ({n} pose{'s' * (n != 1)}, spoken by {spoken}){warned}")
    if strict and found:
        raise click.exceptions.Exit(1)
