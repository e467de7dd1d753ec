"""The engine: plugin registration, per-path settings, fingerprints."""

from __future__ import annotations

import re
from collections import Counter
from pathlib import Path

from disclint import engine
from disclint.parse import parse_path

from corpus import SEED_STEMS, SEEDS


def _findings():
    reports = [parse_path(SEEDS / f"{s}.txt") for s in SEED_STEMS]
    return engine.run(reports, engine.registry().default_settings())


def test_regression_identical_findings_on_different_lines_get_different_fingerprints():
    # seed 004 has the same HTML residue on lines 112-114: one alert each in code scanning
    counts = Counter((f.location.path, f.fingerprint) for f in _findings())
    assert [k for k, n in counts.items() if n > 1] == []
    par004 = [
        f for f in _findings() if f.code == "PAR004" and f.location.path.endswith("004_ad5f03b2b0236919.txt")
    ]
    assert [f.location.line for f in par004] == [112, 113, 114]


def test_builtin_rules_come_through_the_plugin_hook():
    """Every ``@rule`` written in src/disclint/checks/ is registered: no list to keep."""
    reg = engine.registry()
    checks_dir = Path(engine.__file__).parent / "checks"
    written = {
        code
        for path in checks_dir.glob("*.py")
        for code in re.findall(r'@rule\(\s*"([A-Z]+[0-9]{3})"', path.read_text(encoding="utf-8"))
    }
    assert written and written == {c for c, r in reg.rules.items() if r.origin == "disclint"}
    assert reg.pm.get_plugin("national") is not None
    cases = Path(__file__).parent / "rules"
    assert {r.family for r in reg.rules.values()} == {
        p.stem.rstrip("0123456789") for p in cases.glob("*.yml")
    }


def test_per_path_settings_apply_to_their_report_only():
    reports = [parse_path(SEEDS / f"{s}.txt") for s in SEED_STEMS]
    defaults = engine.registry().default_settings()
    quiet = {c: engine.RuleSettings(False, s.severity, s.params) for c, s in defaults.items()}
    target = reports[1].path
    findings = engine.run(reports, lambda path: quiet if path == target else defaults)
    assert not any(f.location.path == target for f in findings)
    assert any(f.location.path == reports[2].path for f in findings)


def test_batch_rules_take_each_reports_own_parameters():
    from disclint.findings import Severity
    from disclint.nodes import Report
    from disclint.rule import Param, Rule, Violation

    def count_peers(reports, ctx):
        for rep in reports:
            yield Violation(None, {}, {"tag": ctx.param("tag"), "peers": len(reports)}, "x", path=rep.path)

    batch = Rule(
        "TST900", "peers", Severity.INFO, "s", "s", "m", "m", "e", "", "", count_peers,
        params=(Param("tag", 0, "a tag"),), scope="batch",
    )  # fmt: skip
    reg = engine.registry().with_rules([batch])
    reports = [Report(path=p, source_kind="text", lines=("x",)) for p in ("a.txt", "b.txt", "c.txt")]
    tags = {"a.txt": 1, "b.txt": 2, "c.txt": 1}

    def settings(path):
        return {"TST900": engine.RuleSettings(True, Severity.INFO, {"tag": tags[path]})}

    found = engine.run(reports, settings, reg=reg)
    assert [(f.location.path, f.context) for f in found] == [
        ("a.txt", {"tag": 1, "peers": 2}),
        ("b.txt", {"tag": 2, "peers": 1}),
        ("c.txt", {"tag": 1, "peers": 2}),
    ]
    assert "TST900" not in engine.registry().rules
