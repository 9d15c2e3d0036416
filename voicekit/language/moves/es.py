"""Español: the moves between positions, the props, and the words of a step that asks for a move."""

from __future__ import annotations

from voicekit.language.moves import DOWN_OR_UP_MS, SHORTER_MS, timed

MOVES = {
    "standing": {
        "chair": "Siéntate en tu silla.",
        "seated": "Baja despacio al suelo y siéntate en tu esterilla.",
        "kneeling": "Baja despacio al suelo y ponte de rodillas en tu esterilla.",
        "all-fours": "Baja despacio y apoya las manos y las rodillas en la esterilla.",
        "supine": "Baja despacio al suelo y túmbate boca arriba.",
        "prone": "Baja despacio al suelo y túmbate boca abajo.",
        "side-lying": "Baja despacio al suelo y túmbate de lado.",
    },
    "chair": {
        "standing": "Levántate de la silla.",
        "seated": "Baja de la silla y siéntate en tu esterilla.",
        "kneeling": "Baja de la silla y ponte de rodillas en tu esterilla.",
        "all-fours": "Baja de la silla y ponte a cuatro patas en tu esterilla.",
        "supine": "Baja de la silla a tu esterilla y túmbate boca arriba.",
        "prone": "Baja de la silla a tu esterilla y túmbate boca abajo.",
        "side-lying": "Baja de la silla a tu esterilla y túmbate de lado.",
    },
    "seated": {
        "standing": "Ponte de pie despacio.",
        "chair": "Levántate del suelo y siéntate en tu silla.",
        "kneeling": "Ponte de rodillas.",
        "all-fours": "Inclínate hacia delante y ponte a cuatro patas.",
        "supine": "Túmbate despacio boca arriba.",
        "prone": "Date la vuelta y túmbate boca abajo.",
        "side-lying": "Túmbate despacio de lado.",
    },
    "kneeling": {
        "standing": "Ponte de pie despacio.",
        "chair": "Levántate y siéntate en tu silla.",
        "seated": "Siéntate junto a los pies, en una postura cómoda sobre la esterilla.",
        "all-fours": "Inclínate hacia delante y ponte a cuatro patas.",
        "supine": "Siéntate junto a los pies y túmbate despacio boca arriba.",
        "prone": "Apoya las manos delante de ti y túmbate despacio boca abajo.",
        "side-lying": "Siéntate junto a los pies y túmbate despacio de lado.",
    },
    "all-fours": {
        "standing": "Lleva las manos hacia las rodillas y ponte de pie despacio.",
        "chair": "Levántate y siéntate en tu silla.",
        "seated": "Siéntate junto a los pies, en una postura cómoda sobre la esterilla.",
        "kneeling": "Lleva el peso hacia atrás y quédate de rodillas.",
        "supine": "Siéntate junto a los pies y rueda despacio hasta quedar boca arriba.",
        "prone": "Desliza el cuerpo hacia delante y túmbate boca abajo.",
        "side-lying": "Lleva la cadera hacia un lado y túmbate de lado.",
    },
    "supine": {
        "standing": "Rueda hacia un lado, empuja el suelo hasta sentarte y ponte de pie despacio.",
        "chair": "Rueda hacia un lado, empuja el suelo hasta sentarte, levántate y siéntate en tu silla.",
        "seated": "Rueda hacia un lado y empuja el suelo hasta sentarte.",
        "kneeling": "Rueda hacia un lado, empuja el suelo y ponte de rodillas.",
        "all-fours": "Rueda hacia un lado y empuja el suelo hasta ponerte a cuatro patas.",
        "prone": "Rueda hasta quedar boca abajo.",
        "side-lying": "Rueda hacia un lado.",
    },
    "prone": {
        "standing": "Empuja el suelo hasta ponerte a cuatro patas y ponte de pie despacio.",
        "chair": "Empuja el suelo hasta ponerte a cuatro patas, levántate y siéntate en tu silla.",
        "seated": "Empuja el suelo y siéntate.",
        "kneeling": "Empuja el suelo, lleva el peso hacia atrás y ponte de rodillas.",
        "all-fours": "Empuja el suelo hasta ponerte a cuatro patas.",
        "supine": "Rueda hasta quedar boca arriba.",
        "side-lying": "Rueda hacia un lado.",
    },
    "side-lying": {
        "standing": "Empuja el suelo hasta sentarte y ponte de pie despacio.",
        "chair": "Empuja el suelo hasta sentarte, levántate y siéntate en tu silla.",
        "seated": "Empuja el suelo hasta sentarte.",
        "kneeling": "Empuja el suelo y ponte de rodillas.",
        "all-fours": "Empuja el suelo hasta ponerte a cuatro patas.",
        "supine": "Rueda hasta quedar boca arriba.",
        "prone": "Rueda hasta quedar boca abajo.",
    },
}
PROPS = {
    "bolster": "un bolster o un cojín firme",
    "blanket": "una manta doblada",
    "block": "un bloque de yoga o un libro grueso",
    "strap": "una correa o un cinturón",
    "chair": "una silla estable",
    "wall": "un trozo de pared despejado",
    "pillow": "una almohada",
    "towel": "una toalla",
}
MOVE_WORDS = (
    *timed(DOWN_OR_UP_MS, "túmbate", "tumbarte", "acuéstate", "baja al suelo", "baja despacio al suelo",
           "baja a la esterilla", "baja de la silla", "ponte de pie", "levántate", "incorpórate",
           "ponte de rodillas", "quédate de rodillas", "arrodíllate", "a cuatro patas",
           "cuadrupedia", "apoya las manos y las rodillas"),
    *timed(SHORTER_MS, "rueda hacia un lado", "rueda hacia el lado", "rueda hasta", "rueda para",
           "gira hacia un lado", "gira hacia el lado", "date la vuelta", "siéntate", "hasta sentarte", "para sentarte",
           "da un paso"),
)  # fmt: skip
PROP_WORDS = {
    "bolster": ("bolster",),
    "blanket": ("manta",),
    "block": ("bloque", "libro"),
    "strap": ("correa", "cinturón", "cinta"),
    "chair": ("silla",),
    "wall": ("pared",),
    "pillow": ("almohada", "cojín"),
    "towel": ("toalla",),
}
PROP_VERBS = ("trae", "busca", "coge", "toma", "coloca", "pon", "desliza", "dobla", "pasa")
