"""Every key a sequence file and a pose file may have, described once.

The loader accepts exactly these keys (and requires the required ones), and the JSON Schema that
editors use to complete and check a file is made from the same description (``schema.py``), so
the two cannot disagree.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from voicekit.sequence.breath import BREATH_CUES, PATTERNS, PHASES
from voicekit.sequence.catalogue import AVOID, FOCUS, KINDS, LEVELS, POSITIONS, PROPS
from voicekit.sequence.durations import LIMIT_MS, MINUTE
from voicekit.sequence.model import BED_KINDS, BELLS, GUIDANCE, MAX_RATE, MAX_REPEAT, MIN_RATE


@dataclass(frozen=True)
class Field:
    """One key: its kind of value, what it means (shown by editors), and whether it must be there."""

    key: str
    kind: str
    """text, texts (a text or a list of them), number, whole, duration, hold, choice, choices (a list of
    them), flag, group, table (words to words), path, paths, sides, id, ids (a list of pose ids), props (ids
    or texts), steps (texts or ``{say, ...}`` mappings of ``fields``), cautions (likewise), transition-in
    (false or a text), gather (a duration or none), time-cues, bells, poses (poses, flows and rounds), round
    (poses), library, language (a BCP 47 tag), phrases, breath (a named pattern or a group), breath-cues (a
    choice or a group), movements (a flow's)."""
    doc: str
    required: bool = False
    unless: str = ""
    """Not required when this other key is there (a pose that ``use``s another)."""
    choices: tuple[str, ...] = ()
    low: float | None = None
    high: float | None = None
    """A number's bounds; for texts, ``low=0``: an empty list is allowed (and means none)."""
    fields: tuple[Field, ...] = ()
    """The keys of a group."""
    scalar: bool = False
    """A group that may also be written as one choice (``bed: drone``)."""
    apart: tuple[str, ...] = ()
    """Keys of a group that cannot be written together (a bed's kind and file)."""


def keys(fields: tuple[Field, ...]) -> tuple[str, ...]:
    return tuple(f.key for f in fields)


def field(fields: tuple[Field, ...], key: str) -> Field:
    return next(f for f in fields if f.key == key)


VOICE = (
    Field("engine", "text", "Speech engine: piper (natural) or pyttsx3 (espeak-ng); default: the best installed."),
    Field("id", "text", "A voice of the engine (see `voicekit voices`), or a Piper voice file (.onnx)."),
    Field("rate", "whole", "Words per minute; 140 is slow and calm (the default).", low=MIN_RATE, high=MAX_RATE),
    Field("volume", "number", "A gain after every clip is levelled: 1.0 is full level.", low=0.05, high=1.0),
)
BREATH = (
    Field("inhale", "duration", "One in-breath, for holds counted in breaths (default 4s).", low=1000, high=30_000),
    Field("hold", "duration", "The breath held in, after the inhale (default 0s: none).", low=0, high=30_000),
    Field("exhale", "duration", "One out-breath (default 6s).", low=1000, high=30_000),
    Field("hold_out", "duration", "The breath held out, after the exhale (default 0s: none).", low=0, high=30_000),
)
BREATH_DOC = (
    "The breath: calm (4s in, 6s out; the default), box (4-4-4-4), 4-7-8, coherent (5.5s in, 5.5s out), "
    "extended-exhale (4s in, 8s out), or {inhale, hold, exhale, hold_out}"
)
BREATH_WORDS = (
    Field("in", "text", "Said at the start of each guided inhale, instead of the practice's Breathe in."),
    Field("out", "text", "Said at the start of each guided exhale, instead of the practice's Breathe out."),
    Field("hold", "text", "Said at the start of each hold of the breath, instead of the practice's Hold."),
    Field("every", "flag", "Guide every breath of the hold, not only the first three."),
)
BREATH_CUES_DOC = (
    "For breath holds: guided (the default), counted or silent; or guided with the pose's own words, "
    "{in, out, hold, every}"
)
PAUSES = (
    Field("step", "duration", "Quiet after each set-up step, to move (default 3s).", low=0, high=120_000),
    Field("pose", "duration", "Quiet after each pose (default 5s).", low=0, high=600_000),
)
BED = (
    Field("kind", "choice", "brown-noise (a deep, even rush) or drone (a low, breathing chord).", choices=BED_KINDS),
    Field("level", "number", "dB under the voice, at least that far under: -20 at most.", low=-60, high=-20),
    Field("file", "path", "Your own sound instead (rain.mp3: any audio ffmpeg reads), relative to this file; looped."),
)
MAX_MOVE_MS = 120_000
SECOND_STEP = (
    Field("say", "text", "The words of the step.", required=True),
    Field(
        "move",
        "duration",
        "How long the movement it asks for takes (lie down 10-15s, roll to the side 8s, fetch a prop 8-15s): "
        "the quiet after it is at least this.",
        low=0,
        high=MAX_MOVE_MS,
    ),
)
STEP = (*SECOND_STEP, Field("first_side", "flag", "Said on the first side only: the next side starts there."))
CAUTION = (
    Field("say", "text", "Spoken once per practice, in the set-up of the pose's first side.", required=True),
    Field("when", "choice", "When it is said: setup (the only one for now).", choices=("setup",)),
)
TIME_CUES_DOC = "Time-left cues spoken inside the hold: halfway, 1m left, 30s left"
BELLS_DOC = "Soft bells inside the hold: every 5m, or times from its start like [2m, 4m]"
REPEAT_DOC = "Play it this many times over, in rounds, each announced (Round two of three.) with a chapter."
POSE = (
    Field("name", "text", "The pose's name: its chapter in the audio and the cue sheet.", required=True, unless="use"),
    Field(
        "props",
        "props",
        f"What to have at hand: ids from {', '.join(PROPS)} (said in the practice's language), or your own words.",
    ),
    Field(
        "setup",
        "steps",
        "The spoken steps into the pose, in order: a text, or {say, move, first_side}.",
        required=True,
        unless="use",
        fields=STEP,
    ),
    Field(
        "hold",
        "hold",
        "How long: 90s, 5m, 1:30, 5-8m, 6 breaths or 5-8 breaths (or in the practice's language: 5-8 Atemzüge); "
        "inhale or exhale: that half of one breath.",
        required=True,
        unless="use",
    ),
    Field(
        "sides",
        "sides",
        "[right, left] (or in the practice's language: [rechts, links]): the pose plays once per side; texts may "
        "use {side} and {other_side}, and a form of the side word such as {side:rechten}.",
    ),
    Field(
        "reminders",
        "texts",
        "Spoken spread evenly through the hold (left out where one does not fit); [] for none (a use drops "
        "the library pose's).",
        low=0,
    ),
    Field("release", "text", "Spoken when the hold ends."),
    Field("breath_cues", "breath-cues", BREATH_CUES_DOC + ".", fields=BREATH_WORDS, choices=BREATH_CUES),
    Field("breath", "breath", BREATH_DOC + ": this pose's own.", fields=BREATH, choices=tuple(PATTERNS)),
    Field("transition", "text", "Spoken before the second side (default: the language's Now the other side.)."),
    Field("rate", "whole", "Words per minute for this pose's texts.", low=MIN_RATE, high=MAX_RATE),
    Field("use", "id", "A pose of the library by id (see `voicekit poses`); keys written here override its own."),
    Field("names", "texts", "Other names (Sanskrit, ...), shown in listings; spoken only where a text says them."),
    Field("pronounce", "table", "How to say the words of this pose's texts that are not English."),
    Field(
        "cautions",
        "cautions",
        "Who should take care or skip it: a text is printed in the cue sheet; {say: ...} is also spoken, once "
        "per practice, in the set-up of the pose's first side.",
        fields=CAUTION,
    ),
    Field("time_cues", "time-cues", TIME_CUES_DOC + " (this pose's own: [] for none)."),
    Field("bells", "bells", BELLS_DOC + " (this pose's own: [] for none)."),
    Field(
        "second_side",
        "steps",
        "The set-up of every side after the first, instead of setup: only what the body has not done yet.",
        fields=SECOND_STEP,
    ),
    Field(
        "position",
        "choice",
        "Where the body is: where it changes from one pose to the next, the move between them is spoken.",
        choices=POSITIONS,
    ),
    Field(
        "transition_in",
        "transition-in",
        "Before the pose, where the position changes: false (its first step makes the move itself), or a text "
        "said instead of the automatic one.",
    ),
    Field("focus", "choices", "What it works on.", choices=FOCUS),
    Field("kind", "choice", "What kind of pose it is.", choices=KINDS),
    Field("level", "choice", "How strong it is.", choices=LEVELS),
    Field("avoid", "choices", "Conditions that should skip it.", choices=AVOID),
    Field("counter", "ids", "Library poses that balance it, by id."),
)
SEQUENCE_POSE = (*POSE, Field("repeat", "whole", REPEAT_DOC, low=1, high=MAX_REPEAT))
"""A pose as an item of a sequence's ``poses``: it may repeat."""
HOLD_ONLY = ("hold", "reminders", "breath_cues", "time_cues", "bells")
"""The keys of a pose held, which a flow (played in rounds, on the breath) has not."""
MOVEMENT = (
    Field("say", "text", "Said in the first round.", required=True),
    Field("short", "text", "Said in every later round (default: say again)."),
)
FLOW = (
    Field(
        "flow",
        "movements",
        "The movements of one round, each on one phase of the breath: - inhale: {say: ..., short: ...} "
        "(inhale, exhale, hold or hold_out; a text alone is say).",
        required=True,
        unless="use",
        fields=MOVEMENT,
        choices=PHASES,
    ),
    Field(
        "rounds", "whole", "How many rounds (fitting to a length changes them).", True, "use", low=1, high=MAX_REPEAT
    ),
    Field("round_cues", "flag", "Say Round two of five. before each round after the first."),
    *(replace(f, required=False) if f.key == "setup" else f for f in POSE if f.key not in HOLD_ONLY),
)
"""A flow: movements on the breath, played ``rounds`` times, as an item of ``poses`` (or with an id, of a
pose file): the keys of a pose but those of a hold, its set-up optional."""
ROUND = (
    Field("round", "round", "The poses of one round, in order: each written out, or `use:` a pose.", required=True),
    Field("repeat", "whole", REPEAT_DOC, required=True, low=1, high=MAX_REPEAT),
    Field("name", "text", "The round's name in its chapter titles (Round 2 of 3: NAME); default: its poses' names."),
)
"""A block of poses as an item of a sequence's ``poses``, played ``repeat`` times over."""
ID = Field("id", "id", "The pose's id: lowercase words joined by hyphens, unique in the library.", required=True)
LIBRARY_POSE = (ID, *POSE)
LIBRARY_FLOW = (ID, *FLOW)
LANGUAGE = Field(
    "language",
    "language",
    "The language the texts are written in, a BCP 47 tag (en, de, es, fr, it, nl, pt, pt-BR; default en): "
    "what voicekit says and writes itself, the side words, the hold words and the voice follow it.",
)
SEQUENCE = (
    Field("title", "text", "The practice's title: the audio's title tag.", required=True),
    Field("description", "text", "Who it is for and what it does: shown in listings and the cue sheet."),
    Field("author", "text", "The artist tag (default voicekit)."),
    Field("collection", "text", "The album tag (default: the title)."),
    Field("genre", "text", "The genre tag (default Yoga)."),
    LANGUAGE,
    Field("voice", "group", "How the texts are spoken.", fields=VOICE),
    Field("breath", "breath", BREATH_DOC + ".", fields=BREATH, choices=tuple(PATTERNS)),
    Field(
        "breath_cues",
        "breath-cues",
        BREATH_CUES_DOC + ": of every pose with none of its own.",
        fields=BREATH_WORDS,
        choices=BREATH_CUES,
    ),
    Field(
        "guidance",
        "choice",
        "How much is said: quiet (set-up and transitions; holds silent), guided (the default) or full (every "
        "breath of a short hold guided, every reminder); --guidance overrides it.",
        choices=GUIDANCE,
    ),
    Field("pauses", "group", "Quiet between the spoken steps and the poses.", fields=PAUSES),
    Field("intro", "texts", "Spoken first."),
    Field("outro", "texts", "Spoken before the closing bell."),
    Field(
        "bed",
        "group",
        "A soft background under the whole session: made, or your own file.",
        fields=BED,
        scalar=True,
        apart=("kind", "file"),
    ),
    Field("chimes", "flag", "A short, soft chime before each pose after the first."),
    Field(
        "bell",
        "choice",
        "What ends the session: bowl (a singing bowl, the default), chime (short), double (two strikes) or none.",
        choices=BELLS,
    ),
    Field("time_cues", "time-cues", TIME_CUES_DOC + ", in every hold whose pose has none of its own."),
    Field("bells", "bells", BELLS_DOC + ", in every hold whose pose has none of its own."),
    Field("pronounce", "table", "Words said the way a teacher says them: Savasana: shah-vah-sah-nah."),
    Field(
        "phrases",
        "phrases",
        "The practice's own words for what voicekit says and writes (breath.in: Breathe in slowly.); a language "
        "voicekit has no phrases for is written here in full (`voicekit phrases` prints them).",
    ),
    Field(
        "length",
        "duration",
        "Fit every hold so the session lasts this long (20m, 1:05:00); --length overrides it.",
        low=MINUTE,
        high=LIMIT_MS,
    ),
    Field("library", "paths", "Folders or files of your own poses, relative to this file; they add to the library."),
    Field(
        "gather",
        "gather",
        "After the introduction, every prop the poses use is named in one phrase, then this much quiet to fetch "
        "them (default 45s); none: no phrase and no quiet.",
        low=0,
        high=600_000,
    ),
    Field(
        "poses",
        "poses",
        "The poses, in order: each written out, or `use:` a pose of the library; `flow:` movements on the breath; "
        "`round:` a block of poses to repeat.",
        required=True,
    ),
)
POSE_FILE = (LANGUAGE, Field("poses", "library", "The poses of this file.", required=True))
TEXT_KEYS = (
    "name", "names", "setup", "second_side", "transition_in", "reminders", "release", "transition", "cautions",
    "breath_cues", "flow", "pronounce",
)  # fmt: skip
"""The keys of a pose a translation gives (``poses/<lang>/``): its texts; the rest is the English pose's."""
_TEXT_FIELDS = {f.key: f for f in (*POSE, *FLOW)}
TRANSLATED = (ID, *(replace(_TEXT_FIELDS[key], required=False) for key in TEXT_KEYS))
"""A pose in a translation file: its id and its texts."""
TRANSLATION_FILE = (
    replace(LANGUAGE, required=True, doc="The language of this translation, as its folder is named (de, pt-BR)."),
    Field("poses", "translations", "The poses translated, by the ids of the English ones: their texts only.", True),
)
