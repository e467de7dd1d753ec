"""Dates as written in a report's signature line: 2021年1月25日, 2021-01-25 (or with . /) and
二〇二一年一月二十五日."""

from __future__ import annotations

import re
from datetime import date

from . import numerals

# a year as written: in digits, or digit by digit in Chinese numerals (二〇二四, as formal titles
# write it); :func:`year_value` reads either
DIGIT_YEAR = r"(?:19|20)\d\d"
CHINESE_YEAR = rf"(?:一九|二[〇○零]){numerals.DIGIT}{{2}}"
YEAR = rf"{DIGIT_YEAR}|{CHINESE_YEAR}"


def year_value(written: str) -> int | None:
    """``2024`` or ``二〇二四`` → 2024."""
    return int(written) if written.isdigit() else numerals.digits_value(written)


_FORMS = (
    (re.compile(r"(\d{4})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日"), int, int),
    (re.compile(r"(\d{4})[-./](\d{1,2})[-./](\d{1,2})"), int, int),
    (
        re.compile(
            rf"({numerals.DIGIT}{{4}})\s*年\s*({numerals.COUNTING}{{1,3}})\s*月\s*({numerals.COUNTING}{{1,3}})\s*日"
        ),
        numerals.digits_value,
        numerals.value,
    ),
)


def is_date(text: str) -> bool:
    """Whether the whole of ``text`` is a date in one of the written forms (valid or not)."""
    return any(pattern.fullmatch(text) for pattern, _y, _md in _FORMS)


def parse_date(text: str) -> date | None:
    """The date that the whole of ``text`` writes; None when it is no date or no real day."""
    for pattern, year_of, number_of in _FORMS:
        m = pattern.fullmatch(text)
        if m is None:
            continue
        year, month, day = year_of(m.group(1)), number_of(m.group(2)), number_of(m.group(3))
        if year is None or month is None or day is None:
            return None
        try:
            return date(year, month, day)
        except ValueError:
            return None
    return None
