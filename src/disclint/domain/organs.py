"""The kind of organ that publishes a report, read from its name (条例第四十九条; domain.md §1.2),
and the publication deadline that follows from it.

- ``government``: a 县级以上 people's government's own report (``银川市西夏区``,
  ``××区人民政府``, ``宁夏回族自治区人民政府``): 3月31日 of the following year.
- ``township``: 乡、镇、民族乡, 苏木 (the township level in Inner Mongolia) and 街道 (``××街道``,
  ``××街道办``, ``××街道办事处``), with or without ``人民政府``: 1月31日 in practice.
- ``department``: everything else (``××区民政局``, ``××市人民政府办公室``): 1月31日.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from datetime import date

from ..messages import Text

KINDS: tuple[str, ...] = ("department", "township", "government")
_KIND_TEXT: Mapping[str, Text] = {
    "department": Text("政府部门", "government department"),
    "township": Text("乡镇（街道）", "township or sub-district"),
    "government": Text("本级人民政府", "government's own report"),
}
DEFAULT_DEADLINES: Mapping[str, str] = {"department": "01-31", "township": "01-31", "government": "03-31"}


def kind_text(kind: str) -> Text:
    """How messages name an organ kind: ``乡镇（街道）`` / ``township or sub-district``."""
    return _KIND_TEXT[kind]


_GOVERNMENT_SUFFIX = re.compile(r"(人民政府|政府)$")
_TOWNSHIP = re.compile(r"(镇|乡|苏木|街道|街道办|街道办事处)$")
_LEVEL = re.compile(r"(省|自治区|市|州|自治州|盟|地区|县|自治县|区|旗|自治旗|特区|林区)$")
_YEAR_TAIL = re.compile(r"(19|20)\d\d年?度?$")


def organ_kind(name: str | None) -> str | None:
    """``department`` | ``township`` | ``government`` for an organ name; None when there is none."""
    if not name:
        return None
    stem = _GOVERNMENT_SUFFIX.sub("", "".join(name.split()))
    if not stem:
        return "government"
    if _TOWNSHIP.search(stem):
        return "township"
    return "government" if _LEVEL.search(stem) else "department"


_PROVINCE = re.compile(r"(省|自治区)$")
_CITY = re.compile(r"(市|州|自治州|盟|地区)$")


def organ_level(name: str | None) -> str | None:
    """The organ's level, for batch summaries: ``province`` | ``city`` | ``county`` for a
    government (by the suffix of its area), ``township``, or ``department``."""
    kind = organ_kind(name)
    if kind != "government" or not name:
        return kind
    stem = _GOVERNMENT_SUFFIX.sub("", "".join(name.split()))
    if _PROVINCE.search(stem):
        return "province"
    if _CITY.search(stem):
        return "city"
    return "county"


def organ_from_title(title: str) -> str:
    """The organ named before ``政府信息公开`` in a report title (``银川市西夏区2020年…`` → ``银川市西夏区``)."""
    head = "".join(title.split()).split("政府信息公开")[0]
    return _YEAR_TAIL.sub("", head)


def parse_month_day(text: str) -> tuple[int, int]:
    """``01-31`` → (1, 31); ValueError when it is not a month-day valid in a leap year."""
    month, day = (int(p) for p in str(text).split("-"))
    date(2024, month, day)
    return month, day


def deadline(kind: str, year: int, deadlines: Mapping[str, str] = DEFAULT_DEADLINES) -> date:
    """The last day on which the report for ``year`` of an organ of ``kind`` may be dated.

    ``deadlines`` maps kinds to MM-DD of the following year (missing kinds take the default);
    02-29 falls back to 02-28 in a common year. ValueError for a malformed MM-DD."""
    month, day = parse_month_day({**DEFAULT_DEADLINES, **deadlines}[kind])
    try:
        return date(year + 1, month, day)
    except ValueError:  # 02-29 in a common year
        return date(year + 1, month, day - 1)
