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


# Each English entry of voicekit's pronunciation table, said by the default voice in a sentence that
# would use it, and what Whisper may write for it: the word, or another spelling of the same word
# (Shavasana is how Savasana is also written). Whisper tiny.en does not know some of them at all: no
# respelling tried made it write Tadasana, Om, Ujjayi, Bhramari or Nadi Shodhana (it hears "Tabasana",
# "Um", "Ujai", "primary", "Nadi showed on"); those stay marked until a respelling is found.
NOT_YET = pytest.mark.xfail(strict=True, reason="Whisper tiny.en has not heard it with any respelling tried")
SAID = [
    pytest.param("Savasana", "Now rest in {}.", ("savasana", "shavasana"), id="Savasana"),
    pytest.param("Balasana", "Now rest in {}.", ("balasana",), id="Balasana"),
    pytest.param("Namaste", "{}.", ("namaste",), id="Namaste"),
    pytest.param("Pranayama", "{} is breath work.", ("pranayama",), id="Pranayama"),
    pytest.param("Tadasana", "Stand in {}.", ("tadasana",), id="Tadasana", marks=NOT_YET),
    pytest.param("Om", "Chant {} together.", ("om",), id="Om", marks=NOT_YET),
    pytest.param("Ujjayi", "Breathe with {} breath.", ("ujjayi",), id="Ujjayi", marks=NOT_YET),
    pytest.param("Bhramari", "{}, the humming bee breath.", ("bhramari",), id="Bhramari", marks=NOT_YET),
    pytest.param("Nadi Shodhana", "{}, alternate nostril breathing.", ("nadi shodhana",), id="Nadi", marks=NOT_YET),
]


@needs_piper
@pytest.mark.slow
@pytest.mark.parametrize(("word", "sentence", "spellings"), SAID)
def test_whisper_hears_each_word_of_the_english_table_said_by_the_default_voice(word, sentence, spellings, tmp_path):
    import re

    from listen import whisper

    from voicekit.sequence.loader import parse_sequence

    text = sentence.format(word)
    practice = resolve(parse_sequence(f"title: T\nposes:\n  - name: P\n    setup: {text}\n    hold: 5s\n"),
                       BuildOptions(), settled)  # fmt: skip
    assert word in dict(practice.pronounce)  # voicekit's own table, with no table of the user's or the file's
    text = sentence.format(word)
    store = Store(tmp_path / "cache")
    clips = synthesis.synthesize([(text, 140)], practice.voice, store, table=practice.pronounce)
    heard = whisper(from_int16(store.get("clip", clips.names[(text, 140)]) or b"")).lower()
    words = re.sub(r"[^a-z ]", "", heard.replace("-", "")).split()
    joined = [" ".join(words[i : i + n]).replace(" ", "") for n in (1, 2, 3) for i in range(len(words))]
    assert any(s.replace(" ", "") in joined for s in spellings), heard
