"""The shelf's listing: each practice's length at short, medium and long holds from one compile, the pose
library read once for the whole shelf."""

from __future__ import annotations

from pathlib import Path

import pytest
from helpers import SHELF

from voicekit.plan import listing as listing_module
from voicekit.plan.compiler import compile_timeline
from voicekit.plan.estimate import estimator
from voicekit.plan.listing import listing, shelf
from voicekit.plan.options import HOLD_LENGTHS, BuildOptions, resolve
from voicekit.plan.speaker import as_named
from voicekit.sequence import library
from voicekit.sequence.library import read_once
from voicekit.sequence.loader import load_sequence


def one_compile(count: int) -> list[Path]:
    """The first ``count`` shipped practices listed from one compile (no length of their own, no flow),
    read at collection with the pose library read once: reading every practice cost each worker 7 s."""
    libraries, found = read_once(), []
    for path in SHELF:
        sequence = load_sequence(path, libraries)
        if sequence.length_ms is None and not any(pose.flow for pose in sequence.poses):
            found.append(path)
        if len(found) == count:
            break
    return found


def test_the_lengths_from_one_compile_are_those_of_three_compiles_within_a_second():
    libraries = read_once()
    for path in SHELF:
        sequence = load_sequence(path, libraries)
        if sequence.length_ms is not None:  # fitted: its own length at every hold (test_shelf)
            continue
        estimate = estimator(sequence.language)
        compiled = [
            compile_timeline(resolve(sequence, BuildOptions(holds=h), as_named), estimate).total for h in HOLD_LENGTHS
        ]
        listed = listing(path, libraries).lengths_ms
        assert listed[1] == compiled[1], path.stem  # medium: the practice as resolved, exact
        assert all(abs(a - b) <= 1000 for a, b in zip(listed, compiled, strict=True)), (path.stem, listed, compiled)


@pytest.mark.parametrize("path", one_compile(3), ids=lambda p: p.stem)
def test_a_practice_without_flows_is_listed_from_one_compile(path, monkeypatch):
    compiles = []

    def counted(*args, **kwargs):
        compiles.append(1)
        return compile_timeline(*args, **kwargs)

    monkeypatch.setattr(listing_module, "compile_timeline", counted)
    short, medium, long = listing(path).lengths_ms
    assert len(compiles) == 1 and short < medium < long


def test_the_shelf_reads_the_pose_library_once_for_all_its_practices(monkeypatch):
    reads = []
    real = library.Library.__init__

    def counted(self, sources):
        reads.append(tuple(sources))
        real(self, sources)

    monkeypatch.setattr(library.Library, "__init__", counted)
    listed = shelf()
    assert len([item for _, item, _ in listed if item]) >= len(SHELF)
    assert len(reads) == len(set(reads)) == 1, reads
