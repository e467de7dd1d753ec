"""Table 三 in ``pdftotext -layout`` text with rows left empty: rows rebuilt from their labels.

In layout text a narrow label cell wraps over several lines, and the group labels merged over
rows (``三、本年度办理结果``, ``（三）不予公开``) are printed beside the row labels, a piece per line::

    二、上年结转政府信息公开申请
    数量
    三、本年 （一）予以公开
    度办理结
         （二）部分公开（区
    果
         分处理的，只计这一
         …
         （三）不 1.属于国
         予公开   家秘密

A row whose cells are all empty has no values line to anchor its label (:mod:`.layout` joins the
pieces wrapped below a row's values): its pieces were read as headings, label fragments of other
rows and stray tables. Character offsets drift with the count of CJK characters on a line, so
the pieces are placed by the template instead: in reading order, every piece must continue a
label already begun (the label's remaining text starts with it) or begin the next label of table
三 in template order, group labels included. When every piece from the first row label to the
end of the last row is so placed, each row becomes one line: its label, then the values of its
line with values, or — a row with no value at all — one blank per column (layout text drops no
glyph: a cell without a value there is empty). A row's values may also come a line each (a cell
per line, as docx2txt writes a DOCX), up to the seven a row has: more is a table written column
by column, which :mod:`.reading_order` sets aside. If one piece does not fit, the text is left
as it was. Only a table with at least one row without values is rebuilt: the others are the layout
:func:`.layout.join_wrapped_rows` joins.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cache

from .. import templates as tpl
from ..nodes import Located, Span
from .layout import relabelled, values_part
from .lexer import WIDTH, heading, is_proactive_label, proactive_labels
from .normalize import Line, blank_value, sub_located
from .tables import join_located

CELLS = WIDTH["A_VALUES"]  # value cells of a table-三 row
MAX_WRAP = 3  # lines a table-二 row label may wrap over
MAX_LINES = 400  # lines a table 三 may take (about 30 rows, a few lines each): no longer search
MAX_STARTS = 4  # places a table 三 is looked for (a report has one)
_PIECE = re.compile(r"\S+")
_FIRST_ROW = "本年新收"  # how the first row's label begins (folded): where a table 三 may start


@dataclass
class _Label:
    """A label of table 三 being read: a row's, or a group's printed beside its rows."""

    left: list[str]  # what remains to be read of each of its possible bare texts
    row: bool
    done: bool = False  # one of its texts is read in full
    pieces: list[tuple[Located, int, int]] = field(default_factory=list)  # (text, start, end)
    values: list[Line] = field(default_factory=list)  # the row's lines with values
    first_line: int = 0

    def takes(self, piece: str) -> bool:
        """``piece`` continues the label (a label may be done in a short variant, ``（二）部分公开``,
        and go on in a longer one)."""
        for rest in self.left:
            if rest.startswith(piece):
                return True
        return False

    def take(self, piece: str, located: tuple[Located, int, int], number: int) -> None:
        n = len(piece)
        left = [rest[n:] for rest in self.left if rest.startswith(piece)]
        self.done = self.done or "" in left
        self.left = [rest for rest in left if rest]
        if not self.pieces:
            self.first_line = number
        self.pieces.append(located)


def rebuild_blank_rows(lines: list[Line]) -> list[Line]:
    """``lines`` with a table 三 whose empty rows only show their labels rebuilt (see above)."""
    for start in _starts(lines):
        if _fewer_values_than_rows(lines, start):
            rows, end = _placed(lines, start)
            return _rebuilt(lines, start, rows, end) if any(not r.values for r in rows) else lines
    return lines


def place_wrapped_rows(lines: list[Line]) -> list[Line] | None:
    """``lines`` with every row of table 三 rebuilt from its pieces, or None when the pieces do not
    all fit. For text whose table 三 the usual path breaks up (the pipeline asks only then): a
    narrow label cell wrapped beside the group labels with single spaces between the columns
    (``度办理结 （二）部分公开（区 0 0 0 0 0 0 0`` / ``果 分处理的，只计这一``, as pdfplumber and
    other extractors write it) has no character offsets to join it by."""
    for start in _starts(lines):
        rows, end = _placed(lines, start)
        if rows:
            return _rebuilt(lines, start, rows, end)
    return None


def _rebuilt(lines: list[Line], start: int, rows: list[_Label], end: int) -> list[Line]:
    """``lines`` with ``lines[start:end]`` (the table's rows) made one line per row."""
    return [*lines[:start], *(_row_line(r) for r in rows), *lines[end:]]


def _starts(lines: list[Line]) -> list[int]:
    """Where a table 三 may start: lines whose first word begins table 三's first row label
    (``一、本年新收政府信息公开申请``), at most :data:`MAX_STARTS` of them (a report has one table
    三: the work stays linear in the input whatever a document repeats)."""
    first = _sequence("30")[0][0]
    found: list[int] = []
    for k, line in enumerate(lines):
        if _FIRST_ROW in line.key and not line.tabbed:
            words = line.clean.text.split(maxsplit=1)
            piece = tpl.bare(words[0]) if words else ""
            if piece and any(o.startswith(piece) for o in first):
                found.append(k)
                if len(found) == MAX_STARTS:
                    break
    return found


def _placed(lines: list[Line], start: int) -> tuple[list[_Label], int]:
    """The rows placed in either format (none: they fit neither) and the index after them."""
    for fmt in ("30", "60"):
        placed = _place(lines, start, fmt)
        if placed is not None:
            return placed
    return [], start


def _fewer_values_than_rows(lines: list[Line], start: int) -> bool:
    """Up to the next section heading, fewer lines hold values than table 三 has rows: some row
    has none (a quick look: most tables have a values line for every row, and are left alone)."""
    least = min(_row_count("30"), _row_count("60"))
    with_values = 0
    for line in lines[start : start + MAX_LINES]:
        if line.values:
            with_values += 1
            if with_values >= least:
                return False
        elif heading(line) is not None:
            break
    return True


@cache
def _row_count(fmt: str) -> int:
    return sum(1 for _texts, row in _sequence(fmt) if row)


@cache
def _sequence(fmt: str) -> tuple[tuple[tuple[str, ...], bool], ...]:
    """The labels of table 三 in the format ``fmt``, in reading order: each group label right
    before its first row (the outcome group before the groups inside it); each with its bare
    texts, with and without numbering."""
    t = tpl.applications()
    groups = {g.key: g for g in t.groups}
    out: list[tuple[tuple[str, ...], bool]] = []
    opened: set[str] = set()

    def texts(numbering: str | None, labels: tuple[str, ...]) -> tuple[str, ...]:
        found = [tpl.bare(f"{numbering or ''}{label}") for label in labels]
        found += [tpl.bare(label) for label in labels]
        return tuple(dict.fromkeys(t for t in found if t))

    for row in t.rows:
        if fmt not in row.formats:
            continue
        chain = [] if row.group is None else [row.group]
        if chain and chain[0] != "outcome" and "outcome" in groups:
            chain.insert(0, "outcome")
        for key in chain:
            if key not in opened and key in groups:
                opened.add(key)
                out.append((texts(groups[key].numbering, (groups[key].label,)), False))
        out.append((texts(row.numbering, (row.label, *row.variants)), True))
    return tuple(out)


def _place(lines: list[Line], start: int, fmt: str) -> tuple[list[_Label], int] | None:
    """The rows of the table 三 whose first row label begins line ``start``, every piece placed,
    and the index of the line after it; None when a piece fits nowhere."""
    sequence = _sequence(fmt)
    reading: list[_Label] = []  # begun and with text left to read
    rows: list[_Label] = []  # the rows begun, in order
    nxt = 0  # the next label of ``sequence`` to begin
    rows_total = _row_count(fmt)
    for index in range(start, min(len(lines), start + MAX_LINES)):
        line = lines[index]
        text = line.label if line.values else line.clean
        touched: _Label | None = None  # the row a piece of this line went to
        if text is not None:
            for m in _PIECE.finditer(text.text):
                piece = tpl.bare(m.group())
                if not piece:
                    continue  # punctuation alone: goes with the label it follows
                label = next((lb for lb in reading if lb.takes(piece)), None)
                if label is None:
                    label, nxt, piece = _begin(sequence, nxt, rows, piece, m.group())
                    if label is None:
                        return None
                    reading.append(label)
                    if label.row:
                        rows.append(label)
                label.take(piece, (text, m.start(), m.end()), line.number)
                if not label.left:
                    reading.remove(label)
                if label.row:
                    touched = label
        if line.values:  # the row a piece of the line went to, else the last row begun
            row = touched or (rows[-1] if rows else None)
            if row is None or (row.values and line.label is not None):
                return None  # (a row's later values may come a line each: one cell per line)
            row.values.append(line)
            if len(row.values) > 1 and sum(len(ln.values) for ln in row.values) > CELLS:
                return None  # more values than a row has cells: not this row's (a table
                # written column by column: parse/reading_order.py)
        if len(rows) == rows_total and rows[-1].done and all(r.done for r in rows):
            return rows, index + 1
    return None


def _begin(
    sequence: tuple[tuple[tuple[str, ...], bool], ...],
    nxt: int,
    rows: list[_Label],
    piece: str,
    written: str,
) -> tuple[_Label | None, int, str]:
    """The label ``piece`` (bare; ``written``: as written) begins, and the part of the piece it
    takes: the next label of ``sequence``, or a later one when only group labels (which a table
    may leave out) lie between; a row begins only after the rows before it are complete. A
    misnumbered label (``七、结转下年度继续办理``) begins its label by the text after its numbering."""
    numbering, rest = tpl.split_numbering(tpl.fold(written))
    tries = [piece] if numbering is None else [piece, tpl.bare(rest)]
    for k in range(nxt, len(sequence)):
        options, row = sequence[k]
        taken = next((t for t in tries if t and any(o.startswith(t) for o in options)), None)
        if taken is not None:
            if row and not all(r.done for r in rows):
                return None, nxt, piece
            return _Label(list(options), row), k + 1, taken
        if row:
            break  # a row is never skipped
    return None, nxt, piece


def _row_line(row: _Label) -> Line:
    label = join_located([sub_located(text, a, b) for text, a, b in row.pieces])
    if row.values:
        values_line = row.values[0]
        prose = join_located([label, join_located([values_part(ln) for ln in row.values], " ")])
        return Line(  # (clean: the joined text, so that no later pass joins its label again)
            values_line.number,
            values_line.raw,
            prose,
            prose,
            tpl.fold(prose.text),
            False,
            tuple(v for ln in row.values for v in ln.values),
            label,
        )
    span = label.span
    where = Span(span.end_line, span.end_column, span.end_line, span.end_column + 1)
    blanks = tuple(blank_value(where) for _ in range(CELLS))
    clean = join_located([label, *(Located("", ()) for _ in range(CELLS))], "\t")
    return Line(row.first_line, label.text, clean, clean, tpl.fold(clean.text), True, blanks, label)


def join_bare_labels(lines: list[Line]) -> list[Line]:
    """``lines`` with each table-二 row label wrapped over lines of its own joined: a label with
    no values after it (``其他对外管理服务事`` / ``项``, a row left empty in layout text) becomes
    one line, which the lexer reads as that row without values; a label whose first line holds
    the row's values (``其他对外管理服务事   5`` / ``项``: one value, too few for
    :func:`.layout.join_wrapped_rows`) takes the pieces below it, and so does a values line
    between two pieces (``其他对外管理服务事`` / ``0  0  0`` / ``项``: a cell centred vertically). A
    label whose values come on a line after it is left to the grammar, which joins the pieces
    before them."""
    firsts = _label_firsts()  # (a quick look first: a table-二 label begins with one of a few characters)
    runs: dict[int, list[Line]] = {}
    skip_to = 0
    for i in [k for k, line in enumerate(lines) if line.key[:1] in firsts]:
        if i < skip_to:
            continue
        line = lines[i]
        first = line.label if line.values else line.clean
        if first is not None and len(first.text) < 24 and (run := _wrapped_label(lines, i)) is not None:
            runs[i] = run
            skip_to = i + len(run)
    if not runs:
        return lines
    out: list[Line] = []
    i = 0
    while i < len(lines):
        line = lines[i]
        run = runs.get(i)
        if run is None:
            out.append(line)
            i += 1
            continue
        first = line.label if line.values else line.clean
        assert first is not None
        label = join_located([first, *(ln.clean for ln in run[1:] if not ln.values)])
        middle = next((ln for ln in run[1:] if ln.values), None)  # values between the pieces
        if line.values or middle is not None:
            out.append(relabelled(middle or line, label))
        else:
            out.append(Line(line.number, line.raw, label, label, tpl.fold(label.text), False, (), label))
        i += len(run)
    return out


def _wrapped_label(lines: list[Line], i: int) -> list[Line] | None:
    """The lines from ``i`` whose labels make a table-二 row label together and not alone (the
    first may hold the row's values, the others hold none; when the first holds none, no values
    line comes right after them); else None."""
    first = lines[i]
    text = tpl.bare(first.label.text if first.values and first.label is not None else first.key)
    if text not in _label_starts():
        return None
    middle = False  # the row's values line came between two pieces (a cell centred vertically)
    for k in range(i + 1, min(i + MAX_WRAP + 1, len(lines))):
        line = lines[k]
        if line.number != lines[k - 1].number + 1 or (k == i + MAX_WRAP and not middle):
            return None  # (a values line between the pieces takes a line of its own)
        if line.values:
            if middle or first.values or not line.is_values:
                return None
            middle = True
            continue
        text += tpl.bare(line.key)
        if is_proactive_label(text):
            after = lines[k + 1] if k + 1 < len(lines) else None
            waiting = not first.values and not middle and after is not None and after.is_values
            return None if waiting else lines[i : k + 1]
        if text not in _label_starts():
            return None
    return None


@cache
def _label_firsts() -> frozenset[str]:
    return frozenset(label[0] for label in proactive_labels() if label)


@cache
def _label_starts() -> frozenset[str]:
    """Every beginning of a table-二 row label that is not the whole label."""
    return frozenset(label[:n] for label in proactive_labels() for n in range(1, len(label)))
