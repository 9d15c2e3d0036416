"""English: the moves between positions, the props, and the words of a step that asks for a move."""

from __future__ import annotations

from voicekit.language.moves import DOWN_OR_UP_MS, SHORTER_MS, timed

MOVES = {
    "standing": {
        "chair": "Sit down on your chair.",
        "seated": "Come down to the floor, and sit on your mat.",
        "kneeling": "Come down to the floor, and kneel on your mat.",
        "all-fours": "Come down onto your hands and knees.",
        "supine": "Come down to the floor, and lie on your back.",
        "prone": "Come down to the floor, and lie on your front.",
        "side-lying": "Come down to the floor, and lie on your side.",
    },
    "chair": {
        "standing": "Stand up from your chair.",
        "seated": "Come down from your chair, and sit on your mat.",
        "kneeling": "Come down from your chair, and kneel on your mat.",
        "all-fours": "Come down from your chair onto your hands and knees.",
        "supine": "Come down from your chair onto your mat, and lie on your back.",
        "prone": "Come down from your chair onto your mat, and lie on your front.",
        "side-lying": "Come down from your chair onto your mat, and lie on your side.",
    },
    "seated": {
        "standing": "Slowly come up to standing.",
        "chair": "Get up from the floor, and sit on your chair.",
        "kneeling": "Come up onto your knees.",
        "all-fours": "Lean forward, and come onto your hands and knees.",
        "supine": "Slowly lower yourself onto your back.",
        "prone": "Turn over, and lie on your front.",
        "side-lying": "Slowly lower yourself onto your side.",
    },
    "kneeling": {
        "standing": "Slowly come up to standing.",
        "chair": "Get up, and sit on your chair.",
        "seated": "Sit down beside your feet, and settle on your mat.",
        "all-fours": "Lean forward onto your hands and knees.",
        "supine": "Sit down beside your feet, and slowly lower yourself onto your back.",
        "prone": "Place your hands in front of you, and slowly lower yourself onto your front.",
        "side-lying": "Sit down beside your feet, and slowly lower yourself onto your side.",
    },
    "all-fours": {
        "standing": "Walk your hands back toward your knees, and slowly come up to standing.",
        "chair": "Get up from your hands and knees, and sit on your chair.",
        "seated": "Sit down beside your feet, and settle on your mat.",
        "kneeling": "Shift your weight back, and come to kneeling.",
        "supine": "Sit down beside your feet, and slowly roll onto your back.",
        "prone": "Slide forward, and lower yourself onto your front.",
        "side-lying": "Lower your hips to one side, and lie on your side.",
    },
    "supine": {
        "standing": "Roll to your side, press up to sitting, and slowly come up to standing.",
        "chair": "Roll to your side, press up to sitting, then get up and sit on your chair.",
        "seated": "Roll to your side, and press up to sitting.",
        "kneeling": "Roll to your side, press up, and come to kneeling.",
        "all-fours": "Roll to your side, and press up onto your hands and knees.",
        "prone": "Roll over onto your front.",
        "side-lying": "Roll onto your side.",
    },
    "prone": {
        "standing": "Press back onto your hands and knees, and slowly come up to standing.",
        "chair": "Press back onto your hands and knees, then get up and sit on your chair.",
        "seated": "Press up, and come round to sitting.",
        "kneeling": "Press back, and come to kneeling.",
        "all-fours": "Press up onto your hands and knees.",
        "supine": "Roll over onto your back.",
        "side-lying": "Roll onto your side.",
    },
    "side-lying": {
        "standing": "Press up to sitting, and slowly come up to standing.",
        "chair": "Press up to sitting, then get up and sit on your chair.",
        "seated": "Press yourself up to sitting.",
        "kneeling": "Press up, and come to kneeling.",
        "all-fours": "Press up onto your hands and knees.",
        "supine": "Roll onto your back.",
        "prone": "Roll onto your front.",
    },
}
"""The move from each position to each other (``move.standing.chair``): said where the position changes."""
PROPS = {
    "bolster": "a bolster or a firm pillow",
    "blanket": "a folded blanket",
    "block": "a yoga block or a thick book",
    "strap": "a strap or a belt",
    "chair": "a sturdy chair",
    "wall": "a clear stretch of wall",
    "pillow": "a pillow",
    "towel": "a towel",
}
"""Each prop id as the props phrase says it (``prop.strap``)."""

MOVE_WORDS = (
    *timed(DOWN_OR_UP_MS, "lie down", "lie on your", "lie back", "come down", "come up to", "stand up", "get up",
           "to standing", "lower yourself", "hands and knees", "to kneeling", "kneel on", "kneel down",
           "come to kneel", "come up onto your knees"),
    *timed(SHORTER_MS, "roll .. onto", "roll .. over", "roll .. to your side", "roll .. to sitting", "roll up to",
           "roll down", "press up", "press yourself up", "to sitting", "sit down", "sit up", "turn over", "step back",
           "step backward", "step backwards", "step forward", "step forwards"),
)  # fmt: skip
PROP_WORDS = {
    "bolster": ("bolster",),
    "blanket": ("blanket",),
    "block": ("block", "book"),
    "strap": ("strap", "belt"),
    "chair": ("chair",),
    "wall": ("wall",),
    "pillow": ("pillow", "cushion"),
    "towel": ("towel",),
}
PROP_VERBS = ("bring", "fetch", "get", "take", "place", "put", "lay", "set", "slide", "loop", "fold", "stack")
