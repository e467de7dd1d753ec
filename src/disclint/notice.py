"""The format notice a report cites: by its number, by a number that lost a bracket, or by title.

The two notices disclint knows (the only place that maps them):
- 〔2019〕60号 — 《国务院办公厅政府信息与政务公开办公室关于政府信息公开工作年度报告有关事项的通知》,
  which issued the 《…年度报告格式（试行）》;
- 〔2021〕30号 — 《…关于印发〈中华人民共和国政府信息公开工作年度报告格式〉的通知》.

Matching runs on a simplified, space-free, half-width view (see :mod:`textforms`), so
``國辦公開辦函〔2021〕30號`` and ``国办公开办函〔202130号`` are read alike; spans point into the
original text.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from .anchored import find_all, matches, merged
from .nodes import FormatCitation, Located
from .textforms import script_view

# (year, number) → the format key used by rules and templates
FORMAT_NOTICES: dict[tuple[int, int], str] = {(2019, 60): "60", (2021, 30): "30"}
NOTICE_YEAR = {key: year for (year, _n), key in FORMAT_NOTICES.items()}
NOTICE_NAMES = {key: f"国办公开办函〔{year}〕{n}号" for (year, n), key in FORMAT_NOTICES.items()}

_OPENING = "〔[［(（【"
_OPEN = f"[{re.escape(_OPENING)}]"
_CLOSE = r"[〕\]］)）】]"
_NUMBER = re.compile(
    rf"(?P<prefix>国办公开办函)?{_OPEN}(?P<year>20\d\d)(?P<close>{_CLOSE})?(?P<number>\d{{1,3}})号"
)
_TITLES: tuple[tuple[re.Pattern[str], str], ...] = (
    (re.compile(r"关于政府信息公开(?:工作)?年度报告有关事项的通知"), "60"),
    (re.compile(r"政府信息公开工作年度报告格式[>〉》]?\(试行\)"), "60"),
    (re.compile(r"关于印发[<〈《]?(?:中华人民共和国)?政府信息公开工作年度报告格式[>〉》]?的通知"), "30"),
    (re.compile(r"《中华人民共和国政府信息公开工作年度报告格式》"), "30"),
)
# where a match of _NUMBER can start (anchored.matches): at the prefix, else at the bracket
_NUMBER_STARTS = ("国办公开办函", *_OPENING)
# a title followed this closely by a number is a citation by number
_TITLE_NUMBER_GAP = 24


def citations(bodies: Sequence[Located]) -> list[FormatCitation]:
    """Every citation of a format notice in ``bodies``, in reading order."""
    found: list[FormatCitation] = []
    for body in bodies:
        view = script_view(body, fold=True, squeeze=True)
        text = view.text
        numbers: list[tuple[int, int]] = []
        for m in matches(_NUMBER, text, merged(find_all(text, _NUMBER_STARTS))):
            year, number = int(m.group("year")), int(m.group("number"))
            if not (m.group("prefix") or (year, number) in FORMAT_NOTICES):
                continue
            numbers.append((m.start(), m.end()))
            notice = FORMAT_NOTICES.get((year, number), str(number))
            how = "number" if m.group("close") else "lost-bracket"
            span = view.span_of(m.start("number"), m.end())
            found.append(FormatCitation(notice, year, view.source(m.start(), m.end()), span, how))
        titles: list[tuple[int, int]] = []
        for pattern, notice in _TITLES:
            for m in pattern.finditer(text):
                if any(m.start() <= b and a - m.end() <= _TITLE_NUMBER_GAP for a, b in numbers):
                    continue
                if any(a <= m.start() and m.end() <= b for a, b in titles):
                    continue
                titles.append((m.start(), m.end()))
                span = view.span_of(m.start(), m.end())
                found.append(
                    FormatCitation(
                        notice, NOTICE_YEAR[notice], view.source(m.start(), m.end()), span, "title"
                    )
                )
    return sorted(found, key=lambda c: (c.span.line, c.span.column))
