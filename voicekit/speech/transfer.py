"""HTTP GETs that end: a body read as it arrives, and a transfer that stalls ended.

A per-read timeout never ends a transfer from a server that sends a byte a second, or its headers a
byte at a time: a watch thread shuts the connection when too little has come for too long. Only the
standard library's urllib; redirects (and proxies from the environment) as urllib follows them.
"""

from __future__ import annotations

import contextlib
import http.client
import socket
import threading
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Iterator

from voicekit.errors import DownloadError

CHUNK = 1 << 16
TIMEOUT_S = 60.0  # for each connect and each read
STALL_S = 30.0
MIN_BYTES_PER_S = 1024
"""A transfer that brings fewer than MIN_BYTES_PER_S bytes a second over STALL_S seconds has stalled (the
tests make both small)."""
BROKE_OFF = (TimeoutError, ConnectionError, urllib.error.URLError, http.client.HTTPException)
"""What a connection that broke off raises."""


class Stalled(Exception):
    """The server sent too little for too long (``_Watch``)."""


def too_slow() -> str:
    return f"less than {MIN_BYTES_PER_S} bytes a second for {STALL_S:g} s"


class _Watch:
    """Ends a transfer that stalls by shutting its socket (a read waiting on it then returns): from the
    request on, each STALL_S seconds must bring MIN_BYTES_PER_S bytes a second of the body."""

    def __init__(self) -> None:
        self.got = 0
        self.stalled = False
        self._sock: socket.socket | None = None
        self._lock = threading.Lock()
        self._done = threading.Event()
        threading.Thread(target=self._run, args=(STALL_S, MIN_BYTES_PER_S * STALL_S), daemon=True).start()

    def attach(self, sock: socket.socket) -> None:
        """Watch the connection's socket (a redirect's too)."""
        with self._lock:
            self._sock = sock
            if self.stalled:
                self._shut()

    def close(self) -> None:
        self._done.set()

    def _run(self, window: float, least: float) -> None:
        last = 0
        while not self._done.wait(window):
            if self.got - last < least:
                with self._lock:
                    self.stalled = True
                    self._shut()
                return
            last = self.got

    def _shut(self) -> None:
        if self._sock is not None:
            with contextlib.suppress(OSError):  # the plain socket's shutdown, under TLS too
                socket.socket.shutdown(self._sock, socket.SHUT_RDWR)


@contextlib.contextmanager
def get(url: str) -> Iterator[Iterator[bytes]]:
    """``url``'s body, chunk by chunk as it arrives; Stalled when the server sends too little."""
    watch = _Watch()
    try:
        with _opened(url, watch) as response:
            yield _chunks(response, watch)
    finally:
        watch.close()


def _chunks(response: http.client.HTTPResponse, watch: _Watch) -> Iterator[bytes]:
    try:
        while chunk := response.read1(CHUNK):  # what has arrived, not a whole CHUNK: the watch sees it
            watch.got += len(chunk)
            yield chunk
    except (*BROKE_OFF, OSError):
        if watch.stalled:
            raise Stalled from None
        raise
    if watch.stalled:
        raise Stalled


def _opened(url: str, watch: _Watch) -> http.client.HTTPResponse:
    try:
        return _opener(watch).open(url, timeout=TIMEOUT_S)
    except urllib.error.HTTPError as e:
        e.close()
        if 300 <= e.code < 400 and "loop" in str(e.reason):
            raise DownloadError(f"{url}: the server redirects in a loop; is the address right?") from None
        raise DownloadError(f"{url}: the server answered {e.code} {one_line(e.reason)}") from None
    except (OSError, http.client.HTTPException) as e:  # URLError is an OSError
        if watch.stalled:
            raise Stalled from None
        host = urllib.parse.urlsplit(url).netloc
        raise DownloadError(f"cannot reach {host}: {one_line(getattr(e, 'reason', e))}") from None


def _opener(watch: _Watch) -> urllib.request.OpenerDirector:
    """urllib's opener, its connections (redirects' too) watched by ``watch``."""

    def watched(connection: type[http.client.HTTPConnection]) -> type[http.client.HTTPConnection]:
        class Watched(connection):  # type: ignore[valid-type,misc]
            def connect(self) -> None:
                super().connect()
                watch.attach(self.sock)

        return Watched

    class Plain(urllib.request.HTTPHandler):
        def do_open(self, http_class, req, **kwargs):
            return super().do_open(watched(http_class), req, **kwargs)

    class Secure(urllib.request.HTTPSHandler):
        def do_open(self, http_class, req, **kwargs):
            return super().do_open(watched(http_class), req, **kwargs)

    return urllib.request.build_opener(Plain, Secure)


def one_line(said: object) -> str:
    """What a server said, as one short printable line."""
    text = " ".join(str(said).split())
    return "".join(c if c.isprintable() else "?" for c in text)[:200]
