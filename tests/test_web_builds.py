"""Builds on demand: requests for one version share a build, one build runs at a time, and more
builds than the bound are refused at once (503)."""

from __future__ import annotations

import asyncio
import itertools
import threading
import time
from pathlib import Path
from typing import Any

import pytest
from helpers import FAKE

from voicekit.errors import ExportError
from voicekit.web.builds import Builder, BuildRequest, Busy, inside
from voicekit.web.waiting import Watch


class Recorder:
    """A stand-in for pipeline.build that records when each build runs and waits until released."""

    def __init__(self) -> None:
        self.runs: list[tuple[str, float, float]] = []
        self.release = threading.Event()
        self.fail = False

    def __call__(
        self, job: BuildRequest, path: Path, cache_dir: Path | None, watch: Watch
    ) -> Any:  # a string the test reads back
        started = time.monotonic()
        self.release.wait(10)
        time.sleep(0.02)
        self.runs.append((job.file_name, started, time.monotonic()))
        if self.fail:
            raise ExportError("the disk is full")
        return f"built {path.name}"


def job(name: str, version: str) -> BuildRequest:
    return BuildRequest(name, Path(f"{name}.yaml"), FAKE, f"{name}-{version}.mp3")


def run(builder: Builder, jobs: list[BuildRequest], recorder: Recorder) -> list:
    async def main():
        tasks = [asyncio.ensure_future(builder.build(j)) for j in jobs]
        await asyncio.sleep(0.05)
        recorder.release.set()
        return await asyncio.gather(*tasks, return_exceptions=True)

    return asyncio.run(main())


def test_requests_for_one_version_share_one_build(tmp_path):
    recorder = Recorder()
    builder = Builder(tmp_path, None, run=recorder)
    results = run(builder, [job("a", "long")] * 6, recorder)
    assert results == ["built a-long.mp3"] * 6
    assert len(recorder.runs) == 1


def test_builds_run_one_at_a_time_so_a_burst_waits_its_turn(tmp_path):
    recorder = Recorder()
    builder = Builder(tmp_path, None, run=recorder)
    run(builder, [job("a", "long"), job("a", "short"), job("b", "long"), job("c", "1")], recorder)
    spans = sorted((start, end) for _, start, end in recorder.runs)
    assert len(spans) == 4
    assert all(later[0] >= earlier[1] for earlier, later in itertools.pairwise(spans)), spans


def test_more_builds_than_the_bound_are_refused_at_once(tmp_path):
    recorder = Recorder()
    builder = Builder(tmp_path, None, max_builds=2, run=recorder)
    results = run(builder, [job("a", "1"), job("b", "1"), job("c", "1"), job("a", "1")], recorder)
    assert results[0] == "built a-1.mp3" and results[1] == "built b-1.mp3" and results[3] == "built a-1.mp3"
    assert isinstance(results[2], Busy)
    assert "2 builds are already running or waiting" in str(results[2])
    assert run(builder, [job("c", "1")], recorder) == ["built c-1.mp3"]  # room again once they finish


def test_a_failed_build_fails_every_request_for_it_and_the_next_one_tries_again(tmp_path):
    recorder = Recorder()
    recorder.fail = True
    builder = Builder(tmp_path, None, run=recorder)
    results = run(builder, [job("a", "1")] * 3, recorder)
    assert all(isinstance(r, ExportError) for r in results) and len(recorder.runs) == 1
    recorder.fail = False
    assert run(builder, [job("a", "1")], recorder) == ["built a-1.mp3"]


def test_a_link_that_leads_out_of_the_output_folder_is_refused(tmp_path):
    out = tmp_path / "output"
    out.mkdir()
    (out / "x.mp3").symlink_to(tmp_path / "elsewhere.mp3")
    (out / "y.mp3").symlink_to(out / "z.mp3")
    inside(out, [out / "y.mp3", out / "new.mp3"])
    with pytest.raises(ExportError, match=r"x\.mp3 in the output folder leads out of it"):
        inside(out, [out / "x.mp3"])
