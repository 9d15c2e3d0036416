"""Try respellings of a word for a pronunciation table: each said in a sentence by a voice, through voicekit's
own path (the respelling applied as a build applies it), and transcribed by Whisper tiny.en (tests/listen.py).

    .venv/bin/python scripts/respell.py Tadasana "Stand in {}." tadahsana tah-dah-sana "tah dah sana"
    .venv/bin/python scripts/respell.py Om "We close with one {}." ome oh-m --engine pyttsx3

Printed for each respelling (``-`` is the word as written): the phonemes espeak-ng makes of the sentence, and
what Whisper wrote. Piper speaks espeak-ng's phonemes, so respellings with the same phonemes make the same
clip: each is said once, and the others printed beside it. How the entries of voicekit/shipped/pronounce/en.yaml
were chosen (tests/test_intelligibility.py checks them); a trial takes about a second.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))

import listen  # noqa: E402

from voicekit.plan.options import BuildOptions, resolve  # noqa: E402
from voicekit.sequence.loader import parse_sequence  # noqa: E402
from voicekit.sequence.pronounce import respell  # noqa: E402
from voicekit.sound.wav import from_int16  # noqa: E402
from voicekit.speech import synthesis  # noqa: E402
from voicekit.speech.engines import settled  # noqa: E402
from voicekit.store import CLIP, Store  # noqa: E402


def phonemes(text: str) -> str:
    """The phonemes Piper's espeak-ng makes of ``text`` (American English), or the text where Piper is missing."""
    try:
        import piper
        from piper import espeakbridge
    except ImportError:
        return text
    espeakbridge.initialize(str(Path(piper.__file__).parent / "espeak-ng-data"))
    espeakbridge.set_voice("en-us")
    return " ".join(said for said, _, _ in espeakbridge.get_phonemes(text))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("word", help="the word as written, e.g. Tadasana")
    parser.add_argument("sentence", help="a sentence with {} where the word goes")
    parser.add_argument("respellings", nargs="+", help="respellings to try; - is the word as written")
    parser.add_argument("--engine", help="piper or pyttsx3 [default: the default voice's]")
    parser.add_argument("--cache", type=Path, help="keep the clips in this store [default: a temporary one]")
    args = parser.parse_args()
    written = args.sentence.format(args.word)
    practice = resolve(
        parse_sequence(f"title: T\nposes:\n  - name: P\n    setup: {written!r}\n    hold: 5s\n"),
        BuildOptions(engine=args.engine),
        settled,
    )
    voice = practice.voice
    tried: dict[str, list[str]] = {}  # the sentence's phonemes -> the respellings that make them
    spoken: dict[str, str] = {}  # the same -> the sentence as spoken
    for respelling in args.respellings:
        said = written if respelling == "-" else respell(written, ((args.word, respelling),))
        key = phonemes(said) if voice.engine == "piper" else said
        tried.setdefault(key, []).append(respelling)
        spoken.setdefault(key, said)
    with tempfile.TemporaryDirectory() as folder:
        store = Store(args.cache or folder)
        items = [(text, voice.rate) for text in spoken.values()]
        clips = synthesis.synthesize(items, voice, store)
        # each sentence alone, as the test hears it
        heard = [listen.whisper_alone(from_int16(store.get(CLIP, clips.names[item]) or b"")) for item in items]
    print(f"{voice.engine}:{voice.id} at {voice.rate} words a minute")
    for (key, respellings), got in zip(tried.items(), heard, strict=True):
        print(f"{' = '.join(respellings):<30} {key:<50} -> {got!r}")


if __name__ == "__main__":
    main()
