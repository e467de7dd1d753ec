"""The report's identity and frame, each fact with its evidence: title, organ, year, period,
report date and the format notice cited.

One owner per fact. Every value is a :class:`~disclint.nodes.Fact` that says where it was read
(``source``: title | chrome_metadata | preamble | period | contact | publisher | body) and how much
to trust it (``confidence``), with the span of its evidence in the original text. Page chrome is
classified first (:mod:`disclint.chrome`) and never read as content; matching runs on a
simplified, space-free view (:mod:`disclint.textforms`), so Traditional-Chinese pages and
justified PDF text (``2024 年 1 月 1 日``) read like any other.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Iterator, Sequence
from typing import overload

from . import chrome, dates, notice
from .domain import dates as domain_dates
from .nodes import DateMark, Fact, Located, Metadata, Paragraph, Period, Section, YearMention
from .textforms import ScriptView, join, joined_view, line_view, script_view

_YEAR = domain_dates.YEAR
TITLE_MARK = re.compile(r"年度报告|年报|工作报告")
_TITLE = re.compile(rf"^(?P<pre>.*?)(?P<year>{_YEAR})年度?(?P<post>.*?)(?:政府)?信息公开")
_TITLE_NO_YEAR = re.compile(r"^(?P<pre>.+?)(?:政府)?信息公开")
_NAME_CHARS = r"[^,。;:()《》、“”\"<>〈〉]"
# the preamble naming the report: 现公布区统计局2021年度政府信息公开年度报告, 汇报我镇2023年政府信息公开工作
_PREAMBLE = re.compile(
    rf"(?:公布|发布|公开|编制(?:完成)?了?|编制的|汇报|现将|现就)《?(?P<a>{_NAME_CHARS}{{0,30}}?)"
    rf"(?P<year>{_YEAR})年度?(?P<b>{_NAME_CHARS}{{0,20}}?)(?:政府)?信息公开(?:工作)?"
)
# the office inside the organ that answers questions: 请与××街道综合办公室联系
_OFFICE = r"(?:综合|党政|行政|政务公开)?办公室|综合办|党政办|信息科|综合信息指挥室"
_CONTACT_ORGAN = re.compile(
    rf"(?:请与|直接与|请联系:?)(?P<organ>{_NAME_CHARS}{{2,30}}?)(?:{_OFFICE})*(?:联系|\()"
)
_BODY_YEAR = re.compile(rf"^(?P<year>{_YEAR})年(?:度|以来|来)?,")
_ORGAN_END = re.compile(
    r"(?:局|委|委员会|政府|管委会|中心|办事处|镇|乡|街道|办公室|区|县|市|省|厅|院|馆|所|站|队|会|部|署|处|办|旗|盟|州|场|社区)$"
)
_UNNAMED = re.compile(r"^(?:我|本)")
_TITLE_SUFFIX = re.compile(r"[-_|–—].*$")  # a portal's page title: 名称-站点名
_SUBHEADING = re.compile(r"^\([一二三四五六七八九十]{1,2}\)")
OPENING_LINES = 12  # lines of section 一 read with the preamble (PDF lines are short)
OPENING_SCAN = 120  # lines looked at for chrome, title and the opening
TITLE_LINES = 3
# how the preamble's sentence starts (根据《条例》…, 按照…要求): a title never does, though the
# notice it cites names 信息公开 and 年度报告
_SENTENCE_START = re.compile(r"^(?:根据|按照|依据|依照|遵照|为贯彻|现将|本报告)")
# what only a citation of the format notice has: its inner quotes and its document number
_CITATION = re.compile(r"[〈〉<>〔〕]|办函")
_CLAUSE = re.compile(r"[。,;]")  # a title has no clauses (text of the folded view)


def _not_title(text: str) -> bool:
    """A line of the preamble's sentence, not of a title."""
    return bool(_SENTENCE_START.match(text) or _CITATION.search(text) or _CLAUSE.search(text))


TITLE_CHARS = 40  # the lines of a split title are short

CONFIDENCE = {
    "title": 0.95,
    "chrome_metadata": 0.8,
    "preamble": 0.85,
    "period": 0.9,
    "contact": 0.6,
    "publisher": 0.5,
    "body": 0.5,
}


def _organ_like(name: str) -> bool:
    return len(name) >= 2 and not _UNNAMED.match(name) and bool(_ORGAN_END.search(name))


def _fact(value: str, source: str, view: ScriptView, start: int, end: int) -> Fact:
    return Fact(value, source, CONFIDENCE[source], view.span_of(start, end), view.source(start, end))


def _year_fact(m: re.Match[str], source: str, view: ScriptView) -> Fact:
    year = str(domain_dates.year_value(m.group("year")))
    return _fact(year, source, view, m.start("year"), m.end("year"))


def _read_title(view: ScriptView, source: str) -> tuple[Fact | None, Fact | None]:
    """Organ and year named in a title."""
    text = view.text
    m = _TITLE.match(text)
    if m is not None:
        year = _year_fact(m, source, view)
        for group in ("pre", "post"):
            name = m.group(group).strip("《》 ")
            if name:
                start = m.start(group) + (len(m.group(group)) - len(m.group(group).lstrip("《》 ")))
                return _fact(
                    view.source(start, start + len(name)), source, view, start, start + len(name)
                ), year
        return None, year
    m2 = _TITLE_NO_YEAR.match(text)
    if m2 is not None and (name := m2.group("pre").strip("《》 ")):
        start = m2.start("pre") + m2.group("pre").index(name)
        return _fact(view.source(start, start + len(name)), source, view, start, start + len(name)), None
    return None, None


def _title(views: Sequence[ScriptView], chrome_lines: set[int], end: int) -> tuple[int, int] | None:
    """The lines [i, j) of the title among the opening lines: the first short lines naming the
    report (…信息公开…年度报告), a split title's parts joined."""
    content = [k for k in range(end) if views[k].text and _line_of(views[k]) not in chrome_lines]
    texts = {k: views[k].text for k in content}

    def names_report(text: str) -> bool:
        return bool(TITLE_MARK.search(text)) and "信息公开" in text

    for k in content:
        if len(texts[k]) > TITLE_CHARS + 20 or _not_title(texts[k]):
            continue
        last = k
        if not names_report(texts[k]):
            nxt = k + 1 if k + 1 in texts and len(texts[k + 1]) <= TITLE_CHARS else None
            if nxt is None or TITLE_MARK.search(texts[k]) or not names_report(texts[k] + texts[nxt]):
                continue
            last = nxt
        first = k
        while (
            first - 1 in texts
            and last - first + 1 < TITLE_LINES
            and len(texts[first - 1]) <= TITLE_CHARS
            and not TITLE_MARK.search(texts[first - 1])
            and not re.search(r"[。,:;]", texts[first - 1])
            and not _not_title(texts[first - 1])
        ):
            first -= 1
        return first, last + 1
    return None


def extract(
    lines: Sequence[Located],
    preamble: Sequence[Paragraph],
    sections: Sequence[Section],
    report_dates: Sequence[DateMark] = (),
) -> Metadata:
    """``lines``: the document's lines (normalized, spaces kept), in order."""
    lines = lines[:OPENING_SCAN]  # the opening is near the top: chrome, title, preamble, section 一
    views = _Views(lines)
    chrome_found, end = chrome.classify(views, [loc.text for loc in lines])
    chrome_lines = {c.line for c in chrome_found}

    title_view: ScriptView | None = None
    title_range = _title(views, chrome_lines, end)
    title_lines: tuple[int, ...] = ()
    if title_range is not None:
        parts = [lines[k] for k in range(*title_range)]
        title_view = joined_view(parts, fold=True)
        title_lines = tuple(_line_of(views[k]) for k in range(*title_range))

    organs: list[Fact] = []
    years: list[Fact] = []
    mentions: list[YearMention] = []
    if title_view is not None:
        organ, year = _read_title(title_view, "title")
        organs += [organ] if organ else []
        if year is not None:
            years.append(year)
            mentions.append(YearMention(int(year.value), "title", year.span))
    for c in chrome_found:
        if c.label in ("名称", "标题") and c.value is not None:
            named = script_view(c.value, fold=True, squeeze=True)
            cut = _TITLE_SUFFIX.search(named.text)
            named = named if cut is None else script_view(named.source_located(0, cut.start()), fold=True)
            organ, year = _read_title(named, "chrome_metadata")
            organs += [organ] if organ else []
            if year is not None:
                years.append(year)
                mentions.append(YearMention(int(year.value), "portal-title", year.span))

    # the prose of the opening: the preamble and the start of section 一, without chrome and title
    skip = chrome_lines | set(title_lines)
    opening = [lines[k] for k in range(_opening_end(views, end)) if _line_of(views[k]) not in skip]
    flow = joined_view(opening, fold=True) if opening else None
    if flow is not None:
        for m in _PREAMBLE.finditer(flow.text):
            for group in ("a", "b"):
                name = m.group(group)
                if _organ_like(name):
                    organs.append(
                        _fact(flow.source(m.start(group), m.end(group)), "preamble", flow, *m.span(group))
                    )
            year = _year_fact(m, "preamble", flow)
            years.append(year)
            mentions.append(YearMention(int(year.value), "preamble-title", year.span))
        for m in _CONTACT_ORGAN.finditer(flow.text):
            if _organ_like(m.group("organ")):
                organs.append(_fact(flow.source(*m.span("organ")), "contact", flow, *m.span("organ")))
    for c in chrome_found:
        if c.label in ("发布机构", "发文机关", "单位") and c.value is not None:
            v = script_view(c.value, fold=True, squeeze=True)
            if _organ_like(v.text):
                organs.append(_fact(v.original, "publisher", v, 0, len(v.text)))

    period = _period(flow, preamble, sections)
    if period is not None:
        years.append(Fact(str(period.start.year), "period", CONFIDENCE["period"], period.span, period.text))
    years += _body_years(views, skip, end)

    bodies = [p.body for p in preamble] or ([join(opening)] if opening else [])
    cites = notice.citations(bodies) or notice.citations([p.body for s in sections for p in s.paragraphs])

    title_loc = title_view.source_located() if title_view is not None else None
    return Metadata(
        title=title_loc,
        title_lines=title_lines,
        organs=tuple(sorted(organs, key=lambda f: -f.confidence)),
        years=tuple(sorted(years, key=lambda f: -f.confidence)),
        year_mentions=tuple(_unique(mentions)),
        period=period,
        report_date=signed[-1]
        if (signed := [d for d in report_dates if d.span.line not in chrome_lines])
        else None,
        citations=tuple(cites),
        chrome=tuple(chrome_found),
    )


class _Views(Sequence[ScriptView]):
    """The lines' matching views, made when first looked at (the opening is a few lines)."""

    def __init__(self, lines: Sequence[Located]) -> None:
        self._lines = lines
        self._views: dict[int, ScriptView] = {}

    def __len__(self) -> int:
        return len(self._lines)

    def __iter__(self) -> Iterator[ScriptView]:
        """Each line's view in turn, made when first reached (as ``self[k]``, without a call of
        ``__getitem__`` per line: chrome.classify reads the lines so)."""
        views = self._views
        for k, loc in enumerate(self._lines):
            view = views.get(k)
            if view is None:
                view = views[k] = line_view(loc)
            yield view

    @overload
    def __getitem__(self, k: int) -> ScriptView: ...
    @overload
    def __getitem__(self, k: slice) -> Sequence[ScriptView]: ...
    def __getitem__(self, k: int | slice) -> ScriptView | Sequence[ScriptView]:
        if type(k) is int and k >= 0 and (view := self._views.get(k)) is not None:
            return view  # made before (the usual case)
        if isinstance(k, slice):
            return [self[i] for i in range(*k.indices(len(self)))]
        if k < 0:
            k += len(self)
        if not 0 <= k < len(self):
            raise IndexError(k)
        if k not in self._views:
            self._views[k] = line_view(self._lines[k])
        return self._views[k]


def _line_of(view: ScriptView) -> int:
    """The line a view starts on (``view.located.span.line``, without making the span)."""
    return view.located.position(0)[0]


def _opening_end(views: Sequence[ScriptView], end: int) -> int:
    """The opening runs to the first sub-heading or second heading after the first heading."""
    for k in range(end + 1, min(len(views), end + OPENING_LINES)):
        key = views[k].text
        if chrome.is_heading(key) or _SUBHEADING.match(key):
            return k
    return min(len(views), end + OPENING_LINES)


def _unique(mentions: list[YearMention]) -> list[YearMention]:
    seen = set()
    out = []
    for m in mentions:
        if m.span not in seen:
            seen.add(m.span)
            out.append(m)
    return out


def _period(
    flow: ScriptView | None, preamble: Sequence[Paragraph], sections: Sequence[Section]
) -> Period | None:
    bodies = [p.body for p in preamble] + [p.body for s in sections for p in s.paragraphs]
    views = (script_view(b, fold=True, squeeze=True) for b in bodies)
    for view in itertools.chain([flow] if flow is not None else [], views):
        for m in dates.find_periods(view.text):
            return Period(m.start, m.end, view.source(m.begin, m.stop), view.span_of(m.begin, m.stop))
    return None


def _body_years(views: Sequence[ScriptView], skip: set[int], end: int) -> list[Fact]:
    """``2021年，我局…``: the year a paragraph of the opening or of section 一 starts with."""
    out = []
    for k in range(min(len(views), end + 6)):
        view = views[k]
        if _line_of(view) in skip:
            continue
        m = _BODY_YEAR.match(view.text)
        if m is not None:
            out.append(_year_fact(m, "body", view))
            break
    return out
