"""What the commands share: the options of build and plan, and the examples in --help."""

from __future__ import annotations

import click

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


def options_of(holds, hold, scale, breath_s, engine, voice, rate):
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


def cache_dir_option(f):
    """--cache-dir, also from $VOICEKIT_CACHE_DIR."""
    return click.option(
        "--cache-dir",
        type=click.Path(file_okay=False),
        envvar="VOICEKIT_CACHE_DIR",
        help="Where synthesized clips are kept [env: VOICEKIT_CACHE_DIR].",
    )(f)
