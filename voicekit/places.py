"""Where voicekit keeps the user's things: settings (config), downloads (data), the clip cache."""

from __future__ import annotations

import os
import sys
from pathlib import Path

APP = "voicekit"
SHIPPED_DIR = Path(__file__).parent / "shipped"  # not importlib.resources: 3% of a warm rebuild to import
"""What ships inside the package (package data, so a wheel has it too): the pose library (poses/), the
practices (sequences/) and the JSON Schema (schema/). A checkout links its top-level folders here."""


def config_dir() -> Path:
    """The user's settings: pronunciations, their own poses and practices ($VOICEKIT_CONFIG_DIR first)."""
    return _place("VOICEKIT_CONFIG_DIR", "XDG_CONFIG_HOME", ".config", "Application Support", "APPDATA")


def data_dir() -> Path:
    """What the user installs: downloaded voices ($VOICEKIT_DATA_DIR first)."""
    return _place("VOICEKIT_DATA_DIR", "XDG_DATA_HOME", ".local/share", "Application Support", "LOCALAPPDATA")


def cache_dir() -> Path:
    """The clip cache: safe to delete ($VOICEKIT_CACHE_DIR first)."""
    return _place("VOICEKIT_CACHE_DIR", "XDG_CACHE_HOME", ".cache", "Caches", "LOCALAPPDATA")


def _place(own: str, xdg: str, xdg_default: str, mac: str, windows: str) -> Path:
    if os.environ.get(own):
        return Path(os.environ[own])
    if sys.platform == "darwin":
        return Path.home() / "Library" / mac / APP
    if sys.platform == "win32":
        fallback = Path.home() / "AppData" / ("Local" if windows == "LOCALAPPDATA" else "Roaming")
        return Path(os.environ.get(windows) or fallback) / APP
    return Path(os.environ.get(xdg) or Path.home() / xdg_default) / APP
