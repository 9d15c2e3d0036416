"""Every file a build writes says voicekit made it, so the next build may replace it (and nothing else)."""

from __future__ import annotations

from pathlib import Path

import pytest
from helpers import MINIMAL, assert_one_line_error, earlier_build

from voicekit.output.provenance import made_by_voicekit


@pytest.mark.parametrize("fmt", ["mp3", pytest.param("m4a", marks=pytest.mark.slow), "wav"])
def test_every_file_a_build_writes_says_voicekit_made_it(run_cli, write_seq, tmp_path, warm_cache, fmt):
    build = ("build", write_seq(MINIMAL), "-o", tmp_path / f"out.{fmt}", "--engine", "fake", "-q")
    assert run_cli(*build).code == 0
    written = sorted(tmp_path.glob("out.*"))
    assert [p.suffix for p in written] == sorted(f".{s}" for s in (fmt, "md", "lrc", "vtt", "json"))
    assert all(made_by_voicekit(p) for p in written)
    assert run_cli(*build).code == 0  # and so replaces them


def test_its_own_companions_are_known_whatever_the_sequence_says(run_cli, write_seq, tmp_path, warm_cache):
    text = MINIMAL.replace("title: Test practice", "title: '**Length:** 1:00'") + (
        "description: '**Built with:** me (voicekit 0.1.0)'\nlanguage: de\n"
    )
    build = ("build", write_seq(text), "-o", tmp_path / "out.wav", "--engine", "fake", "-q")
    assert run_cli(*build).code == 0
    assert all(made_by_voicekit(p) for p in tmp_path.glob("out.*")) and len(list(tmp_path.glob("out.*"))) == 5
    assert run_cli("say", "Guten Tag", "--engine", "fake", "-o", tmp_path / "say.wav").code == 0
    assert made_by_voicekit(tmp_path / "say.wav")


def test_files_voicekit_did_not_make_are_not_its_own(tmp_path):
    earlier = tmp_path / "earlier.mp3"
    earlier_build(earlier)
    song = tmp_path / "song.mp3"
    song.write_bytes(b"ID3\x03\x00\x00\x00\x00\x00\x00" + bytes(4000))
    notes = tmp_path / "notes.md"
    notes.write_text("# My notes on voicekit\n")  # names voicekit, but not as a build does
    assert made_by_voicekit(earlier)
    assert not made_by_voicekit(song) and not made_by_voicekit(notes)
    assert not made_by_voicekit(tmp_path / "missing.mp3")


def _wav(path: Path, fields: dict[bytes, bytes]) -> None:
    """A short silent WAV with these LIST/INFO fields."""
    info = b"INFO" + b"".join(
        k + (len(v) + 1).to_bytes(4, "little") + v + b"\0" * (2 - len(v) % 2) for k, v in fields.items()
    )
    fmt = bytes.fromhex("0100 0100 44ac0000 88580100 0200 1000")
    body = b"WAVE" + b"fmt " + len(fmt).to_bytes(4, "little") + fmt + b"LIST" + len(info).to_bytes(4, "little") + info
    body += b"data" + (2000).to_bytes(4, "little") + bytes(2000)
    path.write_bytes(b"RIFF" + len(body).to_bytes(4, "little") + body)


def _mp3(path: Path, **frames: str) -> None:
    """An MP3 (an ID3 tag and bytes) with these text frames."""
    import mutagen.id3

    path.write_bytes(b"")
    tag = mutagen.id3.ID3()
    for frame, text in frames.items():
        tag.add(getattr(mutagen.id3, frame)(encoding=3, text=[text]))
    tag.save(str(path), v2_version=3)
    with open(path, "ab") as f:
        f.write(b"\xff\xfb\x90\x00" + bytes(413))


def _m4a(path: Path, **tags: str) -> None:
    """A short AAC file in MP4 with these tags (ffmpeg's names: title, comment)."""
    from voicekit import ffmpeg

    wav = path.with_suffix(".src.wav")
    _wav(wav, {})
    args = ["-i", str(wav), *(a for k, v in tags.items() for a in ("-metadata", f"{k}={v}"))]
    ffmpeg.run([*args, "-c:a", "aac", "-f", "ipod", str(path)], None, "encode M4A")
    wav.unlink()


# A user's files that mention voicekit, each under a name a build of q3 would write.
MENTIONS = {
    "md-aside": ("q3.md", "# Q3\n\nI made this with it (voicekit is great)\n"),
    "md-version": ("q3.md", "# Q3\n\n**Length:** 1:00  \nDrafted with a tool (voicekit 0.1.0)\n"),
    "md-later": (
        "q3.md",
        "# Q3\n\nMy notes.\n\nMore notes.\n\n**Length:** 1:00  \n**Built with:** x (voicekit 0.1.0)\n",
    ),
    "json-club": ("q3.json", '{"made_by": "voicekit-fan-club"}\n'),
    "json-nested": ("q3.json", '{"notes": {"made_by": "voicekit 0.1.0"}}\n'),
    "json-list": ("q3.json", '[{"made_by": "voicekit 0.1.0"}]\n'),
    "lrc-fan": ("q3.lrc", "[ti:Song]\n[ar:Me]\n[al:A]\n[length:03:00]\n[re:voicekit] fan club\n"),
    "lrc-later": ("q3.lrc", "[ti:Song]\n[ar:Me]\n[00:01.00]la la\n[re:voicekit]\n"),
    "vtt-group": ("q3.vtt", "WEBVTT\n\nNOTE Our circle; made by voicekit users group\n"),
    "vtt-cue": ("q3.vtt", "WEBVTT\n\n1\n00:00.000 --> 00:01.000\nQ3, 1:00; made by voicekit\n"),
}


@pytest.mark.parametrize("case", list(MENTIONS))
def test_a_text_that_mentions_voicekit_is_not_its_own(tmp_path, case):
    name, text = MENTIONS[case]
    (tmp_path / name).write_text(text)
    assert not made_by_voicekit(tmp_path / name)


def test_audio_that_mentions_voicekit_is_not_its_own(tmp_path):
    _mp3(tmp_path / "title.mp3", TIT2="voicekit demo")
    _mp3(tmp_path / "software.mp3", TSSE="voicekit demo")
    _mp3(tmp_path / "comment.mp3", TIT2="Q3", COMM="(voicekit 0.1.0)")
    _wav(tmp_path / "named.wav", {b"INAM": b"voicekit demo", b"ICMT": b"voicekit 0.1.0"})
    _wav(tmp_path / "software.wav", {b"ISFT": b"voicekit demo"})
    _m4a(tmp_path / "title.m4a", title="voicekit demo", artist="voicekit")
    _m4a(tmp_path / "comment.m4a", comment="voicekit 0.1.0 (voicekit is great)")
    found = {p.name: made_by_voicekit(p) for p in sorted(tmp_path.iterdir())}
    assert found == {name: False for name in found} and len(found) == 7
    _mp3(tmp_path / "ours.mp3", TIT2="voicekit demo", TSSE="voicekit 0.1.0")
    _wav(tmp_path / "ours.wav", {b"ISFT": b"voicekit 0.1.0"})
    _m4a(tmp_path / "ours.m4a", comment="holds medium (voicekit 0.1.0)")
    assert all(made_by_voicekit(tmp_path / f"ours.{kind}") for kind in ("mp3", "wav", "m4a"))


def test_a_build_leaves_a_user_s_file_that_mentions_voicekit_alone(run_cli, write_seq, tmp_path, warm_cache):
    out = tmp_path / "out"
    out.mkdir()
    notes = out / "q3.md"
    notes.write_text(MENTIONS["md-aside"][1])
    ran = run_cli("build", write_seq(MINIMAL), "-o", out / "q3.mp3", "--engine", "fake", "-q")
    assert_one_line_error(ran, f"{out / 'q3.md'} exists and was not made by voicekit", "--no-companions")
    assert notes.read_text() == MENTIONS["md-aside"][1] and sorted(p.name for p in out.iterdir()) == ["q3.md"]
    song = out / "q3.mp3"
    _mp3(song, TIT2="voicekit demo")
    before = song.read_bytes()
    ran = run_cli("build", write_seq(MINIMAL), "-o", song, "--engine", "fake", "-q", "--no-companions")
    assert_one_line_error(ran, f"{song} exists and was not made by voicekit")
    assert song.read_bytes() == before


def _tag(version: int, frames: bytes, flags: int = 0) -> bytes:
    """An ID3v2 tag of ``frames`` and a little padding, then a frame of audio."""
    size = len(frames) + 100
    syncsafe = bytes((size >> shift) & 0x7F for shift in (21, 14, 7, 0))
    return b"ID3" + bytes([version, 0, flags]) + syncsafe + frames + bytes(100) + b"\xff\xfb\x90\x00" + bytes(413)


def _frame(version: int, frame_id: bytes, data: bytes, flags: bytes = b"\0\0") -> bytes:
    n = len(data)
    size = bytes((n >> shift) & 0x7F for shift in (21, 14, 7, 0)) if version == 4 else n.to_bytes(4, "big")
    return frame_id + size + flags + data


SIGNED = b"\x01\xff\xfe" + "voicekit 0.1.0".encode("utf-16-le") + b"\0\0"
TITLE = b"\x03Q3 \xc3\xa9t\xc3\xa9\0"
# ID3 tags read frame header by frame header, as mutagen would read them (what voicekit writes: ID3v2.3,
# no flags), and refused where voicekit never writes that way.
TAGS = {
    "v2.3": (_tag(3, _frame(3, b"TIT2", TITLE) + _frame(3, b"TSSE", SIGNED)), True),
    "v2.4-syncsafe": (_tag(4, _frame(4, b"TIT2", TITLE * 40) + _frame(4, b"TSSE", b"\x03voicekit 0.1.0\0")), True),
    "latin-1": (_tag(3, _frame(3, b"TSSE", b"\0voicekit 2.0\0")), True),
    "unsynchronised": (_tag(3, _frame(3, b"TSSE", SIGNED), flags=0x80), False),
    "extended-header": (_tag(3, _frame(3, b"TSSE", SIGNED), flags=0x40), False),
    "two-tsse": (_tag(3, _frame(3, b"TSSE", SIGNED) + _frame(3, b"TSSE", SIGNED)), False),
    "compressed-tsse": (_tag(3, _frame(3, b"TSSE", SIGNED, flags=b"\0\x80")), False),
    "two-values": (_tag(3, _frame(3, b"TSSE", b"\x03voicekit 0.1.0\0lame\0")), False),
    "no-tsse": (_tag(3, _frame(3, b"TIT2", TITLE)), False),
    "frame-past-the-tag": (_tag(3, b"TSSE" + (10_000).to_bytes(4, "big") + b"\0\0" + SIGNED), False),
    "v2.2": (b"ID3\x02\0\0\0\0\0\x20TSS\0\0\x0f\0voicekit 0.1.0" + bytes(20), False),
}


@pytest.mark.parametrize("case", list(TAGS))
def test_an_mp3_is_voicekit_s_when_its_one_tsse_frame_says_so(tmp_path, case):
    data, ours = TAGS[case]
    (tmp_path / "a.mp3").write_bytes(data)
    assert made_by_voicekit(tmp_path / "a.mp3") is ours
    (tmp_path / "cut.mp3").write_bytes(data[:40])  # a tag cut short is nobody's
    assert not made_by_voicekit(tmp_path / "cut.mp3")
