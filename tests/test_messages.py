"""Messages: every rule's zh and en templates take the arguments its violations give, words are
passed as two-language Texts (never pre-translated ``*_zh`` fragments), and a mismatch is an error."""

from __future__ import annotations

import tempfile
from pathlib import Path

import pytest
from ruamel.yaml import YAML

from disclint import engine, messages
from disclint.engine import registry, run
from disclint.findings import Severity
from disclint.messages import MessageError, Text, fields, joined, render
from disclint.nodes import Report
from disclint.parse import parse_path, parse_text
from disclint.rule import Rule, Violation

from corpus import SEEDS
from report_builder import clean_report, edit

RULES = list(registry().rules.values())
CASES = Path(__file__).resolve().parent / "rules"
_original_message = engine._message  # taken at import, before conftest makes messages strict


@pytest.mark.parametrize("rule", RULES, ids=[r.code for r in RULES])
def test_templates_take_language_neutral_arguments(rule: Rule) -> None:
    names = fields(rule.message_zh) | fields(rule.message_en)
    assert not [n for n in names if n.endswith(("_zh", "_en"))], "pass a Text, not a translated fragment"
    assert rule.message_zh.strip() and rule.message_en.strip()


def _case_reports() -> list[Report]:
    """The seeds and every report text of tests/rules/*.yml (each rule has cases that trigger it)."""
    reports = [parse_path(p) for p in sorted(SEEDS.glob("*.txt"))]
    yaml = YAML(typ="safe")
    for path in sorted(CASES.glob("*.yml")):
        for case in yaml.load(path.read_text(encoding="utf-8"))["cases"]:
            for i, spec in enumerate(case.get("reports", [case])):
                if "file_bytes" in spec:
                    continue
                if "html_str" in spec:  # a grid with blank cells: read by the HTML reader
                    with tempfile.TemporaryDirectory() as tmp:
                        page = Path(tmp) / f"{path.stem}-{case['name']}-{i}.html"
                        page.write_text(str(spec["html_str"]), encoding="utf-8")
                        reports.append(parse_path(page))
                    continue
                if "pass_str" in spec or "fail_str" in spec:
                    text = str(spec.get("pass_str", spec.get("fail_str")))
                else:
                    organ = {"organ": spec["organ"]} if "organ" in spec else {}
                    text = edit(
                        clean_report(int(spec["base"]), **organ),
                        spec.get("replace", ()),
                        spec.get("delete", ()),
                    )
                reports.append(parse_text(text, f"{path.stem}-{case['name']}-{i}.txt"))
    return reports


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_every_rule_fills_its_templates_with_its_arguments(lang: str) -> None:
    found = run(_case_reports(), registry().default_settings(), lang)  # strict: conftest.strict_messages
    builtin = {r.code for r in RULES if r.origin == "disclint"}
    # PAR001: test_par001_speaks_chinese_in_chinese; PAR006 needs OCR confidences (its rule cases)
    assert builtin - {f.code for f in found} <= {"PAR001", "PAR006"}


def test_a_mismatch_is_an_error_and_a_user_run_keeps_going(capsys: pytest.CaptureFixture[str]) -> None:
    broken = Rule(
        "TST901", "broken", Severity.INFO, "s", "s", "缺少{field}", "missing {field}", "e", "", "",
        lambda report, ctx: [Violation(None, {"feild": "fax"})],
    )  # fmt: skip
    with pytest.raises(MessageError, match="field"):
        broken.message("zh", {"feild": "fax"})
    with pytest.raises(MessageError):
        render("{0}", {}, "zh")
    with pytest.raises(MessageError):
        render("{oops", {"oops": 1}, "zh")
    (finding,) = [f for f in _unstrict_run(broken) if f.code == "TST901"]
    assert finding.message == "缺少{field}"
    assert "TST901" in capsys.readouterr().err


def _unstrict_run(rule: Rule) -> list:
    settings = {rule.code: engine.RuleSettings(True, Severity.INFO, {})}
    with pytest.MonkeyPatch.context() as mp:
        mp.setattr(engine, "_message", _original_message)
        return run([parse_text("x\n", "x.txt")], settings, "zh", registry().with_rules([rule]))


def test_texts_render_in_the_language_of_the_run() -> None:
    table = Text("表三（依申请公开）", "table 三 (requests)")
    assert render("{table}有误", {"table": table}, "zh") == "表三（依申请公开）有误"
    assert render("{table} is wrong", {"table": table}, "en") == "table 三 (requests) is wrong"
    parts = joined([Text("传真", "fax"), Text("邮编", "postcode")])
    assert render("{p}", {"p": parts}, "zh") == "传真、邮编"
    assert render("{p}", {"p": parts}, "en") == "fax, postcode"
    assert Text("第{n}部分", "section {n}").format(n=Text("六", "6")) == Text("第六部分", "section 6")


def test_par001_speaks_chinese_in_chinese(tmp_path: Path) -> None:
    missing = tmp_path / "gone.txt"
    (zh,) = [f.message for f in run([parse_path(missing)], registry().default_settings(), "zh")]
    assert zh == f"无法读取文件：{missing} 不存在。"
    (en,) = [f.message for f in run([parse_path(missing)], registry().default_settings(), "en")]
    assert en == f"Cannot read the file: {missing} does not exist."


@pytest.mark.parametrize("rule", RULES, ids=[r.code for r in RULES])
def test_explain_reads_in_chinese_by_default(rule: Rule) -> None:
    from disclint.render.catalogue import explain

    if rule.origin != "disclint":
        return
    assert rule.explanation_zh and rule.explanation
    zh, en = explain(rule), explain(rule, "en")
    assert rule.explanation_zh in zh and rule.explanation not in zh
    assert rule.explanation in en and rule.explanation_zh not in en
    for p in rule.params:
        assert p.description_zh and p.description_zh in zh and p.description in en


@pytest.mark.parametrize(
    "template",
    [
        "{a}与{b}不符",
        "{{literal}} {a:>6} {b:.2f}",
        "{a!r} {b}",
        "{a:>{width}}",
        "{a:>1000}",
        "{b:08.3f}%",
        "",
        "no fields",
    ],
)
@pytest.mark.parametrize("lang", ["zh", "en"])
def test_render_fills_a_template_as_the_safe_formatter_does(template: str, lang: str) -> None:
    args = {"a": Text("表三", "table 三"), "b": 3.14159, "width": 5}
    expected = messages._Formatter(lang).vformat(template, (), dict(args))
    assert render(template, args, lang) == expected


def test_render_refuses_what_the_formatter_refuses() -> None:
    with pytest.raises(MessageError):
        render("{a.zh}", {"a": Text("表", "t")}, "zh")  # no attribute access, quick way or not
    with pytest.raises(MessageError):
        render("{b:d}", {"b": "x"}, "zh")  # a spec that does not fit the value
