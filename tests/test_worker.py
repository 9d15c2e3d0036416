"""Engine worker processes: a timeout per clip, failures that name the text, and our stdout kept clean."""

from __future__ import annotations

import pytest
from conftest import clip_samples

from voicekit.errors import EngineError
from voicekit.speech.engines.worker import run_jobs
from voicekit.speech.make import Job


def test_hanging_engine_times_out_naming_the_text(tmp_path):
    job = Job("please HANG here", None, 140, 1.0, "hang", tmp_path / "store")
    with pytest.raises(EngineError, match=r"HANG here.*within 0\.5s"):
        run_jobs("fake", [job], workers=1, timeout_s=0.5)


def test_failing_engine_names_the_text(tmp_path):
    job = Job("this will FAIL", None, 140, 1.0, "fail", tmp_path / "store")
    with pytest.raises(EngineError, match="FAIL"):
        run_jobs("fake", [job], workers=1)


def test_a_finished_job_s_clip_is_in_the_store(tmp_path):
    from voicekit.speech.engines.fake import expected_ms

    job = Job("Rest here.", None, 140, 1.0, "rest", tmp_path / "store")
    done = []
    run_jobs("fake", [job], workers=1, on_done=done.append)
    assert done == [job]
    x = clip_samples(job.root, job.name)
    assert x is not None and abs(len(x) - expected_ms(job.text, 140) * 44100 // 1000) <= 441  # trimmed by 5 ms ends


def test_engine_stdout_never_reaches_ours(tmp_path, capfd):
    run_jobs("pyttsx3", [Job("Let the whole of your lower back rest.", None, 140, 1.0, "quiet", tmp_path / "s")])
    out = capfd.readouterr().out
    assert "Audio saved" not in out and out == ""
    assert clip_samples(tmp_path / "s", "quiet") is not None
