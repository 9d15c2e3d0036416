"""JSON Schema for sequence files and pose files, made from ``fields``: the keys the loader accepts.

Editors read it (VS Code's YAML extension, Neovim, Helix: a file's first line
``# yaml-language-server: $schema=...`` points at it) to complete keys, show what each means and
flag a typo as it is typed. The loader stays the judge: the schema cannot say that a duration reads
as one, or that a text has words in it.
"""

from __future__ import annotations

import json

from voicekit.language.phrases import BUILT_IN, ENGLISH_PHRASES, TAG, keys, phrases_for
from voicekit.places import SHIPPED_DIR
from voicekit.sequence import fields
from voicekit.sequence.catalogue import PROPS
from voicekit.sequence.fields import Field
from voicekit.sequence.values import ID

DRAFT = "https://json-schema.org/draft/2020-12/schema"
FOLDER = SHIPPED_DIR / "schema"
FILES = {"sequence": "sequence.schema.json", "poses": "poses.schema.json", "translation": "translation.schema.json"}
TABLES = {"sequence": fields.SEQUENCE, "poses": fields.POSE_FILE, "translation": fields.TRANSLATION_FILE}
TITLES = {"sequence": "voicekit sequence", "poses": "voicekit pose file", "translation": "voicekit pose translation"}

_TEXT = {"type": "string", "minLength": 1}
_NUMBER_OR_TEXT = {"type": ["string", "number"]}


def value(f: Field) -> dict:
    """The schema of one key's value."""
    kind = f.kind
    if kind == "text":
        out: dict = dict(_TEXT)
    elif kind == "texts":
        least = 1 if f.low is None else int(f.low)  # reminders: [] is none
        out = {"anyOf": [_TEXT, {"type": "array", "items": _TEXT, "minItems": least}]}
    elif kind in ("number", "whole"):
        out = {"type": "number" if kind == "number" else "integer"}
        out |= {"minimum": f.low} if f.low is not None else {}
        out |= {"maximum": f.high} if f.high is not None else {}
    elif kind in ("duration", "hold"):
        out = dict(_NUMBER_OR_TEXT)
    elif kind == "choice":
        out = {"enum": list(f.choices)}
    elif kind == "choices":
        choice = {"enum": list(f.choices)}
        out = {"anyOf": [choice, {"type": "array", "items": choice, "uniqueItems": True}]}
    elif kind == "ids":
        pose_id = {"type": "string", "pattern": f"^{ID.pattern}$"}
        out = {"anyOf": [pose_id, {"type": "array", "items": pose_id, "uniqueItems": True}]}
    elif kind == "props":  # the ids to complete, any words to the loader
        prop = {"anyOf": [{"enum": list(PROPS)}, _TEXT]}
        out = {"anyOf": [prop, {"type": "array", "items": prop}]}
    elif kind in ("steps", "cautions"):
        item = {"anyOf": [mapping(f.fields), _TEXT]}
        out = {"anyOf": [{"type": "array", "items": item, "minItems": 1}, _TEXT]}
    elif kind == "transition-in":
        out = {"anyOf": [{"const": False}, _TEXT]}
    elif kind == "gather":
        out = {"anyOf": [{"const": "none"}, _NUMBER_OR_TEXT]}
    elif kind == "flag":
        out = {"type": "boolean"}
    elif kind == "table":
        out = {"type": "object", "additionalProperties": _TEXT}
    elif kind == "path":
        out = dict(_TEXT)
    elif kind == "paths":
        out = {"anyOf": [_TEXT, {"type": "array", "items": _TEXT}]}
    elif kind == "sides":  # the side words of every language voicekit has, to complete; any word to the loader
        words = {"anyOf": [{"enum": _side_words()}, _TEXT]}
        out = {"type": "array", "items": words, "minItems": 1, "uniqueItems": True}
    elif kind == "language":
        out = {"anyOf": [{"enum": _languages()}, {"type": "string", "pattern": f"^{TAG.pattern}$"}]}
    elif kind == "phrases":
        out = {
            "type": "object",
            "properties": {k: _TEXT for k in keys(ENGLISH_PHRASES.table)},
            "additionalProperties": False,
        }
    elif kind == "id":
        out = {"type": "string", "pattern": f"^{ID.pattern}$"}
    elif kind == "group":
        out = mapping(f.fields)
        if f.apart:
            out["not"] = {"required": list(f.apart)}
        if f.scalar:
            choices = next(sub.choices for sub in f.fields if sub.kind == "choice")
            out = {"anyOf": [out, {"enum": list(choices)}]}
    elif kind == "time-cues":
        cue = dict(_TEXT)  # halfway, 1m left, or the practice's language's words (Hälfte, noch 1 Minute)
        out = {"anyOf": [cue, {"type": "array", "items": cue, "uniqueItems": True}]}
    elif kind == "bells":
        out = {"anyOf": [_NUMBER_OR_TEXT, {"type": "array", "items": _NUMBER_OR_TEXT}]}
    elif kind in ("breath", "breath-cues"):  # a mapping, or one of the names (a pattern, a kind of cues)
        out = {"anyOf": [mapping(f.fields), {"enum": list(f.choices)}]}
    elif kind == "movements":  # each movement a mapping of one phase to what is said on it
        said = {"anyOf": [mapping(f.fields), _TEXT]}
        one = [
            {
                "type": "object",
                "properties": {
                    phase: {"description": f"A movement on the {phase}: {{say, short}}, or a text.", **said}
                },
                "required": [phase],
                "additionalProperties": False,
            }
            for phase in f.choices
        ]
        out = {"type": "array", "items": {"anyOf": one}, "minItems": 1}
    elif kind == "poses":
        items = {"anyOf": [mapping(fields.SEQUENCE_POSE), mapping(fields.ROUND), mapping(fields.FLOW)]}
        out = {"type": "array", "items": items, "minItems": 1}
    elif kind == "translations":
        out = {"type": "array", "items": mapping(fields.TRANSLATED), "minItems": 1}
    elif kind in ("round", "library"):
        pose, flow = (fields.POSE, fields.FLOW) if kind == "round" else (fields.LIBRARY_POSE, fields.LIBRARY_FLOW)
        out = {"type": "array", "items": {"anyOf": [mapping(pose), mapping(flow)]}, "minItems": 1}
    else:
        raise ValueError(f"no schema for a field of kind {kind!r}")
    return {"description": f.doc, **out}


def _languages() -> list[str]:
    """The tags voicekit has a table for, as BCP 47 writes them (pt-BR)."""
    return [*BUILT_IN, "pt-BR"]


def _side_words() -> list[str]:
    found: dict[str, None] = {}
    for tag in BUILT_IN:
        found |= dict.fromkeys(w for pair in phrases_for(tag).side_forms[:1] for w in pair)
    return list(found)


def mapping(table: tuple[Field, ...]) -> dict:
    """An object with exactly these keys, the required ones required (unless their ``unless`` key is there)."""
    out: dict = {"type": "object", "properties": {f.key: value(f) for f in table}, "additionalProperties": False}
    plain = [f.key for f in table if f.required and not f.unless]
    unless = [f for f in table if f.required and f.unless]
    if plain:
        out["required"] = plain
    if unless:
        other = unless[0].unless
        out["anyOf"] = [{"required": [other]}, {"required": [f.key for f in unless]}]
    return out


def schema(kind: str = "sequence") -> dict:
    """The JSON Schema of a sequence file (``kind="sequence"``), a pose file (``"poses"``) or a pose
    translation (``"translation"``: ``poses/<lang>/<file>.yaml``)."""
    head = {"$schema": DRAFT, "$id": f"https://voicekit.local/{FILES[kind]}", "title": TITLES[kind]}
    return head | mapping(TABLES[kind])


def text(kind: str = "sequence") -> str:
    return json.dumps(schema(kind), indent=2, ensure_ascii=False) + "\n"
