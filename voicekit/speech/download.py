"""``voicekit voices --download NAME``: a Piper voice from the public Piper voices repository (Hugging
Face ``rhasspy/piper-voices``), installed in the user data folder; NAME is the voice's name, or a
language's short name for the voice recommended for it (``piper_voices.RECOMMENDED``: ``de``).

The repository's index (``voices.json``) lists each voice's files with their size and MD5. The voice's
``.onnx`` and ``.onnx.json`` are streamed into a temporary folder beside where the voice goes, each
checked against the index, and the folder renamed into place only when both are whole: a failed,
cut, stalled or damaged download leaves nothing behind (a killed one's folder is swept by the next
download) and is reported in one line. A folder of the voice's name is replaced only when all it holds
is some of the voice's own files, as the index has them; anything else there is the user's, and the
download is refused. ``$VOICEKIT_PIPER_VOICES_URL`` points elsewhere (the tests serve a small voice of
their own from a local server). Only the standard library's urllib (``transfer``): no new dependency.
"""

from __future__ import annotations

import contextlib
import difflib
import hashlib
import json
import os
import shutil
import urllib.parse
from pathlib import Path

from voicekit.errors import DownloadError
from voicekit.files import printable, remove_stale, temp_folder_beside
from voicekit.plan.speaker import PIPER_NAME
from voicekit.progress import OnProgress
from voicekit.speech import piper_voices
from voicekit.speech.transfer import BROKE_OFF, CHUNK, Stalled, get, one_line, too_slow

BASE_URL = "https://huggingface.co/rhasspy/piper-voices/resolve/v1.0.0"
"""A tagged release of the repository: its index and its files stay as they were."""
URL_VARIABLE = "VOICEKIT_PIPER_VOICES_URL"
INDEX = "voices.json"
MAX_INDEX = 20_000_000  # bytes; the index is about 1 MB
SUFFIXES = (".onnx", ".onnx.json")
NOTHING = "nothing was installed"


def base_url() -> str:
    return (os.environ.get(URL_VARIABLE) or BASE_URL).rstrip("/")


def download(name: str, on_progress: OnProgress = lambda done, total: None) -> tuple[Path, bool]:
    """Install the Piper voice ``name`` (``de_DE-thorsten-medium``, or a language's short name for the voice
    recommended for it: ``de``, ``pt-BR``): its model's path, and whether it was downloaded now (False: it
    was installed already). DownloadError says in one line what went wrong."""
    name = piper_voices.RECOMMENDED.get(name.strip().replace("_", "-").lower(), name)
    if not PIPER_NAME.fullmatch(name):
        languages = ", ".join(piper_voices.shown(tag) for tag in piper_voices.RECOMMENDED)
        raise DownloadError(
            f"{name!r} is not a Piper voice name (they look like de_DE-thorsten-medium) nor a language's short name "
            f"({languages})"
        )
    installed = piper_voices.named(name)
    if installed is None:
        name, entry = _voice(name, _index())  # an alias gives the voice's own name
        installed = piper_voices.named(name)
    if installed is not None:
        return installed.model, False
    files = _files_of(name, entry)
    root = piper_voices.folder()
    target = root / name
    _check_in_the_way(target, files)  # before anything is fetched
    try:
        root.mkdir(parents=True, exist_ok=True)
        remove_stale(root)  # what killed downloads left
        staging = temp_folder_beside(target)
    except OSError as e:
        raise DownloadError(f"cannot write in {root}: {e.strerror or e}") from None
    try:
        total, done = sum(size for _, size, _ in files), 0
        for path, size, md5 in files:
            saved = staging / Path(path).name
            done = _fetch(f"{base_url()}/{urllib.parse.quote(path)}", saved, size, md5, done, total, on_progress)
        _check_config(staging / f"{name}.onnx.json")
        _move_into_place(staging, target, files)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    return target / f"{name}.onnx", True


def _index() -> dict:
    url = f"{base_url()}/{INDEX}"
    body = bytearray()
    try:
        with get(url) as chunks:
            for chunk in chunks:
                body += chunk
                if len(body) > MAX_INDEX:
                    raise DownloadError(f"{url} is larger than an index of voices can be; is the address right?")
    except Stalled:
        raise DownloadError(f"the download of {url} stalled ({too_slow()}); try again later") from None
    except BROKE_OFF as e:
        raise DownloadError(f"the download of {url} broke off: {one_line(getattr(e, 'reason', e))}") from None
    try:
        index = json.loads(bytes(body))
    except ValueError:
        raise DownloadError(f"{url} is not the Piper voices index (not JSON); is the address right?") from None
    if not isinstance(index, dict):
        raise DownloadError(f"{url} is not the Piper voices index (no voices in it)")
    return index


def _voice(name: str, index: dict) -> tuple[str, dict]:
    """The voice's own name and its entry in the index: found by its name, or by one of its aliases whole."""
    listed = f"{base_url()}/{INDEX}"
    entry = index.get(name)
    if entry is None:
        for key, value in index.items():
            aliases = value.get("aliases") if isinstance(value, dict) else None
            if isinstance(aliases, list) and name in aliases and PIPER_NAME.fullmatch(key):
                name, entry = key, value
                break
    if entry is None:
        close = difflib.get_close_matches(name, [str(key) for key in index], n=1, cutoff=0.6)
        hint = f"did you mean {close[0]!r}? " if close else ""
        raise DownloadError(
            f"the Piper voices repository has no voice {name!r}; {hint}its voices are listed in {listed}"
        )
    if not isinstance(entry, dict):
        raise DownloadError(f"the index's entry for {name} is not a voice's description; is {listed} the right index?")
    return name, entry


def _files_of(name: str, entry: dict) -> list[tuple[str, int, str]]:
    """(path in the repository, size, md5) of the voice's model and config."""
    wanted = sorted(f"{name}{s}" for s in SUFFIXES)
    found = []
    try:
        for path, info in entry["files"].items():
            if Path(path).name in wanted:
                found.append((path, int(info["size_bytes"]), str(info["md5_digest"]).lower()))
    except (AttributeError, KeyError, TypeError, ValueError):
        raise DownloadError(f"the index's entry for {name} does not give its files' sizes and checksums") from None
    if sorted(Path(p).name for p, _, _ in found) != wanted:
        raise DownloadError(f"the index's entry for {name} lacks its {' or '.join(SUFFIXES)} file")
    return sorted(found, key=lambda f: f[0].endswith(".onnx"))  # the small config first


def _fetch(url: str, path: Path, size: int, md5: str, done: int, total: int, on_progress: OnProgress) -> int:
    """Stream ``url`` to ``path``, checking its size and MD5; the bytes done in all."""
    digest, got = hashlib.md5(usedforsecurity=False), 0
    try:
        with get(url) as chunks, open(path, "wb") as out:
            for chunk in chunks:
                got += len(chunk)
                if got > size:
                    raise DownloadError(f"{path.name} is larger than the index says ({size} bytes); {NOTHING}")
                digest.update(chunk)
                out.write(chunk)
                on_progress(done + got, total)
    except Stalled:
        raise DownloadError(
            f"the download of {path.name} stalled after {got} of {size} bytes ({too_slow()}); {NOTHING}"
        ) from None
    except BROKE_OFF as e:
        reason = one_line(getattr(e, "reason", e))
        raise DownloadError(
            f"the download of {path.name} broke off after {got} of {size} bytes ({reason}); {NOTHING}"
        ) from None
    except OSError as e:
        raise DownloadError(f"cannot write {path.name} in {path.parent.parent}: {e.strerror or e}; {NOTHING}") from None
    if got != size:
        raise DownloadError(f"the download of {path.name} was cut short: {got} of {size} bytes; {NOTHING}")
    if digest.hexdigest() != md5:
        raise DownloadError(f"{path.name} arrived damaged (its MD5 is not the index's); {NOTHING}")
    return done + got


def _check_config(path: Path) -> None:
    try:
        json.loads(path.read_text(encoding="utf-8"))
    except ValueError:
        raise DownloadError(f"{path.name} is not a voice's config (not JSON); {NOTHING}") from None


def _check_in_the_way(target: Path, files: list[tuple[str, int, str]]) -> None:
    """Nothing is at ``target``, or a folder holding nothing but this voice's files as the index has them
    (a voice whose other file was deleted by hand): anything of the user's there is left alone."""
    if not os.path.lexists(target):
        return
    shown = printable(target)
    if target.is_symlink() or not target.is_dir():
        kind = "a link" if target.is_symlink() else "a file"
        raise DownloadError(f"{shown} is {kind}, not the voice's folder; move it away and download again; {NOTHING}")
    own = {Path(path).name: md5 for path, _, md5 in files}
    try:
        entries = sorted(os.scandir(target), key=lambda e: e.name)
    except OSError as e:
        raise DownloadError(f"cannot read {shown}: {e.strerror or e}; {NOTHING}") from None
    others = [printable(Path(e.name)) for e in entries if own.get(e.name) != _md5(e)]
    if others:
        listed = ", ".join(others[:3]) + (f" and {len(others) - 3} more" if len(others) > 3 else "")
        raise DownloadError(
            f"{shown} holds files that are not the voice's ({listed}); move them away and download again; {NOTHING}"
        )


def _md5(entry: os.DirEntry) -> str | None:
    """The MD5 of a regular file; None for anything else, or a file that cannot be read."""
    digest = hashlib.md5(usedforsecurity=False)
    try:
        if not entry.is_file(follow_symlinks=False):
            return None
        with open(entry.path, "rb") as f:
            while block := f.read(CHUNK):
                digest.update(block)
    except OSError:
        return None
    return digest.hexdigest()


def _move_into_place(staging: Path, target: Path, files: list[tuple[str, int, str]]) -> None:
    """Rename the whole voice into place; a folder of that name holding only some of the voice's own
    files is replaced, and anything else is refused (checked again: the user may have put it there
    while the voice was downloading)."""
    _check_in_the_way(target, files)
    old = None
    if target.exists():
        old = temp_folder_beside(target)
        os.replace(target, old / target.name)
    try:
        os.rename(staging, target)
    except OSError as e:
        raise DownloadError(f"cannot install the voice in {target.parent}: {e.strerror or e}") from None
    finally:
        if old is not None:
            with contextlib.suppress(OSError):
                shutil.rmtree(old)
