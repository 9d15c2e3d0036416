"""How much of what voicekit says offline recognizers understand, language by language and voice by voice.

A measurement, not a test:

    .venv/bin/python scripts/intelligibility.py [LANGUAGE ...] [--rates 120,140] [--voices +m3,gmw/de]
    .venv/bin/python scripts/intelligibility.py --english-voices [ENGINE[:VOICE] ...]

For each language (default: every language voicekit speaks), its short practice (tests/data/listen/) and
its shipped lower-back release (where one exists) are spoken by the voice a practice in it gets by
default (and, for English, by espeak-ng too), or by each of ``--voices`` (an espeak-ng voice, or
``+VARIANT`` after the language's own), at each rate; Whisper (tests/listen.py: tiny.en for English,
the multilingual base for the rest, several cues to a 30-second window) transcribes them. Printed: the
share of the words heard, as a bag per cue (what the test suite asserts); with ``-v``, each cue not heard
whole; with ``--stumbles``, the words missed in half the cues they were said in, and what was heard
instead (what a pronunciation table could respell).

``--english-voices`` measures the shipped English practice for every installed English voice (or those
named), by Whisper as a bag and in order and by pocketsphinx in order: the table in the README.
"""

from __future__ import annotations

import argparse
import difflib
import sys
import tempfile
from collections import Counter, defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))

from listen import Heard, heard, heard_in_order, listen, sample, sphinx, whisper_each, words  # noqa: E402

from voicekit.errors import VoicekitError  # noqa: E402
from voicekit.plan import compiler  # noqa: E402
from voicekit.plan.estimate import estimate_ms  # noqa: E402
from voicekit.plan.options import BuildOptions, Practice, resolve  # noqa: E402
from voicekit.plan.speaker import Speaker  # noqa: E402
from voicekit.sequence import loader  # noqa: E402
from voicekit.sound.wav import from_int16  # noqa: E402
from voicekit.speech import synthesis  # noqa: E402
from voicekit.speech.engines import settled  # noqa: E402
from voicekit.speech.engines.pool import list_voices  # noqa: E402
from voicekit.store import CLIP, Store  # noqa: E402

LANGUAGES = ("en", "de", "es", "fr", "it", "pt", "pt-BR", "nl")
SEQUENCES_DIR = ROOT / "sequences"


def shipped_practice(language: str) -> Path | None:
    """The lower-back release in ``language``, where voicekit ships one."""
    path = SEQUENCES_DIR / ("lumbar-release.yaml" if language == "en" else f"lumbar-release-{language}.yaml")
    return path if path.is_file() else None


def default_voices(language: str) -> list[Speaker]:
    """The voice a practice in ``language`` gets by default, and espeak-ng's where that is another engine."""
    found = [Speaker(*settled(None, None, language.lower()), 140)]
    if found[0].engine != "pyttsx3":
        found.append(Speaker(*settled("pyttsx3", None, language.lower()), 140))
    return found


def named_voice(language: str, spec: str) -> Speaker:
    """``+m3`` after the language's espeak-ng voice, or a voice id of its engine."""
    engine, own = settled("pyttsx3", None, language.lower())
    if spec.startswith("+"):
        return Speaker(engine, f"{own}{spec}", 140)
    engine, voice = settled(None, spec, language.lower())
    return Speaker(engine, voice, 140)


def practice_items(path: Path, voice: Speaker) -> tuple[Practice, list[tuple[str, int]]]:
    """The shipped practice as ``voice`` at its rate speaks it: every (text, rate) of the build."""
    options = BuildOptions(engine=voice.engine, voice=voice.id, rate=voice.rate)
    practice = resolve(loader.load_sequence(path), options, settled)
    return practice, compiler.spoken_texts(practice, estimate_ms)


def stumbles(results: list[Heard], missed_share: float = 0.5) -> list[str]:
    """The words Whisper missed in at least half the cues they were said in (said twice or more), the
    most missed first, each with what it heard in their place (the cue's words aligned with its
    transcript)."""
    said: Counter[str] = Counter()
    missed: Counter[str] = Counter()
    instead: defaultdict[str, Counter[str]] = defaultdict(Counter)
    for result in results:
        for text, transcript in zip(result.said, result.transcripts, strict=True):
            a, b = words(text, result.language), words(transcript, result.language)
            said.update(a)
            for op, i1, i2, j1, j2 in difflib.SequenceMatcher(None, a, b, autojunk=False).get_opcodes():
                if op in ("replace", "delete"):
                    missed.update(a[i1:i2])
                    for word in a[i1:i2]:
                        instead[word][" ".join(b[j1:j2]) or "(nothing)"] += 1
    lines = []
    for word, n in sorted(missed.items(), key=lambda item: (-item[1], item[0])):
        if said[word] >= 2 and n / said[word] >= missed_share:
            heard_as = ", ".join(f"{w!r}" for w, _ in instead[word].most_common(3))
            lines.append(f"  {word}: missed {n} of {said[word]}, heard as {heard_as}")
    return lines


def by_language(args: argparse.Namespace, store: Store) -> None:
    print(f"{'language':<9} {'voice':<26} {'rate':>4} {'short practice':>15} {'shipped practice':>17}")
    for language in args.languages or LANGUAGES:
        voices = [named_voice(language, v) for v in args.voices] if args.voices else default_voices(language)
        for voice in voices:
            for rate in args.rates or [voice.rate]:
                voice = Speaker(voice.engine, voice.id, rate)
                short = listen([(text, rate) for text in sample(language)], voice, store, language)
                cells = [f"{100 * short.share:.0f}% of {short.total}", "-"]
                path = shipped_practice(language)
                results = [short]
                if path and not args.short_only:
                    practice, items = practice_items(path, voice)
                    results.append(listen(items, practice.voice, store, language, practice.pronounce))
                    cells[1] = f"{100 * results[1].share:.0f}% of {results[1].total}"
                shown = f"{voice.engine}:{voice.id}"
                print(f"{language:<9} {shown:<26} {rate:>4} {cells[0]:>15} {cells[1]:>17}", flush=True)
                if args.verbose:
                    print(*(line for result in results for line in result.misheard), sep="\n")
                if args.stumbles:
                    print(*stumbles(results), sep="\n")


def english_voices() -> list[str]:
    found = []
    for engine in ("piper", "pyttsx3"):
        try:
            voices = list_voices(engine)
        except VoicekitError:
            continue
        found += [f"{engine}:{v.id}" for v in voices if any(lang.startswith("en") for lang in v.languages)]
    return found


def by_english_voice(specs: list[str], store: Store) -> None:
    sequence = loader.load_sequence(SEQUENCES_DIR / "lumbar-release.yaml")
    print(f"{'voice':<30} {'Whisper, bag':>13} {'Whisper, in order':>18} {'pocketsphinx, in order':>23}")
    for spec in specs or english_voices():
        engine, _, voice_id = spec.partition(":")
        practice = resolve(sequence, BuildOptions(engine=engine, voice=voice_id or None), settled)
        items = compiler.spoken_texts(practice, estimate_ms)
        clips = synthesis.synthesize(items, practice.voice, store)
        counts = [0, 0, 0]
        total = 0
        samples = [from_int16(store.get(CLIP, clips.names[item]) or b"") for item in items]
        for item, clip, by_whisper in zip(items, samples, whisper_each(samples), strict=True):
            text = item[0]
            scores = [heard(text, by_whisper), heard_in_order(text, by_whisper), heard_in_order(text, sphinx(clip))]
            for i, (found, _) in enumerate(scores):
                counts[i] += found
            total += scores[0][1]
        shares = [f"{100 * c / total:.0f}% of {total}" for c in counts]
        print(f"{spec:<30} {shares[0]:>13} {shares[1]:>18} {shares[2]:>23}", flush=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("languages", nargs="*", help=f"BCP 47 tags [default: {' '.join(LANGUAGES)}]")
    parser.add_argument("--rates", type=lambda s: [int(r) for r in s.split(",")], help="words a minute, e.g. 120,140")
    parser.add_argument("--voices", type=lambda s: s.split(","), help="voice ids, or +VARIANT of espeak-ng's")
    parser.add_argument("--short-only", action="store_true", help="only the short practices (quicker)")
    parser.add_argument("--english-voices", action="store_true", help="every English voice: the README's table")
    parser.add_argument("-v", "--verbose", action="store_true", help="print each cue not heard whole")
    parser.add_argument("--stumbles", action="store_true", help="print the words missed in half their cues")
    parser.add_argument("--cache", type=Path, help="keep the clips in this store [default: a temporary one]")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        store = Store(args.cache or folder)
        if args.english_voices:
            by_english_voice(args.languages, store)
        else:
            by_language(args, store)


if __name__ == "__main__":
    main()
