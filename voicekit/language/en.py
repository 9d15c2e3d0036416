"""English: what voicekit says and writes in a practice written in English (the default)."""

from __future__ import annotations

from voicekit.language.base import Language, amounts, below_thousand, capital, check_number, units, with_noun
from voicekit.language.moves import en as moving
from voicekit.language.moves import phrases_of

ONES = [
    "zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven", "twelve",
    "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen", "nineteen",
]  # fmt: skip
TENS = {2: "twenty", 3: "thirty", 4: "forty", 5: "fifty", 6: "sixty", 7: "seventy", 8: "eighty", 9: "ninety"}


def _below_hundred(n: int) -> str:
    if n < 20:
        return ONES[n]
    tens, unit = divmod(n, 10)
    return TENS[tens] + (f"-{ONES[unit]}" if unit else "")


def _hundreds(h: int, rest: str) -> str:
    return f"{ONES[h]} hundred" + (f" and {rest}" if rest else "")


def number(n: int) -> str:
    """21 -> "twenty-one", 105 -> "one hundred and five", 2001 -> "two thousand and one"."""
    check_number(n)
    thousands, rest = divmod(n, 1000)
    if not thousands:
        return below_thousand(rest, _below_hundred, _hundreds)
    head = below_thousand(thousands, _below_hundred, _hundreds) + " thousand"
    if not rest:
        return head
    return f"{head} {'and ' if rest < 100 else ''}{below_thousand(rest, _below_hundred, _hundreds)}"


def time_left(hours: int, minutes: int, seconds: int) -> str:
    """(0, 1, 0) -> "One minute left.", (0, 0, 30) -> "Thirty seconds left.",
    (1, 2, 5) -> "One hour, two minutes and five seconds left."."""
    said = with_noun(number)
    units = ((said, "hour", "hours"), (said, "minute", "minutes"), (said, "second", "seconds"))
    return capital(amounts((hours, minutes, seconds), units, "and")) + " left."


def round_of(n: int, m: int) -> str:
    """(2, 3) -> "Round two of three."."""
    return f"Round {number(n)} of {number(m)}."


PHRASES = {
    "breath.in": "Breathe in.",
    "breath.out": "Breathe out.",
    "breath.hold": "Hold.",
    "breath.in.2": "Inhale.",
    "breath.in.3": "And in.",
    "breath.out.2": "Exhale.",
    "breath.out.3": "And out.",
    "breath.hold.2": "And hold.",
    "breath.hold.3": "Hold here.",
    "transition": "Now the other side.",
    "halfway": "Halfway.",
    "chapter.intro": "Introduction",
    "chapter.closing": "Closing",
    "chapter.side": "{pose} ({side})",
    "chapter.round": "Round {n} of {m}: {pose}",
    "label.length": "Length",
    "label.built_with": "Built with",
    "label.props": "Props",
    "label.no_props": "none",
    "label.sequence": "Sequence",
    "label.hold": "Hold",
    "label.breaths": "{n} breaths",
    "label.breaths.one": "{n} breath",
    "label.also_called": "Also called",
    "label.transition": "Transition",
    "label.reminders": "Reminders",
    "label.release": "Release",
    "label.cautions": "Cautions",
    "label.spoken": "spoken",
    "label.time_cues": "Time cues",
    "label.bells": "Bells",
    "label.bells.every": "every {time}",
    "label.bells.at": "at {times}",
    "label.as_first_round": "As in round 1.",
    "label.end.bowl": "The bell rings.",
    "label.end.double": "The bell rings twice.",
    "label.end.chime": "A chime rings.",
    "label.chapters": "Chapters",
    "props.gather": "For this practice you need {props}. Take a moment now to set everything out beside your mat.",
    "list.and": "{items}, and {last}",
    "list.two": "{first} and {last}",
    "label.rounds": "{n} rounds",
    "label.rounds.one": "{n} round",
    "label.flow": "Movements",
    "label.phase.inhale": "Breathing in",
    "label.phase.hold": "Holding in",
    "label.phase.exhale": "Breathing out",
    "label.phase.hold_out": "Holding out",
    "settings.fitted": "fitted to {length}",
    "settings.holds": "holds {holds}",
    "settings.short": "short",
    "settings.medium": "medium",
    "settings.long": "long",
    "settings.hold": "hold {pose}={duration}",
    "settings.scale": "scale {scale}",
    "settings.breath": "breath {inhale}s in {exhale}s out",
    "settings.voice": "voice {voice} {rate} wpm",
    "settings.volume": "volume {volume}",
    "settings.pose_rate": "{pose} at {rate} wpm",
    "settings.bed": "bed {kind} {level} dB",
    "settings.brown-noise": "brown-noise",
    "settings.drone": "drone",
    "settings.chimes": "chimes",
    "settings.breath.holds": "breath {inhale}s in {hold}s held {exhale}s out {hold_out}s held",
    "settings.guidance.quiet": "quiet guidance",
    "settings.guidance.full": "full guidance",
}

# The rules above as templates of digits: where a language of one's own starts (`voicekit phrases`).
TEMPLATES = {
    "count": "{n}.",
    "round": "Round {n} of {m}.",
    "time_left.minutes": "{n} minutes left.",
    "time_left.minutes.one": "One minute left.",
    "time_left.seconds": "{n} seconds left.",
    "time_left.seconds.one": "One second left.",
    "time_left.minutes_seconds": "{minutes} minutes and {seconds} seconds left.",
}

ENGLISH = Language(
    tag="en",
    name="English",
    phrases={**PHRASES, **phrases_of(moving)},
    number=number,
    time_left=time_left,
    round=round_of,
    sides=(("right", "left"),),
    other_senses=(
        r"right angles?",
        r"all right",
        r"right (?:away|now)",
        r"just right",
        r"(?:time|minutes?|seconds?|breaths?|nothing) left",
    ),
    units=units(
        ("s", "sec", "secs", "second", "seconds"),
        ("m", "min", "mins", "minute", "minutes"),
        ("h", "hr", "hrs", "hour", "hours"),
    ),
    breath_words=("breath", "breaths"),
    range_words=("to",),
    range_starts=("from",),
    hold_examples=("90s", "5m", "1m30s", "1:30", "5-8m", "6 breaths", "5-8 breaths"),
    move_words=moving.MOVE_WORDS,
    prop_words=moving.PROP_WORDS,
    prop_verbs=moving.PROP_VERBS,
)
TABLES = {"en": ENGLISH}

# The words of voicekit serve's pages (``voicekit.language.page``).
PAGE = {
    "nav.practices": "Practices",
    "feed.title": "voicekit practices",
    "feed.link": "Podcast feed of the sessions built here, with chapters",
    "library.recent": "Built lately",
    "library.all": "All built sessions",
    "library.yours": "yours",
    "library.lengths": "{low}–{high} min (about {medium} at medium holds)",
    "library.props": "props",
    "library.no_props": "none",
    "library.unreadable": "Cannot be read",
    "library.none": "None built yet: open a practice and press Play.",
    "chapters.count": "{n} chapters",
    "cue_sheet": "Cue sheet",
    "play": "Play",
    "choices.holds": "Holds",
    "holds.short": "Short",
    "holds.medium": "Medium",
    "holds.long": "Long",
    "holds.minutes": "{n} min",
    "holds.fixed": "This practice's holds are fixed: every version lasts the same.",
    "choices.length": "or a length of",
    "choices.minutes": "minutes",
    "choices.guidance": "Guidance",
    "guidance.quiet": "Quiet",
    "guidance.guided": "Guided",
    "guidance.full": "Full",
    "guidance.hint": "Quiet: the holds in silence. Full: every breath and every reminder said.",
    "choices.more": "Sound, final rest and voice",
    "choices.bed": "Background sound",
    "choices.chimes": "Chime before each pose",
    "choices.bell": "Bell at the end",
    "choices.rest": "Final rest",
    "choices.voice": "Voice",
    "choices.own": "{what} (as the practice has it)",
    "bed.none": "None",
    "bed.brown-noise": "Brown noise",
    "bed.drone": "Drone",
    "bed.file": "its own recording",
    "chimes.on": "Yes",
    "chimes.off": "No",
    "bell.bowl": "Singing bowl",
    "bell.chime": "Chime",
    "bell.double": "Bowl, struck twice",
    "bell.none": "None",
    "decimal": ".",
    "rest.minutes": "{n} minutes",
    "voice.default": "{voice} (the practice's voice)",
    "voice.others": "Other languages",
    "voice.download": "A natural {language} voice can be downloaded on the computer that runs voicekit:",
    "language.en": "English",
    "language.de": "German",
    "language.es": "Spanish",
    "language.fr": "French",
    "language.it": "Italian",
    "language.pt": "Portuguese",
    "language.nl": "Dutch",
    "now.label": "Now",
    "now.count": "part {n} of {m}",
    "now.left": "{time} left in this part",
    "now.next": "Next: {title}",
    "now.last": "The last part",
    "now.session": "{time} left of the session",
    "now.wake": "Keep the screen on",
    "resume.at": "Resume at {time}",
    "resume.start": "From the beginning",
    "status.waiting": "Waiting for another version to be finished…",
    "status.starting": "Getting the voice ready…",
    "status.speech": "Speaking the cues: {done} of {total}",
    "status.encoding": "Writing the audio: {percent}%",
    "status.left": "about {time} left",
    "status.ready": "Ready in {seconds} s",
    "status.failed": "It could not be built: {error}",
    "status.offline": "The server did not answer: is voicekit serve still running on the computer?",
    "keep.title": "Practise without this computer",
    "keep.why": (
        "This page plays the session while the computer runs voicekit. To practise without it, save the "
        "session to your phone, or subscribe to the feed in a podcast app that fetches feeds on the phone "
        "itself (AntennaPod, Podcast Addict) and let it download the session."
    ),
    "keep.save": "Save to phone",
    "keep.subscribe": "Subscribe",
    "keep.feed": "The feed's address:",
    "error.busy": "{n} builds are already running or waiting; try again in a moment",
    "error.minutes": "choose {low} to {high} minutes: that is how long this practice can be made to last",
    "error.no_minutes": "this practice cannot be fitted to whole minutes; choose short, medium or long holds",
    "error.bad": "that choice is not one this page offers; reload the page and choose again",
    "error.bad_minutes": "write a whole number of minutes from {least} to {most}",
    "error.practice": "the practice cannot be read",
    "error.write": "this version cannot be written",
    "error.store": "the speech cannot be stored",
    "error.voice": "the voice cannot speak it",
    "error.gone": "the file was removed from the output folder at once; press Play again",
    "library.plan": "Its poses",
    "library.also_in": "Also in",
    "library.languages": "Languages",
    "library.all_languages": "All languages",
    "library.elsewhere": "{n} more in other languages",
    "language.self": "English",
    "compose.title": "Make me a practice",
    "compose.length": "Length",
    "compose.minutes": "or another length",
    "compose.focus": "Focus",
    "compose.focus_hint": "Choose any, or none for the whole body.",
    "compose.level": "Level",
    "compose.where": "Where",
    "compose.props": "What I have",
    "compose.props_hint": "Nothing ticked: a mat is enough.",
    "compose.avoid": "Things to avoid",
    "compose.go": "Make it",
    "compose.named": "{focus}, {n} minutes",
    "compose.described": "Composed for you.",
    "compose.whole_body": "The whole body",
    "compose.too_short": "that is too short for a warm-up, the main work and a rest; choose {least} minutes or more",
    "compose.no_rest": (
        "with these choices no pose is left to rest in at the end; tick more of what you have, or avoid less"
    ),
    "compose.no_focus": "with these choices no pose for {area} is left ({why}); choose another focus or change those",
    "compose.unknown_focus": "the library has no pose for {area}; choose another focus",
    "compose.failed": "no practice could be made for these choices today; change one of them and try again",
    "where.anywhere": "Standing and on the floor",
    "where.no-floor": "No floor: standing and on a chair",
    "where.lying": "Lying only",
    "level.gentle": "Gentle",
    "level.moderate": "Moderate",
    "level.strong": "Strong",
    "focus.lower-back": "Lower back",
    "focus.hips": "Hips",
    "focus.hamstrings": "Hamstrings",
    "focus.spine": "Spine",
    "focus.neck": "Neck",
    "focus.shoulders": "Shoulders",
    "focus.wrists": "Wrists",
    "focus.legs": "Legs",
    "focus.core": "Core",
    "focus.balance": "Balance",
    "focus.breath": "Breath",
    "focus.rest": "Rest",
    "avoid.pregnancy": "Pregnancy",
    "avoid.knee-injury": "Knee injury",
    "avoid.wrist-injury": "Wrist injury",
    "avoid.neck-injury": "Neck injury",
    "avoid.osteoporosis": "Osteoporosis",
    "avoid.hip-replacement": "Hip replacement",
    "avoid.high-blood-pressure": "High blood pressure",
    "avoid.glaucoma": "Glaucoma",
    "avoid.disc-herniation": "Herniated disc",
    "prop.bolster": "Bolster",
    "prop.blanket": "Blanket",
    "prop.block": "Block",
    "prop.strap": "Strap",
    "prop.chair": "Chair",
    "prop.wall": "Wall",
    "prop.pillow": "Pillow",
    "prop.towel": "Towel",
}
