"""Making one clip: the engine speaks each piece of a text, written pauses go between them as silence,
and the finished clip is stored."""

from __future__ import annotations

from audio_tools import loud_spans
from helpers import clip_samples

from voicekit.plan.grid import SAMPLE_RATE
from voicekit.speech.engines.pool import run_jobs
from voicekit.speech.make import ClipJob


def test_written_pauses_become_silence_inside_one_clip(tmp_path):
    job = ClipJob("Breathe in slowly. [pause 2s] Now let it go...", None, 140, 1.0, "paced", tmp_path / "store")
    run_jobs("pyttsx3", [job], workers=1)
    x = clip_samples(job.root, job.name)
    spans = loud_spans(x, min_gap_ms=1000)
    assert len(spans) == 2  # two stretches of words, the written pause between them
    gap = spans[1][0] - spans[0][1]
    assert 1900 <= gap <= 2300  # 2 s, give or take the words' own soft edges
    assert len(x) / SAMPLE_RATE * 1000 - spans[1][1] >= 1400  # the trailing "..." stays quiet
