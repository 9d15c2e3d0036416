"""Connections a slow or idle client cannot keep: each request must arrive whole within a deadline, a
response the client stops reading is given up after a while, and at the cap a new connection closes
the one that has made no progress for longest.

uvicorn closes a kept-alive connection that stays idle after a response (``timeout_keep_alive``), but
not one that has sent nothing yet or sends its request slowly (a header line every few seconds: its
timer is reset by every byte and armed only after a response); and ``limit_concurrency`` counts those
connections too, then answers every new request 503. So ``Protocol`` (uvicorn's h11 protocol, chosen
explicitly: httptools, where installed, would bring its own) adds:

- a deadline for each request, head and body, from its first byte (or from the connection's start);
- a deadline for a response the client does not read (its writing stays paused);
- a cap on open connections: one more closes the connection stalled longest, waiting for a request or
  for its reader; if none is stalled (every one is being answered), the new connection is closed.
"""

from __future__ import annotations

import asyncio
from dataclasses import dataclass
from typing import ClassVar

import h11
from uvicorn.protocols.http.h11_impl import H11Protocol


@dataclass(frozen=True)
class Limits:
    """What a connection may take of the server."""

    connections: int = 64
    """Open connections at most (a phone's browser opens up to six)."""
    request_s: float = 10.0
    """A request's head and body must arrive within this, from its first byte."""
    idle_s: int = 5
    """A kept-alive connection with no new request is closed after this (uvicorn's keep-alive timeout)."""
    stalled_s: float = 60.0
    """A response the client does not read for this long is given up (a player asks again with a Range)."""
    backlog: int = 64
    """Connections accepted at once: asyncio accepts up to this many in one go before any is looked at,
    so with uvicorn's 2048 a burst ran out of file descriptors (and asyncio, out of them, retries in a
    storm); with a small one the cap closes each burst before the next is accepted."""
    head_bytes: int = 16 * 1024
    """The request line and headers at most (h11 answers 400 beyond)."""


class Protocol(H11Protocol):
    """uvicorn's h11 protocol with the deadlines and the cap of ``limits`` (a subclass sets them)."""

    limits: ClassVar[Limits] = Limits()

    def connection_made(self, transport: asyncio.Transport) -> None:  # type: ignore[override]
        super().connection_made(transport)
        self._deadline: asyncio.TimerHandle | None = None
        self.stalled_since: float | None = None
        """Since when it has waited for its client: for a request, or to read the response; None while
        a request is being answered."""
        self._idle = False
        """Kept alive after a response, with nothing of a new request yet."""
        self._stall(self.limits.request_s)  # the first request counts from the connection's start
        if len(self.connections) > self.limits.connections:
            self._make_room()

    def data_received(self, data: bytes) -> None:
        if self._idle:  # a new request on a kept connection: its deadline runs from its first byte
            self._idle = False
            self._stall(self.limits.request_s)
        super().data_received(data)
        if not self._receiving() and not self.flow.write_paused:
            self._unstall()  # the request is whole: it is being answered

    def on_response_complete(self) -> None:
        super().on_response_complete()
        if self.flow.write_paused or not self._receiving():
            return  # the client is still to read the response, or a pipelined request is being answered
        self._idle = not self.conn.trailing_data[0]
        self._stall(self.limits.idle_s if self._idle else self.limits.request_s)

    def pause_writing(self) -> None:
        super().pause_writing()
        self._stall(self.limits.stalled_s)

    def resume_writing(self) -> None:
        super().resume_writing()
        self._unstall()
        if self._receiving():  # the response was whole and is read now: kept alive for the next request
            self._idle = True
            self._stall(self.limits.idle_s)

    def connection_lost(self, exc: Exception | None) -> None:
        self._unstall()
        super().connection_lost(exc)

    def _receiving(self) -> bool:
        """Whether a request is (or may be) on its way: nothing of it yet, or its head or body in part."""
        return self.conn.their_state in (h11.IDLE, h11.SEND_BODY)

    def _stall(self, seconds: float) -> None:
        self._unstall()
        self.stalled_since = self.loop.time()
        self._deadline = self.loop.call_later(seconds, self._close)

    def _unstall(self) -> None:
        if self._deadline is not None:
            self._deadline.cancel()
        self._deadline = None
        self.stalled_since = None

    def _close(self) -> None:
        """Close it now, dropping what its client has not read (``close`` would wait for that for ever)."""
        self._unstall()
        self.transport.abort()

    def _make_room(self) -> None:
        """At the cap: close the connection stalled longest, or else this new one."""
        stalled = [
            c
            for c in self.connections
            if isinstance(c, Protocol)
            and c is not self
            and c.stalled_since is not None
            and not c.transport.is_closing()
        ]
        min(stalled, key=lambda c: c.stalled_since or 0.0, default=self)._close()


def protocol(limits: Limits) -> type[Protocol]:
    """The protocol class uvicorn is given (it makes one per connection, with no arguments of ours)."""
    return type("LimitedProtocol", (Protocol,), {"limits": limits})
