"""Build options as the CLI and the library API take them, and the one place they are applied:
``resolve(sequence, options, settle)`` gives the :class:`Practice` every later stage works from (``settle``,
the speech stage's answer to which engine and voice speak: ``speech.engines.settled``)."""

from __future__ import annotations

import difflib
import math
from dataclasses import dataclass, field, replace

from voicekit.errors import EngineError, OptionsError, SequenceError
from voicekit.language.phrases import ENGLISH_PHRASES, Phrases, language, phrases_for
from voicekit.plan.speaker import Settle, Speaker, canonical, engine_of
from voicekit.sequence.breath import Breath, BreathCues
from voicekit.sequence.durations import MIN_HOLD_MS, Hold, parse_hold
from voicekit.sequence.loader import shipped_pronunciations
from voicekit.sequence.model import GUIDANCE, MAX_RATE, MAX_REPEAT, MIN_RATE, Bells, Pose, Sequence, TimeCue
from voicekit.sequence.pronounce import Table, merge

HOLD_LENGTHS = ("short", "medium", "long")


@dataclass(frozen=True)
class BuildOptions:
    """How to turn a sequence into a timeline and audio."""

    holds: str = "medium"
    """short, medium or long: which end of each hold range to use."""
    overrides: tuple[tuple[str, str], ...] = ()
    """Per-pose holds (--hold) as (pose name or 1-based number, duration text)."""
    scale: float = 1.0
    """Multiplies every hold."""
    breath_s: float | None = None
    """One breath cycle of the practice in seconds: every pattern scaled in proportion (a pose's own too)."""
    engine: str | None = None
    voice: str | None = None
    rate: int | None = None
    length_ms: int | None = None
    """Fit every hold so the session lasts this long (``plan.fit``); None: the sequence's ``length``, if any."""
    guidance: str | None = None
    """quiet, guided or full (``Sequence.guidance``); None: the sequence's."""


@dataclass(frozen=True)
class PracticePose:
    """A pose with its hold settled: how long, and how many breaths (a flow: how many rounds)."""

    pose: Pose
    hold_ms: int
    breaths: int
    """Breaths in the hold (a flow: its rounds); 0 for a hold timed in minutes and seconds."""
    rate: int
    """Words per minute of the pose's texts (its own rate, else the sequence's)."""
    fixed: bool = False
    """The hold was set with --hold: fitting to a length leaves it as it is."""
    time_cues: tuple[TimeCue, ...] = ()
    """Time-left cues in its hold (its own, else the sequence's)."""
    bells: Bells | None = None
    """Bells in its hold (its own, else the sequence's)."""
    repeat: int = 1
    """Times it plays: its round's repeat (every round holds it ``hold_ms``), else 1."""
    breath: Breath = field(default_factory=Breath)
    """The breath of its hold or flow (its own pattern, else the practice's), scaled by ``--breath``."""
    cues: BreathCues = field(default_factory=BreathCues)
    """What is said on the breaths of its hold (its own, else the sequence's)."""

    @property
    def cycle_ms(self) -> int:
        """What one more breath adds to its hold (a flow: one more round, as the breath alone would pace it)."""
        flow = self.pose.flow
        return sum(self.breath.length(m.phase) for m in flow.movements) if flow else self.breath.cycle_ms


@dataclass(frozen=True)
class Practice:
    """A sequence with the options applied: what the compiler lays out and the files describe."""

    sequence: Sequence
    poses: tuple[PracticePose, ...]
    voice: Speaker
    """The voice that speaks: the options' engine, id and rate folded in, the engine and voice settled."""
    breath: Breath
    holds: str
    overrides: tuple[tuple[str, str], ...]
    """The --hold overrides as given (pose, duration)."""
    scale: float
    pronounce: Table = ()
    """How words are to be said: the user's table, the sequence's entries winning."""
    length_ms: int | None = None
    """The length to fit the holds to (--length, else the sequence's ``length``); None: as written."""
    fitted_ms: int | None = None
    """The length the holds were fitted to, once ``plan.fit`` has done it."""
    phrases: Phrases = ENGLISH_PHRASES
    """What voicekit says and writes itself, in the practice's language (with the sequence's own phrases)."""
    guidance: str = "guided"
    """How much is said: quiet, guided or full (the option's, else the sequence's)."""


def check_alone(options: BuildOptions) -> None:
    """What the options get wrong whatever the sequence (serve says it at start-up, not at the first Play)."""
    if options.holds not in HOLD_LENGTHS:
        raise OptionsError(f"--holds must be one of {', '.join(HOLD_LENGTHS)}, not {options.holds!r}")
    if not 0.05 <= options.scale <= 20:
        raise OptionsError(f"--scale must be between 0.05 and 20, not {options.scale:g}")
    if options.guidance is not None and options.guidance not in GUIDANCE:
        raise OptionsError(f"--guidance must be one of {', '.join(GUIDANCE)}, not {options.guidance!r}")


def resolve(sequence: Sequence, options: BuildOptions, settle: Settle, pronounce: Table = ()) -> Practice:
    """Apply the options to the sequence once: voice, breath, and every pose's hold in milliseconds.

    ``settle`` chooses the engine and voice where neither the options nor the file do (the speech stage's
    ``engines.settled``); ``pronounce`` is the user's own pronunciation table, the sequence's entries win."""
    check_alone(options)
    length = options.length_ms if options.length_ms is not None else sequence.length_ms
    if length is not None and options.scale != 1.0:
        raise OptionsError("--length and --scale both set the holds; give one of them")
    voice = _voice(sequence, options, settle)
    factor = _breath_factor(sequence.breath, options.breath_s)
    breath = _scaled(sequence.breath, factor)
    poses = list(sequence.poses)
    overridden = set()
    for ref, text in options.overrides:
        index = find_pose(sequence, ref)
        overridden.add(index)
        try:
            poses[index] = replace(poses[index], hold=_override(poses[index], text, sequence.language))
        except ValueError as e:
            raise OptionsError(f"{sequence.file}: --hold {ref}={text}: {e}") from None
    repeats = {i: r.repeat for r in sequence.rounds for i in r.poses}
    settled = tuple(
        replace(
            _settle(
                pose, voice.rate, _scaled(pose.breath, factor) if pose.breath else breath, options, i in overridden
            ),
            repeat=repeats.get(i, 1),
            **_in_hold(pose, sequence),
        )
        for i, pose in enumerate(poses)
    )
    poses_tables = [dict(p.pronounce) for p in sequence.poses]
    shipped = dict(shipped_pronunciations(sequence.language))  # the language's own: every other table wins
    table = merge(shipped, dict(pronounce), *poses_tables, dict(sequence.pronounce))  # the sequence's entries win
    phrases = phrases_for(sequence.language, sequence.phrases)
    holds, overrides, scale = options.holds, options.overrides, options.scale
    guidance = options.guidance or sequence.guidance
    return Practice(
        sequence, settled, voice, breath, holds, overrides, scale, table, length, phrases=phrases, guidance=guidance
    )


def _override(pose: Pose, text: str, language: str) -> Hold:
    """A hold given with --hold; a flow's, its rounds (``4`` or ``4 rounds``)."""
    if pose.flow is None:
        return parse_hold(text, language)
    rounds = text.strip().lower().removesuffix("rounds").strip()
    if not rounds.isdecimal() or not 1 <= int(rounds) <= MAX_REPEAT:
        raise ValueError(f"{pose.name} is a flow: give its rounds, from 1 to {MAX_REPEAT}, like 4 or 4 rounds")
    return Hold(int(rounds), int(rounds), breaths=True)


def other_languages(practice: Practice) -> list[str]:
    """A warning for each pose whose set-up steps are in another language than the practice (a pose of
    the English library used as it is in a German practice): the voice would read them as written."""

    def named(tag: str) -> str:
        table = language(tag)
        return f"{table.name} ({tag})" if table else tag

    tag = practice.phrases.tag
    out = []
    for pose in (p.pose for p in practice.poses):
        if pose.language.split("-")[0] != tag.split("-")[0]:
            out.append(
                f"{pose.name}: its set-up steps are in {named(pose.language)}, the practice in {named(tag)}; "
                "write its setup, reminders and release in the practice's language, or they are spoken as written"
            )
    return out


def _settle(pose: Pose, rate: int, breath: Breath, options: BuildOptions, fixed: bool) -> PracticePose:
    settled = PracticePose(pose, 0, 0, pose.rate or rate, fixed, breath=breath)
    hold_ms, breaths = held(pose.hold, pose.hold.pick(options.holds) * options.scale, settled)
    return replace(settled, hold_ms=hold_ms, breaths=breaths)


def held(hold: Hold, value: float, settled: PracticePose) -> tuple[int, int]:
    """(milliseconds, breaths) of ``settled``'s ``hold`` at ``value`` (breaths, or milliseconds): whole
    breaths, half up like ranges (round() is half-even), at least one; a timed hold at least a second
    (breaths 0); a hold of one phase of the breath (``inhale``) that phase, always."""
    if hold.phase:
        return settled.breath.length(hold.phase), 1
    if hold.breaths:
        breaths = max(1, math.floor(value + 0.5))
        return breaths * settled.cycle_ms, breaths
    return max(MIN_HOLD_MS, round(value)), 0


def _in_hold(pose: Pose, sequence: Sequence) -> dict:
    """What sounds inside the pose's hold: its own breath cues, time cues and bells, else the sequence's."""
    time_cues = sequence.time_cues if pose.time_cues is None else pose.time_cues
    bells = sequence.bells if pose.bells is None else pose.bells
    cues = pose.breath_cues or sequence.breath_cues or BreathCues()
    return {"time_cues": time_cues, "bells": bells if bells and (bells.every_ms or bells.at_ms) else None, "cues": cues}


def _voice(sequence: Sequence, options: BuildOptions, settle: Settle) -> Speaker:
    """The voice with the options folded in, its engine and voice id settled for the practice's language;
    the lines of the file that chose them kept for the voice check's messages."""
    voice, language = sequence.voice, sequence.language
    written_engine = voice.engine or (engine_of(voice.id) if voice.id else None)
    if options.engine is not None and options.voice is None and not _same_engine(options.engine, written_engine):
        voice = replace(voice, id=None)  # another engine: the sequence's voice is not one of its voices
    for name in ("engine", "voice", "rate"):
        value = getattr(options, name)
        if value is not None:
            voice = replace(voice, **{"id" if name == "voice" else name: value})
    if voice.rate is not None and not MIN_RATE <= voice.rate <= MAX_RATE:
        raise OptionsError(f"--rate must be between {MIN_RATE} and {MAX_RATE} words per minute, not {voice.rate}")
    engine_line = voice.engine_line if options.engine is None else 0
    id_line = voice.id_line if options.engine is None and options.voice is None else 0
    try:
        engine, voice_id = settle(voice.engine, voice.id, language)
    except EngineError as e:  # no voice of the language: where the engine was chosen
        if engine_line:
            raise SequenceError(f"voice: {e}", sequence.file, engine_line) from None
        raise
    return Speaker(engine, voice_id, voice.rate, voice.volume, engine_line, id_line)


def _breath_factor(breath: Breath, cycle_s: float | None) -> float:
    """How much ``--breath`` stretches every pattern: the practice's cycle to the one asked for."""
    if cycle_s is None:
        return 1.0
    if not 2 <= cycle_s <= 60:
        raise OptionsError(f"--breath must be between 2 and 60 seconds, not {cycle_s:g}")
    return round(cycle_s * 1000) / breath.cycle_ms


def _scaled(breath: Breath, factor: float) -> Breath:
    return breath if factor == 1.0 else breath.scaled(round(breath.cycle_ms * factor))


def _same_engine(a: str, b: str | None) -> bool:
    try:
        return b is not None and canonical(a) == canonical(b)
    except EngineError:
        return False


def find_pose(sequence: Sequence, ref: str) -> int:
    """Index of the pose named (case-insensitively) or numbered (from 1) by ``ref``."""
    ref = ref.strip()
    if ref.isdigit() and 1 <= int(ref) <= len(sequence.poses):
        return int(ref) - 1
    names = [p.name.lower() for p in sequence.poses]
    if ref.lower() in names:
        return names.index(ref.lower())
    starts = [i for i, n in enumerate(names) if n.startswith(ref.lower())]
    if ref and len(starts) == 1:
        return starts[0]
    # Compare with whole names and with each word, so "twsit" finds "Reclining twist".
    words = {w: i for i, n in enumerate(names) for w in [n, *n.replace(",", " ").split()]}
    close = difflib.get_close_matches(ref.lower(), list(words), n=1, cutoff=0.7)
    hint = f"did you mean {sequence.poses[words[close[0]]].name!r}? " if close else ""
    raise OptionsError(
        f"{sequence.file}: --hold: no pose {ref!r}; {hint}use a pose's name or its number 1-{len(sequence.poses)}"
    )
