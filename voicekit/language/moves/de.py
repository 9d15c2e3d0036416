"""Deutsch: the moves between positions, the props, and the words of a step that asks for a move."""

from __future__ import annotations

from voicekit.language.moves import DOWN_OR_UP_MS, SHORTER_MS, timed

MOVES = {
    "standing": {
        "chair": "Setz dich auf deinen Stuhl.",
        "seated": "Komm langsam auf den Boden und setz dich auf deine Matte.",
        "kneeling": "Komm langsam auf den Boden und knie dich auf deine Matte.",
        "all-fours": "Komm langsam nach unten in den Vierfüßlerstand.",
        "supine": "Komm langsam auf den Boden und leg dich auf den Rücken.",
        "prone": "Komm langsam auf den Boden und leg dich auf den Bauch.",
        "side-lying": "Komm langsam auf den Boden und leg dich auf die Seite.",
    },
    "chair": {
        "standing": "Steh von deinem Stuhl auf.",
        "seated": "Komm vom Stuhl herunter und setz dich auf deine Matte.",
        "kneeling": "Komm vom Stuhl herunter und knie dich auf deine Matte.",
        "all-fours": "Komm vom Stuhl herunter in den Vierfüßlerstand auf deiner Matte.",
        "supine": "Komm vom Stuhl herunter auf deine Matte und leg dich auf den Rücken.",
        "prone": "Komm vom Stuhl herunter auf deine Matte und leg dich auf den Bauch.",
        "side-lying": "Komm vom Stuhl herunter auf deine Matte und leg dich auf die Seite.",
    },
    "seated": {
        "standing": "Komm langsam in den Stand.",
        "chair": "Steh vom Boden auf und setz dich auf deinen Stuhl.",
        "kneeling": "Komm auf die Knie.",
        "all-fours": "Beug dich nach vorn und komm in den Vierfüßlerstand.",
        "supine": "Leg dich langsam auf den Rücken.",
        "prone": "Dreh dich um und leg dich auf den Bauch.",
        "side-lying": "Leg dich langsam auf die Seite.",
    },
    "kneeling": {
        "standing": "Komm langsam in den Stand.",
        "chair": "Steh auf und setz dich auf deinen Stuhl.",
        "seated": "Setz dich neben deine Füße und komm in einen bequemen Sitz.",
        "all-fours": "Komm nach vorn in den Vierfüßlerstand.",
        "supine": "Setz dich neben deine Füße und leg dich langsam auf den Rücken.",
        "prone": "Setz die Hände vor dir auf und leg dich langsam auf den Bauch.",
        "side-lying": "Setz dich neben deine Füße und leg dich langsam auf die Seite.",
    },
    "all-fours": {
        "standing": "Geh mit den Händen zurück zu den Knien und komm langsam in den Stand.",
        "chair": "Steh aus dem Vierfüßlerstand auf und setz dich auf deinen Stuhl.",
        "seated": "Setz dich neben deine Füße und komm in einen bequemen Sitz.",
        "kneeling": "Verlagere dein Gewicht nach hinten und komm in den Kniestand.",
        "supine": "Setz dich neben deine Füße und roll dich langsam auf den Rücken.",
        "prone": "Gleite nach vorn und leg dich auf den Bauch.",
        "side-lying": "Senk die Hüften zur Seite und leg dich auf die Seite.",
    },
    "supine": {
        "standing": "Roll dich auf die Seite, drück dich hoch zum Sitzen und komm langsam in den Stand.",
        "chair": "Roll dich auf die Seite, drück dich hoch zum Sitzen, steh auf und setz dich auf deinen Stuhl.",
        "seated": "Roll dich auf die Seite und drück dich hoch zum Sitzen.",
        "kneeling": "Roll dich auf die Seite, drück dich hoch und komm in den Kniestand.",
        "all-fours": "Roll dich auf die Seite und drück dich hoch in den Vierfüßlerstand.",
        "prone": "Roll dich auf den Bauch.",
        "side-lying": "Roll dich auf die Seite.",
    },
    "prone": {
        "standing": "Drück dich zurück in den Vierfüßlerstand und komm langsam in den Stand.",
        "chair": "Drück dich zurück in den Vierfüßlerstand, steh auf und setz dich auf deinen Stuhl.",
        "seated": "Drück dich hoch und komm zum Sitzen.",
        "kneeling": "Drück dich zurück und komm in den Kniestand.",
        "all-fours": "Drück dich hoch in den Vierfüßlerstand.",
        "supine": "Roll dich auf den Rücken.",
        "side-lying": "Roll dich auf die Seite.",
    },
    "side-lying": {
        "standing": "Drück dich hoch zum Sitzen und komm langsam in den Stand.",
        "chair": "Drück dich hoch zum Sitzen, steh auf und setz dich auf deinen Stuhl.",
        "seated": "Drück dich hoch zum Sitzen.",
        "kneeling": "Drück dich hoch und komm in den Kniestand.",
        "all-fours": "Drück dich hoch in den Vierfüßlerstand.",
        "supine": "Roll dich auf den Rücken.",
        "prone": "Roll dich auf den Bauch.",
    },
}
PROPS = {  # as the object of "brauchst du": accusative
    "bolster": "ein Bolster oder ein festes Kissen",
    "blanket": "eine gefaltete Decke",
    "block": "einen Yogablock oder ein dickes Buch",
    "strap": "einen Gurt oder einen Gürtel",
    "chair": "einen stabilen Stuhl",
    "wall": "ein freies Stück Wand",
    "pillow": "ein Kissen",
    "towel": "ein Handtuch",
}
MOVE_WORDS = (
    *timed(DOWN_OR_UP_MS, "leg dich", "komm .. auf den boden", "runter auf den boden", "komm .. herunter",
           "komm .. nach unten", "in den stand", "zum stehen", "steh auf.", "steh auf,", "steh auf und",
           "steh .. auf.", "steh .. auf,", "steh .. auf und", "aufstehen", "knie dich", "komm auf die knie",
           "in den kniestand", "vierfüßlerstand", "auf hände und knie"),
    *timed(SHORTER_MS, "roll dich", "rolle dich", "dreh dich um", "drück dich hoch", "zum sitzen", "ins sitzen",
           "setz dich hin", "setz dich auf", "setz dich neben", "richte dich auf", "tritt zurück", "tritt nach vorn"),
)  # fmt: skip
PROP_WORDS = {
    "bolster": ("bolster",),
    "blanket": ("decke",),
    "block": ("block", "yogablock", "buch"),
    "strap": ("gurt", "gürtel"),
    "chair": ("stuhl",),
    "wall": ("wand",),
    "pillow": ("kissen",),
    "towel": ("handtuch",),
}
PROP_VERBS = ("hol", "bring", "leg", "stell", "schieb", "nimm", "falte", "schling", "leg dir", "platzier")
