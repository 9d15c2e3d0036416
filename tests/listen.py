"""Intelligibility, measured: an offline speech recognizer (pocketsphinx, English) transcribes a clip,
and we count how many of the words it was meant to say it heard, in order."""

from __future__ import annotations

import re
import subprocess
from functools import lru_cache
from pathlib import Path

from voicekit.output.encoder import ffmpeg_exe
from voicekit.sequence import pacing


@lru_cache(maxsize=1)
def _decoder():
    from pocketsphinx import Decoder

    return Decoder(samprate=16000, loglevel="FATAL")


def transcribe(path: str | Path) -> str:
    """What pocketsphinx hears in an audio file."""
    raw = subprocess.run(
        [ffmpeg_exe(), "-v", "error", "-i", str(path), "-ar", "16000", "-ac", "1", "-f", "s16le", "-"],
        capture_output=True, check=True,
    ).stdout  # fmt: skip
    decoder = _decoder()
    decoder.start_utt()
    decoder.process_raw(raw, full_utt=True)
    decoder.end_utt()
    return decoder.hyp().hypstr if decoder.hyp() else ""


def words(text: str) -> list[str]:
    return re.findall(r"[a-z']+", pacing.words(text).lower().replace("-", " "))


def heard(text: str, transcript: str) -> tuple[int, int]:
    """(words of ``text`` found in ``transcript`` in order, words of ``text``): a longest common subsequence."""
    said, got = words(text), words(transcript)
    row = [0] * (len(got) + 1)
    for a in said:
        prev = 0
        for j, b in enumerate(got, 1):
            prev, row[j] = row[j], prev + 1 if a == b else max(row[j], row[j - 1])
    return row[-1], len(said)
