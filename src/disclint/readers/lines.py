"""Small helpers the readers share to build lines: wide characters, joining wrapped fragments
(a grid row becomes a line in :func:`.grid.row_line`)."""

from __future__ import annotations

from collections.abc import Iterable


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
