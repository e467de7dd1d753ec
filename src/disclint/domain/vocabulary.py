"""The report's vocabulary as the templates in ``grammar/*.yaml`` define it: section titles,
overview topics, table, column, group and sub-table names, row keys by group, row widths, and
which columns may be negative or hold money. Rules, the lexer and messages read it from here."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from functools import cache

from .. import templates as tpl
from ..messages import Text
from . import numerals

SECTION_NUMBERS: tuple[int, ...] = tuple(range(1, 7))


@cache
def _sections() -> dict[int, tpl.SectionTemplate]:
    return {s.number: s for s in tpl.sections()}


def section_title(number: int) -> str:
    """The template heading of section ``number`` without its numeral (``总体情况``)."""
    return _sections()[number].title


def section_name_en(number: int) -> str:
    return _sections()[number].name_en


def section_heading(number: int) -> str:
    """``一、总体情况``."""
    return f"{numerals.numeral(number)}、{section_title(number)}"


def overview_topics() -> tuple[tpl.Topic, ...]:
    return tpl.overview_topics()


def topic(key: str) -> Text:
    """How messages name an overview topic: ``政府信息管理`` / ``info_management``."""
    return Text(next((t.label for t in tpl.overview_topics() if t.key == key), key), key)


def _template(kind: str) -> tpl.TableTemplate | tpl.ProactiveTemplate:
    if kind == "proactive":
        return tpl.proactive()
    if kind == "applications":
        return tpl.applications()
    if kind == "review_litigation":
        return tpl.review_litigation()
    raise KeyError(kind)


TABLE_KINDS: tuple[str, ...] = ("proactive", "applications", "review_litigation")


def table(kind: str | None) -> Text:
    """How messages name a table: ``表三（依申请公开）`` / ``table 三 (requests)``; ``表格`` / ``table``
    for an unknown one; else the kind."""
    if not kind:
        return Text("表格", "table")
    try:
        t = _template(kind)
    except KeyError:
        return Text(kind, kind)
    return Text(t.name_zh, t.name_en)


def columns(kind: str) -> tuple[str, ...]:
    """Column keys of table 三 or 四 (for 四: of one group), in template order."""
    t = _template(kind)
    assert isinstance(t, tpl.TableTemplate)
    return tuple(c.key for c in t.columns)


def group_keys(kind: str) -> tuple[str, ...]:
    t = _template(kind)
    assert isinstance(t, tpl.TableTemplate)
    return tuple(g.key for g in t.groups)


def rows_in_group(kind: str, group: str) -> tuple[str, ...]:
    t = _template(kind)
    assert isinstance(t, tpl.TableTemplate)
    return tuple(r.key for r in t.rows if r.group == group)


@cache
def _column_names() -> dict[str, str]:
    names: dict[str, str] = {}
    for kind in ("applications", "review_litigation"):
        t = _template(kind)
        assert isinstance(t, tpl.TableTemplate)
        for c in t.columns:
            names.setdefault(c.key, c.name)
    for _sub, _fmt, c in _proactive_columns():
        names.setdefault(c.key, c.name)
    return names


def column(key: str) -> Text:
    """How messages name a column: ``自然人`` / ``natural_person``, ``其他（法人或其他组织）``."""
    return Text(_column_names().get(key, key), key)


def group(kind: str, key: str) -> Text:
    """How messages name a group of rows: ``行政诉讼（复议后起诉）`` / ``litigation_after_review``."""
    t = _template(kind)
    if isinstance(t, tpl.TableTemplate):
        for g in t.groups:
            if g.key == key:
                return Text(g.name, key)
    return Text(key, key)


def section(number: int) -> Text:
    """How messages name a section: ``总体情况`` / ``overview``."""
    return Text(section_title(number), section_name_en(number))


def subtable_name(key: str) -> str:
    """The article line that heads a sub-table of table 二 (``第二十条第（一）项``); else the key."""
    return next((s.article for s in tpl.proactive().subtables if s.key == key), key)


def subtable_layout(key: str, fmt: str) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """The column keys and row keys of table 二's sub-table ``key`` in format ``fmt`` (empty when
    the sub-table has no such format)."""
    sub = next(s for s in tpl.proactive().subtables if s.key == key)
    columns, rows = sub.formats.get(fmt, ((), ()))
    return tuple(c.key for c in columns), tuple(r.key for r in rows)


def subtable_key(article_item: str) -> str:
    """``一`` (the item of 第二十条第（一）项) → ``a20_1``; empty when the item is no numeral."""
    n = numerals.value(article_item)
    return f"a20_{n}" if n is not None else ""


def row_width(kind: str) -> int:
    """Values in one row of table 三 (7) or in the one value line of table 四 (15)."""
    t = _template(kind)
    assert isinstance(t, tpl.TableTemplate)
    if kind == "review_litigation":
        return len(t.groups) * len(t.columns)
    return len(t.columns)


def _proactive_columns() -> Iterator[tuple[str, str, tpl.Column]]:
    """(sub-table key, format, column) for every column of table 二."""
    for sub in tpl.proactive().subtables:
        for fmt, (cols, _rows) in sub.formats.items():
            for c in cols:
                yield sub.key, fmt, c


def proactive_row(key: str, fmt: str = "30") -> Text:
    """How messages name a row of table 二 in format ``fmt``: ``行政规范性文件`` / ``normative documents``."""
    for sub in tpl.proactive().subtables:
        _cols, rows = sub.formats.get(fmt, ((), ()))
        for r in rows:
            if r.key == key:
                return Text(r.label, key.replace("_", " "))
    return Text(key, key.replace("_", " "))


@cache
def signed_columns() -> Mapping[str, frozenset[str]]:
    """Per format of table 二: the columns that may hold a negative number (本年增/减)."""
    formats = {fmt for _s, fmt, _c in _proactive_columns()}
    return {
        f: frozenset(c.key for _s, fmt, c in _proactive_columns() if fmt == f and c.signed) for f in formats
    }


@cache
def money_columns() -> frozenset[str]:
    """Columns of table 二 that hold an amount (万元), which may have decimals."""
    return frozenset(c.key for _s, _f, c in _proactive_columns() if c.money)


@cache
def money_subtables() -> frozenset[str]:
    """Sub-tables of table 二 with a money column (a value there may be a decimal amount)."""
    return frozenset(sub for sub, _f, c in _proactive_columns() if c.money)


def contact_field(name: str) -> Text:
    """How messages name a contact field: ``传真`` / ``fax``."""
    from ..contacts import FIELD_ZH

    return Text(FIELD_ZH.get(name, name), name)
