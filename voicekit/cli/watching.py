"""``voicekit build --watch``: build again whenever the sequence or a pose file it uses changes."""

from __future__ import annotations

import time
from collections.abc import Callable
from pathlib import Path

import click

from voicekit.cli.common import error_line
from voicekit.errors import BAD_FILE

POLL_S = 0.25  # a handful of files: polling their times is simpler than a watcher library, and as quick


def watched(source: Path, before: list[Path] | None = None) -> list[Path]:
    """The files a build of ``source`` reads: the sequence, every pose file of its library (shipped,
    the user's, its own ``library:``), and the user's pronunciations. While the sequence cannot be read
    (saved half-way, or a pose file of its ``library:`` saved broken), every file watched ``before``
    stays watched: saving the fix is a change too."""
    from voicekit.pipeline import PRONOUNCE_FILE
    from voicekit.places import config_dir
    from voicekit.sequence.library import default_sources, pose_files
    from voicekit.sequence.loader import load_sequence
    from voicekit.sequence.shelf import find

    path = find(source)
    try:
        extra, kept = [Path(p) for p in load_sequence(path).library], []
    except BAD_FILE:
        extra, kept = [], before or []
    folders = [*default_sources(), *extra]
    # The folders too: a pose file added to one changes the folder's time.
    files = [path, config_dir() / PRONOUNCE_FILE, *folders, *(f for folder in folders for f in pose_files(folder))]
    return files + [f for f in kept if f not in files]


def _stamp(paths: list[Path]) -> dict[Path, tuple[int, int] | None]:
    out: dict[Path, tuple[int, int] | None] = {}
    for path in paths:
        try:
            st = path.stat()
            out[path] = (st.st_mtime_ns, st.st_size)
        except OSError:
            out[path] = None
    return out


def watch_and_build(source: Path, build: Callable[[], None]) -> None:
    """Build, then build again on every change until Ctrl-C; an error is printed and watching goes on."""

    def attempt() -> None:
        try:
            build()
        except BAD_FILE as e:  # a save half-way, even one nested too deep to read: one line, and on
            click.echo(error_line(e, source), err=True)

    try:
        files = watched(source)
        stamps = _stamp(files)
        attempt()
        click.echo(f"watching {source} and the {len(files) - 1} files and folders it uses; Ctrl-C stops", err=True)
        while True:
            time.sleep(POLL_S)
            now = _stamp(files)
            if now != stamps:
                files = watched(source, files)  # its library: may have changed
                stamps = _stamp(files)
                attempt()
    except KeyboardInterrupt:
        click.echo("stopped watching", err=True)
