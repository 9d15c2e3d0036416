"""MP3 by joining frames. In: a ``Timeline`` and its sources. Out: spans of frames, then one file.

``frames`` knows the bytes (frame headers, the Info frame, CRC-16 arithmetic, LAME's settings);
``encode`` encodes each clip once and stores its frames, and gives a plain session's spans; ``bed``
gives the spans of a session with a bed; ``join`` is the one writer over spans.
"""
