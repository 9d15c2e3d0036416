"""Progress: drawn on a terminal only, never into a pipe or with --quiet."""

from __future__ import annotations

import io

from voicekit.progress import Progress


class _Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_progress_draws_on_a_terminal_only():
    tty, pipe = _Terminal(), io.StringIO()
    for stream in (tty, pipe):
        bar = Progress(stream=stream)
        for i in range(1, 4):
            bar.step("speech", i, 3)
        bar.done()
    assert "3/3" in tty.getvalue() and "\r" in tty.getvalue()
    assert pipe.getvalue() == ""
    quiet = _Terminal()
    Progress(enabled=False, stream=quiet).step("speech", 1, 1)
    assert quiet.getvalue() == ""
