"""The linear-time replacements of backtracking patterns give exactly the old patterns' answers.

Each old pattern is kept here as the specification (they took quadratic or cubic time on a run of
spaces, letters or digits: issue 16); hypothesis compares both on strings over the characters that
matter. The hostile sizes themselves are run through the CLI in test_hostile.py.
"""

from __future__ import annotations

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from disclint import message_format
from disclint.contacts import _EMAIL, _URL
from disclint.facts import _SUM
from disclint.limits import Limits, parse_size, parse_value
from disclint.packs import patterns
from disclint.parse.lexer import H1_RE, _heading_title
from disclint.textscan import CJK_CLASS, collapsible, is_pipe_row, is_pipe_separator

B = r"[ \t\u3000\xa0]"
OLD_COLLAPSIBLE = re.compile(rf"^{B}+|{B}+$|(?<=[{CJK_CLASS}]){B}+|{B}+(?=[{CJK_CLASS}])")
OLD_PIPE_ROW = re.compile(r"^\s*\||\|\s*$|\s\|\s.*\s\|\s")
OLD_PIPE_SEPARATOR = re.compile(r"^\s*\|?(?:\s*:?-{2,}:?\s*\|)+\s*:?-*:?\s*\|?\s*$")
OLD_H1 = re.compile(r"^[#\s]*([一二三四五六七八九十]{1,2})\s*[、.．]\s*(\S.*?)\s*[。.]?\s*$")
OLD_EMAIL = re.compile(r"(?P<value>[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,})")
OLD_SUM = re.compile(
    r"(?P<total>\d+)(?P<unit>(?:条|件|篇|个|次|期))(?:[，,：:]|(?P<paren>[（(]))?\s*其中\s*[：:，,]?"
)


def strings(alphabet: str, max_size: int = 14) -> st.SearchStrategy[str]:
    return st.text(alphabet=st.sampled_from(list(alphabet)), max_size=max_size)


@settings(max_examples=200)
@given(strings(" \t\u3000\xa0a中。|-:x"))
def test_space_collapsing_and_pipe_rows_as_before(s: str) -> None:
    assert collapsible(s) == [m.span() for m in OLD_COLLAPSIBLE.finditer(s)]
    assert is_pipe_row(s) == bool(OLD_PIPE_ROW.search(s))
    assert is_pipe_separator(s) == bool(OLD_PIPE_SEPARATOR.match(s))


@settings(max_examples=200)
@given(strings("一二十、.．。 \t#x总\n"))
def test_heading_numbering_and_title_as_before(s: str) -> None:
    old = OLD_H1.match(s)
    new = H1_RE.match(s)
    expected = (old.group(1), old.group(2)) if old else None
    title = _heading_title(s[new.end() :]) if new else "\n"
    got = (new.group(1), title) if new and "\n" not in title else None
    assert got == expected


@settings(max_examples=200)
@given(strings("a1.@-b中 件其条，", 16))
def test_email_and_sum_as_before_at_run_starts(s: str) -> None:
    # the new patterns start a match only at the start of a run; the old ones could match from
    # inside a run only where an earlier match ended inside it, which these alphabets allow for
    # e-mails ("x@ab.cd.x@ef.gh"): compare the matches that start a run
    def run_starts(pattern: re.Pattern[str], cls: str) -> list[tuple[int, int]]:
        return [m.span() for m in pattern.finditer(s) if m.start() == 0 or s[m.start() - 1] not in cls]

    assert [m.span() for m in _EMAIL.finditer(s)] == run_starts(OLD_EMAIL, "abcdefghijklmnopqrstuvwxyz1.-_%+")
    assert [m.span() for m in _SUM.finditer(s)] == [m.span() for m in OLD_SUM.finditer(s)]


def test_url_after_a_word_is_not_a_url_start() -> None:
    assert [m.group("value") for m in _URL.finditer("见 www.gov.cn 与 http://www.x.gov.cn/a")] == [
        "www.gov.cn",
        "http://www.x.gov.cn/a",
    ]


# --------------------------------------------------------------------------- message templates


def test_templates_render_plain_names_only() -> None:
    assert message_format.render("found {match} in {scope}", {"match": "x", "scope": 1}) == "found x in 1"
    # attribute, index and positional fields are not looked up: the template is shown as written
    assert message_format.render("{match.__class__}", {"match": "x"}) == "{match.__class__}"
    assert message_format.render("{match[0]}", {"match": "x"}) == "{match[0]}"
    assert message_format.render("{0}", {"match": "x"}) == "{0}"
    # a huge width is ignored, a small one kept
    assert message_format.render("{match:>1000000000}", {"match": "x"}) == "x"
    assert message_format.render("{match:>3}", {"match": "x"}) == "  x"


@pytest.mark.parametrize(
    ("template", "problem"),
    [
        ("{pattern.nope}", "is not a plain name"),
        ("{pattern[0]}", "is not a plain name"),
        ("{0}", "is not a plain name"),
        ("{scope:>1000000000}", "width or precision over 200"),
        ("{scope:{pattern}}", "nested"),
        ("{nope}", "unknown placeholder {nope}"),
        ("{scope", "invalid message template"),
    ],
)
def test_pack_templates_are_checked(template: str, problem: str) -> None:
    found = message_format.problems(template, ("pattern", "scope"))
    assert found is not None and problem in found


def test_every_builtin_template_passes_the_check() -> None:
    import string

    from disclint.engine import registry

    for rule in registry().rules.values():
        for template in (rule.message_zh, rule.message_en):
            names = tuple(n for _, n, _, _ in string.Formatter().parse(template) if n)
            assert message_format.problems(template, names) is None, (rule.code, template)


# --------------------------------------------------------------------------- pack patterns


def test_pack_patterns_run_in_linear_time_engine() -> None:
    text = "a" * 100_000 + "!"
    assert not patterns.search(r"(a+)+$", text)  # exponential in Python's re
    assert [(m.start, m.end, m.text) for m in patterns.finditer("考核", "中考核和考核")] == [
        (1, 3, "考核"),
        (4, 6, "考核"),
    ]
    assert patterns.search("abc", "xABC", ignore_case=True)
    with pytest.raises(patterns.PatternError, match="no look-around"):
        patterns.compile_pattern("(?<=a)b")


# --------------------------------------------------------------------------- limit values


def test_limit_values() -> None:
    assert parse_size("64M") == 64 * 1024 * 1024
    assert parse_size("512k") == 512 * 1024
    assert parse_size("1GiB") == 1024**3
    assert parse_value("file-size", "1G") == 1024**3
    assert parse_value("pdf-pages", "5,000") == 5000
    with pytest.raises(ValueError, match="not a size"):
        parse_size("lots")
    with pytest.raises(ValueError, match="unknown limit"):
        parse_value("pages", 3)
    with pytest.raises(ValueError, match="at least 1"):
        parse_value("pdf-pages", 0)
    limits = Limits().with_values({"pdf-pages": 9}, "here")
    assert limits["pdf-pages"] == 9 and limits.sources == {"pdf-pages": "here"}


def test_a_sums_parts_are_looked_for_near_it() -> None:
    from disclint.facts import _PARTS_REACH
    from disclint.parse import parse_text

    near = "主动公开政府信息5条，其中，政府文件2条，乡镇动态3条。"
    far = "主动公开政府信息5条，其中" + "，" * _PARTS_REACH + "政府文件2条。"
    report = parse_text(
        f"{near}\n{far}\n".join(["某县人民政府2023年政府信息公开工作年度报告\n一、总体情况\n", ""])
    )
    assert [[p.value for p in s.parts] for s in report.sums] == [[2, 3]]
