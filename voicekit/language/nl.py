"""Nederlands: what voicekit says and writes in a practice written in Dutch (addressed with "je", as most
Dutch yoga classes are)."""

from __future__ import annotations

from voicekit.language.base import Language, amounts, below_thousand, capital, check_number, units, with_noun

ONES = [
    "nul", "een", "twee", "drie", "vier", "vijf", "zes", "zeven", "acht", "negen", "tien", "elf", "twaalf",
    "dertien", "veertien", "vijftien", "zestien", "zeventien", "achttien", "negentien",
]  # fmt: skip
TENS = {2: "twintig", 3: "dertig", 4: "veertig", 5: "vijftig", 6: "zestig", 7: "zeventig", 8: "tachtig", 9: "negentig"}


def _below_hundred(n: int) -> str:
    if n < 20:
        return ONES[n]
    tens, unit = divmod(n, 10)
    if not unit:
        return TENS[tens]
    unit_word = ONES[unit]
    return unit_word + ("ën" if unit_word.endswith("e") else "en") + TENS[tens]  # eenentwintig, tweeëntwintig


def _hundreds(h: int, rest: str) -> str:
    return ("" if h == 1 else ONES[h]) + "honderd" + rest  # honderdeen, tweehonderdvijftig


def number(n: int) -> str:
    """As counted aloud: 1 -> "één", 22 -> "tweeëntwintig", 101 -> "honderdeen", 2500 -> "tweeduizend vijfhonderd"."""
    check_number(n)
    if n == 1:
        return "één"  # the numeral, not the article
    thousands, rest = divmod(n, 1000)
    tail = below_thousand(rest, _below_hundred, _hundreds)
    if not thousands:
        return tail
    head = ("" if thousands == 1 else below_thousand(thousands, _below_hundred, _hundreds)) + "duizend"
    return f"{head} {tail}" if rest else head  # a space after duizend


def count(n: int) -> str:
    """A breath count: "Eén." (a capital drops the first accent), "Twee.", "Eenentwintig."."""
    return "Eén." if n == 1 else capital(number(n)) + "."


def time_left(hours: int, minutes: int, seconds: int) -> str:
    """(0, 1, 0) -> "Nog één minuut.", (0, 0, 30) -> "Nog dertig seconden.", (2, 0, 0) -> "Nog twee uur."."""
    said = with_noun(number)
    units = ((said, "uur", "uur"), (said, "minuut", "minuten"), (said, "seconde", "seconden"))  # twee uur
    return f"Nog {amounts((hours, minutes, seconds), units, 'en')}."


def round_of(n: int, m: int) -> str:
    """(2, 3) -> "Ronde twee van drie."."""
    return f"Ronde {number(n)} van {number(m)}."


PHRASES = {
    "breath.in": "Adem in.",
    "breath.out": "Adem uit.",
    "breath.hold": "Vasthouden.",
    "breath.in.2": "En in.",
    "breath.in.3": "Inademen.",
    "breath.out.2": "En uit.",
    "breath.out.3": "Uitademen.",
    "breath.hold.2": "En vasthouden.",
    "breath.hold.3": "Houd vast.",
    "transition": "Nu de andere kant.",
    "halfway": "Halverwege.",
    "chapter.intro": "Inleiding",
    "chapter.closing": "Afsluiting",
    "chapter.side": "{pose} ({side})",
    "chapter.round": "Ronde {n} van {m}: {pose}",
    "label.length": "Duur",
    "label.built_with": "Gemaakt met",
    "label.props": "Hulpmiddelen",
    "label.no_props": "geen",
    "label.sequence": "Verloop",
    "label.hold": "Aanhouden",
    "label.breaths": "{n} ademhalingen",
    "label.breaths.one": "{n} ademhaling",
    "label.also_called": "Ook genoemd",
    "label.transition": "Wissel van kant",
    "label.reminders": "Aanwijzingen",
    "label.release": "Uitkomen",
    "label.cautions": "Let op (wordt niet uitgesproken)",
    "label.time_cues": "Tijdmeldingen",
    "label.bells": "Klokslagen",
    "label.bells.every": "elke {time}",
    "label.bells.at": "op {times}",
    "label.as_first_round": "Zoals in ronde 1.",
    "label.end.bowl": "De klankschaal klinkt.",
    "label.end.double": "De klankschaal klinkt twee keer.",
    "label.end.chime": "Er klinkt een belletje.",
    "label.chapters": "Hoofdstukken",
    "label.rounds": "{n} rondes",
    "label.rounds.one": "{n} ronde",
    "label.flow": "Bewegingen",
    "label.phase.inhale": "Inademend",
    "label.phase.hold": "Vasthouden (ingeademd)",
    "label.phase.exhale": "Uitademend",
    "label.phase.hold_out": "Vasthouden (uitgeademd)",
    "settings.fitted": "aangepast aan {length}",
    "settings.holds": "aanhoudtijden {holds}",
    "settings.short": "kort",
    "settings.medium": "gemiddeld",
    "settings.long": "lang",
    "settings.hold": "aanhouden {pose}={duration}",
    "settings.scale": "factor {scale}",
    "settings.breath": "adem {inhale} s in en {exhale} s uit",
    "settings.voice": "stem {voice} met {rate} woorden per minuut",
    "settings.volume": "geluidsniveau {volume}",
    "settings.pose_rate": "{pose} met {rate} woorden per minuut",
    "settings.bed": "achtergrond {kind} {level} dB",
    "settings.brown-noise": "bruine ruis",
    "settings.drone": "bourdon",
    "settings.chimes": "belletjes tussen de houdingen",
    "settings.breath.holds": "adem {inhale} s in, {hold} s vasthouden, {exhale} s uit en {hold_out} s vasthouden",
    "settings.guidance.quiet": "weinig begeleiding",
    "settings.guidance.full": "volledige begeleiding",
}

DUTCH = Language(
    tag="nl",
    name="Dutch",
    phrases=PHRASES,
    number=number,
    time_left=time_left,
    round=round_of,
    count=count,
    # The plain form first ("naar rechts"), then the one joined to a noun ("je rechterbeen", "de rechter knie").
    sides=(("rechts", "links"), ("rechter", "linker")),
    units=units(
        ("sec", "seconde", "seconden"),
        ("min", "minuut", "minuten"),
        ("uur", "uren"),
    ),
    breath_words=("ademhaling", "ademhalingen", "ademteug", "ademteugen"),
    range_words=("tot",),
    range_starts=("van",),
    hold_examples=("90 seconden", "5 minuten", "1:30", "5 tot 8 minuten", "6 ademhalingen", "5-8 ademhalingen"),
)
TABLES = {"nl": DUTCH}
