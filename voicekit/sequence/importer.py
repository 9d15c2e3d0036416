"""Other tools' simple program files -> a sequence, as YAML text to edit and build.

- audio-program-generator's lines of ``text; seconds`` (a line of spoken text, then the seconds of
  silence after it), or the same with ``|`` between them;
- a plain text file, one instruction per line (each followed by ``PLAIN_PAUSE_S`` of quiet).

Each line whose silence is a second or more becomes a pose (its text the set-up, its silence the
hold); a shorter silence stays inside the text as ``[pause 0.5s]``, and lines with none join the
next line's pose. The sequence has no pauses of its own, no lead-in words and no closing bell, so
it lasts what the program lasted (its words as long as the voice takes to say them).
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import yaml

from voicekit.errors import SequenceError
from voicekit.sequence import schema
from voicekit.sequence.durations import LIMIT_MS
from voicekit.sequence.pacing import spoken
from voicekit.sequence.texts import CONTROL, SURROGATE, spoken_text
from voicekit.sequence.yaml_tree import MAX_FILE, read_text

PLAIN_PAUSE_S = 10.0
_LINE = re.compile(r"^(?P<text>.*?)\s*[;|]\s*(?P<seconds>\d+(?:\.\d+)?)\s*$")


def program(text: str, file: str = "<program>") -> list[tuple[int, str, float]]:
    """The (line number, text, seconds of silence after it) lines of a program file; a plain text file's
    lines get ``PLAIN_PAUSE_S``. Blank lines and lines starting with # are skipped."""
    lines = [(n, line.strip()) for n, line in enumerate(text.splitlines(), 1)]
    lines = [(n, line) for n, line in lines if line and not line.startswith("#")]
    if not lines:
        raise SequenceError("has no lines to speak", file)
    timed = [(n, _LINE.match(line)) for n, line in lines]
    if not any(found for _, found in timed):
        return [(n, line, PLAIN_PAUSE_S) for n, line in lines]
    out = []
    for (n, line), (_, found) in zip(lines, timed, strict=True):
        if not found or not found.group("text"):
            raise SequenceError(f"expected 'text; seconds' (or 'text | seconds'), not {line[:60]!r}", file, n)
        out.append((n, found.group("text"), float(found.group("seconds"))))
    return out


def to_sequence(lines: list[tuple[int, str, float]], title: str, file: str = "<program>") -> str:
    """The program as a sequence file (YAML text with a comment saying where it came from). A line a
    sequence would refuse, or one past what a sequence may hold, is a SequenceError at its line of
    ``file``: what is written always reads."""
    out = [
        f"# yaml-language-server: $schema={(schema.FOLDER / schema.FILES['sequence']).as_posix()}",
        "# Imported by `voicekit import`: each line's silence is a hold. Edit the names and holds freely.",
        f"title: {json.dumps(title, ensure_ascii=False)}",
        "bell: none",
        "pauses: {step: 0s, pose: 0s}",
        "poses:",
    ]
    size = sum(len(row.encode()) + 1 for row in out)
    total_s, n = 0.0, 0

    def add(row: str) -> None:
        nonlocal size
        size += len(row.encode()) + 1
        if size > MAX_FILE:
            raise SequenceError(
                f"the sequence would pass {MAX_FILE // 1000} kB here, the most voicekit reads; "
                "split the program into parts",
                file,
                n,
            )
        out.append(row)

    poses, open_pose = 0, False  # lines with less than a second of silence after them join the next line's pose
    for n, text, seconds in lines:
        step = _text(f"{text} [pause {seconds:g}s]" if 0.1 <= seconds < 1 else text, file, n)
        total_s += seconds
        if total_s > LIMIT_MS / 1000:
            raise SequenceError(
                f"the program passes {LIMIT_MS // 3_600_000} hours here, the most a session may last; "
                "split it into parts",
                file,
                n,
            )
        if not open_pose:
            poses += 1
            add(f"  - name: {json.dumps(_name(step, poses), ensure_ascii=False)}")
            add("    setup:")
        add(f"      - {json.dumps(step, ensure_ascii=False)}")
        open_pose = seconds < 1
        if not open_pose:
            add(f"    hold: {seconds:g}s")
    if open_pose:  # the last lines had no silence after them
        add("    hold: 1s")
    return "\n".join(out) + "\n"


def _text(text: str, file: str, line: int) -> str:
    """``text`` as a sequence's text may be (the loader's own rules), else SequenceError at the line."""

    if found := CONTROL.search(text) or yaml.reader.Reader.NON_PRINTABLE.search(text):  # what YAML refuses raw
        raise SequenceError(f"the character {found.group()!r} is not allowed in a text; delete it", file, line)
    try:
        return spoken_text(text, in_practice=False)
    except ValueError as e:
        raise SequenceError(f"the line{e}", file, line) from None


def _name(text: str, number: int) -> str:
    words = [w for w in re.findall(r"[\w']+", spoken(text)) if any(c.isalnum() for c in w)][:5]
    return " ".join(words).capitalize() if words else f"Part {number}"


def _title(path: Path) -> str:
    """The file's name as a title, if it is one a sequence may have (no braces, markup, control
    characters or bytes that are not UTF-8), else a plain one."""
    title = path.stem.replace("-", " ").replace("_", " ").capitalize()
    try:
        if CONTROL.search(title) or SURROGATE.search(title):
            raise ValueError
        return spoken_text(title)
    except ValueError:
        return "Imported program"


def convert(path: Path) -> str:
    """A program file at ``path`` as sequence YAML, every line of it one a sequence may have
    (``pipeline.sample.imported`` checks the whole as `voicekit check` and `plan` do)."""

    file = str(path)
    if path.is_file() and path.stat().st_size > MAX_FILE:  # read_text bounds the rest, in a sequence's words
        raise SequenceError(
            f"is larger than {MAX_FILE // 1000} kB, the most a sequence may be; split the program", file
        )
    return to_sequence(program(read_text(path), file), _title(path), file)
