"""The grid every build's cues fall on, whole MP3 frames, and the timeline compiled on it.

The one definition of the frame (1152 samples), the sample rate of every clip and output file, and
the codec's delay: ``sound`` lays a bed's loop out on this grid and ``output.mp3`` joins frames on it.
"""

from __future__ import annotations

import math
from collections.abc import Callable

from voicekit.plan import compiler
from voicekit.plan.estimate import estimator
from voicekit.plan.options import Practice
from voicekit.plan.timeline import Grid, Timeline

SAMPLE_RATE = 44100  # of every clip and every output file
FRAME = 1152  # samples in an MP3 frame
ENCODER_DELAY = 576  # LAME's, written in the Info header; decoders add their own 529
DELAY = ENCODER_DELAY + 529  # an input sample comes out of the decoder this many samples later
GRID = Grid(FRAME, SAMPLE_RATE)  # every build's cues fall on whole MP3 frames


def frames_for(samples: int) -> int:
    """Frames a clip's encode occupies: its samples plus the codec delay, rounded up to whole frames."""
    return math.ceil((samples + DELAY) / FRAME)


def compile_on_grid(practice: Practice, samples_of: Callable[[str, int], int | None]) -> Timeline:
    """The timeline on the MP3 frame grid: a clip's cue spans the frames its encode takes (``samples_of``
    gives a clip's length in samples, None for one not made yet: its length is estimated)."""
    estimate = estimator(practice.sequence.language, practice.voice.engine)

    def measure(text: str, rate: int) -> float:
        n = samples_of(text, rate)
        return estimate(text, rate) if n is None else frames_for(n) * GRID.ms

    return compiler.compile_timeline(practice, measure, GRID)
