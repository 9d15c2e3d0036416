"""The speech stage. In: the texts of a ``Practice`` and its voice. Out: clips in the store.

``synthesis`` finds which clips are missing and has them made (``make``: speak, finish, store),
in engine worker processes (``engines.worker``) for engines that need them; ``finish`` trims,
joins and levels an engine's pieces; ``voices`` checks an engine and voice before any work;
``engines`` holds pyttsx3 (espeak-ng), Piper and a fake engine for tests, behind one protocol.
"""
