"""Français: what voicekit says and writes in a practice written in French (addressed with "vous", as most
French yoga classes are; numbers in the traditional spelling)."""

from __future__ import annotations

from voicekit.language.base import Language, amounts, below_thousand, capital, check_number, units, with_noun
from voicekit.language.moves import fr as moving
from voicekit.language.moves import phrases_of

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
    "halfway": "Vous êtes à mi-chemin.",
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
    "label.cautions": "Précautions",
    "label.spoken": "dite à voix haute",
    "label.time_cues": "Annonces du temps",
    "label.bells": "Sons de cloche",
    "label.bells.every": "toutes les {time}",
    "label.bells.at": "à {times}",
    "label.as_first_round": "Comme au premier tour.",
    "label.end.bowl": "Le bol chantant résonne.",
    "label.end.double": "Le bol chantant résonne deux fois.",
    "label.end.chime": "Une clochette tinte.",
    "label.chapters": "Chapitres",
    "props.gather": "Pour cette pratique, il vous faut {props}. "
    "Prenez maintenant un moment pour tout préparer à côté de votre tapis.",
    "list.and": "{items} et {last}",
    "list.two": "{first} et {last}",
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
    phrases={**PHRASES, **phrases_of(moving)},
    number=number,
    time_left=time_left,
    round=round_of,
    colon="\u00a0:",  # French typography: a no-break space before the colon ("Durée :")
    # The plain form first ("à droite", "la jambe droite"), then the masculine ("le pied droit").
    sides=(
        ("droite", "gauche"),
        ("droit", "gauche"),
        ("droites", "gauches"),
        ("droits", "gauches"),
    ),
    # "Droit" is also straight: the back, the spine, the head have no side; "bien droit", an angle, "tout droit".
    other_senses=(
        r"(?:dos|buste|torse|tronc|cou|nuque|tête|colonne(?: vertébrale)?)(?: (?:bien|très|parfaitement))? droite?s?",
        r"(?:tenez-vous|restez|asseyez-vous|assise?s?|redressez-vous|se tenir)(?: bien)? droite?s?",
        r"(?:bien|très) droite?s?",
        r"angles? droits?",
        r"lignes? droites?",
        r"tout droit",
        r"(?:avez|a) (?:tout )?le droit d",
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
    decimal_comma=True,
    halfway_words=("à mi-chemin", "mi-chemin", "moitié", "à la moitié", "à mi-parcours"),
    left_words=("restante", "restantes", "restant", "restants"),
    left_starts=("encore", "plus que", "reste", "restent", "il reste"),
    every_words=("toutes les", "tous les", "chaque"),
    move_words=moving.MOVE_WORDS,
    prop_words=moving.PROP_WORDS,
    prop_verbs=moving.PROP_VERBS,
)
TABLES = {"fr": FRENCH}

# The words of voicekit serve's pages (``voicekit.language.page``).
PAGE = {
    "nav.practices": "Séances",
    "feed.title": "Séances voicekit",
    "feed.link": "Flux de podcast des séances créées ici, avec chapitres",
    "library.recent": "Créées récemment",
    "library.all": "Toutes les séances créées",
    "library.yours": "la vôtre",
    "library.lengths": "{low} à {high} min (environ {medium} avec des tenues moyennes)",
    "library.props": "matériel",
    "library.no_props": "aucun",
    "library.unreadable": "Illisible",
    "library.none": "Aucune pour l’instant : ouvrez une séance et appuyez sur « Lire ».",
    "chapters.count": "{n} chapitres",
    "cue_sheet": "Déroulé de la séance",
    "play": "Lire",
    "choices.holds": "Tenues",
    "holds.short": "Courtes",
    "holds.medium": "Moyennes",
    "holds.long": "Longues",
    "holds.minutes": "{n} min",
    "holds.fixed": "Les tenues de cette séance sont fixes : toutes les versions durent autant.",
    "choices.length": "ou une durée de",
    "choices.minutes": "minutes",
    "choices.guidance": "Guidage",
    "guidance.quiet": "Minimal",
    "guidance.guided": "Guidé",
    "guidance.full": "Complet",
    "guidance.hint": "Minimal : les tenues en silence. Complet : chaque respiration et chaque rappel sont guidés.",
    "choices.more": "Son, relaxation finale et voix",
    "choices.bed": "Fond sonore",
    "choices.chimes": "Clochette avant chaque posture",
    "choices.bell": "Son de fin",
    "choices.rest": "Relaxation finale",
    "choices.voice": "Voix",
    "choices.own": "{what} (comme dans la séance)",
    "bed.none": "Aucun",
    "bed.brown-noise": "Bruit brun",
    "bed.drone": "Bourdon",
    "bed.file": "son propre enregistrement",
    "chimes.on": "Oui",
    "chimes.off": "Non",
    "bell.bowl": "Bol chantant",
    "bell.chime": "Clochette",
    "bell.double": "Bol chantant, deux coups",
    "bell.none": "Aucun",
    "decimal": ",",
    "rest.minutes": "{n} minutes",
    "voice.default": "{voice} (la voix de la séance)",
    "voice.others": "Autres langues",
    "voice.download": "Une voix naturelle en {language} peut être téléchargée sur l’ordinateur où tourne voicekit :",
    "language.en": "anglais",
    "language.de": "allemand",
    "language.es": "espagnol",
    "language.fr": "français",
    "language.it": "italien",
    "language.pt": "portugais",
    "language.nl": "néerlandais",
    "now.label": "En cours",
    "now.count": "partie {n} sur {m}",
    "now.left": "encore {time} dans cette partie",
    "now.next": "Ensuite : {title}",
    "now.last": "La dernière partie",
    "now.session": "encore {time} avant la fin de la séance",
    "now.wake": "Garder l’écran allumé",
    "resume.at": "Reprendre à {time}",
    "resume.start": "Depuis le début",
    "status.waiting": "En attente de la fin d’une autre version…",
    "status.starting": "Préparation de la voix…",
    "status.speech": "Enregistrement des consignes : {done} sur {total}",
    "status.encoding": "Écriture du fichier audio : {percent} %",
    "status.left": "encore {time} environ",
    "status.ready": "Prête en {seconds} s",
    "status.failed": "Impossible de la créer : {error}",
    "status.offline": "Le serveur ne répond pas : voicekit serve tourne-t-il toujours sur l’ordinateur ?",
    "keep.title": "Pratiquer sans cet ordinateur",
    "keep.why": (
        "Cette page lit la séance tant que l’ordinateur fait tourner voicekit. Pour pratiquer sans lui, "
        "enregistrez la séance sur votre téléphone, ou abonnez-vous au flux dans une application de podcast "
        "qui récupère les flux depuis le téléphone lui-même (AntennaPod, Podcast Addict) et laissez-la "
        "télécharger la séance."
    ),
    "keep.save": "Enregistrer sur le téléphone",
    "keep.subscribe": "S’abonner",
    "keep.feed": "Adresse du flux :",
    "error.busy": "{n} versions sont déjà en cours de création ou en attente ; réessayez dans un instant",
    "error.minutes": "choisissez entre {low} et {high} minutes : c’est la durée que peut prendre cette séance",
    "error.no_minutes": (
        "cette séance ne peut pas être ajustée à des minutes entières ; choisissez des tenues courtes, "
        "moyennes ou longues"
    ),
    "error.bad": "cette page ne propose pas ce choix ; rechargez-la et choisissez de nouveau",
    "error.bad_minutes": "indiquez un nombre entier de minutes entre {least} et {most}",
    "error.practice": "la séance ne peut pas être lue",
    "error.write": "cette version ne peut pas être écrite",
    "error.store": "les consignes parlées ne peuvent pas être enregistrées",
    "error.voice": "la voix ne peut pas le dire",
    "error.gone": "le fichier a été retiré du dossier de sortie aussitôt créé ; appuyez de nouveau sur « Lire »",
    "library.plan": "Ses postures",
    "library.also_in": "Aussi en",
    "library.languages": "Langues",
    "library.all_languages": "Toutes les langues",
    "library.elsewhere": "{n} de plus dans d’autres langues",
    "language.self": "Français",
    "compose.title": "Composez-moi une pratique",
    "compose.length": "Durée",
    "compose.minutes": "ou une autre durée",
    "compose.focus": "Zones travaillées",
    "compose.focus_hint": "Choisissez-en autant que vous voulez, ou aucune pour tout le corps.",
    "compose.level": "Niveau",
    "compose.where": "Où",
    "compose.props": "Ce que j’ai",
    "compose.props_hint": "Rien de coché : un tapis suffit.",
    "compose.avoid": "À éviter",
    "compose.go": "La composer",
    "compose.named": "{focus}, {n} minutes",
    "compose.described": "Composée pour vous.",
    "compose.whole_body": "Tout le corps",
    "compose.too_short": (
        "c’est trop court pour un échauffement, le travail principal et une relaxation ; choisissez "
        "{least} minutes ou plus"
    ),
    "compose.no_rest": (
        "avec ces choix, il ne reste aucune posture pour la relaxation finale ; cochez plus d’accessoires "
        "ou évitez moins"
    ),
    "compose.no_focus": (
        "avec ces choix, il ne reste aucune posture pour la zone {area} ({why}) ; choisissez une autre "
        "zone ou changez cela"
    ),
    "compose.unknown_focus": "la bibliothèque n’a aucune posture pour la zone {area} ; choisissez-en une autre",
    "compose.failed": "aucune pratique n’a pu être composée aujourd’hui avec ces choix ; changez-en un et réessayez",
    "where.anywhere": "Debout et au sol",
    "where.no-floor": "Pas au sol : debout et sur une chaise",
    "where.lying": "Allongé seulement",
    "level.gentle": "Doux",
    "level.moderate": "Modéré",
    "level.strong": "Soutenu",
    "focus.lower-back": "Bas du dos",
    "focus.hips": "Hanches",
    "focus.hamstrings": "Ischio-jambiers",
    "focus.spine": "Colonne",
    "focus.neck": "Nuque",
    "focus.shoulders": "Épaules",
    "focus.wrists": "Poignets",
    "focus.legs": "Jambes",
    "focus.core": "Sangle abdominale",
    "focus.balance": "Équilibre",
    "focus.breath": "Respiration",
    "focus.rest": "Repos",
    "avoid.pregnancy": "Grossesse",
    "avoid.knee-injury": "Blessure au genou",
    "avoid.wrist-injury": "Blessure au poignet",
    "avoid.neck-injury": "Blessure à la nuque",
    "avoid.osteoporosis": "Ostéoporose",
    "avoid.hip-replacement": "Prothèse de hanche",
    "avoid.high-blood-pressure": "Hypertension",
    "avoid.glaucoma": "Glaucome",
    "avoid.disc-herniation": "Hernie discale",
    "prop.bolster": "Traversin",
    "prop.blanket": "Couverture",
    "prop.block": "Brique",
    "prop.strap": "Sangle",
    "prop.chair": "Chaise",
    "prop.wall": "Mur",
    "prop.pillow": "Coussin",
    "prop.towel": "Serviette",
}
