"""Is the engine installed, and is the voice one of its voices? Answered without speaking a word.

``check``, ``plan`` and ``build`` ask before any work, so a misspelt voice is reported at its line
in the sequence. Listing espeak-ng's voices takes a worker process (about half a second), so the
list is kept in the store, keyed by what it depends on.
"""

from __future__ import annotations

import contextlib
import json

from voicekit.errors import CacheError
from voicekit.plan.speaker import Speaker, canonical
from voicekit.speech.engines import InstalledVoice, engine_class
from voicekit.store import VOICES, Store, key


def check_engine(voice: Speaker) -> None:
    """EngineError (saying how to fix it) when ``voice``'s engine is unknown or not installed."""
    engine_class(canonical(voice.engine)).installed()


def check_id(voice: Speaker, store: Store) -> None:
    """EngineError when ``voice`` names a voice its engine does not have."""
    if voice.id:
        name = canonical(voice.engine)
        engine_class(name).check_voice(voice.id, lambda: installed_voices(name, store))


def installed_voices(engine: str, store: Store) -> list[InstalledVoice]:
    """The engine's voices, from the store when the engine has not changed since they were listed."""
    fingerprint = engine_class(engine).voices_fingerprint()
    name = key(kind=VOICES, engine=engine, fingerprint=fingerprint) if fingerprint is not None else None
    if name is not None:
        with contextlib.suppress(ValueError, TypeError):
            body = store.get(VOICES, name)
            if body is not None:
                return [InstalledVoice(i, n, tuple(langs)) for i, n, langs in json.loads(body)]
    from voicekit.speech.engines.pool import list_voices  # a worker process: only when the list is not kept

    found = list_voices(engine)
    if name is not None:
        with contextlib.suppress(CacheError):  # a store that cannot be written only costs the listing next time
            store.put(VOICES, name, json.dumps([[v.id, v.name, list(v.languages)] for v in found]).encode())
    return found
