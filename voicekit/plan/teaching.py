"""The teaching check: what a listener on the mat, eyes closed, would stumble on, as warnings at the line
of the file that says it (``voicekit check``; ``--strict`` fails on any).

It reads the practice (its words, in its language's lists of move words and prop words) and its compiled
timeline (what is said how often, how quiet each hold is), so it judges what a build would play:

- a step that asks for a move (lie down, stand up, roll, fetch a prop...) followed by less quiet than that
  move takes, with no ``move:`` of its own;
- a change of position with no move spoken: a pose with no position, or ``transition_in: false`` on a pose
  whose steps do not make the move;
- a two-sided pose whose texts name a side ("to the right") instead of ``{side}``;
- a prop a pose uses that nothing names (the props phrase, the intro, a step) by the time it is needed;
- a practice over ``LONG_MS`` that ends in an active pose, with no rest after it;
- a cue text spoken more than ``MAX_SAID`` times;
- a hold less than a third of which is quiet;
- and what compiling found (a reminder that does not fit, a pose in another language than the practice).
"""

from __future__ import annotations

import itertools
from collections import Counter
from dataclasses import dataclass

from voicekit.language.base import Language
from voicekit.language.moves import move_needed, said_in
from voicekit.language.phrases import Phrases, language
from voicekit.plan.compiler import chapter_title, gathering_phrase
from voicekit.plan.moves import move_in
from voicekit.plan.options import Practice
from voicekit.plan.rounds import plays
from voicekit.plan.timeline import CueKind, CueRole, Timeline
from voicekit.sequence.catalogue import ACTIVE_KINDS, POSITIONS
from voicekit.sequence.durations import format_ms
from voicekit.sequence.model import Pose, Step

MAX_SAID = 8  # times one cue text may be spoken before it drones
LONG_MS = 10 * 60_000  # a practice this long ends with a rest
QUIET_SHARE = 1 / 3  # of a hold, at least
IN_HOLD = (CueRole.HOLD, CueRole.BREATH, CueRole.TIME, CueRole.HOLD_BELL, CueRole.REMINDER)


@dataclass(frozen=True)
class Finding:
    """One teaching warning, at the line of the file that says what it is about (0: the whole file)."""

    file: str
    line: int
    message: str

    def __str__(self) -> str:
        where = f"{self.file}:{self.line}" if self.line else self.file
        return f"{where}: warning: {self.message}"


def findings(practice: Practice, timeline: Timeline) -> list[Finding]:
    """Every teaching warning of the practice as ``timeline`` lays it out, each once, in the file's order."""
    found = [
        *_steps(practice),
        *_positions(practice),
        *_side_words(practice),
        *_props(practice),
        *_ending(practice, timeline),
        *_repeated(practice, timeline),
        *_crowded(practice, timeline),
        *_compiled(practice, timeline),
    ]
    return list(dict.fromkeys(found))


def excerpt(text: str, words: int = 6) -> str:
    """A text as a warning quotes it: its first words, "Bring a chair to the end ..."."""
    said = text.split()
    return '"' + " ".join(said[:words]) + (' ..."' if len(said) > words else '"')


def _table(pose: Pose) -> Language | None:
    return language(pose.language)


def _steps(practice: Practice) -> list[Finding]:
    """Steps that ask for a move and are followed by less quiet than it takes."""
    out = []
    step_ms = practice.sequence.pauses.step_ms
    for pose in _each(practice):
        table = _table(pose)
        if table is None:
            continue
        steps: list[Step] = [*pose.setup, *(pose.second_side if len(pose.sides) > 1 else ())]
        for step in steps:
            need = move_needed(step.text, table)
            if not step.move_ms and step_ms < need:
                out.append(
                    Finding(
                        step.file or pose.file,
                        step.line or pose.line,
                        f"{excerpt(step.text)} asks for a move but is followed by {step_ms / 1000:g} s; give it "
                        f"move: {need // 1000}s or more (a step as {{say: ..., move: {need // 1000}s}})",
                    )
                )
    return out


def _each(practice: Practice) -> list[Pose]:
    """Each pose of the practice once, in the order written."""
    return [settled.pose for settled in practice.poses]


def _positions(practice: Practice) -> list[Finding]:
    """Changes of position no words bring the body through."""
    order = [practice.poses[play.index].pose for play in plays(practice)]
    out = []
    if len(order) > 1:
        for pose in _each(practice):
            if pose.position is None:
                out.append(
                    Finding(
                        pose.file,
                        pose.line,
                        f"{pose.name} has no position, so no move into it or out of it can be spoken; give it "
                        f"position: ({', '.join(POSITIONS)})",
                    )
                )
    said = practice.phrases
    for before, pose in itertools.pairwise(order):
        start, end = before.position, pose.position
        if not start or not end or start == end or move_in(before, pose, said):
            continue
        table = _table(pose)
        makes_it = table is not None and any(move_needed(step.text, table) for step in pose.setup)
        if pose.transition_in is False and not makes_it:
            why = "it has transition_in: false, and none of its set-up steps makes the move"
        elif pose.transition_in is not False:
            why = f"there are no words for that move in {said.tag}; write transition_in: or phrases: move.{start}.{end}"
        else:
            continue
        out.append(Finding(pose.file, pose.line, f"{pose.name}: the position changes from {start} to {end}, but {why}"))
    return out


def _texts(pose: Pose) -> list[tuple[str, str, int]]:
    """Every text of a pose with the file and line it is written at (the pose's own where it has none)."""
    at = (pose.file, pose.line)
    out = [(s.text, s.file or at[0], s.line or at[1]) for s in (*pose.setup, *pose.second_side)]
    out += [(c.text, c.file or at[0], c.line or at[1]) for c in pose.cautions]
    loose = [*pose.reminders, pose.release, pose.transition]
    loose += [pose.transition_in] if isinstance(pose.transition_in, str) else []
    return out + [(text, *at) for text in loose if text]


def _side_words(practice: Practice) -> list[Finding]:
    """Texts of two-sided poses that name a side in words, which would be wrong on the other side."""
    out = []
    for pose in _each(practice):
        if len(pose.sides) < 2:
            continue
        said = Phrases(pose.language) if language(pose.language) else practice.phrases
        for text, file, line in _texts(pose):
            named = said.side_named(text)
            if named:
                out.append(
                    Finding(
                        file,
                        line,
                        f'{pose.name}: {excerpt(text)} names a side ("{named}"), which is wrong on the other side; '
                        "write {side} or {other_side}, which each side fills in",
                    )
                )
    return out


def _named(prop: str, text: str, table: Language | None) -> bool:
    """Whether ``text`` names ``prop``: an id by its nouns in the language, a prop of one's own by its words."""
    nouns = table.prop_words.get(prop, ()) if table else ()
    if not nouns:
        last = prop.lower().split()[-1] if prop.split() else prop
        nouns = (prop.lower(), last[:-1] if last.endswith("s") and len(last) > 4 else last)
    return any(said_in(text, noun) for noun in nouns)


def _props(practice: Practice) -> list[Finding]:
    """Props a pose uses that nothing names by the time its set-up is done."""
    if gathering_phrase(practice):
        return []  # the props phrase names every one
    said = practice.phrases
    table = language(said.tag)
    heard = [practice.sequence.intro or ""]
    out = []
    for play in plays(practice):
        pose = practice.poses[play.index].pose
        heard += [s.text for s in (*pose.setup, *pose.second_side)]
        heard += [pose.transition_in] if isinstance(pose.transition_in, str) else []
        for prop in pose.props:
            if not any(_named(prop, text, table) for text in heard):
                out.append(
                    Finding(
                        pose.file,
                        pose.line,
                        f"{pose.name} uses {said.prop(prop)}, but nothing names it by then: name it in the intro or "
                        "a step, or let the props phrase name it (leave out gather: none)",
                    )
                )
    return out


def _ending(practice: Practice, timeline: Timeline) -> list[Finding]:
    """A longer practice that ends in an active pose, with no rest after it."""
    last = practice.poses[plays(practice)[-1].index].pose
    if timeline.total <= LONG_MS or last.kind not in ACTIVE_KINDS:
        return []
    message = (
        f"the practice lasts {format_ms(timeline.total)} and ends in {last.name} ({last.kind}), with no rest after "
        "it; end with a rest (a pose of kind: rest)"
    )
    return [Finding(last.file, last.line, message)]


def _chapters(practice: Practice) -> dict[str, Pose]:
    """The pose of each chapter (a round's: its first pose) and of each pose's title (a side's too)."""
    out: dict[str, Pose] = {}
    for play in plays(practice):
        pose = practice.poses[play.index].pose
        if play.round:
            out.setdefault(play.chapter, pose)
        for side in pose.sides or (None,):
            out.setdefault(chapter_title(pose, side, practice.phrases), pose)
        out.setdefault(pose.name, pose)
    return out


def _where(practice: Practice, chapter: str) -> tuple[str, int]:
    pose = _chapters(practice).get(chapter)
    return (pose.file, pose.line) if pose else (practice.sequence.file, 0)


def _repeated(practice: Practice, timeline: Timeline) -> list[Finding]:
    """Cue texts spoken more than ``MAX_SAID`` times."""
    said = Counter(c.text for c in timeline.cues if c.kind is CueKind.SPEECH)
    out = []
    for text, n in said.items():
        if n > MAX_SAID:
            first = next(c for c in timeline.cues if c.text == text)
            out.append(
                Finding(
                    *_where(practice, first.pose),
                    f"{excerpt(text)} is spoken {n} times at {practice.holds} holds; more than {MAX_SAID} lulls "
                    "the listener: vary the words, or guide fewer breaths",
                )
            )
    return out


def _crowded(practice: Practice, timeline: Timeline) -> list[Finding]:
    """Holds less than ``QUIET_SHARE`` of which is quiet."""
    out = []
    run: list = []
    for cue in (*timeline.cues, None):
        if cue is not None and cue.role in IN_HOLD and (not run or run[-1].pose == cue.pose):
            run.append(cue)
            continue
        if run:
            total = sum(c.duration for c in run)
            quiet = sum(c.duration for c in run if c.role is CueRole.HOLD)
            if quiet < total * QUIET_SHARE:
                share = round(100 * quiet / total)
                out.append(
                    Finding(
                        *_where(practice, run[0].pose),
                        f"{run[0].pose}: only {share}% of its {format_ms(total)} hold is quiet; give it fewer "
                        "reminders or cues, or a longer hold",
                    )
                )
        run = [cue] if cue is not None and cue.role in IN_HOLD else []
    return out


def _compiled(practice: Practice, timeline: Timeline) -> list[Finding]:
    """What compiling warned of, at the pose it names (each warning starts with the pose's title)."""
    titles = sorted(_chapters(practice), key=len, reverse=True)
    out = []
    for warning in timeline.warnings:
        title = next((t for t in titles if warning.startswith(f"{t}: ")), None)
        file, line = _where(practice, title) if title else (practice.sequence.file, 0)
        out.append(Finding(file, line, warning))
    return out
