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

from voicekit.errors import SequenceError

PLAIN_PAUSE_S = 10.0
MAX_PAUSE_S = 60.0  # the longest written pause; a longer silence after a line ends a pose
_LINE = re.compile(r"^(?P<text>.*?)\s*[;|]\s*(?P<seconds>\d+(?:\.\d+)?)\s*$")


def program(text: str, file: str = "<program>") -> list[tuple[str, float]]:
    """The (text, seconds of silence after it) lines of a program file; a plain text file's lines get
    ``PLAIN_PAUSE_S``. Blank lines and lines starting with # are skipped."""
    lines = [(n, line.strip()) for n, line in enumerate(text.splitlines(), 1)]
    lines = [(n, line) for n, line in lines if line and not line.startswith("#")]
    if not lines:
        raise SequenceError("has no lines to speak", file)
    timed = [(n, _LINE.match(line)) for n, line in lines]
    if not any(found for _, found in timed):
        return [(line, PLAIN_PAUSE_S) for _, line in lines]
    out = []
    for (n, line), (_, found) in zip(lines, timed, strict=True):
        if not found or not found.group("text"):
            raise SequenceError(f"expected 'text; seconds' (or 'text | seconds'), not {line[:60]!r}", file, n)
        out.append((found.group("text"), float(found.group("seconds"))))
    return out


def to_sequence(lines: list[tuple[str, float]], title: str) -> str:
    """The program as a sequence file (YAML text with a comment saying where it came from)."""
    from voicekit.sequence import schema

    poses: list[tuple[list[str], float]] = []
    steps: list[str] = []
    for text, seconds in lines:
        if seconds >= 1:
            poses.append(([*steps, text], seconds))
            steps = []
        else:
            steps.append(f"{text} [pause {seconds:g}s]" if seconds >= 0.1 else text)
    if steps:  # the last lines had no silence after them
        poses.append((steps, 1.0))
    out = [
        f"# yaml-language-server: $schema={(schema.FOLDER / schema.FILES['sequence']).as_posix()}",
        "# Imported by `voicekit import`: each line's silence is a hold. Edit the names and holds freely.",
        f"title: {json.dumps(title)}",
        "bell: none",
        "pauses: {step: 0s, pose: 0s}",
        "poses:",
    ]
    for number, (texts, seconds) in enumerate(poses, 1):
        out.append(f"  - name: {json.dumps(_name(texts[0], number))}")
        out.append("    setup:")
        out += [f"      - {json.dumps(t, ensure_ascii=False)}" for t in texts]
        out.append(f"    hold: {seconds:g}s" if seconds <= 12 * 3600 else "    hold: 12h")
    return "\n".join(out) + "\n"


def _name(text: str, number: int) -> str:
    from voicekit.sequence.pacing import words as spoken

    words = re.findall(r"[\w']+", spoken(text))[:5]
    return " ".join(words).capitalize() if words else f"Part {number}"


def convert(path: Path) -> str:
    """A program file at ``path`` as sequence YAML."""
    from voicekit.sequence.loader import MAX_FILE
    from voicekit.sequence.yaml_tree import read_text

    text = read_text(path, MAX_FILE)
    return to_sequence(program(text, str(path)), path.stem.replace("-", " ").replace("_", " ").capitalize())
