"""Slow and idle clients cannot keep the server: on a loopback port, with low limits, sockets that send
a request a header line at a time (or nothing) are closed, a response nobody reads is given up, and a
normal client is answered all the while."""

from __future__ import annotations

import socket
import threading
import time

import httpx
import pytest
from helpers import running

from voicekit.web.app import make_app
from voicekit.web.connections import Limits
from voicekit.web.settings import Settings

LIMITS = Limits(connections=20, request_s=1.0, idle_s=1, stalled_s=1.0)
SLOW, SILENT = 50, 10


def connect(url: str, receive_buffer: int | None = None) -> socket.socket:
    host, port = url.removeprefix("http://").split(":")
    sock = socket.socket()
    if receive_buffer:
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, receive_buffer)
    sock.connect((host, int(port)))
    sock.setblocking(False)
    return sock


def closed(sock: socket.socket) -> bool:
    """Whether the server has closed it (what it sent before is read and dropped)."""
    try:
        while True:
            if sock.recv(65536) == b"":
                return True
    except BlockingIOError:
        return False
    except OSError:  # reset
        return True


class Client(threading.Thread):
    """A normal client: a new connection and a request every 0.1 s, each answered or not in time."""

    def __init__(self, url: str) -> None:
        super().__init__(daemon=True)
        self.url = url
        self.answers: list[tuple[int, float]] = []
        self.stop = threading.Event()

    def run(self) -> None:
        while not self.stop.wait(0.1):
            started = time.monotonic()
            try:
                status = httpx.get(f"{self.url}/static/style.css", timeout=5).status_code
            except httpx.HTTPError:
                status = 0
            self.answers.append((status, time.monotonic() - started))


@pytest.mark.slow
def test_slow_and_silent_clients_are_closed_while_a_normal_one_is_answered(tmp_path):
    with running(make_app(Settings(output=tmp_path)), LIMITS) as url:
        client = Client(url)
        client.start()
        time.sleep(0.3)
        sockets: dict[socket.socket, float] = {}
        for i in range(SLOW + SILENT):
            sock = connect(url)
            sockets[sock] = time.monotonic()
            if i < SLOW:
                sock.send(b"GET /static/style.css HTTP/1.1\r\nHost: 127.0.0.1\r\n")
        ended: dict[socket.socket, float] = {}
        deadline = time.monotonic() + LIMITS.request_s + 2
        while len(ended) < len(sockets) and time.monotonic() < deadline:
            for i, sock in enumerate(sockets):
                if sock in ended:
                    continue
                if closed(sock):
                    ended[sock] = time.monotonic() - sockets[sock]
                elif i < SLOW:
                    try:
                        sock.send(b"X-Slow: one more line\r\n")  # a header line now and then, never the end
                    except OSError:
                        ended[sock] = time.monotonic() - sockets[sock]
            time.sleep(0.2)
        time.sleep(0.3)
        client.stop.set()
        client.join(10)
        for sock in sockets:
            sock.close()
    assert len(ended) == SLOW + SILENT, f"{SLOW + SILENT - len(ended)} slow clients still open"
    assert max(ended.values()) < LIMITS.request_s + 1
    assert len(client.answers) >= 5
    assert all(status == 200 for status, _ in client.answers), client.answers
    assert max(seconds for _, seconds in client.answers) < 3  # (0.1 s when the machine is not busy)


@pytest.mark.slow
def test_a_response_nobody_reads_is_given_up(tmp_path):
    (tmp_path / "big.wav").write_bytes(bytes(32 * 1024 * 1024))
    with running(make_app(Settings(output=tmp_path)), LIMITS) as url:
        sock = connect(url, receive_buffer=4096)
        sock.send(b"GET /media/big.wav HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n")
        time.sleep(LIMITS.stalled_s + 1)  # reading nothing: the server's writing stalls
        assert httpx.get(f"{url}/static/style.css", timeout=5).status_code == 200
        received, started = 0, time.monotonic()
        sock.setblocking(True)
        sock.settimeout(5)
        try:
            while chunk := sock.recv(65536):
                received += len(chunk)
        except ConnectionResetError:
            pass
        sock.close()
    assert received < 32 * 1024 * 1024  # given up, not sent whole
    assert time.monotonic() - started < 5
