"""The sound stage. In: a ``Timeline`` and the clips in the store. Out: the session's samples.

``loudness`` measures as BS.1770 does and holds the level targets; ``limiter`` brings a clip to a
loudness under a true-peak ceiling; ``bell`` makes a singing bowl in code; ``bed_loops`` makes beds
in code and ``bed_file`` loops the user's file; ``bed_layout`` says where in its loop the bed plays
and ``bed`` plays it, faded and ducked; ``resample`` changes rates; ``sources`` says where each
cue's clip is; ``mix`` gives the session (streamed, or any stretch of it) with the bed mixed in;
``wav`` is the one WAV reader and writer.
"""
