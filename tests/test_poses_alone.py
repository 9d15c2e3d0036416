"""Every library pose, used alone in a practice of any language, checks with no teaching warning: else the
composer can never choose it, and a teacher who uses it is warned of what the library wrote.

Cheap: one practice per language holds every pose and is loaded and checked once; each pose is then judged
as the practice of that pose alone would be (its sequence and its settled pose on their own, compiled on
their own), so no transition, shared cue count, prop named earlier or length of the whole practice counts.
A practice of one pose settles it as this one does (settling a pose reads no other pose)."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest
from helpers import FAKE

from voicekit.pipeline import check, teaching
from voicekit.places import SHIPPED_DIR
from voicekit.sequence.library import Library

IDS = Library([SHIPPED_DIR / "poses"]).ids()
OPEN = {"supported-hero-forward-bend": "the practice lasts"}
"""The one warning a pose alone is right to get: its 5-8m hold (a long, supported fold, as lumbar-release
uses it) makes a practice over ten minutes that ends in a forward fold, and a practice should end in rest.
In a practice a rest follows it (test_shelf: every shipped practice checks clean)."""


@pytest.mark.parametrize("language", ["en", "de", "es", "fr", "it", "nl", "pt"])
def test_every_library_pose_alone_checks_clean(language: str, tmp_path: Path) -> None:
    path = tmp_path / f"every-pose-{language}.yaml"
    path.write_text(f"title: T\nlanguage: {language}\nposes:\n" + "".join(f"  - use: {i}\n" for i in IDS))
    practice = check(path, FAKE, tmp_path)
    assert len(practice.poses) == len(IDS) > 80
    found = []
    for pose_id, settled in zip(IDS, practice.poses, strict=True):
        alone = replace(practice, sequence=replace(practice.sequence, poses=(settled.pose,)), poses=(settled,))
        said = [f"{pose_id}: {f}" for f in teaching(alone, tmp_path)]
        found += [s for s in said if pose_id not in OPEN or OPEN[pose_id] not in s]
    assert found == []
