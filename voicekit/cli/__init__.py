"""Command line: a thin click layer over voicekit.pipeline. Errors become one line and exit status 2."""

from __future__ import annotations

import os
import sys

import click

from voicekit import __version__
from voicekit.cli import library, poses, practice, serve, speech
from voicekit.cli.common import EXAMPLES, error_line
from voicekit.errors import VoicekitError


@click.group(epilog=EXAMPLES, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="voicekit")
@click.option("--debug", is_flag=True, help="Show the full traceback on errors.")
def cli(debug: bool) -> None:
    """Build guided practice audio (yoga, relaxation) from a YAML sequence, offline."""


COMMANDS = (
    practice.build, practice.plan, practice.check, library.practices, poses.poses, library.new,
    library.schema, library.phrases, library.import_, speech.voices, speech.say, serve.serve, library.compose,
)  # fmt: skip
for command in COMMANDS:
    cli.add_command(command)


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
    except (VoicekitError, OSError) as e:  # OSError: a folder that is a file, a full disk, no permission
        if debug:
            raise
        click.echo(error_line(e), err=True)
        sys.exit(2)
    except (click.exceptions.Abort, KeyboardInterrupt):
        click.echo("voicekit: interrupted", err=True)
        sys.exit(130)
    except click.ClickException as e:
        e.show()
        sys.exit(2 if e.exit_code else 0)
    sys.exit(0)
