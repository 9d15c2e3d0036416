"""What a server is told when it starts: ``Settings`` (the output folder, the cache, the default build
options, the token and the host names it answers to)."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from voicekit.plan.options import BuildOptions
from voicekit.web.keep import DEFAULT_LIMIT

LOOPBACK = ("127.0.0.1", "localhost", "[::1]")


@dataclass(frozen=True)
class Settings:
    """What a server is told when it starts."""

    output: Path = Path("output")
    """The output folder: built versions are written here, and every file in it can be fetched."""
    cache_dir: Path | None = None
    """The clip cache (None: $VOICEKIT_CACHE_DIR, else the user's cache folder)."""
    defaults: BuildOptions = field(default_factory=BuildOptions)
    """Build options every version starts from (the page's choices override holds and voice)."""
    token: str | None = None
    """With --lan: every URL starts with /TOKEN/; any other gets 404."""
    hosts: tuple[str, ...] = LOOPBACK
    """Host names requests may name (the LAN address too, with --lan)."""
    engines: tuple[str, ...] | None = None
    """Engines whose voices the page offers (None: every installed engine but the fake one)."""
    max_builds: int = 4
    """Builds running or waiting at most (one runs at a time); one more is answered 503."""
    keep: int = DEFAULT_LIMIT
    """Bytes the versions built on demand may take in the output folder (the least recently played go first)."""
    prepare: bool = False
    """Build each shipped practice's default version while idle (``serve`` does, unless --no-prepare)."""
    idle_s: float = 10.0
    """Seconds without a request after which the server counts as idle (for ``prepare``)."""
