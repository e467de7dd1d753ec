"""The report AST: typed, frozen dataclasses with source spans (a table cell: a named tuple).

Everything a rule needs is here, located: rules never re-read the text. Lines and columns are
1-based and refer to the reader's line stream (for a ``.txt`` file, the file's own lines);
``end_column`` is exclusive, as in SARIF.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Iterable, Sequence
from dataclasses import FrozenInstanceError, dataclass, field
from datetime import date
from decimal import Decimal
from operator import attrgetter, itemgetter
from typing import TYPE_CHECKING, Any, NamedTuple, TypeAlias

if TYPE_CHECKING:
    from .readers.grid import Grid, GridCell

from .frozen import quick_init

Number: TypeAlias = int | Decimal
_OFFSET = itemgetter(0)  # of an anchor (offset, line, column)
_TEXT = attrgetter("text")
_FAR = 1 << 62  # after any line of any text (``Located.cover``)


@quick_init
@dataclass(frozen=True, order=True)
class Span:
    line: int
    column: int
    end_line: int
    end_column: int

    def merge(self, other: Span | None) -> Span:
        if other is None:
            return self
        start = min((self.line, self.column), (other.line, other.column))
        end = max((self.end_line, self.end_column), (other.end_line, other.end_column))
        return Span(start[0], start[1], end[0], end[1])

    @staticmethod
    def point(line: int, column: int = 1, length: int = 1) -> Span:
        return Span(line, column, line, column + max(length, 1))


def merge_spans(spans: list[Span] | tuple[Span, ...]) -> Span | None:
    """The span from the earliest start to the latest end (``Span.merge`` of them all)."""
    if len(spans) <= 1:
        return spans[0] if spans else None
    line, column = min((s.line, s.column) for s in spans)
    end_line, end_column = max((s.end_line, s.end_column) for s in spans)
    return Span(line, column, end_line, end_column)


class Located:
    """A piece of normalized text that remembers where each of its characters came from.

    ``anchors`` are ``(offset, line, column)`` breakpoints: the character at ``offset`` in
    ``text`` came from ``line``/``column`` and the following characters from consecutive
    columns, up to the next anchor. Paragraphs joined from several lines and labels joined
    from fragments are Located, so any substring can be mapped back to a precise span.

    Immutable, compared and hashed by ``text`` and ``anchors``, like a frozen dataclass. A text
    from one source line is made by :meth:`on_line` from its line number and ``(offset,
    column)`` marks that every line of the same text shares: the normalizer makes one per line,
    and the anchors are only spelled out when something asks for them.
    """

    __slots__ = ("_at", "text")
    __match_args__ = ("text", "anchors")
    text: str
    # the anchors, or ``(line, marks)`` with ``(offset, column)`` marks on that one line, spelled
    # out as anchors when first asked for (one slot for both: a Located is made per line)
    _at: Any  # tuple[tuple[int, int, int], ...] | tuple[int, tuple[tuple[int, int], ...]]

    def __init__(self, text: str, anchors: tuple[tuple[int, int, int], ...]) -> None:
        _set_text(self, text)
        _set_at(self, anchors)

    @classmethod
    def on_line(cls, text: str, line: int, marks: tuple[tuple[int, int], ...]) -> Located:
        """``Located(text, tuple((offset, line, column) for offset, column in marks))``; ``marks``
        must not be empty."""
        loc = _new(cls)
        _set_text(loc, text)
        _set_at(loc, (line, marks))
        return loc

    @property
    def anchors(self) -> tuple[tuple[int, int, int], ...]:
        at = self._at
        if at and at[0].__class__ is int:
            line, marks = at
            at = tuple([(offset, line, column) for offset, column in marks])
            _set_at(self, at)  # the same value every time: spelled out once
        return at

    def line_marks(self) -> tuple[int, tuple[tuple[int, int], ...]] | None:
        """``(line, marks)`` when every character came from one source line (as :meth:`on_line`
        takes them), else None."""
        at = self._at
        if not at:
            return None
        if at[0].__class__ is int:
            return at
        line = at[0][1]
        if any(a[1] != line for a in at):
            return None
        return line, tuple([(offset, column) for offset, _line, column in at])

    def moved(self, line: int) -> Located:
        """The same text, from the same columns of line ``line``: ``Located.on_line(text, line,
        marks)`` of this text's :meth:`line_marks`, which must exist (a text of one source line,
        as the normalizer's kept lines are when a later line has the same text)."""
        at = self._at
        if not (at and at[0].__class__ is int):  # spelled out as anchors: read them back
            at = self.line_marks()
            assert at is not None  # every character from one line
        loc = _new(Located)
        _set_text(loc, self.text)
        _set_at(loc, (line, at[1]))
        return loc

    def run_start(self) -> tuple[int, int] | None:
        """``(line, column)`` of the first character when the text is one run from its start
        (one anchor, at offset 0: every character on one line, in consecutive columns), else
        None; read without spelling a line's marks out as anchors."""
        at = self._at
        if at and at[0].__class__ is int:
            line, marks = at
            return (line, marks[0][1]) if len(marks) == 1 and marks[0][0] == 0 else None
        return (at[0][1], at[0][2]) if len(at) == 1 and at[0][0] == 0 else None

    def position(self, offset: int) -> tuple[int, int]:
        at = self._at
        if not at:
            return (1, 1)
        if at[0].__class__ is int:
            line, marks = at
            if len(marks) == 1:
                start, column = marks[0]
            else:
                start, column = marks[max(bisect_right(marks, offset, key=_OFFSET) - 1, 0)]
            return (line, column + (offset - start))
        if len(at) == 1:
            start, line, column = at[0]
            return (line, column + (offset - start))
        start, line, column = at[max(bisect_right(at, offset, key=_OFFSET) - 1, 0)]
        return (line, column + (offset - start))

    def span_of(self, start: int, end: int) -> Span:
        """Span of ``text[start:end]`` (end exclusive)."""
        end = max(end, start + 1)
        line, column = self.position(start)
        end_line, end_column = self.position(end - 1)
        return Span(line, column, end_line, end_column + 1)

    @property
    def span(self) -> Span:
        at = self._at
        if at and at[0].__class__ is int and len(at[1]) == 1:  # one run on one line (as ``ends``)
            line, ((start, column),) = at
            column -= start
            return Span(line, column, line, column + (len(self.text) or 1))
        return Span(*self.ends())

    def ends(self) -> tuple[int, int, int, int]:
        """The fields of :attr:`span` (line and column of the first character, line and column
        after the last), without making the Span: spans of many texts are merged by them."""
        at = self._at
        last = max(len(self.text), 1) - 1
        if at and at[0].__class__ is int:  # on one line (as :meth:`position` reads the marks)
            line, marks = at
            start, column = marks[0]
            if len(marks) == 1:  # one run: most texts
                return (line, column - start, line, column + last - start + 1)
            if marks[1][0] > 0 and marks[-1][0] <= last:  # first run from 0, last run to the end
                end, end_column = marks[-1]
                return (line, column - start, line, end_column + last - end + 1)
        elif at and (len(at) == 1 or (at[1][0] > 0 and at[-1][0] <= last)):
            start, line, column = at[0]
            end, end_line, end_column = at[-1]
            return (line, column - start, end_line, end_column + last - end + 1)
        line, column = self.position(0)
        end_line, end_column = self.position(last)
        return (line, column, end_line, end_column + 1)

    @staticmethod
    def cover(texts: Iterable[Located]) -> tuple[int, int, int, int] | None:
        """``ends()`` of the span from the earliest start to the latest end of ``texts`` (None:
        no text), read inline for a text of one run on one line (most of a table's lines)."""
        # (lines and columns compared as numbers, not as (line, column) pairs: a table's span
        # covers every one of its lines; the first text sets both ends: any start is before
        # ``_FAR``, any end after line 0)
        line = column = _FAR
        end_line = end_column = 0
        for loc in texts:
            at = loc._at
            if at and at[0].__class__ is int and len(at[1]) == 1:
                first_line, ((offset, first_column),) = at
                first_column -= offset
                last_line, last_column = first_line, first_column + (len(loc.text) or 1)
            else:
                first_line, first_column, last_line, last_column = loc.ends()
            if first_line < line or (first_line == line and first_column < column):
                line, column = first_line, first_column
            if last_line > end_line or (last_line == end_line and last_column > end_column):
                end_line, end_column = last_line, last_column
        return None if line == _FAR else (line, column, end_line, end_column)

    def shifted_anchors(self, offset: int) -> list[tuple[int, int, int]]:
        """The anchors with ``offset`` added to each one's offset (the text placed ``offset``
        characters into a longer one), made from the marks without spelling them out here."""
        at = self._at
        if at and at[0].__class__ is int:
            line, marks = at
            return [(offset + off, line, column) for off, column in marks]
        return [(offset + off, line, column) for off, line, column in at]

    @classmethod
    def concat(cls, parts: Sequence[Located], sep: str = "") -> Located:
        """The texts one after the other, ``sep`` between two (a separator's characters come from
        the character before them), every character keeping its origin: the anchors of each part
        shifted by where it starts (a paragraph's lines are mostly one run each: one anchor)."""
        anchors: list[tuple[int, int, int]] = []
        add = anchors.append
        offset = 0
        step = len(sep)
        for part in parts:
            at = part._at
            if at and at[0].__class__ is int:
                line, marks = at
                if len(marks) == 1:
                    ((off, column),) = marks
                    add((offset + off, line, column))
                else:
                    anchors += [(offset + off, line, column) for off, column in marks]
            else:
                anchors += [(offset + off, line, column) for off, line, column in at]
            offset += len(part.text) + step
        loc = _new(cls)
        _set_text(loc, sep.join(map(_TEXT, parts)))
        _set_at(loc, tuple(anchors))
        return loc

    def __eq__(self, other: object) -> bool:
        if other.__class__ is not self.__class__:
            return NotImplemented
        assert isinstance(other, Located)
        if self.text != other.text:
            return False
        if self._at == other._at:
            return True
        return self.anchors == other.anchors

    def __hash__(self) -> int:
        return hash((self.text, self.anchors))

    def __repr__(self) -> str:
        return f"Located(text={self.text!r}, anchors={self.anchors!r})"

    def __setattr__(self, name: str, value: object) -> None:
        raise FrozenInstanceError(f"cannot assign to field {name!r}")

    def __delattr__(self, name: str) -> None:
        raise FrozenInstanceError(f"cannot delete field {name!r}")

    def __reduce__(self) -> tuple[type[Located], tuple[str, tuple[tuple[int, int, int], ...]]]:
        return (Located, (self.text, self.anchors))


_new = object.__new__
_set_text = Located.__dict__["text"].__set__  # the slots' own setters (Located is frozen)
_set_at = Located.__dict__["_at"].__set__


# What a table cell holds. A lost cell (one the source never delivered) is no Cell at all: the
# row is marked incomplete and nothing is invented in its place.
NUMBER, BLANK, PLACEHOLDER, TEXT = "number", "blank", "placeholder", "text"
CELL_KINDS = (NUMBER, BLANK, PLACEHOLDER, TEXT)
AS_ZERO = frozenset((BLANK, PLACEHOLDER))  # the kinds the accounting identities count as 0


class Cell(NamedTuple):
    """A table value. ``value`` is None unless ``kind`` is ``number``: a blank cell (empty in a
    DOCX/HTML/PDF grid), a placeholder (``/``, ``-``, ``—``, ``无``) or text.

    Immutable, typed, compared and hashed by its fields like a frozen dataclass, but a named
    tuple, as the line values it is made from (:class:`disclint.parse.normalize.Value`): a report
    has a few hundred cells, and a tuple is made in one step where a dataclass fills its fields
    one by one (nothing copies cells with ``dataclasses.replace`` or reads their ``fields``)."""

    column: str | None  # template column key; None for the raw cells of an incomplete row
    value: Number | None
    raw: str
    span: Span
    unit: str | None = None
    kind: str = NUMBER

    @property
    def as_zero(self) -> bool:
        """Blank and placeholder cells count as 0 in the accounting identities."""
        return self.kind in AS_ZERO


@quick_init
@dataclass(frozen=True)
class Row:
    key: str | None  # template row key; None when the label matches no template row
    label: str  # label as written, fragments joined, numbering included
    label_span: Span
    cells: tuple[Cell, ...]  # keyed cells in column order; for an incomplete row, every raw value
    incomplete: bool = False
    expected_cells: int = 0
    group: str | None = None  # proactive sub-table key (a20_1 …); None elsewhere
    numbering: str | None = None  # numbering as written (e.g. "七、")
    expected_numbering: str | None = None  # numbering the template gives this row (e.g. "四、")
    template_label: str | None = None

    @property
    def span(self) -> Span:
        return self.cells[0].span.merge(self.cells[-1].span) if self.cells else self.label_span

    @property
    def line(self) -> int:
        """The line where the row's numbers are (first such line if they wrap)."""
        return self.cells[0].span.line if self.cells else self.label_span.line

    def cell(self, column: str) -> Cell | None:
        if self.incomplete:
            return None
        for c in self.cells:
            if c.column == column:
                return c
        return None

    def value(self, column: str) -> Number | None:
        c = self.cell(column)
        return None if c is None else c.value


@quick_init
@dataclass(frozen=True)
class FormatSignal:
    """Evidence that a table (or part of one) follows the 60 or the 30 template."""

    format: str  # "60" | "30"
    reason: str  # machine key, e.g. "a20_1.columns", "applications.other_rows"
    span: Span


@quick_init
@dataclass(frozen=True)
class Table:
    kind: str  # "proactive" | "applications" | "review_litigation"
    format: str | None  # "60" | "30"; None when undecided or not applicable (table 四)
    section: int | None  # number of the section the table is in
    rows: tuple[Row, ...]
    span: Span
    signals: tuple[FormatSignal, ...] = ()
    missing_rows: tuple[str, ...] = ()  # template row keys not found
    columns: tuple[str, ...] = ()  # template column keys (applications / review_litigation)

    def row(self, key: str) -> Row | None:
        """The first row with this template key (rules ask for rows by key again and again: the
        index is made once, kept in the instance's dict, which a frozen dataclass allows)."""
        index: dict[str | None, Row] | None = self.__dict__.get("_rows_by_key")
        if index is None:
            index = {}
            for r in self.rows:
                index.setdefault(r.key, r)
            self.__dict__["_rows_by_key"] = index
        return index.get(key)

    @property
    def formats(self) -> frozenset[str]:
        return frozenset(s.format for s in self.signals)


@quick_init
@dataclass(frozen=True)
class Heading:
    numbering: str  # as written: "一、", "（三）"
    title: str  # without numbering and trailing punctuation
    span: Span
    key: str | None = None  # standard key when recognised (sections, overview topics)


@quick_init
@dataclass(frozen=True)
class Paragraph:
    body: Located

    @property
    def text(self) -> str:
        return self.body.text

    @property
    def span(self) -> Span:
        return self.body.span


@quick_init
@dataclass(frozen=True)
class Section:
    number: int  # 1..6, from the numeral as written
    key: str | None  # overview | proactive | requests | review_litigation | problems | other
    title: str
    heading: Span
    span: Span  # heading to the last line of the section
    subheadings: tuple[Heading, ...] = ()
    paragraphs: tuple[Paragraph, ...] = ()
    tables: tuple[str, ...] = ()  # kinds of the tables inside

    @property
    def line(self) -> int:
        return self.heading.line

    @property
    def text(self) -> str:
        return "".join(p.text for p in self.paragraphs) + "".join(h.title for h in self.subheadings)

    @property
    def is_empty(self) -> bool:
        return not self.paragraphs and not self.subheadings and not self.tables


@quick_init
@dataclass(frozen=True)
class Contact:
    field: str  # address | postcode | phone | fax | email | website
    value: str  # normalized: spaces removed, dashes as "-", brackets dropped
    raw: str
    span: Span
    section: int  # 0 = preamble / title, 1..6 = section number
    via: str = "label"  # "label" (after 地址：…), "link" (a URL or mailto artefact), "bare"


@quick_init
@dataclass(frozen=True)
class FormatCitation:
    notice: str  # "60" | "30" | another number as written
    year: int
    text: str
    span: Span  # span of the number (``60号``), or of the notice's title when cited by title
    cited_by: str = "number"  # "number" | "lost-bracket" (〔202130号) | "title" (named, no number)


@quick_init
@dataclass(frozen=True)
class Period:
    start: date
    end: date
    text: str
    span: Span


@quick_init
@dataclass(frozen=True)
class DateMark:
    value: date
    text: str
    span: Span


@quick_init
@dataclass(frozen=True)
class YearMention:
    """A year used in the body as the report year (e.g. 现发布《…2024年…年度报告》)."""

    year: int
    context: str  # "title" | "preamble-title" | "portal-title" (the page's 名称 field) | "period"
    span: Span


@quick_init
@dataclass(frozen=True)
class Fact:
    """A fact about the report (organ, year …) with its evidence and how it was found."""

    value: str
    source: str  # title | chrome_metadata | preamble | period | contact | publisher | body
    confidence: float  # 0..1: how far a rule may rely on it
    span: Span  # the evidence in the original text
    text: str  # the evidence as written


@quick_init
@dataclass(frozen=True)
class ChromeLine:
    """Page chrome (breadcrumb, portal metadata block, buttons, date line …): noise, not content."""

    line: int
    kind: str  # breadcrumb | metadata | buttons | date | index-number | column | site-links | site-name
    text: str
    span: Span
    label: str | None = None  # metadata: the field name (名称, 发布机构 …)
    value: Located | None = None  # metadata: the field's value, in the original text


@quick_init
@dataclass(frozen=True)
class Metadata:
    """The report's identity and frame; every candidate kept, best first."""

    title: Located | None = None
    title_lines: tuple[int, ...] = ()
    organs: tuple[Fact, ...] = ()
    years: tuple[Fact, ...] = ()
    year_mentions: tuple[YearMention, ...] = ()
    period: Period | None = None
    report_date: DateMark | None = None
    citations: tuple[FormatCitation, ...] = ()
    chrome: tuple[ChromeLine, ...] = ()

    @property
    def organ(self) -> Fact | None:
        return self.organs[0] if self.organs else None

    @property
    def year(self) -> Fact | None:
        return self.years[0] if self.years else None

    @property
    def notice(self) -> FormatCitation | None:
        return self.citations[0] if self.citations else None

    @property
    def chrome_lines(self) -> frozenset[int]:
        return frozenset(c.line for c in self.chrome)


@quick_init
@dataclass(frozen=True)
class Noise:
    kind: str  # html-tag | mailto | markdown-bold | autolink | page-number
    text: str
    span: Span


@quick_init
@dataclass(frozen=True)
class Figure:
    """A number stated in prose, with what it counts."""

    quantity: str  # e.g. applications_received, carried_forward, review_cases, disclosed, count
    value: int
    unit: str  # 件 | 条 | 人 | …
    label: str  # the words naming it, e.g. 政府文件信息
    span: Span  # span of the number
    section: int


@quick_init
@dataclass(frozen=True)
class StatedSum:
    """A total stated in prose with its listed parts: ``64条，其中，A 2条，B 17条…``."""

    total: Figure
    parts: tuple[Figure, ...]
    complete: bool  # True when the wording presents the parts as a full partition (分别为 …)
    span: Span


@quick_init
@dataclass(frozen=True)
class Statement:
    """A qualitative claim about a quantity (e.g. 没有收到政府信息公开申请 ⇒ zero)."""

    quantity: str  # applications_received | review_litigation | review_cases | litigation_cases
    value: int  # the number it implies (0 for 没有/未)
    text: str
    span: Span
    section: int


@quick_init
@dataclass(frozen=True)
class ParseProblem:
    """Something the parser could not recover; rules report it (PAR002/PAR003) instead of guessing."""

    kind: str  # unrecognized-table | unmatched-row | parse-error | unreadable
    message: str
    span: Span
    table: str | None = None
    message_zh: str = ""  # the message in Chinese, where the producer has one (unreadable files)


@quick_init
@dataclass(frozen=True)
class Report:
    path: str
    source_kind: str  # text | docx | pdf | html
    lines: tuple[str, ...]  # the source line stream, for snippets
    title: Located | None = None
    title_lines: tuple[int, ...] = ()
    organ: str | None = None
    year: int | None = None
    year_mentions: tuple[YearMention, ...] = ()
    format_cited: FormatCitation | None = None
    format_citations: tuple[FormatCitation, ...] = ()
    period: Period | None = None
    date: DateMark | None = None
    contacts: tuple[Contact, ...] = ()
    contact_block: Span | None = None  # the paragraph holding the contact sentence
    preamble: tuple[Paragraph, ...] = ()
    sections: tuple[Section, ...] = ()
    tables: tuple[Table, ...] = ()
    figures: tuple[Figure, ...] = ()
    sums: tuple[StatedSum, ...] = ()
    statements: tuple[Statement, ...] = ()
    noise: tuple[Noise, ...] = ()
    metadata: Metadata | None = None
    problems: tuple[ParseProblem, ...] = ()
    natives: tuple[object, ...] = field(default=(), repr=False, compare=False)  # SourceLine per line
    grids: tuple[Grid, ...] = field(default=(), repr=False, compare=False)  # the reader's tables as grids

    def grid_cell(self, span: Span) -> tuple[Grid, GridCell] | None:
        """The grid and the grid cell where ``span`` starts, when a reader read it from a table
        (a table cell of the AST → its cell in the file: PDF page and box, DOCX/HTML cell)."""
        for grid in self.grids:
            cell = grid.cell_at(span.line, span.column)
            if cell is not None:
                return grid, cell
        return None

    def table(self, kind: str) -> Table | None:
        for t in self.tables:
            if t.kind == kind:
                return t
        return None

    def section(self, number: int) -> Section | None:
        for s in self.sections:
            if s.number == number:
                return s
        return None

    def contacts_of(self, field_name: str) -> tuple[Contact, ...]:
        return tuple(c for c in self.contacts if c.field == field_name)

    @property
    def table_format(self) -> str | None:
        """Format of the tables actually used: the format of table 二, else of table 三."""
        for kind in ("proactive", "applications"):
            t = self.table(kind)
            if t is not None and t.format is not None:
                return t.format
        return None
