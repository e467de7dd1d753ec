"""Rule docs, `disclint explain` and `disclint rules`: one source (the rule metadata), never stale."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

import pluggy
import pytest
from click.testing import CliRunner

from disclint import hookspecs
from disclint.docgen import BANNER, builtin_rules, main, pages, stale, write
from disclint.engine import Registry, RuleSettings
from disclint.findings import Severity
from disclint.nodes import Report
from disclint.render.catalogue import explain, explain_text, rule_doc_url, rules_table
from disclint.rule import Param, RuleContext, Violation, rule

REPO = Path(__file__).resolve().parents[1]


def _none(report: Report, ctx: RuleContext) -> Iterable[Violation]:
    return ()


FMT003 = rule(
    "FMT003",
    "legacy-table-format",
    "error",
    summary="A table uses the 60-format layout in a report for a year >= cutoff_year",
    summary_zh="2021年及以后的年报使用了60号文格式的表格",
    message_zh="{year}年度报告的{table}使用了国办公开办函〔2019〕60号格式",
    message_en="the {table} of a {year} report uses the 〔2019〕60号 layout",
    explanation="Since the 2021 report the 〔2021〕30号 format applies.\n\nOld columns are a | sign of copy-paste.",
    bad="信息内容\t本年新制作数量\t本年新公开数量\t对外公开总数量",
    good="信息内容\t本年制发件数\t本年废止件数\t现行有效件数",
    params=[Param("cutoff_year", 2021, "first report year that must use the 30 format")],
)(_none)

ACC001 = rule(
    "ACC001",
    "application-balance",
    "error",
    summary="new + carried over != total handled + carried forward",
    summary_zh="本年新收加上年结转不等于办理总计加结转下年",
    message_zh="{column}：{lhs} ≠ {rhs}",
    message_en="{column}: {lhs} != {rhs}",
    explanation="Every application is either handled or carried forward.",
    bad="一、本年新收政府信息公开申请数量\t3",
    good="一、本年新收政府信息公开申请数量\t2",
)(_none)

CON001 = rule(
    "CON001",
    "missing-contact",
    "warning",
    summary="A required contact field is absent",
    summary_zh="缺少必需的联系方式",
    message_zh="缺少{field}",
    message_en="missing {field}",
    explanation="Readers need a way to reach the disclosure office.",
    bad="地址：北京市东城区",
    good="地址：北京市东城区，邮编：100010",
    params=[Param("required", ["address", "postcode"], "fields that must be present")],
)(_none)


def registry() -> Registry:
    pm = pluggy.PluginManager(hookspecs.PROJECT)
    pm.add_hookspecs(hookspecs)
    return Registry({r.code: r for r in (ACC001, CON001, FMT003)}, [], [], pm)


# --- explain ---------------------------------------------------------------------------------


def test_explain_has_every_part_of_the_rule() -> None:
    text = explain(FMT003, "en")
    assert text.startswith("# FMT003 legacy-table-format\n\n")
    assert "A table uses the 60-format layout" in text
    assert "2021年及以后的年报使用了60号文格式的表格" in text
    assert "- Default severity: error" in text
    assert "| `cutoff_year` | `2021` | first report year that must use the 30 format |" in text
    assert "Old columns are a | sign of copy-paste." in text  # explanation kept as written
    assert "```text\n信息内容\t本年新制作数量\t本年新公开数量\t对外公开总数量\n```" in text
    assert "```text\n信息内容\t本年制发件数\t本年废止件数\t现行有效件数\n```" in text
    assert "- zh: `{year}年度报告的{table}使用了国办公开办函〔2019〕60号格式`" in text
    assert "- en: `the {table} of a {year} report uses the 〔2019〕60号 layout`" in text
    assert text.index("Triggers the rule") < text.index("Passes:")


def test_explain_in_chinese_leads_with_the_chinese_summary() -> None:
    text = explain(ACC001, "zh")
    assert text.splitlines()[2:5] == [
        "本年新收加上年结转不等于办理总计加结转下年",
        "",
        "new + carried over != total handled + carried forward",
    ]
    assert "## 参数\n\n无。" in text
    assert "- 默认级别: error" in text


def test_explain_lists_defaults_as_pack_values() -> None:
    assert '| `required` | `["address", "postcode"]` |' in explain(CON001, "en")


def test_explain_text_has_no_markdown_fences() -> None:
    text = explain_text(CON001, "en")
    assert "```" not in text
    assert '  required = ["address", "postcode"]: fields that must be present' in text
    assert "    地址：北京市东城区，邮编：100010" in text


def test_rule_doc_url_only_for_builtin_rules(monkeypatch: pytest.MonkeyPatch) -> None:
    from dataclasses import replace

    from disclint.render import catalogue

    monkeypatch.setattr(catalogue, "repository_url", lambda: "https://example.org/disclint")
    assert rule_doc_url(ACC001) == "https://example.org/disclint/blob/main/docs/rules/ACC001.md"
    assert rule_doc_url(replace(ACC001, origin="beijing-plugin")) is None


def test_no_rule_doc_url_without_a_declared_repository(monkeypatch: pytest.MonkeyPatch) -> None:
    from disclint.render import catalogue

    monkeypatch.setattr(catalogue, "repository_url", lambda: None)
    assert rule_doc_url(ACC001) is None  # no invented links


# --- disclint rules ----------------------------------------------------------------------------


def test_rules_table_shows_default_and_effective_severity() -> None:
    reg = registry()
    settings = {
        "ACC001": RuleSettings(True, Severity.ERROR),
        "CON001": RuleSettings(True, Severity.ERROR),
        "FMT003": RuleSettings(False, Severity.ERROR),
    }
    lines = rules_table(reg, settings, "en").splitlines()
    assert lines[0].split() == ["CODE", "NAME", "DEFAULT", "EFFECTIVE", "ORIGIN", "SUMMARY"]
    assert lines[1].split()[:5] == ["ACC001", "application-balance", "error", "error", "disclint"]
    assert lines[2].split()[:5] == ["CON001", "missing-contact", "warning", "error", "disclint"]
    assert lines[3].split()[:5] == ["FMT003", "legacy-table-format", "error", "off", "disclint"]
    assert lines[-1] == "3 rules, 2 enabled."
    # the summary column starts at the same place on every line
    starts = {line.index(s) for line, s in zip(lines[1:4], ("new +", "A required", "A table"), strict=True)}
    assert len(starts) == 1


def test_rules_table_in_chinese_aligns_cjk_headers() -> None:
    from disclint.render.text import display_width

    lines = rules_table(registry(), None, "zh").splitlines()
    assert lines[-1] == "共 3 条规则，启用 3 条。"
    summary_at = {
        display_width(line[: line.index(s)]) for line, s in zip(lines[:2], ("说明", "本年新收"), strict=True)
    }
    assert len(summary_at) == 1


# --- docgen -------------------------------------------------------------------------------------


def test_pages_are_the_index_and_one_explain_page_per_rule() -> None:
    generated = pages([FMT003, ACC001, CON001])
    assert list(generated) == ["index.md", "ACC001.md", "CON001.md", "FMT003.md"]
    assert generated["FMT003.md"] == f"{BANNER}\n\n{explain(FMT003, 'en')}"
    index = generated["index.md"]
    assert "3 rules in 3 families." in index
    # families in catalogue order: CON before FMT before ACC
    assert index.index("## CON") < index.index("## FMT") < index.index("## ACC")
    assert "| [FMT003](FMT003.md) | `legacy-table-format` | error |" in index


def test_stale_reports_missing_changed_and_orphaned_pages(tmp_path: Path) -> None:
    generated = pages([ACC001, CON001])
    assert stale(tmp_path, generated) == [tmp_path / n for n in generated]
    write(tmp_path, generated)
    assert stale(tmp_path, generated) == []
    (tmp_path / "CON001.md").write_text("edited by hand\n", encoding="utf-8")
    (tmp_path / "SEC009.md").write_text(f"{BANNER}\n\nold rule\n", encoding="utf-8")
    (tmp_path / "notes.md").write_text("not generated\n", encoding="utf-8")
    assert stale(tmp_path, generated) == [tmp_path / "CON001.md", tmp_path / "SEC009.md"]
    assert write(tmp_path, generated) == [tmp_path / "CON001.md", tmp_path / "SEC009.md"]
    assert not (tmp_path / "SEC009.md").exists()
    assert (tmp_path / "notes.md").exists()
    assert stale(tmp_path, generated) == []


def test_command_line_check_and_write(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import disclint.docgen as docgen

    monkeypatch.setattr(docgen, "builtin_rules", lambda: [ACC001, CON001])
    runner = CliRunner()
    target = tmp_path / "rules"
    result = runner.invoke(main, ["--check", str(target)])
    assert result.exit_code == 1
    assert f"stale: {target / 'index.md'}" in result.output
    result = runner.invoke(main, [str(target)])
    assert result.exit_code == 0
    assert sorted(p.name for p in target.iterdir()) == ["ACC001.md", "CON001.md", "index.md"]
    result = runner.invoke(main, ["--check", str(target)])
    assert result.exit_code == 0, result.output


def test_command_line_reports_broken_rules_without_traceback(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import disclint.docgen as docgen

    def broken() -> list[object]:
        raise ImportError("cannot import name 'cnt' from 'disclint.checks'")

    monkeypatch.setattr(docgen, "builtin_rules", broken)
    result = CliRunner().invoke(main, ["--check", str(tmp_path)])
    assert result.exit_code == 2
    assert "docgen: cannot load the rules: cannot import name 'cnt'" in result.output
    assert "Traceback" not in result.output


def test_repository_rule_docs_are_up_to_date() -> None:
    expected = pages(builtin_rules())
    assert len(expected) > 1, "no built-in rules registered"
    outdated = [str(p.relative_to(REPO)) for p in stale(REPO / "docs" / "rules", expected)]
    assert outdated == [], "docs/rules is stale; run: python -m disclint.docgen docs/rules"
