"""The build command's output: a summary on stdout, progress only on a terminal, silence with --quiet."""

from __future__ import annotations

import io
import json

from audio_tools import RATE, decode
from conftest import MINIMAL

from voicekit.progress import Progress
from voicekit.sequence.durations import format_ms


def test_build_prints_path_length_and_poses(run_cli, write_seq, cache_dir, tmp_path):
    seq = write_seq(MINIMAL)
    out = tmp_path / "out.mp3"
    ran = run_cli("build", seq, "--engine", "fake", "-o", out)
    assert ran.code == 0, ran.err
    assert ran.err == ""  # not a terminal: no progress bar
    lines = ran.out.splitlines()
    assert lines[0].startswith(f"{out}  ") and "1 pose " in lines[0] and "MB" in lines[0]
    minutes, seconds = lines[0].split()[1].rstrip(",").split(":")
    assert abs(int(minutes) * 60 + float(seconds) - len(decode(out)) / RATE) < 1
    assert lines[1:5] == [str(out.with_suffix(s)) for s in (".md", ".lrc", ".vtt", ".json")]
    assert lines[5] == "chapters:"
    chapters = json.loads(run_cli("plan", seq, "--engine", "fake", "--json").out)["chapters"]
    assert [line.split(maxsplit=1) for line in lines[6:]] == [
        [format_ms(c["start"] * 1000), c["title"]] for c in chapters
    ]


def test_quiet_build_prints_nothing(run_cli, write_seq, cache_dir, tmp_path):
    ran = run_cli("build", write_seq(MINIMAL), "--engine", "fake", "-o", tmp_path / "o.wav", "--quiet")
    assert (ran.code, ran.out, ran.err) == (0, "", "")
    assert (tmp_path / "o.wav").stat().st_size > 44


def test_default_output_goes_to_output_folder(run_cli, write_seq, cache_dir, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    ran = run_cli("build", write_seq(MINIMAL, "calm.yaml"), "--engine", "fake", "--format", "wav", "-q")
    assert ran.code == 0, ran.err
    assert (tmp_path / "output" / "calm.wav").exists()
    names = ["calm.json", "calm.lrc", "calm.md", "calm.vtt", "calm.wav"]
    assert sorted(p.name for p in (tmp_path / "output").iterdir()) == names  # no temporary files left
    ran = run_cli("build", write_seq(MINIMAL, "calm.yaml"), "--engine", "fake", "-q", "--no-companions")
    assert sorted(p.name for p in (tmp_path / "output").iterdir()) == sorted([*names, "calm.mp3"])


class _Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_progress_draws_on_a_terminal_only():
    tty, pipe = _Terminal(), io.StringIO()
    for stream in (tty, pipe):
        bar = Progress(stream=stream)
        for i in range(1, 4):
            bar.step("speech", i, 3)
        bar.done()
    assert "3/3" in tty.getvalue() and "\r" in tty.getvalue()
    assert pipe.getvalue() == ""
    quiet = _Terminal()
    Progress(enabled=False, stream=quiet).step("speech", 1, 1)
    assert quiet.getvalue() == ""


def test_output_path_mistakes_are_caught_before_any_work(run_cli, write_seq, cache_dir, tmp_path):
    seq = write_seq(MINIMAL)
    cases = {
        ("-o", str(tmp_path)): "is a folder",
        ("-o", str(tmp_path / "x.ogg")): "end it in .mp3, .m4a or .wav",
        ("-o", str(tmp_path / "x.mp3"), "--format", "wav"): "does not match --format wav",
        ("-o", str(tmp_path / "missing" / "x.mp3")): "does not exist",
    }
    for args, message in cases.items():
        ran = run_cli("build", seq, "--engine", "fake", *args)
        assert ran.code == 2 and message in ran.err and ran.err.count("\n") == 1, (args, ran.err)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["seq.yaml"]  # nothing synthesized, nothing written


def test_file_in_the_way_is_one_line_not_a_traceback(run_cli, write_seq, tmp_path, monkeypatch):
    seq = write_seq(MINIMAL)
    (tmp_path / "blocker").write_text("")
    ran = run_cli(
        "build", seq, "--engine", "fake", "--cache-dir", tmp_path / "blocker" / "sub", "-o", tmp_path / "a.wav"
    )
    assert ran.code == 2 and ran.err.startswith("voicekit: error: ") and ran.err.count("\n") == 1, ran.err
    monkeypatch.chdir(tmp_path)
    (tmp_path / "output").write_text("")  # a file where the default output folder goes
    ran = run_cli("build", seq, "--engine", "fake", "--cache-dir", tmp_path / "cache")
    assert ran.code == 2 and "output" in ran.err and "Traceback" not in ran.err, ran.err
