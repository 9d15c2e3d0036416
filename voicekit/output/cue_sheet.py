"""The cue sheet (NAME.md): everything a teacher would print and pin up, readable as plain text too.

The title, length and props; then the introduction, each pose and side in order with its start,
hold and props, the numbered set-up steps, the reminders, the time cues and bells in its hold, the
release, the transition, and the cautions (which are never spoken); each round with its start, its
poses written out under the first; then the closing.
"""

from __future__ import annotations

from voicekit.output.metadata import Metadata
from voicekit.plan import phrases
from voicekit.plan.compiler import CLOSING, INTRO, chapter_title, fill_side
from voicekit.plan.options import Practice, PracticePose
from voicekit.plan.rounds import plays
from voicekit.plan.timeline import Timeline
from voicekit.sequence import pacing
from voicekit.sequence.durations import format_ms


def cue_sheet(practice: Practice, timeline: Timeline, meta: Metadata) -> str:
    """The cue sheet of a build, as Markdown that reads as plain text."""
    sequence = practice.sequence
    starts = {c.title: c.start for c in timeline.chapters}
    out = [f"# {_md(sequence.title)}", ""]
    if sequence.description:
        out += [_md(sequence.description), ""]
    out += [f"**Length:** {format_ms(timeline.total)}  ", f"**Built with:** {_md(meta.comment)}", ""]
    props = list(dict.fromkeys(p for pose in sequence.poses for p in pose.props))
    out += ["## Props", ""] + ([f"- {_md(p)}" for p in props] or ["- none"]) + ["", "## Sequence", ""]
    if INTRO in starts:
        out += [f"### {format_ms(starts[INTRO])}  {INTRO}", "", _md(sequence.intro or ""), ""]
    for play in plays(practice):
        settled = practice.poses[play.index]
        if play.first:
            out += [f"### {format_ms(starts[play.chapter])}  {_md(play.chapter)}", ""]
            out += [] if play.round == 1 else ["As in round 1.", ""]
        if play.round > 1:
            continue
        for index, side in enumerate(settled.pose.sides or (None,)):
            out += _pose(settled, side, index, None if play.round else starts)
    if CLOSING in starts:
        closing = [_md(sequence.outro)] if sequence.outro else []
        bell = [ENDINGS[sequence.bell]] if sequence.bell in ENDINGS else []
        out += [f"### {format_ms(starts[CLOSING])}  {CLOSING}", "", " ".join([*closing, *bell]), ""]
    return "\n".join(out).rstrip("\n") + "\n"


def _pose(settled: PracticePose, side: str | None, index: int, starts: dict[str, int] | None) -> list[str]:
    """A pose (one side of it): under its own heading with its start, or (``starts`` None) in a round."""
    pose = settled.pose
    title = chapter_title(pose, side)
    hold = format_ms(settled.hold_ms)
    if settled.breaths:
        hold = f"{settled.breaths} breaths ({hold})"
    heading = f"### {format_ms(starts[title])}  {_md(title)}" if starts is not None else f"#### {_md(title)}"
    out = [heading, "", f"Hold: {hold}  "]
    if settled.time_cues:
        out.append(f"Time cues: {' '.join(phrases.time_left(c.left_ms) for c in settled.time_cues)}  ")
    if settled.bells:
        every = settled.bells.every_ms
        at = ", ".join(format_ms(ms) for ms in settled.bells.at_ms)
        out.append(f"Bells: every {format_ms(every)}  " if every else f"Bells: at {at}  ")
    if pose.props:
        out.append(f"Props: {_md(', '.join(pose.props))}  ")
    if pose.names:
        out.append(f"Also called: {_md(', '.join(pose.names))}  ")
    out.append("")
    if index > 0:
        out += [f"Transition: {_md(fill_side(pose.transition, side))}", ""]
    out += [f"{i}. {_md(fill_side(step, side))}" for i, step in enumerate(pose.setup, 1)] + [""]
    if pose.reminders:
        out += ["Reminders:", ""] + [f"- {_md(fill_side(r, side))}" for r in pose.reminders] + [""]
    if pose.release:
        out += [f"Release: {_md(fill_side(pose.release, side))}", ""]
    if pose.cautions and index == 0:
        out += ["Cautions (not spoken):", ""] + [f"- {_md(c)}" for c in pose.cautions] + [""]
    return out


ENDINGS = {"bowl": "The bell rings.", "double": "The bell rings twice.", "chime": "A chime rings."}


def _md(text: str) -> str:
    """The words a listener hears (written pauses left out), safe in Markdown."""
    words = " ".join(pacing.words(text).split())
    return words.replace("\\", "\\\\").replace("<", "&lt;").replace("*", "\\*").replace("_", "\\_")
