"""Nederlands: what voicekit says and writes in a practice written in Dutch (addressed with "je", as most
Dutch yoga classes are)."""

from __future__ import annotations

from voicekit.language.base import Language, amounts, below_thousand, capital, check_number, units, with_noun
from voicekit.language.moves import nl as moving
from voicekit.language.moves import phrases_of

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
    "label.hold": "Duur",
    "label.breaths": "{n} ademhalingen",
    "label.breaths.one": "{n} ademhaling",
    "label.also_called": "Ook genoemd",
    "label.transition": "Wissel van kant",
    "label.reminders": "Aanwijzingen",
    "label.release": "Uitkomen",
    "label.cautions": "Let op",
    "label.spoken": "wordt uitgesproken",
    "label.time_cues": "Tijdmeldingen",
    "label.bells": "Klanken",
    "label.bells.every": "elke {time}",
    "label.bells.at": "op {times}",
    "label.as_first_round": "Zoals in ronde 1.",
    "label.end.bowl": "De klankschaal klinkt.",
    "label.end.double": "De klankschaal klinkt twee keer.",
    "label.end.chime": "Er klinkt een belletje.",
    "label.chapters": "Hoofdstukken",
    "props.gather": "Voor deze oefening heb je {props} nodig. "
    "Neem nu even de tijd om alles naast je mat klaar te leggen.",
    "list.and": "{items} en {last}",
    "list.two": "{first} en {last}",
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
    phrases={**PHRASES, **phrases_of(moving)},
    number=number,
    time_left=time_left,
    round=round_of,
    count=count,
    # The plain form first ("naar rechts"), then the one joined to a noun ("je rechterbeen", "de rechter knie").
    sides=(("rechts", "links"), ("rechter", "linker")),
    glued_sides=("rechter", "linker"),
    units=units(
        ("sec", "seconde", "seconden"),
        ("min", "minuut", "minuten"),
        ("uur", "uren"),
    ),
    breath_words=("ademhaling", "ademhalingen", "ademteug", "ademteugen"),
    range_words=("tot",),
    range_starts=("van",),
    hold_examples=("90 seconden", "5 minuten", "1:30", "5 tot 8 minuten", "6 ademhalingen", "5-8 ademhalingen"),
    decimal_comma=True,
    halfway_words=("halverwege", "helft", "de helft"),
    left_words=("over", "resterend"),
    left_starts=("nog",),
    every_words=("elke", "iedere", "om de"),
    move_words=moving.MOVE_WORDS,
    prop_words=moving.PROP_WORDS,
    prop_verbs=moving.PROP_VERBS,
)
TABLES = {"nl": DUTCH}

# The words of voicekit serve's pages (``voicekit.language.page``).
PAGE = {
    "nav.practices": "Oefeningen",
    "feed.title": "voicekit-oefeningen",
    "feed.link": "Podcastfeed van de hier gemaakte sessies, met hoofdstukken",
    "library.recent": "Onlangs gemaakt",
    "library.all": "Alle gemaakte sessies",
    "library.yours": "van jou",
    "library.lengths": "{low}–{high} min (ongeveer {medium} bij gemiddelde aanhoudtijden)",
    "library.props": "hulpmiddelen",
    "library.no_props": "geen",
    "library.unreadable": "Niet leesbaar",
    "library.none": "Nog niets gemaakt: open een oefening en tik op ‘Afspelen’.",
    "chapters.count": "{n} hoofdstukken",
    "cue_sheet": "Draaiboek",
    "play": "Afspelen",
    "choices.holds": "Aanhoudtijden",
    "holds.short": "Kort",
    "holds.medium": "Gemiddeld",
    "holds.long": "Lang",
    "holds.minutes": "{n} min",
    "holds.fixed": "De aanhoudtijden van deze oefening liggen vast: elke versie duurt even lang.",
    "choices.length": "of een duur van",
    "choices.minutes": "minuten",
    "choices.guidance": "Begeleiding",
    "guidance.quiet": "Weinig",
    "guidance.guided": "Begeleid",
    "guidance.full": "Volledig",
    "guidance.hint": (
        "Weinig: stilte tijdens het aanhouden. Volledig: elke ademhaling en elke herinnering wordt begeleid."
    ),
    "choices.more": "Geluid, eindontspanning en stem",
    "choices.bed": "Achtergrondgeluid",
    "choices.chimes": "Belletje voor elke houding",
    "choices.bell": "Geluid aan het eind",
    "choices.rest": "Eindontspanning",
    "choices.voice": "Stem",
    "choices.own": "{what} (zoals in de oefening)",
    "bed.none": "Geen",
    "bed.brown-noise": "Bruine ruis",
    "bed.drone": "Bourdon",
    "bed.file": "de eigen opname",
    "chimes.on": "Ja",
    "chimes.off": "Nee",
    "bell.bowl": "Klankschaal",
    "bell.chime": "Belletje",
    "bell.double": "Klankschaal, twee keer aangeslagen",
    "bell.none": "Geen",
    "decimal": ",",
    "rest.minutes": "{n} minuten",
    "voice.default": "{voice} (de stem van de oefening)",
    "voice.others": "Andere talen",
    "voice.download": (
        "Een natuurlijke stem voor het {language} kun je downloaden op de computer waarop voicekit draait:"
    ),
    "language.en": "Engels",
    "language.de": "Duits",
    "language.es": "Spaans",
    "language.fr": "Frans",
    "language.it": "Italiaans",
    "language.pt": "Portugees",
    "language.nl": "Nederlands",
    "now.label": "Nu",
    "now.count": "deel {n} van {m}",
    "now.left": "nog {time} in dit deel",
    "now.next": "Hierna: {title}",
    "now.last": "Het laatste deel",
    "now.session": "nog {time} tot het eind van de sessie",
    "now.wake": "Scherm aan laten",
    "resume.at": "Verder bij {time}",
    "resume.start": "Vanaf het begin",
    "status.waiting": "Wacht tot een andere versie klaar is…",
    "status.starting": "De stem wordt klaargezet…",
    "status.speech": "De aanwijzingen worden ingesproken: {done} van {total}",
    "status.encoding": "Het geluidsbestand wordt geschreven: {percent}%",
    "status.left": "nog ongeveer {time}",
    "status.ready": "Klaar in {seconds} s",
    "status.failed": "Kon niet worden gemaakt: {error}",
    "status.offline": "De server antwoordt niet: draait voicekit serve nog op de computer?",
    "keep.title": "Oefenen zonder deze computer",
    "keep.why": (
        "Deze pagina speelt de sessie af zolang voicekit op de computer draait. Wil je zonder oefenen, "
        "bewaar de sessie dan op je telefoon, of abonneer je op de feed in een podcastapp die feeds op de "
        "telefoon zelf ophaalt (AntennaPod, Podcast Addict) en laat die de sessie downloaden."
    ),
    "keep.save": "Op telefoon bewaren",
    "keep.subscribe": "Abonneren",
    "keep.feed": "Adres van de feed:",
    "error.busy": "er worden al {n} versies gemaakt of ze wachten; probeer het zo nog eens",
    "error.minutes": "kies {low} tot {high} minuten: zo lang kan deze oefening duren",
    "error.no_minutes": (
        "deze oefening kan niet op hele minuten worden afgestemd; kies korte, gemiddelde of lange aanhoudtijden"
    ),
    "error.bad": "deze keuze biedt de pagina niet aan; laad de pagina opnieuw en kies nog eens",
    "error.bad_minutes": "vul een heel aantal minuten in van {least} tot {most}",
    "error.practice": "de oefening kan niet worden gelezen",
    "error.write": "deze versie kan niet worden geschreven",
    "error.store": "de ingesproken aanwijzingen kunnen niet worden bewaard",
    "error.voice": "de stem kan dit niet uitspreken",
    "error.gone": "het bestand is meteen uit de uitvoermap verwijderd; tik nog eens op ‘Afspelen’",
    "library.plan": "De houdingen",
    "library.also_in": "Ook in",
    "library.languages": "Talen",
    "library.all_languages": "Alle talen",
    "library.elsewhere": "Nog {n} in andere talen",
    "language.self": "Nederlands",
    "compose.title": "Stel een oefening voor me samen",
    "compose.length": "Duur",
    "compose.minutes": "of een andere duur",
    "compose.focus": "Aandacht voor",
    "compose.focus_hint": "Kies er zoveel je wilt, of geen voor het hele lichaam.",
    "compose.level": "Niveau",
    "compose.where": "Waar",
    "compose.props": "Wat ik heb",
    "compose.props_hint": "Niets aangevinkt: een mat is genoeg.",
    "compose.avoid": "Wat te vermijden",
    "compose.go": "Samenstellen",
    "compose.named": "{focus}, {n} minuten",
    "compose.described": "Voor jou samengesteld.",
    "compose.whole_body": "Het hele lichaam",
    "compose.too_short": (
        "dat is te kort voor een opwarming, het hoofddeel en een ontspanning; kies {least} minuten of meer"
    ),
    "compose.no_rest": (
        "met deze keuzes blijft er geen houding over om aan het eind in te ontspannen; vink meer "
        "hulpmiddelen aan of vermijd minder"
    ),
    "compose.no_focus": (
        "met deze keuzes blijft er geen houding over voor {area} ({why}); kies iets anders of verander die keuzes"
    ),
    "compose.unknown_focus": "de bibliotheek heeft geen houding voor {area}; kies iets anders",
    "compose.failed": (
        "vandaag kon met deze keuzes geen oefening worden samengesteld; verander er een en probeer het opnieuw"
    ),
    "where.anywhere": "Staand en op de vloer",
    "where.no-floor": "Niet op de vloer: staand en op een stoel",
    "where.lying": "Alleen liggend",
    "level.gentle": "Zacht",
    "level.moderate": "Gemiddeld",
    "level.strong": "Stevig",
    "focus.lower-back": "Onderrug",
    "focus.hips": "Heupen",
    "focus.hamstrings": "Hamstrings",
    "focus.spine": "Wervelkolom",
    "focus.neck": "Nek",
    "focus.shoulders": "Schouders",
    "focus.wrists": "Polsen",
    "focus.legs": "Benen",
    "focus.core": "Romp",
    "focus.balance": "Evenwicht",
    "focus.breath": "Ademhaling",
    "focus.rest": "Rust",
    "avoid.pregnancy": "Zwangerschap",
    "avoid.knee-injury": "Knieblessure",
    "avoid.wrist-injury": "Polsblessure",
    "avoid.neck-injury": "Nekblessure",
    "avoid.osteoporosis": "Botontkalking",
    "avoid.hip-replacement": "Kunstheup",
    "avoid.high-blood-pressure": "Hoge bloeddruk",
    "avoid.glaucoma": "Glaucoom",
    "avoid.disc-herniation": "Hernia",
    "prop.bolster": "Bolster",
    "prop.blanket": "Deken",
    "prop.block": "Blok",
    "prop.strap": "Riem",
    "prop.chair": "Stoel",
    "prop.wall": "Muur",
    "prop.pillow": "Kussen",
    "prop.towel": "Handdoek",
}
