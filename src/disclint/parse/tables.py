"""Build the three tables of the AST from their parse subtrees and the templates.

The grammar has already grouped the lines into a header block and rows (label fragments, the
values line, wrapped values). Here each row's label is matched to a template row *by its text*
(never by position), the table's format (60 or 30) is read off its labels and recorded with the
evidence, and values are put under the template's column keys. A row whose number of values does
not fit the template is kept with all its raw values and marked ``incomplete``: never shifted into
other columns, never padded.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from operator import attrgetter
from typing import NamedTuple

from .. import templates as tpl
from ..domain import vocabulary
from ..memo import Memo
from ..nodes import Cell, FormatSignal, Located, ParseProblem, Row, Span, Table
from .align import fit_columns, place_rows
from .lexer import ARTICLE_RE
from .normalize import Line, Value, sub_located

_new = tuple.__new__  # (a named tuple's own ``__new__`` without its argument handling)
_CLEAN = attrgetter("clean")


class RawRow(NamedTuple):
    """A row as the grammar delivered it: label fragments and the lines holding its values.
    Made by :meth:`of`, which joins the label and gathers the values once (a named tuple, made
    in one step: a row of every table of every report)."""

    labels: tuple[Line, ...]  # fragment lines before the values line
    values_line: Line | None  # the line with the (first) values; None when they never came
    cont: tuple[Line, ...]  # wrapped values
    label: Located | None  # the fragments and the values line's label, joined
    values: tuple[Value, ...]  # the values line's values, then the wrapped ones
    lines: tuple[Line, ...]  # every line of the row, in order

    @classmethod
    def of(cls, labels: tuple[Line, ...], values_line: Line | None, cont: tuple[Line, ...] = ()) -> RawRow:
        if values_line is not None and not labels and not cont:  # a row on one line: most rows
            label = values_line.label
            return _new(
                cls,
                (
                    labels,
                    values_line,
                    cont,
                    # (join_located of the one part: the label as it is, unless spaces are around it)
                    label if label is None or (t := label.text) == t.strip() else strip_located(label),
                    values_line.values,
                    (values_line,),
                ),
            )
        parts = [f.prose for f in labels]
        if values_line is None:
            values: tuple[Value, ...] = ()
            lines = labels + cont
        else:
            if values_line.label is not None:
                parts.append(values_line.label)
            values = values_line.values
            lines = (*labels, values_line, *cont)
        for c in cont:
            values += c.values
        return _new(cls, (labels, values_line, cont, join_located(parts) if parts else None, values, lines))


def strip_located(part: Located) -> Located:
    text = part.text
    a, b = len(text) - len(text.lstrip()), len(text.rstrip())
    return sub_located(part, a, b) if (a or b < len(text)) else part


def join_located(parts: Sequence[Located], sep: str = "") -> Located:
    """Concatenate located pieces (each stripped), ``sep`` between two, keeping every character's
    origin (a separator's is the character's before it)."""
    if len(parts) == 1:
        return strip_located(parts[0])  # the same text and anchors as joined alone
    stripped = [part if (t := part.text) == t.strip() else strip_located(part) for part in parts]
    return Located.concat(stripped, sep)


def _cells(values: Sequence[Value], columns: Sequence[tpl.Column] | None) -> tuple[Cell, ...]:
    """A Cell per value, under its column's key (``columns`` None: under none). Each is made as
    ``Cell(key, v.number, v.raw, v.span, v.unit, v.kind)``, straight from the value's own fields
    (both are named tuples: a cell per value of every table row)."""
    if columns is None:
        return tuple(
            [_new(Cell, (None, number, raw, span, unit, kind)) for raw, number, unit, span, kind in values]
        )
    return tuple(
        [
            _new(Cell, (c.key, number, raw, span, unit, kind))
            for c, (raw, number, unit, span, kind) in zip(columns, values, strict=True)
        ]
    )


def _label_span(raw: RawRow) -> Span:
    label = raw.label
    if label is not None and label.text.strip():
        return label.span
    return raw.lines[0].clean.span


def _row(
    raw: RawRow,
    match: tpl.Match | None,
    columns: Sequence[tpl.Column],
    group: str | None = None,
    label_span: Span | None = None,
) -> Row:
    label = raw.label
    width = len(columns)
    values = raw.values
    if len(values) > width:  # (``fit_columns`` keeps values that fit as they are)
        values = fit_columns(values, width)
    complete = len(values) == width
    if match is None:
        key = numbering = expected_numbering = template_label = None
    else:
        template = match.row
        key, numbering = template.key, match.numbering
        expected_numbering, template_label = template.numbering, template.label
    text = label.text.strip() if label else ""
    if label_span is None:  # ``_label_span(raw)``, the label's text stripped once
        label_span = label.span if label is not None and text else raw.lines[0].clean.span
    return Row(
        key,
        text,
        label_span,
        _cells(values, columns if complete else None),
        not complete,
        width,
        group,
        numbering,
        expected_numbering,
        template_label,
    )


def _span(lines: Sequence[Line]) -> Span:
    """``merge_spans`` of the lines' clean spans, without making a Span per line."""
    ends = Located.cover(list(map(_CLEAN, lines)))  # (each line's clean text read in C)
    return Span(1, 1, 1, 1) if ends is None else Span(*ends)


@lru_cache(maxsize=8192)
def _match_application_row(label: str, candidates: tuple[int, ...], fuzzy: bool) -> tpl.Match | None:
    """Template row of table 三 for a label, among the rows at ``candidates`` (labels recur in
    every report of a batch, so the answer is kept)."""
    return tpl.match_row(label, _rows_at(candidates), tpl.applications().groups, fuzzy=fuzzy)


def _rows_at(candidates: tuple[int, ...]) -> tuple[tpl.RowTemplate, ...]:
    """The rows of table 三 at ``candidates``, each once, in template order (every row has a key
    of its own: test_domain checks the templates)."""
    rows = tpl.applications().rows
    return tuple([rows[i] for i in sorted(set(candidates))])


def _application_matches(labels: tuple[str, ...]) -> tuple[tpl.Match | None, ...]:
    """The template row each row label of a table 三 goes on (None: none), by :func:`place_rows`.
    A pure function of the labels, which most reports share (the template's own): kept."""
    found = _PLACEMENTS.get(labels)
    if found is not None:
        return found
    t = tpl.applications()
    at_of = {id(r): i for i, r in enumerate(t.rows)}
    matches: dict[tuple[str, int], tpl.Match] = {}

    def match_at(label: str, candidates: tuple[int, ...], fuzzy: bool) -> tuple[int, float] | None:
        hit = _match_application_row(label, candidates, fuzzy)
        if hit is None:
            return None
        at = at_of[id(hit.row)]  # the one candidate that is this row
        matches[(label, at)] = hit
        return at, hit.score

    placed = place_rows(labels, len(t.rows), match_at)
    return _PLACEMENTS.put(
        labels,
        tuple(
            None if at is None else matches.get((label, at), tpl.Match(t.rows[at], 0.0, None))
            for label, at in zip(labels, placed.index, strict=True)
        ),
    )


_PLACEMENTS: Memo[tuple[str, ...], tuple[tpl.Match | None, ...]] = Memo(1024)


def build_applications(
    head: Sequence[Line], rows: Sequence[RawRow], section: int | None
) -> tuple[Table, list[ParseProblem]]:
    t = tpl.applications()
    problems: list[ParseProblem] = []
    built: list[Row] = []
    seen: set[str] = set()
    labels = tuple(raw.label.text if raw.label else "" for raw in rows)
    for raw, label, match in zip(rows, labels, _application_matches(labels), strict=True):
        if match is not None:
            seen.add(match.row.key)
        else:
            problems.append(
                ParseProblem(
                    "unmatched-row",
                    f"row label {label.strip()!r} matches no row of the table template",
                    _label_span(raw),
                    "applications",
                    message_zh=f"行标签“{label.strip()}”与表格模板的任何一行都不对应",
                )
            )
        built.append(_row(raw, match, t.columns))
    signals: list[FormatSignal] = []
    for r in built:
        if r.key in ("other_no_correction", "other_fee_unpaid", "other_other"):
            signals.append(FormatSignal("30", "applications.other_subrows", r.label_span))
        elif r.key == "other":
            signals.append(FormatSignal("60", "applications.other_row", r.label_span))
    fmt = _majority(signals)
    expected = t.rows_for(fmt) if fmt else tuple(r for r in t.rows if len(r.formats) == 2)
    missing = tuple(r.key for r in expected if r.key not in seen)
    span = _span([*head, *[ln for raw in rows for ln in raw.lines]])
    table = Table(
        kind="applications",
        format=fmt,
        section=section,
        rows=tuple(built),
        span=span,
        signals=tuple(signals),
        missing_rows=missing,
        columns=tuple(c.key for c in t.columns),
    )
    return table, problems


def build_review(head: Sequence[Line], values_lines: Sequence[Line], section: int | None) -> Table:
    t = tpl.review_litigation()
    values = [v for ln in values_lines for v in ln.values]
    width = len(t.columns)
    rows: list[Row] = []
    # (each part's span made once: the header is a line per column label, some thirty lines)
    head_span, values_span = _span(head), _span(values_lines)
    label_span = head_span if head else values_span
    if values and len(values) == width * len(t.groups):
        for i, g in enumerate(t.groups):
            chunk = values[i * width : (i + 1) * width]
            rows.append(
                Row(
                    key=g.key,
                    label=g.label,
                    label_span=label_span,
                    cells=_cells(chunk, t.columns),
                    expected_cells=width,
                    template_label=g.label,
                )
            )
    elif values or any(t.groups[0].label in ln.key for ln in head):
        # (a header naming the table without a values line: the values left empty, or lost)
        rows.append(
            Row(
                key=None,
                label="行政复议、行政诉讼",
                label_span=label_span,
                cells=_cells(values, None),
                incomplete=True,
                expected_cells=width * len(t.groups),
            )
        )
    missing = tuple(g.key for g in t.groups) if not rows else ()
    return Table(
        kind="review_litigation",
        format=None,
        section=section,
        rows=tuple(rows),
        span=head_span.merge(values_span) if head and values_lines else label_span,  # _span of all
        missing_rows=missing,
        columns=tuple(c.key for c in t.columns),
    )


@dataclass(frozen=True)
class RawSubTable:
    article: Line | None
    head: tuple[Line, ...]
    rows: tuple[RawRow, ...]

    @property
    def lines_before_rows(self) -> tuple[Line, ...]:
        return ((self.article,) if self.article is not None else ()) + self.head


def _subtable_for(sub: RawSubTable) -> tpl.SubTable | None:
    t = tpl.proactive()
    if sub.article is not None:
        m = ARTICLE_RE.match(sub.article.key)
        if m:
            key = vocabulary.subtable_key(m.group(1))
            for s in t.subtables:
                if s.key == key:
                    return s
    for raw in sub.rows:
        core = tpl.bare(raw.label.text) if raw.label else ""
        for s in t.subtables:
            for _cols, rows in s.formats.values():
                if any(core in r.cores for r in rows):
                    return s
    return None


@lru_cache(maxsize=1024)
def _header_format(subtable: str, head: str) -> str | None:
    """The format whose column labels sub-table ``subtable``'s header text ``head`` names best
    (None: no one format); headers recur in every report of a batch, so the answer is kept."""
    spec = next(s for s in tpl.proactive().subtables if s.key == subtable)
    head = tpl.bare(head)
    scores = {}
    for fmt, (cols, _rows) in spec.formats.items():
        # characters of the column labels found in the header: 本年处理决定数量 (30) outweighs
        # the 处理决定数量 (60) inside it
        scores[fmt] = sum(
            len(tpl.bare(c.label)) for c in cols if tpl.bare(c.label) and tpl.bare(c.label) in head
        )
    best = max(scores.values(), default=0)
    winners = [f for f, s in scores.items() if s == best]
    return winners[0] if best > 0 and len(winners) == 1 else None


def _subtable_format(spec: tpl.SubTable, sub: RawSubTable) -> tuple[str | None, FormatSignal | None]:
    by_header = _header_format(spec.key, "".join(h.prose.text for h in sub.head))
    if by_header is not None:
        return by_header, FormatSignal(by_header, f"{spec.key}.columns", _span(sub.head))
    # the row labels: 规范性文件 (60) / 行政规范性文件 (30), 其他对外管理服务事项 (60 only)
    for raw in sub.rows:
        core = tpl.bare(raw.label.text) if raw.label else ""
        owners = [f for f, (_c, rows) in spec.formats.items() if any(core == r.cores[0] for r in rows)]
        if len(owners) == 1:
            return owners[0], FormatSignal(owners[0], f"{spec.key}.rows", _label_span(raw))
    # the number of values per row
    for raw in sub.rows:
        owners = [
            f
            for f, (cols, _r) in spec.formats.items()
            if len(fit_columns(raw.values, len(cols))) == len(cols)
        ]
        if len(owners) == 1:
            return owners[0], FormatSignal(owners[0], f"{spec.key}.values", raw.lines[-1].clean.span)
    if len(spec.formats) == 1:
        only = next(iter(spec.formats))
        return only, FormatSignal(only, f"{spec.key}.present", _span(sub.lines_before_rows))
    return None, None


@lru_cache(maxsize=4096)
def _match_proactive_row(label: str, subtable: str, fmt: str | None) -> tpl.Match | None:
    """Template row of sub-table ``subtable`` of table 二 for a label: among the rows of format
    ``fmt`` (the sub-table's first format when it has no such one), else among all its rows
    (labels recur in every report of a batch, so the answer is kept)."""
    spec = next(s for s in tpl.proactive().subtables if s.key == subtable)
    _columns, templ_rows = spec.formats.get(fmt or "", next(iter(spec.formats.values())))
    all_rows = tuple({r.key: r for _c, rs in spec.formats.values() for r in rs}.values())
    return tpl.match_row(label, templ_rows, ()) or tpl.match_row(label, all_rows, ())


def build_proactive(subs: Sequence[RawSubTable], section: int | None) -> tuple[Table, list[ParseProblem]]:
    t = tpl.proactive()
    problems: list[ParseProblem] = []
    rows: list[Row] = []
    signals: list[FormatSignal] = []
    found: set[str] = set()
    formats_seen: dict[str, str] = {}
    all_lines: list[Line] = []
    for sub in subs:
        all_lines.extend(sub.lines_before_rows)
        for raw in sub.rows:
            all_lines.extend(raw.lines)
        spec = _subtable_for(sub)
        if spec is None:
            span = _span(sub.lines_before_rows) if (sub.article or sub.head) else Span(1, 1, 1, 1)
            problems.append(
                ParseProblem(
                    "unrecognized-table",
                    "a part of table 二 matches no sub-table of the template",
                    span,
                    "proactive",
                    message_zh="表二的一部分与模板的任何子表都不对应",
                )
            )
            continue
        fmt, signal = _subtable_format(spec, sub)
        if signal is not None:
            signals.append(signal)
        if fmt is not None:
            formats_seen[spec.key] = fmt
        columns, _rows = spec.formats.get(fmt or "", next(iter(spec.formats.values())))
        for raw in sub.rows:
            label = raw.label.text if raw.label else ""
            match = _match_proactive_row(label, spec.key, fmt)
            if match is None:
                problems.append(
                    ParseProblem(
                        "unmatched-row",
                        f"row label {label.strip()!r} matches no row of sub-table {spec.article}",
                        _label_span(raw),
                        "proactive",
                        message_zh=f"行标签“{label.strip()}”与{spec.article}子表的任何一行都不对应",
                    )
                )
            else:
                found.add(match.row.key)
            rows.append(_row(raw, match, columns, group=spec.key))
    fmt = _majority(signals)
    missing: list[str] = []
    for spec in t.subtables:
        sub_fmt = formats_seen.get(spec.key, fmt)
        if sub_fmt not in spec.formats:
            continue
        missing.extend(r.key for r in spec.formats[sub_fmt][1] if r.key not in found)
    table = Table(
        kind="proactive",
        format=fmt,
        section=section,
        rows=tuple(rows),
        span=_span(all_lines),
        signals=tuple(signals),
        missing_rows=tuple(missing),
    )
    return table, problems


def _majority(signals: Sequence[FormatSignal]) -> str | None:
    if not signals:
        return None
    counts = Counter(s.format for s in signals)
    (top, n), *rest = counts.most_common()
    if rest and rest[0][1] == n:
        return signals[0].format
    return top
