"""Dates as reports write them, including the forms extraction leaves behind.

``2024年1月1日``, ``2024年1月1日起至12月31日止`` (end year left out), and the forms where the
characters 年/月 were lost in extraction: ``202411日`` (2024-01-01), ``20241231日``,
``20241月1日``. The statistics period is matched on a compact (space-free, half-width) view.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from .domain import numerals
from .domain.dates import CHINESE_YEAR, DIGIT_YEAR, year_value

# one date: year, then month and day with their characters, or a run of digits that lost them
_START = rf"(?P<y1>{DIGIT_YEAR})(?:年?(?P<m1>\d{{1,2}})月(?P<d1>\d{{1,2}})日?|(?P<md1>\d{{2,4}})日)"
_END = rf"(?:(?P<y2>{DIGIT_YEAR})年?)?(?:(?P<m2>\d{{1,2}})月(?P<d2>\d{{1,2}})日?|(?P<md2>\d{{2,4}})日)"
_TO = r"(?:起)?(?:至|到|—|-|~|–|－|～)"
_PERIOD = re.compile(_START + _TO + _END)
# the same in Chinese numerals: 二〇二三年一月一日至二〇二三年十二月三十一日 (end year optional)
_MD = numerals.COUNTING + "{1,3}"
_CHINESE_PERIOD = re.compile(
    rf"(?P<y1>{CHINESE_YEAR})年(?P<m1>{_MD})月(?P<d1>{_MD})日{_TO}"
    rf"(?:(?P<y2>{CHINESE_YEAR})年)?(?P<m2>{_MD})月(?P<d2>{_MD})日"
)


def month_day(digits: str) -> tuple[int, int] | None:
    """Month and day from digits whose 月 was lost: ``11`` → (1, 1), ``1231`` → (12, 31);
    three digits only when one reading is a valid date."""
    if len(digits) == 2:
        return int(digits[0]), int(digits[1])
    if len(digits) == 4:
        return int(digits[:2]), int(digits[2:])
    if len(digits) == 3:
        readings = [(int(digits[0]), int(digits[1:])), (int(digits[:2]), int(digits[2]))]
        valid = [r for r in readings if _valid(2000, *r)]
        return valid[0] if len(valid) == 1 else None
    return None


def _valid(year: int, month: int, day: int) -> bool:
    try:
        date(year, month, day)
    except ValueError:
        return False
    return True


@dataclass(frozen=True)
class PeriodMatch:
    start: date
    end: date
    begin: int  # offsets of the match in the searched text
    stop: int
    lost_characters: bool  # 年/月 missing in the text (``202411日``)


def find_periods(text: str) -> list[PeriodMatch]:
    """Every ``start 至 end`` in ``text`` that names a valid, ordered pair of dates."""
    out = []
    for m in _PERIOD.finditer(text):
        y1 = int(m.group("y1"))
        md1 = (int(m.group("m1")), int(m.group("d1"))) if m.group("m1") else month_day(m.group("md1"))
        md2 = (int(m.group("m2")), int(m.group("d2"))) if m.group("m2") else month_day(m.group("md2"))
        if md1 is None or md2 is None:
            continue
        y2 = int(m.group("y2")) if m.group("y2") else y1
        if not (_valid(y1, *md1) and _valid(y2, *md2)):
            continue
        start, end = date(y1, *md1), date(y2, *md2)
        if end < start:
            continue
        lost = m.group("md1") is not None or m.group("md2") is not None or "年" not in m.group(0)
        out.append(PeriodMatch(start, end, m.start(), m.end(), lost))
    if "年" in text and any(c in text for c in "〇○零"):
        out.extend(_chinese_periods(text))
        out.sort(key=lambda p: p.begin)
    return out


def _chinese_periods(text: str) -> list[PeriodMatch]:
    out = []
    for m in _CHINESE_PERIOD.finditer(text):
        y1, y2 = year_value(m.group("y1")), year_value(m.group("y2") or m.group("y1"))
        numbers = [numerals.value(m.group(g)) for g in ("m1", "d1", "m2", "d2")]
        if y1 is None or y2 is None or any(n is None for n in numbers):
            continue
        m1, d1, m2, d2 = (n or 0 for n in numbers)
        if not (_valid(y1, m1, d1) and _valid(y2, m2, d2)) or date(y2, m2, d2) < date(y1, m1, d1):
            continue
        out.append(PeriodMatch(date(y1, m1, d1), date(y2, m2, d2), m.start(), m.end(), False))
    return out
