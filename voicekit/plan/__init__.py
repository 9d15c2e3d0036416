"""The plan stage. In: a ``Sequence`` and the build options. Out: a ``timeline.Timeline``.

``options`` applies the options once and gives the ``Practice`` (holds in milliseconds, breaths,
the voice settled); ``compiler`` lays it out in time, pure, from a ``measure(text, rate)``;
``timeline`` is the result (cues, chapters, kinds as enums); ``estimate`` guesses speech lengths
for plans made without speaking.
"""
