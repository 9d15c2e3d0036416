"""How long espeak-ng takes to say a text in each language, fitted to the estimate's two numbers.

A measurement, not a test: .venv/bin/python scripts/calibrate_estimate.py [LANGUAGE ...]
For each language voicekit has phrases for, every text of a practice in it (the shipped one where
there is one, else the test practice of tests/data/languages) and the language's own phrases are
spoken by espeak-ng's voice for the language at 110, 140 and 180 words a minute; the finished clips
(trimmed, as a build plays them) are measured, and the estimate's model (``plan/estimate.py``)

    milliseconds = (letters x LETTER + CLIP) x 60000 / rate + pauses inside the text x PAUSE_MS
                   (+ written pauses)

is fitted by least squares. Letters, not words: espeak-ng's rate is in words of English length, and a
German word is longer than an English one (measured: counting words, the fit was off by 9 to 18% a
clip; counting letters, 5 to 11%). Printed per language: the three numbers, the mean and largest
error a clip of the fitted estimate and of the one before (words x 60000 / rate + 350 ms a
punctuation mark), and the error over all the practice's clips together (what a plan's length sees).
"""

from __future__ import annotations

import re
import sys
import tempfile
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent

from voicekit.language.phrases import BUILT_IN, phrases_for  # noqa: E402
from voicekit.plan import compiler, estimate  # noqa: E402
from voicekit.plan.grid import SAMPLE_RATE  # noqa: E402
from voicekit.plan.options import BuildOptions, resolve  # noqa: E402
from voicekit.sequence import loader, pacing  # noqa: E402
from voicekit.speech import synthesis  # noqa: E402
from voicekit.speech.engines import settled  # noqa: E402
from voicekit.store import Store  # noqa: E402

RATES = (110, 140, 180)
PRACTICES = {"en": "sequences/lumbar-release.yaml", "de": "sequences/lumbar-release-de.yaml",
             "es": "sequences/lumbar-release-es.yaml"}  # fmt: skip


def texts(tag: str) -> list[str]:
    """Every text a practice in the language speaks, and the language's own spoken phrases."""
    path = ROOT / PRACTICES.get(tag, f"tests/data/languages/{'pt-BR' if tag == 'pt-br' else tag}.yaml")
    practice = resolve(loader.load_sequence(path), BuildOptions(engine="fake"), settled)
    found = [text for text, _ in compiler.spoken_texts(practice, estimate.estimate_ms)]
    said = phrases_for(tag)
    found += [said.text("breath.in"), said.text("breath.out"), said.text("transition"), said.text("halfway")]
    found += [said.count(n) for n in (1, 7, 13, 21, 38)] + [said.round(2, 3), said.round(5, 12)]
    found += [said.time_left(ms) for ms in (30_000, 60_000, 90_000, 120_000)]
    return list(dict.fromkeys(found))


def measure(tag: str, store: Store) -> tuple[list[str], np.ndarray, np.ndarray]:
    """The texts, the rate of each clip, and each clip's milliseconds, spoken by espeak-ng's voice for ``tag``."""
    from voicekit.plan.speaker import Speaker
    from voicekit.speech.engines.pyttsx3_engine import Pyttsx3Engine

    voice = Speaker("pyttsx3", Pyttsx3Engine.voice_for(tag), 140)
    items = [(text, rate) for text in texts(tag) for rate in RATES]
    clips = synthesis.synthesize(items, voice, store)
    rates = np.array([rate for _, rate in items], dtype=float)
    return [text for text, _ in items], rates, np.array([clips.samples[item] * 1000 / SAMPLE_RATE for item in items])


def columns(spoken: list[str], rates: np.ndarray) -> np.ndarray:
    """The model's terms for each clip: letters x 60000 / rate, 60000 / rate, pauses inside the text."""
    letters = np.array([estimate.letters(text) for text in spoken], dtype=float)
    pauses = np.array([estimate.inner_pauses(text) for text in spoken], dtype=float)
    return np.column_stack([letters * 60_000 / rates, 60_000 / rates, pauses])


def main() -> None:
    tags = sys.argv[1:] or [*BUILT_IN, "pt-br"]
    print(f"{'language':<9} {'clips':>5} {'LETTER':>7} {'CLIP':>6} {'PAUSE_MS':>8}  {'fitted, a clip':>24} "
          f"{'all':>6}  {'words (before), a clip':>24} {'all':>6}")  # fmt: skip
    with tempfile.TemporaryDirectory() as folder:
        store = Store(folder)
        for tag in tags:
            spoken, rates, ms = measure(tag, store)
            silence = np.array([pacing.silence_ms(text) for text in spoken], dtype=float)
            terms = columns(spoken, rates)
            coef, *_ = np.linalg.lstsq(terms, ms - silence, rcond=None)
            fitted = np.maximum(estimate.MIN_MS, terms @ coef) + silence
            before = np.array([_words_estimate(text, int(rate)) for text, rate in zip(spoken, rates, strict=True)])
            print(f"{tag:<9} {len(ms):>5} {coef[0]:>7.4f} {coef[1]:>6.3f} {coef[2]:>8.0f}  {_error(fitted, ms):>24} "
                  f"{_total(fitted, ms):>6}  {_error(before, ms):>24} {_total(before, ms):>6}", flush=True)  # fmt: skip


def _words_estimate(text: str, rate: int) -> float:
    """The estimate before this calibration: words x 60000 / rate + 350 ms a punctuation mark."""
    spoken = pacing.spoken(text)
    marks = len(re.findall(r"[.,;:!?](?:\s|$)", spoken))
    return max(estimate.MIN_MS, len(spoken.split()) * 60_000 / rate + marks * 350) + pacing.silence_ms(text)


def _error(guess: np.ndarray, ms: np.ndarray) -> str:
    relative = np.abs(guess - ms) / ms
    return f"mean {100 * relative.mean():4.1f}%, max {100 * relative.max():5.1f}%"


def _total(guess: np.ndarray, ms: np.ndarray) -> str:
    return f"{100 * (guess.sum() / ms.sum() - 1):+.1f}%"


if __name__ == "__main__":
    main()
