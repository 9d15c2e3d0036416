"""The plan stage. In: a ``Sequence``, the build options and who speaks. Out: a ``timeline.Timeline``.

``options`` applies the options once and gives the ``Practice`` (holds in milliseconds, breaths,
the voice: a ``speaker.Speaker``, settled by what the speech stage hands in); ``compiler`` lays it out
in time, pure, from a ``measure(text, rate)``; ``grid`` is the MP3 frame grid a build lays it out on;
``timeline`` is the result (cues, chapters, kinds as enums); ``estimate`` guesses speech lengths for
plans made without speaking; ``listing`` is the shelf as shown, each practice's lengths estimated.
"""
