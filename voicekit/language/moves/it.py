"""Italiano: the moves between positions, the props, and the words of a step that asks for a move."""

from __future__ import annotations

from voicekit.language.moves import DOWN_OR_UP_MS, SHORTER_MS, timed

MOVES = {
    "standing": {
        "chair": "Siediti sulla sedia.",
        "seated": "Scendi piano a terra e siediti sul tappetino.",
        "kneeling": "Scendi piano a terra e mettiti in ginocchio sul tappetino.",
        "all-fours": "Scendi piano e mettiti a quattro zampe sul tappetino.",
        "supine": "Scendi piano a terra e sdraiati sulla schiena.",
        "prone": "Scendi piano a terra e sdraiati a pancia in giù.",
        "side-lying": "Scendi piano a terra e sdraiati su un fianco.",
    },
    "chair": {
        "standing": "Alzati dalla sedia.",
        "seated": "Scendi dalla sedia e siediti sul tappetino.",
        "kneeling": "Scendi dalla sedia e mettiti in ginocchio sul tappetino.",
        "all-fours": "Scendi dalla sedia e mettiti a quattro zampe sul tappetino.",
        "supine": "Scendi dalla sedia sul tappetino e sdraiati sulla schiena.",
        "prone": "Scendi dalla sedia sul tappetino e sdraiati a pancia in giù.",
        "side-lying": "Scendi dalla sedia sul tappetino e sdraiati su un fianco.",
    },
    "seated": {
        "standing": "Torna lentamente in piedi.",
        "chair": "Alzati da terra e siediti sulla sedia.",
        "kneeling": "Mettiti in ginocchio.",
        "all-fours": "Portati in avanti e mettiti a quattro zampe.",
        "supine": "Sdraiati piano sulla schiena.",
        "prone": "Girati e sdraiati a pancia in giù.",
        "side-lying": "Sdraiati piano su un fianco.",
    },
    "kneeling": {
        "standing": "Torna lentamente in piedi.",
        "chair": "Alzati e siediti sulla sedia.",
        "seated": "Siediti accanto ai piedi, in una posizione comoda sul tappetino.",
        "all-fours": "Portati in avanti e mettiti a quattro zampe.",
        "supine": "Siediti accanto ai piedi e sdraiati piano sulla schiena.",
        "prone": "Appoggia le mani davanti a te e sdraiati piano a pancia in giù.",
        "side-lying": "Siediti accanto ai piedi e sdraiati piano su un fianco.",
    },
    "all-fours": {
        "standing": "Porta le mani verso le ginocchia e torna lentamente in piedi.",
        "chair": "Alzati e siediti sulla sedia.",
        "seated": "Siediti accanto ai piedi, in una posizione comoda sul tappetino.",
        "kneeling": "Porta indietro il bacino e torna in ginocchio.",
        "supine": "Siediti accanto ai piedi e rotola piano sulla schiena.",
        "prone": "Scivola in avanti e sdraiati a pancia in giù.",
        "side-lying": "Porta il bacino di lato e sdraiati su un fianco.",
    },
    "supine": {
        "standing": "Rotola su un fianco, spingi con le mani fino a sederti e torna lentamente in piedi.",
        "chair": "Rotola su un fianco, spingi con le mani fino a sederti, poi alzati e siediti sulla sedia.",
        "seated": "Rotola su un fianco e spingi con le mani fino a sederti.",
        "kneeling": "Rotola su un fianco, spingi con le mani e mettiti in ginocchio.",
        "all-fours": "Rotola su un fianco e spingi con le mani fino a metterti a quattro zampe.",
        "prone": "Rotola a pancia in giù.",
        "side-lying": "Rotola su un fianco.",
    },
    "prone": {
        "standing": "Spingi con le mani fino a metterti a quattro zampe e torna lentamente in piedi.",
        "chair": "Spingi con le mani fino a metterti a quattro zampe, poi alzati e siediti sulla sedia.",
        "seated": "Spingi con le mani e siediti.",
        "kneeling": "Spingi con le mani, porta indietro il bacino e mettiti in ginocchio.",
        "all-fours": "Spingi con le mani fino a metterti a quattro zampe.",
        "supine": "Rotola sulla schiena.",
        "side-lying": "Rotola su un fianco.",
    },
    "side-lying": {
        "standing": "Spingi con le mani fino a sederti e torna lentamente in piedi.",
        "chair": "Spingi con le mani fino a sederti, poi alzati e siediti sulla sedia.",
        "seated": "Spingi con le mani fino a sederti.",
        "kneeling": "Spingi con le mani e mettiti in ginocchio.",
        "all-fours": "Spingi con le mani fino a metterti a quattro zampe.",
        "supine": "Rotola sulla schiena.",
        "prone": "Rotola a pancia in giù.",
    },
}
PROPS = {
    "bolster": "un bolster o un cuscino rigido",
    "blanket": "una coperta piegata",
    "block": "un mattoncino da yoga o un libro spesso",
    "strap": "una cinghia o una cintura",
    "chair": "una sedia stabile",
    "wall": "un tratto di parete libero",
    "pillow": "un cuscino",
    "towel": "un asciugamano",
}
MOVE_WORDS = (
    *timed(DOWN_OR_UP_MS, "sdraiati", "stenditi", "scendi a terra", "scendi piano a terra",
           "scendi dalla sedia", "scendi sul tappetino", "alzati", "mettiti in piedi", "torna .. in piedi",
           "tornare .. in piedi", "mettiti in ginocchio", "in ginocchio", "a quattro zampe"),
    *timed(SHORTER_MS, "rotola .. su un fianco", "rotola .. sul fianco", "rotola .. a pancia",
           "rotola .. sulla schiena", "rotola indietro", "girati", "siediti", "sederti", "mettiti sul fianco",
           "fai un passo"),
)  # fmt: skip
PROP_WORDS = {
    "bolster": ("bolster",),
    "blanket": ("coperta", "plaid"),
    "block": ("mattoncino", "blocco", "libro"),
    "strap": ("cinghia", "cintura"),
    "chair": ("sedia",),
    "wall": ("parete", "muro"),
    "pillow": ("cuscino",),
    "towel": ("asciugamano",),
}
PROP_VERBS = ("prendi", "porta", "metti", "appoggia", "sistema", "posiziona", "fai scivolare", "piega", "passa")
