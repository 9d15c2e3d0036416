"""Português: the moves between positions, the props, and the words of a step that asks for a move, as
said in Portugal and in Brazil (``BRAZILIAN_PROPS``: the props with Brazil's words)."""

from __future__ import annotations

from voicekit.language.moves import DOWN_OR_UP_MS, SHORTER_MS, timed

MOVES = {
    "standing": {
        "chair": "Sente-se na sua cadeira.",
        "seated": "Desça devagar para o chão e sente-se no tapete.",
        "kneeling": "Desça devagar para o chão e ajoelhe-se no tapete.",
        "all-fours": "Desça devagar e apoie as mãos e os joelhos no tapete.",
        "supine": "Desça devagar para o chão e deite-se de costas.",
        "prone": "Desça devagar para o chão e deite-se de barriga para baixo.",
        "side-lying": "Desça devagar para o chão e deite-se de lado.",
    },
    "chair": {
        "standing": "Levante-se da cadeira.",
        "seated": "Saia da cadeira e sente-se no tapete.",
        "kneeling": "Saia da cadeira e ajoelhe-se no tapete.",
        "all-fours": "Saia da cadeira e apoie as mãos e os joelhos no tapete.",
        "supine": "Saia da cadeira, desça para o tapete e deite-se de costas.",
        "prone": "Saia da cadeira, desça para o tapete e deite-se de barriga para baixo.",
        "side-lying": "Saia da cadeira, desça para o tapete e deite-se de lado.",
    },
    "seated": {
        "standing": "Levante-se devagar.",
        "chair": "Levante-se do chão e sente-se na sua cadeira.",
        "kneeling": "Fique de joelhos.",
        "all-fours": "Incline-se para a frente e apoie as mãos e os joelhos no tapete.",
        "supine": "Deite-se devagar de costas.",
        "prone": "Vire-se e deite-se de barriga para baixo.",
        "side-lying": "Deite-se devagar de lado.",
    },
    "kneeling": {
        "standing": "Levante-se devagar.",
        "chair": "Levante-se e sente-se na sua cadeira.",
        "seated": "Sente-se ao lado dos pés, numa posição confortável no tapete.",
        "all-fours": "Incline-se para a frente e apoie as mãos no tapete.",
        "supine": "Sente-se ao lado dos pés e deite-se devagar de costas.",
        "prone": "Apoie as mãos à sua frente e deite-se devagar de barriga para baixo.",
        "side-lying": "Sente-se ao lado dos pés e deite-se devagar de lado.",
    },
    "all-fours": {
        "standing": "Traga as mãos para perto dos joelhos e levante-se devagar.",
        "chair": "Levante-se e sente-se na sua cadeira.",
        "seated": "Sente-se ao lado dos pés, numa posição confortável no tapete.",
        "kneeling": "Leve o peso para trás e fique de joelhos.",
        "supine": "Sente-se ao lado dos pés e role devagar até ficar de costas.",
        "prone": "Deslize para a frente e deite-se de barriga para baixo.",
        "side-lying": "Leve o peso para um lado e deite-se de lado.",
    },
    "supine": {
        "standing": "Role para um lado, empurre o chão para se sentar e levante-se devagar.",
        "chair": "Role para um lado, empurre o chão para se sentar, levante-se e sente-se na sua cadeira.",
        "seated": "Role para um lado e empurre o chão para se sentar.",
        "kneeling": "Role para um lado, empurre o chão e fique de joelhos.",
        "all-fours": "Role para um lado e empurre o chão até apoiar as mãos e os joelhos.",
        "prone": "Role até ficar de barriga para baixo.",
        "side-lying": "Role para um lado.",
    },
    "prone": {
        "standing": "Empurre o chão até apoiar as mãos e os joelhos e levante-se devagar.",
        "chair": "Empurre o chão até apoiar as mãos e os joelhos, levante-se e sente-se na sua cadeira.",
        "seated": "Empurre o chão e sente-se.",
        "kneeling": "Empurre o chão, leve o peso para trás e fique de joelhos.",
        "all-fours": "Empurre o chão até apoiar as mãos e os joelhos.",
        "supine": "Role até ficar de costas.",
        "side-lying": "Role para um lado.",
    },
    "side-lying": {
        "standing": "Empurre o chão para se sentar e levante-se devagar.",
        "chair": "Empurre o chão para se sentar, levante-se e sente-se na sua cadeira.",
        "seated": "Empurre o chão para se sentar.",
        "kneeling": "Empurre o chão e fique de joelhos.",
        "all-fours": "Empurre o chão até apoiar as mãos e os joelhos.",
        "supine": "Role até ficar de costas.",
        "prone": "Role até ficar de barriga para baixo.",
    },
}
PROPS = {  # after "precisar de"
    "bolster": "um bolster ou uma almofada firme",
    "blanket": "uma manta dobrada",
    "block": "um bloco de ioga ou um livro grosso",
    "strap": "uma cinta ou um cinto",
    "chair": "uma cadeira firme",
    "wall": "um espaço livre de parede",
    "pillow": "uma almofada",
    "towel": "uma toalha",
}
BRAZILIAN_PROPS = {
    **PROPS,
    "bolster": "um bolster ou um travesseiro firme",
    "strap": "uma faixa ou um cinto",
    "wall": "um pedaço livre de parede",
    "pillow": "um travesseiro",
}
MOVE_WORDS = (
    *timed(DOWN_OR_UP_MS, "deite-se", "desça para o chão", "desça devagar para o chão",
           "desça até ao chão", "desça para o tapete", "desça devagar até", "desça até ficar", "levante-se",
           "fique de pé", "ficar de pé", "ponha-se de pé", "ajoelhe-se", "fique de joelhos",
           "ficar de joelhos", "apoie as mãos e os joelhos", "apoiar as mãos e os joelhos", "quatro apoios"),
    *timed(SHORTER_MS, "role para", "role até", "role devagar até", "vire-se", "sente-se", "se sentar",
           "apoie as mãos no tapete", "dê um passo"),
)  # fmt: skip
PROP_WORDS = {
    "bolster": ("bolster",),
    "blanket": ("manta", "cobertor"),
    "block": ("bloco", "livro"),
    "strap": ("cinta", "cinto", "faixa"),
    "chair": ("cadeira",),
    "wall": ("parede",),
    "pillow": ("almofada", "travesseiro"),
    "towel": ("toalha",),
}
PROP_VERBS = ("traga", "busque", "pegue", "coloque", "ponha", "deslize", "dobre", "passe")
