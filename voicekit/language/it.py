"""Italiano: what voicekit says and writes in a practice written in Italian (addressed with "tu", as most
Italian yoga classes are)."""

from __future__ import annotations

import re

from voicekit.language.base import Language, amounts, below_thousand, check_number, just_one, units, with_noun
from voicekit.language.moves import it as moving
from voicekit.language.moves import phrases_of

ONES = [
    "zero", "uno", "due", "tre", "quattro", "cinque", "sei", "sette", "otto", "nove", "dieci", "undici", "dodici",
    "tredici", "quattordici", "quindici", "sedici", "diciassette", "diciotto", "diciannove",
]  # fmt: skip
TENS = {
    2: "venti",
    3: "trenta",
    4: "quaranta",
    5: "cinquanta",
    6: "sessanta",
    7: "settanta",
    8: "ottanta",
    9: "novanta",
}


def _below_hundred(n: int) -> str:
    if n < 20:
        return ONES[n]
    tens, unit = divmod(n, 10)
    word = TENS[tens]
    if not unit:
        return word
    if unit in (1, 8):  # ventuno, ventotto: the vowel falls before uno and otto
        word = word[:-1]
    return word + ONES[unit]


def _hundreds(h: int, rest: str) -> str:
    head = "cento" if h == 1 else ONES[h] + "cento"
    return (head[:-1] if rest.startswith("ott") else head) + rest  # centotto, centottanta


def number(n: int) -> str:
    """As counted aloud, one word: 21 -> "ventuno", 23 -> "ventitré", 108 -> "centotto", 2000 -> "duemila"."""
    check_number(n)
    thousands, rest = divmod(n, 1000)
    word = below_thousand(rest, _below_hundred, _hundreds) if rest else ""
    if thousands == 1:
        word = "mille" + word
    elif thousands:
        head = below_thousand(thousands, _below_hundred, _hundreds)
        word = (head[:-1] if head.endswith("uno") else head) + "mila" + word  # ventunmila
    if word.endswith("tre") and word != "tre":
        word = word[:-3] + "tré"  # a compound ending in three is stressed there: centotré, milletré
    return word or "zero"


def _before_noun(n: int) -> str:
    return "un" if n == 1 else number(n)  # un minuto


def time_left(hours: int, minutes: int, seconds: int) -> str:
    """(0, 1, 0) -> "Manca un minuto.", (0, 0, 30) -> "Mancano trenta secondi.", (1, 0, 0) -> "Manca un'ora."."""
    said = with_noun(_before_noun)
    units = ((_hours, "ora", "ore"), (said, "minuto", "minuti"), (said, "secondo", "secondi"))
    verb = "Manca" if just_one(hours, minutes, seconds) else "Mancano"
    return euphonic(f"{verb} {amounts((hours, minutes, seconds), units, 'e')}.")


def euphonic(text: str) -> str:
    """ "e" before a word starting with e is "ed" (the euphonic d: "ed espira", "un cuscino ed elastico"); before
    another vowel it stays ("e inspira"), as Italian writes it today."""
    return re.sub(r"(?<![\w'])([Ee]) (?=[eEéèÉÈ])", r"\1d ", text)


def _hours(n: int, one: str, many: str) -> str:
    return f"un'{one}" if n == 1 else f"{number(n)} {many}"  # un'ora, due ore


ORDINALS = ("primo", "secondo", "terzo", "quarto", "quinto", "sesto", "settimo", "ottavo", "nono", "decimo")


def ordinal(n: int) -> str:
    """1 -> "primo", 11 -> "undicesimo", 23 -> "ventitreesimo", 26 -> "ventiseiesimo", 100 -> "centesimo"."""
    if n <= len(ORDINALS):
        return ORDINALS[n - 1]
    word = number(n)
    if word.endswith("tré"):
        return word[:-1] + "eesimo"
    return word + "esimo" if word.endswith("sei") else word[:-1] + "esimo"


def round_of(n: int, m: int) -> str:
    """(1, 3) -> "Primo giro di tre.", (2, 3) -> "Secondo giro di tre."."""
    return f"{ordinal(n).capitalize()} giro di {number(m)}."


PHRASES = {
    "breath.in": "Inspira.",
    "breath.out": "Espira.",
    "breath.hold": "Trattieni.",
    "breath.in.2": "E inspira.",
    "breath.in.3": "Inspira piano.",
    "breath.out.2": "Ed espira.",
    "breath.out.3": "Espira piano.",
    "breath.hold.2": "E trattieni.",
    "breath.hold.3": "Sospendi.",
    "transition": "Ora dall'altro lato.",
    "halfway": "Siamo a metà.",
    "chapter.intro": "Introduzione",
    "chapter.closing": "Chiusura",
    "chapter.side": "{pose} ({side})",
    "chapter.round": "Giro {n} di {m}: {pose}",
    "label.length": "Durata",
    "label.built_with": "Creato con",
    "label.props": "Supporti",
    "label.no_props": "nessuno",
    "label.sequence": "Sequenza",
    "label.hold": "Permanenza",
    "label.breaths": "{n} respiri",
    "label.breaths.one": "{n} respiro",
    "label.also_called": "Altri nomi",
    "label.transition": "Cambio lato",
    "label.reminders": "Indicazioni",
    "label.release": "Uscita",
    "label.cautions": "Attenzione",
    "label.spoken": "detto a voce",
    "label.time_cues": "Avvisi di tempo",
    "label.bells": "Rintocchi",
    "label.bells.every": "ogni {time}",
    "label.bells.at": "a {times}",
    "label.as_first_round": "Come nel giro 1.",
    "label.end.bowl": "Suona la campana tibetana.",
    "label.end.double": "La campana tibetana suona due volte.",
    "label.end.chime": "Suona un campanello.",
    "label.chapters": "Capitoli",
    "props.gather": "Per questa pratica tieni a portata di mano {props}. "
    "Prenditi ora un momento per preparare tutto accanto al tappetino.",
    "list.and": "{items} e {last}",
    "list.two": "{first} e {last}",
    "label.rounds": "{n} giri",
    "label.rounds.one": "{n} giro",
    "label.flow": "Movimenti",
    "label.phase.inhale": "Inspirando",
    "label.phase.hold": "A polmoni pieni",
    "label.phase.exhale": "Espirando",
    "label.phase.hold_out": "A polmoni vuoti",
    "settings.fitted": "durata adattata a {length}",
    "settings.holds": "permanenze {holds}",
    "settings.short": "brevi",
    "settings.medium": "medie",
    "settings.long": "lunghe",
    "settings.hold": "permanenza {pose}={duration}",
    "settings.scale": "fattore {scale}",
    "settings.breath": "respiro di {inhale} s in inspirazione e {exhale} s in espirazione",
    "settings.voice": "voce {voice} a {rate} parole al minuto",
    "settings.volume": "livello {volume}",
    "settings.pose_rate": "{pose} a {rate} parole al minuto",
    "settings.bed": "sottofondo {kind} {level} dB",
    "settings.brown-noise": "rumore marrone",
    "settings.drone": "bordone",
    "settings.chimes": "campanelli tra le posizioni",
    "settings.breath.holds": (
        "respiro di {inhale} s in inspirazione, {hold} s di pausa, {exhale} s in espirazione e {hold_out} s di pausa"
    ),
    "settings.guidance.quiet": "guida essenziale",
    "settings.guidance.full": "guida completa",
}

ITALIAN = Language(
    tag="it",
    name="Italian",
    phrases={**PHRASES, **phrases_of(moving)},
    number=number,
    time_left=time_left,
    round=round_of,
    # The plain form first ("a destra", "la gamba destra"), then the masculine ("il piede destro").
    sides=(
        ("destra", "sinistra"),
        ("destro", "sinistro"),
        ("destre", "sinistre"),
        ("destri", "sinistri"),
    ),
    units=units(
        ("secondo", "secondi"),
        ("minuto", "minuti"),
        ("ora", "ore"),
    ),
    breath_words=("respiro", "respiri", "respirazione", "respirazioni"),
    range_words=("a",),
    range_starts=("da",),
    hold_examples=("90 secondi", "5 minuti", "1:30", "da 5 a 8 minuti", "6 respiri", "5-8 respiri"),
    decimal_comma=True,
    halfway_words=("metà", "a metà", "alla metà"),
    left_words=("rimasto", "rimasti", "rimanente", "rimanenti"),
    left_starts=("ancora", "manca", "mancano"),
    every_words=("ogni",),
    move_words=moving.MOVE_WORDS,
    prop_words=moving.PROP_WORDS,
    prop_verbs=moving.PROP_VERBS,
    euphony=euphonic,
)
TABLES = {"it": ITALIAN}

# The words of voicekit serve's pages (``voicekit.language.page``).
PAGE = {
    "nav.practices": "Pratiche",
    "feed.title": "Pratiche di voicekit",
    "feed.link": "Feed podcast delle sessioni create qui, con capitoli",
    "library.recent": "Create di recente",
    "library.all": "Tutte le sessioni create",
    "library.yours": "tua",
    "library.lengths": "{low}–{high} min (circa {medium} con permanenze medie)",
    "library.props": "supporti",
    "library.no_props": "nessuno",
    "library.unreadable": "Non leggibile",
    "library.none": "Ancora nessuna: apri una pratica e tocca «Riproduci».",
    "chapters.count": "{n} capitoli",
    "cue_sheet": "Scaletta",
    "play": "Riproduci",
    "choices.holds": "Permanenze",
    "holds.short": "Brevi",
    "holds.medium": "Medie",
    "holds.long": "Lunghe",
    "holds.minutes": "{n} min",
    "holds.fixed": "Le permanenze di questa pratica sono fisse: ogni versione dura lo stesso tempo.",
    "choices.length": "oppure una durata di",
    "choices.minutes": "minuti",
    "choices.guidance": "Guida",
    "guidance.quiet": "Essenziale",
    "guidance.guided": "Guidata",
    "guidance.full": "Completa",
    "guidance.hint": (
        "Essenziale: silenzio durante le permanenze. Completa: ogni respiro e ogni promemoria vengono guidati."
    ),
    "choices.more": "Suono, rilassamento finale e voce",
    "choices.bed": "Suono di sottofondo",
    "choices.chimes": "Campanello prima di ogni posizione",
    "choices.bell": "Suono finale",
    "choices.rest": "Rilassamento finale",
    "choices.voice": "Voce",
    "choices.own": "{what} (come nella pratica)",
    "bed.none": "Nessuno",
    "bed.brown-noise": "Rumore marrone",
    "bed.drone": "Bordone",
    "bed.file": "la sua registrazione",
    "chimes.on": "Sì",
    "chimes.off": "No",
    "bell.bowl": "Campana tibetana",
    "bell.chime": "Campanello",
    "bell.double": "Campana tibetana, due colpi",
    "bell.none": "Nessuno",
    "decimal": ",",
    "rest.minutes": "{n} minuti",
    "voice.default": "{voice} (la voce della pratica)",
    "voice.others": "Altre lingue",
    "voice.download": "Puoi scaricare una voce naturale in {language} sul computer su cui gira voicekit:",
    "language.en": "inglese",
    "language.de": "tedesco",
    "language.es": "spagnolo",
    "language.fr": "francese",
    "language.it": "italiano",
    "language.pt": "portoghese",
    "language.nl": "olandese",
    "now.label": "Adesso",
    "now.count": "parte {n} di {m}",
    "now.left": "ancora {time} in questa parte",
    "now.next": "Poi: {title}",
    "now.last": "L’ultima parte",
    "now.session": "ancora {time} alla fine della sessione",
    "now.wake": "Tieni lo schermo acceso",
    "resume.at": "Riprendi da {time}",
    "resume.start": "Dall’inizio",
    "status.waiting": "In attesa che finisca un’altra versione…",
    "status.starting": "Preparazione della voce…",
    "status.speech": "Registrazione delle indicazioni: {done} di {total}",
    "status.encoding": "Scrittura dell’audio: {percent}%",
    "status.left": "mancano circa {time}",
    "status.ready": "Pronta in {seconds} s",
    "status.failed": "Non è stato possibile crearla: {error}",
    "status.offline": "Il server non risponde: voicekit serve è ancora in funzione sul computer?",
    "keep.title": "Praticare senza questo computer",
    "keep.why": (
        "Questa pagina riproduce la sessione finché il computer esegue voicekit. Per praticare senza, "
        "salva la sessione sul telefono oppure iscriviti al feed in un’app di podcast che scarica i feed "
        "dal telefono stesso (AntennaPod, Podcast Addict) e lasciale scaricare la sessione."
    ),
    "keep.save": "Salva sul telefono",
    "keep.subscribe": "Iscriviti",
    "keep.feed": "Indirizzo del feed:",
    "error.busy": "{n} versioni sono già in creazione o in attesa; riprova tra un momento",
    "error.minutes": "scegli da {low} a {high} minuti: è quanto può durare questa pratica",
    "error.no_minutes": "questa pratica non si può adattare a minuti interi; scegli permanenze brevi, medie o lunghe",
    "error.bad": "questa pagina non offre questa scelta; ricaricala e scegli di nuovo",
    "error.bad_minutes": "scrivi un numero intero di minuti da {least} a {most}",
    "error.practice": "la pratica non si può leggere",
    "error.write": "questa versione non si può scrivere",
    "error.store": "le indicazioni parlate non si possono salvare",
    "error.voice": "la voce non riesce a dirlo",
    "error.gone": "il file è stato tolto dalla cartella di uscita appena creato; tocca di nuovo «Riproduci»",
    "library.plan": "Le sue posizioni",
    "library.also_in": "Anche in",
    "library.languages": "Lingue",
    "library.all_languages": "Tutte le lingue",
    "library.elsewhere": "Altre {n} in altre lingue",
    "language.self": "Italiano",
    "compose.title": "Preparami una pratica",
    "compose.length": "Durata",
    "compose.minutes": "oppure un’altra durata",
    "compose.focus": "Zone su cui lavorare",
    "compose.focus_hint": "Scegline quante vuoi, o nessuna per tutto il corpo.",
    "compose.level": "Livello",
    "compose.where": "Dove",
    "compose.props": "Cosa ho",
    "compose.props_hint": "Niente spuntato: basta un tappetino.",
    "compose.avoid": "Cosa evitare",
    "compose.go": "Preparala",
    "compose.named": "{focus}, {n} minuti",
    "compose.described": "Composta per te.",
    "compose.whole_body": "Tutto il corpo",
    "compose.too_short": (
        "è troppo breve per un riscaldamento, la parte centrale e un rilassamento; scegli {least} minuti o più"
    ),
    "compose.no_rest": (
        "con queste scelte non resta nessuna posizione per il rilassamento finale; spunta più attrezzi o evita meno"
    ),
    "compose.no_focus": (
        "con queste scelte non resta nessuna posizione per la zona {area} ({why}); scegli un’altra zona o "
        "cambia queste scelte"
    ),
    "compose.unknown_focus": "la libreria non ha nessuna posizione per la zona {area}; scegline un’altra",
    "compose.failed": "oggi non è stato possibile preparare una pratica con queste scelte; cambiane una e riprova",
    "where.anywhere": "In piedi e a terra",
    "where.no-floor": "Non a terra: in piedi e su una sedia",
    "where.lying": "Solo sdraiati",
    "level.gentle": "Dolce",
    "level.moderate": "Moderato",
    "level.strong": "Intenso",
    "focus.lower-back": "Zona lombare",
    "focus.hips": "Anche",
    "focus.hamstrings": "Femorali",
    "focus.spine": "Colonna",
    "focus.neck": "Collo",
    "focus.shoulders": "Spalle",
    "focus.wrists": "Polsi",
    "focus.legs": "Gambe",
    "focus.core": "Addome",
    "focus.balance": "Equilibrio",
    "focus.breath": "Respiro",
    "focus.rest": "Riposo",
    "avoid.pregnancy": "Gravidanza",
    "avoid.knee-injury": "Infortunio al ginocchio",
    "avoid.wrist-injury": "Infortunio al polso",
    "avoid.neck-injury": "Infortunio al collo",
    "avoid.osteoporosis": "Osteoporosi",
    "avoid.hip-replacement": "Protesi d’anca",
    "avoid.high-blood-pressure": "Pressione alta",
    "avoid.glaucoma": "Glaucoma",
    "avoid.disc-herniation": "Ernia del disco",
    "prop.bolster": "Bolster",
    "prop.blanket": "Coperta",
    "prop.block": "Mattoncino",
    "prop.strap": "Cinghia",
    "prop.chair": "Sedia",
    "prop.wall": "Parete",
    "prop.pillow": "Cuscino",
    "prop.towel": "Asciugamano",
}
