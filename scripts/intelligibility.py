"""How much of the shipped practice an offline recognizer (pocketsphinx) understands, voice by voice.

A measurement, not a test: .venv/bin/python scripts/intelligibility.py [VOICE ...]
where VOICE is ENGINE or ENGINE:VOICE_ID (default: the English espeak-ng voices and Piper's joe).
Prints, for each voice, the share of the practice's words heard, in order, over all its cues.
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))

from listen import heard, transcribe  # noqa: E402

from voicekit.plan import compiler  # noqa: E402
from voicekit.plan.estimate import estimate_ms  # noqa: E402
from voicekit.plan.options import BuildOptions  # noqa: E402
from voicekit.sequence import loader  # noqa: E402
from voicekit.sequence.model import Voice  # noqa: E402
from voicekit.speech import synthesis as speech  # noqa: E402
from voicekit.store import ClipCache  # noqa: E402

DEFAULT = ["pyttsx3:gmw/en", "pyttsx3:gmw/en-us", "pyttsx3:gmw/en-gb-x-rp", "pyttsx3:gmw/en-029",
           "pyttsx3:gmw/en-gb-scotland", "pyttsx3:gmw/en-us-nyc", "piper"]  # fmt: skip


def main() -> None:
    seq = loader.load_sequence(ROOT / "sequences" / "lumbar-release.yaml")
    items = compiler.spoken_texts(seq, BuildOptions(), estimate_ms)
    with tempfile.TemporaryDirectory() as folder:
        for spec in sys.argv[1:] or DEFAULT:
            engine, _, voice_id = spec.partition(":")
            voice = Voice(engine=engine, id=voice_id or None)
            clips = speech.synthesize(items, voice, ClipCache(folder))
            got = total = 0
            for item in items:
                found, words = heard(item[0], transcribe(clips.paths[item]))
                got, total = got + found, total + words
            print(f"{spec:<28} {got:4d} of {total} words heard ({100 * got / total:.0f}%)", flush=True)


if __name__ == "__main__":
    main()
