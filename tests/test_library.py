"""The pose library: poses used by id with overrides, the user's own poses, cycles, unknown ids."""

from __future__ import annotations

import textwrap
from pathlib import Path

import pytest
from helpers import BAD_FILES, FAKE, PREFIX, assert_one_line_error

from voicekit.errors import SequenceError
from voicekit.pipeline import build, plan
from voicekit.plan.timeline import CueKind
from voicekit.sequence.library import SHIPPED_POSES, Library, default_sources
from voicekit.sequence.loader import load_sequence
from voicekit.sequence.pose_reader import MAX_USES


def write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(textwrap.dedent(text), encoding="utf-8")
    return path


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
    assert "Soften the jaw." in spoken and spoken.count(shipped.setup[0]) == 4  # both poses, both sides


def test_overridden_texts_get_the_used_pose_s_sides(tmp_path, config):
    seq = write(
        tmp_path / "s.yaml",
        """\
        title: T
        poses:
          - use: reclining-twist
            setup:
              - Lower your knees to the {side}.
        """,
    )
    spoken = [c.text for c in plan(seq, FAKE).cues if c.kind is CueKind.SPEECH]
    assert "Lower your knees to the right." in spoken and "Lower your knees to the left." in spoken


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


def test_cautions_are_never_spoken_but_are_on_the_cue_sheet(tmp_path, config):
    seq = write(tmp_path / "s.yaml", "title: T\npauses: {step: 1s, pose: 1s}\nposes:\n  - use: childs-pose\n")
    pose = load_sequence(seq).poses[0]
    assert pose.cautions
    result = build(seq, FAKE, output=tmp_path / "s.mp3", cache_dir=tmp_path / "cache")
    spoken = " ".join(c.text for c in result.timeline.cues if c.kind is CueKind.SPEECH)
    sheet = (tmp_path / "s.md").read_text()
    for caution in pose.cautions:
        assert caution not in spoken
        assert caution.split(",")[0] in sheet


def test_a_pose_s_pronunciations_are_used_for_its_texts(tmp_path, config):
    seq = write(tmp_path / "s.yaml", "title: T\nposes:\n  - use: childs-pose\n")
    practice_table = dict(build(seq, FAKE, output=tmp_path / "s.mp3", cache_dir=tmp_path / "c").practice.pronounce)
    assert "Balasana" in practice_table


def test_listing_the_library_and_one_pose(run_cli, config):
    ran = run_cli("poses", "twist")
    assert ran.code == 0 and "reclining-twist" in ran.out and "seated-twist-chair" in ran.out
    assert "childs-pose" not in ran.out
    shown = run_cli("poses", "--show", "reclining-twist")
    assert shown.code == 0 and "set-up:" in shown.out and "cautions (not spoken):" in shown.out
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
