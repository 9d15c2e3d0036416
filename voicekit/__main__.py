"""``python -m voicekit``: the same as the ``voicekit`` command."""

from .cli import main

main()
