"""Source lines → normalized logical lines that remember where every character came from.

Per line this module
- removes extraction residue (``**bold**``, ``<input …>`` and other tags, ``<http://…>`` autolink
  brackets, ``mailto:``, markdown list and heading markers, pipe-table borders) and records each
  removal as :class:`~disclint.nodes.Noise`;
- drops blank lines and page-number lines (``- 3 -``, ``第 3 页 共 8 页``);
- builds a *prose* view with the spaces inside CJK text removed (``联 系 电 话 ：`` → ``联系电话：``);
- cuts table-like lines into cells (TAB-separated) or words (space-separated) and recognises the
  trailing run of values (numbers, signed numbers, amounts with a unit, placeholders like ``/``).

Joining what extraction split over several lines (row labels, vertical header words, a wrapped
last value) is context-dependent; the lexer and the grammar do it, with the line stream below.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Sequence
from decimal import Decimal, InvalidOperation
from typing import NamedTuple

from ..domain.numbers import COUNT
from ..memo import Memo
from ..nodes import BLANK, NUMBER, PLACEHOLDER, TEXT, Located, Noise, Number, Span
from ..readers.base import SourceLine
from ..templates import fold
from ..textscan import CJK_CLASS, collapsible, is_pipe_row, is_pipe_separator

_CJK = re.compile(f"[{CJK_CLASS}]")
_MARKUP = re.compile(
    r"(?P<autolink><(?=(?:https?://|www\.)[^>\s]*>))|(?P<autoclose>(?<=[\w/])>(?=[)）\s。，,;；]|$))"
    r"|(?P<tag></?[a-zA-Z][a-zA-Z0-9]*(?:\s[^<>]*)?/?>)"
    r"|(?P<bold>\*\*)|(?P<mailto>mailto:)"
)
_LIST_MARK = re.compile(r"^\s*(?:[-*+]\s+|#{1,6}\s+)")
_PIPE_BORDER = re.compile(r"^\s*\||\|\s*$")  # the outer pipes of a row (linear: anchored)
# a page number printed in the page's own words: ``- 3 -``, ``第 3 页``, ``第 3 页 共 8 页``
_PAGE_WORDS = r"[-—–－]\s*\d{1,4}\s*[-—–－]|第\s*\d{1,4}\s*页(?:\s*[/，,]?\s*共\s*\d{1,4}\s*页)?"
_PAGE_NUMBER = re.compile(
    rf"^\s*(?:{_PAGE_WORDS}|\d{{1,4}}\s*/\s*\d{{1,4}}|page\s*\d+(?:\s*of\s*\d+)?)\s*$",
    re.IGNORECASE,
)
_SPACES = re.compile(r"[ \t\u3000\xa0]+")


def _has_space(raw: str) -> bool:
    r"""``re.search(r"[ \t\u3000\xa0]", raw)``, by substring tests."""
    return " " in raw or "\t" in raw or "\u3000" in raw or "\xa0" in raw


# a value: a count as written (``1,234`` too), with a sign and a decimal part
_VALUE = re.compile(rf"^(?P<num>[+\-−–－]?{COUNT}(?:\.\d+)?)\s*(?P<unit>万元|元|件|条|个|%)?$")
_PLACEHOLDER = re.compile(r"^(?:/|／|-|—|–|－|——|无|空|\\)$")


def cell_kind(text: str) -> str:
    """A table cell's kind by its text, as the normalizer reads it: ``number`` (with
    its unit, if any), ``blank``, ``placeholder`` (``/``, ``—``, ``无`` …) or ``text``."""
    text = text.strip()
    if not text:
        return BLANK
    if _VALUE.match(text):
        return NUMBER
    return PLACEHOLDER if _PLACEHOLDER.match(text) else TEXT


_UNIT = re.compile(r"^(?:万元|元|件|条|个|%|（万元）|\(万元\))$")


class Value(NamedTuple):
    """A value of a line (immutable: a named tuple, made by the thousand)."""

    raw: str
    number: Number | None  # None for a placeholder or a blank cell
    unit: str | None
    span: Span
    kind: str = NUMBER  # NUMBER, PLACEHOLDER, BLANK (an empty grid cell of its own) or TEXT (grid_values)


def blank_value(span: Span) -> Value:
    """The value of an empty cell at ``span``."""
    return Value("", None, None, span, BLANK)


def blank_row_line(number: int, raw: str, count: int) -> Line:
    """Source line ``number`` (``raw``: blank) as a row of ``count`` empty cells: a table's row
    that the text wrote as nothing (layout text of a row of empty cells)."""
    clean = Located.on_line(raw, number, _WHOLE)
    at = Span.point(number, 1)
    return Line(number, raw, clean, clean, "", False, tuple(blank_value(at) for _ in range(count)), None)


class Line(NamedTuple):
    """A normalized logical line (immutable: a named tuple, made for every line of a report)."""

    number: int  # 1-based line in the source stream
    raw: str
    clean: Located  # residue removed, spacing kept
    prose: Located  # residue removed, spaces inside CJK text removed
    key: str  # prose text folded for matching (no spaces, half-width punctuation)
    tabbed: bool  # cells were TAB-separated
    values: tuple[Value, ...]  # the trailing run of values
    label: Located | None  # the text before the values (None when the line is only values)

    @property
    def is_values(self) -> bool:
        return bool(self.values) and self.label is None

    @property
    def has_numbers(self) -> bool:
        return any(v.number is not None for v in self.values)


def _may_have_markup(raw: str) -> bool:
    r"""``re.search(r"[<*]|mailto:|^\s*[-+#]", raw)``, by substring tests (C scans, no regex
    attempt at every character of the line)."""
    if "<" in raw or "*" in raw or "mailto:" in raw:
        return True
    head = raw.lstrip()
    return bool(head) and head[0] in "-+#"


_RESIDUE_KIND = {"autolink": "autolink", "tag": "html-tag", "bold": "markdown-bold", "mailto": "mailto"}


def _markup(raw: str) -> tuple[list[tuple[int, int]], list[tuple[str, int, int]]]:
    """Character ranges of ``raw`` that are extraction residue, and what each residue was."""
    deletions: list[tuple[int, int]] = []
    residue: list[tuple[str, int, int]] = []
    if not _may_have_markup(raw):
        return deletions, residue
    m = _LIST_MARK.match(raw)
    if m and not re.match(r"^\s*-\d", raw):  # "- 1、机构职能" is a list; "-37" is a value
        deletions.append((m.start(), m.end()))
    for m in _MARKUP.finditer(raw):
        kind = m.lastgroup or ""
        deletions.append((m.start(), m.end()))
        if kind == "autolink":  # report the whole <http://…>, though only the brackets go
            close = raw.find(">", m.end())
            residue.append(("autolink", m.start(), close + 1 if close >= 0 else m.end()))
        elif kind != "autoclose":
            residue.append((_RESIDUE_KIND[kind], m.start(), m.end()))
    return deletions, residue


def _collapsed(raw: str, markup: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """``markup`` plus the spaces to drop for the prose view: at the ends of the line and next to
    CJK characters (``联 系 电 话`` → ``联系电话``, ``2020 年`` → ``2020年``)."""
    if not markup:  # one pass over the runs of spaces does it
        return collapsible(raw)
    # with residue removed, a space's neighbours are the characters beyond the residue: the
    # residue's ranges merged (touching ones too), so a range's neighbours are never residue
    deletions = list(markup)
    merged: list[list[int]] = []
    for a, b in sorted(markup):
        if merged and a <= merged[-1][1]:
            merged[-1][1] = max(merged[-1][1], b)
        else:
            merged.append([a, b])
    starts = [a for a, _b in merged]
    n = len(raw)
    for m in _SPACES.finditer(raw):
        a, b = m.span()
        i, j = a - 1, b
        k = bisect_right(starts, i) - 1  # the range that may hold i: the last starting at or before it
        if k >= 0 and i < merged[k][1]:
            i = merged[k][0] - 1
        k = bisect_right(starts, j) - 1
        if k >= 0 and j < merged[k][1]:
            j = merged[k][1]
        if i < 0 or j >= n or _CJK.match(raw[i]) or _CJK.match(raw[j]):
            deletions.append((a, b))
    deletions.sort()
    return deletions


def _located(raw: str, line: int, deletions: list[tuple[int, int]]) -> Located:
    parts: list[str] = []
    marks: list[tuple[int, int]] = []
    pos = 0
    offset = 0
    for a, b in deletions:
        if a > pos:
            parts.append(raw[pos:a])
            marks.append((offset, pos + 1))
            offset += a - pos
        pos = max(pos, b)
    if pos < len(raw):
        parts.append(raw[pos:])
        marks.append((offset, pos + 1))
    return Located.on_line("".join(parts), line, tuple(marks) or _WHOLE)


_WHOLE = ((0, 1),)  # the marks of a text that is its line from the first column


def sub_located(loc: Located, start: int, end: int) -> Located:
    """The part ``loc.text[start:end]`` as its own Located."""
    line, column = loc.position(start)
    on_line = loc.line_marks()
    if on_line is not None:  # one source line: its marks, not its anchors
        marks = [(0, column)]
        marks += [(off - start, col) for off, col in on_line[1] if start < off < end]
        return Located.on_line(loc.text[start:end], line, tuple(marks))
    anchors = [(0, line, column)]
    for off, ln, col in loc.anchors:
        if start < off < end:
            anchors.append((off - start, ln, col))
    return Located(loc.text[start:end], tuple(anchors))


def parse_number(text: str) -> Number | None:
    t = text.replace("−", "-").replace("–", "-").replace("－", "-").replace(",", "").lstrip("+")
    try:
        return int(t) if "." not in t else Decimal(t)
    except (ValueError, InvalidOperation):
        return None


# the last characters a value may end with, besides a digit (``str.isdecimal``: ``\d``)
_VALUE_LAST = frozenset("/／-—–－无空\\%元件条个)）")
# the first characters a value may start with, besides a digit: a sign (``_VALUE``) or a
# placeholder (``_PLACEHOLDER``)
_VALUE_FIRST = frozenset("+-−–－—/／无空\\")


def may_end_value(char: str) -> bool:
    """``char`` (one character) may be the last of a value: a digit, a unit, a placeholder."""
    return char.isdecimal() or char in _VALUE_LAST


def may_start_value(char: str) -> bool:
    """``char`` (one character) may be the first of a value: a digit, a sign, a placeholder."""
    return char.isdecimal() or char in _VALUE_FIRST


def _may_end_with_value(text: str) -> bool:
    r"""``re.search(r"[\d/／\-—–－无空\\%元件条个)）]\s*$", text)``: the last character before
    the trailing blanks may end a value (``rstrip`` strips what ``\s`` matches)."""
    last = text.rstrip()[-1:]
    return bool(last) and may_end_value(last)


def _split_values(clean: Located, tabbed: bool) -> tuple[tuple[Value, ...], Located | None]:
    """The trailing run of values of a line, and the label before them (None: only values)."""
    text = clean.text
    if not _may_end_with_value(text):
        return (), clean  # prose: no trailing value (the common case, decided in one regex)
    cells, label_end = _scan_values(text, tabbed)
    if not cells:
        return (), clean
    on_line = clean.line_marks()  # (not ``anchors``: that spells them out)
    if on_line is not None and len(on_line[1]) == 1:
        line, ((offset, column),) = on_line
        col0 = column - offset
        values = tuple(
            [_new(Value, (r, n, u, Span(line, col0 + a, line, col0 + b), k)) for r, n, u, a, b, k in cells]
        )
    else:
        values = tuple(Value(r, n, u, clean.span_of(a, b), k) for r, n, u, a, b, k in cells)
    if label_end < 0:
        return values, None
    return values, sub_located(clean, 0, label_end)


# a value found in a line's text: raw, number, unit, start, end (offsets in the text), kind
_Cell = tuple[str, Number | None, str | None, int, int, str]
MEMO_CHARS = 200  # lines up to this long share their analysis (``_LINES``)


def _scan_values(text: str, tabbed: bool) -> tuple[tuple[_Cell, ...], int]:
    """The trailing run of values of ``text`` and where the label before them ends (-1: no label)."""
    tokens = [(m.start(), m.end()) for m in (_TAB_CELL if tabbed else _WORD).finditer(text)]
    values: list[_Cell] = []
    i = len(tokens) - 1
    while i >= 0:
        a, b = tokens[i]
        cell = text[a:b]
        if cell.isdigit() and cell.isascii():  # the common case: a plain count
            values.append((cell, int(cell), None, a, b, NUMBER))
            i -= 1
            continue
        if not tabbed and i > 0 and _UNIT.match(cell):
            a0, b0 = tokens[i - 1]
            if _VALUE.match(text[a0:b0]):
                # "402.2 万元": the unit is its own word in space-separated text
                number = parse_number(text[a0:b0])
                values.append((f"{text[a0:b0]} {cell}", number, cell.strip("（）()"), a0, b, NUMBER))
                i -= 2
                continue
        found = _VALUE.match(cell)
        if found:
            values.append((cell, parse_number(found.group("num")), found.group("unit"), a, b, NUMBER))
        elif _PLACEHOLDER.match(cell):
            values.append((cell, None, None, a, b, PLACEHOLDER))
        else:
            break
        i -= 1
    values.reverse()
    return tuple(values), (tokens[i][1] if i >= 0 else -1)


def grid_values(
    clean: Located, spanned: frozenset[int], blank_run: bool = False
) -> tuple[tuple[Value, ...], Located | None]:
    """The trailing run of values of a grid row (cells joined by TAB, ``spanned`` = the indexes of
    cells covered by a merged cell). An empty cell of its own is a blank value; a covered cell is
    no value at all. A run of blanks alone is no run (an empty row, or the tail of a title row)
    unless ``blank_run`` (a row known to be a template row: :mod:`.blank_rows`).
    Which blanks are columns of the template is decided when the row is aligned (:mod:`.align`)."""
    text = clean.text
    bounds: list[tuple[int, int]] = []
    start = 0
    for index, ch in enumerate(text):
        if ch == "\t":
            bounds.append((start, index))
            start = index + 1
    bounds.append((start, len(text)))
    values: list[Value] = []
    label_end = -1
    for index in range(len(bounds) - 1, -1, -1):
        if index in spanned:
            continue
        a, b = bounds[index]
        cell = text[a:b].strip()
        if not cell:
            values.append(blank_value(clean.span_of(max(a - 1, 0), max(a, 1))))
            continue
        a += len(text[a:b]) - len(text[a:b].lstrip())
        b = a + len(cell)
        found = _VALUE.match(cell)
        if found:
            number = parse_number(found.group("num"))
            values.append(Value(cell, number, found.group("unit"), clean.span_of(a, b)))
        elif _PLACEHOLDER.match(cell):
            values.append(Value(cell, None, None, clean.span_of(a, b), PLACEHOLDER))
        elif (
            len(cell) <= STRAY_CELL_CHARS
            and not _UNIT.match(cell)
            and _number_before(text, bounds, index, spanned)
        ):
            # a cell among the row's numbers that is none (OCR read the 1 of a count as 一): a cell
            # of text in its column, reported as not a number, not the end of the row's label (its
            # values would be lost and the label joined to the next row's)
            values.append(Value(cell, None, None, clean.span_of(a, b), TEXT))
        else:
            label_end = b
            break
    if not values or not (blank_run or any(v.kind != BLANK for v in values)):
        return (), clean
    values.reverse()
    if label_end < 0:
        return tuple(values), None
    return tuple(values), sub_located(clean, 0, label_end)


STRAY_CELL_CHARS = 2  # a text cell this short, right of a number, is a cell of the values (grid_values)


def _number_before(text: str, bounds: list[tuple[int, int]], index: int, spanned: frozenset[int]) -> bool:
    """The grid cell left of cell ``index`` (covered cells skipped) holds a number."""
    for k in range(index - 1, -1, -1):
        if k not in spanned:
            a, b = bounds[k]
            return _VALUE.match(text[a:b].strip()) is not None
    return False


_TAB_CELL = re.compile(r"[^\t\s](?:[^\t]*[^\t\s])?")  # a cell without its surrounding spaces
_WORD = re.compile(r"\S+")


def _find_cuts(
    raw: str,
) -> tuple[list[tuple[int, int]], list[tuple[str, int, int]], list[tuple[int, int]] | None]:
    """What to cut from ``raw`` for the clean view, the residue found, and what to cut for the
    prose view (None: nothing to cut from either, every view is the line itself)."""
    deletions, residue = _markup(raw)
    if not deletions and not _has_space(raw):
        return deletions, residue, None
    return deletions, residue, _collapsed(raw, deletions)


def normalize_line(
    number: int, raw: str, spanned: frozenset[int] | None = None
) -> tuple[Line | None, list[Noise]]:
    """One source line → a :class:`Line` (None for blank and page-number lines) and its residue."""
    memo = _memo_for(raw)
    if memo is None:
        return _normalize_line(number, raw, spanned)
    found = memo.get((raw, spanned))
    if found is None:
        line, noise = _normalize_line(number, raw, spanned)
        memo.put((raw, spanned), (line, tuple(noise)))
        return line, noise
    return _restamped(found, number)


# a line's analysis by its text (and grid cells): the Line it made and its residue. The line
# number is in their spans alone, nothing else depends on it, so a line of the same text
# elsewhere is the kept one restamped, and on the same line (the same report read again) it is
# the kept one itself
_Kept = tuple[Line | None, tuple[Noise, ...]]
_LINES: Memo[tuple[str, frozenset[int] | None], _Kept] = Memo(4096)
# longer lines (whole paragraphs, from DOCX and HTML) in fewer entries, so the memory both hold
# stays bounded (a few MB) whatever the documents; still longer lines are worked out every time
LONG_CHARS = 2000
_LONG_LINES: Memo[tuple[str, frozenset[int] | None], _Kept] = Memo(256)


def _memo_for(raw: str) -> Memo[tuple[str, frozenset[int] | None], _Kept] | None:
    """The memo that keeps the analysis of the line ``raw`` (None: too long to keep)."""
    n = len(raw)
    return _LINES if n <= MEMO_CHARS else _LONG_LINES if n <= LONG_CHARS else None


def _restamped(kept: _Kept, number: int) -> tuple[Line | None, list[Noise]]:
    """The kept line (normalized on some line) as line ``number``: equal to normalizing it
    there."""
    line, residue = kept
    noise = list(residue)
    if residue and residue[0].span.line != number:
        noise = [
            Noise(n.kind, n.text, Span(number, n.span.column, number, n.span.end_column)) for n in residue
        ]
    if line is None or line.number == number:
        return line, noise
    # (the named tuples unpacked: a field read by name is a descriptor call each time)
    _old_number, raw, kept_clean, kept_prose, key, tabbed, kept_values, label = line
    clean = kept_clean.moved(number)
    prose = clean if kept_prose is kept_clean else kept_prose.moved(number)
    if label is kept_clean:
        label = clean
    elif label is not None:
        label = label.moved(number)
    # (``_new`` is the named tuples' own ``__new__`` without its argument handling)
    values = tuple(
        [
            _new(Value, (v_raw, v_number, unit, Span(number, span.column, number, span.end_column), kind))
            for v_raw, v_number, unit, span, kind in kept_values
        ]
    )
    return _new(Line, (number, raw, clean, prose, key, tabbed, values, label)), noise


_new = tuple.__new__


def _pipes_to_tabs(raw: str) -> str:
    """A table row from an HTML page converted to text (markdown pipes, or cells with a trailing
    "|"): the border pipes become spaces and the others TABs, same width, so columns stay put;
    every cell between two pipes is a cell of its own (empty = blank)."""
    return _PIPE_BORDER.sub(lambda m: m.group().replace("|", " "), raw).replace("|", "\t")


def blank_grid_line(number: int, raw: str, spanned: frozenset[int] | None) -> Line | None:
    """A grid row of nothing but empty cells as a line of blank values (normalizing drops such a
    row: :mod:`.blank_rows` says when it is one); None for any other line."""
    if "|" in raw and is_pipe_row(raw):
        if is_pipe_separator(raw):
            return None
        raw, spanned = _pipes_to_tabs(raw), frozenset()
    if "\t" not in raw or not raw.isspace():
        return None
    clean = Located.on_line(raw, number, _WHOLE)
    values, _label = grid_values(clean, spanned or frozenset(), blank_run=True)
    return Line(number, raw, clean, clean, "", True, values, None) if values else None


def _normalize_line(
    number: int, raw: str, spanned: frozenset[int] | None = None
) -> tuple[Line | None, list[Noise]]:
    noise: list[Noise] = []
    if not raw.strip():
        return None, noise
    if "|" in raw and is_pipe_row(raw):
        if is_pipe_separator(raw) or not raw.replace("|", "").strip():
            return None, noise  # a markdown separator row, or only empty cells
        raw, spanned = _pipes_to_tabs(raw), frozenset()
    if _PAGE_NUMBER.match(raw):
        noise.append(Noise("page-number", raw.strip(), Span(number, 1, number, len(raw) + 1)))
        return None, noise
    deletions, residue, prose_cuts = _find_cuts(raw)
    for kind, a, b in residue:
        noise.append(Noise(kind, raw[a:b], Span(number, a + 1, number, b + 1)))
    if prose_cuts is None:
        # the common PDF line: nothing to remove, so every view is the line itself
        clean = prose = Located.on_line(raw, number, _WHOLE)
    else:
        clean = _located(raw, number, deletions)
        if not clean.text.strip():
            return None, noise
        prose = _located(raw, number, prose_cuts)
    tabbed = "\t" in clean.text.strip()
    if spanned is not None and tabbed:
        values, label = grid_values(clean, spanned)
    else:
        values, label = _split_values(clean, tabbed)
    # (``_new``: the named tuple made without its ``__new__``'s argument handling, a Line per line)
    line = _new(Line, (number, raw, clean, prose, fold(prose.text), tabbed, values, label))
    return line, noise


def normalize(lines: Sequence[SourceLine]) -> tuple[list[Line], list[Noise]]:
    out: list[Line] = []
    noise: list[Noise] = []
    page_breaks: list[int] = []  # indexes into ``out`` where a page-number line was dropped
    numbered: list[int] = []  # indexes into ``out`` of lines that may begin with a page number
    kept = _LINES
    residue: Sequence[Noise]
    for i, src in enumerate(lines, start=1):
        raw = src.text
        if not raw or raw.isspace():
            continue  # a blank line: no Line, no residue (as normalize_line)
        memo = kept if len(raw) <= MEMO_CHARS else _memo_for(raw)
        found = memo.get((raw, src.spanned)) if memo is not None else None
        if found is None:  # (as normalize_line, with one look-up)
            line, residue = _normalize_line(i, raw, src.spanned)
            if memo is not None:
                memo.put((raw, src.spanned), (line, tuple(residue)))
        elif found[0] is not None and found[0].number == i and not found[1]:
            line, residue = found[0], ()  # the same line of the same text: the kept Line itself
        else:
            line, residue = _restamped(found, i)
        if residue:
            noise.extend(residue)
        if line is not None:
            if raw[0] in _MAY_NUMBER_PAGE:  # (a quick look: a page number may begin the line)
                numbered.append(len(out))
            out.append(line)
        elif any(n.kind == "page-number" for n in residue):
            page_breaks.append(len(out))
    if len(numbered) >= 2:
        out = _drop_numbered_headers(out, numbered, page_breaks, noise)
    if page_breaks:
        out = _drop_running_lines(out, page_breaks, noise)
    return out, noise


# a page number and the next page's running header on one line (``- 3 -沙坡头区…年度报告``,
# ``第 3 页银川市…年度报告``: an extractor that joins the footer of a page with the next header)
_NUMBERED_HEADER = re.compile(rf"\s*(?:{_PAGE_WORDS})")


_MAY_NUMBER_PAGE = frozenset("-—–－第 \t\u3000")  # a line's first character, when a page number may begin it


def _drop_numbered_headers(
    lines: list[Line], candidates: list[int], page_breaks: list[int], noise: list[Noise]
) -> list[Line]:
    """Drop the lines (among ``candidates``) that are a page number followed by a running
    header, when that header recurs so after other page numbers (each drop is a page break, as a
    page-number line's)."""
    found: dict[int, str] = {}
    for k in candidates:
        line = lines[k]
        if (m := _NUMBERED_HEADER.match(line.raw)) is not None:
            rest = "".join(line.raw[m.end() :].split())
            if 0 < len(rest) <= RUNNING_MAX:
                found[k] = rest
    if len(found) < 2:
        return lines
    counts: dict[str, int] = {}
    for text in found.values():
        counts[text] = counts.get(text, 0) + 1
    drop = {k for k, text in found.items() if counts[text] >= 2}
    if not drop:
        return lines
    kept: list[Line] = []
    breaks = set(page_breaks)
    page_breaks.clear()
    for k, line in enumerate(lines):
        if k in breaks:
            page_breaks.append(len(kept))
        if k in drop:
            noise.append(Noise("page-number", line.raw.strip(), line.clean.span))
            page_breaks.append(len(kept))
            continue
        kept.append(line)
    if len(lines) in breaks:
        page_breaks.append(len(kept))
    return kept


RUNNING_MAX = 60  # characters: a running header/footer is one short line


def _drop_running_lines(lines: list[Line], page_breaks: list[int], noise: list[Noise]) -> list[Line]:
    """Drop a running header/footer of text extracted page by page (``pdftotext``): a short line
    without values right next to a dropped page number, whose text recurs in the document."""
    counts: dict[str, int] = {}
    for line in lines:
        if len(line.key) <= RUNNING_MAX and not line.values:
            counts[line.key] = counts.get(line.key, 0) + 1
    drop: set[int] = set()
    for at in page_breaks:
        for k in (at - 1, at):
            if 0 <= k < len(lines) and counts.get(lines[k].key, 0) >= 2:
                drop.add(k)
    for k in sorted(drop):
        line = lines[k]
        noise.append(Noise("page-header", line.raw.strip(), line.clean.span))
    return [line for k, line in enumerate(lines) if k not in drop]
