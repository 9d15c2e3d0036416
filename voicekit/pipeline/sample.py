"""The two commands beside a build: ``say`` (a sample of one text in a voice) and ``imported`` (a program
file as a sequence that check and plan pass)."""

from __future__ import annotations

import time
from pathlib import Path

from voicekit.errors import OptionsError, SequenceError
from voicekit.pipeline import DEFAULTS, BuildResult, again_if_changed, check_voice, plan, user_pronunciations
from voicekit.plan import compiler
from voicekit.plan.grid import GRID, frames_for
from voicekit.plan.options import BuildOptions, resolve
from voicekit.plan.timeline import Timeline
from voicekit.sequence import loader
from voicekit.sequence.durations import Hold
from voicekit.sequence.model import Pose, Sequence, Step
from voicekit.sequence.pronounce import spoken
from voicekit.sequence.texts import CONTROL, SURROGATE, spoken_text
from voicekit.speech import synthesis
from voicekit.speech.engines import settled
from voicekit.speech.synthesis import Clips
from voicekit.store import Store


def say(
    text: str,
    options: BuildOptions = DEFAULTS,
    output: str | Path | None = None,
    fmt: str | None = None,
    cache_dir: str | Path | None = None,
) -> BuildResult:
    """A short sample of ``text`` in a voice (``options``' engine, voice and rate), levelled like a clip,
    the user's pronunciations applied: to try a voice, a rate or a respelling in a second."""
    from voicekit.output import metadata, targets  # the build's boundary, as in prepare
    from voicekit.output.formats import WRITERS
    from voicekit.sound.sources import Sources

    started = time.monotonic()
    # What a sequence refuses, worded for an argument: a byte that is not UTF-8 comes as a surrogate.
    if found := SURROGATE.search(text):
        char = found.group()
        byte = "\udc80" <= char <= "\udcff"  # how Python keeps a byte 0x80-0xff that is not UTF-8
        what = f"the byte {ord(char) - 0xDC00:#x}, which is not UTF-8" if byte else f"{char!r}, not a character"
        raise OptionsError(f"the text to say has {what}; give it as UTF-8 text")
    if found := CONTROL.search(text):
        raise OptionsError(f"the text to say has the control character {found.group()!r} in it; delete it")
    try:
        text = spoken_text(text, in_practice=False)
    except ValueError as e:
        raise OptionsError(f"the text to say{e}") from None
    sample = Sequence("say", (Pose("say", (Step(text),), Hold(1000, 1000)),), name="say")
    practice = resolve(sample, options, settled, user_pronunciations())
    try:
        spoken(text, practice.pronounce)  # what a practice's texts are held to, respelled
    except ValueError as e:
        raise OptionsError(f"the text to say: {e}") from None
    store = Store(cache_dir, keep_in_memory=True)
    voice = check_voice(practice, store)
    audio = targets.choose_named("say", None, output, fmt, companions=False)

    def write() -> tuple[Clips, Timeline]:
        clips = synthesis.synthesize([(text, voice.rate)], voice, store, table=practice.pronounce)
        frames_ms = lambda t, r: frames_for(clips.samples[t, r]) * GRID.ms  # noqa: E731
        timeline = compiler.compile_sample(text, voice.rate, frames_ms, GRID)
        sources = Sources(store, clips.names, {}, fade_in_ms=0)
        with targets.replacing([audio.target]) as temps:
            WRITERS[audio.fmt](
                timeline, sources, temps[0], lambda done, n: None, metadata.for_sample(text, voice, timeline)
            )
        return clips, timeline

    clips, timeline = again_if_changed(write)
    seconds = time.monotonic() - started
    return BuildResult(audio.path, timeline, practice, clips.synthesized, seconds, audio.path.stat().st_size)


def imported(program: Path) -> str:
    """A program file (``voicekit import``) as sequence text that `voicekit check` and `plan` pass: each
    line was checked at its line of the program; here the whole, as check and plan read it (with the
    fake engine: the engine is the build's to choose)."""
    from voicekit.sequence.importer import convert  # PyYAML, which a build does not import

    text = convert(program)
    try:
        plan(loader.parse_sequence(text, str(program)), BuildOptions(engine="fake"))
    except SequenceError as e:  # its line is the sequence's, not the program's
        raise SequenceError(f"makes a sequence voicekit would refuse: {e.message}", str(program)) from None
    return text
