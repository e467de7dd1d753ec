"""A pattern tried only where its matches can start finds what ``finditer`` finds: the places
facts gives :func:`disclint.anchored.matches` miss no match."""

from __future__ import annotations

import re

from hypothesis import given
from hypothesis import strategies as st

from disclint import facts, notice
from disclint.anchored import counts_before, find_all, matches, merged

FRAGMENTS = (
    "收到", "受理", "接收", "接到", "办结", "结转", "至", "下一年度", "下年度", "继续办理", "行政复议", "行政诉讼",
    "案件", "予以公开", "部分公开", "不予公开", "本机关不掌握相关政府信息", "无法提供", "不予处理", "政府信息公开申请",
    "依申请公开", "各类", "申请", "其中", "分别为", "没有", "未", "无", "任何", "3件", "12条", "1,234件", "12,34件",
    "0件", "7", "2,", "45", "件", "条", "篇", "个", "，", ",", "。", "：", "、", " ", "  ", "\t", "（", "(", ")", "a",
)  # fmt: skip


def _found(ms: object) -> list[tuple[tuple[int, int], dict[str, str | None]]]:
    return [(m.span(), m.groupdict()) for m in ms]  # type: ignore[attr-defined]


def facts_scans(text: str) -> list[tuple[re.Pattern[str], list[int]]]:
    """Each pattern of facts with the places facts tries it at."""
    scans = [
        (pattern, facts._starts(text, opening, counted))
        for (_q, pattern), (opening, counted) in zip(facts._FIGURES, facts._FIGURE_STARTS, strict=True)
    ]
    negations = merged(find_all(text, facts._NEGATIONS))
    scans += [
        (facts._OUTCOMES, facts._starts(text, facts._OUTCOME_WORDS, None)),
        (facts._SUM, facts._sum_starts(text)),
        (facts._NO_APPLICATIONS, negations),
        (facts._NO_REVIEW, negations),
    ]
    return scans


@given(st.lists(st.sampled_from(FRAGMENTS), max_size=40))
def test_facts_patterns_tried_at_their_starts_find_every_match(parts: list[str]) -> None:
    text = "".join(parts)
    for pattern, starts in facts_scans(text):
        assert _found(matches(pattern, text, starts)) == _found(pattern.finditer(text)), pattern.pattern


def test_a_count_is_found_back_to_its_first_digit() -> None:
    text = "共1,234,567件其中"
    # the count's last digit is 0 characters before 件 and 1 before 其中: its first digit is far back
    assert counts_before(text, [(text.index("其中"), 1)]) == [1, 3, 7]
    assert _found(matches(facts._SUM, text, facts._sum_starts(text))) == _found(facts._SUM.finditer(text))
    assert [m.group("total") for m in matches(facts._SUM, text, facts._sum_starts(text))] == ["1,234,567"]


def test_a_match_tried_later_still_reads_the_text_before_it() -> None:
    # the count's look-behind sees the digit before the place tried: "234件" of "1,234件" is no count
    pattern = facts._FIGURES[2][1]  # carried_forward
    text = "1,234件结转下年度"
    assert [m.group("n") for m in matches(pattern, text, [2])] == []
    assert [m.group("n") for m in matches(pattern, text, [0, 2])] == ["1,234"]


def test_find_all_gives_overlapping_places_moved_back() -> None:
    assert find_all("aaa", ("aa",)) == [0, 1]
    assert find_all("xab", ("ab",), back=2) == [0]
    assert merged([5, 1], [1, 3]) == [1, 3, 5]


NOTICE_FRAGMENTS = (
    "国办公开办函", "国办", "〔", "[", "［", "(", "（", "【", "〕", "]", ")", "2019", "2021", "20", "60", "30", "号",
    "1", "函", "a",
)  # fmt: skip


@given(st.lists(st.sampled_from(NOTICE_FRAGMENTS), max_size=30))
def test_notice_numbers_tried_at_their_starts_find_every_match(parts: list[str]) -> None:
    text = "".join(parts)
    starts = merged(find_all(text, notice._NUMBER_STARTS))
    assert _found(matches(notice._NUMBER, text, starts)) == _found(notice._NUMBER.finditer(text))
