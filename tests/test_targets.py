"""Where a build writes and in which format, every path checked before any work is done."""

from __future__ import annotations

from pathlib import Path

from helpers import FAKE, MINIMAL, PRACTICE, assert_one_line_error

from voicekit.pipeline import build


def test_output_path_mistakes_are_caught_before_any_work(run_cli, write_seq, cache_dir, tmp_path):
    seq = write_seq(MINIMAL)
    cases = {
        ("-o", str(tmp_path)): "is a folder",
        ("-o", str(tmp_path / "x.ogg")): "end it in .mp3, .m4a or .wav",
        ("-o", str(tmp_path / "x.mp3"), "--format", "wav"): "does not match --format wav",
        ("-o", str(tmp_path / "missing" / "x.mp3")): "does not exist",
    }
    for args, message in cases.items():
        assert_one_line_error(run_cli("build", seq, "--engine", "fake", *args), message)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["seq.yaml"]  # nothing synthesized, nothing written


def test_default_output_goes_to_output_folder(run_cli, write_seq, warm_cache, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    ran = run_cli("build", write_seq(MINIMAL, "calm.yaml"), "--engine", "fake", "--format", "wav", "-q")
    assert ran.code == 0, ran.err
    assert (tmp_path / "output" / "calm.wav").exists()
    names = ["calm.json", "calm.lrc", "calm.md", "calm.vtt", "calm.wav"]
    assert sorted(p.name for p in (tmp_path / "output").iterdir()) == names  # no temporary files left
    ran = run_cli("build", write_seq(MINIMAL, "calm.yaml"), "--engine", "fake", "-q", "--no-companions")
    assert ran.code == 0, ran.err
    assert sorted(p.name for p in (tmp_path / "output").iterdir()) == sorted([*names, "calm.mp3"])


def test_output_names_from_sequence_names_are_sanitised(tmp_path, monkeypatch, warm_cache):
    monkeypatch.chdir(tmp_path)
    seq = tmp_path / "..evil\x07name.yaml"
    seq.write_text(PRACTICE.format(hold="5s"))
    result = build(seq, FAKE, cache_dir=warm_cache, companions=False)
    assert result.output == Path("output") / "evil-name.mp3"
    assert result.output.exists()
