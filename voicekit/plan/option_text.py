"""What a person types after a build option: ``--length 20m``, ``--hold 2=3m``, lists (``short,long``),
read into values or refused in one line saying what to write."""

from __future__ import annotations

from voicekit.errors import OptionsError
from voicekit.sequence.durations import parse_time_ms
from voicekit.sequence.fields import SEQUENCE
from voicekit.sequence.pose_reader import bounds


def parse_list(option: str, value: str, example: str) -> list[str]:
    """``"short,long"`` -> ``["short", "long"]``, each once, in order; none empty (``example``: a list the
    option takes, for the message)."""
    items = [item.strip() for item in value.split(",")]
    if not all(items):
        raise OptionsError(f"{option} {value!r}: an empty item in the list; write e.g. {option} {example}")
    return list(dict.fromkeys(items))


def parse_length_option(text: str) -> int:
    """``--length 20m`` in milliseconds: a duration of at least a minute (a bare number is refused: minutes
    or seconds?)."""
    if text.replace(".", "", 1).isdigit():
        raise OptionsError(f"--length {text}: say which unit, e.g. {text}m or {text}s")
    try:
        ms = parse_time_ms(text)
    except ValueError as e:
        raise OptionsError(f"--length {e}") from None
    low, high = bounds(SEQUENCE, "length")  # the same as a sequence's length:
    if not low <= ms <= high:
        raise OptionsError(f"--length {text}: fit to between a minute and 12 hours")
    return ms


def parse_hold_option(value: str) -> tuple[str, str]:
    """``"2=3m"`` -> ``("2", "3m")``."""
    pose, sep, duration = value.partition("=")
    if not sep or not pose.strip() or not duration.strip():
        raise OptionsError(
            f"--hold {value!r}: write POSE=DURATION, e.g. --hold 2=8m or --hold 'reclining twist=6 breaths'"
        )
    return pose.strip(), duration.strip()
