"""The bad and good examples that `disclint explain` and docs/rules show are run: each rule's bad
example must trigger it and its good example must not (with only that rule enabled)."""

from __future__ import annotations

from pathlib import Path

import pytest

from disclint.engine import RuleSettings, registry, run
from disclint.parse import parse_text
from disclint.rule import Rule

CASES = Path(__file__).resolve().parent / "rules"
RULES = [r for r in registry().rules.values() if r.origin == "disclint"]


def _codes(rule: Rule, which: str) -> list[tuple[str, int]]:
    reports = [parse_text(text, f"{which}{i}.txt") for i, text in enumerate(rule.example_documents(which))]
    settings = {rule.code: RuleSettings(True, rule.severity, rule.defaults())}
    return [(f.code, f.location.line) for f in run(reports, settings, "zh")]


@pytest.mark.parametrize("rule", RULES, ids=[r.code for r in RULES])
def test_bad_example_triggers_the_rule_and_good_example_does_not(rule: Rule) -> None:
    if not rule.runnable_examples:
        # input that is not text (PAR001: real file cases), two years of one organ (the
        # cross-year rules: cases of several reports), or values read by OCR (PAR006: cases
        # with the OCR confidence of their lines)
        cases = (CASES / f"{rule.code}.yml").read_text(encoding="utf-8")
        assert any(key in cases for key in ("file_bytes:", "reports:", "ocr_confidence:")), (
            f"{rule.code}: examples not run and no cases"
        )
        return
    assert _codes(rule, "bad"), f"{rule.code}: the bad example does not trigger the rule"
    assert _codes(rule, "good") == [], f"{rule.code}: the good example triggers the rule"
