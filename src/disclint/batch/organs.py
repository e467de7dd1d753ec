"""Organ identity across years: one comparable key per organ, configurable aliases, and the
pairs (this year, last year) of one organ's reports that the cross-year rules compare.

Two names are one organ when, after normalizing (no spaces, no trailing 人民政府) and applying the
configured aliases (``organ-aliases`` in the configuration: old or informal name → name used
now), one ends with the other and the shorter has at least three characters:
兴庆区掌政镇 = 银川市兴庆区掌政镇人民政府.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from typing import TypeVar

from ..checks._util import compact
from .facts import ReportFacts

_GOVERNMENT_SUFFIX = re.compile(r"(人民政府|政府)$")
MIN_KEY = 3  # a shorter name ("民政局") would match every organ that ends with it

T = TypeVar("T", bound=ReportFacts)


def organ_key(organ: str | None, aliases: Mapping[str, str] | None = None) -> str | None:
    """The organ's name in a comparable form: no spaces, no trailing 人民政府, aliases applied."""
    return _key(organ, normalized_aliases(aliases) if aliases else {})


def normalized_aliases(aliases: Mapping[str, str]) -> dict[str, str]:
    out: dict[str, str] = {}
    for alias, name in aliases.items():
        a, n = _key(alias, {}), _key(name, {})
        if a and n:
            out[a] = n
    return out


def year_pairs(facts: Sequence[T], aliases: Mapping[str, str] | None = None) -> list[tuple[T, T]]:
    """(current, previous) for every two reports of one organ in consecutive years, in input order.

    Matching uses an index of name suffixes, so a run of n reports costs O(n · name length)."""
    table = normalized_aliases(aliases or {})
    years = {f.year for f in facts}
    keyed = [
        (key, f)
        for f in facts
        if f.year is not None
        and (f.year - 1 in years or f.year + 1 in years)  # a year alone in the run pairs with none
        and (key := _key(f.organ, table)) is not None
    ]
    names = {(f.year, key) for key, f in keyed}
    by_name: dict[tuple[int, str], list[T]] = defaultdict(list)
    # (year, s) -> that year's reports whose name ends with s, for the names s of the next year
    ending: dict[tuple[int, str], list[T]] = defaultdict(list)
    for key, f in keyed:
        assert f.year is not None
        by_name[(f.year, key)].append(f)
        for i in range(len(key) - MIN_KEY + 1):
            if (f.year + 1, key[i:]) in names:
                ending[(f.year, key[i:])].append(f)
    pairs: list[tuple[T, T]] = []
    for key, current in keyed:
        assert current.year is not None
        previous_year = current.year - 1
        found: dict[str, T] = {}
        for previous in ending.get((previous_year, key), ()):  # names ending with ours
            found.setdefault(previous.path, previous)
        for i in range(1, len(key) - MIN_KEY + 1):  # names ours ends with
            for previous in by_name.get((previous_year, key[i:]), ()):
                found.setdefault(previous.path, previous)
        pairs.extend((current, previous) for previous in found.values())
    return pairs


def _key(organ: str | None, table: Mapping[str, str]) -> str | None:
    if not organ:
        return None
    key = _GOVERNMENT_SUFFIX.sub("", compact(organ))
    return table.get(key, key) or None


def organ_groups(facts: Iterable[T], aliases: Mapping[str, str] | None = None) -> list[list[T]]:
    """Reports grouped by organ (joined by equal keys and by :func:`year_pairs`), each group
    sorted by year; groups in the order of their first report."""
    items = list(facts)
    table = normalized_aliases(aliases or {})
    index = {id(f): i for i, f in enumerate(items)}
    linked: dict[int, set[int]] = defaultdict(set)
    first_by_key: dict[str, int] = {}
    for i, f in enumerate(items):
        key = _key(f.organ, table)
        if key is not None:
            j = first_by_key.setdefault(key, i)
            linked[i].add(j)
            linked[j].add(i)
    for current, previous in year_pairs(items, aliases):
        a, b = index[id(current)], index[id(previous)]
        linked[a].add(b)
        linked[b].add(a)
    seen: set[int] = set()
    groups: list[list[T]] = []
    for start in range(len(items)):
        if start in seen:
            continue
        seen.add(start)
        component, todo = [], [start]
        while todo:  # every report reachable from the first one of the group
            i = todo.pop()
            component.append(items[i])
            fresh = linked[i] - seen
            seen |= fresh
            todo.extend(fresh)
        groups.append(sorted(component, key=lambda f: (f.year or 0, f.path)))
    return groups
