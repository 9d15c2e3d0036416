"""Hold lengths as teachers write them: parse_hold, parse_time_ms, Hold.pick and format_ms."""

from __future__ import annotations

import re

import pytest

from voicekit.sequence.durations import Hold, format_ms, parse_hold, parse_time_ms

SECOND = 1000
MINUTE = 60 * SECOND
HOUR = 60 * MINUTE


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("90s", 90 * SECOND),
        ("5m", 5 * MINUTE),
        ("1m30s", 90 * SECOND),
        ("1m 30s", 90 * SECOND),
        ("1.5m", 90 * SECOND),
        ("5 min", 5 * MINUTE),
        ("5 sec", 5 * SECOND),
        ("2h", 2 * HOUR),
        ("1h30m", 90 * MINUTE),
        ("90", 90 * SECOND),  # a bare number is seconds
        ("2.5", 2500),
        # The words and shorthands teachers write:
        ("5 minutes", 5 * MINUTE),
        ("1 minute", MINUTE),
        ("90 seconds", 90 * SECOND),
        ("5 mins", 5 * MINUTE),
        ("30secs", 30 * SECOND),
        ("2m30", 150 * SECOND),  # the seconds after the minutes
        ("1h30", 90 * MINUTE),
        ("1 min 30", 90 * SECOND),
        ("1 minute 30 seconds", 90 * SECOND),
        ("1:30", 90 * SECOND),  # m:ss
        ("05:30", 330 * SECOND),
        ("1:02:30", HOUR + 150 * SECOND),  # h:mm:ss
        ("2 hours", 2 * HOUR),
    ],
)
def test_parse_time_ms(text, expected):
    assert parse_time_ms(text) == expected


@pytest.mark.parametrize("text", ["", "abc", "5 parsecs", "m", "1m 2m", "30s1m", "2m30s30", "1:75", "5 minutes ago"])
def test_parse_time_ms_rejects_what_is_not_a_duration(text):
    with pytest.raises(ValueError, match="is not a duration") as info:
        parse_time_ms(text)
    assert "try 90s, 5m" in str(info.value)


# YAML 1.1 reads 010 as 8 and 0x10 as 16; a hold written that way is refused with the form to use.
@pytest.mark.parametrize(("text", "hint"), [("010", "write 10s or 10m"), ("0x10", "starting with 0x"), ("0010", "10s")])
def test_octal_and_hex_holds_are_refused_with_the_form_to_write(text, hint):
    with pytest.raises(ValueError, match=hint):
        parse_hold(text)


@pytest.mark.parametrize("text", ["0.5s", "500ms", "0.9", "0.2-3s"])
def test_a_hold_under_a_second_is_refused(text):
    with pytest.raises(ValueError, match=r"shorter than a second|is not a duration"):
        parse_hold(text)


@pytest.mark.parametrize(
    ("text", "low", "high"),
    [
        ("90s", 90 * SECOND, 90 * SECOND),
        ("5m", 5 * MINUTE, 5 * MINUTE),
        ("1m30s", 90 * SECOND, 90 * SECOND),
        ("1.5m", 90 * SECOND, 90 * SECOND),
        ("90", 90 * SECOND, 90 * SECOND),
        (90, 90 * SECOND, 90 * SECOND),  # YAML gives a bare number as int
        (1.5, 1500, 1500),
        ("  90S  ", 90 * SECOND, 90 * SECOND),  # case and surrounding blanks do not matter
        ("5-8m", 5 * MINUTE, 8 * MINUTE),  # the unit written once applies to both ends
        ("5 - 8 m", 5 * MINUTE, 8 * MINUTE),
        ("1-2h", 1 * HOUR, 2 * HOUR),
        ("90s-2m", 90 * SECOND, 2 * MINUTE),
        ("30s-1m", 30 * SECOND, 1 * MINUTE),
        ("12h", 12 * HOUR, 12 * HOUR),  # the limit itself is allowed
        ("5\u20138m", 5 * MINUTE, 8 * MINUTE),  # an en dash, as word processors write it
        ("5 \u2014 8 min", 5 * MINUTE, 8 * MINUTE),
        ("5 to 8 minutes", 5 * MINUTE, 8 * MINUTE),
        ("1:30-2:00", 90 * SECOND, 2 * MINUTE),
        ("2m30-3m", 150 * SECOND, 3 * MINUTE),
        ("1s", SECOND, SECOND),  # the shortest hold
        ("07m", 7 * MINUTE, 7 * MINUTE),  # not a number to YAML, so not octal
    ],
)
def test_parse_timed_hold(text, low, high):
    assert parse_hold(text) == Hold(low, high, breaths=False)


@pytest.mark.parametrize(
    ("text", "low", "high"),
    [
        ("6 breaths", 6, 6),
        ("1 breath", 1, 1),
        ("5-8 breaths", 5, 8),
        ("5 - 8 Breaths", 5, 8),
        ("6breaths", 6, 6),
        ("5 to 8 breaths", 5, 8),
        ("5\u20138 breaths", 5, 8),
    ],
)
def test_parse_breath_hold(text, low, high):
    assert parse_hold(text) == Hold(low, high, breaths=True)


@pytest.mark.parametrize(
    ("text", "short", "medium", "long"),
    [
        ("5-8m", 300_000, 390_000, 480_000),
        ("90s-2m", 90_000, 105_000, 120_000),
        ("90s", 90_000, 90_000, 90_000),
        ("5-8 breaths", 5, 7, 8),  # 6.5 rounds half up to 7 (round() would give 6)
        ("2-3 breaths", 2, 3, 3),  # 2.5 -> 3 (round() would give 2)
        ("5-6 breaths", 5, 6, 6),  # 5.5 -> 6
        ("1-2 breaths", 1, 2, 2),  # 1.5 -> 2
        ("4-8 breaths", 4, 6, 8),
        ("6 breaths", 6, 6, 6),
    ],
)
def test_pick_short_medium_long(text, short, medium, long):
    hold = parse_hold(text)
    assert hold.pick("short") == short
    assert hold.pick("medium") == medium
    assert hold.pick("long") == long


def test_pick_of_breaths_is_always_a_whole_number():
    for low in range(1, 12):
        for high in range(low, 16):
            hold = parse_hold(f"{low}-{high} breaths")
            for length in ("short", "medium", "long"):
                assert hold.pick(length).is_integer(), (low, high, length)
    assert parse_hold("2-3 breaths").pick("medium") == 3


@pytest.mark.parametrize("text", ["5 parsecs", "", "abc", "5-", "5m-", "1-2-3m", "1.5 breaths", "breaths", "5 b"])
def test_malformed_hold_is_refused_with_a_hint(text):
    with pytest.raises(ValueError) as info:
        parse_hold(text)
    message = str(info.value)
    assert f"{text!r} is not a duration" in message
    assert "try 90s, 5m, 1m30s, 1:30, 5-8m, 6 breaths or 5-8 breaths" in message


@pytest.mark.parametrize("value", [None, True, [1], {"a": 1}])
def test_hold_that_is_not_text_or_number_is_refused(value):
    with pytest.raises(ValueError, match="is not a duration"):
        parse_hold(value)


@pytest.mark.parametrize("text", ["0", "0s", "0m", 0, "0 breaths", "0-5m", "0-3 breaths", "0.0001s"])
def test_zero_hold_is_refused(text):
    with pytest.raises(ValueError, match="a hold must be longer than zero"):
        parse_hold(text)


@pytest.mark.parametrize("text", ["-3m", "-90s", "-5", " -1 breath"])
def test_negative_hold_is_refused(text):
    with pytest.raises(ValueError, match="a hold cannot be negative"):
        parse_hold(text)


@pytest.mark.parametrize("text", ["8-5m", "2m-90s", "8-5 breaths"])
def test_reversed_range_is_refused(text):
    with pytest.raises(ValueError) as info:
        parse_hold(text)
    assert str(info.value) == f"{text!r}: the range is reversed (write the shorter end first)"


@pytest.mark.parametrize("text", ["13h", "12h1s", "1-13h", "10-13h", "800m", "4001 breaths", "1000000"])
def test_absurdly_long_hold_is_refused(text):
    with pytest.raises(ValueError) as info:
        parse_hold(text)
    assert str(info.value) == f"{text!r} is too long for one hold (at most 12 hours)"


@pytest.mark.parametrize(
    ("ms", "expected"),
    [
        (0, "0:00"),
        (999, "0:01"),  # to the nearest tenth: a 5-minute hold on the frame grid is 5:00, not 4:59.9
        (299_990, "5:00"),
        (59_940, "0:59.9"),
        (1000, "0:01"),
        (59_000, "0:59"),
        (93_500, "1:33.5"),
        (390_000, "6:30"),
        (3_600_000, "1:00:00"),
        (3_723_400, "1:02:03.4"),
        (1500.4, "0:01.5"),  # floats are rounded to whole milliseconds first
    ],
)
def test_format_ms(ms, expected):
    assert format_ms(ms) == expected


# --- holds in the practice's language (the English forms always work too) ------------------------------

MIN, SEC = 60_000, 1000


@pytest.mark.parametrize(
    ("language", "text", "hold"),
    [
        ("de", "5 Minuten", Hold(5 * MIN, 5 * MIN)),
        ("de", "5-8 Atemzüge", Hold(5, 8, breaths=True)),
        ("de", "von 5 bis 8 Minuten", Hold(5 * MIN, 8 * MIN)),
        ("de", "1 Atemzug", Hold(1, 1, breaths=True)),
        ("de", "2 Min. 30 Sek.", Hold(150 * SEC, 150 * SEC)),
        ("de", "1 Stunde", Hold(60 * MIN, 60 * MIN)),
        ("es", "90 segundos", Hold(90 * SEC, 90 * SEC)),
        ("es", "de 5 a 8 minutos", Hold(5 * MIN, 8 * MIN)),
        ("es", "6 respiraciones", Hold(6, 6, breaths=True)),
        ("fr", "5 à 8 minutes", Hold(5 * MIN, 8 * MIN)),
        ("fr", "de 3 à 5 respirations", Hold(3, 5, breaths=True)),
        ("fr", "45 secondes", Hold(45 * SEC, 45 * SEC)),
        ("it", "da 5 a 8 minuti", Hold(5 * MIN, 8 * MIN)),
        ("it", "6 respiri", Hold(6, 6, breaths=True)),
        ("pt", "5 a 8 minutos", Hold(5 * MIN, 8 * MIN)),
        ("pt-br", "4-6 respirações", Hold(4, 6, breaths=True)),
        ("nl", "5 tot 8 minuten", Hold(5 * MIN, 8 * MIN)),
        ("nl", "1 minuut", Hold(MIN, MIN)),
        ("nl", "6 ademhalingen", Hold(6, 6, breaths=True)),
        ("de", "5-8 breaths", Hold(5, 8, breaths=True)),  # English in any language
        ("es", "1:30", Hold(90 * SEC, 90 * SEC)),
    ],
)
def test_holds_in_each_language_s_words(language, text, hold):
    assert parse_hold(text, language) == hold


@pytest.mark.parametrize(
    ("language", "forms"),
    [
        ("de", "try 90 Sekunden, 5 Minuten, 1:30, 5 bis 8 Minuten, 6 Atemzüge or 5-8 Atemzüge; or in English"),
        ("es", "try 90 segundos, 5 minutos, 1:30, 5 a 8 minutos, 6 respiraciones or 5-8 respiraciones"),
        ("en", "try 90s, 5m, 1m30s, 1:30, 5-8m, 6 breaths or 5-8 breaths"),
    ],
)
def test_an_unknown_unit_shows_the_forms_of_the_language(language, forms):
    with pytest.raises(ValueError, match=re.escape(forms)):
        parse_hold("5 Minutn", language)


def test_a_language_s_words_are_not_read_in_another():
    with pytest.raises(ValueError, match="not a duration"):
        parse_hold("5 Minuten")
    with pytest.raises(ValueError, match="not a duration"):
        parse_hold("5 Atemzüge", "es")
    assert parse_time_ms("3 Sekunden", "de") == 3000 and parse_time_ms("3s", "de") == 3000


@pytest.mark.parametrize("language", ["de", "es", "fr", "it", "nl", "pt", "pt-br"])
def test_a_decimal_comma_is_read_in_every_language_that_writes_one(language):
    """ "1,5 Minuten", "1,5 minutos", "0,5 min": the comma is the language's decimal point (the English
    point works too); a range and a bare number of seconds alike."""
    assert parse_hold("1,5 min", language) == parse_hold("1.5 min", language) == Hold(90 * SEC, 90 * SEC)
    assert parse_hold("0,5-1,5 min", language) == Hold(30 * SEC, 90 * SEC)
    assert parse_time_ms("2,5", language) == 2500


@pytest.mark.parametrize(
    ("language", "text", "ms"),
    [("es", "1,5 minutos", 90 * SEC), ("de", "1,5 Minuten", 90 * SEC), ("fr", "0,5 min", 30 * SEC),
     ("it", "2,5 minuti", 150 * SEC), ("nl", "1,5 minuut", 90 * SEC), ("pt", "1,5 minutos", 90 * SEC)],
)  # fmt: skip
def test_holds_with_a_decimal_comma_as_translators_write_them(language, text, ms):
    assert parse_hold(text, language) == Hold(ms, ms)


def test_english_reads_a_comma_as_no_decimal_point():
    """In English "1,5" is no number (it may be a thousands separator): refused, not guessed at."""
    assert parse_hold("1.5 minutes") == Hold(90 * SEC, 90 * SEC)
    with pytest.raises(ValueError, match="not a duration"):
        parse_hold("1,5 minutes")
