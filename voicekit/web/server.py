"""Running the app: a socket bound on the loopback (or, with --lan, on this machine's address on the
home network, with a token in every URL and a QR code of the address), uvicorn serving it until
Ctrl-C."""

from __future__ import annotations

import io
import secrets
import socket
from collections.abc import Callable
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING

import segno
import uvicorn

from voicekit.errors import OptionsError
from voicekit.web.app import make_app
from voicekit.web.connections import Limits, protocol
from voicekit.web.settings import LOOPBACK, Settings

if TYPE_CHECKING:
    import uvicorn
    from starlette.types import ASGIApp


@dataclass(frozen=True)
class Address:
    """Where the server listens and the URL of its library page."""

    host: str
    port: int
    token: str | None

    @property
    def url(self) -> str:
        return f"http://{self.host}:{self.port}/" + (f"{self.token}/" if self.token else "")


def lan_address() -> str:
    """This machine's address on its network: the one its route out leaves from. Connecting a UDP
    socket sends nothing; it only asks the kernel which local address that route uses."""
    with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as probe:
        try:
            probe.connect(("192.0.2.1", 9))  # TEST-NET-1: never routed anywhere, nothing is sent
            address = probe.getsockname()[0]
        except OSError:
            address = ""
    if not address or address.startswith("127."):
        raise OptionsError("--lan: this machine has no address on a network; connect it to one (Wi-Fi, Ethernet)")
    return address


def bind(host: str, port: int) -> socket.socket:
    """A listening socket on ``host:port`` (port 0: any free one)."""
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    try:
        sock.bind((host, port))
    except OSError as e:
        sock.close()
        raise OptionsError(f"cannot listen on {host}:{port} ({e.strerror}); choose another --port") from None
    sock.listen(128)
    sock.setblocking(False)
    return sock


def qr_text(url: str) -> str:
    """The URL as a QR code drawn with block characters, for a phone's camera to read off the terminal."""

    out = io.StringIO()
    segno.make(url, error="m").terminal(out=out, compact=True, border=2)
    return out.getvalue()


def prepare(settings: Settings, port: int, lan: bool) -> tuple[Settings, socket.socket, Address]:
    """The settings to serve with (with ``lan``: a new token, and the LAN address among the host names),
    the bound socket, and the address to print."""
    host = lan_address() if lan else "127.0.0.1"
    if lan:
        settings = replace(settings, token=secrets.token_urlsafe(16), hosts=(*LOOPBACK, host))
    sock = bind(host, port)
    return settings, sock, Address(host, sock.getsockname()[1], settings.token)


def announce(address: Address) -> list[str]:
    """What ``serve`` prints: the address, the feed, and with a token, the QR code of the address."""
    lines = [f"voicekit: serving the practices at {address.url}  (Ctrl-C stops)"]
    lines.append(f"podcast feed: {address.url}feed.xml")
    if address.token:
        lines += ["open it on a phone on the same network (the code in the address is its key):", qr_text(address.url)]
    return lines


def config(app: ASGIApp, limits: Limits | None = None) -> uvicorn.Config:
    """How uvicorn serves the app: h11 with the deadlines and the cap of ``limits`` (see
    ``connections``), no WebSocket, and no proxy headers: the server is never behind a proxy, so a
    client's X-Forwarded-For or -Proto must not change its address or the scheme of the feed's URLs."""
    limits = limits or Limits()
    return uvicorn.Config(
        app,
        http=protocol(limits),
        ws="none",
        proxy_headers=False,
        backlog=limits.backlog,
        timeout_keep_alive=limits.idle_s,
        h11_max_incomplete_event_size=limits.head_bytes,
        log_level="warning",
        lifespan="off",
        timeout_graceful_shutdown=3,
    )


def serve(settings: Settings, port: int, lan: bool, say: Callable[[str], None]) -> None:
    """Serve until Ctrl-C: on the loopback, or with ``lan`` on the network address with a token."""
    settings, sock, address = prepare(settings, port, lan)
    app = make_app(settings, warm=True)
    for line in announce(address):
        say(line)
    server = uvicorn.Server(config(app))
    try:
        server.run(sockets=[sock])
    except KeyboardInterrupt:  # uvicorn raises the signal again once it has shut down
        pass
    finally:
        sock.close()
    say("voicekit: stopped")
