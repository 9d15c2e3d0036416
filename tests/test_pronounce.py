"""Words said right: a respelling table (the sequence's ``pronounce:``, over the user's pronounce.yaml)
changes what the engine speaks and nothing a reader sees; clips are keyed by what is spoken."""

from __future__ import annotations

import json

import numpy as np
import pytest
from audio_tools import decode, loud_spans, same_speech
from helpers import FAKE, MINIMAL, clip_samples, clip_stored

from voicekit.pipeline import build, plan
from voicekit.plan.estimate import fake_clip_ms
from voicekit.plan.grid import SAMPLE_RATE
from voicekit.plan.options import BuildOptions
from voicekit.plan.speaker import Speaker
from voicekit.plan.timeline import CueKind
from voicekit.sequence.loader import shipped_pronunciations
from voicekit.sequence.pronounce import merge, respell
from voicekit.speech.synthesis import clip_name, synthesize
from voicekit.store import CLIP, Store

TABLE = (("Savasana", "shah vah sah nah"), ("Adho Mukha", "ah doh moo kah"), ("bolster", "bohl ster"))

# --- respell --------------------------------------------------------------------------------------


def test_whole_words_are_respelled_whatever_their_case():
    assert respell("Rest in Savasana.", TABLE) == "Rest in shah vah sah nah."
    assert respell("SAVASANA, then savasana!", TABLE) == "shah vah sah nah, then shah vah sah nah!"
    assert respell("(Bolster) under the knees", TABLE) == "(bohl ster) under the knees"


def test_a_respelling_s_capitalised_syllables_are_said_not_spelt():
    # The README's old example: "shah-VAH-sah-nah" made both engines spell "V-A-H" ("shabby A-H").
    assert respell("Rest in Savasana.", (("Savasana", "shah-VAH-sah-nah"),)) == "Rest in shah-vah-sah-nah."
    assert respell("On a bolster.", (("bolster", "BOHL-ster"),)) == "On a bohl-ster."
    assert respell("Om.", (("Om", "Aum"),)) == "Aum."  # one capital is a word's first letter: kept
    assert respell("NASA is not in the table.", (("Om", "Aum"),)) == "NASA is not in the table."


def test_only_whole_words_match():
    text = "Savasanas and bolsters, a prebolster, savasana2 and bolster_x."
    assert respell(text, TABLE) == text


def test_a_phrase_matches_across_any_blanks_and_not_in_part():
    assert respell("Come to Adho  Mukha now.", TABLE) == "Come to ah doh moo kah now."
    assert respell("adho\tmukha", TABLE) == "ah doh moo kah"
    assert respell("Adho alone, Mukha alone.", TABLE) == "Adho alone, Mukha alone."


def test_the_longest_entry_wins_where_two_overlap():
    table = (("Adho Mukha", "down face"), ("Adho Mukha Svanasana", "down dog"), ("Svanasana", "dog pose"))
    assert respell("Adho Mukha Svanasana, then Adho Mukha.", table) == "down dog, then down face."
    assert respell("Svanasana.", table) == "dog pose."


def test_a_respelling_is_not_respelled_again():
    assert respell("a b", (("a", "b c"), ("b", "x"))) == "b c x"


def test_written_pauses_and_trailing_dots_are_left_alone():
    table = (("pause", "paws"), ("Savasana", "shah"), ("s", "ess"))
    text = "Rest... pause here. [pause 2s] Savasana. [pause 1.5s]"
    assert respell(text, table) == "Rest... paws here. [pause 2s] shah. [pause 1.5s]"


def test_what_is_written_is_matched_literally():
    table = (("a.m.", "in the morning"),)
    assert respell("At 6 a.m. rise.", table) == "At 6 in the morning rise."
    assert respell("axmx", table) == "axmx"  # the dots are dots, not any character


def test_no_table_changes_nothing():
    assert respell("Rest in Savasana.", ()) == "Rest in Savasana."


def test_merge_later_tables_win_case_insensitively_and_others_are_kept():
    user = {"savasana": "user way", "bolster": "bohl ster"}
    sequence = {"Savasana": "shah vah sah nah", "Ujjayi  breath": "oo jai ee breath"}
    merged = merge(user, sequence)
    assert dict(merged) == {
        "Savasana": "shah vah sah nah",
        "bolster": "bohl ster",
        "Ujjayi  breath": "oo jai ee breath",
    }
    assert (
        respell("savasana on a bolster, Ujjayi breath", merged) == "shah vah sah nah on a bohl ster, oo jai ee breath"
    )
    assert dict(merge(sequence, user))["savasana"] == "user way"  # the order is what decides


# --- in a build (the fake engine: a clip lasts 400 ms a word at 150 wpm) ---------------------------------

SEQUENCE = """\
title: Rest practice
intro: Welcome to the practice.
pauses: {step: 1s, pose: 1s}
pronounce:
  Savasana: shah vah sah nah
poses:
  - name: Savasana
    setup: [Lie down on the bolster., Rest in Savasana.]
    hold: 20s
    release: Roll to one side.
"""
WRITTEN, SPOKEN = "Rest in Savasana.", "Rest in shah vah sah nah."


@pytest.fixture
def respelled(tmp_path, warm_cache):
    seq = tmp_path / "rest.yaml"
    seq.write_text(SEQUENCE)
    cache = warm_cache
    result = build(seq, FAKE, output=tmp_path / "rest.mp3", cache_dir=cache)
    return seq, cache, result


def test_the_clip_is_the_respelled_text(respelled):
    _, cache, result = respelled
    voice = result.practice.voice
    x = clip_samples(cache, clip_name(voice, SPOKEN, 140))
    assert not clip_stored(cache, clip_name(voice, WRITTEN, 140))
    assert len(x) / SAMPLE_RATE * 1000 == pytest.approx(fake_clip_ms(SPOKEN, 140), abs=15)  # six words, not three
    assert len(x) / SAMPLE_RATE * 1000 > 1.9 * fake_clip_ms(WRITTEN, 140)
    cue = next(c for c in result.timeline.cues if c.kind is CueKind.SPEECH and c.text == WRITTEN)
    audio = decode(result.output)
    (start, end), *_ = loud_spans(audio[result.timeline.sample(cue.start, SAMPLE_RATE) :])
    assert end - start == pytest.approx(fake_clip_ms(SPOKEN, 140), abs=60)  # heard at the respelled length


def test_the_plan_and_the_companions_show_the_written_words(respelled, run_cli):
    seq, cache, result = respelled
    spoken = [c.text for c in result.timeline.cues if c.kind is CueKind.SPEECH]
    assert WRITTEN in spoken and not any("shah" in t for t in spoken)
    for companion in result.companions:
        text = companion.read_text(encoding="utf-8")
        assert "Rest in Savasana." in text and "shah" not in text, companion.name
    ran = run_cli("plan", seq, "--engine", "fake", "--json", "--cache-dir", cache)
    doc = json.loads(ran.out)
    assert WRITTEN in [c["text"] for c in doc["cues"]] and "shah" not in ran.out
    assert doc == {k: v for k, v in json.loads(result.output.with_suffix(".json").read_text()).items() if k != "audio"}
    assert plan(seq, FAKE, cache_dir=cache) == result.timeline  # the respelled clip's real length


def test_changing_only_a_respelling_makes_one_new_clip_and_changing_holds_none(respelled, tmp_path):
    seq, cache, first = respelled
    assert first.synthesized == 4
    seq.write_text(SEQUENCE.replace("shah vah sah nah", "shah vah sah nah ah"))
    again = build(seq, FAKE, output=tmp_path / "again.mp3", cache_dir=cache)
    assert again.synthesized == 1
    cue = next(c for c in again.timeline.cues if c.text == WRITTEN)
    assert cue.duration > next(c for c in first.timeline.cues if c.text == WRITTEN).duration
    longer = build(seq, BuildOptions(engine="fake", holds="long", scale=2), output=tmp_path / "b.mp3", cache_dir=cache)
    assert longer.synthesized == 0 and longer.timeline.total > again.timeline.total


def test_two_texts_said_alike_share_one_clip(tmp_path):
    store = Store(tmp_path)
    items = [("Rest in Savasana.", 140), ("Rest in savasana.", 140), ("Rest in shah vah sah nah.", 140)]
    clips = synthesize(items, Speaker("fake", "low", 140), store, table=TABLE)
    assert clips.synthesized == 1
    assert len(set(clips.names.values())) == 1


# --- the user's own table ---------------------------------------------------------------------------------

USER_FILE = """\
# How I say things.
savasana: sah vah sah nah said my way
bolster: bohl ster
"""


def test_the_user_s_pronunciations_apply_and_the_sequence_s_entry_wins(tmp_path, config_dir, warm_cache):
    (config_dir / "pronounce.yaml").write_text(USER_FILE)
    seq = tmp_path / "rest.yaml"
    seq.write_text(SEQUENCE)
    cache = warm_cache
    result = build(seq, FAKE, output=tmp_path / "rest.mp3", cache_dir=cache, companions=False)
    voice = result.practice.voice
    own = {"Savasana": "shah vah sah nah", "bolster": "bohl ster"}
    assert dict(result.practice.pronounce) == {**dict(shipped_pronunciations("en")), **own}
    assert clip_stored(cache, clip_name(voice, SPOKEN, 140))  # the sequence's way
    assert clip_stored(cache, clip_name(voice, "Lie down on the bohl ster.", 140))  # the user's
    assert not clip_stored(cache, clip_name(voice, "Lie down on the bolster.", 140))


def test_a_mistake_in_the_user_s_file_is_one_line_naming_it(run_cli, tmp_path, config_dir, cache_dir):
    from helpers import assert_one_line_error

    (config_dir / "pronounce.yaml").write_text("savasana: shah\nbolster: 42\n")
    seq = tmp_path / "s.yaml"
    seq.write_text(MINIMAL)
    line = assert_one_line_error(run_cli("check", seq))
    assert f"{config_dir / 'pronounce.yaml'}:2: " in line and "must be text, not the number 42" in line


def test_a_user_file_that_is_a_fifo_is_refused_without_waiting_for_a_writer(tmp_path, config_dir, cache_dir):
    import os
    import subprocess
    import sys

    os.mkfifo(config_dir / "pronounce.yaml")  # opening it to read would wait for a writer, for ever
    seq = tmp_path / "s.yaml"
    seq.write_text(MINIMAL)
    ran = subprocess.run(
        [sys.executable, "-m", "voicekit", "check", str(seq)], capture_output=True, text=True, timeout=20
    )
    assert (ran.returncode, ran.stdout) == (2, "")
    fifo = config_dir / "pronounce.yaml"
    assert ran.stderr == f"voicekit: error: {fifo}: is a FIFO, not a regular file; give a YAML file\n"


def test_no_user_file_is_no_table(tmp_path, config_dir):
    from voicekit.pipeline import user_pronunciations

    assert user_pronunciations() == ()
    (config_dir / "pronounce.yaml").write_text("Ujjayi: oo jai ee\n")
    assert user_pronunciations() == (("Ujjayi", "oo jai ee"),)


# --- how long a respelling and a text as spoken may be -------------------------------------------------
# One word respelled a thousand characters long, written twenty times, made a clip of eleven minutes:
# a respelling is bounded by its word, and a text as spoken by the limit of any text.


@pytest.mark.parametrize(
    ("where", "text", "line"),
    [
        ("practice.yaml", MINIMAL + "pronounce:\n  Om: {respelling}\n", 7),
        ("practice.yaml", MINIMAL + "    pronounce: {{Om: {respelling}}}\n", 6),
        ("pronounce.yaml", "Om: {respelling}\n", 1),
    ],
    ids=["sequence", "pose", "user-file"],
)
def test_a_respelling_longer_than_its_word_allows_is_refused_at_its_line(
    run_cli, tmp_path, config_dir, cache_dir, where, text, line
):
    from helpers import PREFIX, assert_one_line_error

    from voicekit.sequence.pronounce import longest

    assert longest("Om") == 28  # four times the word and 20 more
    file = config_dir / where if where == "pronounce.yaml" else tmp_path / where
    seq = tmp_path / "practice.yaml"
    seq.write_text(MINIMAL)
    file.write_text(text.format(respelling="o" * 28))
    assert run_cli("check", seq).code == 0
    file.write_text(text.format(respelling="o" * 29))
    key = "pronunciations" if where == "pronounce.yaml" else "pronounce" if line == 7 else "poses[1] (Rest).pronounce"
    expected = f"{file}:{line}: {key}.Om: the respelling is 29 characters; a respelling is at most 28 "
    assert (
        assert_one_line_error(run_cli("check", seq)) == PREFIX + expected + "(four times the word's length and 20 more)"
    )


@pytest.mark.parametrize("command", ["check", "plan", "build"])
def test_a_text_longer_than_the_limit_as_spoken_is_refused_before_any_work(run_cli, tmp_path, cache_dir, command):
    from helpers import PREFIX, assert_one_line_error, entries

    seq = tmp_path / "practice.yaml"
    words = " ".join(["Om"] * 50)  # with its full stop: 150 characters written, 1400 spoken
    seq.write_text(
        MINIMAL.replace("Lie down.", f"{words}.") + "voice: {engine: fake}\npronounce: {Om: " + "o" * 27 + "}\n"
    )
    out = tmp_path / "out"
    out.mkdir()
    args = ["-o", out / "p.mp3"] if command == "build" else []
    expected = f"{seq}: Rest: 'Om Om Om Om Om Om Om Om Om Om Om Om O...' is 1400 characters as spoken, with its "
    expected += "respellings; the limit is 1000: shorten the respellings or split the text"
    assert assert_one_line_error(run_cli(command, seq, *args)) == PREFIX + expected
    assert list(out.iterdir()) == [] and entries(cache_dir, CLIP) == []


def test_say_holds_its_text_as_spoken_to_the_same_limit(run_cli, tmp_path, config_dir, cache_dir):
    from helpers import PREFIX, assert_one_line_error

    (config_dir / "pronounce.yaml").write_text("Om: " + "o" * 27 + "\n")
    ran = run_cli("say", " ".join(["Om"] * 50), "--engine", "fake", "-o", tmp_path / "s.mp3")
    assert assert_one_line_error(ran).startswith(f"{PREFIX}the text to say: 'Om Om Om")
    assert "is 1399 characters as spoken" in ran.err and not (tmp_path / "s.mp3").exists()


# --- through espeak-ng --------------------------------------------------------------------------------


def test_a_respelling_changes_what_espeak_ng_says(tmp_path):
    store = Store(tmp_path)
    voice = Speaker("pyttsx3", "gmw/en-us", 140)
    text, table = "Rest now in Savasana.", (("Savasana", "corpse pose"),)
    plain = synthesize([(text, 140)], voice, store)
    said = synthesize([(text, 140)], voice, store, table=table)
    direct = synthesize([("Rest now in corpse pose.", 140)], voice, store)
    assert said.synthesized == 1 and direct.synthesized == 0  # the respelled text's own clip
    a, b = (clip_samples(tmp_path, c.names[text, 140]) for c in (plain, said))
    assert not same_speech(a, b)
    assert len(a) != len(b) or not np.array_equal(a, b)
