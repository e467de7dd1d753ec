"""Small helpers the readers share to build lines: joining wrapped fragments, TAB-joined rows."""

from __future__ import annotations

from collections.abc import Iterable, Sequence

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


def row_line(cells: Sequence[str | None], native: NativeLocation) -> SourceLine:
    """One grid row as a TAB-joined line that remembers where each cell starts and which cells
    are covered by a merged cell (given as None: they read as empty, but are no cells of their own)."""
    starts: list[int] = []
    offset = 0
    for cell in cells:
        starts.append(offset)
        offset += len(cell or "") + 1
    spanned = frozenset(i for i, cell in enumerate(cells) if cell is None)
    return SourceLine(
        text="\t".join(cell or "" for cell in cells),
        native=native,
        cell_starts=tuple(starts),
        spanned=spanned,
    )
