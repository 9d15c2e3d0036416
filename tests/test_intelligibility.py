"""How well the default voice is understood, measured: every cue of the shipped practice is spoken
with the voice a sequence that names none gets (Piper's joe, where Piper is installed), and Whisper
(an offline recognizer, tests/listen.py) transcribes each clip (several to a 30-second window).
scripts/intelligibility.py prints the same measure for every installed voice."""

from __future__ import annotations

import pytest
from helpers import SHIPPED, needs_piper
from listen import heard, whisper_each

from voicekit.plan import compiler
from voicekit.plan.estimate import estimate_ms
from voicekit.plan.options import BuildOptions, resolve
from voicekit.plan.speaker import Speaker
from voicekit.sequence.loader import load_sequence
from voicekit.sound.wav import from_int16
from voicekit.speech import synthesis
from voicekit.speech.engines import settled
from voicekit.store import Store

SHARE = 0.94  # of the practice's words, as a bag per cue (numbers as words)


@needs_piper
@pytest.mark.slow
def test_whisper_hears_the_default_voice_say_the_shipped_practice(tmp_path):
    practice = resolve(load_sequence(SHIPPED), BuildOptions(), settled)  # no engine, no voice: the default
    assert practice.voice == Speaker("piper", "en_US-joe-medium", 140)
    items = compiler.spoken_texts(practice, estimate_ms)
    store = Store(tmp_path / "cache")
    clips = synthesis.synthesize(items, practice.voice, store)
    got = total = 0
    misheard = []
    transcripts = whisper_each([from_int16(store.get("clip", clips.names[item]) or b"") for item in items])
    for item, transcript in zip(items, transcripts, strict=True):
        found, words = heard(item[0], transcript)
        got, total = got + found, total + words
        if found < words:
            misheard.append(f"  {found}/{words} said {item[0]!r}\n        heard {transcript.strip()!r}")
    report = f"Whisper heard {got} of {total} words ({100 * got / total:.1f}%) of {len(items)} cues"
    print(report, *misheard, sep="\n")
    assert total > 700  # every cue of the practice
    assert got / total >= SHARE, "\n".join([report, *misheard])
