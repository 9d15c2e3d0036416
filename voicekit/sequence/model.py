"""The validated sequence: small frozen dataclasses, no YAML and no audio in sight."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import PurePath

from voicekit.sequence.breath import PATTERNS, Breath, BreathCues, Flow
from voicekit.sequence.durations import Hold

MIN_RATE = 80  # words per minute; espeak-ng speaks anything slower at 80 (measured: 60 and 70 wpm)
MAX_RATE = 400
GUIDANCE = ("quiet", "guided", "full")


@dataclass(frozen=True)
class Voice:
    """How the texts are spoken."""

    engine: str | None = None
    """Speech engine name (see ``voicekit voices``); None: the best one installed (Piper, else pyttsx3)."""
    id: str | None = None
    """Engine voice id; None picks the engine's default voice."""
    rate: int = 140
    """Words per minute; 140 is slow and calm."""
    volume: float = 1.0
    """0-1, a gain applied after the clips are levelled (1.0 = full level)."""
    engine_line: int = field(default=0, compare=False, repr=False)
    """Line of ``engine`` in the sequence file (0: not written there), for error messages."""
    id_line: int = field(default=0, compare=False, repr=False)
    """Line of ``id`` in the sequence file (0: not written there)."""


@dataclass(frozen=True)
class Pauses:
    """Silences the teacher leaves between spoken steps."""

    step_ms: int = 3000
    """After each set-up step: time to move into place."""
    pose_ms: int = 5000
    """After a pose's release, before the next pose starts."""


BED_KINDS = ("brown-noise", "drone")
BELLS = ("bowl", "chime", "double", "none")
MAX_REPEAT = 50  # rounds of a pose or a round block
GATHER_MS = 45_000  # time to fetch a bolster, a blanket, a strap and a chair


@dataclass(frozen=True)
class TimeCue:
    """A time-left cue inside a hold: at its middle, or ``left_ms`` before it ends."""

    left_ms: int | None = None
    """None: halfway."""


@dataclass(frozen=True)
class Bells:
    """Soft bells inside a hold, at offsets from its start: every ``every_ms``, or at ``at_ms``."""

    every_ms: int = 0
    at_ms: tuple[int, ...] = ()

    def offsets(self, hold_ms: int) -> tuple[int, ...]:
        """Where the bells ring in a hold of ``hold_ms`` (a bell at the very end is no bell)."""
        if self.every_ms:
            return tuple(range(self.every_ms, hold_ms, self.every_ms))
        return self.at_ms


@dataclass(frozen=True)
class Round:
    """Poses ``first`` to ``first + count - 1`` of the sequence, played ``repeat`` times over."""

    first: int
    count: int
    repeat: int
    name: str | None = None
    """The rounds' name in their chapter titles; None: the names of the poses."""
    line: int = 0

    @property
    def poses(self) -> range:
        return range(self.first, self.first + self.count)


@dataclass(frozen=True)
class Bed:
    """A soft background under the whole session, made in code or looped from the user's audio file."""

    kind: str = "brown-noise"
    """brown-noise (a deep, even rush) or drone (a low, slowly breathing chord); ignored with a file."""
    level: float = -30.0
    """Loudness relative to the voice, in dB: -20 at most, so the voice always stands well clear."""
    file: str | None = None
    """An audio file (the absolute path) to loop instead of a made bed."""
    line: int = field(default=0, compare=False, repr=False)
    """Line of ``file`` in the sequence file, for error messages."""
    origin: str = field(default="", compare=False, repr=False)
    """The sequence file it was written in, for error messages."""

    @property
    def name(self) -> str:
        """What the bed is, in a few words: its kind, or its file's name."""
        return self.kind if self.file is None else PurePath(self.file).name


@dataclass(frozen=True)
class Step:
    """One spoken set-up step, and the quiet after it: at least ``move_ms`` (the movement it asks for), and
    never less than the sequence's step pause."""

    text: str
    move_ms: int = 0
    """How long the movement it asks for takes; 0: the step pause is enough."""
    first_side: bool = False
    """Said on the first side only (the body is already there on the next)."""
    file: str = field(default="", compare=False, repr=False)
    line: int = field(default=0, compare=False, repr=False)
    """Where it is written, for the teaching check's warnings."""


@dataclass(frozen=True)
class Caution:
    """Who should take care, and how: printed in the cue sheet; a spoken one is also said once per practice,
    in the set-up of the pose's first side."""

    text: str
    spoken: bool = False
    file: str = field(default="", compare=False, repr=False)
    line: int = field(default=0, compare=False, repr=False)


@dataclass(frozen=True)
class Pose:
    """One pose; with ``sides`` it plays once per side."""

    name: str
    setup: tuple[Step, ...]
    """Spoken steps, in order."""
    hold: Hold
    """How long, or (a flow) how many rounds."""
    props: tuple[str, ...] = ()
    """Prop ids (``catalogue.PROPS``: said in the practice's language), or texts said as written."""
    sides: tuple[str, ...] = ()
    """Empty, or ("right", "left") in the order played (as written in any language): the texts get {side}
    and {other_side} filled in with the practice's words for them."""
    reminders: tuple[str, ...] = ()
    """Spoken spread evenly through the hold."""
    release: str | None = None
    """Spoken when the hold ends."""
    breath_cues: BreathCues | None = None
    """For breath-counted holds: guided (with its own words or not), counted or silent; None: the sequence's."""
    transition: str | None = None
    """Spoken between the sides of a two-sided pose; None: the language's own ("Now the other side.")."""
    rate: int | None = None
    """Words per minute for this pose's texts; None: the sequence's rate."""
    line: int = 0
    """Line of the pose in its file, for error messages."""
    id: str | None = None
    """Its id in the pose library, where it comes from there."""
    names: tuple[str, ...] = ()
    """Other names (Sanskrit, ...): shown in listings and the cue sheet."""
    cautions: tuple[Caution, ...] = ()
    """Who should take care or skip it: printed in the cue sheet, the spoken ones said too."""
    pronounce: tuple[tuple[str, str], ...] = ()
    """How to say the words of its texts that are not English."""
    language: str = "en"
    """The language its set-up steps are written in (its pose file's, or the sequence's where it writes them)."""
    time_cues: tuple[TimeCue, ...] | None = None
    """Time-left cues in its hold; None: the sequence's."""
    bells: Bells | None = None
    """Bells in its hold; None: the sequence's."""
    second_side: tuple[Step, ...] = ()
    """The set-up of every side after the first; empty: ``setup`` without its ``first_side`` steps."""
    transition_in: bool | str = True
    """Before it, where the position changes: True, the language's move between the two positions; False,
    nothing (its first steps make the move); a text, said instead."""
    position: str | None = None
    """Where the body is (``catalogue.POSITIONS``); None: not said, so no move is spoken before it."""
    focus: tuple[str, ...] = ()
    kind: str | None = None
    level: str | None = None
    avoid: tuple[str, ...] = ()
    """Conditions that should skip it (``catalogue.AVOID``)."""
    counter: tuple[str, ...] = ()
    """Ids of library poses that balance it."""
    breath: Breath | None = None
    """Its own breath pattern; None: the sequence's."""
    flow: Flow | None = None
    """Movements on the breath, in rounds (``hold`` counts them) instead of a hold; None: a pose held."""
    file: str = field(default="", compare=False, repr=False)
    """The file it is written in (a ``use`` in a sequence: the sequence), for warnings at ``line``."""

    @property
    def short_second_side(self) -> bool:
        """Its later sides have a set-up of their own: the body is already where that set-up starts."""
        return bool(self.second_side) or any(step.first_side for step in self.setup)

    def steps(self, first: bool) -> tuple[Step, ...]:
        """The set-up of its first side, or of a later one."""
        if first:
            return self.setup
        return self.second_side or tuple(step for step in self.setup if not step.first_side)

    @property
    def spoken_cautions(self) -> tuple[str, ...]:
        return tuple(c.text for c in self.cautions if c.spoken)


@dataclass(frozen=True)
class Sequence:
    """A whole practice."""

    title: str
    poses: tuple[Pose, ...]
    name: str = "sequence"
    """File stem, used for default output names."""
    file: str = ""
    """Where it was read from, for error messages."""
    description: str | None = None
    author: str | None = None
    collection: str | None = None
    """Album in the tags; the title when not given."""
    genre: str = "Yoga"
    voice: Voice = field(default_factory=Voice)
    breath: Breath = PATTERNS["calm"]
    pauses: Pauses = field(default_factory=Pauses)
    intro: str | None = None
    outro: str | None = None
    bed: Bed | None = None
    """A background under the session; None: silence between the words."""
    chimes: bool = False
    """A short, soft chime before each pose after the first."""
    bell: str = "bowl"
    """The sound that ends the session: bowl (a singing bowl), chime, double (two strikes), or none."""
    pronounce: tuple[tuple[str, str], ...] = ()
    """(written, spoken): words said the way a teacher says them (see ``pronounce``)."""
    length_ms: int | None = None
    """The length to fit the holds to by default (``--length`` overrides it); None: holds as written."""
    library: tuple[str, ...] = ()
    """The folders and files of poses its ``library:`` names (resolved), beside the shipped and the user's."""
    language: str = "en"
    """BCP 47, lower case: the language of its texts and of everything voicekit says and writes for it."""
    phrases: tuple[tuple[str, str], ...] = ()
    """(key, text): its own phrases over its language's (see ``voicekit.language.phrases``)."""

    time_cues: tuple[TimeCue, ...] = ()
    """Time-left cues in every hold whose pose has none of its own."""
    bells: Bells | None = None
    """Bells in every hold whose pose has none of its own."""
    rounds: tuple[Round, ...] = ()
    """Runs of ``poses`` played more than once, in order, never overlapping."""
    gather_ms: int | None = GATHER_MS
    """The quiet after the introduction names the props, to fetch them; None: no props phrase, no quiet."""
    breath_cues: BreathCues | None = None
    """The breath cues of every pose that has none of its own; None: guided."""
    guidance: str = "guided"
    """How much is said: quiet (set-up and transitions, holds silent), guided, or full (every breath of a
    short hold guided, every reminder)."""

    @property
    def props(self) -> tuple[str, ...]:
        """Every prop the poses use, once, in the order they need them."""
        return tuple(dict.fromkeys(p for pose in self.poses for p in pose.props))
