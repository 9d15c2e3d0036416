"""The sounds made in code that a timeline plays, by name (a made cue's text), and how long each rings:
the compiler gives each its cue, the sound stage makes it (``sound.bell``)."""

from __future__ import annotations

from voicekit.plan.options import Practice

SOUND_MS = {  # each rings out inside this
    "bell": 30_000,  # the singing bowl that ends the session (bell: bowl)
    "double bell": 34_000,  # the bowl struck twice (bell: double), the second strike ringing as long
    "chime": 6000,  # the bowl struck lightly: before each pose (chimes: true), or at the end (bell: chime)
    "hold bell": 8000,  # a soft strike inside a hold (bells:)
}
END_BELLS = {  # bell: -> (the sound, its cue: long enough for a bed to fade out under it)
    "bowl": ("bell", SOUND_MS["bell"]),
    "double": ("double bell", SOUND_MS["double bell"]),
    "chime": ("chime", 10_000),
}


def used(practice: Practice) -> list[str]:
    """The made sounds the practice may play."""
    sequence = practice.sequence
    names = [END_BELLS[sequence.bell][0]] if sequence.bell in END_BELLS else []
    names += ["chime"] if sequence.chimes else []
    names += ["hold bell"] if any(p.bells for p in practice.poses) else []
    return list(dict.fromkeys(names))
