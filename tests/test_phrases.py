"""The phrase tables: whole phrases in each language, numbers by each language's own rule, a practice's
own phrases over them, and side words with their forms."""

from __future__ import annotations

import re

import pytest

from voicekit.language import phrases as phrases_module
from voicekit.language.phrases import BUILT_IN, FIELDS, RULES, keys, language, phrases_for, required

TAGS = [*BUILT_IN, "pt-br"]


def test_every_language_has_every_phrase_and_fills_only_its_fields():
    english = language("en")
    assert english is not None
    for tag in TAGS:
        table = language(tag)
        assert table is not None and set(table.phrases) == set(english.phrases), tag
        for key, text in table.phrases.items():
            assert text.strip() == text and text, (tag, key)
            used = set(re.findall(r"\{(\w+)\}", text))
            assert used == set(FIELDS.get(key.removesuffix(".one"), ())), (tag, key, text)


def test_every_key_is_documented_in_the_module_docstring():
    doc = phrases_module.__doc__ or ""
    english = language("en")
    assert english is not None
    for key in keys(english):
        family = {"move": "``move.FROM.TO``", "prop": "``prop.ID``"}.get(key.split(".")[0])  # one line for many
        assert f"``{key.removesuffix('.one')}" in doc or key.endswith(".one") or (family and family in doc), key


# Numbers are words as each language counts aloud, whole ("veintiuno", not "veinte y uno").
@pytest.mark.parametrize(
    ("tag", "counted"),
    [
        ("en", {1: "One.", 11: "Eleven.", 21: "Twenty-one.", 105: "One hundred and five.", 2000: "Two thousand."}),
        ("de", {1: "Eins.", 17: "Siebzehn.", 21: "Einundzwanzig.", 101: "Hunderteins.",
                2023: "Zweitausenddreiundzwanzig."}),
        ("es", {1: "Uno.", 16: "Dieciséis.", 21: "Veintiuno.", 31: "Treinta y uno.", 100: "Cien.", 101: "Ciento uno."}),
        ("fr", {1: "Un.", 21: "Vingt et un.", 71: "Soixante et onze.", 80: "Quatre-vingts.", 81: "Quatre-vingt-un.",
                99: "Quatre-vingt-dix-neuf.", 200: "Deux cents.", 201: "Deux cent un."}),
        ("it", {1: "Uno.", 21: "Ventuno.", 23: "Ventitré.", 28: "Ventotto.", 108: "Centotto.", 2000: "Duemila."}),
        ("pt", {1: "Um.", 16: "Dezasseis.", 21: "Vinte e um.", 100: "Cem.", 1001: "Mil e um."}),
        ("pt-br", {16: "Dezesseis.", 17: "Dezessete.", 19: "Dezenove."}),
        ("nl", {1: "Eén.", 21: "Eenentwintig.", 22: "Tweeëntwintig.", 101: "Honderdeen."}),
    ],
)  # fmt: skip
def test_breath_counts_are_the_language_s_number_words(tag, counted):
    said = phrases_for(tag)
    assert {n: said.count(n) for n in counted} == counted


def test_every_number_a_hold_can_reach_is_a_word():
    from voicekit.sequence.durations import MAX_BREATHS

    for tag in TAGS:
        said = phrases_for(tag)
        counts = [said.count(n) for n in range(1, MAX_BREATHS + 1)]
        assert not any(c.isdigit() for text in counts for c in text), tag
        assert len(set(counts)) == MAX_BREATHS, tag  # no two numbers said alike


@pytest.mark.parametrize(
    ("tag", "left"),
    [
        ("en", ["One minute left.", "Thirty seconds left.", "Two minutes left.",
                "One minute and thirty seconds left."]),
        ("de", ["Noch eine Minute.", "Noch dreißig Sekunden.", "Noch zwei Minuten.",
                "Noch eine Minute und dreißig Sekunden."]),
        ("es", ["Queda un minuto.", "Quedan treinta segundos.", "Quedan dos minutos.",
                "Quedan un minuto y treinta segundos."]),
        ("fr", ["Il reste une minute.", "Il reste trente secondes.", "Il reste deux minutes.",
                "Il reste une minute et trente secondes."]),
        ("it", ["Manca un minuto.", "Mancano trenta secondi.", "Mancano due minuti.",
                "Mancano un minuto e trenta secondi."]),
        ("pt", ["Falta um minuto.", "Faltam trinta segundos.", "Faltam dois minutos.",
                "Faltam um minuto e trinta segundos."]),
        ("nl", ["Nog één minuut.", "Nog dertig seconden.", "Nog twee minuten.", "Nog één minuut en dertig seconden."]),
    ],
)  # fmt: skip
def test_time_left_is_a_whole_phrase_with_the_language_s_agreement(tag, left):
    said = phrases_for(tag)
    assert [said.time_left(ms) for ms in (60_000, 30_000, 120_000, 90_000)] == left


def test_time_left_agrees_with_twenty_one_and_one_second():
    assert phrases_for("es").time_left(21 * 60_000) == "Quedan veintiún minutos."
    assert phrases_for("fr").time_left(21 * 60_000) == "Il reste vingt et une minutes."
    assert phrases_for("de").time_left(1000) == "Noch eine Sekunde."
    assert phrases_for("it").time_left(1000) == "Manca un secondo."


@pytest.mark.parametrize(
    ("tag", "rounds"),
    [
        ("en", ["Round one of three.", "Round two of three.", "Round twenty of twenty."]),
        ("de", ["Runde eins von drei.", "Runde zwei von drei.", "Runde zwanzig von zwanzig."]),
        ("es", ["Ronda uno de tres.", "Ronda dos de tres.", "Ronda veinte de veinte."]),
        ("fr", ["Premier tour sur trois.", "Deuxième tour sur trois.", "Vingtième tour sur vingt."]),
        ("it", ["Primo giro di tre.", "Secondo giro di tre.", "Ventesimo giro di venti."]),
        ("pt", ["Ciclo um de três.", "Ciclo dois de três.", "Ciclo vinte de vinte."]),
        ("nl", ["Ronde één van drie.", "Ronde twee van drie.", "Ronde twintig van twintig."]),
    ],
)
def test_rounds_are_whole_phrases_for_any_n_of_m(tag, rounds):
    said = phrases_for(tag)
    assert [said.round(1, 3), said.round(2, 3), said.round(20, 20)] == rounds
    every = {said.round(n, m) for m in range(1, 21) for n in range(1, m + 1)}
    assert len(every) == 210 and not any(c.isdigit() for text in every for c in text)
    assert said.text("chapter.round", n=2, m=3, pose="X").count("2") == 1


def test_a_feminine_total_agrees_in_spanish_and_ordinals_in_french():
    assert phrases_for("es").round(5, 21) == "Ronda cinco de veintiuna."
    assert phrases_for("es").round(21, 21) == "Ronda veintiuna de veintiuna."  # not "veintiuno de veintiuna"
    assert phrases_for("es").round(31, 40) == "Ronda treinta y una de cuarenta."
    assert phrases_for("it").round(1, 3) == "Primo giro di tre."  # not "Giro uno di tre."
    assert [phrases_for("it").round(n, 30) for n in (11, 23, 26)] == [
        "Undicesimo giro di trenta.", "Ventitreesimo giro di trenta.", "Ventiseiesimo giro di trenta."
    ]  # fmt: skip
    assert phrases_for("fr").round(21, 30) == "Vingt et unième tour sur trente."
    assert phrases_for("fr").round(9, 10) == "Neuvième tour sur dix."


def test_a_region_without_a_table_of_its_own_uses_its_language_s():
    assert phrases_for("de-AT").text("breath.in") == "Atme ein."
    assert phrases_for("pt-BR").count(16) == "Dezesseis."
    assert phrases_for("pt").count(16) == "Dezasseis."


def test_the_practice_s_own_phrases_win_and_templates_take_digits():
    said = phrases_for("de", (("breath.in", "Einatmen."), ("count", "Atemzug {n}."), ("round", "{n}/{m}")))
    assert said.text("breath.in") == "Einatmen." and said.text("breath.out") == "Atme aus."
    assert said.count(12) == "Atemzug 12." and said.round(2, 3) == "2/3"
    own = phrases_for("en", (("time_left.minutes", "{n} minutes to go."), ("time_left.minutes.one", "A minute to go.")))
    assert own.time_left(60_000) == "A minute to go." and own.time_left(180_000) == "3 minutes to go."
    assert own.time_left(30_000) == "Thirty seconds left."  # the rest stays the language's


def test_a_language_voicekit_lacks_must_write_every_phrase_but_the_count():
    assert required("de") == ()
    needed = required("sv")
    assert "breath.in" in needed and "side.right" in needed and "time_left.minutes" in needed
    assert "count" not in needed and not any(k.endswith(".one") for k in needed)
    said = phrases_for("sv", tuple((k, "Ord.") for k in needed))
    assert said.count(7) == "7." and said.text("breath.in") == "Ord."


def test_side_words_and_their_forms_fill_the_placeholders():
    de = phrases_for("de")
    text = "Lass die Knie nach {side} sinken, zu deiner {other_side:linken} Hand. {Side} bleibt."
    assert de.fill_side(text, "right") == "Lass die Knie nach rechts sinken, zu deiner linken Hand. {Side} bleibt."
    assert de.fill_side(text, "left") == "Lass die Knie nach links sinken, zu deiner rechten Hand. {Side} bleibt."
    assert de.fill_side("{side:Rechte} Seite.", "left") == "Linke Seite."
    assert (
        phrases_for("es").fill_side("el pie {side:derecho}, la mano {side}", "left")
        == "el pie izquierdo, la mano izquierda"
    )
    assert phrases_for("nl").fill_side("je {side:rechter}hand", "left") == "je linkerhand"
    assert phrases_for("en").placeholders() == ("side", "other_side")
    assert "side:rechten" in de.placeholders() and "other_side:Linke" in de.placeholders()
    assert de.side_of("Rechts") == "right" and de.side_of("left") == "left" and de.side_of("oben") is None
    assert de.chapter("Drehung", "left") == "Drehung (links)"


def test_rules_are_overridable_keys():
    english = language("en")
    assert english is not None
    assert set(RULES) <= set(keys(english))


def test_voicekit_phrases_prints_a_block_a_language_of_one_s_own_starts_from(run_cli, write_seq):
    import yaml
    from helpers import MINIMAL

    from voicekit.sequence.loader import load_sequence

    german = run_cli("phrases", "de").out
    assert '  breath.in: "Atme ein."' in german and "Runde zwei von drei." in german
    block = run_cli("phrases", "sv").out
    assert "to translate" in block and '  time_left.minutes.one: "One minute left."' in block
    own = yaml.safe_load(block)["phrases"]
    sequence = load_sequence(write_seq(MINIMAL + "language: sv\n" + yaml.safe_dump({"phrases": own})))
    assert sequence.language == "sv" and dict(sequence.phrases)["breath.in"] == "Breathe in."


@pytest.mark.parametrize("written", ["x", "../../x", "de/../en", "", "1234"])
def test_voicekit_phrases_of_what_is_not_a_language_tag_is_one_line(run_cli, written):
    from helpers import assert_one_line_error

    assert_one_line_error(run_cli("phrases", written), f"phrases {written!r}: not a language tag")


@pytest.mark.parametrize(("written", "tag"), [("de_DE", "de"), ("pt_BR", "pt-br"), ("DE_at", "de")])
def test_a_tag_with_an_underscore_is_read_as_with_a_hyphen(run_cli, write_seq, written, tag):
    from helpers import MINIMAL

    from voicekit.sequence.loader import load_sequence

    assert run_cli("phrases", written).out == run_cli("phrases", written.replace("_", "-")).out
    assert f'  breath.in: "{phrases_for(tag).text("breath.in")}"' in run_cli("phrases", written).out
    sequence = load_sequence(write_seq(MINIMAL + f"language: {written}\n"))
    assert sequence.language == written.replace("_", "-").lower()
    assert sequence.poses[0].language == sequence.language


# --- the English phrases of the cues inside holds and of rounds -----------------------------------------


@pytest.mark.parametrize(
    ("n", "words"),
    [(0, "zero"), (7, "seven"), (13, "thirteen"), (20, "twenty"), (45, "forty-five"), (100, "one hundred"),
     (115, "one hundred and fifteen"), (2000, "two thousand"), (2005, "two thousand and five"),
     (3120, "three thousand one hundred and twenty")],
)  # fmt: skip
def test_english_numbers_in_words(n, words):
    english = language("en")
    assert english is not None and english.number(n) == words


@pytest.mark.parametrize(
    ("left_ms", "said"),
    [(None, "Halfway."), (60_000, "One minute left."), (30_000, "Thirty seconds left."),
     (120_000, "Two minutes left."), (90_000, "One minute and thirty seconds left."),
     (3_725_000, "One hour, two minutes and five seconds left.")],
)  # fmt: skip
def test_english_time_cues_in_words(left_ms, said):
    assert phrases_for("en").time_cue(left_ms) == said


def test_hours_left_agree_in_each_language():
    said = {tag: phrases_for(tag).time_left(3_725_000) for tag in ("de", "es", "it", "pt", "nl")}
    assert said == {
        "de": "Noch eine Stunde, zwei Minuten und fünf Sekunden.",
        "es": "Quedan una hora, dos minutos y cinco segundos.",
        "it": "Mancano un'ora, due minuti e cinque secondi.",
        "pt": "Faltam uma hora, dois minutos e cinco segundos.",
        "nl": "Nog één uur, twee minuten en vijf seconden.",
    }
    assert phrases_for("es").time_left(3_600_000) == "Queda una hora."
    assert phrases_for("pt").time_left(7_200_000) == "Faltam duas horas."


def test_rounds_are_said_in_words_and_titled_in_digits():
    english = phrases_for("en")
    assert english.round(2, 3) == "Round two of three."
    assert english.text("chapter.round", n=2, m=3, pose="Cat and cow") == "Round 2 of 3: Cat and cow"
    assert phrases_for("de").text("chapter.round", n=2, m=3, pose="Katze und Kuh") == "Runde 2 von 3: Katze und Kuh"
    assert [english.count(n) for n in (1, 11, 21)] == ["One.", "Eleven.", "Twenty-one."]


@pytest.mark.parametrize(
    ("tag", "key", "said"),
    [
        ("fr", "halfway", "Vous êtes à mi-chemin."),
        ("it", "transition", "Ora dall'altro lato."),
        ("pt-br", "label.end.bowl", "Soa a tigela tibetana."),
        ("pt-br", "label.end.double", "A tigela tibetana soa duas vezes."),
        ("nl", "label.hold", "Duur"),
        ("nl", "label.bells", "Klanken"),
    ],
)
def test_the_reviewed_phrases_read_as_a_native_speaker_writes_them(tag, key, said):
    assert phrases_for(tag).text(key) == said


def test_a_label_takes_its_colon_the_language_s_way():
    assert phrases_for("fr").labelled("length") == "Durée\u00a0:"
    assert phrases_for("en").labelled("length") == "Length:"
    assert phrases_for("de").labelled("hold") == "Haltedauer:"


def test_italian_says_ed_before_a_word_that_starts_with_e():
    """ "Ed espira.", not "E espira."; and where a template joins "e" and a word that starts with e (a list of
    the practice's own props, its own templates) the euphonic d is said too; before another vowel, "e"."""
    it = phrases_for("it")
    e_before_e = re.compile(r"(?<![\w'])[Ee] [eéè]")
    assert [text for text in it.table.phrases.values() if e_before_e.search(text)] == []
    assert "Ed espira." in it.variants("breath.out") and "E inspira." in it.variants("breath.in")
    assert it.listed(["un cuscino", "elastico"]) == "un cuscino ed elastico"
    assert it.listed(["elastico", "un cuscino", "un asciugamano"]) == "elastico, un cuscino e un asciugamano"
    assert "una coperta piegata ed elastico." in (it.gathering(("blanket", "elastico")) or "")
    assert (
        phrases_for("it", (("chapter.side", "{pose} e {side}"),)).chapter("Torsione", "left") == "Torsione e sinistra"
    )
