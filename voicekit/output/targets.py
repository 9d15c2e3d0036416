"""Where a build writes and in which format: the audio and its companions, every path checked before
any work is done (``target``), and written together (``replacing``): each to a temporary, all renamed
into place once the whole build succeeded, and only over regular files a build made."""

from __future__ import annotations

import contextlib
import os
import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from voicekit.errors import ExportError
from voicekit.files import DISK_FULL, locked, new_file_mode, not_regular, printable, remove_stale, temp_beside
from voicekit.output.formats import FORMATS, check_folder
from voicekit.output.provenance import made_by_voicekit
from voicekit.sequence.model import Sequence

OUTPUT_DIR = Path("output")
COMPARE_BYTES = 1 << 20


@dataclass(frozen=True)
class Target:
    """A file a build will write: as the user named it, and the regular file that is written."""

    shown: Path
    """The path as given (for messages)."""
    path: Path
    """Where the bytes go: a symlink's destination, never the link itself."""
    hint: str
    """What to do when it cannot be written (another -o, --no-companions)."""
    make_folder: bool = False
    """Make its folder when the files are written (voicekit makes only its default output/)."""


def target(path: Path, hint: str, source: Path | None = None, make_folder: bool = False) -> Target:
    """``path`` checked for writing: not the input, not a device, FIFO or socket, not somebody's file.

    A symlink is followed: its destination is replaced, atomically, and the link stays a link."""
    shown = printable(path)
    try:
        os.fsencode(path).decode("utf-8")
    except UnicodeDecodeError:
        raise ExportError(f"{shown}: the file name is not valid UTF-8; choose a name in UTF-8") from None
    real = Path(os.path.realpath(path))
    if source is not None and _same(real, source):
        raise ExportError(f"{shown} is the sequence being built and would be overwritten; {hint}")
    found = Target(path, real, hint, make_folder)
    _check_replaceable(found)
    return found


def _check_replaceable(target: Target) -> None:
    """Nothing is at ``target`` yet, or a regular file voicekit made: anything else is refused."""
    shown, hint = printable(target.shown), target.hint
    try:
        info = os.stat(target.path)
    except FileNotFoundError:
        return
    except OSError as e:
        raise ExportError(f"{shown}: cannot check it ({e.strerror}); {hint}") from None
    kind = not_regular(info.st_mode)
    if kind:
        raise ExportError(f"{shown} is {kind}, not a regular file; voicekit writes only regular files; {hint}")
    if not made_by_voicekit(target.path):
        raise ExportError(f"{shown} exists and was not made by voicekit, so it is left alone; {hint}")


def _same(a: Path, b: Path) -> bool:
    try:
        if os.path.samefile(a, b):
            return True
    except OSError:
        pass
    return os.path.realpath(a) == os.path.realpath(b)


@contextlib.contextmanager
def replacing(targets: list[Target]) -> Iterator[list[Path]]:
    """Temporary paths for ``targets``; each replaces its target only if the whole block succeeds.

    The renames happen together at the end, in the order given (put the most precious file last),
    under a lock on every target, so concurrent builds of one target cannot interleave their files.
    A file whose new bytes are the ones already there is left as it is: a version built again is the
    same file, with the same time (a player's cache, a podcast app's episode and an ETag stay valid).
    A write that fails names the target, not the temporary."""
    for folder in {t.path.parent for t in targets}:
        if any(t.make_folder and t.path.parent == folder for t in targets):
            folder.mkdir(exist_ok=True)
        remove_stale(folder)
    temps: list[Path] = []
    try:
        for t in targets:
            try:
                temps.append(temp_beside(t.path))
            except OSError as e:
                where = printable(t.path.parent)
                raise ExportError(f"{printable(t.shown)}: cannot write in {where} ({e.strerror}); {t.hint}") from None
        try:
            yield temps
        except OSError as e:
            raise _write_error(e, targets, temps) from None
        mode = new_file_mode()
        with locked([t.path for t in targets]):
            for t in targets:  # a file the user put there while the build worked is still theirs
                _check_replaceable(t)
            for tmp, t in zip(temps, targets, strict=True):
                if _same_bytes(tmp, t.path):
                    continue
                os.chmod(tmp, mode)
                try:
                    os.replace(tmp, t.path)
                except OSError as e:
                    raise ExportError(f"{printable(t.shown)}: cannot replace it ({e.strerror})") from None
    finally:
        for tmp in temps:
            tmp.unlink(missing_ok=True)


def _same_bytes(new: Path, old: Path) -> bool:
    """Whether the regular file ``old`` holds exactly the bytes of ``new`` (read a megabyte at a time:
    filecmp's 8 kB reads made comparing a session a tenth of a warm rebuild)."""
    try:
        if os.path.getsize(new) != os.path.getsize(old):
            return False
        with open(new, "rb") as a, open(old, "rb") as b:
            while True:
                chunk = a.read(COMPARE_BYTES)
                if chunk != b.read(COMPARE_BYTES):
                    return False
                if not chunk:
                    return True
    except OSError:
        return False


def _write_error(e: OSError, targets: list[Target], temps: list[Path]) -> ExportError:
    """The error of a failed write, naming the output file it was for (the temporary is deleted)."""
    which = targets[-1]
    for tmp, t in zip(temps, targets, strict=False):
        if e.filename and os.fsdecode(e.filename) == str(tmp):
            which = t
    if e.errno in DISK_FULL:
        return ExportError(f"{printable(which.shown)}: the disk is full; free some space or choose another -o")
    return ExportError(f"{printable(which.shown)}: cannot write it ({e.strerror or e})")


@dataclass(frozen=True)
class Outputs:
    """The audio file, its format, and the checked targets of it and its companions."""

    path: Path
    fmt: str
    target: Target
    companions: dict[Path, Target]

    def companion(self, path: Path) -> Target:
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
    audio = target(path, "choose another -o", source, make_folder=default)  # the -o itself first
    paths = []
    if companions:
        from voicekit.output.companions import COMPANION_SUFFIXES  # their writers: only when they are written

        paths = [path.with_suffix(f".{suffix}") for suffix in COMPANION_SUFFIXES]
    hint = "use --no-companions or another -o"
    return Outputs(path, fmt, audio, {p: target(p, hint, source, make_folder=default) for p in paths})


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
                    f"{earlier} and {what} would both write {printable(shown)}; build them one at a time with -o"
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
