"""A deterministic engine for tests: a tone whose length is known from the text.

Each word lasts ``plan.estimate.FAKE_WORD_MS`` at 150 words per minute, scaled by the rate, so tests
and plans can predict every clip exactly without a real synthesizer (``fake_clip_ms``).
"""

from __future__ import annotations

import math
import time
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from voicekit.errors import EngineError
from voicekit.plan.estimate import fake_clip_ms
from voicekit.speech.engines import InstalledVoice

if TYPE_CHECKING:
    import numpy as np

RATE_HZ = 22050


class FakeEngine:
    name = "fake"
    isolated = False
    fresh_per_clip = False

    def synthesize(self, text: str, voice: str | None, rate: int, scratch: Path) -> tuple[np.ndarray, int]:
        import numpy as np

        if "HANG" in text:  # lets tests exercise timeouts through the worker path
            time.sleep(3600)
        if "FAIL" in text:
            raise RuntimeError("the fake engine was asked to fail")
        ms = fake_clip_ms(text, rate)
        pitch = 300.0 if voice in (None, "low") else 500.0
        n = ms * RATE_HZ // 1000
        samples = np.round(12000 * np.sin(2 * math.pi * pitch * np.arange(n) / RATE_HZ))
        return samples / 32768.0, RATE_HZ

    def voices(self) -> list[InstalledVoice]:
        return [InstalledVoice("low", "Fake low tone"), InstalledVoice("high", "Fake high tone")]

    @staticmethod
    def prepare(voice: str | None = None) -> None:
        return None

    @staticmethod
    def voice_for(language: str = "en") -> str | None:
        return "low"

    @staticmethod
    def installed() -> None:
        return None

    @staticmethod
    def check_voice(voice: str, listing: Callable[[], list[InstalledVoice]] | None = None) -> None:
        if voice not in ("low", "high"):
            raise EngineError(f"unknown voice {voice!r}; the fake engine has 'low' and 'high'")

    @staticmethod
    def voices_fingerprint() -> str | None:
        return "fake"
