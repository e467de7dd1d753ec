"""Baselines: write today's findings, then report only what is new."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from disclint.baseline import (
    BaselineError,
    apply_baseline,
    dumps,
    filter_findings,
    load_baseline,
    write_baseline,
)
from disclint.engine import registry, run
from disclint.findings import Finding
from disclint.packs import load_pack, with_rules
from disclint.parse import parse_path, parse_text

from corpus import SEEDS


def _check(paths: list[Path], pack: str = "national") -> list[Finding]:
    reg = registry()
    resolved = load_pack(pack, reg)
    return run([parse_path(p) for p in paths], resolved.settings, "zh", with_rules(reg, resolved))


@pytest.fixture()
def archive(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> list[Path]:
    monkeypatch.chdir(tmp_path)
    out = []
    for seed in sorted(SEEDS.glob("*.txt")):
        target = tmp_path / "reports" / seed.name
        target.parent.mkdir(exist_ok=True)
        target.write_text(seed.read_text(encoding="utf-8"), encoding="utf-8")
        out.append(Path("reports") / seed.name)
    return out


def test_round_trip_suppresses_everything_recorded(archive: list[Path], tmp_path: Path) -> None:
    findings = _check(archive)
    assert len(findings) > 10
    count = write_baseline(findings, tmp_path / "baseline.json")
    assert count == len(findings)
    data = json.loads((tmp_path / "baseline.json").read_text(encoding="utf-8"))
    assert data["version"] == 1 and len(data["findings"]) == len(findings)
    first = data["findings"][0]
    assert set(first) == {"fingerprint", "code", "path", "message"}
    assert first["path"].startswith("reports/")
    assert apply_baseline(_check(archive), tmp_path / "baseline.json") == []


def test_new_findings_survive_and_line_shifts_do_not_matter(archive: list[Path], tmp_path: Path) -> None:
    write_baseline(_check(archive), tmp_path / "baseline.json")
    # an edit above every finding moves them down two lines: still the same findings
    for path in archive:
        path.write_text("\n\n" + path.read_text(encoding="utf-8"), encoding="utf-8")
    shifted = _check(archive)
    assert apply_baseline(shifted, tmp_path / "baseline.json") == []
    # the ningxia pack adds findings the baseline has never seen
    new = apply_baseline(_check(archive, "ningxia"), tmp_path / "baseline.json")
    assert new
    assert {f.code for f in new} == {"NX001", "CON001"}  # the regional rule; fax now required


def test_each_entry_suppresses_one_finding(tmp_path: Path) -> None:
    text = (SEEDS / "002_0a7990abdff832d1.txt").read_text(encoding="utf-8")
    reg = registry()
    one = run([parse_text(text, "r.txt")], reg.default_settings(), "zh", reg)
    entries = load_baseline(_saved(tmp_path, one))
    twice = one + one
    kept, suppressed = filter_findings(twice, entries)
    assert len(kept) == len(one) and len(suppressed) == len(one)
    # the same defect in another file is not covered by this file's entry
    moved = run([parse_text(text, "other.txt")], reg.default_settings(), "zh", reg)
    assert filter_findings(moved, entries)[0] == moved


def _saved(tmp_path: Path, findings: list[Finding]) -> Path:
    path = tmp_path / "b.json"
    path.write_text(dumps(findings), encoding="utf-8")
    return path


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ('{"version": 1,\n "findings": [}', "b.json:2:15: invalid JSON: Expecting value"),
        ('{"version": 2, "findings": []}', "b.json:1:1: unsupported baseline version 2"),
        ("[]", "b.json:1:1: not a disclint baseline"),
        ('{"version": 1, "findings": [{"code": "X"}]}', "b.json:1:1: findings[0] lacks 'fingerprint'"),
    ],
)
def test_bad_baselines(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, text: str, expected: str) -> None:
    monkeypatch.chdir(tmp_path)
    Path("b.json").write_text(text, encoding="utf-8")
    with pytest.raises(BaselineError) as info:
        load_baseline("b.json")
    assert str(info.value).startswith(expected)


def test_missing_baseline(tmp_path: Path) -> None:
    with pytest.raises(BaselineError, match="baseline file not found"):
        apply_baseline([], tmp_path / "none.json")
