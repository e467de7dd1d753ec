"""Golden tests: `disclint parse --format json` against the hand-checked expected files.

Every field and every table cell of tests/data/corpus/expected/<seed>.yaml is compared (``note``
keys are for humans and skipped; ``findings`` belong to the rule tests).
"""

from __future__ import annotations

import datetime
import json
import subprocess
import sys
from typing import Any

import pytest
from ruamel.yaml import YAML

from disclint.jsonout import report_to_dict
from disclint.parse import parse_path

from corpus import EXPECTED, SEED_STEMS, SEEDS

FIELDS = [
    "organ",
    "year",
    "title_line",
    "format_cited",
    "format_cited_line",
    "table_format",
    "period",
    "date",
    "sections",
    "contacts",
    "tables",
]


def _expected(stem: str) -> dict[str, Any]:
    return YAML(typ="safe", pure=True).load((EXPECTED / f"{stem}.yaml").read_text(encoding="utf-8"))


def _diff(path: str, expected: Any, got: Any) -> list[str]:
    if isinstance(expected, dict):
        if not isinstance(got, dict):
            return [f"{path}: expected a mapping, got {got!r}"]
        out: list[str] = []
        for key, value in expected.items():
            if key == "note":
                continue
            out += _diff(f"{path}.{key}", value, got.get(key, "<missing>"))
        return out
    if isinstance(expected, list):
        if not isinstance(got, list) or len(got) != len(expected):
            return [f"{path}: expected {expected!r}, got {got!r}"]
        return [
            d for i, (e, g) in enumerate(zip(expected, got, strict=True)) for d in _diff(f"{path}[{i}]", e, g)
        ]
    if isinstance(expected, datetime.date):
        expected = expected.isoformat()
    return [] if expected == got else [f"{path}: expected {expected!r}, got {got!r}"]


@pytest.mark.parametrize("stem", SEED_STEMS)
@pytest.mark.parametrize("field", FIELDS)
def test_seed_matches_expected(stem: str, field: str) -> None:
    got = report_to_dict(parse_path(SEEDS / f"{stem}.txt"))
    assert _diff(field, _expected(stem)[field], got[field]) == []


@pytest.mark.parametrize("stem", SEED_STEMS)
def test_seed_parses_without_problems(stem: str) -> None:
    report = parse_path(SEEDS / f"{stem}.txt")
    assert report.problems == ()
    assert [s.number for s in report.sections] == [1, 2, 3, 4, 5, 6]


def test_every_seed_is_covered() -> None:
    assert len(SEED_STEMS) == 5
    assert all((EXPECTED / f"{s}.yaml").is_file() for s in SEED_STEMS)


def test_cli_parse_json_is_the_same_shape() -> None:
    stem = SEED_STEMS[3]
    out = subprocess.run(
        [sys.executable, "-m", "disclint", "parse", str(SEEDS / f"{stem}.txt"), "--format", "json"],
        capture_output=True,
        text=True,
        check=True,
    )
    data = json.loads(out.stdout)
    assert (
        data["tables"]["applications"]["rows"]["carried_forward"]["label_as_written"]
        == "七、结转下年度继续办理"
    )
    assert _diff("tables", _expected(stem)["tables"], data["tables"]) == []


def test_cli_parse_tree_names_rows_and_lines() -> None:
    out = subprocess.run(
        [sys.executable, "-m", "disclint", "parse", str(SEEDS / f"{SEED_STEMS[1]}.txt")],
        capture_output=True,
        text=True,
        check=True,
    )
    assert "unable_not_held  L84  natural_person=3" in out.stdout
    assert "disclosed  L72  INCOMPLETE 0 0 0 0 0 0  (6 of 7 values)" in out.stdout


@pytest.mark.parametrize(
    ("content", "reason"),
    [(None, "does not exist"), (b"\x00\xff\xfe\x00\x81" * 50, "decod")],
)
def test_cli_parse_errors_exit_2_without_traceback(tmp_path, content, reason) -> None:
    path = tmp_path / "report.txt"
    if content is not None:
        path.write_bytes(content)
    out = subprocess.run(
        [sys.executable, "-m", "disclint", "parse", str(path), "--lang", "en"], capture_output=True, text=True
    )
    assert out.returncode == 2
    assert str(path) in out.stderr and reason in out.stderr
    assert "Traceback" not in out.stderr


def test_one_parser_serves_threads_at_once() -> None:
    """Regression: the lexer kept its row look-ahead memo on the shared parser instance, so two
    threads parsing at once could read each other's memo; every seed parsed in eight threads at
    once gives the same JSON as parsed alone."""
    from concurrent.futures import ThreadPoolExecutor

    paths = [SEEDS / f"{stem}.txt" for stem in SEED_STEMS] * 4
    alone = [report_to_dict(parse_path(p)) for p in paths]
    with ThreadPoolExecutor(max_workers=8) as pool:
        together = list(pool.map(lambda p: report_to_dict(parse_path(p)), paths))
    assert together == alone
