"""Français: what voicekit says and writes in a practice written in French (addressed with "vous", as most
French yoga classes are; numbers in the traditional spelling)."""

from __future__ import annotations

from voicekit.language.base import Language, amounts, below_thousand, capital, check_number, units, with_noun

ONES = [
    "zéro", "un", "deux", "trois", "quatre", "cinq", "six", "sept", "huit", "neuf", "dix", "onze", "douze",
    "treize", "quatorze", "quinze", "seize",
]  # fmt: skip
TENS = {2: "vingt", 3: "trente", 4: "quarante", 5: "cinquante", 6: "soixante"}


def _below_hundred(n: int) -> str:
    if n <= 16:
        return ONES[n]
    if n < 20:
        return f"dix-{ONES[n - 10]}"
    tens, unit = divmod(n, 10)
    if tens in (7, 9):  # soixante-dix, soixante et onze, quatre-vingt-dix
        base = "soixante" if tens == 7 else "quatre-vingt"
        return "soixante et onze" if n == 71 else f"{base}-{_below_hundred(10 + unit)}"
    if tens == 8:
        return f"quatre-vingt-{ONES[unit]}" if unit else "quatre-vingts"
    if not unit:
        return TENS[tens]
    return f"{TENS[tens]} et un" if unit == 1 else f"{TENS[tens]}-{ONES[unit]}"


def _hundreds(h: int, rest: str) -> str:
    head = "cent" if h == 1 else f"{ONES[h]} cent"
    return f"{head} {rest}" if rest else head + ("s" if h > 1 else "")


def number(n: int) -> str:
    """As counted aloud: 21 -> "vingt et un", 80 -> "quatre-vingts", 200 -> "deux cents", 2001 -> "deux mille un"."""
    check_number(n)
    thousands, rest = divmod(n, 1000)
    if not thousands:
        return below_thousand(rest, _below_hundred, _hundreds)
    head = below_thousand(thousands, _below_hundred, _hundreds)
    head = (
        "mille" if thousands == 1 else f"{head.removesuffix('s') if head.endswith(('vingts', 'cents')) else head} mille"
    )
    return f"{head} {below_thousand(rest, _below_hundred, _hundreds)}" if rest else head


def feminine(n: int) -> str:
    """Of a feminine noun (minute, seconde): "une", "vingt et une"."""
    word = number(n)
    return word + "e" if word.endswith("un") else word


def ordinal(n: int) -> str:
    """1 -> "premier", 2 -> "deuxième", 5 -> "cinquième", 9 -> "neuvième", 21 -> "vingt et unième"."""
    if n == 1:
        return "premier"
    word = number(n)
    if word.endswith("cinq"):
        return word + "uième"
    if word.endswith("neuf"):
        return word[:-1] + "vième"
    if word.endswith(("vingts", "cents")):
        word = word[:-1]
    return (word[:-1] if word.endswith("e") else word) + "ième"


def time_left(hours: int, minutes: int, seconds: int) -> str:
    """(0, 1, 0) -> "Il reste une minute.", (0, 0, 30) -> "Il reste trente secondes."."""
    said = with_noun(feminine)  # une heure, une minute, une seconde
    units = ((said, "heure", "heures"), (said, "minute", "minutes"), (said, "seconde", "secondes"))
    return f"Il reste {amounts((hours, minutes, seconds), units, 'et')}."


def round_of(n: int, m: int) -> str:
    """(1, 3) -> "Premier tour sur trois.", (2, 3) -> "Deuxième tour sur trois."."""
    return f"{capital(ordinal(n))} tour sur {number(m)}."


PHRASES = {
    "breath.in": "Inspirez.",
    "breath.out": "Expirez.",
    "breath.hold": "Retenez.",
    "breath.in.2": "Et inspirez.",
    "breath.in.3": "On inspire.",
    "breath.out.2": "Et expirez.",
    "breath.out.3": "On expire.",
    "breath.hold.2": "Et retenez.",
    "breath.hold.3": "Suspendez.",
    "transition": "Maintenant, de l'autre côté.",
    "halfway": "Vous êtes à mi-parcours.",
    "chapter.intro": "Accueil",
    "chapter.closing": "Fin de la séance",
    "chapter.side": "{pose} ({side})",
    "chapter.round": "Tour {n} sur {m} : {pose}",
    "label.length": "Durée",
    "label.built_with": "Créé avec",
    "label.props": "Matériel",
    "label.no_props": "aucun",
    "label.sequence": "Déroulé",
    "label.hold": "Tenue",
    "label.breaths": "{n} respirations",
    "label.breaths.one": "{n} respiration",
    "label.also_called": "Autres noms",
    "label.transition": "Changement de côté",
    "label.reminders": "Rappels",
    "label.release": "Sortie de la posture",
    "label.cautions": "Précautions (jamais dites à voix haute)",
    "label.time_cues": "Annonces du temps",
    "label.bells": "Sons de cloche",
    "label.bells.every": "toutes les {time}",
    "label.bells.at": "à {times}",
    "label.as_first_round": "Comme au premier tour.",
    "label.end.bowl": "Le bol chantant résonne.",
    "label.end.double": "Le bol chantant résonne deux fois.",
    "label.end.chime": "Une clochette tinte.",
    "label.chapters": "Chapitres",
    "label.rounds": "{n} tours",
    "label.rounds.one": "{n} tour",
    "label.flow": "Mouvements",
    "label.phase.inhale": "À l'inspiration",
    "label.phase.hold": "Poumons pleins",
    "label.phase.exhale": "À l'expiration",
    "label.phase.hold_out": "Poumons vides",
    "settings.fitted": "durée ajustée à {length}",
    "settings.holds": "tenues {holds}",
    "settings.short": "courtes",
    "settings.medium": "moyennes",
    "settings.long": "longues",
    "settings.hold": "tenue {pose}={duration}",
    "settings.scale": "facteur {scale}",
    "settings.breath": "souffle de {inhale} s à l'inspiration et {exhale} s à l'expiration",
    "settings.voice": "voix {voice} à {rate} mots par minute",
    "settings.volume": "niveau sonore {volume}",
    "settings.pose_rate": "{pose} à {rate} mots par minute",
    "settings.bed": "fond sonore {kind} {level} dB",
    "settings.brown-noise": "bruit brun",
    "settings.drone": "bourdon",
    "settings.chimes": "clochettes entre les postures",
    "settings.breath.holds": (
        "souffle de {inhale} s à l'inspiration, {hold} s de rétention,"
        " {exhale} s à l'expiration et {hold_out} s de rétention"
    ),
    "settings.guidance.quiet": "guidage minimal",
    "settings.guidance.full": "guidage complet",
}

FRENCH = Language(
    tag="fr",
    name="French",
    phrases=PHRASES,
    number=number,
    time_left=time_left,
    round=round_of,
    # The plain form first ("à droite", "la jambe droite"), then the masculine ("le pied droit").
    sides=(
        ("droite", "gauche"),
        ("droit", "gauche"),
        ("droites", "gauches"),
        ("droits", "gauches"),
    ),
    units=units(
        ("seconde", "secondes"),
        ("minute", "minutes"),
        ("heure", "heures"),
    ),
    breath_words=("respiration", "respirations", "souffle", "souffles"),
    range_words=("à",),
    range_starts=("de",),
    hold_examples=("90 secondes", "5 minutes", "1:30", "5 à 8 minutes", "6 respirations", "5-8 respirations"),
)
TABLES = {"fr": FRENCH}
