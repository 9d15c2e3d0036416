"""Where a build writes and in which format: the audio and its companions, every path checked before
any work is done (see ``files.target``)."""

from __future__ import annotations

import os
import re
from dataclasses import dataclass
from pathlib import Path

from voicekit.errors import ExportError
from voicekit.output import files
from voicekit.output.companions import COMPANION_SUFFIXES
from voicekit.output.formats import FORMATS, check_folder
from voicekit.sequence.model import Sequence

OUTPUT_DIR = Path("output")


@dataclass(frozen=True)
class Outputs:
    """The audio file, its format, and the checked targets of it and its companions."""

    path: Path
    fmt: str
    target: files.Target
    companions: dict[Path, files.Target]

    def companion(self, path: Path) -> files.Target:
        return self.companions[path]


def choose(
    sequence: Sequence, output: str | Path | None, fmt: str | None, companions: bool = True, variant: str = ""
) -> Outputs:
    """The audio path and format from ``-o`` and ``--format`` (default ``output/NAME.mp3``, or
    ``output/NAME-VARIANT.mp3`` for one of several versions), and every file the build will write, each
    checked: never the sequence itself, a device or a user's file."""
    source = Path(sequence.file) if sequence.file and Path(sequence.file).exists() else None
    name = f"{sequence.name}-{variant}" if variant else sequence.name
    return choose_named(name, source, output, fmt, companions)


def choose_named(
    name: str, source: Path | None, output: str | Path | None, fmt: str | None, companions: bool = True
) -> Outputs:
    """``choose`` for audio named ``name`` (``output/NAME.mp3`` by default), made from ``source``."""
    path, fmt = _audio(name, output, fmt)
    default = output is None
    audio = files.target(path, "choose another -o", source, make_folder=default)  # the -o itself first
    paths = [path.with_suffix(f".{suffix}") for suffix in COMPANION_SUFFIXES] if companions else []
    hint = "use --no-companions or another -o"
    return Outputs(path, fmt, audio, {p: files.target(p, hint, source, make_folder=default) for p in paths})


def check_apart(builds: list[tuple[str, Outputs]]) -> None:
    """Refuse the builds of one command when two would write one file (the second would replace the first):
    ``builds`` are each named as the user gave it, with its files. Names that differ only in case count as
    one, as they are on the file systems of Windows, macOS and most USB sticks."""
    seen: dict[str, tuple[int, Path]] = {}
    for n, (what, outputs) in enumerate(builds):
        for target in (outputs.target, *outputs.companions.values()):
            first, shown = seen.setdefault(os.path.normcase(target.path).casefold(), (n, target.shown))
            if first != n:
                earlier = builds[first][0]
                if earlier == what:
                    raise ExportError(f"{what} is given twice; name it once")
                raise ExportError(
                    f"{earlier} and {what} would both write {files.printable(shown)}; build them one at a time with -o"
                )


def _audio(name: str, output: str | Path | None, fmt: str | None) -> tuple[Path, str]:
    if output is None:
        fmt = fmt or "mp3"
        if OUTPUT_DIR.exists() and not OUTPUT_DIR.is_dir():
            raise ExportError(f"{OUTPUT_DIR} is a file, so the default output folder cannot be made; use -o")
        return OUTPUT_DIR / f"{safe_name(name)}.{fmt}", fmt
    target = Path(output)
    if target.is_dir():
        raise ExportError(f"-o {target} is a folder; give a file name such as {target / name}.mp3")
    suffix = target.suffix.lstrip(".").lower()
    if fmt and suffix and suffix != fmt:
        raise ExportError(f"-o {target} does not match --format {fmt}; name it {target.stem}.{fmt}")
    check_folder(target)
    fmt = fmt or suffix
    if fmt not in FORMATS:
        raise ExportError(
            f"-o {target}: cannot tell the format from {suffix or 'no suffix'!r}; end it in .mp3, .m4a or .wav"
        )
    return target, fmt


def safe_name(name: str) -> str:
    """A file name from a sequence's name: letters, digits, '-', '_' and spaces only (no separators, no
    '..', no control characters), at most 80 characters."""
    cleaned = re.sub(r"[^\w\- ]+", "-", name).strip(" .-_")[:80].strip(" .-_")
    return cleaned or "practice"
