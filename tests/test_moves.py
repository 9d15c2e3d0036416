"""The move from one pose to the next (``plan/moves.py``): where the position changes, the language's
words for that move and the quiet it takes, once, before the pose; nothing where it does not change."""

from __future__ import annotations

import itertools
import json

import pytest
from helpers import FAKE

from voicekit.language.moves import move_needed
from voicekit.language.phrases import phrases_for
from voicekit.pipeline import plan
from voicekit.plan.grid import GRID
from voicekit.plan.moves import move_ms
from voicekit.sequence.catalogue import POSITIONS
from voicekit.sequence.loader import parse_sequence

LANGUAGES = ("en", "de", "es", "fr", "it", "pt", "pt-BR", "nl")


def every_pair() -> list[str]:
    """Positions in an order that goes from each position to each other exactly once (an Euler circuit of
    the complete graph of positions, Hierholzer's way)."""
    left = {a: [b for b in POSITIONS if b != a] for a in POSITIONS}
    stack, circuit = [POSITIONS[0]], []
    while stack:
        if left[stack[-1]]:
            stack.append(left[stack[-1]].pop())
        else:
            circuit.append(stack.pop())
    return circuit[::-1]


def tour(language: str) -> str:
    """A practice of tiny poses visiting every pair of positions once, in ``language``."""
    poses = "".join(
        f"  - name: P{i}\n    position: {p}\n    setup: Go.\n    hold: 1s\n" for i, p in enumerate(every_pair())
    )
    head = f"title: Tour\nlanguage: {language}\nvoice: {{engine: fake}}\npauses: {{step: 1s, pose: 1s}}\n"
    return f"{head}poses:\n{poses}"


def test_the_tour_takes_every_pair_of_positions_once():
    order = every_pair()
    pairs = list(itertools.pairwise(order))
    assert len(pairs) == len(set(pairs)) == len(POSITIONS) * (len(POSITIONS) - 1)


@pytest.mark.parametrize("language", LANGUAGES)
def test_each_change_of_position_is_said_once_in_the_language_with_the_quiet_the_move_takes(
    language, write_seq, run_cli, cache_dir
):
    said, order = phrases_for(language.lower()), every_pair()
    ran = run_cli("plan", write_seq(tour(language)), "--json")
    assert ran.code == 0, ran.err
    cues = json.loads(ran.out)["cues"]
    frame = GRID.ms / 1000
    first = [c for c in cues if c["pose"] == "P0"]
    assert first[0]["text"] == "lead-in" and first[1]["text"] == "Go."  # nothing moves the body into the first
    for i, (start, end) in enumerate(itertools.pairwise(order), 1):
        chapter = [c for c in cues if c["pose"] == f"P{i}"]
        words, quiet = chapter[0], chapter[1]
        assert (words["kind"], words["text"]) == ("speech", said.move(start, end)), (start, end)
        assert language == "en" or words["text"] != phrases_for("en").move(start, end)  # in its own words
        assert (quiet["kind"], quiet["text"]) == ("silence", "move")
        assert abs(quiet["duration"] - move_ms(start, end) / 1000) <= frame, (start, end, quiet)
        assert [c["text"] for c in chapter].count(words["text"]) == 1
        assert chapter[2]["text"] == "Go."


def test_every_language_has_words_for_every_move_and_prop():
    for language in LANGUAGES:
        said = phrases_for(language.lower())
        moves = {(a, b): said.move(a, b) for a in POSITIONS for b in POSITIONS if a != b}
        assert all(text and text.endswith(".") for text in moves.values()), language
        assert all(said.prop(p) != p for p in ("bolster", "blanket", "block", "strap", "chair", "wall", "pillow"))


@pytest.mark.parametrize(
    ("start", "end", "seconds"),
    [
        ("standing", "chair", 5),  # standing to a chair or back
        ("kneeling", "all-fours", 6),  # along the floor
        ("supine", "side-lying", 8),  # a roll
        ("supine", "seated", 10),  # up from lying to sitting
        ("standing", "kneeling", 12),  # down to the floor
        ("chair", "prone", 15),  # down to lying
        ("side-lying", "standing", 15),
    ],
)
def test_a_move_takes_the_documented_time(start, end, seconds):
    assert move_ms(start, end) == move_ms(end, start) == seconds * 1000


STAY = """\
title: T
voice: {engine: fake}
pauses: {step: 1s, pose: 1s}
poses:
  - name: Stand
    position: standing
    setup: Stand tall.
    hold: 1s
  - name: Fold
    position: standing
    setup: Fold forward.
    hold: 1s
  - name: Kneel
    position: kneeling
    TRANSITION
    setup: Come down onto your knees, slowly.
    hold: 1s
"""


def spoken_in(text: str, chapter: str) -> list[str]:
    timeline = plan(parse_sequence(text, "t.yaml"), FAKE)
    return [c.text for c in timeline.cues if c.pose == chapter and c.kind.value == "speech"]


def test_nothing_is_said_where_the_position_stays_and_a_pose_may_make_the_move_itself_or_say_it_its_way():
    assert spoken_in(STAY.replace("    TRANSITION\n", ""), "Fold") == ["Fold forward."]
    automatic = spoken_in(STAY.replace("    TRANSITION\n", ""), "Kneel")
    assert automatic == [phrases_for("en").move("standing", "kneeling"), "Come down onto your knees, slowly."]
    own = spoken_in(STAY.replace("TRANSITION", "transition_in: false"), "Kneel")
    assert own == ["Come down onto your knees, slowly."]
    words = spoken_in(STAY.replace("TRANSITION", "transition_in: Kneel down now."), "Kneel")
    assert words == ["Kneel down now.", "Come down onto your knees, slowly."]


def test_where_a_position_is_not_known_no_move_is_said():
    text = STAY.replace("    TRANSITION\n", "").replace("    position: kneeling\n", "")
    assert spoken_in(text, "Kneel") == ["Come down onto your knees, slowly."]


# --- what the teaching check hears as a move (``language.moves.move_needed``) ------------------------------


def test_a_step_that_says_a_move_as_the_language_says_it_is_heard_as_one():
    """Every move voicekit itself says between positions, written as a step, asks for a move: the word lists
    know each language's own phrasing (German "Steh von deinem Stuhl auf.", Dutch "Ga op je stoel zitten.",
    Portuguese "Incline-se para a frente e apoie as mãos no tapete.")."""
    for language in LANGUAGES:
        said = phrases_for(language.lower())
        moves = [said.move(a, b) or "" for a, b in itertools.permutations(POSITIONS, 2)]
        assert [text for text in moves if not move_needed(text, said.table)] == [], language


# Texts of the shipped translations (or as a teacher would write them) that ask for no move: a body part
# lowered, a position kept, hands resting on the knees, a knee bent while holding a towel; and steps of the
# same languages that do ask for one, some only now heard (a Dutch side glued into its noun, "rechterzij").
NO_MOVE = {
    "fr": ("En cas d'ostéoporose, ne descendez qu'à mi-hauteur, le dos long.",
           "Descendez la poitrine et le menton, puis le ventre, jusqu'au sol.",
           "Laissez votre souffle circuler librement, et restez debout, détendu et grand.",
           "Pliez le genou {side:droit}, et tenez la cheville ou la serviette."),
    "pt": ("Ao expirar, incline a bacia, de modo que a zona lombar desça e o cóccix se enrole.",
           "Deixe os joelhos apoiarem-se um no outro, para que as pernas fiquem de pé sem esforço.",
           "Deixe a cinta segurar o peso da perna.", "Desça um pouco, e estenda-se bem pelos dois braços."),
    "es": ("Al exhalar, baja despacio, del pecho a la cadera.", "Al exhalar, gira hacia la derecha desde el pecho.",
           "Dobla la rodilla {side}, y sujeta el tobillo o la toalla."),
    "nl": ("Zit in kleermakerszit, en laat je handen op je knieën rusten.", "Laat je schouders naar beneden zakken.",
           "Sta op je tenen.", "Rol zo langzaam door, omhoog, naar achteren en omlaag."),
    "it": ("Espirando, scendi lentamente, dal petto fino al bacino.", "Resta dove sei, seduto o in piedi.",
           "Scendi un poco, e allungati lontano con entrambe le braccia."),
    "de": ("Steh aufrecht, und lass das Standbein weich.", "Setz die Hände auf den Boden, den Blick auf den Boden."),
}  # fmt: skip
MOVE = {
    "fr": ("Descendez à genoux sur votre tapis.", "Descendez maintenant sur votre tapis : asseyez-vous."),
    "pt": ("Desça até ficar de joelhos no tapete.", "Fique de pé à frente do tapete."),
    "es": ("Ahora baja a la esterilla, a cuatro patas.", "Gira hacia un lado y apóyate en las manos."),
    "nl": ("Ga op je {side:rechter}zij liggen, gesteund op je {side:rechter}onderarm.", "Ga op je linkerzij liggen.",
           "Kom terug op je knieën."),
    "it": ("Mettiti sul fianco {other_side:destro}.", "Tenendo le ginocchia unite, rotola lentamente sul fianco."),
    "de": ("Steh langsam auf, und stell dich an die Wand.", "Komm langsam auf den Boden."),
}  # fmt: skip


@pytest.mark.parametrize("language", sorted(NO_MOVE))
def test_move_words_match_whole_words_and_forms_not_a_body_part_moving(language):
    table = phrases_for(language).table
    assert [text for text in NO_MOVE[language] if move_needed(text, table)] == []
    assert [text for text in MOVE[language] if not move_needed(text, table)] == []


def test_a_prop_that_does_the_verb_is_not_fetched():
    """ "Let the strap take the weight" names a strap and the verb "take", but the strap takes, nobody fetches
    it (the word after a prop's noun is the prop's own verb); "take the strap" still asks for a move."""
    table = phrases_for("en").table
    assert move_needed("Let the strap take the weight of the leg.", table) == 0
    assert move_needed("Let the blankets take your knees, and breathe.", table) == 0
    assert move_needed("Take the strap in both hands.", table) > 0
    assert move_needed("Let the strap go slack, and bring a blanket under your head.", table) > 0
