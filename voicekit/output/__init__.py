"""The output stage. In: a ``Timeline``, its sources and its metadata. Out: the files on disk.

``targets`` says where a build writes (every path checked first) and writes there (atomically, with
``voicekit.files``, under a lock, never over a file voicekit did not make: ``provenance``);
``formats`` has one writer per format (MP3 is a join of stored frames: ``mp3``; the others go through
``voicekit.ffmpeg``); ``metadata`` says what a file says about itself, ``tags`` writes it, and
``companions`` writes the cue sheet, lyrics, captions and JSON beside the audio.
"""
