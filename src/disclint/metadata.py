"""Report metadata read from the title and preamble: organ, year, format citation, period."""

from __future__ import annotations

import re
from datetime import date

from .nodes import FormatCitation, Located, Paragraph, Period, YearMention

# the first year of the title; the organ is the text before it (a lazy ``^(.*?)\s*`` prefix took
# quadratic time in a run of spaces)
_TITLE_YEAR = re.compile(r"(?P<year>(?:19|20)\d{2})\s*年度?")
# ``(?<!\s)``: a match starts at the first blank before the bracket, never inside the run
_CITATION = re.compile(
    r"(?:国办公开办函|(?<!\s))\s*[〔\[［(（【]\s*(?P<year>20\d{2})\s*[〕\]］)）】]\s*(?P<number>\d{1,3})\s*号"
)
_PERIOD = re.compile(
    r"(?P<y1>(?:19|20)\d{2})年(?P<m1>\d{1,2})月(?P<d1>\d{1,2})日?\s*(?:至|到|—|－|-|~|～)\s*"
    r"(?:(?P<y2>(?:19|20)\d{2})年)?(?P<m2>\d{1,2})月(?P<d2>\d{1,2})日"
)
_PREAMBLE_TITLE = re.compile(r"《[^《》]{0,40}?(?P<year>(?:19|20)\d{2})年[^《》]{0,20}?年度报告》")
# the format notices: 〔2019〕60号 and 〔2021〕30号 are the ones disclint knows
FORMAT_NOTICES = {(2019, 60): "60", (2021, 30): "30"}


def organ_and_year(title: Located | None) -> tuple[str | None, int | None, YearMention | None]:
    if title is None:
        return None, None, None
    m = _TITLE_YEAR.search(title.text)
    before = title.text[: m.start()] if m else ""
    if not m or "\n" in before.rstrip():
        return title.text.strip() or None, None, None
    organ = before.rstrip().strip(" 《》") or None
    year = int(m.group("year"))
    return organ, year, YearMention(year, "title", title.span_of(m.start("year"), m.end("year")))


def citations(paragraphs: list[Paragraph]) -> list[FormatCitation]:
    found: list[FormatCitation] = []
    for p in paragraphs:
        for m in _CITATION.finditer(p.text):
            year, number = int(m.group("year")), int(m.group("number"))
            if not (m.group(0).lstrip().startswith("国办公开办函") or (year, number) in FORMAT_NOTICES):
                continue
            notice = FORMAT_NOTICES.get((year, number), str(number))
            span = p.body.span_of(m.start("number"), m.end())
            found.append(FormatCitation(notice, year, m.group(0).strip(), span))
    return found


def period(paragraphs: list[Paragraph]) -> Period | None:
    for p in paragraphs:
        for m in _PERIOD.finditer(p.text):
            y1 = int(m.group("y1"))
            y2 = int(m.group("y2") or y1)
            try:
                start = date(y1, int(m.group("m1")), int(m.group("d1")))
                end = date(y2, int(m.group("m2")), int(m.group("d2")))
            except ValueError:
                continue
            return Period(start, end, m.group(0), p.body.span_of(m.start(), m.end()))
    return None


def preamble_years(paragraphs: list[Paragraph]) -> list[YearMention]:
    """Years of the report as named in the preamble: ``现发布《××2024年政府信息公开工作年度报告》``."""
    out = []
    for p in paragraphs:
        for m in _PREAMBLE_TITLE.finditer(p.text):
            out.append(
                YearMention(
                    int(m.group("year")), "preamble-title", p.body.span_of(m.start("year"), m.end("year"))
                )
            )
    return out
