"""Tab-separated tables that leave zeros blank: their empty fields after the label are blanks.

In tab-separated text (a Word or HTML table copied or exported as text) an empty field is
ambiguous. Usually it is the place of a merged cell — a group label spanning rows, a label or
title spanning columns — so it is no value (domain.md 5.1). But pages that leave every 0 empty
write ``1.属于国家秘密⇥0⇥⇥⇥⇥⇥⇥0`` and ``规章⇥⇥⇥``: read as no values, the first row keeps 2 values
of 7 and none can be placed (PAR003), the second is lost (FMT005).

There is no merged cell *between two values* of a row in any template, so an empty field there
is the evidence: it can only be a cell left empty, and a document is exported one way, so when
one row has it, every tab-separated line of the document is given to the normalizer as the grid
row it is: the empty fields after its last text cell are blanks, the ones before it (inside the
label cells) are covered.
Which blanks are columns of the template is decided when the row is aligned (:mod:`.align`
drops surplus blanks, never a number), and a template row whose fields are all empty gets its
blanks as any grid row does (:mod:`.blank_rows`). A document without such a row is left as it
is.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import replace

from ..nodes import BLANK, TEXT
from ..readers.base import SourceLine
from .marks import Marks
from .normalize import cell_kind, may_end_value, may_start_value


def inner_blanks(lines: Sequence[SourceLine], marks: Marks | None = None) -> Sequence[SourceLine]:
    """``lines`` with every tab-separated line made a grid row when one of them has an empty field
    between two values (see the module's doc; ``marks``: those of ``lines``, worked out when not
    given)."""
    if not (marks or Marks.of(lines)).tabs:
        return lines  # no tab-separated line
    rows = [k for k, src in enumerate(lines) if "\t" in src.text and src.spanned is None]
    # (an empty field between values is looked for first, by one search per line: most text has none)
    if not any(
        _may_have_blank_between_values(lines[k].text) and _blank_between_values(_kinds(lines[k].text))
        for k in rows
    ):
        return lines
    kinds = {k: _kinds(lines[k].text) for k in rows}
    out = list(lines)
    for k, row in kinds.items():
        label_end = max((i for i, kind in enumerate(row) if kind == TEXT), default=-1)
        if label_end == len(row) - 1:
            continue  # ends with text (prose, a header row): no field of a value to read
        covered = frozenset(i for i, kind in enumerate(row) if kind == BLANK and i < label_end)
        out[k] = replace(lines[k], spanned=covered)
    return out


_EMPTY_FIELDS = re.compile(r"\t(?:[ \u3000\xa0]*\t)+")  # one or more empty fields
_SPACE = " \u3000\xa0"


def _may_have_blank_between_values(text: str) -> bool:
    """A quick look (the cells' kinds are read only where it says yes): empty fields with what
    may end a value before them and what may begin one after them."""
    for found in _EMPTY_FIELDS.finditer(text):
        before = text[: found.start()].rstrip(_SPACE)[-1:]
        after = text[found.end() :].lstrip(_SPACE)[:1]
        if before and after and may_end_value(before) and may_start_value(after):
            return True
    return False


def _kinds(text: str) -> list[str]:
    return [cell_kind(cell) for cell in text.split("\t")]


def _blank_between_values(kinds: list[str]) -> bool:
    values = [i for i, kind in enumerate(kinds) if kind not in (BLANK, TEXT)]
    if len(values) < 2:
        return False
    first, last = values[0], values[-1]
    return TEXT not in kinds[first:last] and BLANK in kinds[first:last]
