"""The words a pose is described with, each from one list: where the body is (``position``), what it
works on (``focus``), what kind of pose it is, how strong, what conditions should avoid it, and the props
a practice may ask for by id. The library's poses use them to be found (``voicekit poses --focus hips``),
the compiler to speak the move from one position to the next, the teaching check to judge a practice."""

from __future__ import annotations

POSITIONS = ("standing", "chair", "seated", "kneeling", "all-fours", "supine", "prone", "side-lying")
"""Where the body is: on its feet, on a chair, sitting, kneeling or on hands and knees on the floor, lying
on the back, the front or a side."""
FOCUS = (
    "lower-back", "hips", "hamstrings", "spine", "neck", "shoulders", "wrists", "legs", "core", "balance", "breath",
    "rest",
)  # fmt: skip
KINDS = (
    "centering", "warm-up", "stretch", "strength", "twist", "backbend", "forward-fold", "inversion", "balance",
    "breathing", "rest",
)  # fmt: skip
ACTIVE_KINDS = ("warm-up", "stretch", "strength", "twist", "backbend", "forward-fold", "inversion", "balance")
"""Kinds of pose a longer practice should not end in without a rest after them."""
LEVELS = ("gentle", "moderate", "strong")
AVOID = (
    "pregnancy", "knee-injury", "wrist-injury", "neck-injury", "osteoporosis", "hip-replacement",
    "high-blood-pressure", "glaucoma", "disc-herniation",
)  # fmt: skip
PROPS = ("bolster", "blanket", "block", "strap", "chair", "wall", "pillow", "towel")
"""Props by id: each language says each one ("a bolster or a firm pillow"); any other prop is a text, said
as written."""
