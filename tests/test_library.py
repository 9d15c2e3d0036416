"""The pose library: poses used by id with overrides, the user's own poses, cycles, unknown ids."""

from __future__ import annotations

import pytest
from helpers import BAD_FILES, FAKE, PREFIX, assert_one_line_error, write

from voicekit.errors import SequenceError
from voicekit.pipeline import build, plan
from voicekit.plan.timeline import CueKind
from voicekit.sequence.library import SHIPPED_POSES, Library, default_sources
from voicekit.sequence.loader import load_sequence
from voicekit.sequence.pose_reader import MAX_USES


@pytest.fixture
def config(tmp_path, monkeypatch):
    """An empty user config folder of this test's own."""
    folder = tmp_path / "config"
    monkeypatch.setenv("VOICEKIT_CONFIG_DIR", str(folder))
    return folder


def test_the_shipped_library_has_thirty_poses_each_complete():
    library = Library([SHIPPED_POSES])
    assert len(library.ids()) >= 30
    for pose_id in library.ids():
        pose = library.pose(pose_id)
        assert pose.id == pose_id and pose.name and pose.setup and pose.hold.high > 0
        assert pose.hold.low < pose.hold.high or pose.hold.breaths, f"{pose_id}: a default hold is a range"


def test_a_sequence_uses_a_pose_by_id_and_overrides_its_keys(tmp_path, config):
    seq = write(
        tmp_path / "s.yaml",
        """\
        title: T
        poses:
          - use: reclining-twist
          - use: reclining-twist
            hold: 3 breaths
            reminders: [Soften the jaw.]
            name: Gentle twist
        """,
    )
    shipped = Library([SHIPPED_POSES]).pose("reclining-twist")
    first, second = load_sequence(seq).poses
    assert first.setup == shipped.setup and first.hold == shipped.hold and first.sides == ("right", "left")
    assert second.name == "Gentle twist" and second.reminders == ("Soften the jaw.",)
    assert (second.hold.low, second.hold.breaths) == (3, True)
    assert second.setup == shipped.setup and second.release == shipped.release  # the rest as in the library
    spoken = [c.text for c in plan(seq, FAKE).cues if c.kind is CueKind.SPEECH]
    again = shipped.setup[0] in shipped.steps(first=False)  # said on the second side too
    assert "Soften the jaw." in spoken and spoken.count(shipped.setup[0].text) == 2 * (1 + again)  # both poses


def test_overridden_texts_get_the_used_pose_s_sides(tmp_path, config):
    seq = write(
        tmp_path / "s.yaml",
        """\
        title: T
        poses:
          - use: reclining-twist
            setup:
              - Lower your knees to the {side}.
            second_side:
              - Now lower them to the {side}.
        """,
    )
    spoken = [c.text for c in plan(seq, FAKE).cues if c.kind is CueKind.SPEECH]
    assert "Lower your knees to the right." in spoken and "Now lower them to the left." in spoken


def test_the_user_s_poses_add_to_and_override_the_shipped_ones(tmp_path, config):
    write(
        config / "poses" / "mine.yaml",
        """\
        poses:
          - id: reclining-twist
            name: My twist
            setup: Roll to the {side}.
            sides: [right, left]
            hold: 20s
          - id: my-rest
            use: knees-to-chest
            hold: 2m
        """,
    )
    library = Library(default_sources())
    assert library.pose("reclining-twist").name == "My twist"
    mine = library.pose("my-rest")
    assert mine.hold.low == 120_000 and mine.setup == Library([SHIPPED_POSES]).pose("knees-to-chest").setup
    seq = write(tmp_path / "s.yaml", "title: T\nposes:\n  - use: reclining-twist\n  - use: my-rest\n")
    assert load_sequence(seq).poses[0].name == "My twist"


def test_a_sequence_s_library_paths_are_relative_to_it_and_win(tmp_path, config):
    write(config / "poses" / "mine.yaml", "poses:\n  - id: rest\n    name: From config\n    setup: A.\n    hold: 10s\n")
    write(
        tmp_path / "extra" / "p.yaml",
        "poses:\n  - id: rest\n    name: From the sequence\n    setup: B.\n    hold: 10s\n",
    )
    seq = write(tmp_path / "s.yaml", "title: T\nlibrary: extra\nposes:\n  - use: rest\n")
    assert load_sequence(seq).poses[0].name == "From the sequence"


def test_an_unknown_id_is_an_error_at_its_line_with_a_suggestion(tmp_path, config):
    seq = write(
        tmp_path / "s.yaml", "title: T\nposes:\n  - name: Rest\n    setup: x.\n    hold: 1m\n  - use: reclinig-twist\n"
    )
    with pytest.raises(SequenceError) as info:
        load_sequence(seq)
    assert info.value.line == 6
    assert "no pose 'reclinig-twist'" in str(info.value) and "did you mean 'reclining-twist'?" in str(info.value)


def test_a_pose_that_uses_a_pose_that_uses_it_is_an_error_not_a_hang(tmp_path, config):
    write(
        tmp_path / "loop" / "p.yaml",
        "poses:\n  - id: a\n    use: b\n  - id: b\n    use: c\n  - id: c\n    use: a\n",
    )
    seq = write(tmp_path / "s.yaml", "title: T\nlibrary: loop\nposes:\n  - use: a\n")
    with pytest.raises(SequenceError) as info:
        load_sequence(seq)
    assert str(info.value).startswith(str(tmp_path / "loop" / "p.yaml"))
    assert "a -> b -> c -> a" in str(info.value) and "cannot use a pose that uses it" in str(info.value)


def test_a_chain_of_500_poses_each_using_the_next_is_one_line_at_its_line(tmp_path, config, run_cli):
    rows = ["poses:", "  - id: p0", "    name: P0", "    setup: Go.", "    hold: 10s"]
    for i in range(1, 500):
        rows += [f"  - id: p{i}", f"    use: p{i - 1}"]
    write(tmp_path / "lib.yaml", "\n".join(rows) + "\n")
    seq = write(tmp_path / "s.yaml", "title: T\nlibrary: lib.yaml\nposes:\n  - use: p499\n")
    line = assert_one_line_error(run_cli("check", seq))
    deepest = 499 - MAX_USES  # the pose whose use makes the chain too long: p{i} uses on line 5 + 2 * i
    expected = f"{tmp_path / 'lib.yaml'}:{5 + 2 * deepest}: pose p{deepest}.use: p499 -> ... -> p{deepest - 1}: "
    assert line == f"{PREFIX}{expected}more than {MAX_USES} poses each use the next; write one out"


def test_a_chain_of_poses_each_using_the_next_up_to_the_limit_is_read(tmp_path, config):
    rows = ["poses:", "  - id: p0", "    name: P0", "    setup: Go.", "    hold: 10s"]
    rows += [f"  - id: p{i}\n    use: p{i - 1}" for i in range(1, MAX_USES + 1)]
    write(tmp_path / "lib.yaml", "\n".join(rows) + "\n")
    seq = write(tmp_path / "s.yaml", f"title: T\nlibrary: lib.yaml\nposes:\n  - use: p{MAX_USES}\n")
    assert load_sequence(seq).poses[0].name == "P0"


def test_an_error_in_a_pose_file_names_that_file_and_line(tmp_path, config):
    write(tmp_path / "bad" / "p.yaml", "poses:\n  - id: x\n    name: X\n    setup: Go.\n    hold: 5 parsecs\n")
    seq = write(tmp_path / "s.yaml", "title: T\nlibrary: bad\nposes:\n  - use: x\n")
    with pytest.raises(SequenceError) as info:
        load_sequence(seq)
    assert (info.value.file, info.value.line) == (str(tmp_path / "bad" / "p.yaml"), 5)


def test_a_missing_library_path_is_reported_at_its_line(tmp_path, config):
    seq = write(tmp_path / "s.yaml", "title: T\nlibrary: [nowhere]\nposes:\n  - use: knees-to-chest\n")
    with pytest.raises(SequenceError, match="nowhere does not exist") as info:
        load_sequence(seq)
    assert info.value.line == 2


@pytest.mark.parametrize(("named", "kind"), [("lib.yaml", "a FIFO"), ("/dev/null", "a character device")])
def test_a_library_path_that_is_not_a_file_or_folder_is_reported_at_its_line(tmp_path, config, named, kind):
    import os

    os.mkfifo(tmp_path / "lib.yaml")  # was skipped without a word: "no pose 'mine' in the library"
    seq = write(tmp_path / "s.yaml", f"title: T\nlibrary: [poses, {named}]\nposes:\n  - use: mine\n")
    (tmp_path / "poses").mkdir()
    with pytest.raises(SequenceError) as info:
        load_sequence(seq)
    assert str(info.value) == f"{seq}:2: library: {named} is {kind}; give a folder or a file of poses"


def test_printed_cautions_are_never_spoken_but_are_on_the_cue_sheet(tmp_path, config):
    seq = write(tmp_path / "s.yaml", "title: T\npauses: {step: 1s, pose: 1s}\nposes:\n  - use: childs-pose\n")
    pose = load_sequence(seq).poses[0]
    assert pose.cautions
    result = build(seq, FAKE, output=tmp_path / "s.mp3", cache_dir=tmp_path / "cache")
    spoken = " ".join(c.text for c in result.timeline.cues if c.kind is CueKind.SPEECH)
    sheet = (tmp_path / "s.md").read_text()
    for caution in pose.cautions:
        assert (caution.text in spoken) == caution.spoken
        assert caution.text.split(",")[0] in sheet


def test_a_pose_s_pronunciations_are_used_for_its_texts(tmp_path, config):
    seq = write(tmp_path / "s.yaml", "title: T\nposes:\n  - use: childs-pose\n")
    practice_table = dict(build(seq, FAKE, output=tmp_path / "s.mp3", cache_dir=tmp_path / "c").practice.pronounce)
    assert "Balasana" in practice_table


def test_listing_the_library_and_one_pose(run_cli, config):
    ran = run_cli("poses", "twist")
    assert ran.code == 0 and "reclining-twist" in ran.out and "seated-twist-chair" in ran.out
    assert "childs-pose" not in ran.out
    shown = run_cli("poses", "--show", "reclining-twist")
    assert shown.code == 0 and "set-up:" in shown.out and "second side:" in shown.out and "cautions:" in shown.out
    assert "position: supine    kind: twist    level: gentle" in shown.out and "counter: knees-to-chest" in shown.out
    assert "(move 6s)" in shown.out and " (spoken)" in shown.out
    unknown = run_cli("poses", "--show", "reclining-twst")
    assert unknown.code == 2 and "did you mean 'reclining-twist'?" in unknown.err


@pytest.mark.parametrize("kind", sorted(BAD_FILES))
def test_one_bad_pose_file_is_one_bad_entry_the_rest_is_the_library(kind, tmp_path, config, run_cli):
    write(config / "poses" / "mine.yaml", "poses:\n  - id: my-rest\n    name: My rest\n    setup: A.\n    hold: 10s\n")
    bad = config / "poses" / f"{kind}.yaml"
    bad.write_bytes(BAD_FILES[kind])
    library = Library(default_sources())
    assert list(library.unreadable) == [bad] and library.unreadable[bad].startswith(str(bad))
    assert {"my-rest", "childs-pose"} <= set(library.ids())
    seq = write(tmp_path / "s.yaml", "title: T\nposes:\n  - use: my-rest\n  - use: childs-pose\n")
    assert load_sequence(seq).poses[0].name == "My rest"
    missing = write(tmp_path / "m.yaml", "title: T\nposes:\n  - use: nowhere-pose\n")
    with pytest.raises(SequenceError) as info:
        load_sequence(missing)
    assert "no pose 'nowhere-pose'" in str(info.value) and f"cannot be read: {bad}" in str(info.value)
    ran = run_cli("poses")
    assert ran.code == 0 and "Traceback" not in ran.err, ran.err
    assert f"{bad}" in ran.out and "my-rest" in ran.out and "childs-pose" in ran.out


def test_one_bad_pose_is_one_line_of_the_listing(config, run_cli):
    pose = "poses:\n  - id: my-rest\n    name: My rest\n    setup: A.\n    hold: 5 parsecs\n"
    bad = write(config / "poses" / "mine.yaml", pose)
    ran = run_cli("poses")
    assert ran.code == 0, ran.err
    rows = [r for r in ran.out.splitlines() if r.startswith("my-rest ")]
    assert len(rows) == 1 and rows[0].startswith(f"{'my-rest':<34} (cannot be read: {bad}:5: ")
    assert "'5 parsecs' is not a duration" in rows[0]
    assert "childs-pose" in ran.out and "; 1 cannot be read;" in ran.out.splitlines()[-1]


def test_every_shipped_pose_says_what_it_is_in_the_catalogue_s_words_and_its_props_are_ids():
    from voicekit.sequence import catalogue

    library = Library([SHIPPED_POSES])
    for pose_id in library.ids():
        pose = library.pose(pose_id)
        assert pose.position in catalogue.POSITIONS and pose.kind in catalogue.KINDS, pose_id
        assert pose.level in catalogue.LEVELS and pose.focus, pose_id
        assert set(pose.focus) <= set(catalogue.FOCUS) and set(pose.avoid) <= set(catalogue.AVOID), pose_id
        assert set(pose.props) <= set(catalogue.PROPS), pose_id
        assert set(pose.counter) <= set(library.ids()), pose_id
        if len(pose.sides) > 1:
            assert pose.short_second_side, pose_id  # no instruction repeated across the change of side


def test_the_library_has_seventy_poses_each_writing_every_field_of_what_it_is():
    library = Library([SHIPPED_POSES])
    assert len(library.ids()) >= 70
    every = ("position", "focus", "kind", "level", "props", "avoid", "counter")
    for pose_id, entry in library.entries.items():  # written in its file, not left to a default
        assert set(every) <= set(entry.node.value), (pose_id, set(every) - set(entry.node.value))


def test_poses_json_gives_every_field_and_the_filters_narrow_the_list(run_cli, config):
    import json

    every = json.loads(run_cli("poses", "--json").out)
    assert len(every) == len(Library([SHIPPED_POSES]).ids())
    twist = next(p for p in every if p["id"] == "reclining-twist")
    assert twist["position"] == "supine" and twist["kind"] == "twist"
    assert twist["counter"] == ["knees-to-chest", "constructive-rest"]
    assert twist["setup"][1] == {"say": "Bend your knees and draw your thighs in toward your belly.", "move": 5.0,
                                 "first_side": False}  # fmt: skip
    assert {"say": twist["cautions"][0]["say"], "spoken": True} == twist["cautions"][0]
    assert twist["breath"] is None and twist["breath_cues"] is None and twist["flow"] is None
    cat_cow = next(p for p in every if p["id"] == "cat-cow")  # its own words on the breath, as written
    assert cat_cow["breath_cues"] == {"in": "Breathe in, belly softens, look forward.",
                                      "out": "Breathe out, round your back.", "hold": None, "every": False}  # fmt: skip
    assert next(p for p in every if p["id"] == "extended-exhale-breath")["breath"] == "extended-exhale"
    supine = json.loads(run_cli("poses", "--json", "--position", "supine").out)
    assert supine and all(p["position"] == "supine" for p in supine)
    gentle_hips = json.loads(run_cli("poses", "--json", "--focus", "hips", "--level", "gentle").out)
    assert gentle_hips and all("hips" in p["focus"] and p["level"] == "gentle" for p in gentle_hips)
    safe = json.loads(run_cli("poses", "--json", "--avoid", "pregnancy,knee-injury").out)
    assert safe and not any({"pregnancy", "knee-injury"} & set(p["avoid"]) for p in safe)
    assert len(safe) < len(every)
    listed = run_cli("poses", "--kind", "rest", "--position", "side-lying").out.splitlines()
    assert listed[0].startswith("supported-side-lying-rest ") and listed[-1].startswith("1 pose;")


def test_a_filter_that_is_not_in_the_catalogue_is_one_line(run_cli, config):
    assert_one_line_error(run_cli("poses", "--focus", "hps"), "--focus 'hps': choose from lower-back, hips,")


def test_a_use_drops_the_library_pose_s_reminders_with_an_empty_list(write_seq, config):
    from voicekit.plan.timeline import CueRole

    text = "title: T\nposes:\n  - use: childs-pose\n    hold: 2m\n"
    kept = plan(write_seq(text), FAKE)
    dropped = plan(write_seq(text + "    reminders: []\n", "dropped.yaml"), FAKE)
    assert [c for c in kept.cues if c.role is CueRole.REMINDER]
    assert not [c for c in dropped.cues if c.role is CueRole.REMINDER]
    assert load_sequence(write_seq(text + "    reminders: []\n", "again.yaml")).poses[0].reminders == ()
