"""The parse's shortcuts for speed (cross-report memos, pre-checks) give the answers worked out in full."""

from __future__ import annotations

import dataclasses
import pickle
import random

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from lark import Lark, Token
from lark.exceptions import UnexpectedInput

from disclint import templates as tpl
from disclint.jsonout import report_to_dict
from disclint.memo import Memo, clear_all
from disclint.nodes import Located
from disclint.parse import normalize as norm
from disclint.parse import parse_text, parser
from disclint.parse.layout import join_wrapped_rows
from disclint.parse.lexer import LineStream, ReportLexer, parse_lines
from disclint.readers.base import SourceLine
from disclint.readers.text import split_lines

from corpus import SEED_PATHS

SEED_LINES = sorted({ln for p in SEED_PATHS for ln in p.read_text(encoding="utf-8").splitlines()})
PIECES = [
    "一、",
    "（二）",
    "本年新收",
    "**",
    "<b>",
    "|",
    "\t",
    " ",
    "　",
    "0",
    "12",
    "3.5",
    "万元",
    "/",
    "—",
    "- 3 -",
    "mailto:",
    "a@b.cn",
]


def test_memo_never_holds_more_than_its_bound() -> None:
    memo: Memo[int, int] = Memo(100)
    for k in range(1000):
        memo.put(k, k)
        assert len(memo) <= 100
    assert memo.get(999) == 999
    memo.cache_clear()
    assert len(memo) == 0 and memo.get(999) is None


@settings(max_examples=300, deadline=None)
@given(
    st.one_of(st.sampled_from(SEED_LINES), st.lists(st.sampled_from(PIECES), max_size=12).map("".join)),
    st.integers(1, 5000),
    st.integers(1, 5000),
    st.sampled_from([None, frozenset(), frozenset({1})]),
)
def test_a_line_seen_before_is_the_same_as_worked_out_afresh(
    raw: str, first: int, again: int, spanned
) -> None:
    norm.normalize_line(first, raw, spanned)  # now kept in the memo
    assert norm.normalize_line(again, raw, spanned) == norm._normalize_line(again, raw, spanned)


def test_a_line_seen_before_on_the_same_line_is_the_kept_line_itself() -> None:
    raw = "（一）予以公开 12 0 3"
    first, _noise = norm.normalize([SourceLine("")] * 4 + [SourceLine(raw)])
    again, _noise = norm.normalize([SourceLine(raw)] * 5)  # line 5 as before, lines 1-4 restamped
    assert again[4] is first[0]
    assert again[:4] == [norm._normalize_line(k, raw)[0] for k in range(1, 5)]


@pytest.mark.parametrize("length", [norm.MEMO_CHARS + 1, norm.LONG_CHARS])
def test_a_long_line_seen_before_is_the_same_as_worked_out_afresh(length: int) -> None:
    raw = ("根据《条例》要求， **本机关** 编制本报告。" * 200)[: length - 5] + " 12 3"
    assert len(raw) == length  # kept in the memo of long lines
    first = norm.normalize_line(3, raw)
    assert norm.normalize_line(3, raw)[0] is first[0]
    assert norm.normalize_line(9, raw) == norm._normalize_line(9, raw)
    fresh = [norm._normalize_line(k, raw) for k in (1, 2)]
    assert norm.normalize([SourceLine(raw)] * 2) == (
        [ln for ln, _ in fresh],
        [n for _, ns in fresh for n in ns],
    )


def _seed_with_other_labels() -> str:
    """A seed whose table 三 has one row label garbled and one row missing."""
    text = SEED_PATHS[0].read_text(encoding="utf-8")
    lines = text.split("\n")
    k = next(i for i, ln in enumerate(lines) if ln.startswith("（一）予以公开"))
    lines[k] = lines[k].replace("予以公开", "予以公幵")
    j = next(i for i, ln in enumerate(lines) if ln.startswith("2.重复申请"))
    del lines[j]
    return "\n".join(lines)


def test_reports_parsed_after_each_other_are_as_if_parsed_alone() -> None:
    texts = [p.read_text(encoding="utf-8") for p in SEED_PATHS] + [_seed_with_other_labels()]
    alone = []
    for text in texts:
        clear_all()
        alone.append(report_to_dict(parse_text(text)))
    clear_all()
    in_turn = [report_to_dict(parse_text(text)) for text in texts + texts]
    assert in_turn == alone + alone
    assert alone[-1] != alone[0]  # the changed labels do change the table


HEADER_CHARS = sorted(set("".join(tpl.applications().vocabulary + tpl.proactive().vocabulary)))


@settings(max_examples=400, deadline=None)
@given(
    st.sampled_from(["applications", "review_litigation", "proactive"]),
    st.lists(st.sampled_from([*HEADER_CHARS, "根", "据", "a", "1", " ", "（", "、"]), max_size=14).map(
        "".join
    ),
)
def test_header_words_pre_check_changes_no_answer(kind: str, text: str) -> None:
    vocab = tpl.vocabulary(kind)
    core = tpl.bare(text)
    assert vocab.covers(text) == (bool(core) and vocab.cuts(core))  # as before the pre-check


@settings(max_examples=300, deadline=None)
@given(
    st.text(min_size=1, max_size=12),
    st.integers(1, 5000),
    st.lists(
        st.tuples(st.integers(0, 11), st.integers(1, 40)), min_size=1, max_size=4, unique_by=lambda m: m[0]
    ),
)
def test_a_located_on_one_line_is_the_located_of_its_anchors(text: str, line: int, marks) -> None:
    marks = tuple(sorted(marks))
    lazy = Located.on_line(text, line, marks)
    spelled = Located(text, tuple((offset, line, column) for offset, column in marks))
    assert [lazy.position(k) for k in range(len(text))] == [spelled.position(k) for k in range(len(text))]
    assert lazy.span == spelled.span and lazy.span_of(0, 1) == spelled.span_of(0, 1)
    assert lazy == spelled and hash(lazy) == hash(spelled) and repr(lazy) == repr(spelled)
    assert lazy.line_marks() == spelled.line_marks() == (line, marks)
    assert lazy.anchors == spelled.anchors and lazy == spelled  # and once spelled out
    assert pickle.loads(pickle.dumps(lazy)) == spelled
    assert lazy != Located(text, ((0, line + 1, 1),))
    with pytest.raises(dataclasses.FrozenInstanceError):
        lazy.text = "x"  # type: ignore[misc]


def test_a_located_of_several_lines_has_no_line_marks() -> None:
    assert Located("ab", ((0, 3, 1), (1, 4, 1))).line_marks() is None
    assert Located("", ()).line_marks() is None and Located("", ()).position(0) == (1, 1)


def _mutants(text: str, n: int) -> list[str]:
    rng = random.Random(7)
    out = []
    for _ in range(n):
        lines = text.split("\n")
        for _ in range(rng.randint(1, 6)):
            k = rng.randrange(len(lines))
            if rng.random() < 0.5:
                del lines[k]
            else:
                lines.insert(rng.randrange(len(lines)), lines[k])
        out.append("\n".join(lines))
    return out


def _lines(text: str) -> list[norm.Line]:
    return join_wrapped_rows(norm.normalize([SourceLine(t) for t in split_lines(text)])[0])


def test_the_quick_parse_loop_builds_larks_tree() -> None:
    texts = [p.read_text(encoding="utf-8") for p in SEED_PATHS]
    for text in [*texts, *_mutants(texts[0], 30), "", "一、总体情况", "（一）予以公开 1 2 3"]:
        lines = _lines(text)
        assert parse_lines(parser(), lines) == parser().parse(LineStream(lines))


def test_the_quick_parse_loop_leaves_what_lark_rejects_to_lark() -> None:
    # a grammar of title lines only: the report's first line is a TITLE, its next one is not
    titles = Lark("start: TITLE*\n%declare TITLE TEXT", parser="lalr", lexer=ReportLexer)
    lines = _lines("某某区2023年政府信息公开工作年度报告\n一、总体情况")
    with pytest.raises(UnexpectedInput):
        titles.parse(LineStream(lines))
    assert parse_lines(titles, lines) is None
    assert parse_lines(titles, lines[:1]) == titles.parse(LineStream(lines[:1]))


def test_a_token_made_quickly_is_larks_token() -> None:
    from disclint.parse import lexer as lexer_module

    assert lexer_module._token is lexer_module._quick_token  # this Lark's Token has those fields
    quick = lexer_module._quick_token("A_ROW", "（一）予以公开 1 2", 7)
    made = Token("A_ROW", "（一）予以公开 1 2", line=7, column=1)
    assert quick == made and all(getattr(quick, k) == getattr(made, k) for k in Token.__slots__)
    assert pickle.loads(pickle.dumps(quick)).line == 7


def test_a_lark_laid_out_otherwise_falls_back_to_larks_own_parse(monkeypatch: pytest.MonkeyPatch) -> None:
    # parse_lines reads Lark's parser internals; without them the pipeline must still parse (slower)
    from disclint.parse import lexer as lexer_module

    text = SEED_PATHS[0].read_text(encoding="utf-8")
    want = report_to_dict(parse_text(text))

    def missing(core: object) -> None:
        raise AttributeError("parse_table")

    monkeypatch.setattr(lexer_module, "_tables", missing)
    assert parse_lines(parser(), []) is None
    assert report_to_dict(parse_text(text)) == want
