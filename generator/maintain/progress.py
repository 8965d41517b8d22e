"""Progress for long runs: a tqdm bar on a terminal, plain count lines otherwise.

CI logs and redirected output get a few ``label: done of total`` lines instead
of a bar, because a bar's carriage returns turn a log file into one long line.
"""

from __future__ import annotations

import sys
from typing import TextIO


class Progress:
    """Counts finished items; use as a context manager and call ``advance()``."""

    def __init__(self, total: int, label: str, stream: TextIO | None = None, *, every: int | None = None):
        self.total = total
        self.label = label
        self.stream = stream if stream is not None else sys.stderr
        self.done = 0
        self.notes: dict[str, int] = {}
        self._bar = None
        # Without a terminal: a line about every tenth of the way, and the last one.
        self._every = every or max(1, total // 10)

    def __enter__(self) -> Progress:
        if is_terminal(self.stream):
            try:
                from tqdm import tqdm
            except ModuleNotFoundError:  # without the maintain extras: count lines instead of a bar
                return self
            self._bar = tqdm(total=self.total, desc=self.label, file=self.stream, unit="", leave=True)
        return self

    def advance(self, note: str | None = None) -> None:
        """One more item finished; ``note`` counts an outcome shown beside the total."""
        self.done += 1
        if note:
            self.notes[note] = self.notes.get(note, 0) + 1
        if self._bar is not None:
            self._bar.set_postfix_str(self._summary(), refresh=False)
            self._bar.update(1)
        elif self.done % self._every == 0 or self.done == self.total:
            self.stream.write(self.line() + "\n")
            self.stream.flush()

    def line(self) -> str:
        summary = self._summary()
        return f"{self.label}: {self.done} of {self.total}" + (f" ({summary})" if summary else "")

    def _summary(self) -> str:
        return ", ".join(f"{count} {note}" for note, count in sorted(self.notes.items()))

    def __exit__(self, *exc: object) -> None:
        if self._bar is not None:
            self._bar.close()


def is_terminal(stream: TextIO) -> bool:
    isatty = getattr(stream, "isatty", None)
    try:
        return bool(isatty and isatty())
    except ValueError:  # a closed stream
        return False
