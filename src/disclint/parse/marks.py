"""The cell separators a document's text holds anywhere: one look over all of its lines.

Several passes rebuild table rows from TAB-separated or pipe-separated text, and most documents
(text extracted from a PDF) have neither a TAB nor a ``|`` in any line. The pipeline looks once,
in C, over the document's joined text, and hands the answer to those passes; each pass decides
from it, by its own rule, whether it has anything to do.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from operator import attrgetter

from ..readers.base import SourceLine

_TEXT = attrgetter("text")


@dataclass(frozen=True, slots=True)
class Marks:
    """Whether some line of the text has a TAB, and whether some line has a ``|``."""

    tabs: bool
    pipes: bool

    @classmethod
    def of(cls, lines: Iterable[SourceLine]) -> Marks:
        """The marks of ``lines`` (the joined text searched twice: no loop over the lines in Python)."""
        text = "\n".join(map(_TEXT, lines))
        return cls("\t" in text, "|" in text)
