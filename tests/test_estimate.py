"""Speech lengths guessed for plans made without speaking."""

from __future__ import annotations

from voicekit.plan.estimate import estimate_ms


def test_written_pauses_count_in_the_estimate():
    plain = estimate_ms("Breathe in. Rest now.", 140)
    assert estimate_ms("Breathe in. [pause 3s] Rest now.", 140) == plain + 3000
    assert estimate_ms("Breathe in... Rest now.", 140) == plain + 1500
