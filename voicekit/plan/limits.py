"""What one build can make, known before any work: check, plan and build ask this of the timeline the
build would play (clips not made yet counted with their estimates), and the build asks again of the
timeline it encodes. A file holds 12 hours and 255 chapters; a clip, a text as spoken (respelled) of at
most ``MAX_TEXT`` characters.

Twelve hours also keeps a WAV (16-bit mono at 44.1 kHz: 3.8 GB) under the 4 GB its sizes can count.
"""

from __future__ import annotations

from voicekit.errors import OptionsError
from voicekit.plan.options import Practice
from voicekit.plan.timeline import CueKind, Timeline
from voicekit.sequence.durations import LIMIT_MS, format_ms
from voicekit.sequence.pronounce import spoken

LONGEST_MS = LIMIT_MS + 1000  # a practice fitted to 12 hours may end a few MP3 frames past them
MAX_CHAPTERS = 255  # an MP3's chapter list (the ID3 CTOC frame) counts its entries in one byte
SPLIT = "or split the practice in two"


def check(timeline: Timeline, practice: Practice) -> None:
    """OptionsError, naming the sequence's file, if a build of ``timeline`` (of ``practice``) would be refused."""
    file = practice.sequence.file
    if timeline.total > LONGEST_MS:
        raise OptionsError(
            f"{file}: the session would last {format_ms(timeline.total)}; the limit is {LIMIT_MS // 3_600_000} "
            f"hours: shorten the holds (--holds short, --scale or --length) {SPLIT}"
        )
    chapters = len(timeline.chapters)
    if chapters > MAX_CHAPTERS:
        raise OptionsError(
            f"{file}: the session would have {chapters} chapters; a file holds at most {MAX_CHAPTERS}: "
            f"write fewer poses (each side of a pose is a chapter, and each time a round plays) {SPLIT}"
        )
    for cue in {cue.text: cue for cue in timeline.cues if cue.kind is CueKind.SPEECH}.values():
        try:
            spoken(cue.text, practice.pronounce)
        except ValueError as e:
            raise OptionsError(f"{file}: {cue.pose}: {e}") from None
