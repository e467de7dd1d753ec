"""The engine: plugin registration, per-path settings, fingerprints."""

from __future__ import annotations

from collections import Counter

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
    reg = engine.registry()
    assert len(reg.rules) == 31
    assert reg.pm.get_plugin("national") is not None
    assert {r.family for r in reg.rules.values()} == {"PAR", "SEC", "CON", "FMT", "ACC", "DAT", "CNT"}


def test_per_path_settings_apply_to_their_report_only():
    reports = [parse_path(SEEDS / f"{s}.txt") for s in SEED_STEMS]
    defaults = engine.registry().default_settings()
    quiet = {c: engine.RuleSettings(False, s.severity, s.params) for c, s in defaults.items()}
    target = reports[1].path
    findings = engine.run(reports, lambda path: quiet if path == target else defaults)
    assert not any(f.location.path == target for f in findings)
    assert any(f.location.path == reports[2].path for f in findings)
