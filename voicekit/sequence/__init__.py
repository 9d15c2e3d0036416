"""The sequence stage. In: a practice file (YAML). Out: a validated ``model.Sequence``.

``yaml_tree`` reads YAML safely and remembers every value's line; ``loader`` validates it into the
frozen ``model`` (poses, voice, breath, pauses, bed) with file:line errors; ``durations`` parses
holds as teachers write them; ``pacing`` finds the pauses written inside a text.
"""
