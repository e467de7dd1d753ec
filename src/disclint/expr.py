"""The identity expression language of rule packs (grammar/expr.lark): parse, check, evaluate.

``compile_expression(text)`` parses an identity such as
``t3.new_received.* + t3.carried_over.* == t3.outcome_total.* + t3.carried_forward.*`` into a
small typed tree and checks every table/row/column key against the table templates, so a typo
is an error with its column, not a rule that silently never fires. ``evaluate(identity, report)``
checks it on a parsed report, once per binding of its wildcards; a binding that touches a
missing cell (absent row, incomplete row, placeholder) is unknown and skipped, never a failure.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from difflib import get_close_matches
from functools import cache
from itertools import product
from typing import Any, TypeAlias

from lark import (
    Lark,
    Token,
    Transformer,
    UnexpectedCharacters,
    UnexpectedEOF,
    UnexpectedInput,
    UnexpectedToken,
)

from . import templates
from .lark_parsers import lalr_parser
from .nodes import Cell, Report, Span

TABLES = {"t2": "proactive", "t3": "applications", "t4": "review_litigation"}
ROW, COLUMN = "row", "column"


class ExprError(ValueError):
    """A malformed expression. ``line``/``column`` are 1-based inside the expression text."""

    def __init__(self, message: str, offset: int, line: int, column: int):
        super().__init__(f"{line}:{column}: {message}")
        self.message = message
        self.offset = offset
        self.line = line
        self.column = column


# --------------------------------------------------------------------------------------------
# The tree


@dataclass(frozen=True)
class Num:
    value: Decimal


@dataclass(frozen=True)
class Ref:
    table: str  # kind: proactive | applications | review_litigation
    alias: str  # as written: t2 | t3 | t4
    row: str  # key, "*" or "prefix_*"
    column: str
    offset: int  # of the reference in the expression text

    def wild(self, dim: str) -> bool:
        return "*" in (self.row if dim == ROW else self.column)

    def pattern(self, dim: str) -> str:
        return self.row if dim == ROW else self.column

    @property
    def text(self) -> str:
        return f"{self.alias}.{self.row}.{self.column}"


@dataclass(frozen=True)
class BinOp:
    op: str  # + - * /
    left: Node
    right: Node


@dataclass(frozen=True)
class Neg:
    operand: Node


@dataclass(frozen=True)
class Sum:
    args: tuple[Node, ...]


@dataclass(frozen=True)
class Abs:
    operand: Node


Node: TypeAlias = Num | Ref | BinOp | Neg | Sum | Abs


@dataclass(frozen=True)
class Identity:
    text: str
    left: Node
    op: str  # == != < <= > >=
    right: Node
    tolerance: Decimal | None = None

    @property
    def dims(self) -> tuple[str, ...]:
        """Dimensions bound by wildcards outside sum(): the identity is checked once per key."""
        refs = _outer_refs(self.left) + _outer_refs(self.right)
        return tuple(d for d in (ROW, COLUMN) if any(r.wild(d) for r in refs))


_OPS = {"×": "*", "÷": "/", "≠": "!=", "≤": "<=", "≥": ">="}


class _ToTree(Transformer[Token, object]):
    def number(self, items: list[Token]) -> Num:
        return Num(Decimal(str(items[0])))

    def cell(self, items: list[Token]) -> Ref:
        alias, row, column = items
        return Ref(TABLES[str(alias)], str(alias), str(row), str(column), alias.start_pos or 0)

    def binop(self, items: list[object]) -> BinOp:
        left, op, right = items
        return BinOp(_OPS.get(str(op), str(op)), left, right)  # type: ignore[arg-type]

    def neg(self, items: list[object]) -> Neg:
        return Neg(items[0])  # type: ignore[arg-type]

    def sum(self, items: list[object]) -> Sum:
        return Sum(tuple(items))  # type: ignore[arg-type]

    def abs(self, items: list[object]) -> Abs:
        return Abs(items[0])  # type: ignore[arg-type]

    def tolerance(self, items: list[Token]) -> tuple[Decimal, int]:
        return (Decimal(str(items[0])), items[0].start_pos or 0)

    def comparison(self, items: list[Any]) -> _Comparison:
        left, op, right = items[0], items[1], items[2]
        tol, tol_offset = items[3] if len(items) > 3 else (None, 0)
        return _Comparison(left, _OPS.get(str(op), str(op)), right, tol, tol_offset)


@dataclass(frozen=True)
class _Comparison:
    left: Node
    op: str
    right: Node
    tolerance: Decimal | None
    tolerance_offset: int


@cache
def _parser() -> Lark:
    return lalr_parser("expr.lark", lexer="contextual", propagate_positions=False)


_NAMES = {
    "TABLE": "a table (t2, t3, t4)",
    "KEY": "a row or column key",
    "NUMBER": "a number",
    "COMPARE": "a comparison (==, !=, <, <=, >, >=)",
    "ADD_OP": "+ or -",
    "MUL_OP": "* or /",
    "LPAR": "'('",
    "RPAR": "')'",
    "COMMA": "','",
    "DOT": "'.'",
    "MINUS": "'-'",
    "SUM": "sum(",
    "ABS": "abs(",
    "PLUSMINUS": "±",
    "TOL": "tol",
    "$END": "the end",
}


def _expected(names: set[str] | frozenset[str] | None) -> str:
    shown = sorted({_NAMES.get(n, n) for n in names or ()})
    return ", ".join(shown)


def _position(text: str, offset: int) -> tuple[int, int]:
    before = text[:offset]
    line = before.count("\n") + 1
    return line, offset - (before.rfind("\n") + 1) + 1


def _error(text: str, offset: int, message: str) -> ExprError:
    line, column = _position(text, offset)
    return ExprError(message, offset, line, column)


def _syntax_error(text: str, exc: UnexpectedInput) -> ExprError:
    if isinstance(exc, UnexpectedCharacters):
        at = exc.pos_in_stream or 0
        return _error(text, at, f"unexpected character {text[at]!r}")
    if isinstance(exc, UnexpectedToken):
        tok = exc.token
        if tok.type == "$END":
            return _error(
                text, len(text.rstrip()), f"expression ends too early; expected {_expected(exc.expected)}"
            )
        return _error(
            text, tok.start_pos or 0, f"unexpected {str(tok)!r}; expected {_expected(exc.expected)}"
        )
    if isinstance(exc, UnexpectedEOF):
        return _error(
            text, len(text.rstrip()), f"expression ends too early; expected {_expected(set(exc.expected))}"
        )
    return _error(text, 0, str(exc))  # pragma: no cover - lark has no other kinds


# bounds on what a pack may ask the parser and the evaluator (both recursive) to hold: a real
# identity has a few dozen terms and two or three levels of parentheses
MAX_LENGTH = 4000  # characters
MAX_OPERATORS = 100  # + - * / × ÷ and commas
MAX_NESTING = 16  # parentheses


def _check_size(text: str) -> None:
    if len(text) > MAX_LENGTH:
        raise _error(text, MAX_LENGTH, f"expression longer than {MAX_LENGTH} characters")
    depth = operators = 0
    for offset, ch in enumerate(text):
        if ch == "(":
            depth += 1
            if depth > MAX_NESTING:
                raise _error(text, offset, f"parentheses nested more than {MAX_NESTING} deep")
        elif ch == ")":
            depth -= 1
        elif ch in "+-*/,×÷":
            operators += 1
            if operators > MAX_OPERATORS:
                raise _error(text, offset, f"more than {MAX_OPERATORS} operators in one expression")


@cache
def compile_expression(text: str) -> Identity:
    """Parse and check an identity; raise :class:`ExprError` with the offending position."""
    if not text.strip():
        raise ExprError("empty expression", 0, 1, 1)
    _check_size(text)
    try:
        tree = _parser().parse(text)
    except UnexpectedInput as exc:
        raise _syntax_error(text, exc) from None
    parsed = _ToTree().transform(tree)
    assert isinstance(parsed, _Comparison)  # the grammar's start rule
    if parsed.tolerance is not None and parsed.op not in ("==", "!="):
        raise _error(
            text, parsed.tolerance_offset, f"a tolerance applies to == and != only, not to {parsed.op}"
        )
    identity = Identity(text, parsed.left, parsed.op, parsed.right, parsed.tolerance)
    left, right = parsed.left, parsed.right
    for ref in _all_refs(left) + _all_refs(right):
        _check_keys(text, ref)
    return identity


# --------------------------------------------------------------------------------------------
# Keys known to the templates


@cache
def known_keys(table: str) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """(row keys, column keys) of a table kind, from grammar/tables/*.yaml."""
    if table == "proactive":
        rows: list[str] = []
        columns: list[str] = []
        for sub in templates.proactive().subtables:
            for cols, row_templates in sub.formats.values():
                rows.extend(r.key for r in row_templates if r.key not in rows)
                columns.extend(c.key for c in cols if c.key not in columns)
        return tuple(rows), tuple(columns)
    tpl = templates.applications() if table == "applications" else templates.review_litigation()
    return tuple(dict.fromkeys(r.key for r in tpl.rows)), tuple(c.key for c in tpl.columns)


def matches(pattern: str, key: str) -> bool:
    if pattern == "*":
        return True
    if pattern.endswith("*"):
        return key.startswith(pattern[:-1])
    return key == pattern


def _check_keys(text: str, ref: Ref) -> None:
    rows, columns = known_keys(ref.table)
    row_offset = ref.offset + len(ref.alias) + 1
    column_offset = row_offset + len(ref.row) + 1
    for pattern, known, offset, what in (
        (ref.row, rows, row_offset, "row"),
        (ref.column, columns, column_offset, "column"),
    ):
        if not any(matches(pattern, k) for k in known):
            close = get_close_matches(pattern, known, n=1)
            hint = f"did you mean {close[0]!r}?" if close else "known: " + ", ".join(known[:6]) + ", …"
            raise _error(text, offset, f"unknown {what} key {pattern!r} in {ref.alias} ({ref.table}); {hint}")


# --------------------------------------------------------------------------------------------
# Walking the tree


def _children(node: Node) -> tuple[Node, ...]:
    if isinstance(node, BinOp):
        return (node.left, node.right)
    if isinstance(node, (Neg, Abs)):
        return (node.operand,)
    if isinstance(node, Sum):
        return node.args
    return ()


def _all_refs(node: Node) -> tuple[Ref, ...]:
    if isinstance(node, Ref):
        return (node,)
    return tuple(r for child in _children(node) for r in _all_refs(child))


def _outer_refs(node: Node) -> tuple[Ref, ...]:
    """References not inside a sum(): their wildcards bind."""
    if isinstance(node, Ref):
        return (node,)
    if isinstance(node, Sum):
        return ()
    return tuple(r for child in _children(node) for r in _outer_refs(child))


# --------------------------------------------------------------------------------------------
# Evaluation

Binding = Mapping[str, str]


@dataclass(frozen=True)
class Outcome:
    """The identity checked for one binding of its wildcards."""

    holds: bool
    left: Decimal
    right: Decimal
    binding: Binding
    anchor: Ref | None  # the reference the finding points at (first single cell, left side first)
    row: str | None
    column: str | None
    cell: Cell | None


def _table_keys(report: Report, table: str, dim: str) -> list[str]:
    t = report.table(table)
    if t is None:
        return []
    if dim == ROW:
        return [r.key for r in t.rows if r.key is not None]
    keys = list(t.columns)
    for r in t.rows:
        keys.extend(c.column for c in r.cells if c.column is not None and c.column not in keys)
    return list(dict.fromkeys(keys))


def _bindings(refs: tuple[Ref, ...], bound: Binding, report: Report) -> Iterator[dict[str, str]]:
    """Every binding of the dimensions that ``refs`` leave free (given ``bound``)."""
    free = [d for d in (ROW, COLUMN) if d not in bound and any(r.wild(d) for r in refs)]
    domains: list[list[str]] = []
    for dim in free:
        wild = [r for r in refs if r.wild(dim)]
        keys: list[str] = []
        for r in wild:
            keys.extend(k for k in _table_keys(report, r.table, dim) if k not in keys)
        domains.append([k for k in keys if all(matches(r.pattern(dim), k) for r in wild)])
    for combo in product(*domains):
        yield {**bound, **dict(zip(free, combo, strict=True))}


def _resolve(ref: Ref, binding: Binding) -> tuple[str, str] | None:
    row = binding.get(ROW, "") if ref.wild(ROW) else ref.row
    column = binding.get(COLUMN, "") if ref.wild(COLUMN) else ref.column
    if not row or not column or not matches(ref.row, row) or not matches(ref.column, column):
        return None
    return row, column


def _cell(report: Report, ref: Ref, binding: Binding) -> Cell | None:
    place = _resolve(ref, binding)
    table = report.table(ref.table)
    if place is None or table is None:
        return None
    row = table.row(place[0])
    return None if row is None else row.cell(place[1])


def _value(node: Node, binding: Binding, report: Report) -> Decimal | None:
    if isinstance(node, Num):
        return node.value
    if isinstance(node, Ref):
        c = _cell(report, node, binding)
        return None if c is None or c.value is None else Decimal(c.value)
    if isinstance(node, Neg):
        v = _value(node.operand, binding, report)
        return None if v is None else -v
    if isinstance(node, Abs):
        v = _value(node.operand, binding, report)
        return None if v is None else abs(v)
    if isinstance(node, Sum):
        return _sum(node, binding, report)
    left = _value(node.left, binding, report)
    right = _value(node.right, binding, report)
    if left is None or right is None:
        return None
    if node.op == "+":
        return left + right
    if node.op == "-":
        return left - right
    if node.op == "*":
        return left * right
    try:
        return left / right
    except (ZeroDivisionError, InvalidOperation):
        return None


def _sum(node: Sum, binding: Binding, report: Report) -> Decimal | None:
    total = Decimal(0)
    for arg in node.args:
        subs = list(_bindings(_outer_refs(arg), binding, report))
        if not subs:
            return None
        for sub in subs:
            v = _value(arg, sub, report)
            if v is None:
                return None
            total += v
    return total


def _holds(identity: Identity, left: Decimal, right: Decimal) -> bool:
    tol = identity.tolerance or Decimal(0)
    op = identity.op
    if op == "==":
        return abs(left - right) <= tol
    if op == "!=":
        return abs(left - right) > tol
    if op == "<":
        return left < right
    if op == "<=":
        return left <= right
    if op == ">":
        return left > right
    return left >= right


def _anchor(identity: Identity, binding: Binding, report: Report) -> tuple[Ref | None, Cell | None]:
    candidates = (
        _outer_refs(identity.left)
        + _outer_refs(identity.right)
        + _all_refs(identity.left)
        + _all_refs(identity.right)
    )
    for ref in candidates:
        c = _cell(report, ref, binding)
        if c is not None:
            return ref, c
    return (candidates[0] if candidates else None), None


def evaluate(identity: Identity, report: Report) -> list[Outcome]:
    """Check ``identity`` on ``report``: one outcome per binding whose cells are all known."""
    outer = _outer_refs(identity.left) + _outer_refs(identity.right)
    outcomes: list[Outcome] = []
    for binding in _bindings(outer, {}, report):
        left = _value(identity.left, binding, report)
        right = _value(identity.right, binding, report)
        if left is None or right is None:
            continue
        ref, cell = _anchor(identity, binding, report)
        place = _resolve(ref, binding) if ref is not None else None
        outcomes.append(
            Outcome(
                holds=_holds(identity, left, right),
                left=left,
                right=right,
                binding=binding,
                anchor=ref,
                row=place[0] if place else None,
                column=place[1] if place else None,
                cell=cell,
            )
        )
    return outcomes


def failures(identity: Identity, report: Report) -> list[Outcome]:
    return [o for o in evaluate(identity, report) if not o.holds]


def anchor_span(outcome: Outcome, report: Report) -> Span | None:
    if outcome.cell is not None:
        return outcome.cell.span
    if outcome.anchor is not None:
        table = report.table(outcome.anchor.table)
        if table is not None:
            return table.span
    return None
