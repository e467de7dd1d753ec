"""Layout text (``pdftotext -layout``): row labels wrapped *below* their values line, by column.

In a narrow table cell the label wraps over several lines while the row's values sit on its first
line; ``pdftotext -layout`` keeps every piece at its character offset::

    （三）不 1.属于国    0    0    0       0      0       0    0
    予公开   家秘密
              2.其他法   0    0 …
              律行政法

A continuation line — short, no values, no numbering of its own, wholly left of the first value
column, right below the row — is joined to the row it wraps: each of its words to the label
column that starts at the same offset (``（三）不`` + ``予公开``, ``1.属于国`` + ``家秘密``). Label
pieces that are not numbered and have no continuation word starting under them stay with the
column on their left (a space inside a cell's text). A leading column that is only a piece of a
vertical group label (``三、本年`` / ``度办理结`` / ``果``) is dropped from the row's label. A run of fragments followed by a values line with no label is that
line's label, wrapped *above* it (the other layout): left alone here, the grammar joins it.
"""

from __future__ import annotations

import re

from .. import templates as tpl
from ..nodes import Located
from .lexer import ARTICLE_RE, heading, is_proactive_label
from .normalize import Line
from .tables import join_located, sub_located

MAX_FRAGMENT = 16  # characters: a wrapped piece of a label cell, never a line of prose
MIN_VALUES = 2  # a table row: at least this many values on the line
ALIGN = 1  # characters of slack when a continuation word starts under a label column

_WORD = re.compile(r"\S+")


def join_wrapped_rows(lines: list[Line]) -> list[Line]:
    # (the rows looked at, found first: most text has none, and a fragment is never one)
    anchors = [k for k, line in enumerate(lines) if len(line.values) >= MIN_VALUES and _is_anchor(line)]
    if not anchors:
        return lines
    out: list[Line] = []
    i = 0
    for k in anchors:
        out += lines[i:k]
        line = lines[k]
        i = k + 1
        assert line.label is not None
        first_value = line.values[0].span.column - 1
        label_start = len(line.raw) - len(line.raw.lstrip())
        run: list[Line] = []
        j = i
        while j < len(lines) and _is_fragment(lines[j], run[-1] if run else line, label_start, first_value):
            run.append(lines[j])
            j += 1
        if run and j < len(lines) and lines[j].values and lines[j].label is None:
            run = []  # the fragments are the next row's label
        joined = _joined(line, run)
        out.append(joined if joined is not None else line)
        i += len(run)
    out += lines[i:]
    return out


def _is_anchor(line: Line) -> bool:
    return (
        not line.tabbed
        and line.label is not None
        and len(line.values) >= MIN_VALUES
        and line.clean.text == line.raw
    )


def _is_fragment(line: Line, above: Line, label_start: int, first_value: int) -> bool:
    text = line.raw.rstrip()
    return (
        line.number == above.number + 1
        and not line.values
        and not line.tabbed
        and line.clean.text == line.raw
        and len(text.strip()) <= MAX_FRAGMENT
        and len(text) <= first_value
        and len(text) - len(text.lstrip()) >= label_start - ALIGN
        and tpl.split_numbering(line.key)[0] is None
        and not ARTICLE_RE.match(line.key)  # 第二十条第（五）项: the next sub-table of 二
        and not is_proactive_label(line.key)  # 行政强制 under 行政处罚: the next row of 二, left empty
        and heading(line) is None
    )


def _joined(row: Line, run: list[Line]) -> Line | None:
    """``row`` with the continuation lines ``run`` joined into its label (None: unchanged)."""
    assert row.label is not None
    label_end = len(row.label.text.rstrip())
    pieces = [(m.start(), m.end()) for m in _WORD.finditer(row.raw, 0, label_end)]
    if not run and len(pieces) < 2:
        return None  # one label column and nothing to join into it
    starts = {m.start() for line in run for m in _WORD.finditer(line.raw)}
    # a label column starts at a piece some continuation word starts under (or the first piece)
    columns: list[list[Located]] = []
    column_starts: list[int] = []
    for k, (a, b) in enumerate(pieces):
        numbered = tpl.split_numbering(row.raw[a:b])[0] is not None
        if k == 0 or numbered or any(abs(a - s) <= ALIGN for s in starts):
            columns.append([])
            column_starts.append(a)
        columns[-1].append(sub_located(row.clean, a, b))
    for line in run:
        for m in _WORD.finditer(line.raw):
            target = max((c for c, s in enumerate(column_starts) if s <= m.start() + ALIGN), default=0)
            columns[target].append(sub_located(line.clean, m.start(), m.end()))
    texts = [join_located(parts) for parts in columns]
    if len(texts) > 1 and _group_fragment(texts[0].text):
        texts = texts[1:]  # a piece of a vertical group label (三、本年 / 度办理结 / 果): no row's
    elif not run:
        return None
    return relabelled(row, join_located(texts))


def values_part(line: Line) -> Located:
    """The part of a line with values from its first value on."""
    return sub_located(line.clean, line.values[0].span.column - 1, len(line.clean.text))


def relabelled(line: Line, label: Located) -> Line:
    """``line`` (with values) with ``label`` before its values instead of its own label."""
    prose = join_located([label, values_part(line)])
    return Line(line.number, line.raw, line.clean, prose, tpl.fold(prose.text), False, line.values, label)


def _group_fragment(text: str) -> bool:
    """A part, not the whole, of a table-三 group label (``三、本年度办理结果`` printed over rows)."""
    core = tpl.bare(tpl.split_numbering(tpl.fold(text))[1])
    if not core:
        return False
    return any(core in g.label and core != g.label for g in tpl.applications().groups)
