"""Command line: a thin click layer over voicekit.pipeline. Errors become one line and exit status 2."""

from __future__ import annotations

import os
import sys
from pathlib import Path

import click

from voicekit import __version__
from voicekit.errors import VoicekitError

EXAMPLES = """
\b
Examples:
  voicekit build sequences/lumbar-release.yaml
  voicekit build sequences/lumbar-release.yaml --holds short
  voicekit build sequences/lumbar-release.yaml --hold 1=6m --hold "reclining twist=8 breaths"
  voicekit build sequences/lumbar-release.yaml --scale 1.5 --breath 12 -o ~/long.mp3
  voicekit plan sequences/lumbar-release.yaml --holds long
  voicekit check sequences/my-practice.yaml
"""


def build_options(f):
    """The options shared by build and plan."""
    decorators = [
        click.option(
            "--holds",
            type=click.Choice(["short", "medium", "long"]),
            default="medium",
            show_default=True,
            help="Which end of each hold range to use.",
        ),
        click.option(
            "--hold",
            "hold",
            multiple=True,
            metavar="POSE=DURATION",
            help="Override one pose's hold (pose by name or number), e.g. 2=8m. Repeatable.",
        ),
        click.option("--scale", type=float, default=1.0, show_default=True, help="Multiply every hold."),
        click.option("--breath", "breath_s", type=float, metavar="SECONDS", help="Length of one breath cycle."),
        click.option("--engine", help="Speech engine (see `voicekit voices`)."),
        click.option("--voice", help="Voice id of the engine."),
        click.option("--rate", type=int, help="Words per minute (default 140)."),
        click.option(
            "--cache-dir",
            type=click.Path(file_okay=False),
            envvar="VOICEKIT_CACHE_DIR",
            help="Where synthesized clips are kept [env: VOICEKIT_CACHE_DIR].",
        ),
    ]
    for decorate in reversed(decorators):
        f = decorate(f)
    return f


def _options(holds, hold, scale, breath_s, engine, voice, rate):
    from voicekit.plan.options import BuildOptions, parse_hold_option

    return BuildOptions(
        holds=holds,
        hold=tuple(parse_hold_option(h) for h in hold),
        scale=scale,
        breath_s=breath_s,
        engine=engine,
        voice=voice,
        rate=rate,
    )


@click.group(epilog=EXAMPLES, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="voicekit")
@click.option("--debug", is_flag=True, help="Show the full traceback on errors.")
def cli(debug: bool) -> None:
    """Build guided practice audio (yoga, relaxation) from a YAML sequence, offline."""


@cli.command(epilog=EXAMPLES)
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
        _options(**opts),
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
    lines = [
        f"{result.output}  {format_ms(result.timeline.total)}, {result.size / 1e6:.1f} MB, "
        f"{poses} pose{'s' * (poses != 1)} ({result.synthesized} new clips, {result.seconds:.1f}s)"
    ]
    lines += [f"{path}" for path in result.companions]
    lines.append("chapters:")
    lines += [f"  {format_ms(c.start):>8}  {c.title}" for c in result.timeline.chapters]
    return "\n".join(lines)


@cli.command(epilog=EXAMPLES)
@click.argument("sequence", type=click.Path(dir_okay=True, path_type=Path))
@build_options
@click.option("--json", "as_json", is_flag=True, help="Print the cues as JSON.")
def plan(sequence, as_json, cache_dir, **opts):
    """Show the timeline a build would play, without synthesizing."""
    from voicekit.pipeline import check, plan_of

    practice = check(sequence, _options(**opts), cache_dir)
    timeline = plan_of(practice, cache_dir)
    if as_json:
        from voicekit.output.companions import plan_document, to_json
        from voicekit.output.metadata import settings

        click.echo(to_json(plan_document(timeline, settings(practice))), nl=False)
    else:
        click.echo(timeline.table())


@cli.command()
@click.argument("sequence", type=click.Path(dir_okay=True, path_type=Path))
@click.option(
    "--cache-dir",
    type=click.Path(file_okay=False),
    envvar="VOICEKIT_CACHE_DIR",
    help="Where synthesized clips are kept [env: VOICEKIT_CACHE_DIR].",
)
def check(sequence, cache_dir):
    """Validate SEQUENCE (its holds, texts, engine and voice) and report the first problem."""
    from voicekit.pipeline import check as run

    n = len(run(sequence, cache_dir=cache_dir).poses)
    click.echo(f"{sequence}: ok ({n} pose{'s' * (n != 1)})")


@cli.command()
@click.option("--engine", help="List only this engine's voices [default: every engine].")
def voices(engine):
    """List the voices of every installed speech engine (use one with --engine and --voice)."""
    from voicekit.speech.engines import canonical, engine_names
    from voicekit.speech.engines.worker import list_voices

    names = [canonical(engine)] if engine else [n for n in engine_names() if n != "fake"]
    for name in names:
        try:
            found = list_voices(name)
        except VoicekitError as e:
            if engine:
                raise
            click.echo(f"{name}: not available ({e})")
            continue
        if not engine:
            click.echo(f"{name}:")
        for v in found:
            langs = f"  [{', '.join(v.languages)}]" if v.languages else ""
            click.echo(f"{'  ' if not engine else ''}{v.id:<28} {v.name}{langs}")


def main(argv: list[str] | None = None) -> None:
    """Console entry point: runs the CLI with one error boundary (``--debug`` shows the traceback instead)."""
    args = sys.argv[1:] if argv is None else argv
    debug = False
    try:
        with cli.make_context("voicekit", list(args)) as ctx:
            debug = ctx.params["debug"]
            cli.invoke(ctx)
    except click.exceptions.Exit as e:  # --help, --version
        sys.exit(e.exit_code)
    except BrokenPipeError:  # `voicekit voices | head`: the reader has what it wanted
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        sys.exit(141)
    except VoicekitError as e:
        if debug:
            raise
        click.echo(f"voicekit: error: {e}", err=True)
        sys.exit(2)
    except OSError as e:  # a folder that is a file, a full disk, no permission: say which path
        if debug:
            raise
        where = f"{e.filename}: " if e.filename else ""
        click.echo(f"voicekit: error: {where}{e.strerror or e}", err=True)
        sys.exit(2)
    except click.exceptions.Abort:
        click.echo("voicekit: interrupted", err=True)
        sys.exit(130)
    except click.ClickException as e:
        e.show()
        sys.exit(2 if e.exit_code else 0)
    except KeyboardInterrupt:
        click.echo("voicekit: interrupted", err=True)
        sys.exit(130)
    sys.exit(0)
