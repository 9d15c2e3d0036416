"""``voicekit voices --download``: a Piper voice fetched from a local server that stands in for the Piper
voices repository (no internet is reached), checked by size and MD5, installed whole or not at all; the
voice is then listed, and a practice in its language speaks with it by default."""

from __future__ import annotations

import functools
import hashlib
import http.server
import json
import os
import threading
import time
import urllib.parse
from pathlib import Path

import pytest
from helpers import PIPER_INSTALLED, assert_one_line_error, needs_piper

from voicekit.errors import DownloadError
from voicekit.plan.speaker import PIPER_NAME
from voicekit.speech import download, piper_voices, transfer
from voicekit.speech.engines import settled

NAME = "de_DE-probe-medium"
FOLDER = f"de/de_DE/probe/medium/{NAME}"
CONFIG = {
    "audio": {"sample_rate": 22050, "quality": "medium"},
    "espeak": {"voice": "de"},
    "language": {"code": "de_DE", "family": "de", "region": "DE", "name_native": "Deutsch"},
    "num_speakers": 1,
}


class Quiet(http.server.SimpleHTTPRequestHandler):
    """Serves the folder; records each path asked for; cuts a file short, trickles it a byte at a time,
    or redirects in a loop, where the test says so."""

    asked: list[str]
    cut: dict[str, int]
    trickle: dict[str, str]
    """File name -> "body" (the headers at once, then the body a byte every 0.1 s) or "headers"."""

    def log_message(self, *args: object) -> None:
        pass

    def do_GET(self) -> None:
        self.asked.append(self.path)
        name = self.path.rsplit("/", 1)[-1]
        if self.path.startswith("/loop/"):
            self.send_response(302)
            self.send_header("Location", self.path)
            self.end_headers()
            return
        if name in self.trickle:
            self.send_slowly(name)
            return
        if name in self.cut:  # a connection that drops: promise the whole file, send a part, close
            body = Path(self.translate_path(self.path)).read_bytes()
            self.send_response(200)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body[: self.cut[name]])
            self.close_connection = True
            return
        super().do_GET()

    def send_slowly(self, name: str) -> None:
        body = Path(self.translate_path(self.path)).read_bytes()
        head = f"HTTP/1.1 200 OK\r\nContent-Length: {len(body)}\r\n\r\n".encode()
        slow = body if self.trickle[name] == "body" else head
        self.wfile.write(head if self.trickle[name] == "body" else b"")
        deadline = time.monotonic() + 10  # the client gives up long before: never a thread left for long
        for i in range(len(slow)):
            if time.monotonic() > deadline:
                break
            try:
                self.wfile.write(slow[i : i + 1])
                self.wfile.flush()
            except OSError:
                break
            time.sleep(0.1)
        self.close_connection = True


@pytest.fixture
def repository(tmp_path, monkeypatch):
    """A local Piper voices repository with one small voice (a model of random bytes: nothing here loads
    it), its index listing each file's size and MD5; the user data folder of the test's own."""
    root = tmp_path / "repository"
    files = {
        f"{FOLDER}.onnx": bytes(range(256)) * 64,
        f"{FOLDER}.onnx.json": json.dumps(CONFIG).encode(),
        f"{Path(FOLDER).parent}/MODEL_CARD": b"a card",
    }
    for path, body in files.items():
        (root / path).parent.mkdir(parents=True, exist_ok=True)
        (root / path).write_bytes(body)
    index = {
        NAME: {
            "key": NAME,
            "language": CONFIG["language"],
            "quality": "medium",
            "files": {
                p: {"size_bytes": len(b), "md5_digest": hashlib.md5(b, usedforsecurity=False).hexdigest()}
                for p, b in files.items()
            },
            "aliases": ["de-probe-medium"],
        },
        "es_ES-other-medium": {"key": "es_ES-other-medium", "files": {}},
    }
    (root / "voices.json").write_text(json.dumps(index))
    handler = type("Handler", (Quiet,), {"asked": [], "cut": {}, "trickle": {}})
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(handler, directory=str(root)))
    thread = threading.Thread(target=server.serve_forever, args=(0.02,), daemon=True)
    thread.start()
    monkeypatch.setenv(download.URL_VARIABLE, f"http://127.0.0.1:{server.server_address[1]}/")
    monkeypatch.setenv("VOICEKIT_DATA_DIR", str(tmp_path / "data"))
    try:
        yield root, handler
    finally:
        server.shutdown()
        server.server_close()


def installed_files(tmp_path: Path) -> list[str]:
    folder = tmp_path / "data" / "piper"
    return sorted(str(p.relative_to(folder)) for p in folder.rglob("*")) if folder.exists() else []


def test_a_voice_is_installed_whole_with_its_config_and_checked(repository, tmp_path, run_cli):
    root, handler = repository
    ran = run_cli("voices", "--download", NAME)
    assert ran.code == 0, ran.err
    assert ran.out.startswith(f"{NAME} (de-de): installed, ") and ran.out.strip().endswith(f"{NAME}.onnx")
    assert installed_files(tmp_path) == [NAME, f"{NAME}/{NAME}.onnx", f"{NAME}/{NAME}.onnx.json"]
    model = tmp_path / "data" / "piper" / NAME / f"{NAME}.onnx"
    assert model.read_bytes() == (root / f"{FOLDER}.onnx").read_bytes()
    assert [v.name for v in piper_voices.downloaded()] == [NAME] and piper_voices.for_language("de") == NAME
    assert piper_voices.for_language("de-AT") == NAME and piper_voices.for_language("es") is None
    asked = len(handler.asked)
    again = run_cli("voices", "--download", NAME)
    assert "already installed" in again.out and len(handler.asked) == asked  # nothing fetched


def test_an_alias_finds_the_voice(repository, tmp_path):
    with pytest.raises(DownloadError, match="not a Piper voice name"):
        download.download("de-probe-medium")
    path, fresh = download.download(NAME)
    assert fresh and path.is_file()


@pytest.mark.parametrize(
    ("spoil", "message"),
    [
        ("damaged", "arrived damaged (its MD5 is not the index's); nothing was installed"),
        ("short", "was cut short: 3000 of 16384 bytes; nothing was installed"),
        ("long", "is larger than the index says (16384 bytes); nothing was installed"),
        ("dropped", "was cut short: 5000 of 16384 bytes; nothing was installed"),
        ("missing", "the server answered 404"),
        ("config", "is not a voice's config (not JSON)"),
    ],
)
def test_a_failed_partial_or_corrupt_download_leaves_nothing_and_says_why(
    repository, tmp_path, run_cli, spoil, message
):
    root, handler = repository
    model = root / f"{FOLDER}.onnx"
    if spoil == "damaged":
        model.write_bytes(bytes(reversed(model.read_bytes())))  # the same size, other bytes
    elif spoil == "short":
        model.write_bytes(model.read_bytes()[:3000])
    elif spoil == "long":
        model.write_bytes(model.read_bytes() * 2)
    elif spoil == "dropped":
        handler.cut[model.name] = 5000
    elif spoil == "missing":
        model.unlink()
    else:  # a config that is not JSON, with its size and MD5 in the index
        config = root / f"{FOLDER}.onnx.json"
        config.write_bytes(b"{not json" + b" " * (config.stat().st_size - 9))
        index = json.loads((root / "voices.json").read_text())
        index[NAME]["files"][f"{FOLDER}.onnx.json"]["md5_digest"] = hashlib.md5(config.read_bytes()).hexdigest()
        (root / "voices.json").write_text(json.dumps(index))
    assert_one_line_error(run_cli("voices", "--download", NAME), message)
    assert installed_files(tmp_path) == []  # not the voice, not a temporary
    assert piper_voices.for_language("de") is None


@pytest.mark.parametrize(
    ("name", "message"),
    [
        ("de_DE-prob-medium", "has no voice 'de_DE-prob-medium'; did you mean 'de_DE-probe-medium'?"),
        ("es_ES-other-medium", "lacks its .onnx or .onnx.json file"),
        ("thorsten", "'thorsten' is not a Piper voice name (they look like de_DE-thorsten-medium) nor a language"),
    ],
)
def test_an_unknown_voice_is_named_with_a_suggestion(repository, run_cli, name, message):
    assert_one_line_error(run_cli("voices", "--download", name), message)


def test_an_unreachable_repository_is_one_line(tmp_path, monkeypatch, run_cli):
    import socket

    with socket.socket() as s:  # a port nothing listens on
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    monkeypatch.setenv(download.URL_VARIABLE, f"http://127.0.0.1:{port}")
    monkeypatch.setenv("VOICEKIT_DATA_DIR", str(tmp_path / "data"))
    assert_one_line_error(run_cli("voices", "--download", NAME), f"cannot reach 127.0.0.1:{port}")
    assert installed_files(tmp_path) == []


def test_what_a_killed_download_left_is_swept_and_an_incomplete_voice_replaced(repository, tmp_path):
    from helpers import dead_pid

    folder = tmp_path / "data" / "piper"
    stale = folder / f".{NAME}.{dead_pid()}-abc.part"
    stale.mkdir(parents=True)
    (stale / f"{NAME}.onnx").write_bytes(b"half")
    (folder / NAME).mkdir()  # the voice's model as the index has it, its config deleted by hand
    (folder / NAME / f"{NAME}.onnx").write_bytes((repository[0] / f"{FOLDER}.onnx").read_bytes())
    path, fresh = download.download(NAME)
    assert fresh and installed_files(tmp_path) == [NAME, f"{NAME}/{NAME}.onnx", f"{NAME}/{NAME}.onnx.json"]
    assert path.stat().st_size == 16384


def test_a_practice_in_the_voice_s_language_speaks_with_it_by_default(repository, write_seq, run_cli):
    from helpers import MINIMAL

    from voicekit.plan.options import BuildOptions, resolve
    from voicekit.sequence.loader import load_sequence

    german = load_sequence(write_seq(MINIMAL + "language: de\n"))
    english = load_sequence(write_seq(MINIMAL))
    before = resolve(german, BuildOptions(), settled).voice
    assert (before.engine, before.id) == ("pyttsx3", "gmw/de")  # no Piper voice of the language yet
    download.download(NAME)
    after = resolve(german, BuildOptions(), settled).voice
    if PIPER_INSTALLED:
        assert (after.engine, after.id) == ("piper", NAME)
        assert resolve(english, BuildOptions(), settled).voice.id == "en_US-joe-medium"
    else:
        assert after.engine == "pyttsx3"
    assert resolve(german, BuildOptions(engine="pyttsx3"), settled).voice.id == "gmw/de"


@needs_piper
def test_voices_lists_a_downloaded_voice_with_its_language(repository, run_cli):
    download.download(NAME)
    out = run_cli("voices", "--engine", "piper").out
    assert "en_US-joe-medium" in out
    line = next(line for line in out.splitlines() if line.startswith(NAME))
    assert "[de-de]" in line and "Deutsch" in line


@needs_piper
def test_piper_without_a_voice_of_the_language_says_how_to_get_one(write_seq, run_cli, tmp_path, monkeypatch):
    from helpers import MINIMAL

    monkeypatch.setenv("VOICEKIT_DATA_DIR", str(tmp_path / "data"))
    path = write_seq(MINIMAL + "language: es\nvoice:\n  engine: piper\n")  # the engine on line 8
    line = assert_one_line_error(run_cli("check", path), f"{path}:8: voice: no Piper voice for the language es")
    assert "`voicekit voices --download es` installs es_ES-davefx-medium, or speak with espeak-ng" in line
    ran = run_cli("plan", write_seq(MINIMAL + "language: es\n", "other.yaml"), "--engine", "piper")
    assert_one_line_error(ran, "no Piper voice for the language es", "engine pyttsx3")


# --- a folder of the voice's name that holds something else -----------------------------------------


@pytest.mark.parametrize(
    ("make", "message"),
    [
        ("notes", "holds files that are not the voice's (NOTES.txt, de_DE-probe-medium.onnx)"),
        ("file", "is a file, not the voice's folder"),
        ("link", "is a link, not the voice's folder"),
    ],
)
def test_a_folder_of_the_voice_s_name_holding_anything_else_is_left_alone(repository, tmp_path, run_cli, make, message):
    _, handler = repository
    folder = tmp_path / "data" / "piper" / NAME
    folder.parent.mkdir(parents=True)
    if make == "notes":  # the user's own model of that name, and notes beside it
        folder.mkdir()
        (folder / f"{NAME}.onnx").write_bytes(b"my own model")
        (folder / "NOTES.txt").write_text("how I trained it")
    elif make == "file":
        folder.write_text("a file of that name")
    else:
        (tmp_path / "elsewhere").mkdir()
        (tmp_path / "elsewhere" / "keep.txt").write_text("kept")
        folder.symlink_to(tmp_path / "elsewhere")
    before = {str(p): p.read_bytes() for p in tmp_path.rglob("*") if p.is_file() and "data" in p.parts}
    line = assert_one_line_error(run_cli("voices", "--download", NAME), str(folder), message, "move")
    assert "nothing was installed" in line
    assert {str(p): p.read_bytes() for p in tmp_path.rglob("*") if p.is_file() and "data" in p.parts} == before
    assert handler.asked == ["/voices.json"]  # refused before the voice was fetched
    if make == "link":
        assert (tmp_path / "elsewhere" / "keep.txt").read_text() == "kept"


def test_a_file_the_user_puts_in_the_voice_s_folder_during_the_download_is_kept(repository, tmp_path):
    folder = tmp_path / "data" / "piper" / NAME

    def user_saves_notes(done: int, total: int) -> None:
        folder.mkdir(parents=True, exist_ok=True)
        (folder / "NOTES.txt").write_text("mine")

    with pytest.raises(DownloadError, match="holds files that are not the voice's"):
        download.download(NAME, user_saves_notes)
    assert installed_files(tmp_path) == [NAME, f"{NAME}/NOTES.txt"]


# --- a server that trickles, loops or sends what an index is not -------------------------------------


@pytest.fixture
def quick_stall(monkeypatch):
    """A stall is fewer than 100 bytes in half a second (as a voice's download is fewer than its
    minimum in its window): the tests see one in about a second, not half a minute."""
    monkeypatch.setattr(transfer, "STALL_S", 0.5)
    monkeypatch.setattr(transfer, "MIN_BYTES_PER_S", 200)


@pytest.mark.parametrize(
    ("file", "how", "message"),
    [
        (f"{NAME}.onnx", "body", f"the download of {NAME}.onnx stalled after "),
        (f"{NAME}.onnx", "headers", f"the download of {NAME}.onnx stalled after 0 of 16384 bytes"),
        ("voices.json", "body", "voices.json stalled"),
    ],
)
def test_a_server_that_trickles_is_a_stall_in_one_line(repository, tmp_path, run_cli, quick_stall, file, how, message):
    _, handler = repository
    handler.trickle[file] = how
    started = time.monotonic()
    line = assert_one_line_error(run_cli("voices", "--download", NAME), message, "less than 200 bytes a second")
    assert time.monotonic() - started < 3
    assert (installed_files(tmp_path) == [] and "after 0 of" not in line) or how == "headers"


def test_a_redirect_loop_is_one_line(repository, tmp_path, run_cli, monkeypatch):
    monkeypatch.setenv(download.URL_VARIABLE, os.environ[download.URL_VARIABLE] + "loop/")
    line = assert_one_line_error(run_cli("voices", "--download", NAME), "redirects in a loop")
    assert installed_files(tmp_path) == [] and "\n" not in line


def write_index(root: Path, index: object) -> None:
    (root / "voices.json").write_text(json.dumps(index))


@pytest.mark.parametrize(
    ("index", "message"),
    [
        ({"x": "a string", "y": 3, NAME: ["a list"]}, f"the index's entry for {NAME} is not a voice's description"),
        ({"x": "a string", "y": None}, f"has no voice {NAME!r}"),
        ({"es_ES-other-medium": {"aliases": f"{NAME}-old"}}, f"has no voice {NAME!r}"),
        ({"../../escape-medium": {"aliases": [NAME]}}, f"has no voice {NAME!r}"),
    ],
)
def test_an_index_that_is_not_a_voice_s_is_one_line(repository, tmp_path, run_cli, index, message):
    root, _ = repository
    write_index(root, index)
    line = assert_one_line_error(run_cli("voices", "--download", NAME), message)
    assert installed_files(tmp_path) == []
    if "has no voice" in line:  # the index named is the one read
        assert f"{os.environ[download.URL_VARIABLE]}voices.json" in line and "huggingface" not in line


def test_an_alias_is_compared_whole_and_installs_the_voice_s_own_name(repository, tmp_path):
    root, _ = repository
    index = json.loads((root / "voices.json").read_text())
    index[NAME]["aliases"] = ["de_DE-probeold-medium"]
    decoy = {"files": {}, "aliases": "de_DE-probeold-medium-and-more"}  # holds the name, but is not it
    write_index(root, {"de_DE-decoy-medium": decoy, **index})
    path, fresh = download.download("de_DE-probeold-medium")
    assert fresh and path == tmp_path / "data" / "piper" / NAME / f"{NAME}.onnx"
    assert installed_files(tmp_path) == [NAME, f"{NAME}/{NAME}.onnx", f"{NAME}/{NAME}.onnx.json"]


# --- the natural voice recommended for each language ---------------------------------------------------


def publish(root: Path, name: str) -> str:
    """Add the voice ``name`` to the local repository's index, its files where the Piper voices repository
    keeps them (``pt/pt_PT/tugão/medium/pt_PT-tugão-medium.onnx``); the model's path there."""
    region, speaker, quality = name.split("-")
    config = {**CONFIG, "language": {"code": region, "family": region[:2], "name_native": region}}
    files = {".onnx": bytes(range(256)) * 16, ".onnx.json": json.dumps(config).encode()}
    folder = f"{region[:2]}/{region}/{speaker}/{quality}/{name}"
    index = json.loads((root / "voices.json").read_text())
    index[name] = {"files": {}}
    for suffix, body in files.items():
        (root / f"{folder}{suffix}").parent.mkdir(parents=True, exist_ok=True)
        (root / f"{folder}{suffix}").write_bytes(body)
        md5 = hashlib.md5(body, usedforsecurity=False).hexdigest()
        index[name]["files"][f"{folder}{suffix}"] = {"size_bytes": len(body), "md5_digest": md5}
    write_index(root, index)
    return f"{folder}.onnx"


@pytest.mark.parametrize(
    ("short", "voice"),
    [("de", "de_DE-thorsten-medium"), ("pt", "pt_PT-tugão-medium"), ("PT_br", "pt_BR-faber-medium")],
)
def test_a_language_s_short_name_downloads_its_recommended_voice(repository, tmp_path, run_cli, short, voice):
    root, handler = repository
    path = publish(root, voice)
    ran = run_cli("voices", "--download", short)
    assert ran.code == 0, ran.err
    assert ran.out.startswith(f"{voice} ({voice.split('-')[0].replace('_', '-').lower()}): installed, ")
    assert installed_files(tmp_path) == [voice, f"{voice}/{voice}.onnx", f"{voice}/{voice}.onnx.json"]
    assert handler.asked[-1] == "/" + urllib.parse.quote(path)  # the ã sent as UTF-8, escaped
    assert piper_voices.for_language(short.replace("_", "-")) == voice
    assert piper_voices.to_download(short.replace("_", "-")) is None


def test_each_language_has_a_recommended_voice_and_the_command_that_gets_it():
    from voicekit.language.phrases import BUILT_IN

    for tag in (*BUILT_IN, "pt-br"):
        voice = piper_voices.recommended(tag)
        assert voice is not None and PIPER_NAME.fullmatch(voice), tag
        assert voice.split("-")[0].lower().replace("_", "-").startswith(tag), (tag, voice)
    suggested = piper_voices.to_download("de-AT")  # no voice of its own region: its language's
    assert suggested == piper_voices.Suggestion("de_DE-thorsten-medium", "voicekit voices --download de")
    brazilian = piper_voices.to_download("pt-BR")
    assert brazilian is not None and brazilian.command == "voicekit voices --download pt-BR"
    assert piper_voices.to_download("ja") is None and piper_voices.recommended("ja") is None


@needs_piper
def test_voices_names_the_natural_voice_each_language_lacks_until_it_is_installed(repository, run_cli):
    root, _ = repository
    before = run_cli("voices", "--engine", "piper").out
    assert "  de     de_DE-thorsten-medium        voicekit voices --download de\n" in before
    assert "  pt-BR  pt_BR-faber-medium           voicekit voices --download pt-BR\n" in before
    assert "en_US-joe-medium" not in before.split("Natural voices")[1]  # the shipped voice speaks English
    publish(root, "de_DE-thorsten-medium")
    assert run_cli("voices", "--download", "de").code == 0
    after = run_cli("voices", "--engine", "piper").out
    assert "--download de\n" not in after and "--download pt-BR\n" in after
    assert after.splitlines()[1].startswith("de_DE-thorsten-medium")
