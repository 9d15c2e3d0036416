"""``voicekit new``: a commented starter sequence, or a copy of a practice to make one's own."""

from __future__ import annotations

import json
import os
import re
from pathlib import Path

import yaml

from voicekit.sequence.loader import load_sequence, parse_sequence
from voicekit.sequence.yaml_tree import read_text

STARTER = """\
# yaml-language-server: $schema={schema}
# A practice of your own. Every key is explained in the README ("Writing a sequence"); an editor with
# the YAML extension completes keys and explains them as you type. Check it, then build it:
#   voicekit check {name}        voicekit plan {name}        voicekit build {name}
title: {title}
description: >
  Who it is for and what it does, in a sentence or two. Name the props it needs.
language: en                # the language it is written in: de, es, fr, it, nl, pt, pt-BR (see `voicekit phrases`)

voice:
  rate: 140                 # words per minute: 140 is slow and calm

pauses:
  step: 4s                  # quiet after each set-up step, time to move
  pose: 6s                  # quiet after each pose
# breath: calm              # the breath of holds in breaths: calm, box, 4-7-8, coherent, extended-exhale
# guidance: guided          # how much is said: quiet (holds silent), guided or full

intro: >
  Welcome. Find a quiet place, and lie down on your back.
  Move slowly, and never into pain.
# gather: 45s               # after the intro, one phrase names the props the poses use, then this much quiet

poses:
  # A pose of the library, as it is (`voicekit poses` lists them, `voicekit poses --show ID` reads one):
  - use: knees-to-chest
  # ... or with some of its keys changed:
  - use: reclining-twist
    hold: 3-5 breaths
    # repeat: 2             # play it twice over, in rounds
  # ... or written out in full:
  - name: Rest on your back
    position: supine        # where the body is: where it changes, the move there is said (see the README)
    kind: rest
    setup:
      - {{say: "Slide your legs long, and let your arms rest by your sides.", move: 6s}}   # move: time to move
      - Close your eyes.
    hold: 3-5m              # 90s, 5m, 1:30, 5-8m, 6 breaths, 5-8 breaths
    reminders:
      - Let the floor carry you.
    # time_cues: [halfway, 1m left]   # says "Halfway." and "One minute left." inside the hold
    # bells: every 1m                 # a soft bell each minute of the hold
    release: Roll onto your right side and rest there for a few breaths.
    # cautions: [{{say: "If your lower back aches, slide a pillow under your knees."}}]   # spoken once
  # ... or movements on the breath, in rounds (a flow):
  # - flow:
  #     - inhale: {{say: "Breathing in, sweep your arms up.", short: "Arms up."}}
  #     - exhale: {{say: "Breathing out, lower them.", short: "Down."}}
  #   rounds: 4
  #   name: Arm sweeps

outro: >
  When you are ready, come slowly up to sitting. Thank you for practising.
"""


def starter(name: str, schema: Path) -> str:
    title = " ".join(w.capitalize() for w in re.split(r"[-_ ]+", name) if w) or "My practice"
    return STARTER.format(name=name, title=json.dumps(title)[1:-1], schema=schema.as_posix())


def copy_of(practice: Path, name: str, schema: Path, place: Path) -> str:
    """A practice's text as the user's own copy, to be written at ``place``: its schema line pointing at
    ``schema`` (a relative one would not reach it from the copy's folder), its build hints for the copy's
    name, its own paths (``library:``, ``bed.file:``) rewritten to reach the same files from there. The
    practice must read; the copy then reads in its place too (SequenceError otherwise, nothing written)."""
    load_sequence(practice)  # a copy of a practice that does not read would not read either
    text = _moved(read_text(practice), practice.parent, place.parent)
    lines = text.splitlines(keepends=True)
    lines = [line for line in lines if not re.match(r"#\s*(yaml-language-server:|Build it:|Shorter:)", line)]
    head = [
        f"# yaml-language-server: $schema={schema.as_posix()}\n",
        f"# Your copy of {practice.stem}: change anything; `voicekit build {name}` builds it.\n",
    ]
    copy = "".join(head + lines)
    parse_sequence(copy, os.path.abspath(place), name)  # its folder as it will be, made if need be
    return copy


def _moved(text: str, old: Path, new: Path) -> str:
    """``text`` with each relative path of ``library:`` and ``bed.file:`` (relative to the folder ``old``)
    written to reach the same file from the folder ``new``; the rest as it was, comments and all."""
    loader = yaml.SafeLoader(text)
    try:
        root = loader.get_single_node()
        spans = {}
        for node in _path_nodes(loader, root):
            written = str(node.value).strip()
            if Path(written).is_absolute() or written.startswith("~"):
                continue  # it reaches the same file from anywhere
            moved = _reach(old / written, new)
            if os.path.normpath(moved) != os.path.normpath(written):
                spans[node.start_mark.index, node.end_mark.index] = json.dumps(moved)
    finally:
        loader.dispose()
    for (start, end), value in sorted(spans.items(), reverse=True):
        text = text[:start] + value + text[end:]
    return text


def _path_nodes(loader: yaml.SafeLoader, root: yaml.Node | None) -> list[yaml.ScalarNode]:
    """The scalar nodes of the top level's ``library:`` (one or a list) and ``bed.file:``."""

    def values(mapping: yaml.Node | None) -> dict[str, yaml.Node]:
        if not isinstance(mapping, yaml.MappingNode):
            return {}
        loader.flatten_mapping(mapping)  # "<<" merge keys, as the loader reads them
        return {key.value: value for key, value in mapping.value if isinstance(key, yaml.ScalarNode)}

    top = values(root)
    library = top.get("library")
    found = library.value if isinstance(library, yaml.SequenceNode) else [library]
    found.append(values(top.get("bed")).get("file"))
    return [node for node in found if isinstance(node, yaml.ScalarNode)]


def _reach(target: Path, folder: Path) -> str:
    """How a file in ``folder`` names ``target``: relative where it is inside that folder, else whole."""
    target = Path(os.path.abspath(target))
    relative = os.path.relpath(target, os.path.abspath(folder))
    return Path(relative).as_posix() if not relative.startswith("..") else target.as_posix()
