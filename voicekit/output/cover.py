"""A practice's cover, drawn in code: a calm colour of its own, a low sun over the horizon with its
ripples, and the title. PNG at any size: 1400 px for a podcast feed, 600 in the audio file, 512, 192
and 180 for a phone's home screen (small sizes leave the title out: the icon's name is under it).

The colour comes from the title, so a practice and every version built of it look alike, and the
same title always gives the same bytes (a rebuilt file stays the same file). A build reads its cover
from the store (``stored``): drawing it, and importing Pillow to, was a third of a warm rebuild's work."""

from __future__ import annotations

import hashlib
import io
import textwrap
from functools import lru_cache
from importlib.util import find_spec
from pathlib import Path
from typing import TYPE_CHECKING

from voicekit.store import COVER, Store, key

if TYPE_CHECKING:
    from PIL import ImageDraw, ImageFont

EMBEDDED = 600
"""The size put into the MP3 and M4A (players show it small; the feed's 1400 is served apart)."""
SIZES = (96, 180, 192, 256, 512, 600, 1400)
"""The sizes that are drawn: icons, the lock screen's artwork, the page, the file, the feed."""
WORDS_FROM = 400
"""Sizes below this show only the picture."""
# Background and ink: deep, quiet colours under a pale sun, each readable under white text.
PALETTE = (
    ((46, 94, 84), (233, 223, 196)),  # moss
    ((43, 70, 110), (226, 222, 205)),  # dusk blue
    ((98, 72, 110), (238, 214, 196)),  # heather
    ((128, 84, 52), (246, 226, 190)),  # clay
    ((52, 84, 100), (216, 232, 226)),  # lake
    ((70, 78, 56), (232, 226, 186)),  # olive
)


def colours(title: str) -> tuple[tuple[int, int, int], tuple[int, int, int]]:
    """The background and the sun of a title's cover."""
    return PALETTE[hashlib.sha256(title.encode("utf-8")).digest()[0] % len(PALETTE)]


def stored(store: Store, title: str, size: int = EMBEDDED) -> bytes:
    """``png(title, size)``, kept in ``store`` under everything it is drawn from: drawn once."""
    name = key(cover=title, size=size, drawn_by=_drawn_by())
    found = store.get(COVER, name)
    if found is None:
        found = png(title, size)
        store.put(COVER, name, found)
    return found


@lru_cache(maxsize=1)
def _drawn_by() -> str:
    """What a cover's bytes depend on besides its title and size: this module's code, Pillow's version
    and the font (read from their files: importing Pillow is what a stored cover saves)."""
    parts = [Path(__file__).read_bytes()]
    for package, file in (("PIL", "_version.py"), ("font_lato", "files/Lato-Regular.ttf")):
        spec = find_spec(package)
        folders = spec.submodule_search_locations if spec else None
        try:
            parts.append(Path(next(iter(folders or ())), file).read_bytes())
        except (StopIteration, OSError):
            parts.append(b"")
    return hashlib.sha256(b"\0".join(parts)).hexdigest()


@lru_cache(maxsize=64)
def png(title: str, size: int = EMBEDDED) -> bytes:
    """The cover of ``title`` as a square PNG of ``size`` pixels (one of ``SIZES``)."""
    from PIL import Image, ImageDraw

    if size not in SIZES:
        raise ValueError(f"a cover is drawn at {', '.join(map(str, SIZES))} pixels, not {size}")
    scale = 2  # drawn twice as large and scaled down: smooth edges
    s = size * scale
    ground, sun = colours(title)
    image = Image.new("RGB", (s, s), ground)
    draw = ImageDraw.Draw(image)
    horizon = round(s * (0.62 if size >= WORDS_FROM else 0.66))
    r = round(s * 0.2)
    cx = s // 2
    draw.ellipse((cx - r, horizon - r, cx + r, horizon + r), fill=_mix(sun, ground, 0.9))
    draw.rectangle((0, horizon, s, s), fill=ground)  # the sun half set
    for i, width in enumerate((0.56, 0.4, 0.24)):  # its ripples, shorter and fainter down the water
        y = horizon + round(s * (0.045 + 0.05 * i))
        half, thick = round(s * width / 2), max(2, round(s * 0.012))
        ink = _mix(sun, ground, 0.7 - 0.2 * i)
        draw.rounded_rectangle((cx - half, y, cx + half, y + thick), radius=thick // 2, fill=ink)
    if size >= WORDS_FROM:
        _title(draw, title, s, round(s * 0.08), horizon, sun)
    out = io.BytesIO()
    image.resize((size, size), Image.Resampling.LANCZOS).save(out, "PNG", compress_level=6)
    return out.getvalue()


def _font(points: int) -> ImageFont.FreeTypeFont | ImageFont.ImageFont:
    """Lato (every letter of the languages voicekit speaks), else Pillow's own font."""
    from importlib.resources import files

    from PIL import ImageFont

    try:
        return ImageFont.truetype(str(files("font_lato") / "files" / "Lato-Regular.ttf"), points)
    except (ImportError, OSError):
        return ImageFont.load_default(points)


def _title(draw: ImageDraw.ImageDraw, title: str, s: int, margin: int, horizon: int, ink: tuple[int, int, int]) -> None:
    """The title in the sky, as large as fits in three lines, and voicekit's name small at the foot."""
    for points in range(round(s * 0.095), round(s * 0.04), -max(1, round(s * 0.004))):
        font = _font(points)
        per_line = max(8, int((s - 2 * margin) / (points * 0.5)))
        lines = textwrap.wrap(title, per_line, break_long_words=True) or [""]
        widths = [draw.textlength(line, font=font) for line in lines]
        height = len(lines) * points * 1.18
        if len(lines) <= 3 and max(widths) <= s - 2 * margin and height <= horizon - s * 0.3:
            break
    y = margin * 1.2
    for line, width in zip(lines, widths, strict=True):
        draw.text(((s - width) / 2, y), line, font=font, fill=ink)
        y += points * 1.18
    small = _font(round(s * 0.035))
    mark = "voicekit"
    draw.text(((s - draw.textlength(mark, font=small)) / 2, s - margin), mark, font=small, fill=_mix(ink, ink, 1.0))


def _mix(a: tuple[int, int, int], b: tuple[int, int, int], share: float) -> tuple[int, int, int]:
    """``share`` of ``a`` and the rest of ``b``."""
    return (
        round(a[0] * share + b[0] * (1 - share)),
        round(a[1] * share + b[1] * (1 - share)),
        round(a[2] * share + b[2] * (1 - share)),
    )
