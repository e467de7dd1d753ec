"""Grid rows → template rows and columns: the one place that decides where a row or a cell goes.

Rows are placed by label similarity *and* order: first the labels that match a template row
after the last one placed (labels repeat words: 其他 / 其他处理); then a label between two placed
neighbours with exactly as many template rows free between them as there are unplaced labels
is placed by order (a garbled, truncated or missing label, e.g. ``2.其他法律行政止公开``); only
then is a label matched loosely among all the rows left (a row out of order). Columns are fitted by
count: an empty grid cell (a blank) that the template has no column for — a label cell with a
different colspan in a data row, a trailing empty cell — is dropped, never a number.

The thresholds are named here and nowhere else.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import TypeVar

from ..nodes import BLANK
from .normalize import Value

STRICT_SCORE = 0.9  # a label matched at least this well among the rows ahead is taken as is
FUZZY_MARGIN = 0.05  # a match among all the rows must beat the one ahead by this much

T = TypeVar("T")


def fit_columns(values: Sequence[Value], width: int) -> tuple[Value, ...]:
    """``values`` with surplus blanks dropped (first at the left, then at the right) until they
    fit ``width`` columns; numbers and placeholders are never dropped, nothing is padded."""
    if len(values) <= width:
        return tuple(values)  # fits already (most rows)
    out = list(values)
    while len(out) > width and out[0].kind == BLANK:
        out.pop(0)
    while len(out) > width and out[-1].kind == BLANK:
        out.pop()
    return tuple(out)


@dataclass(frozen=True, slots=True)
class Placed:
    """Where each label went: template row index per label (None: unplaced) and how."""

    index: tuple[int | None, ...]
    by_order: tuple[bool, ...]  # placed by its neighbours, not by its text


def place_rows(
    labels: Sequence[str],
    template_size: int,
    match: Callable[[str, tuple[int, ...], bool], tuple[int, float] | None],
) -> Placed:
    """Place each label on a template row index (0 … ``template_size``-1), each row at most once.

    ``match(label, candidates, fuzzy)`` returns the best (template index, score) among the
    candidate indexes, or None. Three passes: labels that match a row ahead well (in order);
    labels between two placed neighbours with as many free rows between them (by order); the
    rest by their best match among the rows still free.
    """
    index: list[int | None] = []
    seen: set[int] = set()
    last = -1
    for label in labels:
        ahead = tuple(i for i in range(last + 1, template_size) if i not in seen)
        found = match(label, ahead, False) if ahead else None
        if found is None or found[1] < STRICT_SCORE:
            index.append(None)
            continue
        seen.add(found[0])
        last = found[0]
        index.append(found[0])
    by_order = [False] * len(index)
    for start, end in _unplaced_runs(index):
        before = index[start - 1] if start > 0 else -1
        after = index[end] if end < len(index) else None
        if before is None or after is None:
            continue
        between = [i for i in range(before + 1, after) if i not in seen]
        if len(between) == end - start:
            for k, i in enumerate(between):
                index[start + k] = i
                by_order[start + k] = True
                seen.add(i)
    for k, label in enumerate(labels):
        if index[k] is not None:
            continue
        before = max((i for i in index[:k] if i is not None), default=-1)
        ahead = tuple(i for i in range(before + 1, template_size) if i not in seen)
        found = match(label, ahead, False) if ahead else None
        free = tuple(i for i in range(template_size) if i not in seen)
        other = match(label, free, True) if free else None
        if other is not None and (found is None or other[1] > found[1] + FUZZY_MARGIN):
            found = other
        if found is not None:
            seen.add(found[0])
            index[k] = found[0]
    return Placed(tuple(index), tuple(by_order))


def _unplaced_runs(index: Sequence[int | None]) -> list[tuple[int, int]]:
    runs: list[tuple[int, int]] = []
    i = 0
    while i < len(index):
        if index[i] is None:
            j = i
            while j < len(index) and index[j] is None:
                j += 1
            runs.append((i, j))
            i = j
        else:
            i += 1
    return runs
