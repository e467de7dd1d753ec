"""DOCX: body paragraphs and tables, in document order, as the line stream Word's text export gives.

* Each body paragraph is one line (a manual line break inside it starts another line of the same
  paragraph); its native location is the paragraph's 1-based index among body paragraphs.
  Automatic list numbering (``一、`` / ``（一）`` / ``1.`` made by Word, not typed) is rendered
  in front of the text, as Word's own text export does, so headings keep their numbers.
* Each table is a :class:`~disclint.readers.grid.Grid` (``Document.grids``) and each of its rows
  one line with its cells joined by TAB (native table/row, ``cell_starts``). A horizontally
  merged cell (``gridSpan``) appears once, followed by one covered (empty) cell per extra grid
  column it covers; a vertically merged continuation cell (``vMerge``) is a covered cell.
  A cell's paragraphs are joined into one cell text.
* Headers, footers, footnotes, comments, deleted revisions, field codes and text boxes are ignored.
"""

from __future__ import annotations

import io
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

from .. import limits
from ..domain import numerals
from .base import Document, NativeLocation, ReadFailure, SourceLine
from .grid import Grid, SpanBuilder, placed
from .guard import check_zip
from .lines import is_wide, join_fragments

_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_MC = "{http://schemas.openxmlformats.org/markup-compatibility/2006}"
_VAL = f"{_W}val"
# Subtrees whose text is not part of the visible body text.
_SKIP = {
    f"{_W}del",
    f"{_W}moveFrom",
    f"{_W}delText",
    f"{_W}instrText",
    f"{_W}delInstrText",
    f"{_W}drawing",
    f"{_W}pict",
    f"{_W}object",
    f"{_W}pPr",
    f"{_W}rPr",
    f"{_W}footnoteReference",
    f"{_W}endnoteReference",
    f"{_W}commentReference",
    f"{_MC}AlternateContent",
}
_WRAPPERS = {f"{_W}sdt", f"{_W}sdtContent", f"{_W}customXml", f"{_W}smartTag", f"{_W}ins", f"{_W}moveTo"}


def read_docx_bytes(data: bytes, path: str) -> Document | ReadFailure:
    """Read a DOCX package's body into a Document, or explain why it cannot be read."""
    check_zip(data)  # a zip bomb is refused before python-docx inflates anything
    try:
        import docx

        package = docx.Document(io.BytesIO(data))
    except Exception as exc:
        detail = str(exc) or type(exc).__name__
        return ReadFailure(
            path=path,
            kind="docx",
            reason=f"{path} is not a valid Word document ({detail}); the file may be corrupt or truncated.",
            reason_zh=f"{path} 不是有效的 Word 文档（{detail}），文件可能已损坏或不完整。",
        )
    numbering = _Numbering.from_package(package)
    lines, grids = _body_lines(package.element.body, numbering)
    return Document(path=path, kind="docx", lines=tuple(lines), encoding=None, grids=tuple(grids))


# --------------------------------------------------------------------------- body traversal


def _children(element: Any) -> Iterator[Any]:
    """Block-level children, looking through content controls and custom-XML wrappers."""
    for child in element:
        if child.tag in _WRAPPERS:
            inner = child.find(f"{_W}sdtContent") if child.tag == f"{_W}sdt" else child
            if inner is not None:
                yield from _children(inner)
        else:
            yield child


def _body_lines(body: Any, numbering: _Numbering) -> tuple[list[SourceLine], list[Grid]]:
    """The body's lines in document order, and its tables as grids (their rows are lines too)."""
    lines: list[SourceLine] = []
    grids: list[Grid] = []
    paragraph = 0
    table = 0
    for child in _children(body):
        if child.tag == f"{_W}p":
            paragraph += 1
            text = numbering.label(child) + paragraph_text(child)
            native = NativeLocation(paragraph=paragraph)
            lines.extend(SourceLine(text=piece, native=native) for piece in text.split("\n"))
        elif child.tag == f"{_W}tbl":
            table += 1
            grids.append(placed(table_grid(child, table), lines))
    return lines, grids


def paragraph_text(p: Any) -> str:
    """Visible text of a ``w:p`` element: runs, hyperlinks, insertions and field results."""
    parts: list[str] = []
    _collect(p, parts)
    return "".join(parts)


def _collect(element: Any, parts: list[str]) -> None:
    for child in element:
        tag = child.tag
        if not isinstance(tag, str) or tag in _SKIP:
            continue
        if tag == f"{_W}t":
            parts.append(child.text or "")
        elif tag in (f"{_W}tab", f"{_W}ptab"):
            parts.append("\t")
        elif tag in (f"{_W}br", f"{_W}cr"):
            parts.append("\n")
        elif tag == f"{_W}noBreakHyphen":
            parts.append("-")
        else:
            _collect(child, parts)


# --------------------------------------------------------------------------- tables


def table_grid(tbl: Any, table: int | None = None) -> Grid:
    """The table as a grid, merged cells resolved (see the module docstring): a ``gridSpan``
    cell spans columns, a ``vMerge`` continuation is covered by the cell above, a grid column
    skipped by ``gridBefore`` is covered by nothing. ``table`` (1-based) gives native locations."""
    builder = SpanBuilder()
    above: dict[int, tuple[int, int]] = {}  # grid column -> the cell that holds it in the row above
    for tr in _children(tbl):
        if tr.tag != f"{_W}tr":
            continue
        row = len(builder.rows) + 1
        builder.new_row(NativeLocation(table=table, row=row) if table is not None else None)
        before = _int_val(tr.find(f"{_W}trPr/{_W}gridBefore"), 0)
        limits.check("table-columns", before, f"gridBefore={before}")
        for _ in range(before):
            builder.cover(None)
        for tc in _children(tr):
            if tc.tag != f"{_W}tc":
                continue
            props = tc.find(f"{_W}tcPr")
            span = max(_int_val(None if props is None else props.find(f"{_W}gridSpan"), 1), 1)
            vmerge = None if props is None else props.find(f"{_W}vMerge")
            continuation = vmerge is not None and vmerge.get(_VAL, "continue") != "restart"
            start = builder.width
            limits.check("table-columns", start + span, f"gridSpan={span}")
            if continuation:
                origin = above.get(start)
                builder.cover(origin)
            else:
                native = NativeLocation(table=table, row=row, cell=start + 1) if table is not None else None
                origin = builder.cell(cell_text(tc), native)
            for _ in range(span - 1):
                builder.cover(origin)
            if origin is not None:
                above.update((c, origin) for c in range(start, start + span))
        limits.check("table-rows", len(builder.rows))
    return builder.grid("docx", NativeLocation(table=table) if table is not None else None)


def table_rows(tbl: Any) -> tuple[tuple[str | None, ...], ...]:
    """Cell texts of each row (None: covered by a merged cell)."""
    return table_grid(tbl).texts()


def cell_text(tc: Any) -> str:
    """A cell's paragraphs (and any nested table) joined into one line of text."""
    pieces: list[str] = []
    for child in _children(tc):
        if child.tag == f"{_W}p":
            pieces.append(paragraph_text(child))
        elif child.tag == f"{_W}tbl":
            pieces.extend(" ".join(c for c in row if c) for row in table_rows(child))
    return join_fragments(" ".join(p.split()) for p in pieces)


def _int_val(element: Any, default: int) -> int:
    if element is None:
        return default
    try:
        return int(element.get(_VAL, default))
    except (TypeError, ValueError):
        return default


# --------------------------------------------------------------------------- list numbering


def _letters(n: int) -> str:
    # Word repeats the letter (AA, BB …); past 30 repeats a number is shown instead, so a list
    # starting at 2e9 costs nothing
    return chr(ord("A") + (n - 1) % 26) * ((n - 1) // 26 + 1) if 0 < n <= 26 * 30 else str(n)


def _roman(n: int) -> str:
    if not 0 < n < 4000:  # no roman numeral (and no loop of 1e12 steps for a start of 1e15)
        return str(n)
    values: tuple[tuple[int, str], ...] = (
        (1000, "M"), (900, "CM"), (500, "D"), (400, "CD"), (100, "C"), (90, "XC"), (50, "L"),
        (40, "XL"), (10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I"),
    )  # fmt: skip
    out = ""
    for value, symbol in values:
        while n >= value:
            out += symbol
            n -= value
    return out


def format_number(n: int, fmt: str) -> str:
    """A list counter in Word's ``numFmt`` (the formats used in Chinese official documents)."""
    if fmt in (
        "chineseCounting",
        "chineseCountingThousand",
        "chineseLegalSimplified",
        "ideographTraditional",
    ):
        return numerals.numeral(n)
    if fmt == "ideographDigital":
        return numerals.digits(n)
    if fmt == "decimalFullWidth":
        return "".join(chr(ord(d) - ord("0") + ord("０")) for d in str(n))
    if fmt == "decimalEnclosedCircle" and 1 <= n <= 20:
        return chr(0x2460 + n - 1)
    if fmt == "upperLetter":
        return _letters(n)
    if fmt == "lowerLetter":
        return _letters(n).lower()
    if fmt == "upperRoman":
        return _roman(n)
    if fmt == "lowerRoman":
        return _roman(n).lower()
    return str(n)


@dataclass(frozen=True)
class _Level:
    start: int
    fmt: str
    text: str
    suffix: str


@dataclass
class _Numbering:
    """Word's automatic numbering: definitions from numbering.xml/styles.xml, counters as we go."""

    abstract_of: dict[str, str] = field(default_factory=dict)  # numId -> abstractNumId
    levels: dict[str, dict[int, _Level]] = field(default_factory=dict)  # abstractNumId -> levels
    overrides: dict[str, dict[int, int]] = field(default_factory=dict)  # numId -> ilvl -> start
    style_numbering: dict[str, tuple[str, int]] = field(default_factory=dict)  # styleId -> (numId, ilvl)
    counters: dict[str, dict[int, int]] = field(default_factory=dict)
    started: set[str] = field(default_factory=set)

    @classmethod
    def from_package(cls, package: Any) -> _Numbering:
        numbering = cls()
        try:
            root = package.part.numbering_part.element
        except (KeyError, NotImplementedError, AttributeError):
            return numbering
        for abstract in root.findall(f"{_W}abstractNum"):
            levels: dict[int, _Level] = {}
            for lvl in abstract.findall(f"{_W}lvl"):
                fmt = lvl.find(f"{_W}numFmt")
                text = lvl.find(f"{_W}lvlText")
                suff = lvl.find(f"{_W}suff")
                levels[int(lvl.get(f"{_W}ilvl", "0"))] = _Level(
                    start=_int_val(lvl.find(f"{_W}start"), 1),
                    fmt=fmt.get(_VAL, "decimal") if fmt is not None else "decimal",
                    text=text.get(_VAL, "") if text is not None else "",
                    suffix=suff.get(_VAL, "tab") if suff is not None else "tab",
                )
            numbering.levels[abstract.get(f"{_W}abstractNumId", "")] = levels
        for num in root.findall(f"{_W}num"):
            num_id = num.get(f"{_W}numId", "")
            ref = num.find(f"{_W}abstractNumId")
            numbering.abstract_of[num_id] = ref.get(_VAL, "") if ref is not None else ""
            for override in num.findall(f"{_W}lvlOverride"):
                start = override.find(f"{_W}startOverride")
                if start is not None:
                    ilvl = int(override.get(f"{_W}ilvl", "0"))
                    numbering.overrides.setdefault(num_id, {})[ilvl] = _int_val(start, 1)
        try:
            styles = package.part._styles_part.element
        except (KeyError, NotImplementedError, AttributeError):
            styles = None
        for style in styles.findall(f"{_W}style") if styles is not None else ():
            num_pr = style.find(f"{_W}pPr/{_W}numPr")
            if num_pr is not None:
                num_id = num_pr.find(f"{_W}numId")
                if num_id is not None:
                    ilvl = _int_val(num_pr.find(f"{_W}ilvl"), 0)
                    numbering.style_numbering[style.get(f"{_W}styleId", "")] = (num_id.get(_VAL, ""), ilvl)
        return numbering

    def _num_pr(self, p: Any) -> tuple[str, int] | None:
        ppr = p.find(f"{_W}pPr")
        if ppr is None:
            return None
        num_pr = ppr.find(f"{_W}numPr")
        if num_pr is not None:
            num_id = num_pr.find(f"{_W}numId")
            if num_id is not None:
                return num_id.get(_VAL, ""), _int_val(num_pr.find(f"{_W}ilvl"), 0)
        style = ppr.find(f"{_W}pStyle")
        if style is not None:
            return self.style_numbering.get(style.get(_VAL, ""))
        return None

    def label(self, p: Any) -> str:
        """The number Word would display in front of paragraph ``p`` (advancing the counters)."""
        if not self.levels:
            return ""
        found = self._num_pr(p)
        if found is None or found[0] in ("", "0"):
            return ""
        num_id, ilvl = found
        abstract = self.abstract_of.get(num_id)
        levels = self.levels.get(abstract or "")
        if not levels or ilvl not in levels:
            return ""
        counters = self.counters.setdefault(abstract or "", {})
        if num_id not in self.started:
            self.started.add(num_id)
            for override_level, start in self.overrides.get(num_id, {}).items():
                counters[override_level] = start - 1
        counters[ilvl] = counters.get(ilvl, levels[ilvl].start - 1) + 1
        for deeper in [k for k in counters if k > ilvl]:
            del counters[deeper]
        level = levels[ilvl]
        if level.fmt in ("bullet", "none"):
            return ""
        text = level.text
        for k in range(ilvl, -1, -1):
            value = counters.get(k, levels[k].start if k in levels else 1)
            fmt = levels[k].fmt if k in levels else "decimal"
            text = text.replace(f"%{k + 1}", format_number(value, fmt))
        if not text or level.suffix == "nothing" or is_wide(text[-1]):
            return text
        return text + " "
