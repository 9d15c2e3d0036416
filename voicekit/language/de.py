"""Deutsch: what voicekit says and writes in a practice written in German (addressed with "du", as most
German yoga classes are)."""

from __future__ import annotations

from voicekit.language.base import Language, amounts, below_thousand, check_number, units
from voicekit.language.moves import de as moving
from voicekit.language.moves import phrases_of

ONES = [
    "null", "eins", "zwei", "drei", "vier", "fünf", "sechs", "sieben", "acht", "neun", "zehn", "elf", "zwölf",
    "dreizehn", "vierzehn", "fünfzehn", "sechzehn", "siebzehn", "achtzehn", "neunzehn",
]  # fmt: skip
TENS = {2: "zwanzig", 3: "dreißig", 4: "vierzig", 5: "fünfzig", 6: "sechzig", 7: "siebzig", 8: "achtzig", 9: "neunzig"}


def _below_hundred(n: int) -> str:
    if n < 20:
        return ONES[n]
    tens, unit = divmod(n, 10)
    if not unit:
        return TENS[tens]
    return ("ein" if unit == 1 else ONES[unit]) + "und" + TENS[tens]  # einundzwanzig


def _hundreds(h: int, rest: str) -> str:
    return ("" if h == 1 else ONES[h]) + "hundert" + rest  # hundertzwei, zweihundert


def _ein(word: str) -> str:
    """A number before a word: "ein" for a final "eins" (einundzwanzigtausend, einundzwanzig Minuten)."""
    return word[:-1] if word.endswith("eins") else word


def _joined(n: int) -> str:
    """The number before a word it is written together with."""
    return _ein(below_thousand(n, _below_hundred, _hundreds))


def number(n: int) -> str:
    """As counted aloud, one word: 21 -> "einundzwanzig", 101 -> "hunderteins", 2000 -> "zweitausend"."""
    check_number(n)
    thousands, rest = divmod(n, 1000)
    head = ("" if thousands == 1 else _joined(thousands)) + "tausend" if thousands else ""
    if head and not rest:
        return head
    return head + below_thousand(rest, _below_hundred, _hundreds)


def _amount(n: int, one: str, many: str) -> str:
    """Before a feminine noun (Minute, Sekunde): "eine Minute", "einundzwanzig Minuten"."""
    if n == 1:
        return f"eine {one}"
    return f"{_ein(number(n))} {many}"


def time_left(hours: int, minutes: int, seconds: int) -> str:
    """(0, 1, 0) -> "Noch eine Minute.", (0, 0, 30) -> "Noch dreißig Sekunden.", (0, 2, 0) -> "Noch zwei Minuten."."""
    units = ((_amount, "Stunde", "Stunden"), (_amount, "Minute", "Minuten"), (_amount, "Sekunde", "Sekunden"))
    return f"Noch {amounts((hours, minutes, seconds), units, 'und')}."


def round_of(n: int, m: int) -> str:
    """(2, 3) -> "Runde zwei von drei."."""
    return f"Runde {number(n)} von {number(m)}."


PHRASES = {
    "breath.in": "Atme ein.",
    "breath.out": "Atme aus.",
    "breath.hold": "Atem halten.",
    "breath.in.2": "Einatmen.",
    "breath.in.3": "Und ein.",
    "breath.out.2": "Ausatmen.",
    "breath.out.3": "Und aus.",
    "breath.hold.2": "Und halten.",
    "breath.hold.3": "Halten.",
    "transition": "Jetzt die andere Seite.",
    "halfway": "Die Hälfte der Zeit ist vorbei.",
    "chapter.intro": "Ankommen",
    "chapter.closing": "Ausklang",
    "chapter.side": "{pose} ({side})",
    "chapter.round": "Runde {n} von {m}: {pose}",
    "label.length": "Dauer",
    "label.built_with": "Erstellt mit",
    "label.props": "Hilfsmittel",
    "label.no_props": "keine",
    "label.sequence": "Ablauf",
    "label.hold": "Haltedauer",
    "label.breaths": "{n} Atemzüge",
    "label.breaths.one": "{n} Atemzug",
    "label.also_called": "Auch genannt",
    "label.transition": "Seitenwechsel",
    "label.reminders": "Hinweise",
    "label.release": "Auflösen",
    "label.cautions": "Vorsicht",
    "label.spoken": "wird gesprochen",
    "label.time_cues": "Zeitansagen",
    "label.bells": "Glockentöne",
    "label.bells.every": "alle {time}",
    "label.bells.at": "bei {times}",
    "label.as_first_round": "Wie in Runde 1.",
    "label.end.bowl": "Die Klangschale ertönt.",
    "label.end.double": "Die Klangschale ertönt zweimal.",
    "label.end.chime": "Ein Glöckchen klingt.",
    "label.chapters": "Kapitel",
    "props.gather": "Für diese Praxis brauchst du {props}. "
    "Nimm dir jetzt einen Moment, um alles neben deiner Matte bereitzulegen.",
    "list.and": "{items} und {last}",
    "list.two": "{first} und {last}",
    "label.rounds": "{n} Runden",
    "label.rounds.one": "{n} Runde",
    "label.flow": "Bewegungen",
    "label.phase.inhale": "Einatmen",
    "label.phase.hold": "Halten (eingeatmet)",
    "label.phase.exhale": "Ausatmen",
    "label.phase.hold_out": "Halten (ausgeatmet)",
    "settings.fitted": "angepasst auf {length}",
    "settings.holds": "Haltedauern {holds}",
    "settings.short": "kurz",
    "settings.medium": "mittel",
    "settings.long": "lang",
    "settings.hold": "Haltedauer {pose}={duration}",
    "settings.scale": "Faktor {scale}",
    "settings.breath": "Atem {inhale} s ein und {exhale} s aus",
    "settings.voice": "Stimme {voice} mit {rate} Wörtern pro Minute",
    "settings.volume": "Lautstärke {volume}",
    "settings.pose_rate": "{pose} mit {rate} Wörtern pro Minute",
    "settings.bed": "Klangteppich {kind} {level} dB",
    "settings.brown-noise": "braunes Rauschen",
    "settings.drone": "Klangfläche",
    "settings.chimes": "Klangsignale",
    "settings.breath.holds": "Atem {inhale} s ein, {hold} s halten, {exhale} s aus, {hold_out} s halten",
    "settings.guidance.quiet": "wenig Anleitung",
    "settings.guidance.full": "ausführliche Anleitung",
}

GERMAN = Language(
    tag="de",
    name="German",
    phrases={**PHRASES, **phrases_of(moving)},
    number=number,
    time_left=time_left,
    round=round_of,
    # The plain form first ("nach rechts"), then the forms after an article or a possessive.
    sides=(
        ("rechts", "links"),
        ("rechte", "linke"),
        ("rechten", "linken"),
        ("rechter", "linker"),
        ("rechtes", "linkes"),
        ("rechtem", "linkem"),
    ),
    # "Recht" is also a right angle ("im rechten Winkel") and the right measure ("das rechte Maß").
    other_senses=(r"recht(?:e|en|er|em)? winkel\w*", r"rechte(?:s|n)? maß"),
    units=units(
        ("sek", "sekunde", "sekunden"),
        ("min", "minute", "minuten"),
        ("std", "stunde", "stunden"),
    ),
    breath_words=("atemzug", "atemzüge", "atemzügen"),
    range_words=("bis",),
    range_starts=("von",),
    hold_examples=("90 Sekunden", "5 Minuten", "1:30", "5 bis 8 Minuten", "6 Atemzüge", "5-8 Atemzüge"),
    decimal_comma=True,
    halfway_words=("hälfte", "halbzeit", "zur hälfte", "die hälfte"),
    left_words=("übrig", "verbleibend"),
    left_starts=("noch",),
    every_words=("alle",),
    move_words=moving.MOVE_WORDS,
    prop_words=moving.PROP_WORDS,
    prop_verbs=moving.PROP_VERBS,
)
TABLES = {"de": GERMAN}

# The words of voicekit serve's pages (``voicekit.language.page``).
PAGE = {
    "nav.practices": "Übungen",
    "feed.title": "voicekit-Übungen",
    "feed.link": "Podcast-Feed der hier erstellten Einheiten, mit Kapiteln",
    "library.recent": "Zuletzt erstellt",
    "library.all": "Alle erstellten Einheiten",
    "library.yours": "eigene",
    "library.lengths": "{low}–{high} Min. (etwa {medium} bei mittleren Haltedauern)",
    "library.props": "Hilfsmittel",
    "library.no_props": "keine",
    "library.unreadable": "Nicht lesbar",
    "library.none": "Noch nichts erstellt: Öffne eine Übung und tippe auf „Abspielen“.",
    "chapters.count": "{n} Kapitel",
    "cue_sheet": "Ablaufplan",
    "play": "Abspielen",
    "choices.holds": "Haltedauern",
    "holds.short": "Kurz",
    "holds.medium": "Mittel",
    "holds.long": "Lang",
    "holds.minutes": "{n} Min.",
    "holds.fixed": "Die Haltedauern dieser Übung stehen fest: Jede Fassung dauert gleich lang.",
    "choices.length": "oder eine Dauer von",
    "choices.minutes": "Minuten",
    "choices.guidance": "Anleitung",
    "guidance.quiet": "Ruhig",
    "guidance.guided": "Geführt",
    "guidance.full": "Ausführlich",
    "guidance.hint": (
        "Ruhig: Während des Haltens bleibt es still. Ausführlich: Jeder Atemzug und jeder Hinweis wird angesagt."
    ),
    "choices.more": "Klang, Endentspannung und Stimme",
    "choices.bed": "Hintergrundklang",
    "choices.chimes": "Glöckchen vor jeder Haltung",
    "choices.bell": "Klang am Ende",
    "choices.rest": "Endentspannung",
    "choices.voice": "Stimme",
    "choices.own": "{what} (wie in der Übung)",
    "bed.none": "Keiner",
    "bed.brown-noise": "Braunes Rauschen",
    "bed.drone": "Klangfläche",
    "bed.file": "die eigene Aufnahme",
    "chimes.on": "Ja",
    "chimes.off": "Nein",
    "bell.bowl": "Klangschale",
    "bell.chime": "Glöckchen",
    "bell.double": "Klangschale, zweimal angeschlagen",
    "bell.none": "Keiner",
    "decimal": ",",
    "rest.minutes": "{n} Minuten",
    "voice.default": "{voice} (die Stimme der Übung)",
    "voice.others": "Andere Sprachen",
    "voice.download": (
        "Eine natürliche Stimme für {language} kannst du auf dem Computer herunterladen, auf dem voicekit läuft:"
    ),
    "language.en": "Englisch",
    "language.de": "Deutsch",
    "language.es": "Spanisch",
    "language.fr": "Französisch",
    "language.it": "Italienisch",
    "language.pt": "Portugiesisch",
    "language.nl": "Niederländisch",
    "now.label": "Jetzt",
    "now.count": "Teil {n} von {m}",
    "now.left": "noch {time} in diesem Teil",
    "now.next": "Danach: {title}",
    "now.last": "Der letzte Teil",
    "now.session": "noch {time} bis zum Ende",
    "now.wake": "Bildschirm anlassen",
    "resume.at": "Weiter bei {time}",
    "resume.start": "Von vorn",
    "status.waiting": "Wartet, bis eine andere Fassung fertig ist …",
    "status.starting": "Die Stimme wird vorbereitet …",
    "status.speech": "Die Ansagen werden gesprochen: {done} von {total}",
    "status.encoding": "Die Audiodatei wird geschrieben: {percent} %",
    "status.left": "noch etwa {time}",
    "status.ready": "Fertig nach {seconds} s",
    "status.failed": "Konnte nicht erstellt werden: {error}",
    "status.offline": "Der Server antwortet nicht: Läuft voicekit serve noch auf dem Computer?",
    "keep.title": "Ohne diesen Computer üben",
    "keep.why": (
        "Diese Seite spielt die Einheit ab, solange auf dem Computer voicekit läuft. Um ohne ihn zu üben, "
        "speichere die Einheit auf deinem Handy oder abonniere den Feed in einer Podcast-App, die Feeds auf "
        "dem Handy selbst abruft (AntennaPod, Podcast Addict), und lass sie die Einheit herunterladen."
    ),
    "keep.save": "Aufs Handy laden",
    "keep.subscribe": "Abonnieren",
    "keep.feed": "Adresse des Feeds:",
    "error.busy": "{n} Fassungen werden schon erstellt oder warten; versuch es gleich noch einmal",
    "error.minutes": "wähle {low} bis {high} Minuten: So lange kann diese Übung dauern",
    "error.no_minutes": (
        "diese Übung lässt sich nicht auf ganze Minuten anpassen; wähle kurze, mittlere oder lange Haltedauern"
    ),
    "error.bad": "diese Auswahl bietet die Seite nicht an; lade die Seite neu und wähle noch einmal",
    "error.bad_minutes": "gib eine ganze Zahl von Minuten zwischen {least} und {most} ein",
    "error.practice": "die Übung kann nicht gelesen werden",
    "error.write": "diese Fassung kann nicht geschrieben werden",
    "error.store": "die gesprochenen Ansagen können nicht gespeichert werden",
    "error.voice": "die Stimme kann das nicht sprechen",
    "error.gone": "die Datei wurde sofort aus dem Ausgabeordner entfernt; tippe noch einmal auf „Abspielen“",
    "library.plan": "Ihre Übungen",
    "library.also_in": "Auch auf",
    "library.languages": "Sprachen",
    "library.all_languages": "Alle Sprachen",
    "library.elsewhere": "{n} weitere in anderen Sprachen",
    "language.self": "Deutsch",
    "compose.title": "Stell mir eine Praxis zusammen",
    "compose.length": "Dauer",
    "compose.minutes": "oder eine andere Dauer",
    "compose.focus": "Schwerpunkt",
    "compose.focus_hint": "Wähle beliebig viele, oder keinen für den ganzen Körper.",
    "compose.level": "Stufe",
    "compose.where": "Wo",
    "compose.props": "Was ich habe",
    "compose.props_hint": "Nichts angekreuzt: eine Matte genügt.",
    "compose.avoid": "Was zu meiden ist",
    "compose.go": "Zusammenstellen",
    "compose.named": "{focus}, {n} Minuten",
    "compose.described": "Für dich zusammengestellt.",
    "compose.whole_body": "Der ganze Körper",
    "compose.too_short": "das ist zu kurz für Aufwärmen, Hauptteil und Entspannung; wähle {least} Minuten oder mehr",
    "compose.no_rest": (
        "mit dieser Auswahl bleibt keine Haltung für die Entspannung am Ende; kreuze mehr Hilfsmittel an "
        "oder meide weniger"
    ),
    "compose.no_focus": (
        "mit dieser Auswahl bleibt keine Haltung für {area} ({why}); wähle einen anderen Schwerpunkt oder ändere das"
    ),
    "compose.unknown_focus": "die Bibliothek hat keine Haltung für {area}; wähle einen anderen Schwerpunkt",
    "compose.failed": (
        "für diese Auswahl ließ sich heute keine Praxis zusammenstellen; ändere etwas und versuch es noch einmal"
    ),
    "where.anywhere": "Im Stehen und auf dem Boden",
    "where.no-floor": "Nicht auf dem Boden: im Stehen und auf dem Stuhl",
    "where.lying": "Nur im Liegen",
    "level.gentle": "Sanft",
    "level.moderate": "Mittel",
    "level.strong": "Kräftig",
    "focus.lower-back": "Unterer Rücken",
    "focus.hips": "Hüften",
    "focus.hamstrings": "Beinrückseiten",
    "focus.spine": "Wirbelsäule",
    "focus.neck": "Nacken",
    "focus.shoulders": "Schultern",
    "focus.wrists": "Handgelenke",
    "focus.legs": "Beine",
    "focus.core": "Körpermitte",
    "focus.balance": "Gleichgewicht",
    "focus.breath": "Atem",
    "focus.rest": "Entspannung",
    "avoid.pregnancy": "Schwangerschaft",
    "avoid.knee-injury": "Knieverletzung",
    "avoid.wrist-injury": "Handgelenksverletzung",
    "avoid.neck-injury": "Nackenverletzung",
    "avoid.osteoporosis": "Osteoporose",
    "avoid.hip-replacement": "Künstliches Hüftgelenk",
    "avoid.high-blood-pressure": "Bluthochdruck",
    "avoid.glaucoma": "Grüner Star",
    "avoid.disc-herniation": "Bandscheibenvorfall",
    "prop.bolster": "Bolster",
    "prop.blanket": "Decke",
    "prop.block": "Yogablock",
    "prop.strap": "Gurt",
    "prop.chair": "Stuhl",
    "prop.wall": "Wand",
    "prop.pillow": "Kissen",
    "prop.towel": "Handtuch",
}
