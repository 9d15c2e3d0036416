"""Text files written beside the audio: a printable cue sheet, LRC lyrics, WebVTT captions, the plan as JSON.

Pure functions from the sequence, the timeline and the metadata to text; nothing here touches audio.
"""

from __future__ import annotations

import json
import textwrap
from pathlib import Path

from voicekit.output.cue_sheet import cue_sheet
from voicekit.output.metadata import Metadata, settings
from voicekit.output.provenance import LRC_MARK, SIGNATURE, VTT_MARK
from voicekit.plan.options import Practice
from voicekit.plan.timeline import CueKind, Timeline
from voicekit.sequence import pacing
from voicekit.sequence.durations import format_ms

COMPANION_SUFFIXES = ("md", "lrc", "vtt", "json")


def beside(audio: Path, practice: Practice, timeline: Timeline, meta: Metadata) -> dict[Path, str]:
    """NAME.md, NAME.lrc, NAME.vtt and NAME.json for ``audio``: where each goes, and what it says."""
    made = {
        "md": cue_sheet(practice, timeline, meta),
        "lrc": lrc(timeline, meta),
        "vtt": vtt(timeline, meta),
        "json": to_json(plan_document(timeline, settings(practice), audio.name)),
    }
    return {audio.with_suffix(f".{suffix}"): made[suffix] for suffix in COMPANION_SUFFIXES}


def plan_document(timeline: Timeline, used: dict, audio: str | None = None) -> dict:
    """The timeline as JSON-ready data: ``voicekit plan --json`` and the ``.json`` companion share it."""
    doc: dict = {"title": timeline.title, "total": timeline.total / 1000, "made_by": SIGNATURE}
    if audio is not None:
        doc["audio"] = audio
    doc["settings"] = used
    doc["chapters"] = [{"title": c.title, "start": c.start / 1000, "end": c.end / 1000} for c in timeline.chapters]
    doc["cues"] = timeline.to_json()
    doc["warnings"] = list(timeline.warnings)
    return doc


def to_json(doc: dict) -> str:
    return json.dumps(doc, indent=1, ensure_ascii=False) + "\n"


def lrc(timeline: Timeline, meta: Metadata) -> str:
    """Synchronized lyrics: a line per spoken cue, and an empty line when the speaking stops."""
    out = [f"[ti:{meta.title}]", f"[ar:{meta.artist}]", f"[al:{meta.album}]"]
    out += [f"[length:{_lrc_time(timeline.total)[:5]}]", LRC_MARK]
    cues = timeline.cues
    for i, cue in enumerate(cues):
        if cue.kind is not CueKind.SPEECH:
            continue
        out.append(f"[{_lrc_time(cue.start)}]{pacing.spoken(cue.text)}")
        if i + 1 < len(cues) and cues[i + 1].kind is not CueKind.SPEECH:
            out.append(f"[{_lrc_time(cue.end)}]")
    return "\n".join(out) + "\n"


def vtt(timeline: Timeline, meta: Metadata) -> str:
    """WebVTT captions: a cue per spoken text, wrapped to short lines."""
    out = ["WEBVTT", "", f"NOTE {pacing.spoken(meta.title)}, {format_ms(timeline.total)}{VTT_MARK}", ""]
    speech = [c for c in timeline.cues if c.kind is CueKind.SPEECH]
    for n, cue in enumerate(speech, 1):
        text = "\n".join(textwrap.wrap(pacing.spoken(cue.text).replace("-->", "->"), 60, break_on_hyphens=False))
        out += [str(n), f"{_vtt_time(cue.start)} --> {_vtt_time(cue.end)}", text, ""]
    return "\n".join(out)


def _lrc_time(ms: int) -> str:
    """[mm:ss.xx]; minutes go past 59 in long sessions, as LRC players expect."""
    centis = (ms + 5) // 10
    minutes, centis = divmod(centis, 6000)
    return f"{minutes:02d}:{centis // 100:02d}.{centis % 100:02d}"


def _vtt_time(ms: int) -> str:
    hours, rest = divmod(ms, 3_600_000)
    minutes, rest = divmod(rest, 60_000)
    return f"{hours:02d}:{minutes:02d}:{rest // 1000:02d}.{rest % 1000:03d}"
