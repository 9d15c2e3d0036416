"""Nederlands: the moves between positions, the props, and the words of a step that asks for a move."""

from __future__ import annotations

from voicekit.language.moves import DOWN_OR_UP_MS, SHORTER_MS, timed

MOVES = {
    "standing": {
        "chair": "Ga op je stoel zitten.",
        "seated": "Kom rustig naar de grond en ga op je mat zitten.",
        "kneeling": "Kom rustig naar de grond en kniel op je mat.",
        "all-fours": "Kom rustig naar beneden op handen en knieën.",
        "supine": "Kom rustig naar de grond en ga op je rug liggen.",
        "prone": "Kom rustig naar de grond en ga op je buik liggen.",
        "side-lying": "Kom rustig naar de grond en ga op je zij liggen.",
    },
    "chair": {
        "standing": "Sta op van je stoel.",
        "seated": "Kom van je stoel af en ga op je mat zitten.",
        "kneeling": "Kom van je stoel af en kniel op je mat.",
        "all-fours": "Kom van je stoel af, op handen en knieën op je mat.",
        "supine": "Kom van je stoel af naar je mat en ga op je rug liggen.",
        "prone": "Kom van je stoel af naar je mat en ga op je buik liggen.",
        "side-lying": "Kom van je stoel af naar je mat en ga op je zij liggen.",
    },
    "seated": {
        "standing": "Kom rustig omhoog tot staan.",
        "chair": "Sta op van de grond en ga op je stoel zitten.",
        "kneeling": "Kom op je knieën.",
        "all-fours": "Buig naar voren en kom op handen en knieën.",
        "supine": "Ga rustig op je rug liggen.",
        "prone": "Draai je om en ga op je buik liggen.",
        "side-lying": "Ga rustig op je zij liggen.",
    },
    "kneeling": {
        "standing": "Kom rustig omhoog tot staan.",
        "chair": "Sta op en ga op je stoel zitten.",
        "seated": "Ga naast je voeten zitten, in een comfortabele houding op je mat.",
        "all-fours": "Buig naar voren en kom op handen en knieën.",
        "supine": "Ga naast je voeten zitten en ga rustig op je rug liggen.",
        "prone": "Zet je handen voor je neer en ga rustig op je buik liggen.",
        "side-lying": "Ga naast je voeten zitten en ga rustig op je zij liggen.",
    },
    "all-fours": {
        "standing": "Loop met je handen naar je knieën en kom rustig omhoog tot staan.",
        "chair": "Sta op en ga op je stoel zitten.",
        "seated": "Ga naast je voeten zitten, in een comfortabele houding op je mat.",
        "kneeling": "Breng je gewicht naar achteren en kom terug op je knieën.",
        "supine": "Ga naast je voeten zitten en rol rustig op je rug.",
        "prone": "Glijd naar voren en ga op je buik liggen.",
        "side-lying": "Breng je heupen opzij en ga op je zij liggen.",
    },
    "supine": {
        "standing": "Rol op je zij, duw jezelf op tot zit en kom rustig omhoog tot staan.",
        "chair": "Rol op je zij, duw jezelf op tot zit, sta op en ga op je stoel zitten.",
        "seated": "Rol op je zij en duw jezelf op tot zit.",
        "kneeling": "Rol op je zij, duw jezelf op en kom op je knieën.",
        "all-fours": "Rol op je zij en duw jezelf op tot handen en knieën.",
        "prone": "Rol op je buik.",
        "side-lying": "Rol op je zij.",
    },
    "prone": {
        "standing": "Duw jezelf op tot handen en knieën en kom rustig omhoog tot staan.",
        "chair": "Duw jezelf op tot handen en knieën, sta op en ga op je stoel zitten.",
        "seated": "Duw jezelf op en kom tot zit.",
        "kneeling": "Duw jezelf op, breng je gewicht naar achteren en kom op je knieën.",
        "all-fours": "Duw jezelf op tot handen en knieën.",
        "supine": "Rol op je rug.",
        "side-lying": "Rol op je zij.",
    },
    "side-lying": {
        "standing": "Duw jezelf op tot zit en kom rustig omhoog tot staan.",
        "chair": "Duw jezelf op tot zit, sta op en ga op je stoel zitten.",
        "seated": "Duw jezelf op tot zit.",
        "kneeling": "Duw jezelf op en kom op je knieën.",
        "all-fours": "Duw jezelf op tot handen en knieën.",
        "supine": "Rol op je rug.",
        "prone": "Rol op je buik.",
    },
}
PROPS = {
    "bolster": "een bolster of een stevig kussen",
    "blanket": "een opgevouwen deken",
    "block": "een yogablok of een dik boek",
    "strap": "een yogariem of een broekriem",
    "chair": "een stevige stoel",
    "wall": "een stuk vrije muur",
    "pillow": "een kussen",
    "towel": "een handdoek",
}
MOVE_WORDS = (
    *timed(DOWN_OR_UP_MS, "ga liggen", "ga .. op je rug liggen", "ga .. op je buik liggen", "ga .. op je zij liggen",
           "kom .. naar de grond", "kom .. naar beneden", "sta op.", "sta op,", "sta op en", "sta op van",
           "sta rustig op", "ga staan", "tot staan", "kom .. overeind", "kniel", "knielen", "kom .. op je knieën",
           "handen en knieën"),
    *timed(SHORTER_MS, "rol op je", "rol .. op je rug", "rol .. op je zij", "rol .. op je buik", "rol naar", "rol om",
           "draai je om", "duw jezelf op", "duw jezelf omhoog", "tot zit", "tot kniezit", "ga zitten",
           "ga op je .. zitten", "ga naast .. zitten", "stap naar"),
)  # fmt: skip
PROP_WORDS = {
    "bolster": ("bolster",),
    "blanket": ("deken",),
    "block": ("blok", "yogablok", "boek"),
    "strap": ("riem", "yogariem", "band"),
    "chair": ("stoel",),
    "wall": ("muur",),
    "pillow": ("kussen",),
    "towel": ("handdoek",),
}
PROP_VERBS = ("pak", "haal", "breng", "leg", "zet", "schuif", "vouw", "sla")
