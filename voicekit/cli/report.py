"""What a build or a plan says on the terminal: a line or a summary of a file made, the holds fitted."""

from __future__ import annotations

from voicekit.pipeline import BuildResult
from voicekit.plan.options import Practice
from voicekit.sequence.durations import format_ms


def _made(result: BuildResult) -> str:
    """The file, its length (and what it was fitted to) and its size: how both summaries start."""
    fitted = f" (fitted to {format_ms(result.practice.fitted_ms)})" if result.practice.fitted_ms else ""
    return f"{result.output}  {format_ms(result.timeline.total)}{fitted}, {result.size / 1e6:.1f} MB, "


def line(result: BuildResult) -> str:
    """One file a build made, in a line: path, length, size, new clips, time."""
    return _made(result) + f"{result.synthesized} new clips, {result.seconds:.1f}s"


def summary(result: BuildResult) -> str:
    """What a build made: the files, the length and size, and where each chapter starts."""
    poses = len(result.sequence.poses)
    voice = result.practice.voice
    lines = [
        _made(result) + f"{poses} pose{'s' * (poses != 1)} ({result.synthesized} new clips, {result.seconds:.1f}s)",
        f"voice: {voice.engine} {voice.id or '(the system default voice)'}, {voice.rate} words a minute",
    ]
    lines += [f"{path}" for path in result.companions]
    lines.append("chapters:")
    lines += [f"  {format_ms(c.start):>8}  {c.title}" for c in result.timeline.chapters]
    return "\n".join(lines)


def fitted_holds(practice: Practice) -> str:
    """The holds fitting chose, a pose a line (for a practice that was fitted)."""
    assert practice.fitted_ms is not None
    rows = [f"fitted to {format_ms(practice.fitted_ms)}: holds"]
    for settled in practice.poses:
        counted = "rounds" if settled.pose.flow else "breaths"
        breaths = f"{settled.breaths} {counted}, " if settled.breaths else ""
        fixed = " (--hold)" if settled.fixed else ""
        rows.append(f"  {settled.pose.name:<44} {breaths}{format_ms(settled.hold_ms)}{fixed}")
    return "\n".join(rows)
