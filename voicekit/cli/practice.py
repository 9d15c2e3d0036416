"""build, plan and check: a practice made, shown, or validated."""

from __future__ import annotations

from pathlib import Path

import click

from voicekit.cli.common import EXAMPLES, build_options, cache_dir_option, options_of


@click.command(epilog=EXAMPLES)
@click.argument("sequence", type=click.Path(dir_okay=True, path_type=Path))
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
@click.option("-q", "--quiet", is_flag=True, help="No progress and no summary, only errors.")
def build(sequence, output, fmt, companions, quiet, cache_dir, **opts):
    """Build the audio file for SEQUENCE."""
    from voicekit.pipeline import build as run
    from voicekit.progress import Progress

    result = run(
        sequence,
        options_of(**opts),
        output=output,
        fmt=fmt,
        cache_dir=cache_dir,
        progress=Progress(enabled=None if not quiet else False),
        companions=companions,
    )
    for warning in result.warnings:
        click.echo(f"warning: {warning}", err=True)
    if not quiet:
        click.echo(summary(result))


def summary(result) -> str:
    """What a build made: the files, the length and size, and where each chapter starts."""
    from voicekit.sequence.durations import format_ms

    poses = len(result.sequence.poses)
    voice = result.practice.voice
    lines = [
        f"{result.output}  {format_ms(result.timeline.total)}, {result.size / 1e6:.1f} MB, "
        f"{poses} pose{'s' * (poses != 1)} ({result.synthesized} new clips, {result.seconds:.1f}s)",
        f"voice: {voice.engine} {voice.id or '(the system default voice)'}, {voice.rate} words a minute",
    ]
    lines += [f"{path}" for path in result.companions]
    lines.append("chapters:")
    lines += [f"  {format_ms(c.start):>8}  {c.title}" for c in result.timeline.chapters]
    return "\n".join(lines)


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
        click.echo(timeline.table())


@click.command()
@click.argument("sequence", type=click.Path(dir_okay=True, path_type=Path))
@cache_dir_option
def check(sequence, cache_dir):
    """Validate SEQUENCE (its holds, texts, engine and voice) and report the first problem."""
    from voicekit.pipeline import check as run

    n = len(run(sequence, cache_dir=cache_dir).poses)
    click.echo(f"{sequence}: ok ({n} pose{'s' * (n != 1)})")
