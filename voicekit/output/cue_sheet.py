"""The cue sheet (NAME.md): everything a teacher would print and pin up, readable as plain text too.

The title, length and props; then the introduction, each pose and side in order with its start,
hold and props, the numbered set-up steps, the reminders, the release, the transition, and the
cautions (which are never spoken); then the closing. Every word voicekit writes here itself is the
practice's language's (``label.*`` phrases).
"""

from __future__ import annotations

from voicekit.output.metadata import Metadata
from voicekit.plan.compiler import chapter_title, fill_side
from voicekit.plan.options import Practice, PracticePose
from voicekit.plan.timeline import ChapterRole, Timeline
from voicekit.sequence import pacing
from voicekit.sequence.durations import format_ms


def cue_sheet(practice: Practice, timeline: Timeline, meta: Metadata) -> str:
    """The cue sheet of a build, as Markdown that reads as plain text."""
    sequence, said = practice.sequence, practice.phrases
    chapters = timeline.chapters
    starts = {c.title: c.start for c in chapters}
    intro = next((c for c in chapters if c.role is ChapterRole.INTRODUCTION), None)
    closing = next((c for c in chapters if c.role is ChapterRole.CLOSING), None)
    out = [f"# {_md(sequence.title)}", ""]
    if sequence.description:
        out += [_md(sequence.description), ""]
    out += [f"**{said.text('label.length')}:** {format_ms(timeline.total)}  "]
    out += [f"**{said.text('label.built_with')}:** {_md(meta.comment)}", ""]
    props = list(dict.fromkeys(p for pose in sequence.poses for p in pose.props))
    out += [f"## {said.text('label.props')}", ""] + (
        [f"- {_md(p)}" for p in props] or [f"- {said.text('label.no_props')}"]
    )
    out += ["", f"## {said.text('label.sequence')}", ""]
    if intro:
        out += [f"### {format_ms(intro.start)}  {_md(intro.title)}", "", _md(sequence.intro or ""), ""]
    for settled in practice.poses:
        for index, side in enumerate(settled.pose.sides or (None,)):
            out += _pose(practice, settled, side, index, starts)
    if closing:
        words = [_md(sequence.outro)] if sequence.outro else []
        bell = [said.text("label.bell")] if sequence.bell != "none" else []
        out += [f"### {format_ms(closing.start)}  {_md(closing.title)}", "", " ".join([*words, *bell]), ""]
    return "\n".join(out).rstrip("\n") + "\n"


def _pose(practice: Practice, settled: PracticePose, side: str | None, index: int, starts: dict[str, int]) -> list[str]:
    pose, said = settled.pose, practice.phrases

    def fill(text: str) -> str:
        return _md(fill_side(text, side, said))

    title = chapter_title(pose, side, said)
    hold = format_ms(settled.hold_ms)
    if settled.breaths:
        hold = f"{said.breaths(settled.breaths)} ({hold})"
    out = [f"### {format_ms(starts[title])}  {_md(title)}", "", f"{said.text('label.hold')}: {hold}  "]
    if pose.props:
        out.append(f"{said.text('label.props')}: {_md(', '.join(pose.props))}  ")
    if pose.names:
        out.append(f"{said.text('label.also_called')}: {_md(', '.join(pose.names))}  ")
    out.append("")
    if index > 0:
        out += [f"{said.text('label.transition')}: {fill(pose.transition or said.text('transition'))}", ""]
    out += [f"{i}. {fill(step)}" for i, step in enumerate(pose.setup, 1)] + [""]
    if pose.reminders:
        out += [f"{said.text('label.reminders')}:", ""] + [f"- {fill(r)}" for r in pose.reminders] + [""]
    if pose.release:
        out += [f"{said.text('label.release')}: {fill(pose.release)}", ""]
    if pose.cautions and index == 0:
        out += [f"{said.text('label.cautions')}:", ""] + [f"- {_md(c)}" for c in pose.cautions] + [""]
    return out


def _md(text: str) -> str:
    """The words a listener hears (written pauses left out), safe in Markdown."""
    words = " ".join(pacing.words(text).split())
    return words.replace("\\", "\\\\").replace("<", "&lt;").replace("*", "\\*").replace("_", "\\_")
