"""voices and say: what each engine can speak with, and a sample of any text in any voice."""

from __future__ import annotations

from pathlib import Path

import click

from voicekit.cli.common import cache_dir_option
from voicekit.errors import VoicekitError


@click.command()
@click.option("--engine", help="List only this engine's voices [default: every engine].")
@click.option(
    "--download",
    metavar="NAME",
    help="Install a Piper voice from the Piper voices repository, e.g. de_DE-thorsten-medium, or the one "
    "recommended for a language: de, es, fr, it, nl, pt, pt-BR.",
)
def voices(engine, download):
    """List the voices of every installed speech engine (use one with --engine and --voice), or download
    a Piper voice: a practice in its language then speaks with it.

    \b
    Examples:
      voicekit voices --engine pyttsx3
      voicekit voices --download de
      voicekit voices --download es_ES-davefx-medium
    """
    from voicekit.plan.speaker import ENGINES, canonical
    from voicekit.speech.engines.pool import list_voices

    if download:
        _download(download)
        return

    names = [canonical(engine)] if engine else [n for n in ENGINES if n != "fake"]
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
        if name == "piper":
            _natural_voices_to_download()


def _natural_voices_to_download() -> None:
    """For each language with no Piper voice installed: the voice to download, and how."""
    from voicekit.speech.piper_voices import RECOMMENDED, shown, to_download

    missing = [(tag, found) for tag in RECOMMENDED if (found := to_download(tag))]
    if missing:
        click.echo(
            "Natural voices for the languages that have none yet (a practice in the language then speaks with it):"
        )
    for tag, found in missing:
        click.echo(f"  {shown(tag):<6} {found.voice:<28} {found.command}")


def _download(name: str) -> None:
    from voicekit.progress import Progress
    from voicekit.speech.download import download
    from voicekit.speech.piper_voices import named

    progress = Progress()
    try:
        model, fresh = download(
            name, lambda done, total: progress.step("downloading", done // 1_000_000, total // 1_000_000)
        )
    finally:
        progress.done()
    voice = named(model.stem)  # the voice's own name, where ``name`` is one of its aliases
    language = f" ({voice.language})" if voice and voice.language else ""
    said = "installed" if fresh else "already installed"
    click.echo(f"{model.stem}{language}: {said}, {model}")


@click.command()
@click.argument("text")
@click.option("--engine", help="Speech engine (see `voicekit voices`) [default: the best installed].")
@click.option("--voice", help="Voice id of the engine, or a Piper voice file (.onnx).")
@click.option("--rate", type=int, help="Words per minute (default 140).")
@click.option("-o", "--output", type=click.Path(path_type=Path), help="Output file [default: output/say.mp3].")
@cache_dir_option
def say(text, engine, voice, rate, output, cache_dir):
    """Say TEXT in a voice and write a short sample: try a voice, a rate or a respelling.

    \b
    Examples:
      voicekit say "Let the breath be easy."
      voicekit say "Rest in Savasana." --engine pyttsx3 --rate 120
    """
    from voicekit.pipeline.sample import say as run
    from voicekit.plan.options import BuildOptions

    result = run(text, BuildOptions(engine=engine, voice=voice, rate=rate), output=output, cache_dir=cache_dir)
    spoken = result.practice.voice
    click.echo(f"{result.output}  {result.timeline.total / 1000:.1f}s, {spoken.engine} {spoken.id or ''}".rstrip())
