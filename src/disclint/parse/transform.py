"""The Lark parse tree → the structural part of the AST (title, preamble, sections, tables)."""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache
from operator import attrgetter

from lark import Token, Tree

from .. import templates as tpl
from ..domain import dates, numerals
from ..nodes import DateMark, Heading, Located, Paragraph, ParseProblem, Section, Span, Table
from .lexer import H2_RE, heading
from .normalize import Line, sub_located
from .tables import (
    RawRow,
    RawSubTable,
    build_applications,
    build_proactive,
    build_review,
    join_located,
)


@dataclass
class Structure:
    title: Located | None = None
    title_lines: tuple[int, ...] = ()
    preamble: list[Paragraph] = field(default_factory=list)
    sections: list[Section] = field(default_factory=list)
    tables: list[Table] = field(default_factory=list)
    dates: list[DateMark] = field(default_factory=list)
    problems: list[ParseProblem] = field(default_factory=list)


class Builder:
    def __init__(self, by_number: dict[int, Line]):
        self.lines = by_number
        self.out = Structure()

    def line(self, tok: Token) -> Line:
        return self.lines[tok.line]  # type: ignore[index]

    def build(self, tree: Tree) -> Structure:
        for child in tree.children:
            if not isinstance(child, Tree):
                continue
            if child.data == "title":
                lines = [self.line(t) for t in child.children if isinstance(t, Token)]
                self.out.title = join_located([ln.prose for ln in lines])
                self.out.title_lines = tuple(ln.number for ln in lines)
            elif child.data == "preamble":
                paras, _subs, _tables = self.blocks(child.children, None)
                self.out.preamble.extend(paras)
            elif child.data == "section":
                self.section(child)
        return self.out

    def section(self, tree: Tree) -> None:
        head = tree.children[0]
        assert isinstance(head, Token)
        line = self.line(head)
        found = heading(line)
        assert found is not None
        numeral, title, template = found
        number = numerals.value(numeral) or 0
        paras, subs, tables = self.blocks(tree.children[1:], number)
        spans = [line.clean.span, *(h.span for h in subs)]
        spans += [t.span for t in self.out.tables if t.kind in tables and t.section == number]
        self.out.sections.append(
            Section(
                number=number,
                key=template.key,
                title=title.rstrip("。. "),
                heading=line.prose.span,
                span=_merged(spans, [p.body for p in paras]),
                subheadings=tuple(subs),
                paragraphs=tuple(paras),
                tables=tuple(tables),
            )
        )

    def blocks(self, children: list, section: int | None) -> tuple[list[Paragraph], list[Heading], list[str]]:
        paras: list[Paragraph] = []
        subs: list[Heading] = []
        tables: list[str] = []
        carry: Located | None = None  # text running on after a sub-heading: "（一）主动公开。2024年…"
        lines = self.lines  # (``self.line`` inline for a paragraph's lines)
        for child in children:
            if not isinstance(child, Tree):
                continue
            if child.data == "para":
                parts = [lines[t.line].prose for t in child.children if isinstance(t, Token)]  # type: ignore[index]
                if carry is not None:
                    parts.insert(0, carry)
                    carry = None
                paras.append(Paragraph(join_located(parts)))
            elif child.data == "subheading":
                h, carry_text = self.subheading(lines[child.children[0].line])  # type: ignore[union-attr]
                subs.append(h)
                if carry is not None:
                    paras.append(Paragraph(carry))
                carry = carry_text
            elif child.data == "dateline":
                line = lines[child.children[0].line]  # type: ignore[union-attr]
                day = dates.parse_date(line.key)
                if day is not None:
                    self.out.dates.append(DateMark(day, line.prose.text.strip(), line.prose.span))
                if carry is not None:
                    paras.append(Paragraph(carry))
                    carry = None
            elif child.data == "table":
                table = self.table(child.children[0], section)
                if table is not None:
                    self.out.tables.append(table)
                    tables.append(table.kind)
        if carry is not None:
            paras.append(Paragraph(carry))
        return paras, subs, tables

    def subheading(self, line: Line) -> tuple[Heading, Located | None]:
        text = line.prose.text
        m = H2_RE.match(text)
        assert m is not None
        numbering = f"（{m.group(1)}）"
        rest_start = m.start(2)
        body = text[rest_start:]
        stop = body.find("。")
        carry = None
        if 0 <= stop < len(body) - 1:
            title = body[:stop].strip()
            carry = sub_located(line.prose, rest_start + stop + 1, len(text))
        else:
            title = body.strip().rstrip("。")
        return Heading(numbering, title, line.prose.span, _topic_key(title)), carry

    def table(self, tree: Tree, section: int | None) -> Table | None:
        kind = tree.data
        lines = self.lines  # (``self.line`` inline: a header of a line per column label)
        if kind == "applications_table":
            head = [lines[t.line] for t in tree.children if isinstance(t, Token)]  # type: ignore[index]
            rows = [self.raw_row(r) for r in tree.children if isinstance(r, Tree)]
            table, problems = build_applications(head, rows, section)
            self.out.problems.extend(problems)
            return table
        if kind == "review_table":
            words: list[Line] = []
            values: list[Line] = []
            for t in tree.children:
                if isinstance(t, Token):
                    (words if t.type == "R_HEAD" else values).append(lines[t.line])  # type: ignore[index]
            return build_review(words, values, section)
        if kind == "proactive_table":
            subs = []
            for sub in tree.children:
                if not isinstance(sub, Tree):
                    continue
                toks = [t for t in sub.children if isinstance(t, Token)]
                article = next((self.line(t) for t in toks if t.type == "ARTICLE"), None)
                sub_head = tuple([lines[t.line] for t in toks if t.type == "P_HEAD"])  # type: ignore[index]
                sub_rows = tuple(self.raw_row(r) for r in sub.children if isinstance(r, Tree))
                subs.append(RawSubTable(article, sub_head, sub_rows))
            table, problems = build_proactive(subs, section)
            self.out.problems.extend(problems)
            return table
        return None

    def raw_row(self, tree: Tree) -> RawRow:
        lines = self.lines  # (``self.line`` inline: a row per line of every table)
        children = tree.children
        if len(children) == 1:  # a row on one line (its label and values, or values only): most rows
            (child,) = children
            if isinstance(child, Token) and child.type != "P_BARE":
                return RawRow.of((), lines[child.line])  # type: ignore[index]
        labels: list[Line] = []
        values: Line | None = None
        cont: list[Line] = []
        for child in children:
            if isinstance(child, Tree):  # a_labels / p_labels
                labels += [lines[t.line] for t in child.children if isinstance(t, Token)]  # type: ignore[index]
            elif isinstance(child, Token):
                if child.type == "CONT":
                    cont.append(lines[child.line])  # type: ignore[index]
                elif child.type == "P_BARE":  # the row's whole label, and no values
                    labels.append(lines[child.line])  # type: ignore[index]
                else:
                    values = lines[child.line]  # type: ignore[index]
        return RawRow.of(tuple(labels), values, tuple(cont))


@lru_cache(maxsize=1024)
def _topic_key(title: str) -> str | None:
    """The overview topic a sub-heading's title names (None: none); titles recur in every report
    of a batch, so the answer is kept."""
    core = tpl.bare(title)
    for topic in tpl.overview_topics():
        if any(w in core for w in topic.words):
            return topic.key
    return None


def _merged(spans: list[Span], bodies: list[Located]) -> Span:
    """``merge_spans`` of ``spans`` (at least one) and of the bodies' spans, without making a
    Span per body."""
    start = min((s.line, s.column) for s in spans)
    end = max((s.end_line, s.end_column) for s in spans)
    ends = Located.cover(bodies)
    if ends is not None:
        start = min(start, ends[:2])
        end = max(end, ends[2:])
    return Span(start[0], start[1], end[0], end[1])


def build_structure(tree: Tree, lines: list[Line]) -> Structure:
    return Builder(dict(zip(map(_NUMBER, lines), lines, strict=True))).build(tree)  # each line by its number


_NUMBER = attrgetter("number")
