"""Practice -> Timeline. Pure: it knows texts and milliseconds, nothing about audio.

Speech lengths come from ``measure(text, rate) -> ms``: real clip lengths for a build, estimates for a plan.
With a ``grid``, every cue starts and ends on a grid point (a build uses the MP3 frame, so that
cues line up with whole frames); without one, on whole milliseconds. What happens inside a hold is
laid out by ``hold_cues``, the order of the poses in rounds comes from ``rounds``.
"""

from __future__ import annotations

from voicekit.language.phrases import ENGLISH_PHRASES, Phrases
from voicekit.plan import flows, hold_cues
from voicekit.plan.breath_cues import PHRASE
from voicekit.plan.moves import move_in
from voicekit.plan.options import Practice, PracticePose, other_languages
from voicekit.plan.rounds import Play, plays
from voicekit.plan.sounds import END_BELLS, SOUND_MS
from voicekit.plan.tape import Measure, Tape
from voicekit.plan.timeline import ChapterRole, CueKind, CueRole, Grid, Timeline
from voicekit.sequence.model import Pose

LEAD_IN_MS = 1000  # silence before the first word, under the fade-in
BEFORE_BELL_MS = 2000
GATHER_GAP_MS = 1500  # between the intro's words and the props phrase
CHIME_MS = SOUND_MS["chime"]  # a chime before each pose after the first (with chimes: true): it rings out inside this


def compile_timeline(practice: Practice, measure: Measure, grid: Grid | None = None) -> Timeline:
    """Lay the whole practice out in time."""
    sequence, said = practice.sequence, practice.phrases
    b = Tape(measure, grid)
    b.warnings += other_languages(practice)
    order = plays(practice)
    gathering = gathering_phrase(practice)
    # Without an intro the lead-in belongs to the first pose: no chapter of silence alone.
    if sequence.intro or gathering:
        b.enter(said.text("chapter.intro"), ChapterRole.INTRODUCTION, practice.voice.rate)
    else:
        first = practice.poses[order[0].index].pose
        b.enter(*_chapter(order[0], first, (*first.sides, None)[0], said), practice.voice.rate)
    b.silence(LEAD_IN_MS, CueRole.LEAD_IN)
    if sequence.intro:
        b.speak(sequence.intro, CueRole.INTRO)
        b.silence(GATHER_GAP_MS if gathering else sequence.pauses.pose_ms, CueRole.PAUSE)
    if gathering:
        b.speak(gathering, CueRole.PROPS)
        b.silence(sequence.gather_ms or 0, CueRole.GATHER)
    cautions: set[str] = set()  # spoken once per practice
    for number, play in enumerate(order):
        settled = practice.poses[play.index]
        sides = settled.pose.sides or (None,)
        b.enter(*_chapter(play, settled.pose, sides[0], said), practice.voice.rate)
        if sequence.chimes and number:  # a chime before each pose after the first
            b.add(b.ticks(CHIME_MS), CueKind.CHIME, "chime", CueRole.CHIME)
        if play.first:
            b.speak(said.round(play.round, play.rounds), CueRole.ROUND)
            b.silence(sequence.pauses.step_ms, CueRole.MOVE)
        before = practice.poses[order[number - 1].index].pose if number else None
        move = move_in(before, settled.pose, said)
        if move:
            b.speak(move.text, CueRole.POSITION)
            b.silence(move.ms, CueRole.MOVE)
        for index, side in enumerate(sides):
            _pose_side(b, practice, settled, play, side, index, cautions)
    b.enter(said.text("chapter.closing"), ChapterRole.CLOSING, practice.voice.rate)
    if sequence.outro:
        b.speak(sequence.outro, CueRole.OUTRO)
    if sequence.bell in END_BELLS:
        sound, ms = END_BELLS[sequence.bell]
        b.silence(BEFORE_BELL_MS, CueRole.PAUSE)
        b.add(b.ticks(ms), CueKind.BELL, sound, CueRole.BELL)
    return Timeline(sequence.title, tuple(b.cues), tuple(b.warnings), grid)


def _chapter(play: Play, pose: Pose, side: str | None, said: Phrases) -> tuple[str, ChapterRole]:
    return (play.chapter, ChapterRole.ROUND) if play.round else (chapter_title(pose, side, said), ChapterRole.POSE)


SAMPLE_LEAD_MS, SAMPLE_TAIL_MS = 300, 700


def compile_sample(text: str, rate: int, measure: Measure, grid: Grid | None = None) -> Timeline:
    """A short sample of one text (``voicekit say``): a breath of quiet, the words, a moment after."""
    b = Tape(measure, grid)
    b.enter(text[:60], ChapterRole.POSE, rate)
    b.silence(SAMPLE_LEAD_MS, CueRole.LEAD_IN)
    b.speak(text, CueRole.SETUP)
    b.silence(SAMPLE_TAIL_MS, CueRole.PAUSE)
    return Timeline(text[:60], tuple(b.cues), (), grid)


def chapter_title(pose: Pose, side: str | None, said: Phrases = ENGLISH_PHRASES) -> str:
    """The chapter a pose (one side of it) plays in: its name, with the side in the practice's words."""
    return said.chapter(pose.name, side)


def fill_side(text: str, side: str | None, said: Phrases = ENGLISH_PHRASES) -> str:
    """``text`` with {side} and {other_side} (and their forms) filled in (unchanged for a one-sided pose)."""
    return said.fill_side(text, side)


def gathering_phrase(practice: Practice) -> str | None:
    """The props phrase after the introduction ("For this practice you need ..."), or None: no props, or
    ``gather: none``."""
    sequence = practice.sequence
    return practice.phrases.gathering(sequence.props) if sequence.gather_ms is not None else None


def _pose_side(
    b: Tape, practice: Practice, settled: PracticePose, play: Play, side: str | None, index: int, cautions: set[str]
) -> None:
    """One side of a pose: its set-up (a later side's own, where it has one), its spoken cautions on the
    first side (each once in the practice), its hold and its release, and the quiet after it."""
    pose, pauses, said = settled.pose, practice.sequence.pauses, practice.phrases
    title = chapter_title(pose, side, said)
    b.enter(*_chapter(play, pose, side, said), settled.rate, title)

    def fill(text: str) -> str:
        return fill_side(text, side, said)

    if index > 0:
        b.speak(fill(pose.transition or said.text("transition")), CueRole.TRANSITION)
        b.silence(pauses.step_ms, CueRole.PAUSE)
    for step in pose.steps(first=index == 0):
        b.speak(fill(step.text), CueRole.SETUP)
        b.silence(max(step.move_ms, pauses.step_ms), CueRole.MOVE)
    for text in pose.spoken_cautions if index == 0 else ():
        if fill(text) not in cautions:
            cautions.add(fill(text))
            b.speak(fill(text), CueRole.CAUTION)
            b.silence(pauses.step_ms, CueRole.PAUSE)
    if pose.flow:
        flows.fill(b, practice, settled, fill)
    else:
        hold_cues.fill(b, practice, settled, fill)
    if pose.release:
        b.speak(fill(pose.release), CueRole.RELEASE)
    # Between the sides of a pose whose later sides start where the release leaves the body: a step's quiet.
    short = index < len(pose.sides) - 1 and pose.short_second_side
    b.silence(pauses.step_ms if short else pauses.pose_ms, CueRole.PAUSE)


def spoken_texts(practice: Practice, estimate: Measure) -> list[tuple[str, int]]:
    """Every (text, rate) the compiler may speak (what to synthesize before compiling): with a breath phrase,
    all its variants, which other holds may say in its place (a rebuild with longer holds speaks no clip)."""
    seen: dict[tuple[str, int], None] = {}
    said = practice.phrases
    turns = {text: group for key in set(PHRASE.values()) for group in [said.variants(key)] for text in group}

    def record(text: str, rate: int) -> float:
        seen.update(dict.fromkeys((t, rate) for t in turns.get(text, (text,))))
        return estimate(text, rate)

    compile_timeline(practice, record)
    return list(seen)
