"""The cue sheet (NAME.md): everything a teacher would print and pin up, readable as plain text too.

The title, length and props; then the introduction, each pose and side in order with its start,
hold and props, the numbered set-up steps, the reminders, the time cues and bells in its hold, the
release, the transition, and the cautions (which are never spoken); each round with its start, its
poses written out under the first; then the closing. ``sections`` gives the same as plain data, for
the practice page of ``voicekit serve``.
"""

from __future__ import annotations

from dataclasses import dataclass

from voicekit.output.metadata import Metadata
from voicekit.plan import phrases
from voicekit.plan.compiler import CLOSING, INTRO, chapter_title, fill_side
from voicekit.plan.options import Practice, PracticePose
from voicekit.plan.rounds import plays
from voicekit.plan.timeline import Timeline
from voicekit.sequence import pacing
from voicekit.sequence.durations import format_ms

ENDINGS = {"bowl": "The bell rings.", "double": "The bell rings twice.", "chime": "A chime rings."}


@dataclass(frozen=True)
class Section:
    """One part of the cue sheet: the introduction, a pose (one side of it), a round, or the closing,
    its texts as a listener hears them (written pauses left out)."""

    title: str
    start: int | None
    """Milliseconds from the start of the session; None for a pose written out under its round."""
    text: str = ""
    """The introduction's or the closing's words, or a later round's note."""
    hold: str = ""
    props: tuple[str, ...] = ()
    names: tuple[str, ...] = ()
    transition: str = ""
    steps: tuple[str, ...] = ()
    reminders: tuple[str, ...] = ()
    time_cues: tuple[str, ...] = ()
    bells: str = ""
    release: str = ""
    cautions: tuple[str, ...] = ()

    @property
    def is_pose(self) -> bool:
        return bool(self.hold)


def props(practice: Practice) -> list[str]:
    """Every prop the practice uses, once, in the order the poses need them."""
    return list(dict.fromkeys(p for pose in practice.sequence.poses for p in pose.props))


def sections(practice: Practice, timeline: Timeline) -> list[Section]:
    """The introduction, each pose and side (a round's poses under its first round), and the closing,
    with where each starts."""
    sequence = practice.sequence
    starts = {c.title: c.start for c in timeline.chapters}
    out = []
    if INTRO in starts:
        out.append(Section(INTRO, starts[INTRO], _words(sequence.intro or "")))
    for play in plays(practice):
        settled = practice.poses[play.index]
        if play.first:
            out.append(Section(play.chapter, starts[play.chapter], "" if play.round == 1 else "As in round 1."))
        if play.round > 1:
            continue
        for index, side in enumerate(settled.pose.sides or (None,)):
            out.append(_pose(settled, side, index, None if play.round else starts))
    if CLOSING in starts:
        closing = [_words(sequence.outro)] if sequence.outro else []
        bell = [ENDINGS[sequence.bell]] if sequence.bell in ENDINGS else []
        out.append(Section(CLOSING, starts[CLOSING], " ".join([*closing, *bell])))
    return out


def _pose(settled: PracticePose, side: str | None, index: int, starts: dict[str, int] | None) -> Section:
    """A pose (one side of it), with its start; or (``starts`` None) written out under its round."""
    pose = settled.pose
    title = chapter_title(pose, side)
    hold = format_ms(settled.hold_ms)
    if settled.breaths:
        hold = f"{settled.breaths} breaths ({hold})"
    bells = ""
    if settled.bells:
        every = settled.bells.every_ms
        bells = f"every {format_ms(every)}" if every else "at " + ", ".join(format_ms(ms) for ms in settled.bells.at_ms)
    return Section(
        title,
        starts[title] if starts is not None else None,
        hold=hold,
        props=pose.props,
        names=pose.names,
        transition=_words(fill_side(pose.transition, side)) if index > 0 else "",
        steps=tuple(_words(fill_side(step, side)) for step in pose.setup),
        reminders=tuple(_words(fill_side(r, side)) for r in pose.reminders),
        time_cues=tuple(phrases.time_left(c.left_ms) for c in settled.time_cues),
        bells=bells,
        release=_words(fill_side(pose.release, side)) if pose.release else "",
        cautions=pose.cautions if index == 0 else (),
    )


def cue_sheet(practice: Practice, timeline: Timeline, meta: Metadata) -> str:
    """The cue sheet of a build, as Markdown that reads as plain text."""
    sequence = practice.sequence
    out = [f"# {_md(sequence.title)}", ""]
    if sequence.description:
        out += [_md(sequence.description), ""]
    out += [f"**Length:** {format_ms(timeline.total)}  ", f"**Built with:** {_md(meta.comment)}", ""]
    out += ["## Props", ""] + ([f"- {_md(p)}" for p in props(practice)] or ["- none"]) + ["", "## Sequence", ""]
    for s in sections(practice, timeline):
        heading = f"### {format_ms(s.start)}  {_md(s.title)}" if s.start is not None else f"#### {_md(s.title)}"
        out += [heading, ""]
        if s.is_pose:
            out += _pose_md(s)
        elif s.text:
            out += [_md(s.text), ""]
    return "\n".join(out).rstrip("\n") + "\n"


def _pose_md(s: Section) -> list[str]:
    out = [f"Hold: {s.hold}  "]
    if s.time_cues:
        out.append(f"Time cues: {' '.join(s.time_cues)}  ")
    if s.bells:
        out.append(f"Bells: {s.bells}  ")
    if s.props:
        out.append(f"Props: {_md(', '.join(s.props))}  ")
    if s.names:
        out.append(f"Also called: {_md(', '.join(s.names))}  ")
    out.append("")
    if s.transition:
        out += [f"Transition: {_md(s.transition)}", ""]
    out += [f"{i}. {_md(step)}" for i, step in enumerate(s.steps, 1)] + [""]
    if s.reminders:
        out += ["Reminders:", ""] + [f"- {_md(r)}" for r in s.reminders] + [""]
    if s.release:
        out += [f"Release: {_md(s.release)}", ""]
    if s.cautions:
        out += ["Cautions (not spoken):", ""] + [f"- {_md(c)}" for c in s.cautions] + [""]
    return out


def _words(text: str) -> str:
    """The words a listener hears: written pauses left out, spaces made single."""
    return " ".join(pacing.words(text).split())


def _md(text: str) -> str:
    """Text made safe in Markdown (its words as heard)."""
    words = _words(text)
    return words.replace("\\", "\\\\").replace("<", "&lt;").replace("*", "\\*").replace("_", "\\_")
