"""Property-based: whatever a person types, voicekit answers with a valid timeline or its own one-line error.

Random text, random YAML structures and random edits of the shipped practice go through the loader,
the compiler (as `plan` does it) and the `check` and `plan` commands. The only outcomes allowed: a
timeline whose invariants hold, or a VoicekitError with a one-line message. Never anything else.
"""

from __future__ import annotations

import tempfile
from pathlib import Path

import pytest
import yaml
from helpers import SHIPPED
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st

from voicekit import cli
from voicekit.errors import VoicekitError
from voicekit.plan.grid import GRID, compile_on_grid
from voicekit.plan.options import BuildOptions, resolve
from voicekit.plan.timeline import CueKind
from voicekit.sequence.durations import LIMIT_MS
from voicekit.sequence.loader import parse_sequence
from voicekit.speech.engines import settled

SHIPPED_TEXT = SHIPPED.read_text()
EXAMPLES = 250
FUZZ = settings(max_examples=EXAMPLES, deadline=None, derandomize=True, suppress_health_check=list(HealthCheck))

# Values people mistype, and values that attack: bad durations, YAML syntax, tags, aliases, markup.
NASTY = [
    "-5m", "0", "8-5m", "5-8m", "13h", "1e9 breaths", "6 breaths", "90s-2m", "5 parsecs", "", "~", "yes", "no",
    "[", "]", "{", "}", "[right, left]", "[up]", "{side}", "{nope}", "!!python/object/apply:os.system ['true']",
    "*a", "&a x", "<<: *a", "<b>x</b>", "[[h@loU]]", "...", "'", '"', "\t", "- - -", "a: b: c", "1.5",
    "9" * 40, "x" * 1200, "\u00e9t\u00e9", "\U0001f9d8", "null", ".nan", "-.inf", "0x10", "1_000",
]  # fmt: skip


def outcome(text: str) -> None:
    """The loader and the compiler either succeed with a sound timeline or raise our own error."""
    try:
        seq = parse_sequence(text, "fuzz.yaml")
        timeline = compile_on_grid(resolve(seq, BuildOptions(), settled), lambda _text, _rate: None)
    except VoicekitError as e:
        assert str(e) and "\n" not in str(e)
        event(f"refused: {type(e).__name__}")
        return
    event("a timeline")
    assert timeline.cues[0].start == 0
    for a, b in zip(timeline.cues, timeline.cues[1:], strict=False):
        assert b.start == a.end
    assert all(c.duration > 0 for c in timeline.cues)
    assert all(timeline.sample(c.start, GRID.rate) % GRID.samples == 0 for c in timeline.cues)
    assert timeline.cues[-1].kind is CueKind.BELL
    assert all(c.text.strip() for c in timeline.cues if c.kind is CueKind.SPEECH)
    assert [c.start for c in timeline.chapters] == sorted(c.start for c in timeline.chapters)
    assert timeline.total <= LIMIT_MS


@st.composite
def edited_shipped(draw: st.DrawFn) -> str:
    """The shipped practice with a few random edits: lines dropped, doubled, swapped, re-indented,
    values replaced by nasty ones, characters inserted."""
    lines = SHIPPED_TEXT.splitlines()
    for _ in range(draw(st.integers(1, 4))):
        i = draw(st.integers(0, len(lines) - 1))
        edit = draw(st.sampled_from(["drop", "double", "swap", "indent", "value", "insert"]))
        if edit == "drop":
            del lines[i]
        elif edit == "double":
            lines.insert(i, lines[i])
        elif edit == "swap":
            j = draw(st.integers(0, len(lines) - 1))
            lines[i], lines[j] = lines[j], lines[i]
        elif edit == "indent":
            lines[i] = draw(st.sampled_from(["", " ", "  ", "\t", "      "])) + lines[i].lstrip()
        elif edit == "value" and ":" in lines[i]:
            lines[i] = lines[i].split(":", 1)[0] + ": " + draw(st.sampled_from(NASTY))
        else:
            at = draw(st.integers(0, len(lines[i])))
            lines[i] = lines[i][:at] + draw(st.text(max_size=5)) + lines[i][at:]
        if not lines:
            break
    return "\n".join(lines) + "\n"


KEYS = ["title", "poses", "name", "setup", "hold", "sides", "reminders", "release", "breath_cues", "intro", "voice"]
leaf = st.one_of(
    st.sampled_from(NASTY), st.text(max_size=20), st.integers(-10, 10**6), st.floats(), st.booleans(), st.none()
)
tree = st.recursive(
    leaf,
    lambda kids: st.one_of(st.lists(kids, max_size=4), st.dictionaries(st.sampled_from(KEYS), kids, max_size=5)),
    max_leaves=25,
)


@st.composite
def structures(draw: st.DrawFn) -> str:
    """A sequence-shaped mapping with random contents, as YAML."""
    pose = draw(st.fixed_dictionaries({"name": tree, "setup": tree, "hold": tree}, optional={"sides": tree}))
    doc = draw(st.fixed_dictionaries({"title": tree, "poses": st.one_of(st.just([pose]), tree)}))
    return yaml.safe_dump(doc, allow_unicode=True)


@FUZZ
@given(st.text(max_size=400))
def test_random_text(text):
    outcome(text)


@pytest.mark.slow
@FUZZ
@given(edited_shipped())
def test_edited_shipped_practice(text):
    outcome(text)


@pytest.mark.slow
@FUZZ
@given(structures())
def test_random_structures(text):
    outcome(text)


@pytest.mark.slow
@FUZZ
@given(
    text=edited_shipped(),
    command=st.sampled_from(["check", "plan"]),
    options=st.lists(
        st.one_of(
            st.tuples(st.just("--hold"), st.text(max_size=12).map(lambda s: f"{s}={s}")),
            st.tuples(st.just("--hold"), st.sampled_from(["1=6m", "9=6m", "twist=8 breaths", "=", "2=-1m"])),
            st.tuples(st.just("--scale"), st.sampled_from(["0", "-1", "0.01", "1e9", "nan", "1.5", "x"])),
            st.tuples(st.just("--breath"), st.sampled_from(["0", "6", "61", "inf", "4.5"])),
            st.tuples(st.just("--holds"), st.sampled_from(["short", "long", "huge"])),
        ),
        max_size=3,
    ),
)
def test_check_and_plan_commands(text, command, options, capsys):
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "fuzz.yaml"
        path.write_text(text, encoding="utf-8", errors="surrogatepass")
        args = [command, str(path)]
        if command == "plan":
            args += ["--cache-dir", str(Path(folder) / "cache")] + [part for option in options for part in option]
        with pytest.raises(SystemExit) as done:
            cli.main(args)
    out, err = capsys.readouterr()
    assert done.value.code in (0, 2), err
    assert "Traceback" not in out + err
    if done.value.code == 2:
        assert err.strip() and len(err.strip().splitlines()) <= 4  # our one line, or click's short usage error
