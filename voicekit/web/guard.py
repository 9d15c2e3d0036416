"""What every request passes first: the Host it names (a page on the loopback is never served to a
name another site points at this machine: DNS rebinding), the token (with ``--lan``, every URL starts
with it; without it the answer is 404, never a page), writes only from the server's own pages, and
headers that keep the pages and the token to themselves."""

from __future__ import annotations

import hmac
import re

from starlette.responses import PlainTextResponse, RedirectResponse
from starlette.types import ASGIApp, Message, Receive, Scope, Send

HEADERS = [
    (b"x-content-type-options", b"nosniff"),
    # The token never leaves in a Referer, yet the page's own form is sent with its Origin (under
    # no-referrer a browser sends "Origin: null", which the origin check must refuse).
    (b"referrer-policy", b"same-origin"),
    (b"x-frame-options", b"DENY"),
    (
        b"content-security-policy",
        b"default-src 'self'; img-src 'self' data:; media-src 'self'; style-src 'self'; script-src 'self'; "
        b"connect-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'",
    ),
]
SAFE_METHODS = ("GET", "HEAD")
# A Host header as a browser sends it: a name or an IPv4 address, or an IPv6 address in brackets, and an
# optional port; nothing else (no user part, no path, no second colon), so a name checked is the name used.
_HOST = re.compile(r"(\[[0-9a-f:.]+\]|[a-z0-9.-]+)(?::([0-9]{1,5}))?")


class Guard:
    """ASGI middleware: checks Host, token and origin, strips the token into ``root_path``, adds HEADERS."""

    def __init__(self, app: ASGIApp, token: str | None, hosts: tuple[str, ...]) -> None:
        self.app = app
        self.token = token
        self.hosts = {h.lower() for h in hosts}

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "lifespan":
            return await self.app(scope, receive, send)
        if scope["type"] != "http":
            return await PlainTextResponse("Not Found", 404)(scope, receive, send)

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                message = {**message, "headers": [*message.get("headers", []), *HEADERS]}
            await send(message)

        headers = dict(scope["headers"])
        hosts = [value for key, value in scope["headers"] if key == b"host"]
        host = hosts[0].decode("latin-1") if len(hosts) == 1 else ""  # RFC 9112: two Hosts are a bad request
        if _hostname(host) not in self.hosts:
            return await PlainTextResponse("unknown host", 400)(scope, receive, send_with_headers)
        path = scope["path"]
        if self.token is not None:
            first, slash, _ = path[1:].partition("/")
            if not hmac.compare_digest(first.encode(), self.token.encode()):
                return await PlainTextResponse("Not Found", 404)(scope, receive, send_with_headers)
            if not slash:
                return await RedirectResponse(f"/{self.token}/", 308)(scope, receive, send_with_headers)
            scope = {**scope, "root_path": scope.get("root_path", "") + "/" + self.token}
        if scope["method"] not in SAFE_METHODS and not _same_origin(headers, host):
            return await PlainTextResponse("only the server's own pages may ask for this", 403)(
                scope, receive, send_with_headers
            )
        await self.app(scope, receive, send_with_headers)


def _hostname(host: str) -> str | None:
    """'127.0.0.1:8765' -> '127.0.0.1'; '[::1]:8765' -> '[::1]'; None for anything that is not a host name
    with an optional port ('127.0.0.1:80@evil.example', '127.0.0.1:80/x', 'a:b:c')."""
    m = _HOST.fullmatch(host.lower())
    if m is None or (m[2] is not None and int(m[2]) > 65535):
        return None
    return m[1]


def _same_origin(headers: dict[bytes, bytes], host: str) -> bool:
    """A browser names where a request comes from (Origin, Sec-Fetch-Site): only this server's pages
    may ask for a build. A client that names neither (curl, a script) is not a browser led astray."""
    origin = headers.get(b"origin")
    if origin is not None and origin.decode("latin-1") not in (f"http://{host}", f"https://{host}"):
        return False
    site = headers.get(b"sec-fetch-site")
    return site is None or site in (b"same-origin", b"none")
