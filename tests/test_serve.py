"""voicekit serve: the address printed, Ctrl-C stopping it cleanly, a port in use said in one line,
and with --lan a token in the address and a QR code of it."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys

import httpx
import pytest
from helpers import assert_one_line_error

from voicekit.plan.options import BuildOptions
from voicekit.web.settings import Settings


def test_serve_prints_its_address_answers_there_and_stops_on_ctrl_c(tmp_path):
    env = {**os.environ, "VOICEKIT_CACHE_DIR": str(tmp_path / "cache")}
    args = ["serve", "--port", "0", "--output-dir", str(tmp_path / "out"), "--engine", "fake"]
    proc = subprocess.Popen(
        [sys.executable, "-m", "voicekit", *args], env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True
    )
    assert proc.stdout and proc.stderr
    try:
        first = proc.stdout.readline()
        assert first.startswith("voicekit: serving the practices at http://127.0.0.1:"), first + proc.stderr.read()
        url = first.split(" at ")[1].split()[0]
        assert proc.stdout.readline() == f"podcast feed: {url}feed.xml\n"
        answer = httpx.get(url + "feed.xml", timeout=30)
        assert answer.status_code == 200 and "<rss" in answer.text
        assert (tmp_path / "out").is_dir()
        proc.send_signal(signal.SIGINT)
        out, err = proc.communicate(timeout=20)
    finally:
        proc.kill()
    assert proc.returncode == 0, err
    assert out == "voicekit: stopped\n"
    assert "Traceback" not in err


def test_a_port_in_use_is_one_line(run_cli, tmp_path):
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        ran = run_cli("serve", "--port", port, "--output-dir", tmp_path)
    assert_one_line_error(ran, f"cannot listen on 127.0.0.1:{port}", "choose another --port")


def test_with_lan_every_url_carries_a_new_token_and_a_qr_code_of_it(monkeypatch, tmp_path):
    from voicekit.web import server

    monkeypatch.setattr(server, "lan_address", lambda: "127.0.0.1")  # no network here: the loopback stands in
    settings, sock, address = server.prepare(Settings(output=tmp_path), 0, lan=True)
    sock.close()
    again, sock, _ = server.prepare(Settings(output=tmp_path), 0, lan=True)
    sock.close()
    assert settings.token and len(settings.token) >= 20 and settings.token != again.token
    assert address.url == f"http://127.0.0.1:{address.port}/{settings.token}/"
    lines = server.announce(address)
    assert lines[0].startswith(f"voicekit: serving the practices at {address.url}")
    assert _modules(lines[-1]) == _modules(server.qr_text(address.url))  # the same code for the same address
    assert again.token is not None
    assert _modules(lines[-1]) != _modules(server.qr_text(address.url.replace(settings.token, again.token)))
    assert server.announce(server.Address("127.0.0.1", 8765, None))[0].endswith("8765/  (Ctrl-C stops)")


def _modules(text: str) -> list[str]:
    """The QR code's rows of modules, two per line of half blocks (light: '#', dark: '.')."""
    top = {"█": "#", "▀": "#", "▄": ".", " ": "."}
    bottom = {"█": "#", "▀": ".", "▄": "#", " ": "."}
    rows = text.splitlines()
    assert rows and len({len(row) for row in rows}) == 1 and set("".join(rows)) <= set(top)
    out: list[str] = []
    for row in rows:
        out += ["".join(top[c] for c in row), "".join(bottom[c] for c in row)]
    assert len(out) - 1 <= len(out[0]) <= len(out)  # square (the last half row may be blank)
    return out


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--engine", "nonsense"], "unknown speech engine 'nonsense'; choose one of"),
        (
            ["--engine", "fake", "--cache-dir", "{tmp}/a-file/cache"],
            "the cache folder {tmp}/a-file/cache cannot be made",
        ),
    ],
)
def test_what_every_build_would_fail_on_is_one_line_at_start_up(run_cli, tmp_path, monkeypatch, args, message):
    from voicekit.web import server

    started = []
    monkeypatch.setattr(server, "serve", lambda *a: started.append(a))  # a server that would then answer 500s
    (tmp_path / "a-file").write_text("not a folder")
    args = [a.format(tmp=tmp_path) for a in args]
    assert_one_line_error(
        run_cli("serve", "--port", "0", "--output-dir", tmp_path / "out", *args), message.format(tmp=tmp_path)
    )
    assert not started


@pytest.mark.parametrize(("flag", "prepare"), [((), True), (("--no-prepare",), False)])
def test_serve_prepares_in_the_background_unless_told_not_to(run_cli, monkeypatch, tmp_path, flag, prepare):
    from voicekit.web import server

    seen = []
    monkeypatch.setattr(server, "serve", lambda settings, port, lan, say: seen.append(settings))
    ran = run_cli("serve", "--port", "0", "--output-dir", tmp_path, *flag)
    assert ran.code == 0, ran.err
    assert [s.prepare for s in seen] == [prepare]


def test_guidance_given_to_serve_is_every_build_s_default(run_cli, tmp_path, monkeypatch):
    given: list[Settings] = []
    monkeypatch.setattr("voicekit.web.server.serve", lambda settings, *_: given.append(settings))
    ran = run_cli("serve", "--port", "0", "--output-dir", tmp_path, "--engine", "fake", "--guidance", "quiet")
    assert ran.code == 0, ran.err
    assert given[0].defaults.guidance == "quiet"  # the page's own choice, when made, wins over it
    assert_one_line_error(run_cli("serve", "--guidance", "hushed"), "--guidance must be one of quiet, guided, full")


@pytest.mark.parametrize(
    "options",
    [
        BuildOptions(engine="fake", guidance="quiet"),
        BuildOptions(engine="fake", holds="long", voice="high", rate=150, breath_s=5.0, scale=1.5),
    ],
    ids=["guidance", "the-rest"],
)
def test_the_background_preparation_builds_with_every_option_the_server_was_given(options):
    """Its ``voicekit build`` command line, read as the command reads it, asks for the version Play does
    (else the version prepared is not the one Play finds, and Play builds it again)."""
    from voicekit.cli.common import variants_of
    from voicekit.cli.practice import build
    from voicekit.web.prepare import arguments

    params = build.make_context("build", ["practice.yaml", *arguments(options)]).params
    apart = ("sequences", "output", "fmt", "companions", "watch", "quiet", "cache_dir")
    ((_, asked),) = variants_of(**{k: v for k, v in params.items() if k not in apart})
    assert asked == options
