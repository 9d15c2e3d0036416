"""How much of the shipped practice offline recognizers understand, voice by voice.

A measurement, not a test: .venv/bin/python scripts/intelligibility.py [VOICE ...]
where VOICE is ENGINE or ENGINE:VOICE_ID (default: every installed English voice). For each voice,
every cue of the shipped practice is spoken and transcribed by Whisper tiny (faster-whisper;
several cues to a 30-second window, as the test suite does) and by pocketsphinx; printed: the
share of the practice's words each heard, as a bag per cue (what the test suite asserts) and in
order.
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))

from listen import heard, heard_in_order, sphinx, whisper_each  # noqa: E402

from voicekit.errors import VoicekitError  # noqa: E402
from voicekit.plan import compiler  # noqa: E402
from voicekit.plan.estimate import estimate_ms  # noqa: E402
from voicekit.plan.options import BuildOptions, resolve  # noqa: E402
from voicekit.sequence import loader  # noqa: E402
from voicekit.sound.wav import from_int16  # noqa: E402
from voicekit.speech import synthesis  # noqa: E402
from voicekit.speech.engines import settled  # noqa: E402
from voicekit.speech.engines.worker import list_voices  # noqa: E402
from voicekit.store import Store  # noqa: E402


def english_voices() -> list[str]:
    found = []
    for engine in ("piper", "pyttsx3"):
        try:
            voices = list_voices(engine)
        except VoicekitError:
            continue
        found += [f"{engine}:{v.id}" for v in voices if any(lang.startswith("en") for lang in v.languages)]
    return found


def main() -> None:
    sequence = loader.load_sequence(ROOT / "sequences" / "lumbar-release.yaml")
    print(f"{'voice':<30} {'Whisper, bag':>13} {'Whisper, in order':>18} {'pocketsphinx, in order':>23}")
    with tempfile.TemporaryDirectory() as folder:
        store = Store(folder)
        for spec in sys.argv[1:] or english_voices():
            engine, _, voice_id = spec.partition(":")
            practice = resolve(sequence, BuildOptions(engine=engine, voice=voice_id or None), settled)
            items = compiler.spoken_texts(practice, estimate_ms)
            clips = synthesis.synthesize(items, practice.voice, store)
            counts = [0, 0, 0]
            total = 0
            samples = [from_int16(store.get("clip", clips.names[item]) or b"") for item in items]
            for item, clip, by_whisper in zip(items, samples, whisper_each(samples), strict=True):
                by_sphinx = sphinx(clip)
                text = item[0]
                scores = [heard(text, by_whisper), heard_in_order(text, by_whisper), heard_in_order(text, by_sphinx)]
                for i, (found, _) in enumerate(scores):
                    counts[i] += found
                total += scores[0][1]
            shares = [f"{100 * c / total:.0f}% of {total}" for c in counts]
            print(f"{spec:<30} {shares[0]:>13} {shares[1]:>18} {shares[2]:>23}", flush=True)


if __name__ == "__main__":
    main()
