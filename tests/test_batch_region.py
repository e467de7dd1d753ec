"""Acceptance for batch runs over a generated region (tests/batch_corpus.py): 52 reports of 26
organs over two years → exact summary rows, cross-year findings naming both files, the xlsx
checked cell by cell, the same result from -j 1, -j 2, a warm cache and a Dask LocalCluster."""

from __future__ import annotations

import json
import os
from collections import Counter
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from disclint import engine
from disclint.batch.export import REPORT_COLUMNS, SHEETS, table
from disclint.batch.summary import build_summary
from disclint.cli import main
from disclint.config import resolve
from disclint.findings import Severity
from disclint.parse import parse_path

from batch_corpus import Region, build
from report_builder import clean_report

CROSS_YEAR = {"ACC008", "ACC009", "ACC010"}


@pytest.fixture(scope="module")
def region(tmp_path_factory: pytest.TempPathFactory) -> Region:
    return build(tmp_path_factory.mktemp("region"))


def _run(region: Region, *args: str) -> tuple[int, dict[str, Any]]:
    """`disclint check ARGS --format json` in the region's folder (in-process)."""
    old = os.getcwd()
    os.chdir(region.root)
    try:
        result = CliRunner().invoke(main, ["check", *args, "--format", "json", "-q"], catch_exceptions=False)
    finally:
        os.chdir(old)
    return result.exit_code, json.loads(result.stdout)


def _oracle(region: Region) -> dict[str, Counter[Severity]]:
    """Per-file severity counts of the report-level rules, each file parsed and checked alone."""
    run = resolve(cwd=region.root)
    counts: dict[str, Counter[Severity]] = {}
    for e in region.reports:
        path = str(Path(e.path).relative_to(region.root))
        found = engine.run([parse_path(e.path)], run.settings_for(path), "zh", run.registry, across=False)
        counts[e.path] = Counter(f.severity for f in found)
    return counts


def _cross(payload: dict[str, Any], root: Path) -> set[tuple[str, str, str, str, int, int]]:
    out = set()
    for f in payload["findings"]:
        if f["code"] not in CROSS_YEAR:
            continue
        c = f["context"]
        where = c.get("column") if f["code"] == "ACC008" else c.get("row")
        out.add(
            (
                f["code"],
                str(root / f["location"]["path"]),
                str(root / c["previous_report"]),
                where,
                c["expected"],
                c["actual"],
            )
        )
    return out


def test_both_years_in_one_run_find_every_broken_pair_naming_both_files(region: Region) -> None:
    code, payload = _run(region, "2023", "2024", "-j", "2", "--no-cache")
    assert code == 1
    assert _cross(payload, region.root) == region.cross_year
    messages = [f["message"] for f in payload["findings"] if f["code"] == "ACC009"]
    assert all("2023/" in m for m in messages)  # the message names last year's file too


def test_previous_folder_gives_the_same_cross_year_findings_and_reports_only_this_year(
    region: Region,
) -> None:
    code, payload = _run(region, "2024", "--previous", "2023", "-j", "1", "--no-cache")
    assert code == 1
    assert _cross(payload, region.root) == region.cross_year
    assert {f["location"]["path"].split("/")[0] for f in payload["findings"]} == {"2024"}
    assert payload["summary"]["files"] == 26


def test_without_the_alias_the_renamed_organ_is_not_paired(region: Region, tmp_path: Path) -> None:
    config = tmp_path / "empty.yaml"
    config.write_text("lang: zh\n", encoding="utf-8")
    _, payload = _run(region, "2023", "2024", "--config", str(config), "--no-cache", "-j", "1")
    expected = {c for c in region.cross_year if not c[1].endswith("renamed.txt")}
    assert _cross(payload, region.root) == expected


def test_summary_rows_and_xlsx_cell_by_cell(region: Region, tmp_path: Path) -> None:
    from openpyxl import load_workbook

    target = tmp_path / "summary.xlsx"
    code, payload = _run(region, "2023", "2024", "--summary", str(target), "--no-cache", "-j", "2")
    assert code == 1
    oracle = _oracle(region)
    crossed = Counter(c[1] for c in region.cross_year)
    book = load_workbook(target, read_only=True)
    assert book.sheetnames == [zh for zh, _en, _cols in SHEETS]
    rows = list(book["报告"].iter_rows(values_only=True))
    assert rows[0] == tuple(c.zh for c in REPORT_COLUMNS)
    by_path = {str(region.root / r[0]): r for r in rows[1:]}
    assert len(rows) == 53 and len(by_path) == 52
    for e in region.reports:
        counts = oracle[e.path]
        errors = counts[Severity.ERROR] + crossed[e.path]
        failed = {
            f["code"] for f in payload["findings"] if str(region.root / f["location"]["path"]) == e.path
        }
        assert by_path[e.path] == (
            str(Path(e.path).relative_to(region.root)),
            e.organ,
            e.year,
            e.level,
            e.notice,
            e.table_format,
            "national",
            errors,
            counts[Severity.WARNING],
            counts[Severity.INFO],
            " ".join(sorted(failed)) or None,  # openpyxl reads an empty cell as None
            "fail" if errors + counts[Severity.WARNING] + counts[Severity.INFO] else "pass",
        ), e.path
    findings = list(book["问题"].iter_rows(values_only=True))
    assert len(findings) == 1 + len(payload["findings"])
    json_rows = {
        (f["location"]["path"], f["location"]["line"], f["code"], f["message"]) for f in payload["findings"]
    }
    assert {(r[0], r[1], r[4], r[7]) for r in findings[1:]} == json_rows
    rules = {r[0]: r for r in list(book["规则统计"].iter_rows(values_only=True))[1:]}
    by_code = Counter(f["code"] for f in payload["findings"])
    assert {code: r[3] for code, r in rules.items()} == dict(by_code)
    assert rules["ACC009"][4] == 6 and rules["ACC008"][4] == 3  # reports with the finding
    organs = list(book["机关跨年度"].iter_rows(values_only=True))[1:]
    assert len(organs) == 52 and len({r[0] for r in organs}) == 26
    renamed = [r for r in organs if r[2].endswith("renamed.txt")]
    assert [(r[0], r[1], r[6]) for r in renamed] == [
        ("银川市永宁县望洪镇人民政府", 2023, None),
        ("银川市永宁县望洪镇人民政府", 2024, "ACC009"),
    ]


def test_csv_summary_is_the_report_view(region: Region, tmp_path: Path) -> None:
    import csv

    target = tmp_path / "summary.csv"
    _run(region, "2024", "--previous", "2023", "--summary", str(target), "-j", "1", "--no-cache")
    rows = list(csv.reader(target.read_text(encoding="utf-8-sig").splitlines()))
    assert rows[0] == [c.zh for c in REPORT_COLUMNS]
    assert len(rows) == 27
    renamed = next(r for r in rows if r[0] == "2024/renamed.txt")
    assert renamed[1:7] == [
        "银川市永宁县望洪镇人民政府",
        "2024",
        "township",
        "〔2021〕30号",
        "30",
        "national",
    ]
    assert renamed[10] == "ACC009" and renamed[11] == "fail"


def test_warm_cache_and_jobs_give_the_same_findings(region: Region, tmp_path: Path) -> None:
    cache = str(tmp_path / "cache")
    _, cold = _run(region, "2023", "2024", "-j", "2", "--cache-dir", cache)
    _, warm = _run(region, "2023", "2024", "-j", "2", "--cache-dir", cache)
    _, serial = _run(region, "2023", "2024", "-j", "1", "--no-cache")
    assert cold == warm == serial
    assert len(list(Path(cache).glob("*/*.jz"))) == 52


def test_dask_local_cluster_gives_the_same_findings_and_summary(region: Region) -> None:
    distributed = pytest.importorskip("distributed")
    from disclint.batch.crossyear import cross_year_findings
    from disclint.batch.runner import run_batch
    from disclint.batch.worker import Job
    from disclint.discover import discover

    files = discover([str(region.root / "2023"), str(region.root / "2024")])
    job = Job(str(region.root))
    run = resolve(cwd=region.root)

    def outcome_and_summary(**how: Any) -> tuple[list[Any], Any]:
        outcome = run_batch(files, job, **how)
        found = [
            *outcome.findings,
            *cross_year_findings(outcome.facts, run.settings_for, "zh", run.registry, run.organ_aliases),
        ]
        found.sort(key=lambda f: f.sort_key())
        return found, build_summary(outcome, found, "info", run.organ_aliases, run.registry)

    local = outcome_and_summary(jobs=1)
    with (
        distributed.LocalCluster(
            n_workers=1, threads_per_worker=2, processes=False, dashboard_address=None
        ) as cluster,
        distributed.Client(cluster) as client,
    ):
        remote = outcome_and_summary(jobs=2, dask=client)
    assert [f.as_dict() for f in remote[0]] == [f.as_dict() for f in local[0]]
    assert remote[1] == local[1]
    assert {(f.code, f.location.path) for f in remote[0] if f.code == "ACC009"} == {
        (c[0], c[1]) for c in region.cross_year if c[0] == "ACC009"
    }
    assert table(REPORT_COLUMNS, remote[1].reports, "en") == table(REPORT_COLUMNS, local[1].reports, "en")


@pytest.mark.parametrize("fmt", ["text", "json", "github"])
def test_streamed_output_is_the_collected_output(region: Region, tmp_path: Path, fmt: str) -> None:
    """Standard output and -o get the same bytes from one run's findings (with cross-year
    findings, and with no finding at all)."""
    clean = tmp_path / "clean"
    clean.mkdir()
    (clean / "a.txt").write_text(clean_report(2024), encoding="utf-8")
    old = os.getcwd()
    os.chdir(region.root)
    try:
        for args in (["2023", "2024"], [str(clean)]):
            target = tmp_path / f"out.{fmt}"
            common = ["check", *args, "--format", fmt, "-q", "--no-cache", "-j", "1"]
            streamed = CliRunner().invoke(main, common, catch_exceptions=False)
            collected = CliRunner().invoke(main, [*common, "-o", str(target)], catch_exceptions=False)
            assert streamed.exit_code == collected.exit_code
            assert streamed.stdout == target.read_text(encoding="utf-8")
            assert ("ACC009" in streamed.stdout) == (args[0] == "2023")
    finally:
        os.chdir(old)
