"""The cue sheet (NAME.md): everything a teacher would print and pin up, readable as plain text too.

The title, length and props; then the introduction, each pose and side in order with its start,
hold (a flow's rounds) and props, the numbered set-up steps, a flow's movements, the reminders, the
time cues and bells in its hold, the release, the transition (or the move into it from the last pose's
position), and the cautions (the spoken ones marked); each round with its start, its poses written out
under the first; then the closing. ``sections`` gives the same as plain data, for the practice page of
``voicekit serve``. Every word voicekit writes here itself is the practice's language's (``label.*``
phrases).
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from voicekit.language.phrases import Phrases
from voicekit.output.metadata import Metadata
from voicekit.plan.compiler import chapter_title, fill_side
from voicekit.plan.moves import move_in
from voicekit.plan.options import Practice, PracticePose
from voicekit.plan.rounds import plays
from voicekit.plan.sounds import END_BELLS
from voicekit.plan.timeline import ChapterRole, Timeline
from voicekit.sequence import pacing
from voicekit.sequence.durations import format_ms
from voicekit.sequence.model import Caution


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
    movements: tuple[tuple[str, str], ...] = ()
    """A flow's movements: (the phase they are on, what is said: ``say``, and `` / short``)."""
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
    return list(practice.sequence.props)


def sections(practice: Practice, timeline: Timeline) -> list[Section]:
    """The introduction, each pose and side (a round's poses under its first round), and the closing,
    with where each starts."""
    sequence, said = practice.sequence, practice.phrases
    starts = {c.title: c.start for c in timeline.chapters}
    intro = next((c for c in timeline.chapters if c.role is ChapterRole.INTRODUCTION), None)
    closing = next((c for c in timeline.chapters if c.role is ChapterRole.CLOSING), None)
    out = []
    if intro:
        out.append(Section(intro.title, intro.start, pacing.spoken(sequence.intro or "")))
    order = plays(practice)
    for number, play in enumerate(order):
        settled = practice.poses[play.index]
        if play.first:
            again = "" if play.round == 1 else said.text("label.as_first_round")
            out.append(Section(play.chapter, starts[play.chapter], again))
        if play.round > 1:
            continue
        before = practice.poses[order[number - 1].index].pose if number else None
        move = move_in(before, settled.pose, said)
        for index, side in enumerate(settled.pose.sides or (None,)):
            section = _pose(said, settled, side, index, None if play.round else starts)
            out.append(replace(section, transition=pacing.spoken(move.text)) if move and not index else section)
    if closing:
        words = [pacing.spoken(sequence.outro)] if sequence.outro else []
        bell = [said.text(f"label.end.{sequence.bell}")] if sequence.bell in END_BELLS else []
        out.append(Section(closing.title, closing.start, " ".join([*words, *bell])))
    return out


def _pose(said: Phrases, settled: PracticePose, side: str | None, index: int, starts: dict[str, int] | None) -> Section:
    """A pose (one side of it), with its start; or (``starts`` None) written out under its round."""
    pose = settled.pose

    def fill(text: str) -> str:
        return pacing.spoken(fill_side(text, side, said))

    title = chapter_title(pose, side, said)
    hold = format_ms(settled.hold_ms)
    if pose.flow:
        hold = said.rounds(settled.breaths)
    elif settled.breaths:
        hold = f"{said.breaths(settled.breaths)} ({hold})"
    moves = pose.flow.movements if pose.flow else ()
    bells = ""
    if settled.bells:
        every = settled.bells.every_ms
        at = ", ".join(format_ms(ms) for ms in settled.bells.at_ms)
        bells = (
            said.text("label.bells.every", time=format_ms(every)) if every else said.text("label.bells.at", times=at)
        )
    return Section(
        title,
        starts[title] if starts is not None else None,
        hold=hold,
        props=tuple(said.prop(p) for p in pose.props),
        names=pose.names,
        transition=fill(pose.transition or said.text("transition")) if index > 0 else "",
        steps=tuple(fill(step.text) for step in pose.steps(first=index == 0)),
        movements=tuple(
            (said.label(f"phase.{m.phase}"), fill(m.say) + (f" / {fill(m.short)}" if m.short else "")) for m in moves
        ),
        reminders=tuple(fill(r) for r in pose.reminders),
        time_cues=tuple(said.time_cue(c.left_ms) for c in settled.time_cues),
        bells=bells,
        release=fill(pose.release) if pose.release else "",
        cautions=tuple(_caution(c, said) for c in pose.cautions) if index == 0 else (),
    )


def _caution(caution: Caution, said: Phrases) -> str:
    """A caution as printed: a spoken one says so."""
    return f"{caution.text} ({said.label('spoken')})" if caution.spoken else caution.text


def cue_sheet(practice: Practice, timeline: Timeline, meta: Metadata) -> str:
    """The cue sheet of a build, as Markdown that reads as plain text."""
    sequence, said = practice.sequence, practice.phrases
    label = said.label
    out = [f"# {_md(sequence.title)}", ""]
    if sequence.description:
        out += [_md(sequence.description), ""]
    out += [
        f"**{said.labelled('length')}** {format_ms(timeline.total)}  ",
        f"**{said.labelled('built_with')}** {_md(meta.comment)}",
    ]
    listed = [f"- {_md(said.prop(p))}" for p in props(practice)]
    out += ["", f"## {label('props')}", ""] + (listed or [f"- {label('no_props')}"])
    out += ["", f"## {label('sequence')}", ""]
    for s in sections(practice, timeline):
        heading = f"### {format_ms(s.start)}  {_md(s.title)}" if s.start is not None else f"#### {_md(s.title)}"
        out += [heading, ""]
        if s.is_pose:
            out += _pose_md(s, said)
        elif s.text:
            out += [_md(s.text), ""]
    return "\n".join(out).rstrip("\n") + "\n"


def _pose_md(s: Section, said: Phrases) -> list[str]:
    out = [f"{said.labelled('hold')} {s.hold}  "]
    if s.time_cues:
        out.append(f"{said.labelled('time_cues')} {' '.join(s.time_cues)}  ")
    if s.bells:
        out.append(f"{said.labelled('bells')} {s.bells}  ")
    if s.props:
        out.append(f"{said.labelled('props')} {_md(', '.join(s.props))}  ")
    if s.names:
        out.append(f"{said.labelled('also_called')} {_md(', '.join(s.names))}  ")
    out.append("")
    if s.transition:
        out += [f"{said.labelled('transition')} {_md(s.transition)}", ""]
    out += [f"{i}. {_md(step)}" for i, step in enumerate(s.steps, 1)] + [""]
    if s.movements:
        out += (
            [said.labelled("flow"), ""]
            + [f"- {phase}{said.table.colon} {_md(text)}" for phase, text in s.movements]
            + [""]
        )
    if s.reminders:
        out += [f"{said.labelled('reminders')}", ""] + [f"- {_md(r)}" for r in s.reminders] + [""]
    if s.release:
        out += [f"{said.labelled('release')} {_md(s.release)}", ""]
    if s.cautions:
        out += [f"{said.labelled('cautions')}", ""] + [f"- {_md(c)}" for c in s.cautions] + [""]
    return out


def _md(text: str) -> str:
    """Text made safe in Markdown (its words as heard)."""
    return pacing.spoken(text).replace("\\", "\\\\").replace("<", "&lt;").replace("*", "\\*").replace("_", "\\_")
