"""voicekit: build guided practice audio from a YAML sequence, offline."""

__version__ = "0.1.0"
