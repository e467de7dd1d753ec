"""Table 三's group labels printed in the middle of their merged cell, in layout text: their pieces
taken out of the lines of the row labels beside them.

A merged group cell (``（三）不予公开``, ``（四）无法提供``, ``（五）不予处理``, ``（六）其他处理``) whose text
is centred vertically, as most published reports set it, prints its pieces in a column of their
own beside the labels of the rows in the middle of the group (``pdftotext -layout``)::

              3.要求提
              供公开出          0     0 …
        （五）不    版物
         予处理  4.无正当
              理由大量          0     0 …

Read as they come, ``（五）不`` and ``予处理`` went into the row labels (``（五）不版物予处理4.无正当…``:
a row numbered （五）, SEC003), and ``版物`` was lost to its row. Here a group's pieces are found by
their text and their column: the first word of a line without values that begins the group's
numbered label, then the first word of each of the next lines that stands in that column (within
:data:`ALIGN` characters) and goes on with the label, until the label is whole. Only a label so
found whole, and printed beside rows (a piece shares its line with a row's text, or row lines
come between its pieces), is touched: each piece is blanked out of its line (the line keeps its
length, so every other character keeps its offset) and the line normalized again; a line left
empty goes. A row label wrapped alone (the 60 format's ``（六）其他`` / ``处理``) is no group. A
group printed at the top of its cell, beside its first row's values (``（三）不 1.属于国  0 …``),
starts on a line with values and is read as before. The pass runs before table 三's rows are
joined or rebuilt from their pieces (:mod:`.layout`, :mod:`.layout_rows`), which then see only
row labels where the group stood.
"""

from __future__ import annotations

import re
from functools import cache

from .. import templates as tpl
from .normalize import Line, normalize_line

ALIGN = 2  # characters: how far a piece may stand from the column of the group's first piece
MAX_SPAN = 16  # lines a group's pieces may spread over (a group of five rows, wrapped labels)
_WORD = re.compile(r"\S+")


@cache
def _groups() -> tuple[tuple[str, str], ...]:
    """The folded numbering and numbered label of table 三's groups numbered （三） and on (the
    outer ``三、本年度办理结果`` is a column of its own, read by :mod:`.layout`)."""
    out = []
    for g in tpl.applications().groups:
        if g.numbering is not None and g.numbering.startswith("（"):
            out.append((tpl.fold(g.numbering), tpl.fold(g.numbering + g.label)))
    return tuple(out)


def drop_group_pieces(lines: list[Line]) -> list[Line]:
    """``lines`` with the pieces of each table-三 group label printed in a column of its own
    (a cell centred vertically) taken out of their lines."""
    groups = _groups()
    numberings = tuple(numbering for numbering, _full in groups)
    # (a quick look first: a group's first piece opens a line without values with its numbering)
    starts = [k for k, line in enumerate(lines) if line.key.startswith(numberings)]
    starts = [k for k in starts if not lines[k].values and not lines[k].tabbed]
    blanked: dict[int, list[tuple[int, int]]] = {}  # index in ``lines`` → spans to blank
    after = 0  # the pieces of a group found: no start before this is looked at
    for k in starts:
        found = _first_piece(lines[k], groups) if k >= after else None
        pieces = _pieces(lines, k, *found) if found is not None else None
        if pieces is None:
            continue
        for index, span in pieces:
            blanked.setdefault(index, []).append(span)
        after = pieces[-1][0] + 1
    if not blanked:
        return lines
    out: list[Line] = []
    for k, line in enumerate(lines):
        spans = blanked.get(k)
        if spans is None:
            out.append(line)
            continue
        raw = line.raw
        for a, b in spans:
            raw = raw[:a] + " " * (b - a) + raw[b:]
        again, _noise = normalize_line(line.number, raw)
        if again is not None:
            out.append(again)
    return out


def _first_piece(line: Line, groups: tuple[tuple[str, str], ...]) -> tuple[int, int, str] | None:
    """The span of the line's first word, and the rest of the group label it begins (with more
    than the numbering), else None."""
    found = _WORD.search(line.raw)
    if found is None or len(found.group()) >= max(len(full) for _n, full in groups):
        return None  # (a sub-heading's first words: longer than any group's label)
    word = tpl.fold(found.group())
    for numbering, full in groups:
        if len(word) > len(numbering) and full.startswith(word) and word != full:
            return found.start(), found.end(), full[len(word) :]
    return None


def _pieces(
    lines: list[Line], k: int, start: int, end: int, rest: str
) -> list[tuple[int, tuple[int, int]]] | None:
    """The pieces (index in ``lines``, span in its raw text) of the group label begun at line
    ``k`` by ``raw[start:end]``, ``rest`` to be read, when the label is read whole in its column."""
    pieces = [(k, (start, end))]
    for j in range(k + 1, min(k + MAX_SPAN, len(lines))):
        line = lines[j]
        if line.number != lines[j - 1].number + 1 or line.tabbed:
            return None
        found = _WORD.search(line.raw)
        if found is None or abs(found.start() - start) > ALIGN:
            continue  # a line of the row labels' column only
        word = tpl.fold(found.group())
        if not rest.startswith(word):
            return None
        pieces.append((j, (found.start(), found.end())))
        rest = rest[len(word) :]
        if not rest:
            # printed beside rows: some piece shares its line with a row's label or values, or
            # row lines come between the pieces (a row label wrapped alone, ``（六）其他`` /
            # ``处理`` in the 60 format, is no group)
            beside = any(lines[i].raw[b:].strip() for i, (_a, b) in pieces)
            between = pieces[-1][0] - pieces[0][0] >= len(pieces)
            return pieces if beside or between else None
    return None
