"""Organ type from the organ name, for deadlines (条例第四十九条; domain.md §1.2).

- ``government``: a 县级以上 people's government publishing its own report (``××区人民政府``,
  ``××市人民政府``, ``××自治区人民政府``): deadline 3月31日.
- ``township``: 镇/乡 people's governments and 街道办事处 (practice: 1月31日).
- ``department``: everything else (``××区民政局``, ``××市人民政府办公室``): 1月31日.
"""

from __future__ import annotations

import re

ORGAN_TYPES = ("department", "township", "government")
ORGAN_TYPES_ZH = {"department": "政府部门", "township": "乡镇（街道）", "government": "本级人民政府"}

_GOV = "人民政府"
_TOWNSHIP = re.compile(r"(镇|乡|街道|街道办事处|街道办)$")
_LEVEL = re.compile(r"(省|自治区|市|州|盟|地区|区|县|旗|自治县|自治旗)$")


def organ_type(organ: str | None) -> str | None:
    """``department`` | ``township`` | ``government``; None when the organ is unknown."""
    if not organ:
        return None
    name = "".join(organ.split())
    if name.endswith(_GOV):
        stem = name[: -len(_GOV)]
        if _TOWNSHIP.search(stem):
            return "township"
        return "government" if _LEVEL.search(stem) or not stem else "department"
    if _TOWNSHIP.search(name):
        return "township"
    return "department"


_PROVINCE = re.compile(r"(省|自治区)$")
_CITY = re.compile(r"(市|州|盟|地区)$")


def organ_level(organ: str | None) -> str | None:
    """Level of the organ, for batch summaries: ``province`` | ``city`` | ``county`` for a people's
    government (by the suffix of its area), ``township`` for 镇/乡/街道, ``department`` otherwise."""
    kind = organ_type(organ)
    if kind != "government" or organ is None:
        return kind
    stem = "".join(organ.split())[: -len(_GOV)]
    if _PROVINCE.search(stem):
        return "province"
    if _CITY.search(stem):
        return "city"
    return "county"
