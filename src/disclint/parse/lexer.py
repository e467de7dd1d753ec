"""The line lexer: one token per logical line, typed by shape *and* by what the parser accepts.

For every line the lexer lists the token types the line could be, most likely first (from its
shape: heading pattern, row label plus values, values only, header words …, and from a little
context: which table the previous token belonged to). It then emits the first type the LALR
parser can shift in its current state (``parser_state``), so the grammar in
``grammar/report.lark`` decides, e.g., that ``四、结转下年度继续办理 0 0 0 0 0 0 0`` inside table 三
is a row and ``四、政府信息公开行政复议、行政诉讼情况`` is the heading that closes the table.

:func:`parse_lines` runs that parser's tables with this lexer in a lean loop of its own (Lark's
own loop only where the lines break the grammar, as it recovers from errors).
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from functools import lru_cache, partial
from itertools import chain
from typing import Any

from lark import Lark, Token, Tree
from lark.lexer import Lexer, LexerState

from .. import templates as tpl
from ..domain import dates, numerals, vocabulary
from .normalize import Line

_N = numerals.COUNTING
# the numbering of a section heading; the title is the rest of the line, trimmed in
# ``_heading`` (a lazy ``(\S.*?)\s*[。.]?\s*$`` here took cubic time in a run of spaces)
H1_RE = re.compile(rf"^[#\s]*({_N}{{1,2}})\s*[、.．]\s*(?=\S)")
H2_RE = re.compile(rf"^\s*[（(]\s*({_N}{{1,2}})\s*[）)]\s*(.*)$")
ARTICLE_RE = re.compile(rf"^第\s*[二2]\s*十\s*条\s*第\s*[（(]\s*({_N}+)\s*[)）]\s*项")
TITLE_MARK = re.compile(r"年度报告|年报")

TABLE_OF = {
    "P_HEAD": "proactive",
    "P_ROW": "proactive",
    "P_LABEL": "proactive",
    "P_BARE": "proactive",
    "P_VALUES": "proactive",
    "ARTICLE": "proactive",
    "A_HEAD": "applications",
    "A_ROW": "applications",
    "A_LABEL": "applications",
    "A_VALUES": "applications",
    "R_HEAD": "review_litigation",
    "R_VALUES": "review_litigation",
}
# values per row, set by the token that opens (or continues into) a table; table 二 takes the
# width of its sub-table from the template when its article line is read
_A, _R = vocabulary.row_width("applications"), vocabulary.row_width("review_litigation")
WIDTH = {"A_HEAD": _A, "A_ROW": _A, "A_LABEL": _A, "A_VALUES": _A, "R_HEAD": _R, "R_VALUES": _R}
PROACTIVE_WIDTH = 3  # a table 二 without its article line: the widest sub-table
# the tokens inside a table's rows (its header is behind), and those that start a row's values
_IN_ROWS = frozenset(
    ("A_ROW", "A_VALUES", "A_LABEL", "P_ROW", "P_VALUES", "P_LABEL", "P_BARE", "R_VALUES", "CONT")
)
_VALUES_ROWS = frozenset(("A_ROW", "A_VALUES", "R_VALUES", "P_ROW", "P_VALUES"))
LOOKAHEAD = 16  # lines a split row label may span before its values
MEMO_CHARS = 120  # longer lines are classified afresh: the per-shape memo keeps short lines only
SECTION_TABLE = tpl.SECTION_TABLE


@dataclass
class LineStream:
    """The lexer's input: logical lines and a cursor (so parsing can resume after an error)."""

    lines: list[Line]
    pos: int = 0


def title_lines(lines: list[Line]) -> int:
    """How many leading lines form the title: up to the first line naming the report
    (``…年度报告``), at most three short lines."""
    for i, line in enumerate(lines[:3]):
        if len(line.key) > 60:
            return 0
        if TITLE_MARK.search(line.key):
            return i + 1
    return 0


def heading(line: Line) -> tuple[str, str, tpl.SectionTemplate] | None:
    """A section heading (``一、总体情况``) whose title is one of the six sections."""
    return _heading_of(line.key, line.prose.text)


def _heading_of(key: str, prose: str) -> tuple[str, str, tpl.SectionTemplate] | None:
    """:func:`heading` of a line's folded text ``key`` and prose text: a short line only."""
    return _heading(prose) if len(key) <= 40 else None


@lru_cache(maxsize=4096)
def _heading(text: str) -> tuple[str, str, tpl.SectionTemplate] | None:
    m = H1_RE.match(text)
    title = _heading_title(text[m.end() :]) if m else "\n"
    if not m or "\n" in title:
        return None
    section = tpl.match_section(title)
    return (m.group(1), title, section) if section else None


def _heading_title(rest: str) -> str:
    """The heading's title: without trailing spaces and one final full stop (``。`` or ``.``)."""
    title = rest.rstrip()
    if len(title) > 1 and title[-1] in "。.":
        title = title[:-1].rstrip()
    return title


_TOKEN_SLOTS = ("type", "start_pos", "value", "line", "column", "end_line", "end_column", "end_pos")
_new_str = str.__new__


def _quick_token(kind: str, text: str, number: int) -> Token:
    """``Token(kind, text, line=number, column=1)``: a token is made per line, and Lark's
    constructor (a check for the old keyword ``type_``, then ``super().__new__`` and the fields
    one by one from keyword defaults) costs about a third more than filling the slots here."""
    token = _new_str(Token, text)
    token.type = kind
    token.value = text
    token.line = number
    token.column = 1
    token.start_pos = token.end_line = token.end_column = token.end_pos = None
    return token


def _lark_token(kind: str, text: str, number: int) -> Token:
    return Token(kind, text, line=number, column=1)


# the quick way only while a Token has exactly these fields (a later Lark may add one)
_token = _quick_token if getattr(Token, "__slots__", None) == _TOKEN_SLOTS else _lark_token


class ReportLexer(Lexer):
    __future_interface__ = 2

    def __init__(self, lexer_conf: Any):
        self.conf = lexer_conf

    def lex(self, lexer_state: LexerState, parser_state: Any) -> Iterator[Token]:
        stream: LineStream = lexer_state.text  # type: ignore[assignment]
        lines = stream.lines
        follows = row_follows(lines)  # per call: one parser serves every thread
        n_title = title_lines(lines) if stream.pos == 0 else 0
        states = parser_state.parse_conf.states
        state_stack = parser_state.state_stack  # the parser's own stack: its top is the state now
        table: str | None = None
        section: str | None = None
        row_count = 0
        width = 0  # values a row of the current table holds at most
        in_rows = False  # the current table's rows have begun: its header is behind us
        n_lines = len(lines)
        quick = _token is _quick_token
        while (i := stream.pos) < n_lines:
            line = lines[i]
            stream.pos = i + 1
            if i < n_title:
                kind = "TITLE"
            else:
                # the token types the line could be, most likely first. They depend on the
                # line's shape (its text, or only how many values for a values line) and the
                # context, never on anything else, so each shape is worked out once
                # (``_values_candidates``, ``_text_candidates``: a per-shape memo shared by
                # every parse, pure, so thread-safe)
                values, key, label = line.values, line.key, line.label
                if values and label is None:  # Line.is_values
                    n_values = len(values)
                    lone = table is None and n_values == 1 and line.has_numbers and len(key) <= 3
                    ctx_table = table or SECTION_TABLE.get(section or "")
                    # one value after a row already full, a label next: a cell too many of that row
                    surplus = (
                        n_values == 1
                        and width > 0
                        and row_count >= width
                        and not values_line_at(lines, i + 1)
                    )
                    found = _values_candidates(n_values, lone, table, ctx_table, row_count, width, surplus)
                elif not values and len(key) > 80:
                    # long prose: no heading, header block or label fragment is this long
                    found = ("H2", "TEXT") if H2_RE.match(key) else ("TEXT",)
                else:
                    # a text-only line may be a row label's first fragment: look ahead for its
                    # values (``lines[i + 1].is_values`` inline)
                    row = not values and follows[i]
                    values_next = (
                        row
                        and i + 1 < n_lines
                        and bool((after := lines[i + 1]).values)
                        and after.label is None
                    )
                    prose = line.prose.text
                    found = (_text_candidates if len(prose) <= MEMO_CHARS else _fresh_text_candidates)(
                        key,
                        prose,
                        None if label is None else label.text,
                        bool(values),
                        table,
                        section,
                        in_rows,
                        row,
                        values_next,
                    )
                accepts = states[state_stack[-1]]
                for kind in found:
                    if kind in accepts:
                        break
                else:
                    kind = found[0]
            if kind == "TEXT":  # the common line, in short: no table, no width, no count
                table = None
                in_rows = False
            elif kind == "PAGE":
                continue
            else:
                if kind == "ARTICLE":
                    width = _article_width(line.key)
                elif kind in WIDTH:
                    width = WIDTH[kind]
                elif kind == "P_HEAD" and table != "proactive":
                    width = PROACTIVE_WIDTH
                if kind == "H1":
                    h = heading(line)
                    section = h[2].key if h else None
                    table = None
                elif kind in TABLE_OF:
                    table = TABLE_OF[kind]
                elif kind != "CONT":
                    table = None
                in_rows = kind in _IN_ROWS
                if kind in _VALUES_ROWS:
                    row_count = len(line.values)
                elif kind == "CONT":
                    row_count += len(line.values)
            text = line.prose.text
            if quick:  # ``_quick_token(kind, text, line.number)`` inline: a token per line
                token = _new_str(Token, text)
                token.type = kind
                token.value = text
                token.line = line.number
                token.column = 1
                token.start_pos = token.end_line = token.end_column = token.end_pos = None
                yield token
            else:
                yield _token(kind, text, line.number)


def values_line_at(lines: Sequence[Line], i: int) -> bool:
    """There is a line ``i``, and it is a line of values only (:attr:`Line.is_values`)."""
    return i < len(lines) and lines[i].is_values


def row_follows(lines: Sequence[Line]) -> list[bool]:
    """For each line: a values line follows within 16 lines, after nothing but short fragments.
    A label fragment is only a row label if so (otherwise it is prose after the table).

    One backward pass: the distance from each line to the next values line reachable through
    fragments."""
    out = [False] * len(lines)
    distance = LOOKAHEAD
    for k in range(len(lines) - 1, -1, -1):
        line = lines[k]
        if line.values:
            distance = 0
        elif (
            distance < LOOKAHEAD - 1
            and len(key := line.key) <= 40
            and "。" not in key
            and _heading(line.prose.text) is None
        ):
            # a fragment (a short line without values or a full stop) that is no heading
            # (``heading(line)`` inline: the key is short enough for one)
            # (a line further than that from values is no fragment of a row either way)
            distance = distance + 1 if not ARTICLE_RE.match(key) else LOOKAHEAD
        else:
            distance = LOOKAHEAD
        out[k] = distance < LOOKAHEAD
    return out


@lru_cache(maxsize=1024)
def _values_candidates(
    n: int,
    lone: bool,
    table: str | None,
    ctx_table: str | None,
    count: int,
    width: int,
    surplus: bool = False,
) -> tuple[str, ...]:
    """A line of ``n`` values only: a continuation of the row, a row of values of one of the
    tables (the context's first), or a page number (``lone``: one small number outside tables).
    ``surplus``: one value after a full row, before a label — in text of one cell per line, a
    row's extra cell (domain.md 5.7: kept with its row, which is reported), not a row of its own
    without a label."""
    out: list[str] = []
    if table and width and ((0 < count < width and count + n <= width) or surplus):
        out.append("CONT")
    if n == WIDTH["R_VALUES"]:
        out.append("R_VALUES")
    by_context = {
        "applications": ["A_VALUES", "R_VALUES", "P_VALUES"],
        "review_litigation": ["R_VALUES", "A_VALUES", "P_VALUES"],
    }
    out.extend(by_context.get(ctx_table or "", ["P_VALUES", "A_VALUES", "R_VALUES"]))
    if lone:
        out.insert(0, "PAGE")  # a lone small number outside any table: a page number
    out.append("TEXT")
    return tuple(out)


@lru_cache(maxsize=8192)
def _text_candidates(
    key: str,
    prose: str,
    label: str | None,
    has_values: bool,
    table: str | None,
    section: str | None,
    in_rows: bool,
    row_follows: bool,
    values_next: bool = False,
) -> tuple[str, ...]:
    """A line with text: ``key``/``prose`` its folded and prose text, ``label`` the text before
    its values (the line's clean text when it has none); ``values_next``: the next line is only
    values."""
    ctx_table = table or SECTION_TABLE.get(section or "")
    row_text = label if label is not None else prose  # what a row label is read from
    if _heading_of(key, prose) is not None and not (
        table == "applications" and app_row_score(row_text) >= 0.95
    ):
        return ("H1", "TEXT")
    if dates.is_date(key):
        return ("DATELINE", "TEXT")
    if ARTICLE_RE.match(key):
        return ("ARTICLE", "TEXT")
    out: list[str] = []
    if has_values and label is not None:
        if app_row_score(label) >= 0.8:
            out.append("A_ROW")
        if is_proactive_label(label):
            out.append("P_ROW")
        if len(tpl.bare(label)) <= 24 and table in _ROW_OF:
            out.append(_ROW_OF[table])
        out.extend(["H2", "TEXT"] if H2_RE.match(key) else ["TEXT"])
        return tuple(out)
    # a text-only line: header words, a fragment of a row label, a sub-heading, or prose
    numbered = tpl.split_numbering(key)[0] is not None
    for k in _TRY_ORDER[ctx_table]:
        is_head = not numbered and len(key) <= 80 and tpl.vocabulary(k).covers(key)
        is_label = k in _LABEL_OF and row_follows and (table == k or _label_starts(k, key, row_text))
        # a line naming a row of table 二 is that row even when no values follow (a row left
        # empty, in text with one cell per line or in pdftotext -layout's): the table goes on,
        # the row is reported without its values, instead of a paragraph that ends the table and
        # a second table 二 after it; a row of its own, never joined with the next such line
        # nor with the next row (行政许可 above 其他对外管理服务事项 5): only values right below it
        # are its own
        names = (
            k == "proactive" and table == k and not (row_follows and values_next) and is_proactive_label(key)
        )
        if names:
            out.append("P_BARE")
            is_label = False
        elif is_label and in_rows and table == k:
            out.append(_LABEL_OF[k])  # inside the rows a fragment continues a row label
            is_label = False
        if is_head:
            out.append(_HEAD_OF[k])
        if is_label:
            out.append(_LABEL_OF[k])
    if H2_RE.match(key) and not (
        section == "requests" and (_is_group_label(key) or _is_label_piece(label or prose))
    ):
        # (in section 三, （五）不予处理 is table 三's group label, not a sub-heading; nor is
        # （二）部分公开（区, a row label's piece wrapped in a narrow cell)
        out.append("H2")
    out.append("TEXT")
    return tuple(out)


_fresh_text_candidates = _text_candidates.__wrapped__  # (a line too long for the memo)


@lru_cache(maxsize=1)
def _group_labels() -> frozenset[str]:
    return frozenset(g.label for g in tpl.applications().groups)


def _is_group_label(key: str) -> bool:
    """``key`` is a group label of table 三 (``（五）不予处理``), numbered as written."""
    return tpl.bare(tpl.split_numbering(key)[1]) in _group_labels()


@lru_cache(maxsize=1)
def _label_beginnings() -> frozenset[str]:
    """Every beginning of table 三's numbered row and group labels, bare (the numbering alone
    too: ``（三）`` of a group label printed a piece per line)."""
    t = tpl.applications()
    labels = [tpl.bare(f"{r.numbering}{r.label}") for r in t.rows if r.numbering]
    labels += [tpl.bare(f"{g.numbering}{g.label}") for g in t.groups if g.numbering]
    return frozenset(label[:n] for label in labels for n in range(1, len(label) + 1))


def _is_label_piece(prose: str) -> bool:
    """The line's first word is a numbered label of table 三, or its beginning (``（二）部分公开（区``,
    ``（三）不`` of ``（三）不 1.属于国``, ``（七）总计``)."""
    words = prose.split(maxsplit=1)
    return bool(words) and tpl.bare(words[0]) in _label_beginnings()


# (made once: a line of text is classified afresh in every new report) the token types of a
# table's row, header words and label fragment, and the order the tables are tried in for a
# text-only line in the context of each table (or of none): the context's table first
_TABLES = ("applications", "review_litigation", "proactive")
_ROW_OF = {"applications": "A_ROW", "proactive": "P_ROW"}
_HEAD_OF = {"applications": "A_HEAD", "review_litigation": "R_HEAD", "proactive": "P_HEAD"}
_LABEL_OF = {"applications": "A_LABEL", "proactive": "P_LABEL"}
_TRY_ORDER: dict[str | None, tuple[str, ...]] = {
    context: ((context,) if context else ()) + tuple(k for k in _TABLES if k != context)
    for context in (None, *_TABLES)
}


def _label_starts(kind: str, key: str, row_text: str) -> bool:
    return app_row_score(row_text) >= 0.8 if kind == "applications" else is_proactive_label(key)


def is_proactive_label(label: str) -> bool:
    return tpl.bare(label) in proactive_labels()


@lru_cache(maxsize=64)
def _article_width(key: str) -> int:
    """Most values a row of the table-二 sub-table headed by this article line can hold."""
    m = ARTICLE_RE.match(key)
    number = vocabulary.subtable_key(m.group(1)) if m else ""
    for sub in tpl.proactive().subtables:
        if sub.key == number:
            return max(len(cols) for cols, _rows in sub.formats.values())
    return PROACTIVE_WIDTH


@lru_cache(maxsize=4096)
def app_row_score(label: str) -> float:
    """How surely a label names a row of table 三 (0 when it does not)."""
    if len(label) > 80:
        return 0.0
    t = tpl.applications()
    m = tpl.match_row(label, t.rows, t.groups, fuzzy=False)
    return m.score if m is not None else 0.0


@lru_cache(maxsize=1)
def proactive_labels() -> frozenset[str]:
    """The row labels of table 二 in both formats (label cores)."""
    return frozenset(
        r.cores[0] for sub in tpl.proactive().subtables for _cols, rows in sub.formats.values() for r in rows
    )


class _ParserView:
    """What :meth:`ReportLexer.lex` reads of the parser: its states and its state stack."""

    __slots__ = ("parse_conf", "state_stack", "states")

    def __init__(self, states: dict[Any, dict[str, Any]], state_stack: list[Any]) -> None:
        self.parse_conf = self  # ``parse_conf.states``, as Lark's parser state has it
        self.states = states
        self.state_stack = state_stack


def parse_lines(lark: Lark, lines: list[Line]) -> Tree | None:
    """The tree Lark's LALR parser builds for ``lines``, with the same tables, lexer and tree
    callbacks but without its per-token overhead; None where the lines are not a report as the
    grammar has it (the caller then parses them with Lark itself, which recovers from errors:
    up to the error both run the same steps, so the result is the same)."""
    try:
        states, start, end = _tables(lark.parser.parser.parser)
    except (ImportError, AttributeError, KeyError, TypeError):  # a Lark laid out otherwise
        return None  # Lark's own parse then, only slower
    state_stack = [start]
    value_stack: list[Any] = []
    push_state, push_value = state_stack.append, value_stack.append
    tokens = _LEXER.lex(_Input(LineStream(lines)), _ParserView(states, state_stack))  # type: ignore[arg-type]
    for token in chain(tokens, _ENDING):  # _END: the end of the input
        kind = token.type
        while True:
            try:
                shift, arg, callback, origin = states[state_stack[-1]][kind]
            except KeyError:  # no action: not a report as the grammar has it
                return None
            if shift:  # (never on the end: LALR takes it by reductions; were it shifted, the loop
                # would end without a tree all the same)
                push_state(arg)
                push_value(token if callback is None else callback(token))
                break
            # (``X: X y``: of the stack's states s, goto(s, X), t the two symbols leave s, and the
            # goto of s on X is the state popped: only t is popped, the same stack)
            if callback is _APPEND:  # ``X: X y``: X's tree takes y (as Lark's callback, in place)
                value = value_stack.pop()
                value_stack[-1].children.append(value)
                del state_stack[-1]
            elif callback is _EXTEND:  # ``X: X _y``: X's tree takes the inlined y's children
                value = value_stack.pop()
                value_stack[-1].children.extend(value.children)
                del state_stack[-1]
            else:  # reduce: ``arg`` symbols make one ``origin``
                if arg:
                    children = value_stack[-arg:]
                    del state_stack[-arg:]
                    del value_stack[-arg:]
                else:
                    children = []
                push_value(callback(children))
                push_state(states[state_stack[-1]][origin][1])
            if token is _END and state_stack[-1] == end:
                return value_stack[-1]
    return None


class _EndOfInput:
    """What the parse loop reads of the input's end: its terminal's name, as Lark's."""

    __slots__ = ()
    type = "$END"


_END = _EndOfInput()
_ENDING: tuple[Token | _EndOfInput] = (_END,)


# a parse action: shift (True, next state, the terminal's callback or None, None) or reduce
# (False, symbols taken, the rule's tree callback or _APPEND / _EXTEND, the rule's name)
_Action = tuple[bool, Any, Any, Any]
# a left-recursive list rule ``X: X y`` (``X: X _y``, y inlined) whose callback makes a new tree
# of X's children list plus y (plus y's children): the loop extends X's tree instead (Lark's
# callback reuses that list and drops the old tree, so the result is the same tree)
_APPEND, _EXTEND = object(), object()


@lru_cache(maxsize=1)  # set-up, as the parser itself: one grammar per process
def _tables(core: Any) -> tuple[dict[Any, dict[str, _Action]], Any, Any]:
    """Lark's LALR table (``core``: its parse loop) with every action's parts looked up once."""
    # Lark's internals: here, where their absence is caught
    from lark.parse_tree_builder import ChildFilterLALR_NoPlaceholders as Filter
    from lark.parsers.lalr_analysis import Shift

    table, callbacks = core.parse_table, core.callbacks
    builds = _tree_names(callbacks)
    states: dict[Any, dict[str, _Action]] = {}
    for state, actions in table.states.items():
        states[state] = {
            kind: (True, arg, callbacks.get(kind), None)
            if action is Shift
            else (
                False,
                len(arg.expansion),
                _reduce_callback(arg, callbacks[arg], builds, Filter),
                arg.origin.name,
            )
            for kind, (action, arg) in actions.items()
        }
    return states, table.start_states["start"], table.end_states["start"]


def _tree_builder(callback: Any) -> str | None:
    """The rule name when ``callback`` (a rule's, as Lark makes them) builds ``Tree(name, …)``
    and nothing else, else None."""
    builder = getattr(callback, "node_builder", callback)
    if (
        isinstance(builder, partial)
        and builder.func is Tree
        and not builder.keywords
        and len(builder.args) == 1
    ):
        return str(builder.args[0])
    return None


def _tree_names(callbacks: dict[Any, Any]) -> frozenset[str]:
    """The rules whose every callback builds a plain tree named after the rule."""
    names: dict[str, bool] = {}
    for rule, callback in callbacks.items():
        if not isinstance(rule, str):  # (a terminal's callback is keyed by its name)
            name = rule.origin.name
            names[name] = names.get(name, True) and _tree_builder(callback) == name
    return frozenset(name for name, plain in names.items() if plain)


def _reduce_callback(rule: Any, callback: Any, builds: frozenset[str], child_filter: type) -> Any:
    """``callback``, or _APPEND / _EXTEND for a left-recursive list rule of a plain tree
    (``child_filter``: the class of Lark's callback that inlines ``_`` rules)."""
    name = rule.origin.name
    expansion = rule.expansion
    if (
        name not in builds
        or len(expansion) != 2
        or expansion[0].name != name
        or type(callback) is not child_filter
    ):
        return callback
    include = getattr(callback, "to_include", None)
    if include == [(0, True), (1, False)]:
        return _APPEND
    if include == [(0, True), (1, True)]:
        return _EXTEND
    return callback


class _Input:
    """What :meth:`ReportLexer.lex` reads of Lark's lexer state: the stream."""

    __slots__ = ("text",)

    def __init__(self, text: LineStream) -> None:
        self.text = text


_LEXER = ReportLexer(None)
