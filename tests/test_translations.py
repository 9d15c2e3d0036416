"""Translated poses (poses/<lang>/<file>.yaml): taken by a practice of that language, checked against the
English pose, listed by `voicekit poses --language`; small translation files of the tests' own."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import yaml
from helpers import FAKE, ROOT, assert_one_line_error, validate, write

from voicekit.language.phrases import normal_tag, phrases_for
from voicekit.pipeline import plan
from voicekit.plan.timeline import CueKind
from voicekit.sequence.library import SHIPPED_POSES, Library

ENGLISH = """\
poses:
  - id: twist
    name: Twist
    names: [Supta Matsyendrasana]
    position: supine
    props: [blanket]
    sides: [right, left]
    setup:
      - Lie on your back.
      - {say: "Lower your knees to the {side}.", move: 6s}
      - {say: "Look to your {other_side} hand.", first_side: true}
    hold: 3 breaths
    reminders: [Knees stacked.]
    release: Come back to the centre.
    transition: Now the other side.
    cautions:
      - Keep it small with a hip replacement.
      - {say: "Put a pillow under your knees if your back complains."}
  - id: rest
    name: Rest
    setup: Lie still.
    hold: 10s
"""

GERMAN = """\
# yaml-language-server: $schema=../../schema/translation.schema.json
language: de
poses:
  - id: twist
    name: Drehung im Liegen
    setup:
      - Leg dich auf den Rücken.
      - {say: "Senke die Knie nach {side}.", move: 6s}
      - {say: "Schau zu deiner {other_side:rechten} Hand.", first_side: true}
    reminders: [Die Knie liegen übereinander.]
    release: Komm zurück zur Mitte.
    transition: Jetzt die andere Seite.
    cautions:
      - Mit einer Hüftprothese bleib klein.
      - {say: "Leg ein Kissen unter die Knie, wenn der Rücken sich meldet."}
"""

PRACTICE = "title: T\nlanguage: {language}\nlibrary: [lib]\npause: 1s\nposes:\n  - use: twist\n  - use: rest\n"


@pytest.fixture
def lib(tmp_path: Path) -> Path:
    """A library folder with two English poses and a German translation of one of them."""
    write(tmp_path / "lib" / "floor.yaml", ENGLISH)
    write(tmp_path / "lib" / "de" / "floor.yaml", GERMAN)
    return tmp_path / "lib"


def practice(folder: Path, language: str) -> Path:
    return write(folder / f"p-{language}.yaml", PRACTICE.format(language=language).replace("pause: 1s\n", ""))


def spoken(path: Path) -> list[str]:
    return [c.text for c in plan(path, FAKE).cues if c.kind is CueKind.SPEECH]


def test_a_practice_takes_the_texts_of_its_language_and_the_rest_of_the_english_pose(lib):
    said = spoken(practice(lib.parent, "de"))
    assert "Senke die Knie nach rechts." in said and "Senke die Knie nach links." in said
    assert "Schau zu deiner linken Hand." in said and said.count("Jetzt die andere Seite.") == 1
    assert not [s for s in said if "Lower your knees" in s or "other side" in s]
    timeline = plan(practice(lib.parent, "de"), FAKE)
    assert [c.title for c in timeline.chapters][1:3] == ["Drehung im Liegen (rechts)", "Drehung im Liegen (links)"]
    # the untranslated pose is English, with the warning it always had; the translated one has none
    assert [w for w in timeline.warnings if "its set-up steps are in English" in w] == [
        w for w in timeline.warnings if w.startswith("Rest:")
    ]
    assert any(w.startswith("Rest:") for w in timeline.warnings)
    assert "Lower your knees to the right." in spoken(practice(lib.parent, "en"))


def test_pt_br_takes_its_own_pose_else_portuguese_else_english(lib):
    portuguese = GERMAN.replace("language: de", "language: pt").replace("Drehung", "Torção")
    write(lib / "pt" / "floor.yaml", portuguese.replace(":rechten}", ":direita}"))
    write(lib / "pt-BR" / "rest.yaml", "language: pt-BR\nposes:\n  - id: rest\n    name: Descanso\n    setup: Fique.\n")
    said = spoken(practice(lib.parent, "pt-BR"))
    assert "Fique." in said and "Senke die Knie nach direita." in said
    chapters = [c.title for c in plan(practice(lib.parent, "pt-BR"), FAKE).chapters]
    assert "Descanso" in chapters and any(t.startswith("Torção") for t in chapters)
    assert "Lie still." in spoken(practice(lib.parent, "es"))  # no Spanish: English, as before


@pytest.mark.parametrize(
    ("change", "line", "fragments"),
    [
        (("- id: twist", "- id: twsit"), 4, ["poses[1].id: no pose 'twsit' in the library", "did you mean 'twist'?"]),
        (("    release:", "    hold: 5 breaths\n    release:"), 11, ["poses[1].hold is not a text", "English pose"]),
        (('      - {say: "Schau', '      - Noch.\n      - {say: "Schau'), 6, ["has 4 steps, the English pose 3"]),
        ((", move: 6s}", ", move: 8s}"), 8, ["setup[2]: move: 6s in the English pose, 8s here"]),
        ((", first_side: true}", "}"), 9, ["setup[3]: first_side: true in the English pose, false here"]),
        (("    release: Komm zurück zur Mitte.\n", ""), 4, ["is missing release", "spoken in English"]),
        (("{other_side:rechten}", "{other_side:derecha}"), 9, ["unknown placeholder {other_side:derecha}"]),
        (("language: de", "language: fr"), 2, ["language is fr but the file is in the folder de"]),
        (("    cautions:\n      - Mit", "    cautions:\n      - {say: Mit}\n      - Mit"), 13, ["mirror the English"]),
    ],
    ids=["unknown-id", "not-a-text", "step-count", "move", "first-side", "missing", "side-form", "language", "caution"],
)
def test_a_translation_that_does_not_fit_its_english_pose_is_refused_at_its_line(run_cli, lib, change, line, fragments):
    bad = lib / "de" / "floor.yaml"
    bad.write_text(GERMAN.replace(*change), encoding="utf-8")
    assert GERMAN.replace(*change) != GERMAN
    assert_one_line_error(run_cli("check", practice(lib.parent, "de")), f"{bad}:{line}: ", *fragments)


def test_an_english_practice_reads_no_translation(lib):
    write(lib / "de" / "floor.yaml", "language: de\nposes: [broken\n")
    assert "Lie still." in spoken(practice(lib.parent, "en"))


def test_poses_lists_and_shows_the_library_in_a_language(run_cli, config_dir, lib):
    (config_dir / "poses").symlink_to(lib)
    listed = run_cli("poses", "--language", "de", "twist")
    assert listed.code == 0 and "Drehung im Liegen" in listed.out
    shown = run_cli("poses", "--language", "de", "--show", "twist")
    assert "Leg dich auf den Rücken." in shown.out and "Lie on your back" not in shown.out
    (record,) = [r for r in json.loads(run_cli("poses", "--language", "de", "--json").out) if r["id"] == "twist"]
    assert record["name"] == "Drehung im Liegen" and record["language"] == "de"
    assert record["names"] == ["Supta Matsyendrasana"] and record["props"] == ["blanket"]
    assert [s["move"] for s in record["setup"]] == [0, 6, 0]
    english = json.loads(run_cli("poses", "--json").out)
    assert [r["name"] for r in english if r["id"] == "twist"] == ["Twist"]
    assert_one_line_error(run_cli("poses", "--language", "d e"), "--language 'd e'")


HOLD_WORDS = [("es", "respiraciones", "rondas"), ("de", "Atemzüge", "Runden"), ("pt-BR", "respirações", "ciclos"),
              ("en", "breaths", "rounds")]  # fmt: skip


@pytest.mark.parametrize(("tag", "breaths", "rounds"), HOLD_WORDS)
def test_poses_lists_the_holds_in_the_language_of_the_listing(run_cli, tag, breaths, rounds):
    """`poses --language es`: "5-8 respiraciones", "6 rondas", as the cue sheet says them; `--show` too."""
    listed = run_cli("poses", "--language", tag).out
    (cat_cow,) = [line for line in listed.splitlines() if line.startswith("cat-cow ")]
    (flow,) = [line for line in listed.splitlines() if line.startswith("cat-cow-flow ")]
    assert f" 5-8 {breaths}  (" in cat_cow and f" 6 {rounds}  (" in flow, (cat_cow, flow)
    assert f"hold: 6 {rounds}" in run_cli("poses", "--language", tag, "--show", "cat-cow-flow").out


SHIPPED_TRANSLATIONS = sorted((ROOT / "voicekit" / "shipped" / "poses").glob("*/*.yaml"))


@pytest.mark.parametrize("path", SHIPPED_TRANSLATIONS, ids=lambda p: f"{p.parent.name}/{p.stem}")
def test_every_shipped_translation_reads_whole_and_points_editors_at_its_schema(path: Path) -> None:
    first = path.read_text(encoding="utf-8").splitlines()[0]
    target = (path.parent / first.split("$schema=", 1)[1]).resolve()
    assert target == (ROOT / "schema" / "translation.schema.json").resolve()
    validate(yaml.safe_load(path.read_text(encoding="utf-8")), target)
    library = Library([SHIPPED_POSES])
    translated = library.translated(normal_tag(path.parent.name) or "")
    for pose_id in [i for i, t in translated.items() if t.file == path]:
        assert library.pose(pose_id, language=translated[pose_id].language).language != "en"


def test_a_used_pose_s_own_transition_in_another_language_is_said_in_the_practice_s(lib, tmp_path):
    """An English pose's `transition: Now the other side.` in a French practice that rewrote every other
    text: the French phrase is said, not the English words."""
    seq = write(
        tmp_path / "fr.yaml",
        """\
        title: T
        language: fr
        library: [lib]
        poses:
          - use: twist
            name: Torsion
            setup: [Allongez-vous., {say: "Les genoux vers la {side}.", move: 6s}]
            reminders: [Les genoux l'un sur l'autre.]
            release: Revenez au centre.
        """,
    )
    said = spoken(seq)
    assert "Now the other side." not in said
    assert phrases_for("fr").text("transition") in said


COPIED = """\
poses:
  - id: hug
    name: Hug
    position: supine
    transition_in: false
    breath_cues: {}
    setup: [{{say: "Lie on your back, and draw your knees in.", move: 10s}}]
    hold: 6 breaths
"""
TRANSLATED = """\
language: {}
poses:
  - id: hug
    name: Umarmung
    transition_in: false
    breath_cues: {}
    setup: [{{say: "Leg dich auf den Rücken und zieh die Knie heran.", move: 10s}}]
"""


@pytest.mark.parametrize("cues", ["guided", "counted", "{every: true}"])
def test_a_translation_may_copy_what_is_no_text_as_the_english_pose_has_it(tmp_path, run_cli, cues):
    """`transition_in: false` and `breath_cues: guided` (counted, {every: true}) are valid in the English
    pose, so a translator who copies them is not refused; a value the English pose does not have is, at its
    line, naming the English one's: a translation changes texts only."""
    write(tmp_path / "lib" / "floor.yaml", COPIED.format(cues))
    for tag in ("de", "es", "fr", "it", "nl", "pt"):
        write(tmp_path / "lib" / tag / "floor.yaml", TRANSLATED.format(tag, cues))
        seq = write(tmp_path / f"p-{tag}.yaml", f"title: T\nlanguage: {tag}\nlibrary: [lib]\nposes:\n  - use: hug\n")
        ran = run_cli("check", "--strict", seq)
        assert ran.code == 0, (tag, ran.err)
        assert "Leg dich auf den Rücken und zieh die Knie heran." in spoken(seq)
    bad = write(tmp_path / "lib" / "de" / "floor.yaml", TRANSLATED.format("de", "silent"))
    assert_one_line_error(run_cli("check", tmp_path / "p-de.yaml"), f"{bad}:6: ", "breath_cues: the English pose's")
    write(tmp_path / "lib" / "floor.yaml", COPIED.format(cues).replace("    transition_in: false\n", ""))
    write(tmp_path / "lib" / "de" / "floor.yaml", TRANSLATED.format("de", cues))
    assert_one_line_error(run_cli("check", tmp_path / "p-de.yaml"), f"{bad}:5: ", "transition_in: false, but the")


@pytest.mark.parametrize(
    ("tag", "title", "description"),
    [("de", "Unterer Rücken und Hüften, 20 Minuten",
      "Für dich zusammengestellt. Schwerpunkt: Unterer Rücken und Hüften. Stufe: Mittel. Hilfsmittel: Gurt."),
     ("es", "Zona lumbar y caderas, 20 minutos", "Compuesta para ti."),
     ("fr", "Bas du dos et hanches, 20 minutes",
      "Composée pour vous. Zones travaillées : Bas du dos et hanches. Niveau : Modéré. Matériel : sangle."),
     ("en", "Lower back and hips, 20 minutes",
      "Composed for you. Focus: Lower back and hips. Level: Moderate. Props: strap.")],
)  # fmt: skip
def test_a_composed_practice_is_titled_and_described_in_its_language(run_cli, tmp_path, tag, title, description):
    """`compose --language de` writes a German practice: its title and description are German too, the
    focus, level and props named as the library page names them."""
    out = tmp_path / f"composed-{tag}.yaml"
    ran = run_cli("compose", "--length", "20m", "--focus", "lower-back", "--focus", "hips", "--language", tag,
                  "--props", "strap", "--seed", "7", "-o", out)  # fmt: skip
    assert ran.code == 0, ran.err
    written = yaml.safe_load(out.read_text(encoding="utf-8"))
    assert written["title"] == title and written.get("language", "en") == tag
    assert written["description"].startswith(description), written["description"]


def test_poses_lists_the_props_in_the_language_of_the_listing(run_cli):
    listed = run_cli("poses", "--language", "de").out.splitlines()
    (strap,) = [line for line in listed if line.startswith("supine-leg-to-side-strap ")]
    (bare,) = [line for line in listed if line.startswith("cat-cow ")]
    assert strap.endswith("(Gurt)") and bare.endswith("(Hilfsmittel: keine)"), (strap, bare)
    assert not any("no props" in line or "strap" in line.split("(")[-1] for line in listed)
