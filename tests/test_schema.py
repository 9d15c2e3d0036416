"""The JSON Schema editors use: made from the same description of keys the loader reads, so a key
one accepts and the other lacks cannot exist; every shipped file validates against it."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import jsonschema
import pytest
import yaml
from helpers import ROOT, validate

from voicekit.errors import SequenceError
from voicekit.sequence import schema
from voicekit.sequence.library import SHIPPED_POSES, Library
from voicekit.sequence.loader import parse_sequence

SEQUENCES = sorted((ROOT / "sequences").rglob("*.yaml"))
POSE_FILES = sorted((ROOT / "poses").glob("*.yaml"))


def read_pose_file(path: Path) -> list:
    """Every pose of a pose file, read and validated (the shipped library under it, for ``use``)."""
    library = Library([SHIPPED_POSES, path])
    if path in library.unreadable:  # the library lists the rest; the file itself is what is tested here
        raise SequenceError(library.unreadable[path])
    ids = [pose["id"] for pose in yaml.safe_load(path.read_text(encoding="utf-8"))["poses"]]
    return [library.pose(i) for i in ids]


def example(prop: dict, key: str = "", within: str = "") -> Any:
    """A valid value for a schema property (the first alternative of an anyOf); ``within``: the key of the
    mapping it is in (a breath's ``hold`` is a few seconds, a pose's a minute)."""
    if "anyOf" in prop and "type" not in prop:
        return example(prop["anyOf"][0], key, within)
    if "enum" in prop:
        return prop["enum"][0]
    kind = prop.get("type")
    kind = kind[0] if isinstance(kind, list) else kind
    if kind == "object":
        if "properties" not in prop:
            return {"Savasana": "shah-vah-sah-nah"}
        apart = prop.get("not", {}).get("required", [])[1:]  # keys that cannot be written with the first
        return {k: example(v, k, key) for k, v in prop["properties"].items() if k not in apart}
    if kind == "array":
        if key == "sides":
            return ["right", "left"]
        return [example(item, key, within) for item in _kinds_of_item(prop)]
    if kind in ("number", "integer"):
        return prop.get("minimum", 1)
    if kind == "boolean":
        return True
    if within == "breath":
        return "4s"
    return {
        "hold": "1m", "inhale": "4s", "exhale": "6s", "step": "3s", "pose": "5s", "id": "my-pose",
        "use": "knees-to-chest", "engine": "fake", "library": ".", "length": "20m", "time_cues": "halfway",
        "bells": "every 5m", "file": "rain.mp3", "counter": "knees-to-chest", "move": "5s", "gather": "45s",
    }.get(key, "Rest here.")  # fmt: skip


def _kinds_of_item(prop: dict) -> list[dict]:
    """The kinds of item a list may hold: one, or each of its objects (the poses of a sequence, and its
    rounds of poses), so that an every-key document has one of each."""
    items = prop["items"]
    alternatives = items.get("anyOf", [])
    return alternatives if alternatives and all("properties" in alt for alt in alternatives) else [items]


def every_key_document(kind: str) -> dict:
    doc = example(schema.schema(kind))
    for i, item in enumerate(doc["poses"]):
        for j, pose in enumerate(item.get("round", [item])):
            pose.pop("use", None)  # a pose written out in full, every key of its own
            if "id" in pose:
                pose["id"] = f"my-pose-{i}-{j}"  # a pose and a flow
    if kind == "sequence":
        doc["voice"]["id"] = "low"
    return doc


def test_the_repository_copies_are_what_voicekit_schema_prints():
    for kind, name in schema.FILES.items():
        assert (ROOT / "schema" / name).read_text(encoding="utf-8") == schema.text(kind), name


@pytest.mark.parametrize("kind", ["sequence", "poses"])
def test_a_file_with_every_key_of_the_schema_is_valid_to_both(kind, tmp_path):
    doc = every_key_document(kind)
    validate(doc, kind)
    (tmp_path / "rain.mp3").write_bytes(b"a bed's file: the loader sees that it is there")
    path = tmp_path / "every-key.yaml"
    path.write_text(yaml.safe_dump(doc, sort_keys=False), encoding="utf-8")
    if kind == "sequence":
        loaded = parse_sequence(path.read_text(), str(path))
        assert loaded.voice.id == "low" and loaded.poses[0].cautions
    else:
        assert read_pose_file(path)


def _tables(node: dict, where: str = "") -> Iterator[tuple[str, dict]]:
    """Every object of the schema that lists its keys, with a path to it in an every-key document."""
    if "properties" in node:
        yield where, node
        for key, sub in node["properties"].items():
            yield from _tables(sub, f"{where}/{key}")
    for alt in node.get("anyOf", []):
        yield from _tables(alt, where)
    if "items" in node:
        for i, item in enumerate(_kinds_of_item(node)):
            yield from _tables(item, f"{where}/{i}")


@pytest.mark.parametrize("kind", ["sequence", "poses"])
def test_a_key_the_schema_lacks_is_refused_by_both_at_every_level(kind, tmp_path):
    tables = list(_tables(schema.schema(kind)))
    assert len(tables) >= (5 if kind == "sequence" else 2)
    (tmp_path / "rain.mp3").write_bytes(b"a bed's file: the loader sees that it is there")
    for where, _ in tables:
        doc = every_key_document(kind)
        target = doc
        for part in [p for p in where.split("/") if p]:
            target = target[int(part)] if part.isdigit() else target[part]
        target["colour"] = "blue"
        with pytest.raises(jsonschema.ValidationError):
            validate(doc, kind)
        path = tmp_path / "extra.yaml"
        path.write_text(yaml.safe_dump(doc, sort_keys=False), encoding="utf-8")
        with pytest.raises(SequenceError, match="unknown key"):
            parse_sequence(path.read_text(), str(path)) if kind == "sequence" else read_pose_file(path)


@pytest.mark.parametrize("path", SEQUENCES, ids=lambda p: p.stem)
def test_every_shipped_sequence_validates_and_points_editors_at_the_schema(path: Path) -> None:
    first = path.read_text(encoding="utf-8").splitlines()[0]
    assert first.startswith("# yaml-language-server: $schema=")
    target = (path.parent / first.split("$schema=", 1)[1]).resolve()
    assert target == (ROOT / "schema" / "sequence.schema.json").resolve()
    validate(yaml.safe_load(path.read_text(encoding="utf-8")), target)


@pytest.mark.parametrize("path", POSE_FILES, ids=lambda p: p.stem)
def test_every_shipped_pose_file_validates_and_points_editors_at_the_schema(path: Path) -> None:
    first = path.read_text(encoding="utf-8").splitlines()[0]
    target = (path.parent / first.split("$schema=", 1)[1]).resolve()
    assert target == (ROOT / "schema" / "poses.schema.json").resolve()
    validate(yaml.safe_load(path.read_text(encoding="utf-8")), target)
    assert read_pose_file(path)


def test_voicekit_schema_prints_each(run_cli):
    assert json.loads(run_cli("schema").out) == schema.schema("sequence")
    assert json.loads(run_cli("schema", "--poses").out) == schema.schema("poses")


def test_a_bed_with_both_a_kind_and_a_file_is_refused_by_both(tmp_path):
    (tmp_path / "rain.mp3").write_bytes(b"sound")
    doc = {"title": "T", "bed": {"kind": "drone", "file": "rain.mp3"}, "poses": [{"use": "knees-to-chest"}]}
    with pytest.raises(jsonschema.ValidationError):
        validate(doc, "sequence")
    validate({**doc, "bed": {"file": "rain.mp3"}}, "sequence")
    with pytest.raises(SequenceError, match="give a kind or a file, not both"):
        parse_sequence(yaml.safe_dump(doc), str(tmp_path / "s.yaml"))
