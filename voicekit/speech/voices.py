"""Is the engine installed, and is the voice one of its voices? Answered without speaking a word.

``check``, ``plan`` and ``build`` ask before any work, so a misspelt voice is reported at its line
in the sequence. Listing espeak-ng's voices takes a worker process (about half a second), so the
list is kept in the cache, keyed by what it depends on.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
from pathlib import Path

from voicekit.sequence.model import Voice
from voicekit.speech.engines import VoiceInfo, canonical, engine_class


def check_engine(voice: Voice) -> None:
    """EngineError (saying how to fix it) when ``voice``'s engine is unknown or not installed."""
    engine_class(canonical(voice.engine)).installed()


def check_id(voice: Voice, cache_root: Path) -> None:
    """EngineError when ``voice`` names a voice its engine does not have."""
    if voice.id:
        name = canonical(voice.engine)
        engine_class(name).check_voice(voice.id, lambda: installed_voices(name, cache_root))


def installed_voices(engine: str, cache_root: Path) -> list[VoiceInfo]:
    """The engine's voices, from the cache when the engine has not changed since they were listed."""
    from voicekit.speech.engines.worker import list_voices

    fingerprint = engine_class(engine).voices_fingerprint()
    if fingerprint is None:
        return list_voices(engine)
    key = hashlib.sha256(f"{engine} {fingerprint}".encode()).hexdigest()[:16]
    path = cache_root / "voices" / f"{engine}-{key}.json"
    with contextlib.suppress(OSError, ValueError, TypeError):
        return [VoiceInfo(i, n, tuple(langs)) for i, n, langs in json.loads(path.read_text(encoding="utf-8"))]
    found = list_voices(engine)
    with contextlib.suppress(OSError):  # a cache that cannot be written only costs the listing next time
        from voicekit.output.files import write_bytes

        data = json.dumps([[v.id, v.name, list(v.languages)] for v in found]).encode()
        write_bytes(path, data, tmp_dir=cache_root / "tmp")
    return found
