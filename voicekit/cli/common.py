"""What the commands share: the options of build and plan, and the examples in --help."""

from __future__ import annotations

import click

from voicekit.errors import describe

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


guidance_option = click.option(
    "--guidance",
    metavar="quiet|guided|full",  # checked with the other options (plan/options.py): --help stays light
    help="How much is said: quiet (set-up and transitions, holds silent), guided, or full (every breath of "
    "a short hold, every reminder) [default: the sequence's guidance, else guided].",
)


def build_options(f):
    """The options shared by build and plan."""
    decorators = [
        click.option(
            "--holds",
            default="medium",
            show_default=True,
            metavar="short|medium|long",
            help="Which end of each hold range to use (build: a list such as short,long makes one file each).",
        ),
        click.option(
            "--length",
            metavar="DURATION",
            help="Fit every hold so the session lasts this long, e.g. 20m (build: a list such as 10m,20m).",
        ),
        click.option(
            "--hold",
            "hold",
            multiple=True,
            metavar="POSE=DURATION",
            help="Override one pose's hold (pose by name or number), e.g. 2=8m. Repeatable.",
        ),
        click.option("--scale", type=float, default=1.0, show_default=True, help="Multiply every hold."),
        click.option(
            "--breath",
            "breath_s",
            type=float,
            metavar="SECONDS",
            help="Length of one breath cycle; every breath pattern keeps its proportions.",
        ),
        guidance_option,
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


def options_of(holds, length, hold, scale, breath_s, engine, voice, rate, guidance=None):
    """The build options of one version (plan takes one ``--holds`` and one ``--length``)."""
    found = variants_of(holds, length, hold, scale, breath_s, engine, voice, rate, guidance)
    if len(found) > 1:
        raise click.UsageError("plan shows one version: give one --holds and at most one --length")
    return found[0][1]


def variants_of(holds, length, hold, scale, breath_s, engine, voice, rate, guidance=None):
    """[(name, options)]: a version per hold choice or per length in the lists given (name "" for one)."""
    from dataclasses import replace

    from voicekit.plan.option_text import parse_hold_option, parse_length_option, parse_list
    from voicekit.plan.options import BuildOptions

    base = BuildOptions(
        overrides=tuple(parse_hold_option(h) for h in hold),
        scale=scale,
        breath_s=breath_s,
        guidance=guidance,
        engine=engine,
        voice=voice,
        rate=rate,
    )
    choices = parse_list("--holds", holds, "short,long")
    lengths = parse_list("--length", length, "10m,20m") if length else []
    if lengths and len(choices) > 1:
        raise click.UsageError("--length fits the holds itself: give a list of lengths or of --holds, not both")
    if lengths:
        found = [(text, replace(base, length_ms=parse_length_option(text))) for text in lengths]
    else:
        found = [(choice, replace(base, holds=choice)) for choice in choices]
    return [("" if len(found) == 1 else name, options) for name, options in found]


def cache_dir_option(f):
    """--cache-dir, also from $VOICEKIT_CACHE_DIR."""
    return click.option(
        "--cache-dir",
        type=click.Path(file_okay=False),
        envvar="VOICEKIT_CACHE_DIR",
        help="Where synthesized clips are kept [env: VOICEKIT_CACHE_DIR].",
    )(f)


def error_line(e: BaseException, file: object = None) -> str:
    """One of errors.BAD_FILE as the one line the user reads (naming ``file`` if it does not say which)."""
    return f"voicekit: error: {describe(e, file)}"
