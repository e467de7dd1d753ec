"""Tables in ``pdftotext -layout`` text that leave zeros blank: a row's few values put in their
columns by where they stand.

A page that leaves every 0 empty gives a row of table 三 two or three values for seven columns
(``一、本年新收…申请数量      3                    3``), and a row of table 二 one value for three
(``行政许可          1``). Layout text writes every glyph at the character offset its x position
gives on its page, so on one page the values of a column stand at one offset, under the header's
word. Without this pass such a row is kept with its raw values and reported as values that cannot
be placed (PAR003), and its identities go unchecked.

A column is anchored by where its header word (or a value of it) starts and by its centre: cells
whose text is left-aligned start together, centred ones share a centre. A word of CJK characters
takes one offset a character but more room on the page, so its centre is taken to lie between its
length and its display width halved. The columns of table 三 on a page are read from, in this
order of trust:

1. a row of that page with a value in every column;
2. on the header's page, the header words of the seven columns (the template's column labels, or
   their first pieces when a narrow cell wraps them: ``商业企`` / ``业``);
3. on a later page (the table goes on after a page break, where the same x gives other offsets),
   the header's columns scaled so that the page's rightmost values stand under 总计 (a row with
   any value has a total), when the scale is plausible (:data:`SCALE`).

A sub-table of table 二 is placed by its own header line (``信息内容  上一年项目数量  本年增/减 …``),
on that line's page.

Only a table that writes no 0 is so read: where a table writes its zeros, a row with fewer values
than columns lost a cell (domain.md 5.7: reported, never padded).

A value goes to the column it stands nearest to, when it is within :data:`NEAR` characters of it
and at least :data:`MARGIN` nearer than to any other, the row's values in column order; the row
gets a blank value in each column it leaves empty, as a grid row of empty cells. A negative value
goes only to a column that may hold one (``本年增/减``), and a row of table 三 must have a value
under 总计 (a row with a count has a total): a row placed against either was placed on the wrong
grid (PyMuPDF's sorted text pads its lines by other measures) or lost its total. When one value
of a row is not so placed, the row is left as it was: a cell is never guessed.

Table 三's header so found is the evidence that the text is layout text; then a whole row label of
table 二 alone on its line, its values on no line after it, is a row of empty cells too, and so is
table 四's one row when its header is followed by nothing but blank lines (a wholly empty table
四, as a page that leaves zeros blank prints it).
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Callable, Iterator, Sequence
from functools import cache
from itertools import pairwise

from .. import templates as tpl
from ..nodes import NUMBER, Noise, Span
from ..readers.base import SourceLine
from .lexer import ARTICLE_RE, PROACTIVE_WIDTH, WIDTH, heading, is_proactive_label, values_line_at
from .normalize import Line, Value, blank_row_line, blank_value

NEAR = 2.5  # characters: how far from its column's anchor a value may stand
MARGIN = 2.0  # characters: how much nearer to its column than to any other
SCALE = (0.75, 1.35)  # how much a later page's offsets may be stretched against the header's
LAYOUT_GAP = 2  # spaces: layout text sets its columns apart by at least so many (else no offsets)
HEADER_LINES = 8  # lines table 三's header words may take, from the line with the first column's
_WORD = re.compile(r"\S+")

# where a column's text starts, and the least and most its centre may be (character offsets): a
# word of CJK characters takes fewer offsets than its width on the page, between one and two each
_Anchor = tuple[float, float, float]


def place_layout_values(
    lines: list[Line], sources: Sequence[SourceLine], noise: Sequence[Noise]
) -> list[Line]:
    """``lines`` with each table row of fewer values than columns, in layout text, given its
    values in their columns and blanks in the others (when every value is surely placed)."""
    found = _applications_header(lines)
    if found is None:
        return lines  # no layout text, or no table 三 to tell
    at, header = found
    page = _pages(sources, noise)
    out = list(lines)
    section = _proactive_section(lines, at)
    if section is not None:
        _place_proactive(out, section, sources, page)
    _place_applications(out, at, header, sources, page)
    return _blank_review_row(out, at, sources)


def _place_applications(
    lines: list[Line],
    at: int,
    header: list[_Anchor],
    sources: Sequence[SourceLine],
    page: Callable[[int], int],
) -> None:
    width = len(header)
    rows: dict[int, list[int]] = {}  # page → indexes into ``lines`` of its rows to place
    full: dict[int, list[_Anchor]] = {}  # page → the anchors of a row with every value
    for k in range(at + 1, len(lines)):
        line = lines[k]
        if heading(line) is not None:
            break  # the next section: the table is over
        if _writes_zero(line):
            return  # the table writes its zeros: a value missing from a row is a lost cell
        if line.tabbed or not line.values or not _on_own_line(line):
            continue
        p = page(line.values[0].span.line)
        if len(line.values) == width:
            full.setdefault(p, [_anchor(v, sources) for v in line.values])
        elif all(v.kind == NUMBER for v in line.values) and len(line.values) < width:
            rows.setdefault(p, []).append(k)
    header_page = page(lines[at].number)
    for p, indexes in rows.items():
        columns = full.get(p) or (header if p == header_page else None)
        if columns is None:
            columns = _scaled(header, [_anchor(v, sources) for k in indexes for v in lines[k].values])
        if columns is not None:
            for k in indexes:
                _place(lines, k, columns, sources, total=True)


def _place_proactive(
    lines: list[Line], section: tuple[int, int], sources: Sequence[SourceLine], page: Callable[[int], int]
) -> None:
    """Table 二's rows: blanks for a row label alone, and each sub-table's rows placed by its
    header line."""
    columns: list[_Anchor] | None = None
    signed: list[bool] = []
    header_page = 0
    start, end = section
    if any(_writes_zero(lines[k]) for k in range(start + 1, end)):
        return  # the table writes its zeros: a row without values lost them
    for k in range(start + 1, end):
        line = lines[k]
        if line.tabbed:
            continue
        head = _proactive_header(line)
        if head is not None or ARTICLE_RE.match(line.key):
            columns, signed = head or (None, [])
            header_page = page(line.number)
        elif not line.values:
            if is_proactive_label(line.key) and not values_line_at(lines, k + 1):
                lines[k] = _blank_row(line)
        elif (
            columns is not None
            and len(line.values) < len(columns)
            and all(v.kind == NUMBER for v in line.values)
            and _on_own_line(line)
            and page(line.values[0].span.line) == header_page
        ):
            _place(lines, k, columns, sources, signed=signed)


def _blank_review_row(lines: list[Line], at: int, sources: Sequence[SourceLine]) -> list[Line]:
    """``lines`` with table 四's row of empty cells put after its header, when the text wrote that
    row as nothing: the section holds table 四's header (words apart by a layout's spacing) and no
    value, the source line after the header is blank, and table 三 (from its header ``at``) writes
    no 0 (where tables write their zeros, a row without values lost them)."""
    section = None
    for k in range(at + 1, len(lines)):
        found = heading(lines[k])
        if found is not None and tpl.SECTION_TABLE.get(found[2].key) == "review_litigation":
            section = k
            break
        if _writes_zero(lines[k]):
            return lines
    if section is None:
        return lines
    heads = tpl.vocabulary("review_litigation")
    end = section + 1
    while end < len(lines) and heading(lines[end]) is None:
        line = lines[end]
        if line.values or not heads.covers(line.key):
            return lines  # values, or text other than the header's words: not an empty row
        end += 1
    head = lines[section + 1 : end]
    if not any(_spaced(list(_words(line.raw))) for line in head):
        return lines  # no header, or no layout spacing: the text keeps no columns
    number = head[-1].number + 1  # the source line after the header: must be blank
    if number > len(sources) or sources[number - 1].text.strip():
        return lines
    row = blank_row_line(number, sources[number - 1].text, WIDTH["R_VALUES"])
    return [*lines[:end], row, *lines[end:]]


def _writes_zero(line: Line) -> bool:
    return any(v.number == 0 for v in line.values)


def _blank_row(line: Line) -> Line:
    """A row label of table 二 alone on its line: layout text drops no glyph, so its cells are
    empty. It gets as many blanks as the widest sub-table has columns; aligning the row drops
    those its sub-table has no column for (:func:`.align.fit_columns`)."""
    at = Span.point(line.number, line.clean.span.end_column)
    return line._replace(values=tuple(blank_value(at) for _ in range(PROACTIVE_WIDTH)))


def _proactive_header(line: Line) -> tuple[list[_Anchor], list[bool]] | None:
    """The column anchors of a table-二 sub-table's header line (``信息内容`` and the columns'
    words, each a word of the table's header vocabulary), and whether each column may hold a
    negative number (``本年增/减``); else None."""
    words = list(_words(line.raw))
    vocabulary = tpl.proactive().vocabulary
    if not 2 <= len(words) <= PROACTIVE_WIDTH + 1 or words[0][0] != vocabulary[0]:
        return None  # (a sub-table has at most PROACTIVE_WIDTH columns)
    if any(w not in vocabulary for w, _ in words[1:]):
        return None
    if not _spaced(words):
        return None  # words one space apart: the text keeps no columns
    signed = _signed_labels()
    return [_word_anchor(word, start) for word, start in words[1:]], [word in signed for word, _ in words[1:]]


@cache
def _signed_labels() -> frozenset[str]:
    """The labels of table 二's columns that may hold a negative number."""
    return frozenset(
        c.label
        for sub in tpl.proactive().subtables
        for cols, _rows in sub.formats.values()
        for c in cols
        if c.signed
    )


def _proactive_section(lines: list[Line], before: int) -> tuple[int, int] | None:
    """Indexes of table 二's section heading and of the next section's heading (before the line
    ``before``)."""
    start, end = before, before
    while start > 0:
        start -= 1
        found = heading(lines[start])
        if found is None:
            continue
        if tpl.SECTION_TABLE.get(found[2].key) == "proactive":
            return start, end
        end = start
    return None


def _applications_header(lines: list[Line]) -> tuple[int, list[_Anchor]] | None:
    """Index of table 三's header line (the first column's word) and each column's anchors, when
    every column's word is found, in order, in the header's untabbed lines."""
    labels = [c.label for c in tpl.applications().columns]
    for k, line in enumerate(lines):
        if labels[0] not in line.key or line.values:
            continue
        if line.tabbed:
            return None  # cells apart: no offsets to read
        anchors: list[_Anchor | None] = [None] * len(labels)
        spaced = False  # words set apart by a layout's spacing (a CJK word may stand close to the next)
        for below in lines[k : k + HEADER_LINES]:
            if below.values:
                break  # the first row: the header is over
            words = list(_words(below.raw))
            spaced = spaced or _spaced(words)
            for word, start in words:
                for c, label in enumerate(labels):
                    if anchors[c] is None and (word == label or (len(word) >= 2 and label.startswith(word))):
                        anchors[c] = _word_anchor(word, start)
                        break
        found = [a for a in anchors if a is not None]
        ordered = all(a[0] < b[0] for a, b in pairwise(found))
        if spaced and len(found) == len(labels) and ordered:
            return k, found
        return None
    return None


def _spaced(words: list[tuple[str, int]]) -> bool:
    """Two of ``words`` are set apart by a layout's spacing."""
    return any(b - (a + len(w)) >= LAYOUT_GAP for (w, a), (_, b) in pairwise(words))


def _words(raw: str) -> Iterator[tuple[str, int]]:
    """The words of a source line and their offsets."""
    for m in _WORD.finditer(raw):
        yield m.group(), _offset(raw, m.start())


def _offset(raw: str, index: int) -> int:
    """The offset of ``raw[index]`` on its page: a page's form feed takes no place."""
    return index - 1 if raw.startswith("\f") else index


def _on_own_line(line: Line) -> bool:
    """Every value of ``line`` stands on one source line (offsets are comparable)."""
    first = line.values[0].span.line
    return all(v.span.line == first and v.span.end_line == first for v in line.values)


def _anchor(value: Value, sources: Sequence[SourceLine]) -> _Anchor:
    """Where ``value`` starts in its source line, and its centre."""
    return _word_anchor(value.raw, _offset(sources[value.span.line - 1].text, value.span.column - 1))


def _word_anchor(word: str, start: int) -> _Anchor:
    """A word's anchor: its start, and its centre between the word's length and its display
    width (CJK two cells) halved."""
    from wcwidth import wcswidth

    width = max(wcswidth(word), len(word))
    return (start, start + len(word) / 2, start + width / 2)


def _scaled(header: list[_Anchor], values: list[_Anchor]) -> list[_Anchor] | None:
    """The header's columns scaled so that the rightmost of ``values`` (a later page's) stands
    under the last column (总计); None when the scale is implausible."""
    if not values or header[-1][1] <= 0:
        return None
    scale = max(centre for _start, centre, _hi in values) / header[-1][1]
    if not SCALE[0] <= scale <= SCALE[1]:
        return None
    return [(start * scale, lo * scale, hi * scale) for start, lo, hi in header]


def _place(
    lines: list[Line],
    k: int,
    columns: list[_Anchor],
    sources: Sequence[SourceLine],
    total: bool = False,
    signed: Sequence[bool] = (),
) -> None:
    """Row ``k`` with its values in their columns and blanks in the others, when every value is
    surely in one column (in order), a negative one only in a column that may hold one
    (``signed``), and, with ``total``, one of them in the last column (a row of table 三 with a
    count has a total); else as it was: a row placed against those is placed on the wrong grid
    (PyMuPDF's sorted text pads its lines by no measure of the header's)."""
    line = lines[k]
    placed: list[int] = []
    for value in line.values:
        start, centre, _ = _anchor(value, sources)
        before = sources[value.span.line - 1].text[: value.span.column - 1]
        if before.strip() and not before.endswith(" " * LAYOUT_GAP):
            return  # a value one space after its label: the line keeps no columns
        distance = [min(abs(start - s), max(lo - centre, centre - hi, 0)) for s, lo, hi in columns]
        order = sorted(range(len(columns)), key=distance.__getitem__)
        best = order[0]
        if distance[best] > NEAR or distance[order[1]] - distance[best] < MARGIN:
            return
        if placed and best <= placed[-1]:
            return
        if value.number is not None and value.number < 0 and not (best < len(signed) and signed[best]):
            return
        placed.append(best)
    if total and placed[-1] != len(columns) - 1:
        return
    row = line.values[0].span.line
    by_column = dict(zip(placed, line.values, strict=True))
    values = tuple(
        by_column.get(c) or blank_value(Span.point(row, max(int(start), 0) + 1))
        for c, (start, _lo, _hi) in enumerate(columns)
    )
    lines[k] = line._replace(values=values)


def _pages(sources: Sequence[SourceLine], noise: Sequence[Noise]) -> Callable[[int], int]:
    """A function of a source line number: the number of its page (a page starts at a line with a
    form feed, and after a page-number line the normalizer dropped)."""
    starts = sorted(
        {n for n, src in enumerate(sources, start=1) if "\f" in src.text}
        | {n.span.line + 1 for n in noise if n.kind == "page-number"}
    )
    return lambda number: bisect_right(starts, number)
