"""Where a voicekit command's time goes, by stage: ``python scripts/phases.py [--cpu] [--usage] ARGS...``
runs ``voicekit ARGS...`` in this process and prints, as JSON on stderr's last line, the milliseconds each
stage took (its own time: an import inside a stage counts as importing, a compile inside the checks as
compiling) and their total; with ``--usage``, also the CPU seconds of this process and of the processes
it started and waited for (``"usage": {"self": s, "children": s}``).

The benchmark runs it on the warm rebuild (b) to say where that rebuild's time goes. The stages are the
pipeline's functions, wrapped as their modules are imported (so nothing is imported earlier than the
command imports it); "imports" is every import statement's time, "other" the rest (click, the command's
own code), and "dataclasses made" the part of importing that makes the dataclasses (Python 3.11 compiles
each one's methods). Wrapping every import costs a little: the total is a few per cent above the command's own.
"""

from __future__ import annotations

import builtins
import contextlib
import dataclasses
import json
import resource
import sys
import time
from collections.abc import Callable, Iterator

FLAGS = {"--cpu", "--usage"}
LEADING = next((i for i, a in enumerate(sys.argv[1:]) if a not in FLAGS), len(sys.argv) - 1)  # flags before ARGS
ASKED = set(sys.argv[1 : 1 + LEADING])
# --cpu: this process's CPU time instead of the wall clock (steadier on a loaded machine, no I/O waits).
CPU = "--cpu" in ASKED
clock = time.process_time if CPU else time.perf_counter
READ = "library read"  # the practice, its pose library and the pronunciation tables (kept trees, checked)
CLASSES = "dataclasses made"
# module -> {function: stage}: the functions whose time (less the stages inside them) is a stage's.
STAGES = {
    "voicekit.sequence.loader": {"load_sequence": READ, "load_pronunciations": READ},
    "voicekit.pipeline": {"_checked": "checks", "synthesize": "clips"},
    "voicekit.plan.grid": {"compile_on_grid": "compile"},
    "voicekit.output.metadata": {"for_build": "tags"},
    "voicekit.output.tags": {"id3": "tags"},
    "voicekit.output.mp3.encode": {"spans": "join"},
    "voicekit.output.mp3.join": {"write": "join"},
    "voicekit.output.targets": {"replacing": "replace", "choose": "checks"},
}
"""checks: the engine, the voice, the limits, the output paths; clips: which are in the store; tags: the
ID3 tag and the stored cover; join: the frames read from the store and written; replace: the new file
compared with the old one, renamed into place or dropped."""
spent: dict[str, float] = {}
stack = ["other"]
since = [clock()]


def enter(stage: str) -> None:
    now = clock()
    spent[stack[-1]] = spent.get(stack[-1], 0.0) + now - since[0]
    since[0] = now
    stack.append(stage)


def leave() -> None:
    now = clock()
    stage = stack.pop()
    spent[stage] = spent.get(stage, 0.0) + now - since[0]
    since[0] = now


def timed(stage: str, function: Callable) -> Callable:
    def run(*args, **kwargs):
        enter(stage)
        try:
            return function(*args, **kwargs)
        finally:
            leave()

    return run


def timed_context(stage: str, function: Callable) -> Callable:
    """A context manager's entering and leaving as ``stage``; its block as whatever it runs."""

    @contextlib.contextmanager
    def run(*args, **kwargs) -> Iterator:
        manager = function(*args, **kwargs)
        value = timed(stage, manager.__enter__)()
        try:
            yield value
        except BaseException:
            if not timed(stage, manager.__exit__)(*sys.exc_info()):
                raise
        else:
            timed(stage, manager.__exit__)(None, None, None)

    return run


def wrap_new() -> None:
    for name in [name for name in STAGES if name in sys.modules]:
        module = sys.modules[name]
        if getattr(module.__spec__, "_initializing", False):
            continue  # its code is still running: wrapped once its import returns
        for function, stage in STAGES.pop(name).items():
            wrapper = timed_context if function == "replacing" else timed
            setattr(module, function, wrapper(stage, getattr(module, function)))


real_import = builtins.__import__


def timed_import(name, globals=None, locals=None, fromlist=(), level=0):
    """Every import statement: its time is importing's (once, however deep), and the stages' functions
    wrapped as soon as their module is there (before a ``from ... import`` takes them)."""
    if stack[-1] == "imports":
        module = real_import(name, globals, locals, fromlist, level)
    else:
        enter("imports")
        try:
            module = real_import(name, globals, locals, fromlist, level)
        finally:
            leave()
    if STAGES:
        wrap_new()
    return module


def main() -> None:
    started = clock()
    builtins.__import__ = timed_import
    # Each dataclass compiles its methods (six, if frozen) as its module is imported: a stage of its own.
    dataclasses._process_class = timed(CLASSES, dataclasses._process_class)  # type: ignore[attr-defined]
    code = 0
    try:
        from voicekit.cli import main as voicekit

        voicekit(sys.argv[1 + LEADING :])
    except SystemExit as e:
        code = e.code if isinstance(e.code, int) else 1
    finally:
        builtins.__import__ = real_import
    leave()
    spent["total"] = clock() - started
    found: dict[str, object] = {stage: round(s * 1000, 1) for stage, s in spent.items()}
    if "--usage" in ASKED:
        own, children = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
        found["usage"] = {"self": own.ru_utime + own.ru_stime, "children": children.ru_utime + children.ru_stime}
    print(json.dumps(found), file=sys.stderr)
    sys.exit(code)


if __name__ == "__main__":
    main()
