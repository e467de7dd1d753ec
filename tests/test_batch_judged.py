"""A batch pairs across years only the documents the rules judge as reports, as the in-process
engine does: a readable text that is not a report (PAR007, :mod:`disclint.recognize`) but names
an organ and a year is never one of a pair, whether its facts come from a worker or the cache."""

from __future__ import annotations

import dataclasses
from pathlib import Path

from disclint import engine, recognize
from disclint.batch.cache import ResultCache
from disclint.batch.crossyear import cross_year_findings
from disclint.batch.runner import run_batch
from disclint.batch.worker import Job
from disclint.parse import parse_path
from disclint.rule import Violation

from report_builder import clean_report

# a cover letter of the organ of clean_report(), naming a year: no title, no section, no table
LETTER = """关于报送年度报告的函
市政府办公室：
现将银川市兴庆区掌政镇人民政府{year}年政府信息公开工作情况函告如下。
本镇高度重视此项工作。
各部门按时报送材料。
工作人员认真核对数据。
如有疑问请联系。
联系人：张三
电话：0955-1234567
特此函告。
"""


def _pairing() -> engine.Registry:
    """The built-in rules and ACC099, a cross-year rule with a finding for every pair it is given."""
    base = engine.registry()
    template = base.rules["ACC010"]

    def check(current, previous, ctx):
        yield Violation(None, {"previous_path": previous.path}, {}, "", current.path)

    pairing = dataclasses.replace(
        template,
        code="ACC099",
        name="every-pair",
        message_zh="{previous_path}",
        message_en="{previous_path}",
        check=check,
        params=(),
    )
    return base.with_rules([pairing])


def _pairs(found: list) -> list[tuple[str, str]]:
    return sorted((Path(f.location.path).name, Path(f.message).name) for f in found if f.code == "ACC099")


def test_a_non_report_naming_an_organ_and_year_is_never_paired(tmp_path: Path) -> None:
    folder = tmp_path / "r"
    folder.mkdir()
    for year in (2023, 2024):
        (folder / f"a{year}.txt").write_text(clean_report(year), encoding="utf-8")
    for year in (2022, 2025):  # each would pair with a report: as last year's, as next year's
        (folder / f"letter{year}.txt").write_text(LETTER.format(year=year), encoding="utf-8")
    files = sorted(str(p) for p in folder.iterdir())
    reports = [parse_path(p) for p in files]
    letters = [r for r in reports if "letter" in r.path]
    assert [(r.organ, r.year) for r in letters] == [
        ("银川市兴庆区掌政镇人民政府", 2022),
        ("银川市兴庆区掌政镇人民政府", 2025),
    ]
    assert not any(recognize.recognised(r) or recognize.unreadable(r) for r in letters)
    reg = _pairing()
    settings = reg.default_settings()
    in_process = engine.run(reports, settings, "zh", reg)
    assert _pairs(in_process) == [("a2024.txt", "a2023.txt")]
    assert [f.code for f in in_process if "letter" in f.location.path] == ["PAR007", "PAR007"]
    job = Job(str(tmp_path))
    for cache in (None, ResultCache(tmp_path / "c", job), ResultCache(tmp_path / "c", job)):
        outcome = run_batch(files, job, jobs=1, cache=cache)
        judged = {Path(f.path).name: (f.readable, f.judged) for f in outcome.facts}
        assert judged == {
            "a2023.txt": (True, True),
            "a2024.txt": (True, True),
            "letter2022.txt": (True, False),
            "letter2025.txt": (True, False),
        }
        assert outcome.cached == (0 if cache is None or cache.hits == 0 else 4)
        batch = cross_year_findings(outcome.facts, lambda _path: settings, "zh", reg, {})
        assert _pairs(batch) == _pairs(in_process)
        assert [(f.location, f.message) for f in batch] == [
            (f.location, f.message) for f in in_process if f.code == "ACC099"
        ]
