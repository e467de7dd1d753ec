"""The run-at-a-time views of :mod:`disclint.textforms` give exactly the character-at-a-time
definitions: the same text and the same source position for every character."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from disclint.nodes import Located, Span
from disclint.textforms import (
    _GLOSS,
    compact,
    from_positions,
    join,
    joined_view,
    line_view,
    positions,
    script_view,
    select,
    without_glosses,
)

# spaces of every kind, CJK, a gloss ``據(jù)`` and ASCII: what the views cut around
_CHARS = st.sampled_from(list(" \t\u3000\xa0ab1年据據(jù)）"))


@st.composite
def located(draw: st.DrawFn) -> Located:
    text = draw(st.text(_CHARS, max_size=16))
    offsets = sorted(draw(st.lists(st.integers(0, len(text)), max_size=4)))
    lines = st.integers(1, 3)
    columns = st.integers(1, 30)
    return Located(text, tuple((o, draw(lines), draw(columns)) for o in offsets))


def _by_character(parts: list[Located]) -> Located:
    where = [p for loc in parts for p in positions(loc)]
    return from_positions("".join(loc.text for loc in parts), where)


@settings(max_examples=500, deadline=None)
@given(located())
def test_compact_is_every_non_space_character(loc: Located) -> None:
    assert compact(loc) == select(loc, lambda _i, ch: not ch.isspace())
    if loc.anchors and len({line for _o, line, _c in loc.anchors}) == 1:  # the same, as a line's marks
        on_line = Located.on_line(loc.text, loc.anchors[0][1], tuple((o, c) for o, _l, c in loc.anchors))
        assert compact(on_line) == compact(loc)


@settings(max_examples=500, deadline=None)
@given(located())
def test_without_glosses_drops_exactly_the_glosses(loc: Located) -> None:
    dropped = {i for m in _GLOSS.finditer(loc.text) for i in range(*m.span())}
    view = without_glosses(loc)
    if dropped:
        assert view == select(loc, lambda i, _ch: i not in dropped)
    else:
        assert view is loc


def test_a_gloss_is_dropped_with_its_positions() -> None:
    loc = Located("据(jù)实", ((0, 2, 1),))
    assert without_glosses(loc) == Located("据实", ((0, 2, 1), (1, 2, 6)))


@settings(max_examples=500, deadline=None)
@given(st.lists(located(), max_size=4))
def test_join_maps_every_character_to_its_source(parts: list[Located]) -> None:
    assert join(parts) == _by_character(parts)


def test_join_keeps_one_anchor_for_a_contiguous_run() -> None:
    a = Located("联系", ((0, 3, 5),))
    b = Located("电话", ((0, 3, 7),))
    c = Located("：", ((0, 4, 1),))
    assert join([a, b, c]) == Located("联系电话：", ((0, 3, 5), (4, 4, 1)))


@pytest.mark.timeout(60)  # a hang guard, not a performance assertion (quadratic took hours here)
def test_views_of_a_line_with_100000_cuts_are_linear() -> None:
    # the prose view of "本机关 abc 1件 " repeated (hostile case many-sums): an anchor per cut
    n = 100_000
    loc = Located("本 " * n, tuple((2 * i, 1, 4 * i + 1) for i in range(n)))
    view = compact(loc)
    assert view.text == "本" * n and len(view.anchors) == n
    assert view.span_of(n - 1, n) == Span(1, 4 * (n - 1) + 1, 1, 4 * (n - 1) + 2)
    assert join([view, view]).text == "本" * (2 * n)


@settings(max_examples=500, deadline=None)
@given(st.lists(located(), max_size=4), st.booleans())
def test_joined_view_is_the_squeezed_view_of_the_joined_parts(parts: list[Located], fold: bool) -> None:
    assert joined_view(parts, fold=fold) == script_view(join(parts), fold=fold, squeeze=True)
    no_brackets = [Located(p.text.replace("(", "（"), p.anchors) for p in parts]  # the quick way
    assert joined_view(no_brackets, fold=fold) == script_view(join(no_brackets), fold=fold, squeeze=True)


# a line's characters: spaces of every kind, full-width forms and Traditional characters (the
# view changes them), a bracket (the gloss the memo leaves to script_view)
_LINE_CHARS = st.sampled_from(list(" \t\u3000\xa0ab1年据據：（）(jù)發佈"))


@given(st.text(_LINE_CHARS, max_size=12), st.integers(1, 40), st.integers(1, 30), st.integers(1, 40))
def test_line_view_is_the_script_view_of_the_line(text: str, line: int, column: int, other: int) -> None:
    from disclint.memo import clear_all

    clear_all()
    here = Located.on_line(text, line, ((0, column),))
    elsewhere = Located(text, ((0, other, other),))  # the same text kept first on another line
    for loc in (elsewhere, here, here):
        assert line_view(loc) == script_view(loc, fold=True, squeeze=True)


def test_line_view_of_a_line_in_pieces_is_worked_out() -> None:
    loc = Located("發佈 机构：x", ((0, 3, 1), (3, 3, 9)))  # two runs: not kept by its text
    assert line_view(loc) == script_view(loc, fold=True, squeeze=True)
    assert line_view(loc).text == "发布机构:x"


@given(st.text(_LINE_CHARS, max_size=12))
def test_kept_text_forms_are_the_worked_out_ones(text: str) -> None:
    import re

    from disclint import textforms
    from disclint.memo import clear_all

    clear_all()
    for _ in range(2):  # worked out, then kept
        assert textforms.word_spans(text) == tuple(m.span() for m in re.finditer(r"\S+", text))
        assert textforms.fold_text(text) == text.translate(textforms._FOLD)
        assert textforms.simplified_text(text) == textforms._simplified(text)


def test_a_long_text_is_not_kept() -> None:
    from disclint import textforms
    from disclint.memo import clear_all

    clear_all()
    long = "發佈 " * (textforms.TEXT_MEMO_CHARS // 3 + 1)
    assert textforms.simplified_text(long) == "发布 " * (textforms.TEXT_MEMO_CHARS // 3 + 1)
    assert textforms.fold_text(long) == long
    assert len(textforms.word_spans(long)) == textforms.TEXT_MEMO_CHARS // 3 + 1
    assert len(textforms._SIMPLIFIED) == len(textforms._FOLDED) == len(textforms._WORD_SPANS) == 0


@given(located(), st.lists(st.tuples(st.integers(0, 16), st.integers(0, 16)), max_size=6))
def test_gather_of_pieces_of_one_text_in_any_order(loc: Located, cuts: list[tuple[int, int]]) -> None:
    # pieces further on in the same text continue from the anchor the piece before ended under
    from disclint.textforms import _gather

    n = len(loc.text)
    pieces = [(loc, min(a, n), min(b, n)) for a, b in cuts]  # (a piece lies inside its text)
    where = positions(loc)
    chars = [i for _loc, a, b in pieces for i in range(a, b)]
    expected = from_positions("".join(loc.text[i] for i in chars), [where[i] for i in chars])
    assert _gather(pieces) == expected


def test_the_words_of_a_text_of_many_short_words_are_not_kept() -> None:
    # regression: a thousand texts of 500 one-letter words kept their spans, about 54 MB held
    # between documents (tracemalloc); such a text's spans are worked out every time
    import re

    from disclint import textforms
    from disclint.memo import clear_all

    clear_all()
    many = "a " * (textforms.WORD_SPANS_KEPT + 1)
    few = "a " * textforms.WORD_SPANS_KEPT
    assert len(many) <= textforms.TEXT_MEMO_CHARS
    assert textforms.word_spans(many) == tuple(m.span() for m in re.finditer(r"\S+", many))
    assert len(textforms._WORD_SPANS) == 0
    assert len(textforms.word_spans(few)) == textforms.WORD_SPANS_KEPT
    assert len(textforms._WORD_SPANS) == 1
