"""The options applied once: every pose's hold settled in milliseconds and breaths, the voice settled."""

from __future__ import annotations

from conftest import MINIMAL, SHIPPED

from voicekit.plan.options import BuildOptions, resolve
from voicekit.sequence.loader import load_sequence, parse_sequence


def test_a_breath_hold_is_settled_in_whole_breaths_of_the_breath_cycle():
    seq = load_sequence(SHIPPED)
    settled = resolve(seq, BuildOptions(holds="short")).poses[1]  # 5-8 breaths, short: 5
    assert settled.pose == seq.poses[1]
    assert (settled.hold_ms, settled.breaths) == (50_000, 5)
    assert settled.rate == 140  # the sequence's rate: the pose has none of its own


# Another engine on the command line does not keep the sequence's voice: it is the other engine's voice.
def test_an_engine_override_drops_the_sequence_s_voice_of_another_engine():
    seq = parse_sequence(MINIMAL.replace("poses:", "voice: {engine: pyttsx3, id: gmw/en-us}\nposes:"))
    assert resolve(seq, BuildOptions(engine="piper")).voice.id is None
    assert resolve(seq, BuildOptions(engine="espeak")).voice.id == "gmw/en-us"  # the same engine by another name
    assert resolve(seq, BuildOptions(engine="piper", voice="v.onnx")).voice.id == "v.onnx"
