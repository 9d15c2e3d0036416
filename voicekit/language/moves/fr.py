"""Français: the moves between positions, the props, and the words of a step that asks for a move."""

from __future__ import annotations

from voicekit.language.moves import DOWN_OR_UP_MS, SHORTER_MS, timed

MOVES = {
    "standing": {
        "chair": "Asseyez-vous sur votre chaise.",
        "seated": "Descendez doucement au sol et asseyez-vous sur votre tapis.",
        "kneeling": "Descendez doucement au sol et mettez-vous à genoux sur votre tapis.",
        "all-fours": "Descendez doucement à quatre pattes sur votre tapis.",
        "supine": "Descendez doucement au sol et allongez-vous sur le dos.",
        "prone": "Descendez doucement au sol et allongez-vous sur le ventre.",
        "side-lying": "Descendez doucement au sol et allongez-vous sur le côté.",
    },
    "chair": {
        "standing": "Levez-vous de votre chaise.",
        "seated": "Quittez votre chaise et asseyez-vous sur votre tapis.",
        "kneeling": "Quittez votre chaise et mettez-vous à genoux sur votre tapis.",
        "all-fours": "Quittez votre chaise et mettez-vous à quatre pattes sur votre tapis.",
        "supine": "Quittez votre chaise, descendez sur votre tapis et allongez-vous sur le dos.",
        "prone": "Quittez votre chaise, descendez sur votre tapis et allongez-vous sur le ventre.",
        "side-lying": "Quittez votre chaise, descendez sur votre tapis et allongez-vous sur le côté.",
    },
    "seated": {
        "standing": "Relevez-vous doucement.",
        "chair": "Relevez-vous et asseyez-vous sur votre chaise.",
        "kneeling": "Mettez-vous à genoux.",
        "all-fours": "Penchez-vous en avant et mettez-vous à quatre pattes.",
        "supine": "Allongez-vous doucement sur le dos.",
        "prone": "Retournez-vous et allongez-vous sur le ventre.",
        "side-lying": "Allongez-vous doucement sur le côté.",
    },
    "kneeling": {
        "standing": "Relevez-vous doucement.",
        "chair": "Relevez-vous et asseyez-vous sur votre chaise.",
        "seated": "Asseyez-vous à côté de vos pieds, confortablement sur votre tapis.",
        "all-fours": "Penchez-vous en avant et mettez-vous à quatre pattes.",
        "supine": "Asseyez-vous à côté de vos pieds et allongez-vous doucement sur le dos.",
        "prone": "Posez les mains devant vous et allongez-vous doucement sur le ventre.",
        "side-lying": "Asseyez-vous à côté de vos pieds et allongez-vous doucement sur le côté.",
    },
    "all-fours": {
        "standing": "Ramenez les mains vers les genoux et relevez-vous doucement.",
        "chair": "Relevez-vous et asseyez-vous sur votre chaise.",
        "seated": "Asseyez-vous à côté de vos pieds, confortablement sur votre tapis.",
        "kneeling": "Reculez le bassin et revenez à genoux.",
        "supine": "Asseyez-vous à côté de vos pieds et déroulez-vous doucement sur le dos.",
        "prone": "Glissez vers l'avant et allongez-vous sur le ventre.",
        "side-lying": "Posez le bassin d'un côté et allongez-vous sur le côté.",
    },
    "supine": {
        "standing": "Roulez sur le côté, poussez dans vos mains pour vous asseoir, puis relevez-vous doucement.",
        "chair": "Roulez sur le côté, poussez dans vos mains pour vous asseoir, puis installez-vous sur votre chaise.",
        "seated": "Roulez sur le côté et poussez dans vos mains pour vous asseoir.",
        "kneeling": "Roulez sur le côté, poussez dans vos mains et mettez-vous à genoux.",
        "all-fours": "Roulez sur le côté et poussez dans vos mains jusqu'à quatre pattes.",
        "prone": "Roulez sur le ventre.",
        "side-lying": "Roulez sur le côté.",
    },
    "prone": {
        "standing": "Poussez dans vos mains jusqu'à quatre pattes, puis relevez-vous doucement.",
        "chair": "Poussez dans vos mains jusqu'à quatre pattes, relevez-vous et asseyez-vous sur votre chaise.",
        "seated": "Poussez dans vos mains et venez vous asseoir.",
        "kneeling": "Poussez dans vos mains, reculez le bassin et revenez à genoux.",
        "all-fours": "Poussez dans vos mains jusqu'à quatre pattes.",
        "supine": "Roulez sur le dos.",
        "side-lying": "Roulez sur le côté.",
    },
    "side-lying": {
        "standing": "Poussez dans vos mains pour vous asseoir, puis relevez-vous doucement.",
        "chair": "Poussez dans vos mains pour vous asseoir, puis installez-vous sur votre chaise.",
        "seated": "Poussez dans vos mains pour vous asseoir.",
        "kneeling": "Poussez dans vos mains et mettez-vous à genoux.",
        "all-fours": "Poussez dans vos mains jusqu'à quatre pattes.",
        "supine": "Roulez sur le dos.",
        "prone": "Roulez sur le ventre.",
    },
}
PROPS = {
    "bolster": "un bolster ou un coussin ferme",
    "blanket": "une couverture pliée",
    "block": "une brique de yoga ou un gros livre",
    "strap": "une sangle ou une ceinture",
    "chair": "une chaise stable",
    "wall": "un pan de mur dégagé",
    "pillow": "un oreiller",
    "towel": "une serviette",
}
MOVE_WORDS = (
    *timed(DOWN_OR_UP_MS, "allongez-vous", "descendez au sol", "descendez doucement au sol",
           "descendez .. sur votre tapis", "descendez à genoux", "relevez-vous", "levez-vous", "vous relever",
           "mettez-vous debout", "revenez debout", "jusqu'à la position debout", "mettez-vous à genoux", "à genoux",
           "à quatre pattes", "déroulez-vous"),
    *timed(SHORTER_MS, "roulez sur", "retournez-vous", "asseyez-vous", "vous asseoir", "redressez-vous",
           "installez-vous sur votre chaise", "reculez d'un pas", "avancez d'un pas"),
)  # fmt: skip
PROP_WORDS = {
    "bolster": ("bolster",),
    "blanket": ("couverture", "plaid"),
    "block": ("brique", "bloc", "livre"),
    "strap": ("sangle", "ceinture"),
    "chair": ("chaise",),
    "wall": ("mur",),
    "pillow": ("oreiller", "coussin"),
    "towel": ("serviette",),
}
PROP_VERBS = ("apportez", "prenez", "allez chercher", "placez", "posez", "mettez", "glissez", "pliez", "passez")
