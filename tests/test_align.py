"""Grid rows → template rows and columns (disclint.parse.align)."""

from __future__ import annotations

from disclint.nodes import BLANK, NUMBER, Span
from disclint.parse.align import fit_columns, place_rows
from disclint.parse.normalize import Value

TEMPLATE = ["1.属于国家秘密", "2.其他法律行政法规禁止公开", "3.危及“三安全一稳定”", "3.其他"]


def _match(label: str, candidates: tuple[int, ...], fuzzy: bool) -> tuple[int, float] | None:
    """Exact label → 1.0; with ``fuzzy``, a shared word (其他) → 0.7."""
    for i in candidates:
        if TEMPLATE[i] == label:
            return i, 1.0
    if fuzzy:
        for i in candidates:
            if "其他" in label and "其他" in TEMPLATE[i]:
                return i, 0.7
    return None


def test_a_garbled_label_goes_between_its_neighbours_not_to_a_loose_match_further_on() -> None:
    placed = place_rows(["1.属于国家秘密", "2.其他法律行政止公开", "3.危及“三安全一稳定”"], 4, _match)
    assert placed.index == (0, 1, 2)
    assert placed.by_order == (False, True, False)


def test_a_label_with_no_neighbours_to_go_by_takes_its_loose_match() -> None:
    placed = place_rows(["1.属于国家秘密", "其他事项"], 4, _match)
    assert placed.index == (0, 1)  # the first free row that shares the word, never a row twice


def test_an_unmatchable_label_at_the_end_stays_unplaced() -> None:
    assert place_rows(["1.属于国家秘密", "合计"], 4, _match).index == (0, None)


def _v(kind: str, raw: str = "0") -> Value:
    return Value(raw if kind == NUMBER else "", 0 if kind == NUMBER else None, None, Span(1, 1, 1, 2), kind)


def test_surplus_blanks_are_dropped_left_first_numbers_never() -> None:
    row = [_v(BLANK), _v(NUMBER, "5"), _v(BLANK), _v(NUMBER, "5"), _v(BLANK)]
    assert [v.kind for v in fit_columns(row, 3)] == [NUMBER, BLANK, NUMBER]
    assert fit_columns(row, 5) == tuple(row)
    assert len(fit_columns([_v(NUMBER)] * 4, 3)) == 4  # an extra number stays: the row is incomplete
