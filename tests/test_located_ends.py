"""The shortcuts of :class:`~disclint.nodes.Located` that spans and joins are made by: each the
same as working it out character by character."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from disclint.nodes import Located, Span, merge_spans
from disclint.parse.tables import join_located

_MARKS = st.lists(
    st.tuples(st.integers(0, 11), st.integers(1, 40)), min_size=1, max_size=4, unique_by=lambda m: m[0]
)


def _both_forms(text: str, line: int, marks: list[tuple[int, int]]) -> list[Located]:
    marks_t = tuple(sorted(marks))
    on_line = Located.on_line(text, line, marks_t)
    # the same marks spread over lines: anchors that are not one line's
    spread = Located(text, tuple((off, line + k, column) for k, (off, column) in enumerate(marks_t)))
    return [on_line, Located(text, tuple((off, line, column) for off, column in marks_t)), spread]


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=12), st.integers(1, 5000), _MARKS, st.integers(0, 30))
def test_ends_and_shifted_anchors_are_those_worked_out_from_the_positions(
    text: str, line: int, marks: list[tuple[int, int]], offset: int
) -> None:
    for loc in _both_forms(text, line, marks):
        last = max(len(text), 1) - 1
        first, final = loc.position(0), loc.position(last)
        assert loc.ends() == (*first, final[0], final[1] + 1)
        assert loc.span == loc.span_of(0, len(text))
        assert loc.shifted_anchors(offset) == [(o + offset, ln, c) for o, ln, c in loc.anchors]


def test_a_located_without_anchors_ends_where_position_says() -> None:
    assert Located("", ()).ends() == (1, 1, 1, 2) and Located("ab", ()).shifted_anchors(3) == []


def _from_start(text: str, marks: list[tuple[int, int]]) -> tuple[tuple[int, int], ...]:
    """The marks of a normalized text: the first at its start, every one inside it."""
    ordered = sorted(m for m in marks if m[0] < len(text))
    return ((0, ordered[0][1] if ordered else 1), *[m for m in ordered if m[0]])


_PART = st.tuples(st.text(" \t　ab联系", min_size=1, max_size=6), st.integers(1, 60), _MARKS)


@settings(max_examples=300, deadline=None)
@given(st.lists(_PART, min_size=1, max_size=4), st.sampled_from(["", "\t", " "]))
def test_a_join_keeps_each_characters_origin(parts: list, sep: str) -> None:
    # (a piece's first mark is at its start, as every normalized text's is)
    pieces = [Located.on_line(text, line, _from_start(text, marks)) for text, line, marks in parts]
    joined = join_located(pieces, sep)
    expected_text = sep.join(p.text.strip() for p in pieces)
    assert joined.text == expected_text
    # every kept character comes from where it was in its piece
    at = 0
    for k, p in enumerate(pieces):
        at += len(sep) if k else 0
        lead = len(p.text) - len(p.text.lstrip())
        for i in range(len(p.text.strip())):
            assert joined.position(at + i) == p.position(lead + i)
        at += len(p.text.strip())


@settings(max_examples=300, deadline=None)
@given(st.lists(st.tuples(st.text(max_size=12), st.integers(1, 5000), _MARKS), max_size=5))
def test_cover_is_the_merged_span_of_the_texts(texts: list) -> None:
    locs = [loc for text, line, marks in texts for loc in _both_forms(text, line, marks)]
    merged = merge_spans([loc.span for loc in locs])
    cover = Located.cover(locs)
    assert (None if merged is None else Span(*cover) if cover else cover) == merged


@settings(max_examples=300, deadline=None)
@given(
    st.lists(st.tuples(st.text(max_size=8), st.integers(1, 60), _MARKS), max_size=5),
    st.sampled_from(["", "\t"]),
)
def test_concat_is_each_part_shifted_by_where_it_starts(texts: list, sep: str) -> None:
    parts = [loc for text, line, marks in texts for loc in _both_forms(text, line, marks)]
    joined = Located.concat(parts, sep)
    anchors, at = [], 0
    for p in parts:
        anchors += p.shifted_anchors(at)
        at += len(p.text) + len(sep)
    assert joined == Located(sep.join(p.text for p in parts), tuple(anchors))


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=12), st.integers(1, 5000), _MARKS)
def test_run_start_is_the_one_anchor_at_offset_zero(
    text: str, line: int, marks: list[tuple[int, int]]
) -> None:
    for loc in _both_forms(text, line, marks):
        anchors = loc.anchors
        expected = anchors[0][1:] if len(anchors) == 1 and anchors[0][0] == 0 else None
        assert loc.run_start() == expected
    assert Located("", ()).run_start() is None
