"""Small helpers the readers share to build lines: joining wrapped fragments, TAB-joined rows."""

from __future__ import annotations

from collections.abc import Iterable

from .base import NativeLocation, SourceLine


def is_wide(ch: str) -> bool:
    return ch >= "\u2e80"  # CJK, full-width forms and CJK punctuation


def join_fragments(fragments: Iterable[str]) -> str:
    """Join text fragments (wrapped lines of one cell): no space next to CJK, one space otherwise."""
    out = ""
    for fragment in fragments:
        if not fragment:
            continue
        if out and not (is_wide(out[-1]) or is_wide(fragment[0])):
            out += " "
        out += fragment
    return out


def row_line(cells: list[str], native: NativeLocation) -> SourceLine:
    """One table row as a TAB-joined line that remembers where each cell starts."""
    starts: list[int] = []
    offset = 0
    for cell in cells:
        starts.append(offset)
        offset += len(cell) + 1
    return SourceLine(text="\t".join(cells), native=native, cell_starts=tuple(starts))
