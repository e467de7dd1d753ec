"""Numbers stated in prose, as typed facts for the narrative rules (ACC005, ACC006).

- :class:`Figure`: a count that names what it counts (``共收到政府信息公开申请3件``,
  ``0件结转下年度办理``, ``有1件…申请了行政复议``, ``予以公开0件``).
- :class:`StatedSum`: a total followed by its parts (``64条，其中，政府文件信息2条，乡镇动态17条…``).
- :class:`Statement`: a claim of none (``没有收到政府信息公开申请``, ``没有…行政复议、…行政诉讼``).

Only section prose is read (tables and the preamble are not narrative). The text is the
paragraph's prose view, so ``主动公开政府信息 64条`` arrives as ``主动公开政府信息64条``.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from .anchored import counts_before, find_all, matches, merged
from .domain.numbers import COUNT, count_value
from .nodes import Figure, Paragraph, Section, StatedSum, Statement

_UNIT = r"(?:条|件|篇|个|次|期)"
# a count as written: digits, or groups of three after a comma ("1,234"); it starts at the first
# digit of its run (not after a digit, nor after a digit and a comma)
_N = r"(?<!\d)(?<!\d,)" + COUNT
_SUM = re.compile(
    r"(?P<total>" + _N + r")(?P<unit>" + _UNIT + r")(?:[，,：:]|(?P<paren>[（(]))?\s*其中\s*[：:，,]?"
)
_SENTENCE_END = re.compile(r"[。；;]")
_PAREN_END = re.compile(r"[）)]")
_PART = re.compile(r"(?P<label>[^，,、；;：:（）()\d]{1,24}?)(?P<n>" + _N + r")(?P<unit>" + _UNIT + ")")
_COMPLETE = re.compile(r"分别为|分别是")
# how far after ``其中`` a sum's parts may run: a real list of parts is one or two hundred characters;
# without a bound, a sentence of many sums took time quadratic in its length
_PARTS_REACH = 300

# a pattern that opens with a number starts only at the first digit of a run (``(?<!\d)``): the
# same matches, in linear time on a long run of digits
_FIGURES: tuple[tuple[str, re.Pattern[str]], ...] = (
    (
        "applications_received",
        re.compile(
            r"(?:收到|受理|接收)(?:各类)?(?P<pre>政府信息公开申请|依申请公开件|依申请公开申请|依申请公开)?"
            r"(?P<n>" + _N + r")(?P<unit>件|条)(?(pre)|(?:政府信息公开申请|依申请公开))"
        ),
    ),
    ("applications_closed", re.compile(r"办结(?:政府信息公开申请)?(?P<n>" + _N + r")(?P<unit>件)")),
    (
        "carried_forward",
        re.compile(
            r"(?P<n>"
            + _N
            + r")(?P<unit>件)(?:申请)?结转(?:至|到)?下(?:一)?年度|结转下年度(?:继续)?办理(?P<n2>"
            + _N
            + r")(?P<unit2>件)"
        ),
    ),
    (
        "review_cases",
        re.compile(
            r"(?P<n>"
            + _N
            + r")(?P<unit>件)[^。；;，,、]{0,24}?行政复议|行政复议(?:案件)?(?P<n2>"
            + _N
            + r")(?P<unit2>件)"
        ),
    ),
    (
        "litigation_cases",
        re.compile(
            r"(?P<n>"
            + _N
            + r")(?P<unit>件)[^。；;，,、]{0,24}?行政诉讼|行政诉讼(?:案件)?(?P<n2>"
            + _N
            + r")(?P<unit2>件)"
        ),
    ),
)
_OUTCOMES = re.compile(
    r"(?P<label>予以公开|部分公开|不予公开|本机关不掌握相关政府信息|无法提供|不予处理)(?P<n>"
    + _N
    + r")(?P<unit>件)"
)
_OUTCOME_QUANTITY = {
    "予以公开": "disclosed",
    "部分公开": "partially_disclosed",
    "不予公开": "withheld",
    "本机关不掌握相关政府信息": "unable_not_held",
    "无法提供": "unable",
    "不予处理": "not_processed",
}
_NO_APPLICATIONS = re.compile(r"(?:没有|未|无)(?:收到|受理|接到)(?:任何)?(?:政府信息公开|依申请公开)?申请")
_NO_REVIEW = re.compile(r"(?:没有|未|无)[^。；;，,]{0,20}?行政复议(?P<both>[^。；;]{0,12}?行政诉讼)?")


def _figure(p: Paragraph, m: re.Match[str], quantity: str, section: int, label: str = "") -> Figure:
    group = "n" if m.group("n") is not None else "n2"
    unit_group = "unit" if group == "n" else "unit2"
    return Figure(
        quantity=quantity,
        value=count_value(m.group(group)),
        unit=m.group(unit_group),
        label=label or m.group(0),
        span=p.body.span_of(m.start(group), m.end(group)),
        section=section,
    )


# every pattern of _FIGURES and _OUTCOMES has a count right before its unit 件 or 条 (the unit
# looked for, not the digit before it: a search of a class such as \d looks every character up)
_UNITS = ("件", "条")


# the words each pattern of _FIGURES (then _OUTCOMES) cannot match without: it runs only where
# one of them is
_FIGURE_WORDS: tuple[tuple[str, ...], ...] = (
    ("收到", "受理", "接收"),
    ("办结",),
    ("结转",),
    ("行政复议",),
    ("行政诉讼",),
)
_OUTCOME_WORDS = tuple(_OUTCOME_QUANTITY)
# where a match of each pattern of _FIGURES can start (see anchored.matches): at one of the words
# it opens with, or at a count that ends at most so many characters before a word
# (``3件结转``, ``1件…行政复议``: the unit, then up to 24 characters)
_FIGURE_STARTS: tuple[tuple[tuple[str, ...], tuple[str, int] | None], ...] = (
    (("收到", "受理", "接收"), None),
    (("办结",), None),
    (("结转下年度",), ("结转", 3)),  # 件, then 申请 or nothing
    (("行政复议",), ("行政复议", 25)),
    (("行政诉讼",), ("行政诉讼", 25)),
)
_NEGATIONS = ("没有", "未", "无")  # what _NO_APPLICATIONS and _NO_REVIEW open with


def _starts(text: str, opening: tuple[str, ...], counted: tuple[str, int] | None) -> list[int]:
    """Where a match can start: at a word of ``opening``, or at a count ending at most ``gap``
    characters before ``word`` (``counted``: (word, gap))."""
    if counted is None:
        return merged(find_all(text, opening))
    word, gap = counted
    return merged(find_all(text, opening), counts_before(text, [(at, gap) for at in find_all(text, (word,))]))


def _figures(p: Paragraph, section: int) -> Iterator[Figure]:
    text = p.text
    if not any(u in text for u in _UNITS):
        return
    for (quantity, pattern), words, (opening, counted) in zip(
        _FIGURES, _FIGURE_WORDS, _FIGURE_STARTS, strict=True
    ):
        if any(w in text for w in words):
            for m in matches(pattern, text, _starts(text, opening, counted)):
                yield _figure(p, m, quantity, section)
    if not any(w in text for w in _OUTCOME_WORDS):
        return
    for m in matches(_OUTCOMES, text, _starts(text, _OUTCOME_WORDS, None)):
        yield _figure(p, m, _OUTCOME_QUANTITY[m.group("label")], section, m.group("label"))


def _sum_starts(text: str) -> list[int]:
    """Where a match of _SUM can start: at a count before 其中, with the unit, a separator and the
    spaces before 其中 between them."""
    places = []
    for at in find_all(text, ("其中",)):
        space = at
        while space > 0 and text[space - 1].isspace():
            space -= 1
        places.append((at, 2 + at - space))
    return merged(counts_before(text, places))


def _sums(p: Paragraph, section: int) -> Iterator[StatedSum]:
    text = p.text
    if "其中" not in text:
        return  # _SUM ends with 其中
    for m in matches(_SUM, text, _sum_starts(text)):
        unit = m.group("unit")
        start = m.end()
        end = (_PAREN_END if m.group("paren") else _SENTENCE_END).search(text, start, start + _PARTS_REACH)
        parts_text = text[start : end.start() if end else min(len(text), start + _PARTS_REACH)]
        parts = []
        for pm in _PART.finditer(parts_text):
            if pm.group("unit") != unit:
                break
            parts.append(
                Figure(
                    "part",
                    count_value(pm.group("n")),
                    unit,
                    pm.group("label").strip(" ，,、"),
                    p.body.span_of(start + pm.start("n"), start + pm.end("n")),
                    section,
                )
            )
        if not parts:
            continue
        before = text[max(0, m.start() - 24) : m.start()]
        label = re.split(r"[，,。；;：:、（）()]", before)[-1]
        total = Figure(
            "total",
            count_value(m.group("total")),
            unit,
            label,
            p.body.span_of(m.start("total"), m.end("total")),
            section,
        )
        complete = bool(_COMPLETE.search(parts_text))
        last = parts[-1].span
        yield StatedSum(total, tuple(parts), complete, total.span.merge(last))


def _statements(p: Paragraph, section: int) -> Iterator[Statement]:
    if "申请" not in p.text and "行政复议" not in p.text:
        return  # what each pattern ends with
    negations = merged(find_all(p.text, _NEGATIONS))
    for m in matches(_NO_APPLICATIONS, p.text, negations):
        yield Statement("applications_received", 0, m.group(0), p.body.span_of(m.start(), m.end()), section)
    for m in matches(_NO_REVIEW, p.text, negations):
        quantity = "review_litigation" if m.group("both") else "review_cases"
        yield Statement(quantity, 0, m.group(0), p.body.span_of(m.start(), m.end()), section)


def extract(sections: list[Section]) -> tuple[list[Figure], list[StatedSum], list[Statement]]:
    figures: list[Figure] = []
    sums: list[StatedSum] = []
    statements: list[Statement] = []
    for s in sections:
        for p in s.paragraphs:
            figures.extend(_figures(p, s.number))
            sums.extend(_sums(p, s.number))
            statements.extend(_statements(p, s.number))
    return figures, sums, statements
