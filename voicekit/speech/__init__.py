"""The speech stage. In: the texts of a ``Practice`` and its voice. Out: clips in the store.

``synthesis`` finds which clips are missing and has them made (``make``: speak, finish, store),
in engine worker processes for engines that need them (``engines.pool`` starts them and hands out the
clips, ``engines.worker`` is the worker's own side); ``finish`` trims,
joins and levels an engine's pieces; ``voices`` checks an engine and voice before any work;
``engines`` holds pyttsx3 (espeak-ng), Piper and a fake engine for tests, behind one protocol.
"""
