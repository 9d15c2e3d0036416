"""The sound stage. In: a ``Timeline`` and the clips in the store. Out: the session's samples.

``loudness`` measures as BS.1770 does and holds the level targets; ``limiter`` brings a clip to a
loudness under a true-peak ceiling; ``bell`` and ``bed`` make sounds in code; ``resample``
changes rates; ``sources`` says where each cue's clip is; ``mix`` gives the session (streamed, or
any stretch of it) with the bed mixed in; ``wav`` is the one WAV reader and writer.
"""
