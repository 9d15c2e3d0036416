"""No English in a practice of another language: every shipped practice not in English, planned with the
fake engine, and everything its listener hears or reads (the spoken texts, the chapter titles, the cue
sheet, the LRC and WebVTT captions, the tags) checked against voicekit's English phrases, the English
library's texts and a net of English function words. It runs over whatever practices are shipped."""

from __future__ import annotations

import functools
import re

import pytest
from helpers import FAKE, SAME, SHELF, UNITS, english_words, language_of, load_shipped, word_set

from voicekit.language.phrases import phrases_for
from voicekit.output.companions import lrc, vtt
from voicekit.output.cue_sheet import cue_sheet
from voicekit.output.metadata import for_build
from voicekit.plan.compiler import compile_timeline
from voicekit.plan.estimate import estimator
from voicekit.plan.options import resolve
from voicekit.plan.timeline import CueKind
from voicekit.sequence.library import SHIPPED_POSES, Library
from voicekit.speech.engines import settled

FOREIGN = [path for path in SHELF if language_of(path) != "en"]
NET = {
    "the", "your", "you", "and", "with", "into", "toward", "towards", "breathe", "slowly", "gently", "other",
    "side", "now", "let", "feel", "knees", "back", "hands", "feet", "arms", "legs", "floor", "chest", "hips",
    "shoulders", "head", "release", "hold", "then", "through", "from", "over", "under", "down", "up", "keep",
}  # fmt: skip
"""English function words and a yoga teacher's commonest English: none is a word of the six languages."""
LOANS = {"bolster", "yoga"}  # the prop's and the practice's names in German, Spanish, French, ... as in English
ALSO = {
    "de": {"also", "roll", "stand", "down"},  # "also" (so), "Roll dich", "im Stand", the title's "Cool-down"
    "es": {"ten"},  # "ten cuidado" (take care)
    "fr": {"a", "front", "long", "minutes", "place"},  # "il y a", the forehead, "le long de", "sur place"
    "nl": {"bed", "moment", "of", "over", "let", "stand", "down", "stretch"},  # "of" (or), "Let op", "Cooling-down"
    "pt": {"for"},  # "se for" (if it is)
}
"""Words of the net that are words of the language too, reviewed one by one (as ``SAME``)."""
FORMAT = re.compile(r"^\[[a-z]+:|^WEBVTT|^NOTE", re.M)  # the formats' own keywords, which no player shows
NAMES = re.compile(r"\b[A-Z][a-z]+(?:asana|ana|asan)\b")  # Sanskrit names, said the same in every language


@functools.cache
def english_texts() -> set[str]:
    """Every whole text of the English library, each side filled in, in lower case."""
    library, said = Library([SHIPPED_POSES]), phrases_for("en")
    found: set[str] = set()
    for pose in (library.pose(i) for i in library.ids()):
        steps = [s.text for s in (*pose.setup, *pose.second_side)]
        texts = [pose.name, *steps, *pose.reminders, pose.release or "", pose.transition or ""]
        texts += [c.text for c in pose.cautions] + [m.say for m in (pose.flow.movements if pose.flow else ())]
        found |= {said.fill_side(t, side).lower() for t in texts if t for side in ("right", "left")}
    return found


@pytest.mark.parametrize("path", FOREIGN, ids=lambda p: p.stem)
def test_nothing_english_is_heard_or_read_in_a_practice_of_another_language(path):
    practice = resolve(load_shipped(path), FAKE, settled)
    timeline = compile_timeline(practice, estimator(practice.sequence.language))
    meta = for_build(practice, timeline)
    tag = practice.sequence.language
    heard = [c.text for c in timeline.cues if c.kind is CueKind.SPEECH]
    read = {
        "spoken": heard,
        "chapters": [c.title for c in timeline.chapters],
        "cue sheet": [cue_sheet(practice, timeline, meta)],
        "captions": [FORMAT.sub(" ", lrc(timeline, meta)), FORMAT.sub(" ", vtt(timeline, meta))],
        "tags": [str(v) for v in (meta.title, meta.album, meta.artist, meta.comment) if v],
    }
    library = english_texts()
    base = tag.split("-")[0]
    allowed = UNITS | LOANS | SAME.get(tag, set()) | SAME.get(base, set()) | ALSO.get(base, set())
    for where, texts in read.items():
        whole = [t for t in texts if t.lower() in library]
        assert not whole, f"{where}: English library texts {whole[:3]}"
        found = word_set([NAMES.sub(" ", t) for t in texts])
        leaked = (found & (english_words() | NET)) - allowed
        assert not leaked, f"{where}: English words {sorted(leaked)}"
