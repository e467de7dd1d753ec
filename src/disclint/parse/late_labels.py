"""A table-二 row whose label an extractor wrote *after* its values: put back in front of them.

``pdftotext`` without ``-layout`` writes a one-cell-per-line table in its own reading order, and
for a sub-table of one row (``第二十条第（八）项``: 行政事业性收费 alone) that order can put the
row's value before its label::

    本年收费金额（单位：万元）    ← the sub-table's header
    7545                       ← the value, with no label before it
    行政事业性收费                ← the label, with no value after it
    三、收到和处理政府信息公开申请情况

Read in that order the value is a row of no label and the label a row of no values: a row "not
in the template" and the template's row "missing" (FMT005 twice). A values line is given the
label line right after it when, and only when, nothing before it could be its label (the line
before is no table-二 row label and has no values) and nothing after the label could be its
values (the line after it has no values, or there is none). The lines keep their own numbers.
"""

from __future__ import annotations

from .lexer import is_proactive_label
from .normalize import Line


def labels_after_values(lines: list[Line]) -> list[Line]:
    """``lines`` with every table-二 row label written right after its orphan values line moved
    in front of it."""
    out: list[Line] | None = None
    moved = -1  # the last line moved: a line moved once is not looked at again
    # (a values line with no label is rare in most text: those are the only places looked at)
    for k in [k for k, row in enumerate(lines) if row.values and row.label is None]:
        if k < 1 or k + 1 >= len(lines) or k <= moved:
            continue
        before, row, label = lines[k - 1], lines[k], lines[k + 1]
        after = lines[k + 2] if k + 2 < len(lines) else None
        if (
            not label.values
            and not before.values
            and (after is None or not after.values)
            and is_proactive_label(label.key)
            and not is_proactive_label(before.key)
        ):
            if out is None:
                out = list(lines)
            out[k], out[k + 1] = label, row
            moved = k + 1
    return lines if out is None else out
