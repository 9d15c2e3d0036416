"""A practice entirely in one language: what the listener hears, the chapters and the cue sheet hold
no word of voicekit's English, in every language it has phrases for; the German and Spanish practices
shipped build with espeak-ng's voices."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from audio_tools import mp3_seconds
from helpers import FAKE, ROOT, SAME, UNITS, english_words, once_per_run, sequence_error, word_set, written

from voicekit.language.phrases import BUILT_IN, phrases_for
from voicekit.plan.compiler import compile_timeline
from voicekit.plan.estimate import estimator
from voicekit.plan.options import BuildOptions, resolve
from voicekit.sequence.loader import load_sequence
from voicekit.speech.engines import settled

PRACTICES = sorted((ROOT / "tests" / "data" / "languages").glob("*.yaml"))
OTHERS = [p for p in PRACTICES if p.stem != "en"]


@pytest.mark.parametrize("path", OTHERS, ids=lambda p: p.stem)
def test_a_practice_in_each_language_has_no_english_word(path):
    spoken, chapters, sheet = written(path)
    tag = path.stem.lower()
    said = phrases_for(tag)
    assert len(chapters) == 7 and chapters[1] != chapters[2]  # intro, the twist's sides, two rounds, rest, closing
    assert sum(1 for t in spoken if t == said.count(12)) == 2  # counted past ten, on each side
    assert said.text("breath.in") in spoken and said.round(2, 2) in spoken
    assert said.time_cue(None) in spoken and said.time_left(30_000) in spoken
    assert said.text("label.end.double") in sheet and said.text("label.bells.every", time="0:45") in sheet
    for where, found in (
        ("spoken", word_set(spoken)),
        ("chapters", word_set(chapters)),
        ("cue sheet", word_set([sheet])),
    ):
        leaked = found & english_words() - UNITS - SAME.get(tag, set())
        assert not leaked, f"{where}: {sorted(leaked)}"


def test_the_check_finds_english_where_there_is_english():
    spoken, chapters, sheet = written(ROOT / "tests" / "data" / "languages" / "en.yaml")
    assert {"breathe", "right", "left", "twelve"} <= word_set(spoken) & english_words()
    assert {"introduction", "closing", "right", "round", "of"} <= word_set(chapters) & english_words()
    assert {"length", "props", "hold", "reminders", "cautions", "bells", "every"} <= word_set([sheet]) & english_words()
    assert {"halfway", "thirty", "seconds", "left", "round", "two"} <= word_set(spoken) & english_words()


def test_the_german_listener_hears_german_sides_counts_and_transition():
    spoken, chapters, sheet = written(ROOT / "tests" / "data" / "languages" / "de.yaml")
    assert "Lass beide Knie nach rechts sinken und schau zu deiner linken Hand." in spoken
    assert "Lass beide Knie nach links sinken und schau zu deiner rechten Hand." in spoken
    assert "Jetzt die andere Seite." in spoken and "Zwölf." in spoken
    assert {"Runde eins von zwei.", "Die Hälfte der Zeit ist vorbei.", "Noch dreißig Sekunden."} <= set(spoken)
    assert "Runde 2 von 2: Knie zur Brust" in chapters and "Glockentöne: alle 0:45" in sheet
    assert chapters[0] == "Ankommen" and chapters[1] == "Drehung im Liegen (rechts)" and chapters[-1] == "Ausklang"
    assert (
        "Haltedauer: 12 Atemzüge (" in sheet
        and "## Hilfsmittel" in sheet
        and "Die Klangschale ertönt zweimal." in sheet
    )


# --- the shipped German and Spanish practices, spoken by espeak-ng ------------------------------------

SHIPPED = {
    "de": ("lumbar-release-de", "gmw/de", [
        "Ankommen", "Gestützte Kindhaltung", "Katze und Kuh", "Beindehnung im Liegen mit Gurt (rechts)",
        "Beindehnung im Liegen mit Gurt (links)", "Drehung im Liegen (rechts)", "Drehung im Liegen (links)",
        "Knie zur Brust", "Entspannungslage mit den Beinen auf dem Stuhl", "Ausklang",
    ]),
    "es": ("lumbar-release-es", "roa/es", [
        "Introducción", "Postura del niño con apoyo", "Gato y vaca",
        "Estiramiento de pierna boca arriba con cinturón (derecha)",
        "Estiramiento de pierna boca arriba con cinturón (izquierda)", "Torsión boca arriba (derecha)",
        "Torsión boca arriba (izquierda)", "Rodillas al pecho", "Relajación con las piernas sobre una silla", "Cierre",
    ]),
}  # fmt: skip


OPTIONS = BuildOptions(engine="pyttsx3", holds="short")  # every cue fits at the short holds: about 29 minutes


@pytest.fixture(scope="module")
def shipped_builds(tmp_path_factory: pytest.TempPathFactory) -> dict:
    """The German and the Spanish practice built with espeak-ng into one store (the bell made once), each
    planned first, before any clip was spoken (the plan's lengths are estimates)."""
    from voicekit.pipeline import build, plan

    def make(tmp: Path) -> dict:
        found = {}
        for tag, (name, *_) in SHIPPED.items():
            planned = plan(name, OPTIONS, cache_dir=tmp / "cache")
            found[tag] = (planned, build(name, OPTIONS, output=tmp / f"{name}.mp3", cache_dir=tmp / "cache"))
        return found

    return once_per_run(tmp_path_factory, "languages", make)


@pytest.mark.slow
@pytest.mark.parametrize("tag", sorted(SHIPPED))
def test_the_shipped_german_and_spanish_practices_build_with_espeak_voices(tag, shipped_builds):
    from mutagen.id3 import ID3

    _, voice, chapters = SHIPPED[tag]
    planned, result = shipped_builds[tag]
    assert (result.practice.voice.engine, result.practice.voice.id) == ("pyttsx3", voice)
    timeline = result.timeline
    assert [c.title for c in timeline.chapters] == chapters
    assert abs(mp3_seconds(result.output) * 1000 - timeline.total) <= 30
    tags = ID3(result.output)
    code = {"de": "deu", "es": "spa"}[tag]  # the language spoken, and the comment's
    assert str(tags["TLAN"]) == code and tags.getall("COMM")[0].lang == code
    read_back = sorted((c.start_time, str(c.sub_frames["TIT2"])) for c in tags.getall("CHAP"))
    assert read_back == [(pytest.approx(c.start, abs=10), c.title) for c in timeline.chapters]
    assert 26 * 60_000 < timeline.total < 32 * 60_000, timeline.total
    # The estimate is calibrated for the language: the plan made before any clip existed is within 2%.
    assert abs(planned.total - timeline.total) < 0.02 * timeline.total, (planned.total, timeline.total)
    assert not result.warnings, result.warnings
    sheet = result.output.with_suffix(".md").read_text(encoding="utf-8")
    said = phrases_for(tag)
    assert f"## {said.text('label.props')}" in sheet and said.text("label.end.bowl") in sheet


def test_a_pose_of_the_english_library_used_as_it_is_in_a_german_practice_is_named(write_seq, run_cli, cache_dir):
    # The user's own poses, in English only (the shipped library speaks every language).
    write_seq("poses:\n  - {id: twist, name: Twist, setup: Lie on your back., hold: 1m}\n"
              "  - {id: hug, name: Hug, setup: Hug your knees., hold: 1m}\n", "mine.yaml")  # fmt: skip
    text = "title: T\nlanguage: de\nlibrary: [mine.yaml]\nposes:\n  - use: twist\n"
    text += "  - use: hug\n    setup: Umarme die Knie.\n"  # its steps in German: its own
    practice = resolve(load_sequence(write_seq(text)), FAKE, settled)
    warnings = compile_timeline(practice, estimator("de")).warnings
    assert warnings == (
        "Twist: its set-up steps are in English (en), the practice in German (de); write its setup, "
        "reminders and release in the practice's language, or they are spoken as written",
    )
    assert "warning: Twist" in run_cli("plan", write_seq(text), "--engine", "fake").out


CODES = [("de", "deu"), ("pt-BR", "por"), ("sv", "swe"), ("EN-gb", "eng"), ("tlh", "tlh"), ("xx", "und")]


@pytest.mark.parametrize("tag, code", CODES)
def test_a_language_s_three_letter_code(tag, code):
    from voicekit.language.base import iso639_2

    assert iso639_2(tag) == code


# Players and podcast apps read the language from the file: ID3's TLAN (and the comment's language) in
# an MP3, the audio track's language in an M4A.
def test_the_files_say_the_language_spoken(write_seq, tmp_path, cache_dir):
    import subprocess

    from mutagen.id3 import ID3

    from voicekit.ffmpeg import ffmpeg_exe
    from voicekit.pipeline import build

    seq = write_seq("title: Kurz\nlanguage: de\nposes:\n  - {name: Ruhe, setup: Leg dich hin., hold: 10s}\n")
    mp3 = build(seq, FAKE, output=tmp_path / "kurz.mp3", companions=False).output
    tags = ID3(mp3)
    assert str(tags["TLAN"]) == "deu" and tags.getall("COMM")[0].lang == "deu"
    m4a = build(seq, FAKE, output=tmp_path / "kurz.m4a", companions=False).output
    probe = subprocess.run([ffmpeg_exe(), "-hide_banner", "-i", str(m4a)], capture_output=True, text=True)
    assert re.search(r"Stream #0:0\S*\(deu\): Audio", probe.stderr), probe.stderr


SIDED = (
    "title: T\nlanguage: {tag}\nposes:\n  - name: P\n    sides: [right, left]\n    setup: A {{side:{word}}} B.\n"
    "    hold: 5s\n"
)


@pytest.mark.parametrize("tag", [t for t in BUILT_IN if len(phrases_for(t).side_forms) > 1])
def test_a_side_form_two_forms_share_is_refused_naming_the_forms_to_write(tag):
    """French gauche is the left of both droite and droit: {side:gauche} cannot be said right on the right,
    so it is refused with the unambiguous forms; every form only one pair has is said as written."""
    from voicekit.sequence.loader import parse_sequence

    forms = phrases_for(tag).side_forms
    for word in {w for pair in forms for w in pair}:
        rights = sorted({right for right, left in forms if word in (right, left)})
        if len(rights) == 1:
            (pose,) = parse_sequence(SIDED.format(tag=tag, word=word)).poses
            side = "right" if word == rights[0] else "left"
            assert phrases_for(tag).fill_side(pose.setup[0].text, side) == f"A {word} B."
            continue
        error = sequence_error(SIDED.format(tag=tag, word=word))
        assert error.line == 6 and f"{{side:{word}}} names more than one form" in str(error), str(error)
        assert " or ".join(f"{{side:{r}}}" for r in rights) in str(error)
