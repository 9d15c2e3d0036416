"""serve: the practices on a web page a phone opens (voicekit.web), built on demand."""

from __future__ import annotations

from pathlib import Path

import click

from voicekit.cli.common import cache_dir_option, guidance_option
from voicekit.errors import OptionsError


@click.command()
@click.option("--port", type=click.IntRange(0, 65535), default=8765, show_default=True, help="Port (0: any free one).")
@click.option("--lan", is_flag=True, help="Listen on the home network, with a key in every URL, and print a QR code.")
@click.option(
    "--output-dir",
    type=click.Path(file_okay=False, path_type=Path),
    default=Path("output"),
    show_default=True,
    help="Where built versions are written; every file in it can be fetched.",
)
@click.option("--engine", help="Speech engine of the builds when no voice is chosen [default: the best installed].")
@click.option(
    "--keep",
    metavar="SIZE",
    default="2GB",
    show_default=True,
    help="Most the versions built on demand may take in the output folder (500MB, 2GB); the least recently "
    "played go first, never a file built with `voicekit build`.",
)
@click.option(
    "--no-prepare",
    is_flag=True,
    help="Do not build each shipped practice's default version in the background while the server is idle.",
)
@guidance_option
@cache_dir_option
def serve(port, lan, output_dir, engine, keep, no_prepare, guidance, cache_dir):
    """Serve the practices to a browser: choose the holds, press Play, and it builds and plays that version.

    \b
    Without --lan only this computer can open it. With --lan a phone on the same network can: open
    the address printed (or scan the QR code). The podcast feed at /feed.xml lists the built sessions.
    While no one asks for anything, the default version of each shipped practice is built in the
    background, at low priority, so that its first Play is instant (--no-prepare: not).
    """
    from voicekit.plan.options import BuildOptions, check_alone
    from voicekit.web.keep import parse_size
    from voicekit.web.server import serve as run
    from voicekit.web.settings import Settings

    defaults = BuildOptions(engine=engine, guidance=guidance)
    check_alone(defaults)
    _check(engine, Path(cache_dir) if cache_dir else None)
    settings = Settings(
        output=output_dir.absolute(),
        cache_dir=Path(cache_dir) if cache_dir else None,
        defaults=defaults,
        keep=parse_size(keep),
        prepare=not no_prepare,
    )
    run(settings, port, lan, lambda line: click.echo(line))


def _check(engine: str | None, cache_dir: Path | None) -> None:
    """What every build the server makes would fail on, said once at start-up: an engine unknown or not
    installed, a cache folder that cannot be made."""
    from voicekit.places import cache_dir as default_cache
    from voicekit.speech.engines import engine_class

    if engine is not None:
        engine_class(engine).installed()
    folder = cache_dir or default_cache()
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as e:
        raise OptionsError(
            f"the cache folder {folder} cannot be made ({e.strerror}); give another with --cache-dir"
        ) from None
