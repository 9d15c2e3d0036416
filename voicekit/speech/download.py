"""``voicekit voices --download NAME``: a Piper voice from the public Piper voices repository (Hugging
Face ``rhasspy/piper-voices``), installed in the user data folder.

The repository's index (``voices.json``) lists each voice's files with their size and MD5. The voice's
``.onnx`` and ``.onnx.json`` are streamed into a temporary folder beside where the voice goes, each
checked against the index, and the folder renamed into place only when both are whole: a failed,
cut or damaged download leaves nothing behind (a killed one's folder is swept by the next download)
and is reported in one line. ``$VOICEKIT_PIPER_VOICES_URL`` points elsewhere (the tests serve a small
voice of their own from a local server). Only the standard library's urllib: no new dependency.
"""

from __future__ import annotations

import contextlib
import difflib
import hashlib
import http.client
import json
import os
import shutil
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Callable
from pathlib import Path

from voicekit.errors import DownloadError
from voicekit.speech import piper_voices
from voicekit.speech.engines import PIPER_NAME

BASE_URL = "https://huggingface.co/rhasspy/piper-voices/resolve/v1.0.0"
"""A tagged release of the repository: its index and its files stay as they were."""
URL_VARIABLE = "VOICEKIT_PIPER_VOICES_URL"
INDEX = "voices.json"
MAX_INDEX = 20_000_000  # bytes; the index is about 1 MB
CHUNK = 1 << 16
TIMEOUT_S = 60.0
SUFFIXES = (".onnx", ".onnx.json")
NOTHING = "nothing was installed"
BROKE_OFF = (TimeoutError, ConnectionError, urllib.error.URLError, http.client.HTTPException)
"""What a connection that broke off raises."""

Progress = Callable[[int, int], None]  # (bytes so far, bytes in all)


def base_url() -> str:
    return (os.environ.get(URL_VARIABLE) or BASE_URL).rstrip("/")


def download(name: str, on_progress: Progress = lambda done, total: None) -> tuple[Path, bool]:
    """Install the Piper voice ``name`` (``de_DE-thorsten-medium``): its model's path, and whether it was
    downloaded now (False: it was installed already). DownloadError says in one line what went wrong."""
    if not PIPER_NAME.fullmatch(name):
        raise DownloadError(f"{name!r} is not a Piper voice name; they look like de_DE-thorsten-medium")
    installed = piper_voices.named(name)
    if installed is not None:
        return installed.model, False
    files = _files_of(name, _index())
    root = piper_voices.folder()
    target = root / name
    from voicekit.output.files import remove_stale, temp_folder_beside

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
        _move_into_place(staging, target)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    return target / f"{name}.onnx", True


def _index() -> dict:
    url = f"{base_url()}/{INDEX}"
    body = bytearray()
    try:
        with _opened(url) as response:
            while chunk := response.read(CHUNK):
                body += chunk
                if len(body) > MAX_INDEX:
                    raise DownloadError(f"{url} is larger than an index of voices can be; is the address right?")
    except BROKE_OFF as e:
        raise DownloadError(f"the download of {url} broke off: {getattr(e, 'reason', e)}") from None
    try:
        index = json.loads(bytes(body))
    except ValueError:
        raise DownloadError(f"{url} is not the Piper voices index (not JSON); is the address right?") from None
    if not isinstance(index, dict):
        raise DownloadError(f"{url} is not the Piper voices index (no voices in it)")
    return index


def _files_of(name: str, index: dict) -> list[tuple[str, int, str]]:
    """(path in the repository, size, md5) of the voice's model and config."""
    entry = index.get(name) or next((v for v in index.values() if name in (v.get("aliases") or ())), None)
    if not isinstance(entry, dict):
        close = difflib.get_close_matches(name, list(index), n=1, cutoff=0.6)
        hint = f"did you mean {close[0]!r}? " if close else ""
        listed = f"{BASE_URL}/{INDEX}"
        raise DownloadError(
            f"the Piper voices repository has no voice {name!r}; {hint}its voices are listed in {listed}"
        )
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


def _opened(url: str):
    try:
        return urllib.request.urlopen(url, timeout=TIMEOUT_S)
    except urllib.error.HTTPError as e:
        raise DownloadError(f"{url}: the server answered {e.code} {e.reason}") from None
    except urllib.error.URLError as e:
        raise DownloadError(f"cannot reach {urllib.parse.urlsplit(url).netloc}: {e.reason}") from None
    except (TimeoutError, OSError) as e:
        raise DownloadError(f"cannot reach {urllib.parse.urlsplit(url).netloc}: {e}") from None


def _fetch(url: str, path: Path, size: int, md5: str, done: int, total: int, on_progress: Progress) -> int:
    """Stream ``url`` to ``path``, checking its size and MD5; the bytes done in all."""
    digest, got = hashlib.md5(usedforsecurity=False), 0
    try:
        with _opened(url) as response, open(path, "wb") as out:
            while chunk := response.read(CHUNK):
                got += len(chunk)
                if got > size:
                    raise DownloadError(f"{path.name} is larger than the index says ({size} bytes); {NOTHING}")
                digest.update(chunk)
                out.write(chunk)
                on_progress(done + got, total)
    except BROKE_OFF as e:
        reason = getattr(e, "reason", e)
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


def _move_into_place(staging: Path, target: Path) -> None:
    """Rename the whole voice into place; an incomplete folder of that name (files deleted by hand) is
    replaced."""
    old = None
    if target.exists():
        from voicekit.output.files import temp_folder_beside

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
