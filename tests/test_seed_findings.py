"""Golden test: the findings on the five seeds are exactly those of tests/data/corpus/expected/*.yaml.

Every non-optional expected finding must be reported (matched by code and line), and nothing may
be reported outside the expected ∪ optional ones. Key values are checked for the identity,
narrative, contact and numbering findings.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path
from typing import Any

import pytest
from ruamel.yaml import YAML

from disclint.engine import registry, run
from disclint.findings import Finding
from disclint.parse import parse_path

from corpus import EXPECTED, SEED_PATHS, SEED_STEMS

SEEDS = SEED_PATHS
STEMS = SEED_STEMS


@cache
def expected(stem: str) -> list[dict[str, Any]]:
    data = YAML(typ="safe").load((EXPECTED / f"{stem}.yaml").read_text(encoding="utf-8"))
    return list(data["findings"])


@cache
def batch_findings() -> tuple[Finding, ...]:
    """All five seeds in one run (so the batch rule ACC008 sees them together)."""
    reports = [parse_path(p) for p in SEEDS]
    return tuple(run(reports, registry().default_settings(), lang="en"))


def findings_of(stem: str) -> list[Finding]:
    return [f for f in batch_findings() if Path(f.location.path).stem == stem]


def one(stem: str, code: str, line: int) -> list[Finding]:
    return [f for f in findings_of(stem) if f.code == code and f.location.line == line]


@pytest.mark.parametrize("stem", STEMS)
def test_every_required_finding_is_reported(stem: str) -> None:
    got = {(f.code, f.location.line) for f in findings_of(stem)}
    required = {(e["code"], e["line"]) for e in expected(stem) if not e.get("optional")}
    assert required - got == set()


@pytest.mark.parametrize("stem", STEMS)
def test_nothing_outside_the_expected_findings_is_reported(stem: str) -> None:
    allowed = {(e["code"], e["line"]) for e in expected(stem)}
    extra = [
        (f.code, f.location.line, f.message)
        for f in findings_of(stem)
        if (f.code, f.location.line) not in allowed
    ]
    assert extra == []


def test_each_seed_alone_gives_the_same_findings_as_the_batch() -> None:
    for path in SEEDS:
        alone = run([parse_path(path)], registry().default_settings(), lang="en")
        assert [(f.code, f.location.line) for f in alone] == [
            (f.code, f.location.line) for f in findings_of(path.stem)
        ]


def test_seed000_stray_email_is_the_conflict() -> None:
    stem = STEMS[0]
    [conflict] = one(stem, "CON003", 44)
    assert conflict.context == {
        "field": "email",
        "value": "xxq3958001@163.com",
        "reference": "xingjingzhen@126.com",
    }
    [noise] = one(stem, "PAR004", 44)
    assert noise.context["kind"] == "mailto"


def test_seed001_total_column_and_row_shapes() -> None:
    stem = STEMS[1]
    [acc002] = one(stem, "ACC002", 84)
    assert acc002.context == {
        "table": "applications",
        "row": "unable_not_held",
        "column": "total",
        "expected": 3,
        "actual": 0,
    }
    for f in (f for f in findings_of(stem) if f.code == "ACC001"):  # optional; if reported, it is this one
        assert (f.location.line, f.context["column"], f.context["expected"], f.context["actual"]) == (
            93,
            "total",
            3,
            0,
        )
    assert not [f for f in findings_of(stem) if f.code == "ACC003"]
    shapes = {
        f.location.line: (f.context["row"], len(f.context["values"]))
        for f in findings_of(stem)
        if f.code == "PAR003"
    }
    assert shapes == {
        72: ("disclosed", 6),
        73: ("partially_disclosed", 6),
        74: ("withheld_state_secret", 6),
        75: ("withheld_prohibited_by_law", 6),
        76: ("withheld_security_stability", 6),
        77: ("withheld_third_party", 6),
        78: ("withheld_internal_affairs", 6),
        92: ("other", 8),
        93: ("outcome_total", 8),
    }
    assert [f.context["field"] for f in findings_of(stem) if f.code == "CON001"] == ["postcode"]


def test_seed002_narrative_sum() -> None:
    [acc006] = one(STEMS[2], "ACC006", 32)
    assert (acc006.context["stated"], acc006.context["parts_sum"]) == (64, 65)
    assert acc006.context["parts"] == [2, 17, 3, 2, 1, 1, 38, 1]


def test_seed003_misnumbered_row_and_missing_contacts() -> None:
    stem = STEMS[3]
    [sec003] = one(stem, "SEC003", 275)
    assert (sec003.context["row"], sec003.context["found"], sec003.context["expected"]) == (
        "carried_forward",
        "七、",
        "四、",
    )
    fields = {f.context["field"] for f in one(stem, "CON001", 481)}
    assert {"postcode", "email"} <= fields <= {"address", "postcode", "email"}


def test_seed004_html_noise_lines() -> None:
    stem = STEMS[4]
    assert {f.location.line for f in findings_of(stem) if f.code == "PAR004"} == {112, 113, 114}
    assert all(f.context["kind"] == "html-tag" for f in findings_of(stem) if f.code == "PAR004")
